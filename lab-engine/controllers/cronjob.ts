// CronJob controller (pkg/controller/cronjob, v2): creates `<cj>-<minutes since epoch>` Jobs at
// each schedule time on the simulated clock (nextDue = next schedule time), with
// concurrencyPolicy, startingDeadlineSeconds, suspend, timeZone, history limits, and the real
// event texts.

import type { Controller } from "../cluster/controllers.ts";
import type { Cluster } from "../cluster/cluster.ts";
import type { KObject } from "../api/types.ts";
import { ApiError } from "../api/errors.ts";
import { nextAfter, parseSchedule, tzOffset, type Schedule } from "./cron.ts";
import { clone, idle, minDue, ownedBy, ownerRef, settle } from "./workload-util.ts";

const NAME = "cronjob";
const SRC = { component: "cronjob-controller" };
const SCHEDULED_ANN = "batch.kubernetes.io/cronjob-scheduled-timestamp";

function finished(job: KObject): "Complete" | "Failed" | undefined {
  const k = (job.status?.conditions ?? []).find((x: any) => (x.type === "Complete" || x.type === "Failed") && x.status === "True");
  return k?.type;
}

function rfc3339In(ms: number, tz: string | undefined): string {
  const off = tzOffset(tz, ms);
  const local = new Date(Math.floor((ms + off) / 1000) * 1000).toISOString().replace(/\.\d{3}Z$/, "");
  if (!off) return `${local}Z`;
  const m = Math.abs(off) / 60_000;
  return `${local}${off < 0 ? "-" : "+"}${String(Math.floor(m / 60)).padStart(2, "0")}:${String(m % 60).padStart(2, "0")}`;
}

function rfc1123z(ms: number): string {
  const d = new Date(ms);
  const days = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
  const months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
  const p = (n: number) => String(n).padStart(2, "0");
  return `${days[d.getUTCDay()]}, ${p(d.getUTCDate())} ${months[d.getUTCMonth()]} ${d.getUTCFullYear()} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())} +0000`;
}

/** Delete a job; its event joins the sync's ordered event list (SawCompletedJob comes first, as in syncCronJob). */
function deleteJob(c: Cluster, job: KObject, events: [string, string, string][]): void {
  try {
    c.api.delete("jobs", job.metadata.namespace, job.metadata.name, { propagationPolicy: "Background" });
    events.push(["Normal", "SuccessfulDelete", `Deleted job ${job.metadata.name}`]);
  } catch {
    /* gone */
  }
}

function jobRef(j: KObject): any {
  return { apiVersion: "batch/v1", kind: "Job", name: j.metadata.name, namespace: j.metadata.namespace, resourceVersion: j.metadata.resourceVersion, uid: j.metadata.uid };
}

function syncCronJob(c: Cluster, cj: KObject): number | undefined {
  if (cj.metadata.deletionTimestamp) return undefined;
  const ns = cj.metadata.namespace!;
  const tz: string | undefined = cj.spec?.timeZone || undefined;
  let sched: Schedule;
  try {
    sched = parseSchedule(cj.spec?.schedule ?? "");
  } catch {
    return undefined;
  }
  const status: any = clone(cj.status ?? {});
  const events: [string, string, string][] = [];
  const jobs = c.store.list("jobs", ns).filter((j) => ownedBy(j, cj.metadata.uid));

  // Reconcile the active list with the jobs that exist and are still running.
  const active: any[] = [];
  for (const j of jobs) {
    const f = finished(j);
    const wasActive = (status.active ?? []).some((r: any) => r.uid === j.metadata.uid);
    if (!f) active.push(jobRef(j));
    else if (wasActive) {
      events.push(["Normal", "SawCompletedJob", `Saw completed job: ${j.metadata.name}, condition: ${f}`]);
      if (f === "Complete" && j.status?.completionTime) {
        if (!status.lastSuccessfulTime || status.lastSuccessfulTime < j.status.completionTime) status.lastSuccessfulTime = j.status.completionTime;
      }
    }
  }

  // History limits: oldest finished jobs beyond the limits go.
  const byStart = (a: KObject, b: KObject) => (a.status?.startTime ?? a.metadata.creationTimestamp).localeCompare(b.status?.startTime ?? b.metadata.creationTimestamp);
  const succ = jobs.filter((j) => finished(j) === "Complete").sort(byStart);
  const fail = jobs.filter((j) => finished(j) === "Failed").sort(byStart);
  const succLimit = cj.spec?.successfulJobsHistoryLimit ?? 3;
  const failLimit = cj.spec?.failedJobsHistoryLimit ?? 1;
  const doomed = [...succ.slice(0, Math.max(0, succ.length - succLimit)), ...fail.slice(0, Math.max(0, fail.length - failLimit))];

  let due: number | undefined;
  let replaced: KObject[] = [];
  if (!cj.spec?.suspend) {
    const created = Date.parse(cj.metadata.creationTimestamp);
    let earliest = status.lastScheduleTime ? Date.parse(status.lastScheduleTime) : created;
    const deadline = cj.spec?.startingDeadlineSeconds;
    if (deadline !== undefined && deadline !== null) earliest = Math.max(earliest, c.now - deadline * 1000);
    // Most recent missed schedule time in (earliest, now].
    let t = nextAfter(sched, earliest, tz);
    let latest: number | undefined;
    let missed = 0;
    while (t !== undefined && t <= c.now) {
      latest = t;
      missed++;
      if (missed > 100000) break;
      t = nextAfter(sched, t, tz);
    }
    due = t;
    if (missed > 100) events.push(["Warning", "TooManyMissedTimes", "too many missed start times. Set or decrease .spec.startingDeadlineSeconds or check clock skew"]);
    if (latest !== undefined) {
      const tooLate = deadline !== undefined && deadline !== null && latest + deadline * 1000 < c.now;
      if (tooLate) {
        events.push(["Warning", "MissedSchedule", `Missed scheduled time to start a job: ${rfc1123z(latest)}`]);
      } else if (cj.spec?.concurrencyPolicy === "Forbid" && active.length) {
        events.push(["Normal", "JobAlreadyActive", "Not starting job because prior execution is running and concurrency policy is Forbid"]);
        // Retried on every sync until the window closes; wake on the next schedule.
      } else {
        if (cj.spec?.concurrencyPolicy === "Replace" && active.length) {
          replaced = jobs.filter((j) => active.some((r) => r.uid === j.metadata.uid));
        }
        const name = `${cj.metadata.name}-${Math.floor(latest / 60_000)}`;
        if (!c.store.get("jobs", ns, name)) {
          for (const j of replaced) deleteJob(c, j, events);
          replaced = [];
          const tmpl = cj.spec?.jobTemplate ?? {};
          const job: KObject = {
            apiVersion: "batch/v1",
            kind: "Job",
            metadata: {
              name,
              namespace: ns,
              labels: { ...(tmpl.metadata?.labels ?? {}) },
              annotations: { ...(tmpl.metadata?.annotations ?? {}), [SCHEDULED_ANN]: rfc3339In(latest, tz) },
              ownerReferences: [ownerRef(cj)],
            } as any,
            spec: clone(tmpl.spec ?? {}),
          };
          try {
            const j = c.api.create("jobs", job, { namespace: ns });
            events.push(["Normal", "SuccessfulCreate", `Created job ${j.metadata.name}`]);
            if (cj.spec?.concurrencyPolicy === "Replace") active.length = 0;
            active.push(jobRef(j));
          } catch (e) {
            events.push(["Warning", "FailedCreate", `Error creating job: ${e instanceof ApiError ? e.message : String(e)}`]);
          }
        }
        status.lastScheduleTime = new Date(latest).toISOString().replace(/\.\d{3}Z$/, "Z");
      }
    }
  }
  for (const j of doomed) deleteJob(c, j, events);
  if (active.length) status.active = active;
  else delete status.active;
  const stored = c.api.writeStatus("cronjobs", cj, status);
  const seen: Record<string, string> = (c.state.ctrl[`${NAME}/seen`] ??= {});
  for (const [type, reason, msg] of events) {
    // Warnings about one schedule time repeat on every resync in the real controller; a
    // level-triggered loop here would spin on them, so record each once per schedule time.
    const key = `${cj.metadata.uid}/${reason}`;
    if (["JobAlreadyActive", "MissedSchedule", "TooManyMissedTimes"].includes(reason)) {
      const stamp = status.lastScheduleTime + "|" + msg;
      if (seen[key] === stamp) continue;
      seen[key] = stamp;
    }
    c.events.record(stored, type as any, reason, msg, SRC);
  }
  return due;
}

export const cronJobController: Controller = {
  name: NAME,
  sync(c: Cluster) {
    if (idle(c, NAME)) return;
    let due: number | undefined;
    for (const cj of c.store.list("cronjobs")) due = minDue(due, syncCronJob(c, cj));
    settle(c, NAME, due);
  },
  nextDue(c: Cluster) {
    return c.state.ctrl[NAME]?.due;
  },
};
