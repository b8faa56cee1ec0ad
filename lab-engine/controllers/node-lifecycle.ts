// Node lifecycle: node heartbeats (Leases in kube-node-lease), NotReady/Unknown after a
// kubelet stops posting status, the unreachable/unschedulable taints, and NoExecute taint
// eviction (taint-eviction-controller) honouring tolerationSeconds. A node is "stopped" with
// stopNode(c, name): its kubelet freezes, so evicted pods stay Terminating until it returns.

import type { Controller } from "../cluster/controllers.ts";
import type { Cluster } from "../cluster/cluster.ts";
import type { KObject } from "../api/types.ts";
import { tolerates } from "../scheduler/match.ts";

// --node-monitor-grace-period: 50s since 1.32 (kubernetes#126287, CHANGELOG v1.32.0-alpha.2; 40s before).
const GRACE_MS = 50_000;
const LEASE_RENEW_MS = 40_000; // coarse on purpose: an idle cluster stays cheap
const UNREACHABLE = "node.kubernetes.io/unreachable";
const UNSCHEDULABLE = "node.kubernetes.io/unschedulable";
const NEVER = 8.64e15;

interface NodeLifecycleState {
  stopped: Record<string, number>;
  lastRv: number;
  leaseAt: number;
  /** pod uid -> eviction time (NoExecute taint with tolerationSeconds). */
  evictAt: Record<string, number>;
}

function st(c: Cluster): NodeLifecycleState {
  return (c.state.ctrl.nodeLifecycle ??= { stopped: {}, lastRv: -1, leaseAt: c.now, evictAt: {} });
}

export function isNodeStopped(c: Cluster, name: string): boolean {
  return c.state.ctrl.nodeLifecycle?.stopped?.[name] !== undefined;
}

/** Stop a node's kubelet (power off / network cut). */
export function stopNode(c: Cluster, name: string): void {
  const s = st(c);
  if (s.stopped[name] === undefined) s.stopped[name] = c.now;
  s.lastRv = -1;
}

/** Bring a stopped node back: it posts Ready again and its taints go away. */
export function startNode(c: Cluster, name: string): void {
  const s = st(c);
  delete s.stopped[name];
  s.lastRv = -1;
  const node = c.store.get("nodes", undefined, name);
  if (!node) return;
  const t = c.isoNow();
  const conditions = (node.status?.conditions ?? []).map((x: any) => {
    const ok = READY_TEXT[x.type];
    if (!ok) return x;
    const changed = x.status !== ok.status;
    return { ...x, status: ok.status, reason: ok.reason, message: ok.message, lastHeartbeatTime: t, ...(changed ? { lastTransitionTime: t } : {}) };
  });
  const taints = (node.spec?.taints ?? []).filter((x: any) => x.key !== UNREACHABLE);
  const spec = { ...node.spec };
  if (taints.length) spec.taints = taints;
  else delete spec.taints;
  c.store.put("nodes", { ...node, spec, status: { ...node.status, conditions } });
  c.events.record(node, "Normal", "NodeReady", `Node ${name} status is now: NodeReady`, { component: "kubelet", host: name });
  renewLease(c, name);
}

const READY_TEXT: Record<string, { status: string; reason: string; message: string }> = {
  MemoryPressure: { status: "False", reason: "KubeletHasSufficientMemory", message: "kubelet has sufficient memory available" },
  DiskPressure: { status: "False", reason: "KubeletHasNoDiskPressure", message: "kubelet has no disk pressure" },
  PIDPressure: { status: "False", reason: "KubeletHasSufficientPID", message: "kubelet has sufficient PID available" },
  Ready: { status: "True", reason: "KubeletReady", message: "kubelet is posting ready status" },
};

function microTime(ms: number): string {
  return new Date(ms).toISOString().replace(/Z$/, "000Z");
}

function renewLease(c: Cluster, name: string): void {
  const lease = c.store.get("leases", "kube-node-lease", name);
  if (!lease) return;
  c.store.put("leases", { ...lease, spec: { ...lease.spec, renewTime: microTime(c.now) } });
}

function markUnknown(c: Cluster, node: KObject): void {
  const t = c.isoNow();
  const conditions = (node.status?.conditions ?? []).map((x: any) =>
    x.status === "Unknown" ? x : { ...x, status: "Unknown", reason: "NodeStatusUnknown", message: "Kubelet stopped posting node status.", lastTransitionTime: t },
  );
  const taints = [...(node.spec?.taints ?? [])];
  for (const effect of ["NoSchedule", "NoExecute"]) {
    if (!taints.some((x: any) => x.key === UNREACHABLE && x.effect === effect)) taints.push({ key: UNREACHABLE, effect, timeAdded: t });
  }
  const upd = c.store.put("nodes", { ...node, spec: { ...node.spec, taints }, status: { ...node.status, conditions } });
  c.events.record(upd, "Normal", "NodeNotReady", `Node ${node.metadata.name} status is now: NodeNotReady`, { component: "node-controller" });
  // MarkPodsNotReady.
  for (const pod of c.store.list("pods")) {
    if (pod.spec?.nodeName !== node.metadata.name) continue;
    const conds = (pod.status?.conditions ?? []).map((x: any) => (x.type === "Ready" && x.status !== "False" ? { ...x, status: "False", lastTransitionTime: t } : x));
    c.store.put("pods", { ...pod, status: { ...pod.status, conditions: conds } });
    c.events.record(pod, "Warning", "NodeNotReady", "Node is not ready", { component: "node-controller" });
  }
}

function syncTaints(c: Cluster, node: KObject): KObject {
  // Cordon: the controller mirrors spec.unschedulable into a NoSchedule taint.
  const taints: any[] = node.spec?.taints ?? [];
  const has = taints.some((x) => x.key === UNSCHEDULABLE);
  if (!!node.spec?.unschedulable === has) return node;
  const next = node.spec?.unschedulable ? [...taints, { key: UNSCHEDULABLE, effect: "NoSchedule", timeAdded: c.isoNow() }] : taints.filter((x) => x.key !== UNSCHEDULABLE);
  const spec = { ...node.spec };
  if (next.length) spec.taints = next;
  else delete spec.taints;
  // The kubelet reports the change as a node event (`kubectl describe node` shows it).
  const name = node.metadata.name;
  const status = node.spec?.unschedulable ? "NodeNotSchedulable" : "NodeSchedulable";
  c.events.record(node, "Normal", status, `Node ${name} status is now: ${status}`, { component: "kubelet", host: name });
  return c.store.put("nodes", { ...node, spec });
}

/** NoExecute taint eviction with tolerationSeconds. */
function evictions(c: Cluster, s: NodeLifecycleState): void {
  const nodes = new Map(c.store.list("nodes").map((n) => [n.metadata.name, n] as [string, KObject]));
  // Cheap exit: no NoExecute taint anywhere and nothing scheduled for eviction.
  if (Object.keys(s.evictAt).length === 0 && ![...nodes.values()].some((n) => (n.spec?.taints ?? []).some((t: any) => t.effect === "NoExecute"))) return;
  const live = new Set<string>();
  for (const pod of c.store.list("pods")) {
    const node = pod.spec?.nodeName ? nodes.get(pod.spec.nodeName) : undefined;
    if (!node || pod.metadata.deletionTimestamp) continue;
    const noExec = (node.spec?.taints ?? []).filter((x: any) => x.effect === "NoExecute");
    if (!noExec.length) continue;
    let at = NEVER;
    for (const taint of noExec) {
      const tol = (pod.spec?.tolerations ?? []).filter((t: any) => tolerates(t, taint));
      let t: number;
      if (!tol.length) t = c.now;
      else {
        const secs = tol.map((x: any) => (x.tolerationSeconds === undefined || x.tolerationSeconds === null ? NEVER : Math.max(0, x.tolerationSeconds) * 1000));
        const min = Math.min(...secs);
        const added = taint.timeAdded ? Date.parse(taint.timeAdded) : c.now;
        t = min >= NEVER ? NEVER : added + min;
      }
      at = Math.min(at, t);
    }
    if (at >= NEVER) continue;
    live.add(pod.metadata.uid);
    if (at > c.now) {
      s.evictAt[pod.metadata.uid] = at;
      continue;
    }
    delete s.evictAt[pod.metadata.uid];
    const conds = (pod.status?.conditions ?? []).filter((x: any) => x.type !== "DisruptionTarget");
    conds.push({ type: "DisruptionTarget", status: "True", lastProbeTime: null, lastTransitionTime: c.isoNow(), reason: "DeletionByTaintManager", message: "Taint manager: deleting due to NoExecute taint" });
    const upd = c.store.put("pods", { ...pod, status: { ...pod.status, conditions: conds } });
    c.events.record(upd, "Normal", "TaintManagerEviction", `Marking for deletion Pod ${pod.metadata.namespace}/${pod.metadata.name}`, { component: "taint-eviction-controller" });
    try {
      c.api.delete("pods", pod.metadata.namespace, pod.metadata.name);
    } catch {
      /* gone */
    }
  }
  for (const uid of Object.keys(s.evictAt)) if (!live.has(uid)) delete s.evictAt[uid];
}

/** Pod GC: pods bound to a node that no longer exists are deleted at once (orphaned pods). */
function gcOrphans(c: Cluster): void {
  const nodes = new Set(c.store.list("nodes").map((n) => n.metadata.name));
  for (const pod of c.store.list("pods")) {
    const n = pod.spec?.nodeName;
    if (!n || nodes.has(n)) continue;
    if (pod.metadata.finalizers?.length) continue;
    c.store.remove("pods", pod.metadata.namespace, pod.metadata.name);
    c.onDeleted("pods", pod);
  }
}

export const nodeLifecycle: Controller = {
  name: "node-lifecycle",
  sync(c: Cluster) {
    const s = st(c);
    const now = c.now;
    const renewDue = s.leaseAt + LEASE_RENEW_MS <= now;
    const unknownDue = Object.entries(s.stopped).some(([, at]) => at + GRACE_MS <= now);
    const evictDue = Object.values(s.evictAt).some((t) => t <= now);
    if (c.store.rv === s.lastRv && !renewDue && !unknownDue && !evictDue) return;
    for (const node of c.store.list("nodes")) {
      const n = syncTaints(c, node);
      const name = n.metadata.name;
      const stoppedAt = s.stopped[name];
      if (stoppedAt !== undefined && stoppedAt + GRACE_MS <= now) {
        const ready = (n.status?.conditions ?? []).find((x: any) => x.type === "Ready");
        if (ready && ready.status !== "Unknown") markUnknown(c, n);
      }
    }
    if (renewDue) {
      s.leaseAt = now - ((now - s.leaseAt) % LEASE_RENEW_MS);
      for (const node of c.store.list("nodes")) if (s.stopped[node.metadata.name] === undefined) renewLease(c, node.metadata.name);
    }
    evictions(c, s);
    gcOrphans(c);
    s.lastRv = c.store.rv;
  },
  nextDue(c: Cluster) {
    const s = st(c);
    let best = s.leaseAt + LEASE_RENEW_MS;
    for (const [name, at] of Object.entries(s.stopped)) {
      const node = c.store.get("nodes", undefined, name);
      const ready = node?.status?.conditions?.find((x: any) => x.type === "Ready");
      if (ready && ready.status !== "Unknown" && at + GRACE_MS > c.now) best = Math.min(best, at + GRACE_MS);
    }
    for (const t of Object.values(s.evictAt)) if (t > c.now) best = Math.min(best, t);
    return best > c.now ? best : undefined;
  },
};
