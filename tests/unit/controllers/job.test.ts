import { test } from "node:test";
import assert from "node:assert/strict";
import { cluster, create, get, eventLines, T0 } from "./helpers.ts";
import { Trace } from "./golden.ts";
import type { Cluster } from "../../../lab-engine/cluster/cluster.ts";

function job(name: string, command: string[], extra: any = {}, image = "busybox:1.36"): any {
  return {
    apiVersion: "batch/v1",
    kind: "Job",
    metadata: { name },
    spec: { template: { spec: { restartPolicy: "Never", containers: [{ name: "main", image, command }] } }, ...extra },
  };
}

function podsOf(c: Cluster, name: string) {
  return c.store.list("pods", "default").filter((p) => p.metadata.ownerReferences?.some((r) => r.kind === "Job" && r.name === name));
}

const condLines = (j: any) => (j.status.conditions ?? []).map((k: any) => `${k.type} ${k.status} ${k.reason}: ${k.message}`);

test("job runs completions with parallelism, golden trace, 1.32 success conditions", () => {
  const c = cluster();
  create(c, "jobs", job("batch", ["sh", "-c", "sleep 5"], { completions: 4, parallelism: 2 }));
  const tr = new Trace(c);
  for (let s = 0; s <= 40; s++) {
    c.advanceTo(T0 + s * 1000);
    const j = get(c, "jobs", "batch");
    const ps = podsOf(c, "batch");
    assert.ok(ps.filter((p) => !["Succeeded", "Failed"].includes(p.status.phase)).length <= 2, "parallelism exceeded");
    tr.step(`active=${j.status.active ?? 0} ready=${j.status.ready} succeeded=${j.status.succeeded ?? 0} conds=${(j.status.conditions ?? []).map((k: any) => k.type).join(",")}`);
  }
  const j = get(c, "jobs", "batch");
  assert.equal(j.status.succeeded, 4);
  assert.deepEqual(condLines(j), [
    "SuccessCriteriaMet True CompletionsReached: Reached expected number of succeeded pods",
    "Complete True CompletionsReached: Reached expected number of succeeded pods",
  ]);
  assert.ok(j.status.startTime && j.status.completionTime);
  assert.deepEqual(j.status.uncountedTerminatedPods, {});
  const p = podsOf(c, "batch")[0];
  assert.match(p.metadata.name, /^batch-[a-z0-9]{5}$/);
  assert.equal(p.metadata.labels!["job-name"], "batch");
  assert.equal(p.metadata.labels!["batch.kubernetes.io/controller-uid"], j.metadata.uid);
  const ev = eventLines(c, "batch");
  assert.equal(ev.filter((l) => l.startsWith("Normal SuccessfulCreate job-controller: Created pod: batch-")).length, 4);
  assert.equal(ev.at(-1), "Normal Completed job-controller: Job completed");
  tr.check("job-parallel");
});

test("backoffLimit: failures counted, then FailureTarget + Failed BackoffLimitExceeded", () => {
  const c = cluster();
  create(c, "jobs", job("bad", ["sh", "-c", "exit 1"], { backoffLimit: 2 }));
  c.advanceTo(T0 + 300_000);
  const j = get(c, "jobs", "bad");
  assert.equal(j.status.failed, 3);
  assert.deepEqual(condLines(j), [
    "FailureTarget True BackoffLimitExceeded: Job has reached the specified backoff limit",
    "Failed True BackoffLimitExceeded: Job has reached the specified backoff limit",
  ]);
  assert.equal(eventLines(c, "bad").at(-1), "Warning BackoffLimitExceeded job-controller: Job has reached the specified backoff limit");
  // Back-off: the second pod starts >= 10 s after the first failure.
  const created = podsOf(c, "bad").map((p) => Date.parse(p.metadata.creationTimestamp)).sort();
  assert.ok(created[1] - created[0] >= 10_000);
  assert.ok(created[2] - created[1] >= 20_000);
});

test("activeDeadlineSeconds kills the job with DeadlineExceeded", () => {
  const c = cluster();
  create(c, "jobs", job("slow", ["sleep", "3600"], { activeDeadlineSeconds: 20 }));
  c.advanceTo(T0 + 60_000);
  const j = get(c, "jobs", "slow");
  assert.deepEqual(condLines(j).at(-1), "Failed True DeadlineExceeded: Job was active longer than specified deadline");
  assert.ok(eventLines(c, "slow").includes("Warning DeadlineExceeded job-controller: Job was active longer than specified deadline"));
  assert.equal(j.status.active, undefined);
});

test("Indexed mode: pod names, index annotation/label, completedIndexes", () => {
  const c = cluster();
  create(c, "jobs", job("idx", ["sh", "-c", "sleep 2"], { completions: 3, parallelism: 3, completionMode: "Indexed" }));
  c.advanceTo(T0 + 60_000);
  const j = get(c, "jobs", "idx");
  assert.equal(j.status.completedIndexes, "0-2");
  assert.equal(j.status.succeeded, 3);
  const ps = podsOf(c, "idx").sort((a, b) => a.metadata.name.localeCompare(b.metadata.name));
  assert.deepEqual(ps.map((p) => p.metadata.annotations!["batch.kubernetes.io/job-completion-index"]), ["0", "1", "2"]);
  assert.match(ps[1].metadata.name, /^idx-1-[a-z0-9]{5}$/);
  assert.equal(ps[1].metadata.labels!["batch.kubernetes.io/job-completion-index"], "1");
});

test("suspend deletes active pods, resume restarts; ttlSecondsAfterFinished deletes the job", () => {
  const c = cluster();
  create(c, "jobs", job("s", ["sh", "-c", "sleep 5"], { suspend: true, ttlSecondsAfterFinished: 30 }));
  c.advanceTo(T0 + 5_000);
  assert.equal(podsOf(c, "s").length, 0);
  assert.deepEqual(condLines(get(c, "jobs", "s")), ["Suspended True JobSuspended: Job suspended"]);
  const j = JSON.parse(JSON.stringify(get(c, "jobs", "s")));
  j.spec.suspend = false;
  c.api.update("jobs", j);
  c.advanceTo(T0 + 20_000);
  const done = get(c, "jobs", "s");
  assert.ok(condLines(done).includes("Suspended False JobResumed: Job resumed"));
  assert.ok(condLines(done).includes("Complete True CompletionsReached: Reached expected number of succeeded pods"));
  assert.deepEqual(eventLines(c, "s").filter((l) => !l.includes("Created pod")), [
    "Normal Suspended job-controller: Job suspended",
    "Normal Resumed job-controller: Job resumed",
    "Normal Completed job-controller: Job completed",
  ]);
  c.advanceTo(T0 + 80_000);
  assert.equal(c.store.get("jobs", "default", "s"), undefined);
});
