// Score plugins (a compact version of the defaults): LeastAllocated resources, spreading the
// replicas of one owner (SelectorSpread-like, also PodTopologySpread ScheduleAnyway), preferred
// node affinity, preferred inter-pod affinity and PreferNoSchedule taints.

import type { KObject } from "../api/types.ts";
import type { NodeInfo, Snapshot } from "./filters.ts";
import { matchLabelSelector, matchNodeSelectorTerm, podToleratesTaint } from "./match.ts";
import { nodeAllocatable, podRequests } from "./resources.ts";

function ownerUid(p: KObject): string | undefined {
  return p.metadata.ownerReferences?.find((r) => r.controller)?.uid;
}

export function scoreNode(pod: KObject, ni: NodeInfo, snap: Snapshot): number {
  const alloc = nodeAllocatable(ni.node);
  const req = podRequests(pod);
  // LeastAllocated (weight 1), 0..100.
  const free = (used: number, cap: number) => (cap <= 0 ? 0 : Math.max(0, ((cap - used) * 100) / cap));
  // Scoring counts pods without requests as 100m / 200Mi (schedutil.GetNonzeroRequests).
  let cpu = req.cpu || 100;
  let mem = req.memory || 200 * 1024 * 1024;
  for (const p of ni.pods) {
    const r = podRequests(p);
    cpu += r.cpu || 100;
    mem += r.memory || 200 * 1024 * 1024;
  }
  const least = (free(cpu, alloc.cpu) + free(mem, alloc.memory)) / 2;
  let score = least;
  // Spread replicas of the same controller (weight 2).
  const owner = ownerUid(pod);
  if (owner) {
    const same = ni.pods.filter((p) => ownerUid(p) === owner && !p.metadata.deletionTimestamp).length;
    score += Math.max(0, 100 - same * 50) * 2;
  }
  for (const tsc of pod.spec?.topologySpreadConstraints ?? []) {
    if (tsc.whenUnsatisfiable !== "ScheduleAnyway") continue;
    const v = ni.node.metadata.labels?.[tsc.topologyKey];
    if (v === undefined) continue;
    let n = 0;
    for (const o of snap.nodes) {
      if (o.node.metadata.labels?.[tsc.topologyKey] !== v) continue;
      n += o.pods.filter((p) => p.metadata.namespace === pod.metadata.namespace && matchLabelSelector(tsc.labelSelector, p.metadata.labels)).length;
    }
    score += Math.max(0, 100 - n * 25) * 2;
  }
  // Preferred node affinity (weight 2).
  for (const pref of pod.spec?.affinity?.nodeAffinity?.preferredDuringSchedulingIgnoredDuringExecution ?? []) {
    if (matchNodeSelectorTerm(pref.preference, ni.node)) score += (pref.weight ?? 1) * 2;
  }
  // Preferred inter-pod (anti-)affinity (weight 2), hostname-like domains.
  const aff = pod.spec?.affinity;
  const inDomain = (term: any) => {
    const v = ni.node.metadata.labels?.[term.topologyKey];
    if (v === undefined) return 0;
    let n = 0;
    for (const o of snap.nodes) {
      if (o.node.metadata.labels?.[term.topologyKey] !== v) continue;
      n += o.pods.filter((p) => (term.namespaces?.length ? term.namespaces.includes(p.metadata.namespace) : p.metadata.namespace === pod.metadata.namespace) && matchLabelSelector(term.labelSelector, p.metadata.labels)).length;
    }
    return n;
  };
  for (const w of aff?.podAffinity?.preferredDuringSchedulingIgnoredDuringExecution ?? []) if (inDomain(w.podAffinityTerm)) score += (w.weight ?? 1) * 2;
  for (const w of aff?.podAntiAffinity?.preferredDuringSchedulingIgnoredDuringExecution ?? []) if (inDomain(w.podAffinityTerm)) score -= (w.weight ?? 1) * 2;
  // TaintToleration: fewer intolerable PreferNoSchedule taints is better (weight 3).
  const soft = (ni.node.spec?.taints ?? []).filter((t: any) => t.effect === "PreferNoSchedule" && !podToleratesTaint(pod, t)).length;
  score -= soft * 100 * 3;
  return score;
}
