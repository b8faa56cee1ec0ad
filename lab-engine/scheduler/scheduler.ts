// kube-scheduler: binds pending pods to nodes. Pods are taken by priority, then age. A pod
// that fits nowhere gets the exact FailedScheduling message and waits in the "unschedulable
// queue" until the cluster changes (after its back-off: 1s doubling to 10s) or 5 minutes pass,
// as the real scheduling queue does. All queue state is plain data in c.state.ctrl.scheduler.

import type { Controller } from "../cluster/controllers.ts";
import type { Cluster } from "../cluster/cluster.ts";
import type { KObject } from "../api/types.ts";
import { buildNodeInfo, claimNames, runFilters, volumePreFilter, type FilterFailure, type NodeInfo, type Snapshot } from "./filters.ts";
import { scoreNode } from "./scoring.ts";
import { isActiveOnNode, podRequests } from "./resources.ts";
import { preempt } from "./preemption.ts";

const FLUSH_UNSCHEDULABLE_MS = 5 * 60 * 1000;
const INITIAL_BACKOFF_MS = 1000;
const MAX_BACKOFF_MS = 10 * 1000;
export const SCHEDULER_NAME = "default-scheduler";

interface QueueEntry {
  attempts: number;
  /** Back-off end. */
  retryAt: number;
  lastTry: number;
  /** Cluster signature at the last try: a changed cluster makes the pod worth retrying. */
  sig: string;
}

interface SchedulerState {
  lastRv: number;
  sig: string;
  queue: Record<string, QueueEntry>;
}

function st(c: Cluster): SchedulerState {
  return (c.state.ctrl.scheduler ??= { lastRv: -1, sig: "", queue: {} });
}

function isPending(p: KObject): boolean {
  return !p.spec?.nodeName && !p.metadata.deletionTimestamp && (p.spec?.schedulerName ?? SCHEDULER_NAME) === SCHEDULER_NAME && p.status?.phase !== "Succeeded" && p.status?.phase !== "Failed";
}

/** What scheduling decisions depend on; a cheap string so queue entries can tell "changed". */
function signature(c: Cluster): string {
  const parts: string[] = [];
  for (const n of c.store.list("nodes")) parts.push(`${n.metadata.name}:${JSON.stringify(n.spec ?? {})}:${JSON.stringify(n.metadata.labels ?? {})}:${JSON.stringify(n.status?.allocatable ?? {})}`);
  for (const p of c.store.list("pods")) {
    if (p.spec?.nodeName) parts.push(`${p.metadata.uid}@${p.spec.nodeName}${p.metadata.deletionTimestamp ? "x" : ""}${p.status?.phase === "Succeeded" || p.status?.phase === "Failed" ? "d" : ""}`);
  }
  for (const pvc of c.store.list("persistentvolumeclaims")) parts.push(`${pvc.metadata.uid}:${pvc.status?.phase}`);
  for (const pv of c.store.list("persistentvolumes")) parts.push(`${pv.metadata.uid}:${pv.status?.phase}`);
  for (const sc of c.store.list("storageclasses")) parts.push(sc.metadata.uid);
  return hash(parts.join("|"));
}

function hash(s: string): string {
  let h1 = 0x811c9dc5;
  let h2 = 0;
  for (let i = 0; i < s.length; i++) {
    h1 = Math.imul(h1 ^ s.charCodeAt(i), 16777619) >>> 0;
    h2 = (h2 * 31 + s.charCodeAt(i)) >>> 0;
  }
  return `${h1.toString(16)}${h2.toString(16)}${s.length}`;
}

export function buildSnapshot(c: Cluster): Snapshot {
  const allPods = c.store.list("pods");
  const nodes = c.store.list("nodes").map((n) => buildNodeInfo(n, allPods));
  const byName = new Map(nodes.map((ni) => [ni.node.metadata.name, ni] as [string, NodeInfo]));
  const pvcs = new Map(c.store.list("persistentvolumeclaims").map((p) => [`${p.metadata.namespace}/${p.metadata.name}`, p] as [string, KObject]));
  const pvs = new Map(c.store.list("persistentvolumes").map((p) => [p.metadata.name, p] as [string, KObject]));
  return { nodes, byName, allPods, pvcs, pvs };
}

/** The snapshot after `pod` was bound: the stored pod joins its node's pods and requests. */
function withBoundPod(c: Cluster, snap: Snapshot, pod: KObject): Snapshot | undefined {
  const bound = c.store.get("pods", pod.metadata.namespace, pod.metadata.name);
  const ni = bound?.spec?.nodeName ? snap.byName.get(bound.spec.nodeName) : undefined;
  const i = snap.allPods.findIndex((p) => p.metadata.uid === pod.metadata.uid);
  if (!bound || !ni || i < 0 || !isActiveOnNode(bound, ni.node.metadata.name)) return undefined;
  snap.allPods[i] = bound;
  ni.pods.push(bound);
  const r = podRequests(bound);
  for (const k of Object.keys(r)) ni.requested[k] = (ni.requested[k] ?? 0) + r[k];
  return snap;
}

function priorityOf(p: KObject): number {
  return p.spec?.priority ?? 0;
}

/** `0/3 nodes are available: ...` (FitError.Error()). */
export function histogram(n: number, failures: Map<string, FilterFailure>): string {
  const counts = new Map<string, number>();
  for (const f of failures.values()) for (const r of f.reasons) counts.set(r, (counts.get(r) ?? 0) + 1);
  const items = [...counts].map(([r, k]) => `${k} ${r}`).sort();
  return `0/${n} nodes are available: ${items.join(", ")}.`;
}

function setPodScheduledCondition(c: Cluster, pod: KObject, cond: any): KObject {
  const cur = c.store.get("pods", pod.metadata.namespace, pod.metadata.name)!;
  const conds: any[] = [...(cur.status?.conditions ?? [])];
  const i = conds.findIndex((x) => x.type === "PodScheduled");
  const prev = i >= 0 ? conds[i] : undefined;
  const next = { type: "PodScheduled", status: cond.status, lastProbeTime: null, lastTransitionTime: prev && prev.status === cond.status ? prev.lastTransitionTime : c.isoNow(), ...(cond.reason ? { reason: cond.reason } : {}), ...(cond.message ? { message: cond.message } : {}) };
  if (i >= 0) conds[i] = next;
  else conds.push(next);
  const status = { phase: "Pending", qosClass: cur.status?.qosClass, ...(cur.status ?? {}), conditions: conds };
  if (status.qosClass === undefined) delete status.qosClass;
  if (JSON.stringify(status) === JSON.stringify(cur.status)) return cur;
  return c.store.put("pods", { ...cur, status });
}

function bind(c: Cluster, pod: KObject, node: string, snap: Snapshot): void {
  // WaitForFirstConsumer claims learn their node (the PV controller provisions/binds there).
  for (const name of claimNames(pod)) {
    const pvc = snap.pvcs.get(`${pod.metadata.namespace}/${name}`);
    if (pvc && !pvc.spec?.volumeName && pvc.status?.phase !== "Bound" && pvc.metadata.annotations?.["volume.kubernetes.io/selected-node"] !== node) {
      c.store.put("persistentvolumeclaims", { ...pvc, metadata: { ...pvc.metadata, annotations: { ...(pvc.metadata.annotations ?? {}), "volume.kubernetes.io/selected-node": node } } });
    }
  }
  const cur = c.store.get("pods", pod.metadata.namespace, pod.metadata.name)!;
  const status = { ...(cur.status ?? { phase: "Pending" }) };
  delete status.nominatedNodeName;
  const conds: any[] = (status.conditions ?? []).filter((x: any) => x.type !== "PodScheduled");
  conds.push({ type: "PodScheduled", status: "True", lastProbeTime: null, lastTransitionTime: c.isoNow() });
  status.conditions = conds;
  status.phase ??= "Pending";
  const bound = c.store.put("pods", { ...cur, spec: { ...cur.spec, nodeName: node }, status });
  c.events.record(bound, "Normal", "Scheduled", `Successfully assigned ${pod.metadata.namespace}/${pod.metadata.name} to ${node}`, { component: SCHEDULER_NAME });
}

/** Try to place one pod. Returns true when bound. */
function scheduleOne(c: Cluster, pod: KObject, snap: Snapshot): boolean {
  const n = snap.nodes.length;
  if (pod.spec?.schedulingGates?.length) {
    setPodScheduledCondition(c, pod, { status: "False", reason: "SchedulingGated", message: "Scheduling is blocked due to non-empty scheduling gates" });
    return false;
  }
  let message: string;
  if (n === 0) {
    message = "no nodes available to schedule pods";
  } else {
    const storageClasses = new Map(c.store.list("storageclasses").map((s) => [s.metadata.name, s] as [string, KObject]));
    const pre = volumePreFilter(pod, snap, storageClasses);
    if (pre) {
      message = `0/${n} nodes are available: ${pre}. preemption: 0/${n} nodes are available: ${n} Preemption is not helpful for scheduling.`;
    } else {
      const failures = new Map<string, FilterFailure>();
      const feasible: NodeInfo[] = [];
      for (const ni of snap.nodes) {
        const f = runFilters(pod, ni, snap);
        if (f) failures.set(ni.node.metadata.name, f);
        else feasible.push(ni);
      }
      if (feasible.length) {
        let best: NodeInfo[] = [];
        let bestScore = -Infinity;
        for (const ni of feasible) {
          const s = scoreNode(pod, ni, snap);
          if (s > bestScore + 1e-9) {
            bestScore = s;
            best = [ni];
          } else if (Math.abs(s - bestScore) <= 1e-9) best.push(ni);
        }
        // Ties are broken "randomly" like selectHost, but from the pod's name, so placements do not
        // shift when other controllers draw from the shared rng.
        const chosen = best.length === 1 ? best[0] : best[Number.parseInt(hash(`${pod.metadata.namespace}/${pod.metadata.name}`).slice(0, 7), 16) % best.length];
        bind(c, pod, chosen.node.metadata.name, snap);
        return true;
      }
      message = histogram(n, failures);
      const post = preempt(c, pod, snap, failures);
      if (post) message += ` ${post}`;
    }
  }
  setPodScheduledCondition(c, pod, { status: "False", reason: "Unschedulable", message });
  const fresh = c.store.get("pods", pod.metadata.namespace, pod.metadata.name)!;
  c.events.record(fresh, "Warning", "FailedScheduling", message.length > 1024 ? message.slice(0, 1020) + " ..." : message, { component: SCHEDULER_NAME });
  return false;
}

export const scheduler: Controller = {
  name: "scheduler",
  sync(c: Cluster) {
    const s = st(c);
    const now = c.now;
    if (c.store.rv === s.lastRv && !Object.values(s.queue).some((q) => dueAt(q, s) <= now)) return;
    const pending = c.store.list("pods").filter(isPending);
    const live = new Set(pending.map((p) => p.metadata.uid));
    for (const uid of Object.keys(s.queue)) if (!live.has(uid)) delete s.queue[uid];
    if (pending.length === 0) {
      s.lastRv = c.store.rv;
      return;
    }
    s.sig = signature(c);
    pending.sort(
      (a, b) =>
        priorityOf(b) - priorityOf(a) ||
        a.metadata.creationTimestamp.localeCompare(b.metadata.creationTimestamp) ||
        Number(a.metadata.resourceVersion) - Number(b.metadata.resourceVersion) ||
        a.metadata.name.localeCompare(b.metadata.name),
    );
    let snap: Snapshot | undefined;
    const tried: string[] = [];
    for (const pod of pending) {
      const q = s.queue[pod.metadata.uid];
      if (q && dueAt(q, s) > now) continue;
      snap ??= buildSnapshot(c);
      const bound = scheduleOne(c, pod, snap);
      if (bound) {
        delete s.queue[pod.metadata.uid];
        // Resources changed: account the pod on its node rather than rebuilding the snapshot
        // (rebuilding per bind made scheduling n pods cost n² pod visits). Claims may have been
        // annotated by bind: rebuild then. The signature is taken once, after the loop.
        snap = claimNames(pod).length ? undefined : withBoundPod(c, snap!, pod);
      } else {
        const attempts = (q?.attempts ?? 0) + 1;
        const backoff = Math.min(MAX_BACKOFF_MS, INITIAL_BACKOFF_MS * 2 ** (attempts - 1));
        s.queue[pod.metadata.uid] = { attempts, retryAt: now + backoff, lastTry: now, sig: s.sig };
        tried.push(pod.metadata.uid);
        if (c.store.rv !== s.lastRv) snap = undefined;
      }
    }
    s.sig = signature(c);
    // Entries tried in this pass must not see their own writes (events, conditions) as a change.
    // Only those: an entry tried earlier at the same instant keeps its old signature, so a change
    // made since (a node untainted by the next command) still moves it out of the unschedulable
    // queue once its back-off ends (kube-scheduler's MoveAllToActiveOrBackoffQueue on Node update).
    for (const uid of tried) if (s.queue[uid]) s.queue[uid].sig = s.sig;
    s.lastRv = c.store.rv;
  },
  nextDue(c: Cluster) {
    const s = st(c);
    let best: number | undefined;
    for (const q of Object.values(s.queue)) {
      const t = dueAt(q, s);
      if (t > c.now && (best === undefined || t < best)) best = t;
    }
    return best;
  },
};

function dueAt(q: QueueEntry, s: SchedulerState): number {
  return q.sig !== s.sig ? q.retryAt : Math.max(q.retryAt, q.lastTry + FLUSH_UNSCHEDULABLE_MS);
}
