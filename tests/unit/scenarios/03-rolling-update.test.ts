import { test } from "node:test";
import assert from "node:assert/strict";
import { Learner } from "./harness.ts";

const HISTORY = (revs: number[]) => `deployment.apps/web \nREVISION  CHANGE-CAUSE\n${revs.map((r) => `${r}         <none>\n`).join("")}\n`;

test("set image rolls out a second ReplicaSet; rollout status, history, undo and --to-revision print like kubectl 1.32", async () => {
  const l = new Learner(5);
  await l.ok("kubectl create deployment web --image=nginx:1.26 --replicas=3");
  const first = await l.ok("kubectl rollout status deployment/web");
  assert.match(first, /^Waiting for deployment "web" rollout to finish: 0 of 3 updated replicas are available\.\.\.\n/);
  assert.match(first, /deployment "web" successfully rolled out\n$/);
  for (const line of first.trimEnd().split("\n").slice(0, -1)) assert.match(line, /^Waiting for deployment "web" rollout to finish: \d of 3 updated replicas are available\.\.\.$/);
  const rs1 = (await l.rows("rs"))[0][0];

  assert.equal(await l.ok("kubectl set image deployment/web nginx=nginx:1.27"), "deployment.apps/web image updated\n");
  const st = await l.ok("kubectl rollout status deployment/web");
  const allowed = [
    /^Waiting for deployment "web" rollout to finish: [0-3] out of 3 new replicas have been updated\.\.\.$/,
    /^Waiting for deployment "web" rollout to finish: [1-3] old replicas are pending termination\.\.\.$/,
    /^Waiting for deployment "web" rollout to finish: [0-2] of 3 updated replicas are available\.\.\.$/,
    /^deployment "web" successfully rolled out$/,
  ];
  for (const line of st.trimEnd().split("\n")) assert.ok(allowed.some((re) => re.test(line)), `unexpected rollout status line: ${line}`);
  assert.match(st, /1 out of 3 new replicas have been updated/);
  assert.match(st, /deployment "web" successfully rolled out\n$/);

  // Two ReplicaSets: the new one with 3, the old one scaled to 0 and kept for rollback.
  const rs = await l.rows("rs");
  assert.equal(rs.length, 2);
  const old = rs.find((r) => r[0] === rs1)!;
  const cur = rs.find((r) => r[0] !== rs1)!;
  assert.deepEqual(old.slice(1, 4), ["0", "0", "0"]);
  assert.deepEqual(cur.slice(1, 4), ["3", "3", "3"]);
  assert.match(cur[0], /^web-[a-z0-9]{6,10}$/);
  assert.equal(await l.ok(`kubectl get rs ${cur[0]} -o jsonpath='{.metadata.annotations.deployment\\.kubernetes\\.io/revision}'`), "2");
  assert.equal(await l.ok(`kubectl get rs ${rs1} -o jsonpath='{.metadata.annotations.deployment\\.kubernetes\\.io/revision}'`), "1");
  const hash = cur[0].slice(4);
  await l.sleep(5); // the last old pod finishes terminating
  for (const p of await l.rows("pods")) assert.ok(p[0].startsWith(`web-${hash}-`), p[0]);
  assert.equal(await l.ok(`kubectl get pods -l pod-template-hash=${hash} --no-headers | wc -l`), "3\n");

  assert.equal(await l.ok("kubectl rollout history deployment/web"), HISTORY([1, 2]));
  const rev2 = await l.ok("kubectl rollout history deployment/web --revision=2");
  assert.match(rev2, /^deployment\.apps\/web with revision #2\nPod Template:\n  Labels:\s+app=web\n\s+pod-template-hash=/);
  assert.match(rev2, /^    Image:\s+nginx:1\.27$/m);

  // Undo goes back to the 1.26 template; its ReplicaSet is reused and becomes revision 3.
  assert.equal(await l.ok("kubectl rollout undo deployment/web"), "deployment.apps/web rolled back\n");
  assert.match(await l.ok("kubectl rollout status deployment/web"), /successfully rolled out\n$/);
  assert.equal(await l.ok("kubectl get deploy web -o jsonpath='{.spec.template.spec.containers[0].image}'"), "nginx:1.26");
  assert.equal(await l.ok("kubectl rollout history deployment/web"), HISTORY([2, 3]));
  assert.equal(await l.ok(`kubectl get rs ${rs1} -o jsonpath='{.spec.replicas}'`), "3");
  assert.equal((await l.rows("rs")).length, 2);

  // --to-revision picks an older template; an unknown revision is an error.
  assert.equal(await l.ok("kubectl rollout undo deployment/web --to-revision=2"), "deployment.apps/web rolled back\n");
  await l.ok("kubectl rollout status deployment/web");
  assert.equal(await l.ok("kubectl get deploy web -o jsonpath='{.spec.template.spec.containers[0].image}'"), "nginx:1.27");
  assert.equal(await l.ok("kubectl rollout history deployment/web"), HISTORY([3, 4]));
  assert.equal(await l.fails("kubectl rollout undo deployment/web --to-revision=9"), "error: unable to find specified revision 9 in history\n");
  assert.equal(await l.ok("kubectl rollout undo deployment/web --to-revision=4"), "deployment.apps/web skipped rollback (current template already matches revision 4)\n");
});

test("an image that never becomes available: rollout status ends with the progress-deadline error", async () => {
  const l = new Learner(6);
  await l.ok("kubectl create deployment web --image=nginx:1.27 --replicas=2");
  await l.ok("kubectl rollout status deployment/web");
  await l.ok("kubectl patch deployment web -p '{\"spec\":{\"progressDeadlineSeconds\":60}}'");
  await l.ok("kubectl set image deployment/web nginx=nginx:0.0.0-missing");
  const r = await l.run("kubectl rollout status deployment/web");
  assert.equal(r.exitCode, 1);
  assert.equal(r.stderr, 'error: deployment "web" exceeded its progress deadline\n');
  assert.match(await l.ok("kubectl describe deploy web"), /^  Progressing +False +ProgressDeadlineExceeded$/m);
  // The old pods keep serving while the new one cannot pull.
  const pods = await l.rows("pods");
  assert.equal(pods.filter((p) => p[2] === "Running").length, 2);
  assert.ok(pods.some((p) => p[2] === "ImagePullBackOff" || p[2] === "ErrImagePull"));
});

test("kubernetes.io/change-cause shows in rollout history", async () => {
  const l = new Learner(7);
  await l.ok("kubectl create deployment web --image=nginx:1.26");
  await l.ok("kubectl rollout status deployment/web");
  assert.equal(await l.ok('kubectl annotate deployment/web kubernetes.io/change-cause="first release"'), "deployment.apps/web annotated\n");
  await l.ok("kubectl set image deployment/web nginx=nginx:1.27");
  await l.ok('kubectl annotate deployment/web kubernetes.io/change-cause="nginx 1.27" --overwrite');
  await l.ok("kubectl rollout status deployment/web");
  assert.equal(await l.ok("kubectl rollout history deployment/web"), "deployment.apps/web \nREVISION  CHANGE-CAUSE\n1         first release\n2         nginx 1.27\n\n");
});
