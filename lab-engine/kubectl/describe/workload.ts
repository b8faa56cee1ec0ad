// describe for workloads: Deployment, ReplicaSet, ReplicationController, StatefulSet,
// DaemonSet, Job, CronJob.

import type { Cluster } from "../../cluster/cluster.ts";
import type { KObject } from "../../api/types.ts";
import { fromLabelSelector, fromMap, matchesLabels, type LabelSelector } from "../../api/selectors.ts";
import { humanDuration } from "../../util/duration.ts";
import { describeEvents, refFor, searchEvents } from "./events.ts";
import { describePodTemplate, formatLabelSelector, selectorString } from "./pod.ts";
import type { Describer, DescribeSettings } from "./types.ts";
import {
  LEVEL_0,
  LEVEL_1,
  goLess,
  intOrString,
  printAnnotationsMultiline,
  printBoolPtr,
  printController,
  printLabelsMultiline,
  printLabelsMultilineWithIndent,
  qty,
  sortedKeys,
  tabbed,
  timeRFC1123Z,
  type PrefixWriter,
} from "./writer.ts";

function eventsFor(c: Cluster, o: KObject, s: DescribeSettings): KObject[] | undefined {
  return s.showEvents ? searchEvents(c, refFor(o)) : undefined;
}

/** labels.FormatLabels: sorted k=v joined by ",", `<none>` when empty. */
export function formatLabels(m: Record<string, string> | undefined | null): string {
  const keys = sortedKeys(m);
  return keys.length ? keys.map((k) => `${k}=${m![k]}`).join(",") : "<none>";
}

/** getPodStatusForController: phases of the pods matching the selector and controlled by uid. */
function podStatusFor(c: Cluster, ns: string, sel: LabelSelector, uid: string | undefined, matchNothingIfEmpty = false): [number, number, number, number] {
  let running = 0;
  let waiting = 0;
  let succeeded = 0;
  let failed = 0;
  if (matchNothingIfEmpty && sel.length === 0) return [0, 0, 0, 0];
  for (const p of c.store.list("pods", ns)) {
    if (!matchesLabels(sel, p.metadata.labels)) continue;
    const ref = (p.metadata.ownerReferences ?? []).find((r) => r.controller === true);
    if (!ref || ref.uid !== uid) continue;
    switch (p.status?.phase) {
      case "Running":
        running++;
        break;
      case "Pending":
        waiting++;
        break;
      case "Succeeded":
        succeeded++;
        break;
      case "Failed":
        failed++;
        break;
    }
  }
  return [running, waiting, succeeded, failed];
}

function podsStatusLine(n: [number, number, number, number]): string {
  return `${n[0]} Running / ${n[1]} Waiting / ${n[2]} Succeeded / ${n[3]} Failed`;
}

function conditionsTable(conds: any[] | undefined, w: PrefixWriter): void {
  if (!conds?.length) return;
  w.write(LEVEL_0, "Conditions:\n  Type\tStatus\tReason\n");
  w.write(LEVEL_1, "----\t------\t------\n");
  for (const c of conds) w.write(LEVEL_1, `${c.type} \t${c.status}\t${c.reason ?? ""}\n`);
}

// ---- Deployment ------------------------------------------------------------------------------

function canonical(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(canonical);
  if (v && typeof v === "object") {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(v).sort()) {
      const x = canonical((v as any)[k]);
      if (x === undefined || x === null) continue;
      if (typeof x === "object" && !Array.isArray(x) && Object.keys(x as object).length === 0) continue;
      if (Array.isArray(x) && x.length === 0) continue;
      out[k] = x;
    }
    return out;
  }
  return v;
}

function templateKey(t: any): string {
  const copy = JSON.parse(JSON.stringify(t ?? {}));
  if (copy.metadata?.labels) delete copy.metadata.labels["pod-template-hash"];
  return JSON.stringify(canonical(copy));
}

/** deploymentutil.GetAllReplicaSets: (all old RSs, new RS) owned by the deployment. */
export function replicaSetsOf(c: Cluster, d: KObject): { old: KObject[]; newRS: KObject | undefined } {
  const sel = fromLabelSelector(d.spec?.selector);
  const owned = c.store
    .list("replicasets", d.metadata.namespace)
    .filter((rs) => matchesLabels(sel, rs.metadata.labels) && (rs.metadata.ownerReferences ?? []).some((r) => r.controller === true && r.uid === d.metadata.uid));
  const byAge = [...owned].sort((a, b) => Date.parse(a.metadata.creationTimestamp ?? "") - Date.parse(b.metadata.creationTimestamp ?? "") || goLess(a.metadata.name, b.metadata.name));
  const key = templateKey(d.spec?.template);
  const newRS = byAge.find((rs) => templateKey(rs.spec?.template) === key);
  return { old: owned.filter((rs) => rs !== newRS), newRS };
}

function rsList(rss: KObject[]): string {
  const s = rss.map((rs) => `${rs.metadata.name} (${rs.status?.replicas ?? 0}/${rs.spec?.replicas ?? 0} replicas created)`).join(", ");
  return s || "<none>";
}

export const describeDeployment: Describer = (c, d, s) => {
  const events = eventsFor(c, d, s);
  const { old, newRS } = replicaSetsOf(c, d);
  const spec = d.spec ?? {};
  const st = d.status ?? {};
  return tabbed((w) => {
    w.write(LEVEL_0, `Name:\t${d.metadata.name}\n`);
    w.write(LEVEL_0, `Namespace:\t${d.metadata.namespace ?? ""}\n`);
    w.write(LEVEL_0, `CreationTimestamp:\t${timeRFC1123Z(d.metadata.creationTimestamp)}\n`);
    printLabelsMultiline(w, "Labels", d.metadata.labels);
    printAnnotationsMultiline(w, "Annotations", d.metadata.annotations);
    w.write(LEVEL_0, `Selector:\t${selectorString(spec.selector)}\n`);
    w.write(LEVEL_0, `Replicas:\t${spec.replicas ?? 0} desired | ${st.updatedReplicas ?? 0} updated | ${st.replicas ?? 0} total | ${st.availableReplicas ?? 0} available | ${st.unavailableReplicas ?? 0} unavailable\n`);
    w.write(LEVEL_0, `StrategyType:\t${spec.strategy?.type ?? ""}\n`);
    w.write(LEVEL_0, `MinReadySeconds:\t${spec.minReadySeconds ?? 0}\n`);
    const ru = spec.strategy?.rollingUpdate;
    if (ru) w.write(LEVEL_0, `RollingUpdateStrategy:\t${intOrString(ru.maxUnavailable) || "0"} max unavailable, ${intOrString(ru.maxSurge) || "0"} max surge\n`);
    describePodTemplate(spec.template, w);
    conditionsTable(st.conditions, w);
    if (old.length > 0 || newRS) {
      w.write(LEVEL_0, `OldReplicaSets:\t${rsList(old)}\n`);
      w.write(LEVEL_0, `NewReplicaSet:\t${rsList(newRS ? [newRS] : [])}\n`);
    }
    if (events) describeEvents(events, w, s.now);
  });
};

// ---- ReplicaSet / ReplicationController ------------------------------------------------------

export const describeReplicaSet: Describer = (c, rs, s) => {
  const counts = podStatusFor(c, rs.metadata.namespace ?? "", fromLabelSelector(rs.spec?.selector), rs.metadata.uid);
  const events = eventsFor(c, rs, s);
  return tabbed((w) => {
    w.write(LEVEL_0, `Name:\t${rs.metadata.name}\n`);
    w.write(LEVEL_0, `Namespace:\t${rs.metadata.namespace ?? ""}\n`);
    w.write(LEVEL_0, `Selector:\t${formatLabelSelector(rs.spec?.selector)}\n`);
    printLabelsMultiline(w, "Labels", rs.metadata.labels);
    printAnnotationsMultiline(w, "Annotations", rs.metadata.annotations);
    const ctl = printController(rs);
    if (ctl) w.write(LEVEL_0, `Controlled By:\t${ctl}\n`);
    w.write(LEVEL_0, `Replicas:\t${rs.status?.replicas ?? 0} current / ${rs.spec?.replicas ?? 0} desired\n`);
    w.write(LEVEL_0, "Pods Status:\t");
    w.write(LEVEL_0, `${podsStatusLine(counts)}\n`);
    describePodTemplate(rs.spec?.template, w);
    conditionsTable(rs.status?.conditions, w);
    if (events) describeEvents(events, w, s.now);
  });
};

export const describeReplicationController: Describer = (c, rc, s) => {
  const counts = podStatusFor(c, rc.metadata.namespace ?? "", fromMap(rc.spec?.selector), rc.metadata.uid);
  const events = eventsFor(c, rc, s);
  return tabbed((w) => {
    w.write(LEVEL_0, `Name:\t${rc.metadata.name}\n`);
    w.write(LEVEL_0, `Namespace:\t${rc.metadata.namespace ?? ""}\n`);
    w.write(LEVEL_0, `Selector:\t${formatLabels(rc.spec?.selector)}\n`);
    printLabelsMultiline(w, "Labels", rc.metadata.labels);
    printAnnotationsMultiline(w, "Annotations", rc.metadata.annotations);
    w.write(LEVEL_0, `Replicas:\t${rc.status?.replicas ?? 0} current / ${rc.spec?.replicas ?? 0} desired\n`);
    w.write(LEVEL_0, `Pods Status:\t${podsStatusLine(counts)}\n`);
    describePodTemplate(rc.spec?.template, w);
    conditionsTable(rc.status?.conditions, w);
    if (events) describeEvents(events, w, s.now);
  });
};

// ---- StatefulSet / DaemonSet -----------------------------------------------------------------

function describeVolumeClaimTemplates(templates: any[] | undefined, w: PrefixWriter): void {
  if (!templates?.length) {
    w.write(LEVEL_0, "Volume Claims:\t<none>\n");
    return;
  }
  w.write(LEVEL_0, "Volume Claims:\n");
  for (const pvc of templates) {
    w.write(LEVEL_1, `Name:\t${pvc.metadata?.name ?? ""}\n`);
    const cls = pvc.spec?.storageClassName ?? pvc.metadata?.annotations?.["volume.beta.kubernetes.io/storage-class"] ?? "";
    w.write(LEVEL_1, `StorageClass:\t${cls}\n`);
    printLabelsMultilineWithIndent(w, "  ", "Labels", "\t", pvc.metadata?.labels);
    printLabelsMultilineWithIndent(w, "  ", "Annotations", "\t", pvc.metadata?.annotations);
    const cap = pvc.spec?.resources?.requests?.storage;
    w.write(LEVEL_1, `Capacity:\t${cap !== undefined ? qty(cap) : "<default>"}\n`);
    w.write(LEVEL_1, `Access Modes:\t[${(pvc.spec?.accessModes ?? []).join(" ")}]\n`);
  }
}

export const describeStatefulSet: Describer = (c, ps, s) => {
  const spec = ps.spec ?? {};
  const counts = podStatusFor(c, ps.metadata.namespace ?? "", fromLabelSelector(spec.selector), ps.metadata.uid);
  const events = eventsFor(c, ps, s);
  return tabbed((w) => {
    w.write(LEVEL_0, `Name:\t${ps.metadata.name}\n`);
    w.write(LEVEL_0, `Namespace:\t${ps.metadata.namespace ?? ""}\n`);
    w.write(LEVEL_0, `CreationTimestamp:\t${timeRFC1123Z(ps.metadata.creationTimestamp)}\n`);
    w.write(LEVEL_0, `Selector:\t${selectorString(spec.selector)}\n`);
    printLabelsMultiline(w, "Labels", ps.metadata.labels);
    printAnnotationsMultiline(w, "Annotations", ps.metadata.annotations);
    w.write(LEVEL_0, `Replicas:\t${spec.replicas ?? 0} desired | ${ps.status?.replicas ?? 0} total\n`);
    w.write(LEVEL_0, `Update Strategy:\t${spec.updateStrategy?.type ?? ""}\n`);
    const ru = spec.updateStrategy?.rollingUpdate;
    if (ru && ru.partition !== undefined && ru.partition !== null) {
      w.write(LEVEL_1, `Partition:\t${ru.partition}\n`);
      if (ru.maxUnavailable !== undefined && ru.maxUnavailable !== null) w.write(LEVEL_1, `MaxUnavailable:\t${intOrString(ru.maxUnavailable)}\n`);
    }
    w.write(LEVEL_0, `Pods Status:\t${podsStatusLine(counts)}\n`);
    describePodTemplate(spec.template, w);
    describeVolumeClaimTemplates(spec.volumeClaimTemplates, w);
    if (events) describeEvents(events, w, s.now);
  });
};

export const describeDaemonSet: Describer = (c, ds, s) => {
  const spec = ds.spec ?? {};
  const st = ds.status ?? {};
  const counts = podStatusFor(c, ds.metadata.namespace ?? "", fromLabelSelector(spec.selector), ds.metadata.uid);
  const events = eventsFor(c, ds, s);
  return tabbed((w) => {
    w.write(LEVEL_0, `Name:\t${ds.metadata.name}\n`);
    w.write(LEVEL_0, `Selector:\t${selectorString(spec.selector)}\n`);
    w.write(LEVEL_0, `Node-Selector:\t${formatLabels(spec.template?.spec?.nodeSelector)}\n`);
    printLabelsMultiline(w, "Labels", ds.metadata.labels);
    printAnnotationsMultiline(w, "Annotations", ds.metadata.annotations);
    w.write(LEVEL_0, `Desired Number of Nodes Scheduled: ${st.desiredNumberScheduled ?? 0}\n`);
    w.write(LEVEL_0, `Current Number of Nodes Scheduled: ${st.currentNumberScheduled ?? 0}\n`);
    w.write(LEVEL_0, `Number of Nodes Scheduled with Up-to-date Pods: ${st.updatedNumberScheduled ?? 0}\n`);
    w.write(LEVEL_0, `Number of Nodes Scheduled with Available Pods: ${st.numberAvailable ?? 0}\n`);
    w.write(LEVEL_0, `Number of Nodes Misscheduled: ${st.numberMisscheduled ?? 0}\n`);
    w.write(LEVEL_0, `Pods Status:\t${podsStatusLine(counts)}\n`);
    describePodTemplate(spec.template, w);
    if (events) describeEvents(events, w, s.now);
  });
};

// ---- Job / CronJob ---------------------------------------------------------------------------

function capIndexesListOrNone(indexes: string | undefined, softLimit: number): string {
  if (!indexes) return "<none>";
  let ix = softLimit;
  for (; ix < indexes.length; ix++) if (indexes[ix] === ",") break;
  if (ix >= indexes.length) return indexes;
  return indexes.slice(0, ix + 1) + "...";
}

const has = (v: unknown) => v !== undefined && v !== null;

export const describeJob: Describer = (c, job, s) => {
  const spec = job.spec ?? {};
  const st = job.status ?? {};
  const events = eventsFor(c, job, s);
  return tabbed((w) => {
    w.write(LEVEL_0, `Name:\t${job.metadata.name}\n`);
    w.write(LEVEL_0, `Namespace:\t${job.metadata.namespace ?? ""}\n`);
    w.write(LEVEL_0, `Selector:\t${selectorString(spec.selector)}\n`);
    printLabelsMultiline(w, "Labels", job.metadata.labels);
    printAnnotationsMultiline(w, "Annotations", job.metadata.annotations);
    const ctl = printController(job);
    if (ctl) w.write(LEVEL_0, `Controlled By:\t${ctl}\n`);
    if (has(spec.parallelism)) w.write(LEVEL_0, `Parallelism:\t${spec.parallelism}\n`);
    w.write(LEVEL_0, has(spec.completions) ? `Completions:\t${spec.completions}\n` : "Completions:\t<unset>\n");
    if (has(spec.completionMode)) w.write(LEVEL_0, `Completion Mode:\t${spec.completionMode}\n`);
    if (has(spec.suspend)) w.write(LEVEL_0, `Suspend:\t${spec.suspend}\n`);
    if (has(spec.backoffLimit)) w.write(LEVEL_0, `Backoff Limit:\t${spec.backoffLimit}\n`);
    if (has(spec.ttlSecondsAfterFinished)) w.write(LEVEL_0, `TTL Seconds After Finished:\t${spec.ttlSecondsAfterFinished}\n`);
    if (st.startTime) w.write(LEVEL_0, `Start Time:\t${timeRFC1123Z(st.startTime)}\n`);
    if (st.completionTime) w.write(LEVEL_0, `Completed At:\t${timeRFC1123Z(st.completionTime)}\n`);
    if (st.startTime && st.completionTime) w.write(LEVEL_0, `Duration:\t${humanDuration(Date.parse(st.completionTime) - Date.parse(st.startTime))}\n`);
    if (has(spec.activeDeadlineSeconds)) w.write(LEVEL_0, `Active Deadline Seconds:\t${spec.activeDeadlineSeconds}s\n`);
    if (!has(st.ready)) w.write(LEVEL_0, `Pods Statuses:\t${st.active ?? 0} Active / ${st.succeeded ?? 0} Succeeded / ${st.failed ?? 0} Failed\n`);
    else w.write(LEVEL_0, `Pods Statuses:\t${st.active ?? 0} Active (${st.ready} Ready) / ${st.succeeded ?? 0} Succeeded / ${st.failed ?? 0} Failed\n`);
    if (spec.completionMode === "Indexed") w.write(LEVEL_0, `Completed Indexes:\t${capIndexesListOrNone(st.completedIndexes, 50)}\n`);
    describePodTemplate(spec.template, w);
    if (events) describeEvents(events, w, s.now);
  });
};

function describeJobTemplate(jt: any, w: PrefixWriter): void {
  const spec = jt?.spec ?? {};
  w.write(LEVEL_0, spec.selector ? `Selector:\t${selectorString(spec.selector)}\n` : "Selector:\t<unset>\n");
  w.write(LEVEL_0, has(spec.parallelism) ? `Parallelism:\t${spec.parallelism}\n` : "Parallelism:\t<unset>\n");
  w.write(LEVEL_0, has(spec.completions) ? `Completions:\t${spec.completions}\n` : "Completions:\t<unset>\n");
  if (has(spec.activeDeadlineSeconds)) w.write(LEVEL_0, `Active Deadline Seconds:\t${spec.activeDeadlineSeconds}s\n`);
  describePodTemplate(spec.template ?? {}, w);
}

export const describeCronJob: Describer = (c, cj, s) => {
  const spec = cj.spec ?? {};
  const st = cj.status ?? {};
  const events = eventsFor(c, cj, s);
  return tabbed((w) => {
    w.write(LEVEL_0, `Name:\t${cj.metadata.name}\n`);
    w.write(LEVEL_0, `Namespace:\t${cj.metadata.namespace ?? ""}\n`);
    printLabelsMultiline(w, "Labels", cj.metadata.labels);
    printAnnotationsMultiline(w, "Annotations", cj.metadata.annotations);
    w.write(LEVEL_0, `Schedule:\t${spec.schedule ?? ""}\n`);
    w.write(LEVEL_0, `Concurrency Policy:\t${spec.concurrencyPolicy ?? ""}\n`);
    w.write(LEVEL_0, `Suspend:\t${printBoolPtr(spec.suspend)}\n`);
    w.write(LEVEL_0, has(spec.successfulJobsHistoryLimit) ? `Successful Job History Limit:\t${spec.successfulJobsHistoryLimit}\n` : "Successful Job History Limit:\t<unset>\n");
    w.write(LEVEL_0, has(spec.failedJobsHistoryLimit) ? `Failed Job History Limit:\t${spec.failedJobsHistoryLimit}\n` : "Failed Job History Limit:\t<unset>\n");
    w.write(LEVEL_0, has(spec.startingDeadlineSeconds) ? `Starting Deadline Seconds:\t${spec.startingDeadlineSeconds}s\n` : "Starting Deadline Seconds:\t<unset>\n");
    describeJobTemplate(spec.jobTemplate, w);
    w.write(LEVEL_0, st.lastScheduleTime ? `Last Schedule Time:\t${timeRFC1123Z(st.lastScheduleTime)}\n` : "Last Schedule Time:\t<unset>\n");
    w.write(LEVEL_0, "Active Jobs:\t");
    const active: any[] = st.active ?? [];
    if (active.length === 0) w.writeLine("<none>");
    else {
      active.forEach((j, i) => {
        if (i !== 0) w.write(LEVEL_0, ", ");
        w.write(LEVEL_0, j.name ?? "");
      });
      w.writeLine("");
    }
    if (events) describeEvents(events, w, s.now);
  });
};
