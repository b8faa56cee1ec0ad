// Job: the batch.kubernetes.io/job-tracking finalizer, backoffLimitPerIndex / maxFailedIndexes
// for Indexed jobs (Kubernetes 1.32).
import { test } from "node:test";
import assert from "node:assert/strict";
import { cluster, create, get, eventLines, T0 } from "./helpers.ts";
import { formatIndexes } from "../../../lab-engine/controllers/job.ts";
import type { Cluster } from "../../../lab-engine/cluster/cluster.ts";

const TRACKING = "batch.kubernetes.io/job-tracking";

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
    .sort((a, b) => Date.parse(a.metadata.creationTimestamp) - Date.parse(b.metadata.creationTimestamp) || a.metadata.name.localeCompare(b.metadata.name));
}

const condLines = (j: any) => (j.status.conditions ?? []).map((k: any) => `${k.type} ${k.status} ${k.reason}: ${k.message}`);
const ix = (p: any) => p.metadata.labels["batch.kubernetes.io/job-completion-index"];

test("completedIndexes/failedIndexes format: ranges of 3+, pairs with a comma", () => {
  assert.equal(formatIndexes([0, 1, 2, 4, 6, 7]), "0-2,4,6,7");
  assert.equal(formatIndexes([1, 2]), "1,2");
  assert.equal(formatIndexes([]), "");
});

test("job pods carry the job-tracking finalizer until counted; a force-deleted pod counts as failed", () => {
  const c = cluster();
  create(c, "jobs", job("t", "sleep 600", { backoffLimit: 2 }));
  c.advanceTo(T0 + 10_000);
  const [p] = podsOf(c, "t");
  assert.deepEqual(p.metadata.finalizers, [TRACKING]);
  assert.equal(p.status.phase, "Running");
  // kubectl delete pod --force --grace-period=0: without the finalizer it would vanish uncounted.
  c.api.delete("pods", "default", p.metadata.name, { gracePeriodSeconds: 0 });
  c.advanceTo(T0 + 10_000);
  assert.equal(c.store.get("pods", "default", p.metadata.name), undefined);
  const j = get(c, "jobs", "t");
  assert.equal(j.status.failed, 1);
  assert.deepEqual(j.status.uncountedTerminatedPods, {});
  // The replacement comes after the 10 s back-off, with the finalizer again.
  c.advanceTo(T0 + 21_000);
  const [q] = podsOf(c, "t");
  assert.notEqual(q.metadata.name, p.metadata.name);
  assert.deepEqual(q.metadata.finalizers, [TRACKING]);
});

test("a succeeded pod loses the finalizer once counted; deleting the Job releases its pods", () => {
  const c = cluster();
  create(c, "jobs", job("ok", "echo done"));
  c.advanceTo(T0 + 30_000);
  const [p] = podsOf(c, "ok");
  assert.equal(p.status.phase, "Succeeded");
  assert.equal(p.metadata.finalizers, undefined);
  assert.equal(get(c, "jobs", "ok").status.succeeded, 1);

  create(c, "jobs", job("long", "sleep 600", { parallelism: 2, completions: 2 }));
  c.advanceTo(T0 + 40_000);
  assert.deepEqual(podsOf(c, "long").map((x) => x.metadata.finalizers), [[TRACKING], [TRACKING]]);
  c.api.delete("jobs", "default", "long", { propagationPolicy: "Background" });
  c.advanceTo(T0 + 40_000);
  for (const x of podsOf(c, "long")) {
    assert.ok(x.metadata.deletionTimestamp);
    assert.equal(x.metadata.finalizers, undefined);
  }
  c.advanceTo(T0 + 80_000);
  assert.deepEqual(podsOf(c, "long"), []);
});

test("backoffLimitPerIndex: failing indexes retried once, then FailedIndexes; the count annotation and the delayed finalizer", () => {
  const c = cluster();
  create(
    c,
    "jobs",
    job("pi", 'test "$JOB_COMPLETION_INDEX" -lt 3 && exit $JOB_COMPLETION_INDEX; echo ok', {
      completionMode: "Indexed",
      completions: 4,
      parallelism: 4,
      backoffLimitPerIndex: 1,
    }),
  );
  assert.equal(get(c, "jobs", "pi").spec.backoffLimit, 2147483647);
  c.advanceTo(T0 + 8_000);
  let pods = podsOf(c, "pi");
  assert.deepEqual(pods.map(ix), ["0", "1", "2", "3"]);
  for (const p of pods) {
    assert.equal(p.metadata.annotations["batch.kubernetes.io/job-index-failure-count"], "0");
    assert.deepEqual(p.spec.containers[0].env, [{ name: "JOB_COMPLETION_INDEX", valueFrom: { fieldRef: { apiVersion: "v1", fieldPath: "metadata.labels['batch.kubernetes.io/job-completion-index']" } } }]);
  }
  const failed1 = pods.filter((p) => p.status.phase === "Failed");
  assert.deepEqual(failed1.map(ix), ["1", "2"]);
  // The failed pods wait for their replacements with the finalizer on, uncounted.
  for (const p of failed1) assert.deepEqual(p.metadata.finalizers, [TRACKING]);
  let j = get(c, "jobs", "pi");
  assert.equal(j.status.failed, undefined);
  assert.equal(j.status.failedIndexes, "");
  assert.equal(j.status.completedIndexes, "0,3");

  c.advanceTo(T0 + 60_000);
  pods = podsOf(c, "pi");
  assert.deepEqual(pods.map((p) => `${ix(p)}:${p.status.phase}:${p.metadata.annotations["batch.kubernetes.io/job-index-failure-count"]}:${(p.metadata.finalizers ?? []).length}`), [
    "0:Succeeded:0:0",
    "1:Failed:0:0",
    "2:Failed:0:0",
    "3:Succeeded:0:0",
    "1:Failed:1:0",
    "2:Failed:1:0",
  ]);
  // Each replacement waited the 10 s back-off from its index's failed pod's finish time
  // (getFinishedTime: the Ready=False transition of the terminal pod, here its start at +0 s).
  for (const i of ["1", "2"]) {
    const [first, second] = pods.filter((p) => ix(p) === i);
    assert.equal(first.status.conditions.find((k: any) => k.type === "Ready").lastTransitionTime, "2026-11-21T22:00:00Z");
    assert.equal(second.metadata.creationTimestamp, "2026-11-21T22:00:10Z", `index ${i}`);
  }
  j = get(c, "jobs", "pi");
  assert.equal(j.status.failed, 4);
  assert.equal(j.status.succeeded, 2);
  assert.equal(j.status.completedIndexes, "0,3");
  assert.equal(j.status.failedIndexes, "1,2");
  assert.deepEqual(condLines(j), ["FailureTarget True FailedIndexes: Job has failed indexes", "Failed True FailedIndexes: Job has failed indexes"]);
  assert.deepEqual(eventLines(c, "pi").filter((l) => !l.includes("SuccessfulCreate")), ["Warning FailedIndexes job-controller: Job has failed indexes"]);
});

test("maxFailedIndexes exceeded: MaxFailedIndexesExceeded, the running indexes are killed and counted as failed", () => {
  const c = cluster();
  create(
    c,
    "jobs",
    job("mx", 'test "$JOB_COMPLETION_INDEX" -gt 0 && test "$JOB_COMPLETION_INDEX" -lt 3 && exit 1; sleep 600', {
      completionMode: "Indexed",
      completions: 5,
      parallelism: 5,
      backoffLimitPerIndex: 0,
      maxFailedIndexes: 1,
    }),
  );
  c.advanceTo(T0 + 8_000);
  let j = get(c, "jobs", "mx");
  assert.equal(j.status.failedIndexes, "1,2");
  assert.deepEqual(condLines(j), ["FailureTarget True MaxFailedIndexesExceeded: Job has exceeded the specified maximal number of failed indexes"]);
  // Indexes 0, 3 and 4 were still running when the job failed: deleted and counted as failed.
  assert.equal(j.status.completedIndexes, undefined);
  assert.equal(j.status.failed, 5);
  assert.equal(j.status.active, undefined);
  c.advanceTo(T0 + 60_000);
  j = get(c, "jobs", "mx");
  assert.deepEqual(condLines(j), [
    "FailureTarget True MaxFailedIndexesExceeded: Job has exceeded the specified maximal number of failed indexes",
    "Failed True MaxFailedIndexesExceeded: Job has exceeded the specified maximal number of failed indexes",
  ]);
  assert.equal(j.status.failedIndexes, "1,2");
  assert.equal(j.status.failed, 5);
  assert.equal(j.status.succeeded, undefined);
  assert.equal(j.status.terminating, 0);
  const warn = eventLines(c, "mx").filter((l) => l.startsWith("Warning"));
  assert.deepEqual(warn, ["Warning MaxFailedIndexesExceeded job-controller: Job has exceeded the specified maximal number of failed indexes"]);
  // Failed pods of a finished Job stay (no finalizer); the killed ones are gone.
  assert.deepEqual(podsOf(c, "mx").map((p) => `${ix(p)}:${p.status.phase}:${(p.metadata.finalizers ?? []).length}`), ["1:Failed:0", "2:Failed:0"]);
});
