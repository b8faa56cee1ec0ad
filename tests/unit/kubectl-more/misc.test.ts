import { test } from "node:test";
import assert from "node:assert/strict";
import { Sandbox } from "../../../lab-engine/sandbox/sandbox.ts";
import { VirtualClock } from "../../../lab-engine/clock/clock.ts";

test("autoscale, explain, events, attach", async () => {
  const sb = Sandbox.create({ seed: 1, clock: new VirtualClock() });
  await sb.run("kubectl create deploy web --image=nginx");
  await sb.run("sleep 10");
  assert.deepEqual(await sb.run("kubectl autoscale deployment web --min=2 --max=5 --cpu-percent=80"), { stdout: "horizontalpodautoscaler.autoscaling/web autoscaled\n", stderr: "", exitCode: 0 });
  assert.equal((await sb.run("kubectl get hpa web -o jsonpath='{.spec.minReplicas} {.spec.maxReplicas} {.spec.metrics[0].resource.target.averageUtilization} {.spec.scaleTargetRef.kind}'")).stdout, "2 5 80 Deployment");
  assert.equal((await sb.run("kubectl autoscale deploy web --max=0")).stderr, "error: --max=MAXPODS is required and must be at least 1, max: 0\n");
  assert.equal((await sb.run("kubectl explain pod.foo")).stderr, 'error: field "foo" does not exist\n');
  assert.match((await sb.run("kubectl explain pods")).stdout, /^KIND:       Pod\nVERSION:    v1\n/);
  assert.equal((await sb.run("kubectl events --for deploy/web")).stdout, "LAST SEEN   TYPE     REASON              OBJECT           MESSAGE\n10s         Normal   ScalingReplicaSet   Deployment/web   Scaled up replica set web-6dc5cd68db from 0 to 1\n");
  assert.equal((await sb.run("kubectl events -n nope")).stderr, "No events found in nope namespace.\n");
  assert.match((await sb.run("kubectl attach deploy/web")).stdout, /Configuration complete; ready for start up/);
});
