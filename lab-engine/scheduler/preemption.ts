// DefaultPreemption PostFilter: when a pod fits nowhere, find a node where evicting
// lower-priority pods makes room, evict the fewest/lowest victims gracefully and nominate the
// node. Otherwise return the `preemption: ...` suffix of the FailedScheduling message.

import type { Cluster } from "../cluster/cluster.ts";
import type { KObject } from "../api/types.ts";
import { buildNodeInfo, runFilters, type FilterFailure, type NodeInfo, type Snapshot } from "./filters.ts";

function prio(p: KObject): number {
  return p.spec?.priority ?? 0;
}

/** Returns the message suffix, or undefined when preemption started (pod nominated). */
export function preempt(c: Cluster, pod: KObject, snap: Snapshot, failures: Map<string, FilterFailure>): string | undefined {
  const n = snap.nodes.length;
  if (pod.spec?.preemptionPolicy === "Never") return "preemption: not eligible due to preemptionPolicy=Never.";
  const nominated = pod.status?.nominatedNodeName;
  if (nominated) {
    const ni = snap.byName.get(nominated);
    if (ni?.pods.some((p) => p.metadata.deletionTimestamp && prio(p) < prio(pod))) {
      return "preemption: not eligible due to a terminating pod on the nominated node.";
    }
  }
  const reasons = new Map<string, FilterFailure>();
  const candidates: { ni: NodeInfo; victims: KObject[] }[] = [];
  for (const ni of snap.nodes) {
    const f = failures.get(ni.node.metadata.name);
    if (!f) continue;
    if (f.unresolvable) {
      reasons.set(ni.node.metadata.name, { reasons: ["Preemption is not helpful for scheduling"], unresolvable: true });
      continue;
    }
    const potential = ni.pods.filter((p) => !p.metadata.deletionTimestamp && prio(p) < prio(pod));
    if (potential.length === 0) {
      reasons.set(ni.node.metadata.name, { reasons: ["No preemption victims found for incoming pod"], unresolvable: true });
      continue;
    }
    const remaining = ni.pods.filter((p) => !potential.includes(p));
    const fits = (kept: KObject[]) => !runFilters(pod, buildNodeInfo(ni.node, kept), { ...snap, allPods: snap.allPods.filter((p) => p.spec?.nodeName !== ni.node.metadata.name || kept.includes(p)) });
    const without = runFilters(pod, buildNodeInfo(ni.node, remaining), { ...snap, allPods: snap.allPods.filter((p) => !potential.includes(p)) });
    if (without) {
      reasons.set(ni.node.metadata.name, without);
      continue;
    }
    // Reprieve as many as possible, highest priority first.
    const kept = [...remaining];
    const victims: KObject[] = [];
    const order = [...potential].sort((a, b) => prio(b) - prio(a) || a.metadata.creationTimestamp.localeCompare(b.metadata.creationTimestamp));
    for (const v of order) {
      if (fits([...kept, v])) kept.push(v);
      else victims.push(v);
    }
    candidates.push({ ni, victims });
  }
  if (candidates.length === 0) {
    const counts = new Map<string, number>();
    for (const f of reasons.values()) for (const r of f.reasons) counts.set(r, (counts.get(r) ?? 0) + 1);
    const items = [...counts].map(([r, k]) => `${k} ${r}`).sort();
    return `preemption: 0/${n} nodes are available: ${items.join(", ")}.`;
  }
  candidates.sort((a, b) => {
    const ha = Math.max(...a.victims.map(prio));
    const hb = Math.max(...b.victims.map(prio));
    return ha - hb || a.victims.reduce((s, v) => s + prio(v), 0) - b.victims.reduce((s, v) => s + prio(v), 0) || a.victims.length - b.victims.length || a.ni.node.metadata.name.localeCompare(b.ni.node.metadata.name);
  });
  const best = candidates[0];
  const node = best.ni.node.metadata.name;
  for (const v of best.victims) {
    const cur = c.store.get("pods", v.metadata.namespace, v.metadata.name);
    if (!cur) continue;
    const conds = (cur.status?.conditions ?? []).filter((x: any) => x.type !== "DisruptionTarget");
    conds.push({ type: "DisruptionTarget", status: "True", lastProbeTime: null, lastTransitionTime: c.isoNow(), reason: "PreemptionByScheduler", message: "default-scheduler: preempting to accommodate a higher priority pod" });
    const upd = c.store.put("pods", { ...cur, status: { ...cur.status, conditions: conds } });
    c.events.record(upd, "Normal", "Preempted", `Preempted by pod ${pod.metadata.uid} on node ${node}`, { component: "default-scheduler" });
    try {
      c.api.delete("pods", v.metadata.namespace, v.metadata.name);
    } catch {
      /* already gone */
    }
  }
  const cur = c.store.get("pods", pod.metadata.namespace, pod.metadata.name);
  if (cur) c.store.put("pods", { ...cur, status: { ...(cur.status ?? {}), nominatedNodeName: node } });
  return undefined;
}
