import { test } from "node:test";
import assert from "node:assert/strict";
import { Sandbox } from "../../lab-engine/sandbox/sandbox.ts";
import { VirtualClock } from "../../lab-engine/clock/clock.ts";

test("a new sandbox lists the three nodes through kubectl", async () => {
  const sb = Sandbox.create({ seed: 1, clock: new VirtualClock() });
  const r = await sb.run("kubectl get nodes");
  assert.equal(r.exitCode, 0);
  assert.match(r.stdout, /^NAME +STATUS +ROLES +AGE +VERSION\ncontrolplane +Ready +control-plane +60m +v1\.32\.0\nnode01 +Ready +<none> +60m +v1\.32\.0\nnode02 /);
});

test("alias k=kubectl is preset and unknown resource types fail like kubectl", async () => {
  const sb = Sandbox.create({ seed: 1, clock: new VirtualClock() });
  const r = await sb.run("k get pdo");
  assert.equal(r.stderr, 'error: the server doesn\'t have a resource type "pdo"\n');
  assert.equal(r.exitCode, 1);
});

test("snapshot of an idle sandbox is small and restores the same state", async () => {
  const clock = new VirtualClock();
  const sb = Sandbox.create({ seed: 7, clock });
  await sb.run("kubectl create namespace team-a");
  const snap = JSON.stringify(sb.snapshot());
  assert.ok(snap.length < 50_000, `snapshot is ${snap.length} bytes`);
  const back = Sandbox.restore(JSON.parse(snap), clock);
  const r = await back.run("kubectl get ns team-a --no-headers");
  assert.match(r.stdout, /^team-a +Active /);
  assert.deepEqual(back.shell.state.history, ["kubectl create namespace team-a", "kubectl get ns team-a --no-headers"]);
});
