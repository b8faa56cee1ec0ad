import { test } from "node:test";
import assert from "node:assert/strict";
import { Learner, events } from "./harness.ts";

const IMG = "nginx:1.99-doesnotexist";
const PULL_ERR = `Failed to pull image "${IMG}": rpc error: code = NotFound desc = failed to pull and unpack image "docker.io/library/${IMG}": failed to resolve reference "docker.io/library/${IMG}": docker.io/library/${IMG}: not found`;

test("a tag that does not exist: ErrImagePull then ImagePullBackOff with the kubelet's event texts; set image fixes it", async () => {
  const l = new Learner(11);
  await l.ok(`kubectl create deployment web --image=${IMG}`);
  await l.sleep(2);
  const p0 = (await l.rows("pods"))[0];
  assert.equal(p0[2], "ErrImagePull");
  await l.sleep(40);
  const p1 = (await l.rows("pods"))[0];
  assert.deepEqual(p1.slice(1, 4), ["0/1", "ImagePullBackOff", "0"]);

  const d = await l.ok(`kubectl describe pod ${p1[0]}`);
  assert.match(d, /^    State: +Waiting\n      Reason: +ImagePullBackOff$/m);
  const ev = events(d);
  assert.deepEqual(ev.map((e) => [e[0], e[1], e[4]]), [
    ["Normal", "Scheduled", `Successfully assigned default/${p1[0]} to ${await l.ok(`kubectl get pod ${p1[0]} -o jsonpath='{.spec.nodeName}'`)}`],
    ["Normal", "Pulling", `Pulling image "${IMG}"`],
    ["Warning", "Failed", PULL_ERR],
    ["Warning", "Failed", "Error: ErrImagePull"],
    ["Normal", "BackOff", `Back-off pulling image "${IMG}"`],
    ["Warning", "Failed", "Error: ImagePullBackOff"],
  ]);
  for (const e of ev.slice(1)) assert.match(e[2], /^\d+s \(x\d+ over \d+s\)$/);
  assert.equal(ev[0][3], "default-scheduler");
  for (const e of ev.slice(1)) assert.equal(e[3], "kubelet");
  assert.match(await l.ok(`kubectl get pod ${p1[0]} -o jsonpath='{.status.containerStatuses[0].state.waiting.message}'`), new RegExp(`^Back-off pulling image "${IMG.replace(/\./g, "\\.")}": ErrImagePull: `));

  assert.equal(await l.ok("kubectl set image deployment/web nginx=nginx:1.27"), "deployment.apps/web image updated\n");
  assert.match(await l.ok("kubectl rollout status deployment/web --timeout=60s"), /deployment "web" successfully rolled out\n$/);
  await l.sleep(3);
  const after = await l.rows("pods");
  assert.equal(after.length, 1);
  assert.deepEqual(after[0].slice(1, 4), ["1/1", "Running", "0"]);
});

test("a malformed image reference is InvalidImageName", async () => {
  const l = new Learner(12);
  await l.ok("kubectl run bad --image=NGINX:Latest");
  await l.sleep(5);
  assert.match(await l.ok("kubectl get pod bad"), /^bad +0\/1 +InvalidImageName +0 +5s$/m);
});
