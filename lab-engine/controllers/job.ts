// Job controller (pkg/controller/job): runs pods to `completions` with `parallelism`, counts
// successes/failures exactly once (the real controller uses a pod finalizer for that; we keep
// the counted pod UIDs in controller state), backoffLimit with exponential pod-creation back-off,
// activeDeadlineSeconds, Indexed completion mode, suspend/resume, ttlSecondsAfterFinished, and
// the 1.32 terminal conditions (SuccessCriteriaMet→Complete, FailureTarget→Failed).

import type { Controller } from "../cluster/controllers.ts";
import type { Cluster } from "../cluster/cluster.ts";
import type { KObject } from "../api/types.ts";
import { ApiError } from "../api/errors.ts";
import { isPodReady } from "./pod-util.ts";
import { clone, dueOf, idle, minDue, ownedBy, ownerRef, settle } from "./workload-util.ts";

const NAME = "job";
const SRC = { component: "job-controller" };
const INDEX = "batch.kubernetes.io/job-completion-index";
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

/** "0-2,4": the completedIndexes format. */
export function formatIndexes(xs: number[]): string {
  const s = [...new Set(xs)].sort((a, b) => a - b);
  const out: string[] = [];
  for (let i = 0; i < s.length; ) {
    let j = i;
    while (j + 1 < s.length && s[j + 1] === s[j] + 1) j++;
    out.push(j > i ? `${s[i]}-${s[j]}` : String(s[i]));
    i = j + 1;
  }
  return out.join(",");
}

function newPod(job: KObject, index: number | undefined): KObject {
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
    for (const ctr of [...(spec.containers ?? []), ...(spec.initContainers ?? [])]) {
      if (!(ctr.env ?? []).some((e: any) => e.name === "JOB_COMPLETION_INDEX")) {
        ctr.env = [...(ctr.env ?? []), { name: "JOB_COMPLETION_INDEX", valueFrom: { fieldRef: { apiVersion: "v1", fieldPath: `metadata.annotations['${INDEX}']` } } }];
      }
    }
  }
  return {
    apiVersion: "v1",
    kind: "Pod",
    metadata: {
      generateName,
      namespace: job.metadata.namespace,
      labels,
      ...(Object.keys(annotations).length ? { annotations } : {}),
      ownerReferences: [ownerRef(job)],
    } as any,
    spec,
  };
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
  if (job.metadata.deletionTimestamp) return undefined;

  // Pods are ours by controller reference (the selector is only used to adopt orphans in the real
  // controller; jobs here always create their own pods).
  const pods = c.store.list("pods", ns).filter((p) => ownedBy(p, job.metadata.uid));
  const indexed = job.spec?.completionMode === "Indexed";
  const completions: number | undefined = job.spec?.completions ?? undefined;
  const parallelism: number = job.spec?.parallelism ?? 1;
  const backoffLimit: number = job.spec?.backoffLimit ?? 6;
  const onFailure = job.spec?.template?.spec?.restartPolicy === "OnFailure";

  // Count terminal pods once. With a podFailurePolicy a pod fails only in phase Failed (a deleted
  // pod is not a failure until it ends), and the policy decides whether it counts.
  const policy = job.spec?.podFailurePolicy;
  const ignored = new Set(st.ignored ?? []);
  const counted = new Set([...st.succeeded, ...st.failed, ...ignored]);
  let newFailures = 0;
  let newSuccess = false;
  for (const p of pods) {
    if (counted.has(p.metadata.uid)) continue;
    if (p.status?.phase === "Succeeded") {
      const idx = podIndex(p);
      if (indexed && idx !== undefined) {
        if (!st.indexes.includes(idx)) st.indexes.push(idx);
      }
      st.succeeded.push(p.metadata.uid);
      newSuccess = true;
    } else if (p.status?.phase === "Failed" || (!onlyReplaceFailed(job) && p.metadata.deletionTimestamp && p.status?.phase !== "Succeeded" && !job.spec?.suspend && !isBeingCleanedUp(st, p))) {
      const m = matchPodFailurePolicy(policy, p);
      if (m.count) st.failed.push(p.metadata.uid);
      else (st.ignored ??= []).push(p.metadata.uid);
      if (m.message && st.failJob === undefined) st.failJob = m.message;
      newFailures++;
    }
  }
  // backoffRecord: failures after the last success delay the next pod 10 s, 20 s, 40 s ... 6 min.
  if (newSuccess && !newFailures) st.failuresAfterSuccess = 0;
  if (newFailures) {
    st.failuresAfterSuccess = (newSuccess ? 0 : (st.failuresAfterSuccess ?? 0)) + newFailures;
    st.lastFailureAt = c.now;
  }
  const active = pods.filter((p) => !p.metadata.deletionTimestamp && p.status?.phase !== "Succeeded" && p.status?.phase !== "Failed");
  const succeeded = indexed ? st.indexes.length : st.succeeded.length;
  const failed = st.failed.length;

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
  const done = completions !== undefined ? succeeded >= completions : succeeded > 0 && active.length === 0;
  const restartFailures = onFailure ? active.reduce((n, p) => n + restartsOf(p), 0) : 0;
  if (st.failJob !== undefined) finish = { type: "Failed", reason: "PodFailurePolicy", message: st.failJob };
  else if (done) finish = { type: "Complete", reason: "CompletionsReached", message: "Reached expected number of succeeded pods" };
  else if (failed > backoffLimit || (onFailure && (backoffLimit === 0 ? restartFailures > 0 : restartFailures >= backoffLimit) && restartFailures > 0)) {
    finish = { type: "Failed", reason: "BackoffLimitExceeded", message: "Job has reached the specified backoff limit" };
  } else if (!suspended && job.spec?.activeDeadlineSeconds !== undefined && job.spec.activeDeadlineSeconds !== null && status.startTime) {
    const deadline = Date.parse(status.startTime) + job.spec.activeDeadlineSeconds * 1000;
    if (deadline <= c.now) finish = { type: "Failed", reason: "DeadlineExceeded", message: "Job was active longer than specified deadline" };
    else due = deadline;
  }

  if (finish) {
    for (const p of active) {
      markCleanup(st, p);
      deletePod(c, job, p);
    }
    const interim = finish.type === "Complete" ? "SuccessCriteriaMet" : "FailureTarget";
    if (!conds.some((k) => k.type === interim)) conds = [...conds, cond(interim, finish.reason, finish.message, now)];
    const stillTerminating = c.store.list("pods", ns).some((p) => ownedBy(p, job.metadata.uid) && p.metadata.deletionTimestamp && p.status?.phase !== "Succeeded" && p.status?.phase !== "Failed");
    if (!stillTerminating || finish.type === "Complete") {
      conds = [...conds, cond(finish.type, finish.reason, finish.message, now)];
      if (finish.type === "Complete") {
        status.completionTime = now;
        events.push(["Normal", "Completed", "Job completed"]);
      } else events.push(["Warning", finish.reason, finish.message]);
      if (job.spec?.ttlSecondsAfterFinished !== undefined && job.spec?.ttlSecondsAfterFinished !== null) due = minDue(due, c.now + job.spec.ttlSecondsAfterFinished * 1000);
    }
  } else if (!suspended) {
    // Create pods up to parallelism, after the failure back-off.
    const n = st.failuresAfterSuccess ?? 0;
    const backoffUntil = st.lastFailureAt !== undefined && n > 0 ? st.lastFailureAt + Math.min(BACKOFF_BASE * 2 ** (n - 1), BACKOFF_MAX) : undefined;
    // Pods still terminating hold their place when only failed pods are replaced.
    const terminating = onlyReplaceFailed(job) ? pods.filter((p) => p.metadata.deletionTimestamp && p.status?.phase !== "Succeeded" && p.status?.phase !== "Failed").length : 0;
    if (backoffUntil !== undefined && backoffUntil > c.now) due = minDue(due, backoffUntil);
    else {
      let want: number;
      if (indexed && completions !== undefined) {
        const busy = new Set(active.map(podIndex));
        const todo: number[] = [];
        for (let i = 0; i < completions && todo.length + active.length < parallelism; i++) if (!st.indexes.includes(i) && !busy.has(i)) todo.push(i);
        for (const i of todo) create(c, job, i);
        want = 0;
      } else if (completions !== undefined) want = Math.min(parallelism, completions - succeeded) - active.length - terminating;
      else want = succeeded > 0 ? 0 : parallelism - active.length - terminating;
      for (let i = 0; i < want; i++) if (!create(c, job, undefined)) break;
    }
  }

  const live = c.store.list("pods", ns).filter((p) => ownedBy(p, job.metadata.uid));
  const nowActive = live.filter((p) => !p.metadata.deletionTimestamp && p.status?.phase !== "Succeeded" && p.status?.phase !== "Failed");
  status.active = nowActive.length;
  if (!status.active) delete status.active;
  if (succeeded) status.succeeded = succeeded;
  if (failed) status.failed = failed;
  if (indexed) {
    const s = formatIndexes(st.indexes);
    if (s) status.completedIndexes = s;
  }
  status.terminating = live.filter((p) => p.metadata.deletionTimestamp && p.status?.phase !== "Succeeded" && p.status?.phase !== "Failed").length;
  status.ready = nowActive.filter(isPodReady).length;
  status.uncountedTerminatedPods = {};
  if (conds.length) status.conditions = conds;
  const stored = c.api.writeStatus("jobs", job, status);
  for (const [type, reason, msg] of events) c.events.record(stored, type as any, reason, msg, SRC);
  return due;
}

/** Pods we delete ourselves (suspend, job finished) do not count as failures. */
function markCleanup(st: JobState, p: KObject): void {
  const s = st as any;
  (s.cleanup ??= []).push(p.metadata.uid);
}

function isBeingCleanedUp(st: JobState, p: KObject): boolean {
  return ((st as any).cleanup ?? []).includes(p.metadata.uid);
}

function create(c: Cluster, job: KObject, index: number | undefined): boolean {
  try {
    const p = c.api.create("pods", newPod(job, index), { namespace: job.metadata.namespace });
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
