import { test } from "node:test";
import assert from "node:assert/strict";
import { Sandbox } from "../../../lab-engine/sandbox/sandbox.ts";
import { VirtualClock } from "../../../lab-engine/clock/clock.ts";

test("kubectl get --raw: health endpoints, compact JSON, API errors, no resource arguments", async () => {
  const sb = Sandbox.create({ seed: 1, clock: new VirtualClock() });
  assert.deepEqual(await sb.run("kubectl get --raw /healthz"), { stdout: "ok", stderr: "", exitCode: 0 });
  assert.equal((await sb.run("kubectl get --raw /livez")).stdout, "ok");
  const v = (await sb.run("kubectl get --raw /version")).stdout;
  assert.match(v, /^\{"major":"1","minor":"32","gitVersion":"v1\.32\.\d+",.*\}\n$/);
  assert.equal((await sb.run("kubectl get --raw /api/v1/namespaces/default/pods/nope")).stderr, 'Error from server (NotFound): pods "nope" not found\n');
  assert.deepEqual(await sb.run("kubectl get pods --raw /healthz"), { stdout: "", stderr: "error: arguments may not be passed when --raw is specified\n", exitCode: 1 });
  assert.equal((await sb.run("kubectl get pods")).stderr, "No resources found in default namespace.\n");
});
