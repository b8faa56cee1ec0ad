// The default Filter plugins in the order kube-scheduler 1.32 runs them. A node is rejected by
// the first failing plugin only, which is why the FailedScheduling histogram shows one reason
// per node (NodeResourcesFit may give several).

import type { KObject } from "../api/types.ts";
import { firstUntoleratedTaint, matchLabelSelector, podMatchesNode } from "./match.ts";
import { isActiveOnNode, nodeAllocatable, podRequests, type Req } from "./resources.ts";

export interface NodeInfo {
  node: KObject;
  pods: KObject[];
  requested: Req;
}

export interface Snapshot {
  nodes: NodeInfo[];
  byName: Map<string, NodeInfo>;
  allPods: KObject[];
  pvcs: Map<string, KObject>;
  pvs: Map<string, KObject>;
}

export interface FilterFailure {
  reasons: string[];
  /** UnschedulableAndUnresolvable: preemption cannot help on this node. */
  unresolvable: boolean;
}

export function buildNodeInfo(node: KObject, pods: KObject[]): NodeInfo {
  const mine = pods.filter((p) => isActiveOnNode(p, node.metadata.name));
  const requested: Req = { cpu: 0, memory: 0, storage: 0 };
  for (const p of mine) {
    const r = podRequests(p);
    for (const k of Object.keys(r)) requested[k] = (requested[k] ?? 0) + r[k];
  }
  return { node, pods: mine, requested };
}

function hostPorts(pod: KObject): { port: number; protocol: string; ip: string }[] {
  const out: { port: number; protocol: string; ip: string }[] = [];
  for (const ctr of [...(pod.spec?.initContainers ?? []), ...(pod.spec?.containers ?? [])]) {
    for (const p of ctr.ports ?? []) {
      if (p.hostPort) out.push({ port: p.hostPort, protocol: p.protocol ?? "TCP", ip: p.hostIP || "0.0.0.0" });
    }
  }
  return out;
}

function fitsResources(pod: KObject, ni: NodeInfo): string[] {
  const reasons: string[] = [];
  const alloc = nodeAllocatable(ni.node);
  if (ni.pods.length + 1 > alloc.pods) reasons.push("Too many pods");
  const req = podRequests(pod);
  if (req.cpu > 0 && req.cpu > alloc.cpu - ni.requested.cpu) reasons.push("Insufficient cpu");
  if (req.memory > 0 && req.memory > alloc.memory - ni.requested.memory) reasons.push("Insufficient memory");
  if (req.storage > 0 && req.storage > alloc.storage - ni.requested.storage) reasons.push("Insufficient ephemeral-storage");
  for (const k of Object.keys(req)) {
    if (["cpu", "memory", "storage", "pods"].includes(k) || req[k] <= 0) continue;
    if (req[k] > (alloc[k] ?? 0) - (ni.requested[k] ?? 0)) reasons.push(`Insufficient ${k}`);
  }
  return reasons;
}

export function claimNames(pod: KObject): string[] {
  return (pod.spec?.volumes ?? []).filter((v: any) => v.persistentVolumeClaim?.claimName).map((v: any) => v.persistentVolumeClaim.claimName);
}

/** The claims' PVs with node affinity must allow the node. */
function volumeNodeConflict(pod: KObject, ni: NodeInfo, snap: Snapshot): boolean {
  for (const name of claimNames(pod)) {
    const pvc = snap.pvcs.get(`${pod.metadata.namespace}/${name}`);
    const pvName = pvc?.spec?.volumeName;
    if (!pvName) continue;
    const pv = snap.pvs.get(pvName);
    const terms = pv?.spec?.nodeAffinity?.required?.nodeSelectorTerms;
    if (terms && !podMatchesNode({ spec: { affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: terms } } } } } as any, ni.node)) return true;
  }
  return false;
}

function topologyValue(node: KObject, key: string): string | undefined {
  return node.metadata.labels?.[key];
}

function spreadFailure(pod: KObject, ni: NodeInfo, snap: Snapshot): FilterFailure | undefined {
  for (const tsc of pod.spec?.topologySpreadConstraints ?? []) {
    if (tsc.whenUnsatisfiable !== "DoNotSchedule") continue;
    const key = tsc.topologyKey;
    const own = topologyValue(ni.node, key);
    if (own === undefined) return { reasons: ["node(s) didn't match pod topology spread constraints (missing required label)"], unresolvable: true };
    const counts = new Map<string, number>();
    for (const other of snap.nodes) {
      // Only nodes the pod could go to by node affinity/selector form domains (nodeAffinityPolicy Honor).
      if (!podMatchesNode(pod, other.node)) continue;
      const v = topologyValue(other.node, key);
      if (v === undefined) continue;
      const n = other.pods.filter((p) => p.metadata.namespace === pod.metadata.namespace && !p.metadata.deletionTimestamp && matchLabelSelector(tsc.labelSelector, p.metadata.labels)).length;
      counts.set(v, (counts.get(v) ?? 0) + n);
    }
    let min = Infinity;
    for (const n of counts.values()) min = Math.min(min, n);
    if (!Number.isFinite(min) || (tsc.minDomains && counts.size < tsc.minDomains)) min = 0;
    const self = matchLabelSelector(tsc.labelSelector, pod.metadata.labels) ? 1 : 0;
    if ((counts.get(own) ?? 0) + self - min > (tsc.maxSkew ?? 1)) {
      return { reasons: ["node(s) didn't match pod topology spread constraints"], unresolvable: false };
    }
  }
  return undefined;
}

function termMatchesPod(term: any, owner: KObject, candidate: KObject): boolean {
  const nss: string[] = term.namespaces?.length ? term.namespaces : term.namespaceSelector ? [] : [owner.metadata.namespace!];
  const nsOk = nss.includes(candidate.metadata.namespace!) || (term.namespaceSelector && Object.keys(term.namespaceSelector).length === 0);
  return !!nsOk && matchLabelSelector(term.labelSelector, candidate.metadata.labels);
}

function sameDomain(snap: Snapshot, nodeA: KObject, nodeName: string, key: string): boolean {
  const b = snap.byName.get(nodeName)?.node;
  if (!b) return false;
  const va = topologyValue(nodeA, key);
  return va !== undefined && va === topologyValue(b, key);
}

function interPodFailure(pod: KObject, ni: NodeInfo, snap: Snapshot): FilterFailure | undefined {
  const placed = snap.allPods.filter((p) => p.spec?.nodeName && !p.metadata.deletionTimestamp && p.metadata.uid !== pod.metadata.uid);
  // interpodaffinity Filter order (1.32): the pod's affinity, the pod's anti-affinity, then the
  // existing pods' anti-affinity against it.
  const aff = pod.spec?.affinity;
  for (const term of aff?.podAffinity?.requiredDuringSchedulingIgnoredDuringExecution ?? []) {
    const matching = placed.filter((p) => termMatchesPod(term, pod, p));
    const ok = matching.some((p) => sameDomain(snap, ni.node, p.spec.nodeName, term.topologyKey));
    // The first pod of a group that matches its own affinity may go anywhere with the key.
    const selfOk = matching.length === 0 && termMatchesPod(term, pod, pod) && topologyValue(ni.node, term.topologyKey) !== undefined;
    if (!ok && !selfOk) return { reasons: ["node(s) didn't match pod affinity rules"], unresolvable: true };
  }
  for (const term of aff?.podAntiAffinity?.requiredDuringSchedulingIgnoredDuringExecution ?? []) {
    if (placed.some((p) => termMatchesPod(term, pod, p) && sameDomain(snap, ni.node, p.spec.nodeName, term.topologyKey))) {
      return { reasons: ["node(s) didn't match pod anti-affinity rules"], unresolvable: false };
    }
  }
  for (const other of placed) {
    for (const term of other.spec?.affinity?.podAntiAffinity?.requiredDuringSchedulingIgnoredDuringExecution ?? []) {
      if (termMatchesPod(term, other, pod) && sameDomain(snap, ni.node, other.spec.nodeName, term.topologyKey)) {
        return { reasons: ["node(s) didn't satisfy existing pods anti-affinity rules"], unresolvable: false };
      }
    }
  }
  return undefined;
}

/** Run the filters on one node; undefined = the node fits. */
export function runFilters(pod: KObject, ni: NodeInfo, snap: Snapshot): FilterFailure | undefined {
  const node = ni.node;
  // NodeUnschedulable: cordoned nodes, unless the pod tolerates the unschedulable taint.
  if (node.spec?.unschedulable) {
    const tolerated = (pod.spec?.tolerations ?? []).some(
      (t: any) => (t.operator === "Exists" && !t.key) || (t.key === "node.kubernetes.io/unschedulable" && (!t.effect || t.effect === "NoSchedule")),
    );
    if (!tolerated) return { reasons: ["node(s) were unschedulable"], unresolvable: true };
  }
  // NodeName (only relevant to pods naming a node but still unbound, e.g. via nominated).
  const taint = firstUntoleratedTaint(pod, node);
  if (taint) return { reasons: [`node(s) had untolerated taint {${taint.key}: ${taint.value ?? ""}}`], unresolvable: true };
  if (!podMatchesNode(pod, node)) return { reasons: ["node(s) didn't match Pod's node affinity/selector"], unresolvable: true };
  const wanted = hostPorts(pod);
  if (wanted.length) {
    const used = ni.pods.flatMap(hostPorts);
    const clash = wanted.some((w) => used.some((u) => u.port === w.port && u.protocol === w.protocol && (u.ip === w.ip || u.ip === "0.0.0.0" || w.ip === "0.0.0.0")));
    if (clash) return { reasons: ["node(s) didn't have free ports for the requested pod ports"], unresolvable: false };
  }
  const res = fitsResources(pod, ni);
  if (res.length) return { reasons: res, unresolvable: false };
  if (volumeNodeConflict(pod, ni, snap)) return { reasons: ["node(s) had volume node affinity conflict"], unresolvable: true };
  const spread = spreadFailure(pod, ni, snap);
  if (spread) return spread;
  return interPodFailure(pod, ni, snap);
}

/** VolumeBinding PreFilter: a message that fails the pod on every node at once. */
export function volumePreFilter(pod: KObject, snap: Snapshot, storageClasses: Map<string, KObject>): string | undefined {
  for (const name of claimNames(pod)) {
    const pvc = snap.pvcs.get(`${pod.metadata.namespace}/${name}`);
    if (!pvc) return `persistentvolumeclaim "${name}" not found`;
    if (pvc.metadata.deletionTimestamp) return `persistentvolumeclaim "${name}" is being deleted`;
  }
  for (const name of claimNames(pod)) {
    const pvc = snap.pvcs.get(`${pod.metadata.namespace}/${name}`)!;
    if (pvc.status?.phase === "Bound" || pvc.spec?.volumeName) continue;
    const sc = pvc.spec?.storageClassName ? storageClasses.get(pvc.spec.storageClassName) : undefined;
    if (sc?.volumeBindingMode === "WaitForFirstConsumer") continue;
    return "pod has unbound immediate PersistentVolumeClaims";
  }
  return undefined;
}
