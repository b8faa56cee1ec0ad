import { test } from "node:test";
import assert from "node:assert/strict";
import { Learner } from "./harness.ts";

async function setup(seed: number): Promise<{ l: Learner; rs: string; pods: string[] }> {
  const l = new Learner(seed);
  await l.ok("kubectl create deployment web --image=nginx:1.27 --replicas=2");
  await l.ok("kubectl rollout status deployment/web");
  const rs = (await l.rows("rs"))[0][0];
  const pods = (await l.rows("pods")).map((p) => p[0]);
  assert.equal(pods.length, 2);
  return { l, rs, pods };
}

test("--cascade=orphan deletes only the Deployment: the ReplicaSet loses its ownerReference and keeps its pods", async () => {
  const { l, rs, pods } = await setup(27);
  assert.equal(await l.ok("kubectl delete deployment web --cascade=orphan"), 'deployment.apps "web" deleted\n');
  await l.sleep(30);
  assert.equal((await l.run("kubectl get deploy web")).stderr, 'Error from server (NotFound): deployments.apps "web" not found\n');
  assert.deepEqual((await l.rows("rs")).map((r) => r.slice(0, 4)), [[rs, "2", "2", "2"]]);
  assert.equal(await l.ok(`kubectl get rs ${rs} -o jsonpath='{.metadata.ownerReferences}'`), "");
  assert.deepEqual((await l.rows("pods")).map((p) => [p[0], p[2]]), pods.map((p) => [p, "Running"]));
  // The ReplicaSet still manages its pods.
  await l.ok(`kubectl delete pod ${pods[0]}`);
  await l.sleep(10);
  assert.equal((await l.rows("pods")).filter((p) => p[2] === "Running").length, 2);
  // Re-creating the same Deployment adopts the orphaned ReplicaSet (same pod-template-hash).
  await l.ok("kubectl create deployment web --image=nginx:1.27 --replicas=2");
  await l.sleep(5);
  assert.deepEqual((await l.rows("rs")).map((r) => r[0]), [rs]);
  assert.equal(await l.ok(`kubectl get rs ${rs} -o jsonpath='{.metadata.ownerReferences[0].kind}/{.metadata.ownerReferences[0].name}'`), "Deployment/web");
});

test("--cascade=foreground: kubectl returns once the ReplicaSet and pods are gone", async () => {
  const { l } = await setup(28);
  assert.equal(await l.ok("kubectl delete deployment web --cascade=foreground"), 'deployment.apps "web" deleted\n');
  const r = await l.run("kubectl get deploy,rs,pods");
  assert.deepEqual([r.stdout, r.stderr], ["", "No resources found in default namespace.\n"]);
});

test("a foreground delete that does not wait shows the foregroundDeletion finalizer on the Deployment", async () => {
  const { l } = await setup(29);
  await l.ok("kubectl delete deployment web --cascade=foreground --wait=false");
  assert.equal(await l.ok("kubectl get deploy web -o jsonpath='{.metadata.finalizers}'"), '["foregroundDeletion"]');
  assert.notEqual(await l.ok("kubectl get deploy web -o jsonpath='{.metadata.deletionTimestamp}'"), "");
  await l.sleep(10);
  const r = await l.run("kubectl get deploy,rs,pods");
  assert.equal(r.stderr, "No resources found in default namespace.\n");
});

test("--cascade=background (the default): the Deployment goes at once, the garbage collector removes the rest", async () => {
  const { l, pods } = await setup(30);
  assert.equal(await l.ok("kubectl delete deployment web --cascade=background --wait=false"), 'deployment.apps "web" deleted\n');
  assert.equal((await l.run("kubectl get deploy web")).exitCode, 1);
  await l.sleep(1);
  const mid = await l.run("kubectl get rs,pods");
  for (const p of pods) if (mid.stdout.includes(p)) assert.match(mid.stdout, new RegExp(`^pod/${p} +\\d/1 +Terminating `, "m"));
  await l.sleep(10);
  const r = await l.run("kubectl get rs,pods");
  assert.equal(r.stderr, "No resources found in default namespace.\n");
  assert.equal(await l.fails("kubectl delete deployment x --cascade=bogus"), 'error: invalid cascade value (bogus). Must be "background", "foreground", or "orphan".\n');
});
