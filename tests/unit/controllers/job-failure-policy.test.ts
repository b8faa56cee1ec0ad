import { test } from "node:test";
import assert from "node:assert/strict";
import { cluster, create, get, eventLines, T0 } from "./helpers.ts";
import type { Cluster } from "../../../lab-engine/cluster/cluster.ts";

function job(name: string, script: string, extra: any = {}): any {
  return {
    apiVersion: "batch/v1",
    kind: "Job",
    metadata: { name },
    spec: { template: { spec: { restartPolicy: "Never", containers: [{ name: "main", image: "busybox:1.36", command: ["sh", "-c", script] }] } }, ...extra },
  };
}

function podsOf(c: Cluster, name: string) {
  return c.store
    .list("pods", "default")
    .filter((p) => p.metadata.ownerReferences?.some((r) => r.kind === "Job" && r.name === name))
    .sort((a, b) => Date.parse(a.metadata.creationTimestamp) - Date.parse(b.metadata.creationTimestamp) || (a.metadata.name < b.metadata.name ? -1 : 1));
}

const condLines = (j: any) => (j.status.conditions ?? []).map((k: any) => `${k.type} ${k.status} ${k.reason}: ${k.message}`);

test("podFailurePolicy FailJob on an exit code: FailureTarget then Failed with reason PodFailurePolicy", () => {
  const c = cluster();
  create(c, "jobs", job("pfp", "exit 42", { backoffLimit: 6, podFailurePolicy: { rules: [{ action: "Ignore", onExitCodes: { operator: "In", values: [1] } }, { action: "FailJob", onExitCodes: { containerName: "main", operator: "In", values: [42] } }] } }));
  c.advanceTo(T0 + 60_000);
  const j = get(c, "jobs", "pfp");
  const [p] = podsOf(c, "pfp");
  const msg = `Container main for pod default/${p.metadata.name} failed with exit code 42 matching FailJob rule at index 1`;
  assert.deepEqual(condLines(j), [`FailureTarget True PodFailurePolicy: ${msg}`, `Failed True PodFailurePolicy: ${msg}`]);
  assert.equal(j.status.failed, 1);
  assert.equal(podsOf(c, "pfp").length, 1);
  assert.equal(eventLines(c, "pfp").at(-1), `Warning PodFailurePolicy job-controller: ${msg}`);
});

test("podFailurePolicy Ignore: the failure is not counted against backoffLimit and the pod is replaced after the back-off", () => {
  const c = cluster();
  create(c, "jobs", job("ign", "exit 3", { backoffLimit: 0, podFailurePolicy: { rules: [{ action: "Ignore", onExitCodes: { operator: "In", values: [3] } }] } }));
  c.advanceTo(T0 + 60_000);
  const j = get(c, "jobs", "ign");
  assert.equal(j.status.failed, undefined);
  assert.equal(condLines(j).length, 0);
  const created = podsOf(c, "ign").map((p) => Date.parse(p.metadata.creationTimestamp) - T0);
  assert.ok(created.length >= 3, String(created));
  // 10 s, then 20 s after each failure (the pods run a few seconds).
  assert.ok(created[1] - created[0] >= 10_000 && created[2] - created[1] >= 20_000, String(created));
});

test("podFailurePolicy Count with NotIn, and onPodConditions DisruptionTarget with FailJob", () => {
  const c = cluster();
  create(c, "jobs", job("cnt", "exit 5", { backoffLimit: 1, podFailurePolicy: { rules: [{ action: "Count", onExitCodes: { operator: "NotIn", values: [0, 1] } }] } }));
  c.advanceTo(T0 + 120_000);
  const j = get(c, "jobs", "cnt");
  assert.equal(j.status.failed, 2);
  assert.deepEqual(condLines(j).at(-1), "Failed True BackoffLimitExceeded: Job has reached the specified backoff limit");

  create(c, "jobs", job("dis", "sleep 600", { podFailurePolicy: { rules: [{ action: "FailJob", onPodConditions: [{ type: "DisruptionTarget" }] }] } }));
  c.advanceTo(T0 + 130_000);
  const [p] = podsOf(c, "dis");
  // A preempted pod as the job controller sees it: DisruptionTarget, then phase Failed (the
  // job-tracking finalizer keeps a deleted pod until it is counted; here it is failed in place).
  const cur = JSON.parse(JSON.stringify(get(c, "pods", p.metadata.name)));
  cur.status.conditions.push({ type: "DisruptionTarget", status: "True", lastProbeTime: null, lastTransitionTime: c.isoNow(), reason: "PreemptionByScheduler", message: "default-scheduler: preempting to accommodate a higher priority pod" });
  cur.status.phase = "Failed";
  c.store.put("pods", cur);
  c.advanceTo(T0 + 200_000);
  const d = get(c, "jobs", "dis");
  const tail = condLines(d).at(-1);
  assert.equal(tail, `Failed True PodFailurePolicy: Pod default/${p.metadata.name} has condition DisruptionTarget matching FailJob rule at index 0`);
});

test("back-off counts failures after the last success: 10 s, 20 s, 40 s", () => {
  const c = cluster();
  create(c, "jobs", job("b", "exit 1", { backoffLimit: 3 }));
  c.advanceTo(T0 + 600_000);
  const created = podsOf(c, "b").map((p) => Date.parse(p.metadata.creationTimestamp));
  const finished = podsOf(c, "b").map((p) => Date.parse(p.status.containerStatuses[0].state.terminated.finishedAt));
  assert.equal(created.length, 4);
  assert.deepEqual([1, 2, 3].map((i) => Math.round((created[i] - finished[i - 1]) / 1000)), [10, 20, 40]);
  assert.equal(condLines(get(c, "jobs", "b")).at(-1), "Failed True BackoffLimitExceeded: Job has reached the specified backoff limit");
});
