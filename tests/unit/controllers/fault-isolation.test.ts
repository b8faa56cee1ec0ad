// A controller that throws: in tests and the CLI the error propagates (bugs fail loudly); with
// the server's Cluster.onControllerError hook the others go on and the sandbox keeps working.
import { test } from "node:test";
import assert from "node:assert/strict";
import { Sandbox } from "../../../lab-engine/sandbox/sandbox.ts";
import { VirtualClock } from "../../../lab-engine/clock/clock.ts";
import { Cluster } from "../../../lab-engine/cluster/cluster.ts";

function withBrokenController(): Sandbox {
  const sb = Sandbox.create({ seed: 1, clock: new VirtualClock() });
  const broken = { name: "broken", sync: () => { throw new Error("boom"); }, nextDue: () => { throw new Error("boom due"); } };
  (sb.cluster as { controllers: unknown[] }).controllers = [broken, ...sb.cluster.controllers];
  return sb;
}

test("without a hook a controller's exception propagates", async () => {
  const sb = withBrokenController();
  await assert.rejects(sb.run("kubectl get pods"), /boom/);
});

test("with the server's hook the error is reported and the other controllers go on", async () => {
  const reported: string[] = [];
  Cluster.onControllerError = (e, name) => reported.push(`${name}: ${(e as Error).message}`);
  try {
    const sb = withBrokenController();
    assert.equal((await sb.run("kubectl create deployment web --image=nginx --replicas=2")).exitCode, 0);
    await sb.run("sleep 20");
    assert.match((await sb.run("kubectl get deploy web")).stdout, /web +2\/2 +2 +2/);
    assert.ok(reported.includes("broken: boom") && reported.includes("broken: boom due"), reported.slice(0, 3).join("; "));
  } finally {
    Cluster.onControllerError = undefined;
  }
});
