// HorizontalPodAutoscaler (pkg/controller/podautoscaler), autoscaling/v2 semantics: every 15 s
// of simulated time, read pod cpu/memory usage from the kubelet's metrics, compute the replica
// count with the real algorithm (usage ratio, 10% tolerance, missing/unready pod handling),
// apply the default behavior (scale-up 4 pods or 100% per 15 s, scale-down stabilization 300 s),
// clamp to min/max, and report conditions and events with the real texts.

import type { Controller } from "../cluster/controllers.ts";
import type { Cluster } from "../cluster/cluster.ts";
import type { KObject } from "../api/types.ts";
import { fromLabelSelector, matchesLabels } from "../api/selectors.ts";
import { podUsage } from "../kubelet/usage.ts";
import { milliValue } from "../util/quantity.ts";
import { isPodReady } from "./pod-util.ts";
import { clone, writeObject } from "./workload-util.ts";

const NAME = "hpa";
const SRC = { component: "horizontal-pod-autoscaler" };
const PERIOD = 15_000;
const TOLERANCE = 0.1;
const TARGETS: Record<string, { plural: string; group: string }> = {
  Deployment: { plural: "deployments", group: "apps" },
  ReplicaSet: { plural: "replicasets", group: "apps" },
  StatefulSet: { plural: "statefulsets", group: "apps" },
  ReplicationController: { plural: "replicationcontrollers", group: "" },
};

interface HpaState {
  next: number;
  recs: { t: number; r: number }[];
  /** Replica changes applied, for the per-period rate limits. */
  events: { t: number; delta: number }[];
}

function states(c: Cluster): Record<string, HpaState> {
  return (c.state.ctrl[NAME] ??= { hpas: {} }).hpas;
}

/** Metrics of an HPA, with autoscaling/v1's targetCPUUtilizationPercentage mapped to v2. */
function metricsOf(hpa: KObject): any[] {
  if (hpa.spec?.metrics?.length) return hpa.spec.metrics;
  const pct = hpa.spec?.targetCPUUtilizationPercentage ?? 80;
  return [{ type: "Resource", resource: { name: "cpu", target: { type: "Utilization", averageUtilization: pct } } }];
}

function cond(type: string, status: string, reason: string, message: string, prev: any[], now: string): any {
  const old = prev.find((k) => k.type === type);
  return { type, status, lastTransitionTime: old && old.status === status ? old.lastTransitionTime : now, reason, message };
}

interface MetricResult {
  replicas: number;
  name: string;
  status: any;
  error?: string;
}

function requestMilli(ctr: any, res: string): number | undefined {
  const v = ctr.resources?.requests?.[res];
  if (v === undefined) return undefined;
  try {
    return res === "cpu" ? milliValue(String(v)) : milliValue(String(v));
  } catch {
    return undefined;
  }
}

/** replica_calculator.go GetResourceReplicas, for one Resource metric. */
function resourceReplicas(c: Cluster, metric: any, pods: KObject[], current: number): MetricResult {
  const res: string = metric.resource?.name ?? "cpu";
  const target = metric.resource?.target ?? {};
  const utilization = target.type === "Utilization" || (target.averageUtilization !== undefined && target.averageValue === undefined);
  const label = utilization ? `${res} resource utilization (percentage of request)` : `${res} resource`;
  // Usage per pod (milli-units: millicores, or milli-bytes for memory so the maths is uniform).
  const usage = new Map<string, number>();
  for (const p of pods) {
    const u = podUsage(c, p);
    if (!u.length) continue;
    usage.set(p.metadata.uid, u.reduce((n, x) => n + (res === "cpu" ? x.cpuMilli : x.memoryBytes * 1000), 0));
  }
  if (!usage.size) {
    return { replicas: current, name: label, status: undefined, error: `failed to get ${res} utilization: unable to get metrics for resource ${res}: no metrics returned from resource metrics API` };
  }
  const ready: KObject[] = [];
  const unready: KObject[] = [];
  const missing: KObject[] = [];
  for (const p of pods) {
    if (!usage.has(p.metadata.uid)) missing.push(p);
    else if (res === "cpu" && !isPodReady(p)) unready.push(p);
    else ready.push(p);
  }
  const req = (p: KObject): number | undefined => {
    let sum = 0;
    for (const ctr of p.spec?.containers ?? []) {
      const r = requestMilli(ctr, res);
      if (r === undefined) return undefined;
      sum += r;
    }
    return sum;
  };
  if (utilization) {
    for (const p of pods) {
      if (req(p) === undefined) {
        const ctr = (p.spec?.containers ?? []).find((x: any) => requestMilli(x, res) === undefined);
        return { replicas: current, name: label, status: undefined, error: `failed to get ${res} utilization: missing request for ${res} in container ${ctr?.name} of Pod ${p.metadata.name}` };
      }
    }
  }
  const sumUsage = (ps: KObject[]) => ps.reduce((n, p) => n + (usage.get(p.metadata.uid) ?? 0), 0);
  const sumReq = (ps: KObject[]) => ps.reduce((n, p) => n + (req(p) ?? 0), 0);
  const withMetrics = [...ready, ...unready].filter((p) => usage.has(p.metadata.uid));
  const totalUsage = sumUsage(withMetrics);
  const avgValue = totalUsage / Math.max(1, withMetrics.length);
  const readyUsage = sumUsage(ready);
  let ratio: number;
  let currentUtil = 0;
  if (utilization) {
    const requests = sumReq(ready);
    currentUtil = requests ? Math.floor((readyUsage * 100) / requests) : 0;
    ratio = currentUtil / (target.averageUtilization ?? 80);
    // Status reports utilization over all pods with metrics.
    const allReq = sumReq(withMetrics);
    currentUtil = allReq ? Math.floor((totalUsage * 100) / allReq) : 0;
  } else {
    const t = milliValue(String(target.averageValue ?? "0")) * (res === "cpu" ? 1 : 1);
    ratio = t ? readyUsage / (t * Math.max(1, ready.length)) : 0;
  }
  const fmtValue = (v: number) => (res === "cpu" ? `${Math.round(v)}m` : String(Math.round(v / 1000)));
  const status = {
    type: "Resource",
    resource: { name: res, current: utilization ? { averageUtilization: currentUtil, averageValue: fmtValue(avgValue) } : { averageValue: fmtValue(avgValue) } },
  };
  const readyCount = ready.length;
  if (!unready.length && !missing.length) {
    if (Math.abs(1 - ratio) <= TOLERANCE) return { replicas: current, name: label, status };
    return { replicas: Math.ceil(ratio * readyCount), name: label, status };
  }
  // Conservative treatment: missing pods count as 100% (scale down) or 0% (scale up); unready as 0%.
  const targetPer = utilization ? (target.averageUtilization ?? 80) : 100;
  let numUsage = utilization ? (readyCount ? ratio * targetPer * readyCount : 0) : ratio * 100 * readyCount;
  let count = readyCount;
  if (ratio < 1) {
    numUsage += missing.length * targetPer;
    count += missing.length;
  } else if (ratio > 1) {
    count += missing.length + unready.length;
  }
  const newRatio = count ? numUsage / (targetPer * count) : 0;
  if (Math.abs(1 - newRatio) <= TOLERANCE || (ratio < 1 && newRatio > 1) || (ratio > 1 && newRatio < 1)) return { replicas: current, name: label, status };
  const replicas = Math.ceil(newRatio * count);
  return { replicas, name: label, status };
}

function syncHpa(c: Cluster, hpa: KObject, st: HpaState): void {
  const ns = hpa.metadata.namespace!;
  const now = c.isoNow();
  const prev: any[] = hpa.status?.conditions ?? [];
  const ref = hpa.spec?.scaleTargetRef ?? {};
  const tk = TARGETS[ref.kind];
  const target = tk ? c.store.get(tk.plural, ns, ref.name) : undefined;
  const status: any = { ...(hpa.status ?? {}), observedGeneration: hpa.metadata.generation ?? 1 };
  delete status.conditions;
  if (!target) {
    const what = tk ? `${tk.group ? `${tk.plural}.${tk.group}` : tk.plural} "${ref.name}" not found` : `no matches for kind "${ref.kind}"`;
    const msg = `the HPA controller was unable to get the target's current scale: ${what}`;
    status.conditions = [cond("AbleToScale", "False", "FailedGetScale", msg, prev, now)];
    status.currentReplicas = status.currentReplicas ?? 0;
    status.desiredReplicas = status.desiredReplicas ?? 0;
    c.api.writeStatus("horizontalpodautoscalers", hpa, status);
    c.events.record(hpa, "Warning", "FailedGetScale", what, SRC);
    return;
  }
  const current: number = target.spec?.replicas ?? 1;
  const min: number = hpa.spec?.minReplicas ?? 1;
  const max: number = hpa.spec?.maxReplicas ?? current;
  status.currentReplicas = current;
  if (current === 0 && min !== 0) {
    status.desiredReplicas = 0;
    status.conditions = [
      cond("AbleToScale", "True", "SucceededGetScale", "the HPA controller was able to get the target's current scale", prev, now),
      cond("ScalingActive", "False", "ScalingDisabled", "scaling is disabled since the replica count of the target is zero", prev, now),
    ];
    c.api.writeStatus("horizontalpodautoscalers", hpa, status);
    return;
  }
  const sel = fromLabelSelector(target.spec?.selector?.matchLabels || target.spec?.selector?.matchExpressions ? target.spec.selector : { matchLabels: target.spec?.selector ?? {} });
  const pods = c.store.list("pods", ns).filter((p) => !p.metadata.deletionTimestamp && p.status?.phase !== "Failed" && p.status?.phase !== "Succeeded" && matchesLabels(sel, p.metadata.labels));

  // Evaluate every metric; the largest proposal wins.
  const results = metricsOf(hpa)
    .filter((m) => m.type === "Resource" || m.type === "ContainerResource")
    .map((m) => resourceReplicas(c, m.type === "ContainerResource" ? { resource: m.containerResource } : m, pods, current));
  const errors = results.filter((r) => r.error);
  const good = results.filter((r) => !r.error);
  status.currentMetrics = results.map((r) => r.status ?? { type: "Resource", resource: { name: r.name.split(" ")[0], current: {} } });
  if (!good.length) {
    const e = errors[0]?.error ?? "no metrics";
    const full = `failed to get ${e.split(" ")[3] ?? "cpu"} resource metric value: ${e}`;
    c.events.record(hpa, "Warning", "FailedGetResourceMetric", e, SRC);
    c.events.record(hpa, "Warning", "FailedComputeMetricsReplicas", `invalid metrics (${errors.length} invalid out of ${results.length}), first error is: ${full}`, SRC);
    status.desiredReplicas = status.desiredReplicas ?? current;
    status.conditions = [
      cond("AbleToScale", "True", "SucceededGetScale", "the HPA controller was able to get the target's current scale", prev, now),
      cond("ScalingActive", "False", "FailedGetResourceMetric", `the HPA was unable to compute the replica count: ${full}`, prev, now),
    ];
    c.api.writeStatus("horizontalpodautoscalers", hpa, status);
    return;
  }
  let proposal = 0;
  let metricName = "";
  for (const r of good) {
    if (r.replicas > proposal) {
      proposal = r.replicas;
      metricName = r.name;
    }
  }
  let reason = proposal > current ? `${metricName} above target` : "All metrics below target";

  // Stabilization (behavior defaults: up 0 s, down 300 s).
  const upWin = (hpa.spec?.behavior?.scaleUp?.stabilizationWindowSeconds ?? 0) * 1000;
  const downWin = (hpa.spec?.behavior?.scaleDown?.stabilizationWindowSeconds ?? 300) * 1000;
  let up = proposal;
  let down = proposal;
  for (const rec of st.recs) {
    if (rec.t > c.now - upWin) up = Math.min(up, rec.r);
    if (rec.t > c.now - downWin) down = Math.max(down, rec.r);
  }
  st.recs = [...st.recs.filter((r) => r.t > c.now - Math.max(upWin, downWin)), { t: c.now, r: proposal }];
  let stabilized = current;
  if (stabilized < up) stabilized = up;
  if (stabilized > down) stabilized = down;
  const heldBack = stabilized !== proposal && proposal < current;

  // Rate limits per 15 s period, then min/max.
  const periodStart = c.now - PERIOD;
  st.events = st.events.filter((e) => e.t > c.now - 1800_000);
  const addedInPeriod = st.events.filter((e) => e.t > periodStart && e.delta > 0).reduce((n, e) => n + e.delta, 0);
  const base = current - addedInPeriod;
  const upPolicies = hpa.spec?.behavior?.scaleUp?.policies ?? [{ type: "Pods", value: 4, periodSeconds: 15 }, { type: "Percent", value: 100, periodSeconds: 15 }];
  const upLimits = upPolicies.map((p: any) => (p.type === "Pods" ? base + p.value : Math.ceil(base * (1 + p.value / 100))));
  const upLimit = (hpa.spec?.behavior?.scaleUp?.selectPolicy ?? "Max") === "Min" ? Math.min(...upLimits) : Math.max(...upLimits);
  let desired = stabilized;
  let limited: any;
  if (desired > current && desired > upLimit) {
    desired = Math.max(current, upLimit);
    limited = ["True", "ScaleUpLimit", "the desired replica count is increasing faster than the maximum scale rate"];
  }
  if (desired > max) {
    desired = max;
    limited = ["True", "TooManyReplicas", "the desired replica count is more than the maximum replica count"];
    if (current > max) reason = "Current number of replicas above Spec.MaxReplicas";
  } else if (desired < min) {
    desired = min;
    limited = ["True", "TooFewReplicas", "the desired replica count is less than the minimum replica count"];
    if (current < min) reason = "Current number of replicas below Spec.MinReplicas";
  }
  limited ??= ["False", "DesiredWithinRange", "the desired count is within the acceptable range"];

  let able: any[];
  if (desired !== current) {
    const upd = clone(target);
    upd.spec.replicas = desired;
    writeObject(c, tk!.plural, upd);
    st.events.push({ t: c.now, delta: desired - current });
    status.lastScaleTime = now;
    c.events.record(hpa, "Normal", "SuccessfulRescale", `New size: ${desired}; reason: ${reason}`, SRC);
    able = ["True", "SucceededRescale", `the HPA controller was able to update the target scale to ${desired}`];
  } else if (heldBack) {
    able = ["True", "ScaleDownStabilized", "recent recommendations were higher than current one, applying the highest recent recommendation"];
  } else {
    able = ["True", "ReadyForNewScale", "recommended size matches current size"];
  }
  status.desiredReplicas = desired;
  status.conditions = [
    cond("AbleToScale", able[0], able[1], able[2], prev, now),
    cond("ScalingActive", "True", "ValidMetricFound", `the HPA was able to successfully calculate a replica count from ${metricName}`, prev, now),
    cond("ScalingLimited", limited[0], limited[1], limited[2], prev, now),
  ];
  c.api.writeStatus("horizontalpodautoscalers", hpa, status);
}

export const hpaController: Controller = {
  name: NAME,
  sync(c: Cluster) {
    const all = states(c);
    const hpas = c.store.list("horizontalpodautoscalers");
    if (!hpas.length && !Object.keys(all).length) return;
    const uids = new Set<string>();
    for (const hpa of hpas) {
      uids.add(hpa.metadata.uid);
      const st = (all[hpa.metadata.uid] ??= { next: c.now, recs: [], events: [] });
      if (st.next > c.now) continue;
      st.next = c.now + PERIOD;
      syncHpa(c, hpa, st);
    }
    for (const k of Object.keys(all)) if (!uids.has(k)) delete all[k];
  },
  nextDue(c: Cluster) {
    let best: number | undefined;
    for (const st of Object.values(states(c))) if (best === undefined || st.next < best) best = st.next;
    return best;
  },
};
