// Job controller (pkg/controller/job): runs pods to `completions` with `parallelism`, counts
// successes/failures exactly once, backoffLimit with exponential pod-creation back-off,
// activeDeadlineSeconds, Indexed completion mode with backoffLimitPerIndex/maxFailedIndexes,
// suspend/resume, ttlSecondsAfterFinished, and the 1.32 terminal conditions
// (SuccessCriteriaMet→Complete, FailureTarget→Failed).
//
// Pods carry the batch.kubernetes.io/job-tracking finalizer from creation until the controller
// has counted their completion or failure, so a pod that is deleted (even forced) stays until it
// is counted as failed. The counted UIDs are also kept in controller state so a pod is never
// counted twice. Pods whose Job is gone or finished lose the finalizer (syncOrphanPod).

import type { Controller } from "../cluster/controllers.ts";
import type { Cluster } from "../cluster/cluster.ts";
import type { KObject } from "../api/types.ts";
import { ApiError } from "../api/errors.ts";
import { isPodReady } from "./pod-util.ts";
import { clone, dueOf, idle, minDue, ownedBy, ownerRef, settle } from "./workload-util.ts";

const NAME = "job";
const SRC = { component: "job-controller" };
const INDEX = "batch.kubernetes.io/job-completion-index";
const TRACKING = "batch.kubernetes.io/job-tracking";
const FAILURE_COUNT = "batch.kubernetes.io/job-index-failure-count";
const IGNORED_COUNT = "batch.kubernetes.io/job-index-ignored-failure-count";
const BACKOFF_BASE = 10_000;
const BACKOFF_MAX = 360_000;

interface JobState {
  /** UIDs of pods already counted as succeeded / failed (pods may be deleted afterwards). */
  succeeded: string[];
  failed: string[];
  /** Indexes completed (Indexed mode). */
  indexes: number[];
  /** Failures since the last success and the last failure time (backoffRecord). */
  lastFailureAt?: number;
  failuresAfterSuccess?: number;
  /** Failed pods a podFailurePolicy Ignore rule left uncounted. */
  ignored?: string[];
  /** The first FailJob match of the podFailurePolicy (the FailureTarget message). */
  failJob?: string;
  /** Indexes failed for good (backoffLimitPerIndex): status.failedIndexes. */
  failedIndexes?: number[];
}

/** podFailurePolicy onExitCodes: the first terminated container (then init container) with a matching non-zero code. */
function matchExitCodes(p: KObject, req: any): any | undefined {
  for (const list of [p.status?.containerStatuses ?? [], p.status?.initContainerStatuses ?? []]) {
    for (const cs of list) {
      const t = cs.state?.terminated;
      if (!t) continue;
      if (req.containerName && req.containerName !== cs.name) continue;
      if (!t.exitCode) continue;
      const has = (req.values ?? []).includes(t.exitCode);
      if (req.operator === "In" ? has : req.operator === "NotIn" ? !has : false) return cs;
    }
  }
  return undefined;
}

/** matchPodFailurePolicy: [FailJob message, counts as a failure, action]. */
export function matchPodFailurePolicy(policy: any, p: KObject): { message?: string; count: boolean; action?: string } {
  if (!policy) return { count: true };
  const ns = p.metadata.namespace;
  for (const [i, rule] of (policy.rules ?? []).entries()) {
    let what: string | undefined;
    if (rule.onExitCodes) {
      const cs = matchExitCodes(p, rule.onExitCodes);
      if (cs) what = `Container ${cs.name} for pod ${ns}/${p.metadata.name} failed with exit code ${cs.state.terminated.exitCode} matching ${rule.action} rule at index ${i}`;
    } else if (rule.onPodConditions) {
      const k = (p.status?.conditions ?? []).find((pc: any) => rule.onPodConditions.some((pat: any) => pat.type === pc.type && (pat.status ?? "True") === pc.status));
      if (k) what = `Pod ${ns}/${p.metadata.name} has condition ${k.type} matching ${rule.action} rule at index ${i}`;
    }
    if (what === undefined) continue;
    if (rule.action === "Ignore") return { count: false, action: "Ignore" };
    if (rule.action === "Count") return { count: true, action: "Count" };
    if (rule.action === "FailIndex") return { count: true, action: "FailIndex" };
    if (rule.action === "FailJob") return { message: what, count: true, action: "FailJob" };
  }
  return { count: true };
}

/** onlyReplaceFailedPods: podReplacementPolicy Failed (the default with a podFailurePolicy). */
function onlyReplaceFailed(job: KObject): boolean {
  return job.spec?.podReplacementPolicy === "Failed" || !!job.spec?.podFailurePolicy;
}

function jobState(c: Cluster, job: KObject): JobState {
  const all = (c.state.ctrl[`${NAME}/jobs`] ??= {});
  return (all[job.metadata.uid] ??= { succeeded: [], failed: [], indexes: [] });
}

/** Selector the job's pods carry; works even when the API server did not default it. */
function selectorLabels(job: KObject): Record<string, string> {
  const uid = job.metadata.uid;
  return { "batch.kubernetes.io/controller-uid": uid, "batch.kubernetes.io/job-name": job.metadata.name, "controller-uid": uid, "job-name": job.metadata.name };
}

function finishedCondition(job: KObject): any | undefined {
  return (job.status?.conditions ?? []).find((k: any) => (k.type === "Complete" || k.type === "Failed") && k.status === "True");
}

function cond(type: string, reason: string, message: string, now: string, status = "True"): any {
  return { type, status, lastProbeTime: now, lastTransitionTime: now, reason, message };
}

/** "0-2,4,6,7": the completedIndexes/failedIndexes format (a pair is written "6,7", not "6-7"). */
export function formatIndexes(xs: number[]): string {
  const s = [...new Set(xs)].sort((a, b) => a - b);
  const out: string[] = [];
  for (let i = 0; i < s.length; ) {
    let j = i;
    while (j + 1 < s.length && s[j + 1] === s[j] + 1) j++;
    out.push(j === i ? String(s[i]) : j === i + 1 ? `${s[i]},${s[j]}` : `${s[i]}-${s[j]}`);
    i = j + 1;
  }
  return out.join(",");
}

/** parseInt32 of an index failure-count annotation: 0 when absent, malformed, negative or too big. */
function countAnnotation(p: KObject | undefined, key: string): number {
  const v = p?.metadata.annotations?.[key];
  if (v === undefined || !/^[+-]?\d+$/.test(v)) return 0;
  const n = Number(v);
  return n < 0 || n > 2147483647 ? 0 : n;
}

function newPod(job: KObject, index: number | undefined, replaced?: KObject): KObject {
  const tmpl = job.spec?.template ?? {};
  const spec = clone(tmpl.spec ?? {});
  const labels: Record<string, string> = { ...selectorLabels(job), ...(tmpl.metadata?.labels ?? {}) };
  const annotations: Record<string, string> = { ...(tmpl.metadata?.annotations ?? {}) };
  let generateName = `${job.metadata.name}-`;
  if (index !== undefined) {
    labels[INDEX] = String(index);
    annotations[INDEX] = String(index);
    generateName = `${job.metadata.name}-${index}-`;
    spec.hostname ??= `${job.metadata.name}-${index}`;
    // PodIndexLabel is on in 1.32: the variable reads the pod's index label.
    for (const ctr of [...(spec.initContainers ?? []), ...(spec.containers ?? [])]) {
      if (!(ctr.env ?? []).some((e: any) => e.name === "JOB_COMPLETION_INDEX")) {
        ctr.env = [...(ctr.env ?? []), { name: "JOB_COMPLETION_INDEX", valueFrom: { fieldRef: { apiVersion: "v1", fieldPath: `metadata.labels['${INDEX}']` } } }];
      }
    }
    if (hasBackoffLimitPerIndex(job)) {
      // getNewIndexFailureCounts: the replaced pod's count plus its own failure.
      let failures = 0;
      let ignored = 0;
      if (replaced) {
        failures = countAnnotation(replaced, FAILURE_COUNT);
        ignored = countAnnotation(replaced, IGNORED_COUNT);
        if (matchPodFailurePolicy(job.spec?.podFailurePolicy, replaced).count) failures++;
        else ignored++;
      }
      annotations[FAILURE_COUNT] = String(failures);
      if (ignored > 0) annotations[IGNORED_COUNT] = String(ignored);
    }
  }
  const finalizers = [...(tmpl.metadata?.finalizers ?? [])];
  if (!finalizers.includes(TRACKING)) finalizers.push(TRACKING);
  return {
    apiVersion: "v1",
    kind: "Pod",
    metadata: {
      generateName,
      namespace: job.metadata.namespace,
      labels,
      ...(Object.keys(annotations).length ? { annotations } : {}),
      ownerReferences: [ownerRef(job)],
      finalizers,
    } as any,
    spec,
  };
}

function hasBackoffLimitPerIndex(job: KObject): boolean {
  return job.spec?.completionMode === "Indexed" && job.spec?.backoffLimitPerIndex !== undefined && job.spec?.backoffLimitPerIndex !== null;
}

function tracked(p: KObject): boolean {
  return !!p.metadata.finalizers?.includes(TRACKING);
}

/**
 * Remove the job-tracking finalizer. A pod already deleted goes away with its last finalizer when
 * nothing else holds it (terminal, never scheduled, grace period 0, or its node is gone); a pod
 * still terminating is removed by its kubelet.
 */
function dropTracking(c: Cluster, p: KObject): void {
  const cur = c.store.get("pods", p.metadata.namespace, p.metadata.name);
  if (!cur || cur.metadata.uid !== p.metadata.uid || !tracked(cur)) return;
  const fins = (cur.metadata.finalizers ?? []).filter((f) => f !== TRACKING);
  const metadata: any = { ...cur.metadata };
  if (fins.length) metadata.finalizers = fins;
  else delete metadata.finalizers;
  const node = cur.spec?.nodeName;
  if (metadata.deletionTimestamp && !fins.length && (isTerminalPod(cur) || !node || metadata.deletionGracePeriodSeconds === 0 || c.nodeIsGone(node))) {
    c.store.remove("pods", cur.metadata.namespace, cur.metadata.name);
    c.onDeleted("pods", cur);
    return;
  }
  c.store.put("pods", { ...cur, metadata });
}

function isTerminalPod(p: KObject): boolean {
  return p.status?.phase === "Succeeded" || p.status?.phase === "Failed";
}

/** getFinishedTime: Ready=False of a terminal pod, else the last container finish, else the deletion. */
function finishedAt(p: KObject): number {
  if (isTerminalPod(p)) {
    const r = (p.status?.conditions ?? []).find((k: any) => k.type === "Ready" && k.status === "False");
    if (r?.lastTransitionTime) return Date.parse(r.lastTransitionTime);
  }
  let last: number | undefined;
  for (const cs of p.status?.containerStatuses ?? []) {
    const t = cs.state?.terminated?.finishedAt;
    if (!t) {
      last = undefined;
      break;
    }
    last = Math.max(last ?? 0, Date.parse(t));
  }
  if (last !== undefined) return last;
  if (p.metadata.deletionTimestamp) return Date.parse(p.metadata.deletionTimestamp) - (p.metadata.deletionGracePeriodSeconds ?? 0) * 1000;
  return Date.parse(p.metadata.creationTimestamp);
}

/** getRemainingTimePerIndex: 10 s, 20 s, ... 6 min after the replaced pod finished. */
function indexBackoffUntil(replaced: KObject | undefined): number {
  if (!replaced) return 0;
  const n = countAnnotation(replaced, FAILURE_COUNT) + countAnnotation(replaced, IGNORED_COUNT) + 1;
  return finishedAt(replaced) + Math.min(BACKOFF_BASE * 2 ** (n - 1), BACKOFF_MAX);
}

function podIndex(p: KObject): number | undefined {
  const v = p.metadata.annotations?.[INDEX] ?? p.metadata.labels?.[INDEX];
  return v === undefined ? undefined : Number(v);
}

function deletePod(c: Cluster, job: KObject, p: KObject): void {
  if (p.metadata.deletionTimestamp) return;
  try {
    c.api.delete("pods", p.metadata.namespace, p.metadata.name, {});
    c.events.record(job, "Normal", "SuccessfulDelete", `Deleted pod: ${p.metadata.name}`, SRC);
  } catch {
    /* gone */
  }
}

function restartsOf(p: KObject): number {
  return (p.status?.containerStatuses ?? []).reduce((n: number, s: any) => n + (s.restartCount ?? 0), 0) + (p.status?.initContainerStatuses ?? []).reduce((n: number, s: any) => n + (s.restartCount ?? 0), 0);
}

function syncJob(c: Cluster, job: KObject): number | undefined {
  const ns = job.metadata.namespace!;
  const st = jobState(c, job);
  const now = c.isoNow();
  const finished = finishedCondition(job);

  // ttlSecondsAfterFinished: the TTL controller deletes finished jobs (foreground, pods go too).
  if (finished) {
    const ttl = job.spec?.ttlSecondsAfterFinished;
    if (ttl === undefined || ttl === null || job.metadata.deletionTimestamp) return undefined;
    const at = Date.parse(job.status?.completionTime ?? finished.lastTransitionTime) + ttl * 1000;
    if (at <= c.now) {
      try {
        c.api.delete("jobs", ns, job.metadata.name, { propagationPolicy: "Foreground" });
      } catch {
        /* gone */
      }
      return undefined;
    }
    return at;
  }

  // Pods are ours by controller reference (the selector is only used to adopt orphans in the real
  // controller; jobs here always create their own pods).
  const pods = c.store.list("pods", ns).filter((p) => ownedBy(p, job.metadata.uid));
  // A Job being deleted manages nothing; its pods' finalizers go (canRemoveFinalizer).
  if (job.metadata.deletionTimestamp) {
    for (const p of pods) dropTracking(c, p);
    return undefined;
  }
  const indexed = job.spec?.completionMode === "Indexed";
  const perIndex = hasBackoffLimitPerIndex(job);
  const completions: number | undefined = job.spec?.completions ?? undefined;
  const parallelism: number = job.spec?.parallelism ?? 1;
  const backoffLimit: number = job.spec?.backoffLimit ?? 6;
  const onFailure = job.spec?.template?.spec?.restartPolicy === "OnFailure";
  const policy = job.spec?.podFailurePolicy;
  const validIndex = (p: KObject) => {
    const ix = podIndex(p);
    return ix !== undefined && Number.isInteger(ix) && ix >= 0 && (completions === undefined || ix < completions);
  };
  const isFailed = (p: KObject) =>
    p.status?.phase === "Failed" || (!onlyReplaceFailed(job) && !!p.metadata.deletionTimestamp && p.status?.phase !== "Succeeded" && !job.spec?.suspend && !isBeingCleanedUp(st, p));
  const isActive = (p: KObject) => !p.metadata.deletionTimestamp && !isTerminalPod(p);

  // backoffLimitPerIndex: an index fails for good when a counted failure already carries
  // backoffLimitPerIndex earlier failures (or a FailIndex rule matches).
  const failedIdx = new Set(st.failedIndexes ?? []);
  if (perIndex) {
    for (const p of pods) {
      if (!tracked(p) || !validIndex(p) || !isFailed(p)) continue;
      const m = matchPodFailurePolicy(policy, p);
      if (m.action === "FailIndex" || (m.count && countAnnotation(p, FAILURE_COUNT) >= job.spec.backoffLimitPerIndex)) failedIdx.add(podIndex(p)!);
    }
    st.failedIndexes = [...failedIdx].sort((a, b) => a - b);
  }
  // getPodsWithDelayedDeletionPerIndex: the last failed pod of an index that will be retried keeps
  // its finalizer (and is not counted yet) until its replacement exists, which inherits its count.
  const delayed = new Map<number, KObject>();
  if (perIndex) {
    const activeIdx = new Set(pods.filter(isActive).map(podIndex));
    for (const p of pods) {
      if (!tracked(p) || !validIndex(p) || !isFailed(p)) continue;
      const ix = podIndex(p)!;
      if (st.indexes.includes(ix) || failedIdx.has(ix) || activeIdx.has(ix)) continue;
      const prev = delayed.get(ix);
      const abs = (x: KObject) => countAnnotation(x, FAILURE_COUNT) + countAnnotation(x, IGNORED_COUNT);
      if (!prev || (abs(prev) <= abs(p) && finishedAt(p) >= finishedAt(prev))) delayed.set(ix, p);
    }
  }

  // Count terminal pods once. With a podFailurePolicy a pod fails only in phase Failed (a deleted
  // pod is not a failure until it ends), and the policy decides whether it counts.
  const ignored = new Set(st.ignored ?? []);
  const counted = new Set([...st.succeeded, ...st.failed, ...ignored]);
  let newFailures = 0;
  let newSuccess = false;
  const countFailed = (p: KObject) => {
    const m = matchPodFailurePolicy(policy, p);
    if (m.count) st.failed.push(p.metadata.uid);
    else (st.ignored ??= []).push(p.metadata.uid);
    counted.add(p.metadata.uid);
    if (m.message && st.failJob === undefined) st.failJob = m.message;
    return m;
  };
  for (const p of pods) {
    if (counted.has(p.metadata.uid)) continue;
    if (p.status?.phase === "Succeeded") {
      const idx = podIndex(p);
      if (indexed && idx !== undefined && validIndex(p)) {
        if (!st.indexes.includes(idx)) st.indexes.push(idx);
      }
      st.succeeded.push(p.metadata.uid);
      counted.add(p.metadata.uid);
      newSuccess = true;
    } else if (isFailed(p)) {
      // Not counted until its replacement exists (the global back-off does not apply per index).
      if (indexed && perIndex && delayed.get(podIndex(p)!)?.metadata.uid === p.metadata.uid) continue;
      countFailed(p);
      newFailures++;
    }
  }
  // backoffRecord: failures after the last success delay the next pod 10 s, 20 s, 40 s ... 6 min.
  if (newSuccess && !newFailures) st.failuresAfterSuccess = 0;
  if (newFailures) {
    st.failuresAfterSuccess = (newSuccess ? 0 : (st.failuresAfterSuccess ?? 0)) + newFailures;
    st.lastFailureAt = c.now;
  }
  const active = pods.filter(isActive);
  const succeeded = indexed ? st.indexes.length : st.succeeded.length;

  const status: any = clone(job.status ?? {});
  let conds: any[] = status.conditions ?? [];
  const events: [string, string, string][] = [];
  let due: number | undefined;

  // Suspend / resume.
  const suspended = !!job.spec?.suspend;
  const susCond = conds.find((k) => k.type === "Suspended");
  if (suspended) {
    for (const p of active) {
      markCleanup(st, p);
      // deleteJobPods: the finalizer goes first, the pod does not count as failed.
      dropTracking(c, p);
      deletePod(c, job, p);
    }
    if (susCond?.status !== "True") {
      conds = [...conds.filter((k) => k.type !== "Suspended"), cond("Suspended", "JobSuspended", "Job suspended", now)];
      events.push(["Normal", "Suspended", "Job suspended"]);
    }
  } else if (susCond?.status === "True") {
    conds = conds.map((k) => (k.type === "Suspended" ? cond("Suspended", "JobResumed", "Job resumed", now, "False") : k));
    events.push(["Normal", "Resumed", "Job resumed"]);
    status.startTime = now;
  }
  if (!suspended && !status.startTime) status.startTime = now;

  // Terminal checks.
  let finish: { type: "Complete" | "Failed"; reason: string; message: string } | undefined;
  const failed = st.failed.length;
  const done = completions !== undefined ? succeeded >= completions : succeeded > 0 && active.length === 0;
  const restartFailures = onFailure ? active.reduce((n, p) => n + restartsOf(p), 0) : 0;
  const failedTotal = failedIdx.size;
  const target = conds.find((k) => k.type === "FailureTarget" && k.status === "True");
  if (target) finish = { type: "Failed", reason: target.reason, message: target.message };
  else if (st.failJob !== undefined) finish = { type: "Failed", reason: "PodFailurePolicy", message: st.failJob };
  else if (failed > backoffLimit || (onFailure && (backoffLimit === 0 ? restartFailures > 0 : restartFailures >= backoffLimit) && restartFailures > 0)) {
    finish = { type: "Failed", reason: "BackoffLimitExceeded", message: "Job has reached the specified backoff limit" };
  } else if (!suspended && job.spec?.activeDeadlineSeconds !== undefined && job.spec.activeDeadlineSeconds !== null && status.startTime && Date.parse(status.startTime) + job.spec.activeDeadlineSeconds * 1000 <= c.now) {
    finish = { type: "Failed", reason: "DeadlineExceeded", message: "Job was active longer than specified deadline" };
  } else if (perIndex && job.spec?.maxFailedIndexes !== undefined && job.spec?.maxFailedIndexes !== null && failedTotal > job.spec.maxFailedIndexes) {
    finish = { type: "Failed", reason: "MaxFailedIndexesExceeded", message: "Job has exceeded the specified maximal number of failed indexes" };
  } else if (perIndex && failedTotal > 0 && completions !== undefined && failedTotal + succeeded >= completions) {
    finish = { type: "Failed", reason: "FailedIndexes", message: "Job has failed indexes" };
  } else if (done) finish = { type: "Complete", reason: "CompletionsReached", message: "Reached expected number of succeeded pods" };
  else if (!suspended && job.spec?.activeDeadlineSeconds !== undefined && job.spec.activeDeadlineSeconds !== null && status.startTime) {
    due = Date.parse(status.startTime) + job.spec.activeDeadlineSeconds * 1000;
  }

  if (finish) {
    // deleteActivePods keeps the finalizers: on a failure every pod not yet counted (the ones
    // being deleted included) counts as failed before its finalizer goes.
    for (const p of active) deletePod(c, job, p);
    if (finish.type === "Failed") {
      for (const p of pods) if (!counted.has(p.metadata.uid) && p.status?.phase !== "Succeeded" && !isBeingCleanedUp(st, p)) countFailed(p);
    }
    const interim = finish.type === "Complete" ? "SuccessCriteriaMet" : "FailureTarget";
    if (!conds.some((k) => k.type === interim)) conds = [...conds, cond(interim, finish.reason, finish.message, now)];
    const stillTerminating = c.store.list("pods", ns).some((p) => ownedBy(p, job.metadata.uid) && p.metadata.deletionTimestamp && !isTerminalPod(p));
    if (!stillTerminating || finish.type === "Complete") {
      conds = [...conds, cond(finish.type, finish.reason, finish.message, now)];
      if (finish.type === "Complete") {
        status.completionTime = now;
        events.push(["Normal", "Completed", "Job completed"]);
      } else events.push(["Warning", finish.reason, finish.message]);
      if (job.spec?.ttlSecondsAfterFinished !== undefined && job.spec?.ttlSecondsAfterFinished !== null) due = minDue(due, c.now + job.spec.ttlSecondsAfterFinished * 1000);
    }
  } else if (!suspended) {
    // Create pods up to parallelism, after the failure back-off (per index with backoffLimitPerIndex).
    const n = st.failuresAfterSuccess ?? 0;
    const backoffUntil = !perIndex && st.lastFailureAt !== undefined && n > 0 ? st.lastFailureAt + Math.min(BACKOFF_BASE * 2 ** (n - 1), BACKOFF_MAX) : undefined;
    // Pods still terminating hold their place when only failed pods are replaced.
    const terminatingPods = pods.filter((p) => p.metadata.deletionTimestamp && !isTerminalPod(p));
    const terminating = onlyReplaceFailed(job) ? terminatingPods.length : 0;
    if (backoffUntil !== undefined && backoffUntil > c.now) due = minDue(due, backoffUntil);
    else {
      let want: number;
      if (indexed && completions !== undefined) {
        // firstPendingIndexes: not succeeded, not active, not failed (nor terminating with podReplacementPolicy Failed).
        const busy = new Set([...active.map(podIndex), ...(onlyReplaceFailed(job) ? terminatingPods.map(podIndex) : [])]);
        const room = Math.min(parallelism, completions - succeeded) - active.length - terminating;
        let todo: number[] = [];
        for (let i = 0; i < completions && todo.length < room; i++) if (!st.indexes.includes(i) && !busy.has(i) && !failedIdx.has(i)) todo.push(i);
        if (perIndex) {
          // getPodCreationInfoForIndependentIndexes: indexes whose back-off is over, else wait for the earliest.
          const ready = todo.filter((i) => indexBackoffUntil(delayed.get(i)) <= c.now);
          if (!ready.length && todo.length) due = minDue(due, Math.min(...todo.map((i) => indexBackoffUntil(delayed.get(i)))));
          todo = ready;
        }
        for (const i of todo) create(c, job, i, delayed.get(i));
        want = 0;
      } else if (completions !== undefined) want = Math.min(parallelism, completions - succeeded) - active.length - terminating;
      else want = succeeded > 0 ? 0 : parallelism - active.length - terminating;
      for (let i = 0; i < want; i++) if (!create(c, job, undefined)) break;
    }
  }

  // trackJobStatusAndRemoveFinalizers: counted pods (and all of them once the job is finished)
  // lose the job-tracking finalizer; a delayed pod is counted once its replacement exists.
  const live = c.store.list("pods", ns).filter((p) => ownedBy(p, job.metadata.uid));
  if (perIndex && !finish) {
    const activeIdx = new Set(live.filter(isActive).map(podIndex));
    for (const [ix, p] of delayed) {
      if (activeIdx.has(ix) && !counted.has(p.metadata.uid)) countFailed(p);
    }
  }
  for (const p of live) {
    if (!tracked(p)) continue;
    if (finish || counted.has(p.metadata.uid) || isBeingCleanedUp(st, p)) dropTracking(c, p);
  }

  const after = c.store.list("pods", ns).filter((p) => ownedBy(p, job.metadata.uid));
  const nowActive = after.filter(isActive);
  status.active = nowActive.length;
  if (!status.active) delete status.active;
  const failedNow = st.failed.length;
  if (succeeded) status.succeeded = succeeded;
  if (failedNow) status.failed = failedNow;
  if (indexed) {
    const s = formatIndexes(st.indexes);
    if (s) status.completedIndexes = s;
  }
  if (perIndex) status.failedIndexes = formatIndexes(st.failedIndexes ?? []);
  status.terminating = after.filter((p) => p.metadata.deletionTimestamp && !isTerminalPod(p)).length;
  status.ready = nowActive.filter(isPodReady).length;
  status.uncountedTerminatedPods = {};
  if (conds.length) status.conditions = conds;
  const stored = c.api.writeStatus("jobs", job, status);
  for (const [type, reason, msg] of events) c.events.record(stored, type as any, reason, msg, SRC);
  return due;
}

/**
 * syncOrphanPod: a pod that still has the job-tracking finalizer while its Job is gone (or
 * finished, or not a Job) loses it.
 */
function releaseOrphans(c: Cluster): void {
  for (const p of c.store.list("pods")) {
    if (!tracked(p)) continue;
    const ctl = p.metadata.ownerReferences?.find((r) => r.controller);
    if (ctl && (ctl.kind !== "Job" || ctl.apiVersion !== "batch/v1")) continue;
    const job = ctl ? c.store.get("jobs", p.metadata.namespace, ctl.name) : undefined;
    if (job && job.metadata.uid === ctl?.uid && !finishedCondition(job)) continue;
    dropTracking(c, p);
  }
}

/** Pods we delete ourselves (suspend, job finished) do not count as failures. */
function markCleanup(st: JobState, p: KObject): void {
  const s = st as any;
  (s.cleanup ??= []).push(p.metadata.uid);
}

function isBeingCleanedUp(st: JobState, p: KObject): boolean {
  return ((st as any).cleanup ?? []).includes(p.metadata.uid);
}

function create(c: Cluster, job: KObject, index: number | undefined, replaced?: KObject): boolean {
  try {
    const p = c.api.create("pods", newPod(job, index, replaced), { namespace: job.metadata.namespace });
    c.events.record(job, "Normal", "SuccessfulCreate", `Created pod: ${p.metadata.name}`, SRC);
    return true;
  } catch (e) {
    c.events.record(job, "Warning", "FailedCreate", `Error creating: ${e instanceof ApiError ? e.message : String(e)}`, SRC);
    return false;
  }
}

export const jobController: Controller = {
  name: NAME,
  sync(c: Cluster) {
    if (idle(c, NAME)) return;
    let due: number | undefined;
    const jobs = c.store.list("jobs");
    for (const j of jobs) due = minDue(due, syncJob(c, j));
    releaseOrphans(c);
    // Forget state of jobs that are gone.
    const all = c.state.ctrl[`${NAME}/jobs`] ?? {};
    const uids = new Set(jobs.map((j) => j.metadata.uid));
    for (const k of Object.keys(all)) if (!uids.has(k)) delete all[k];
    settle(c, NAME, due);
  },
  nextDue(c: Cluster) {
    return dueOf(c, NAME);
  },
};
