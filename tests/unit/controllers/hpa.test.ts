import { test } from "node:test";
import assert from "node:assert/strict";
import { cluster, create, get, eventLines, deployment, T0 } from "./helpers.ts";
import { setLoad } from "../../../lab-engine/kubelet/usage.ts";
import type { Cluster } from "../../../lab-engine/cluster/cluster.ts";

function hpa(name: string, min: number, max: number, pct: number): any {
  return {
    apiVersion: "autoscaling/v2",
    kind: "HorizontalPodAutoscaler",
    metadata: { name },
    spec: { scaleTargetRef: { apiVersion: "apps/v1", kind: "Deployment", name }, minReplicas: min, maxReplicas: max, metrics: [{ type: "Resource", resource: { name: "cpu", target: { type: "Utilization", averageUtilization: pct } } }] },
  };
}

function webPods(c: Cluster) {
  return c.store.list("pods", "default").filter((p) => p.metadata.name.startsWith("web-") && !p.metadata.deletionTimestamp);
}

const withRequests = (d: any) => {
  d.spec.template.spec.containers[0].resources = { requests: { cpu: "100m" } };
  return d;
};

test("scale up on cpu load with the real event text, then stabilized scale down after 5 minutes", () => {
  const c = cluster();
  create(c, "deployments", withRequests(deployment("web", 1, "nginx:1.27")));
  c.advanceTo(T0 + 20_000);
  create(c, "horizontalpodautoscalers", hpa("web", 1, 5, 50));
  c.advanceTo(T0 + 21_000);
  let h = get(c, "horizontalpodautoscalers", "web");
  assert.equal(h.status.desiredReplicas, 1);
  assert.deepEqual(h.status.conditions.map((k: any) => `${k.type} ${k.status} ${k.reason}`), ["AbleToScale True ReadyForNewScale", "ScalingActive True ValidMetricFound", "ScalingLimited True TooFewReplicas"]);
  assert.equal(h.status.currentMetrics[0].resource.name, "cpu");
  // 200m on a 100m request = 200% vs 50% target: ratio 4 → 4 replicas (limit: max(1+4, 2*1) = 5).
  for (const p of webPods(c)) setLoad(c, p, 200);
  c.advanceTo(T0 + 40_000);
  assert.equal(get(c, "deployments", "web").spec.replicas, 4);
  assert.equal(eventLines(c, "web").find((l) => l.includes("SuccessfulRescale")), "Normal SuccessfulRescale horizontal-pod-autoscaler: New size: 4; reason: cpu resource utilization (percentage of request) above target");
  // Load gone: stays at 4 for the stabilization window, then drops to 1.
  for (const p of webPods(c)) setLoad(c, p, 0);
  c.advanceTo(T0 + 200_000);
  assert.equal(get(c, "deployments", "web").spec.replicas, 4);
  h = get(c, "horizontalpodautoscalers", "web");
  assert.equal(h.status.conditions[0].reason, "ScaleDownStabilized");
  c.advanceTo(T0 + 400_000);
  assert.equal(get(c, "deployments", "web").spec.replicas, 1);
  assert.ok(eventLines(c, "web").includes("Normal SuccessfulRescale horizontal-pod-autoscaler: New size: 1; reason: All metrics below target"));
});

test("missing cpu requests: FailedGetResourceMetric with the real message", () => {
  const c = cluster();
  create(c, "deployments", deployment("web", 1, "nginx:1.27"));
  c.advanceTo(T0 + 20_000);
  create(c, "horizontalpodautoscalers", hpa("web", 1, 5, 50));
  c.advanceTo(T0 + 21_000);
  const pod = webPods(c)[0].metadata.name;
  const ev = eventLines(c, "web");
  assert.ok(ev.includes(`Warning FailedGetResourceMetric horizontal-pod-autoscaler: failed to get cpu utilization: missing request for cpu in container nginx of Pod ${pod}`), ev.join("\n"));
  const h = get(c, "horizontalpodautoscalers", "web");
  assert.equal(h.status.conditions[1].message, `the HPA was unable to compute the replica count: failed to get cpu resource metric value: failed to get cpu utilization: missing request for cpu in container nginx of Pod ${pod}`);
});
