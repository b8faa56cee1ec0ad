// DaemonSet controller (pkg/controller/daemon): one pod per eligible node (nodeSelector, node
// affinity, taints vs tolerations plus the automatic DaemonSet tolerations), pinned with node
// affinity `matchFields metadata.name In [node]` for the scheduler to bind, ControllerRevisions,
// RollingUpdate (maxUnavailable / maxSurge) and OnDelete, and the status kubectl shows.

import type { Controller } from "../cluster/controllers.ts";
import type { Cluster } from "../cluster/cluster.ts";
import type { KObject } from "../api/types.ts";
import { ApiError } from "../api/errors.ts";
import { fromLabelSelector, matchesLabels } from "../api/selectors.ts";
import { firstUntoleratedTaint, podMatchesNode } from "../scheduler/match.ts";
import { isPodReady, isPodAvailable } from "./pod-util.ts";
import { availabilityDue, clone, dueOf, idle, minDue, ownedBy, ownerRef, scaledValue, settle } from "./workload-util.ts";
import { cleanupRevisions, ensureRevision } from "./controller-revision.ts";

const NAME = "daemonset";
const SRC = { component: "daemonset-controller" };

/** util.AddOrUpdateDaemonPodTolerations: DaemonSet pods survive node conditions other pods are evicted for. */
export function addDaemonTolerations(spec: any): void {
  const tol: any[] = (spec.tolerations ??= []);
  const add = (key: string, effect: string) => {
    if (!tol.some((t) => t.key === key && t.effect === effect && t.operator === "Exists")) tol.push({ key, operator: "Exists", effect });
  };
  add("node.kubernetes.io/not-ready", "NoExecute");
  add("node.kubernetes.io/unreachable", "NoExecute");
  add("node.kubernetes.io/disk-pressure", "NoSchedule");
  add("node.kubernetes.io/memory-pressure", "NoSchedule");
  add("node.kubernetes.io/pid-pressure", "NoSchedule");
  add("node.kubernetes.io/unschedulable", "NoSchedule");
  if (spec.hostNetwork) add("node.kubernetes.io/network-unavailable", "NoSchedule");
}

/** The pod the DaemonSet would run (before node pinning), for the eligibility checks. */
function templatePod(ds: KObject): KObject {
  const tmpl = ds.spec?.template ?? {};
  const spec = clone(tmpl.spec ?? {});
  addDaemonTolerations(spec);
  return { apiVersion: "v1", kind: "Pod", metadata: { name: "", labels: { ...(tmpl.metadata?.labels ?? {}) } } as any, spec };
}

/** NodeShouldRunDaemonPod: (shouldRun, shouldContinueRunning). */
function nodeShouldRun(pod: KObject, node: KObject): { run: boolean; keep: boolean } {
  if (!podMatchesNode(pod, node)) return { run: false, keep: false };
  if (firstUntoleratedTaint(pod, node, ["NoExecute"])) return { run: false, keep: false };
  if (firstUntoleratedTaint(pod, node, ["NoSchedule"])) return { run: false, keep: true };
  return { run: true, keep: true };
}

/** The node a daemon pod is for: its binding, else its matchFields pin. */
function podNode(p: KObject): string | undefined {
  if (p.spec?.nodeName) return p.spec.nodeName;
  for (const t of p.spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms ?? []) {
    for (const f of t.matchFields ?? []) if (f.key === "metadata.name" && f.operator === "In" && f.values?.length === 1) return f.values[0];
  }
  return undefined;
}

function newPod(ds: KObject, node: string, hash: string): KObject {
  const tmpl = ds.spec?.template ?? {};
  const spec = clone(tmpl.spec ?? {});
  addDaemonTolerations(spec);
  // ReplaceDaemonSetPodNodeNameNodeAffinity: the required terms become exactly this node.
  spec.affinity = { ...(spec.affinity ?? {}) };
  spec.affinity.nodeAffinity = {
    ...(spec.affinity.nodeAffinity ?? {}),
    requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchFields: [{ key: "metadata.name", operator: "In", values: [node] }] }] },
  };
  return {
    apiVersion: "v1",
    kind: "Pod",
    metadata: {
      generateName: `${ds.metadata.name}-`,
      namespace: ds.metadata.namespace,
      labels: { ...(tmpl.metadata?.labels ?? {}), "controller-revision-hash": hash, "pod-template-generation": String(ds.metadata.generation ?? 1) },
      ...(tmpl.metadata?.annotations ? { annotations: { ...tmpl.metadata.annotations } } : {}),
      ownerReferences: [ownerRef(ds)],
    } as any,
    spec,
  };
}

function create(c: Cluster, ds: KObject, node: string, hash: string): boolean {
  try {
    const p = c.api.create("pods", newPod(ds, node, hash), { namespace: ds.metadata.namespace });
    c.events.record(ds, "Normal", "SuccessfulCreate", `Created pod: ${p.metadata.name}`, SRC);
    return true;
  } catch (e) {
    c.events.record(ds, "Warning", "FailedCreate", `Error creating: ${e instanceof ApiError ? e.message : String(e)}`, SRC);
    return false;
  }
}

function remove(c: Cluster, ds: KObject, p: KObject): void {
  if (p.metadata.deletionTimestamp) return;
  try {
    c.api.delete("pods", p.metadata.namespace, p.metadata.name, {});
    c.events.record(ds, "Normal", "SuccessfulDelete", `Deleted pod: ${p.metadata.name}`, SRC);
  } catch {
    /* gone */
  }
}

function syncDaemonSet(c: Cluster, ds: KObject): number | undefined {
  if (ds.metadata.deletionTimestamp) return undefined;
  const ns = ds.metadata.namespace!;
  const sel = fromLabelSelector(ds.spec?.selector);
  if (!sel.length) return undefined;
  const tmplLabels = ds.spec?.template?.metadata?.labels ?? {};
  const { hash } = ensureRevision(c, ds, tmplLabels);
  const minReady = ds.spec?.minReadySeconds ?? 0;

  // Own pods: controlled by this DS, or orphans matching the selector (adopted).
  const byNode = new Map<string, KObject[]>();
  const pods: KObject[] = [];
  for (const p of c.store.list("pods", ns)) {
    let mine = ownedBy(p, ds.metadata.uid);
    if (!mine && !p.metadata.ownerReferences?.some((r) => r.controller) && matchesLabels(sel, p.metadata.labels) && !p.metadata.deletionTimestamp) {
      const upd = clone(p);
      upd.metadata.ownerReferences = [...(p.metadata.ownerReferences ?? []), ownerRef(ds)];
      c.store.put("pods", upd);
      mine = true;
    }
    if (!mine) continue;
    pods.push(p);
    const n = podNode(p);
    if (n) byNode.set(n, [...(byNode.get(n) ?? []), p]);
  }

  const tp = templatePod(ds);
  const nodes = c.store.list("nodes");
  const eligible: string[] = [];
  let misscheduled = 0;
  const strategy = ds.spec?.updateStrategy?.type ?? "RollingUpdate";
  const isNew = (p: KObject) => p.metadata.labels?.["controller-revision-hash"] === hash;
  for (const node of nodes) {
    const name = node.metadata.name;
    const { run, keep } = nodeShouldRun(tp, node);
    const here = byNode.get(name) ?? [];
    byNode.delete(name);
    if (run) eligible.push(name);
    else if (here.some((p) => !p.metadata.deletionTimestamp)) misscheduled++;
    if (run || keep) {
      // Failed pods are replaced; terminating ones are waited for.
      for (const p of here) if (p.status?.phase === "Failed") remove(c, ds, p);
      const live = here.filter((p) => !p.metadata.deletionTimestamp && p.status?.phase !== "Failed");
      if (run && here.length === 0) create(c, ds, name, hash);
      else if (live.length > 1) {
        // Keep one: prefer current revision, then ready, then oldest.
        const keepPod = [...live].sort((a, b) => Number(isNew(b)) - Number(isNew(a)) || Number(isPodReady(b)) - Number(isPodReady(a)) || a.metadata.creationTimestamp.localeCompare(b.metadata.creationTimestamp))[0];
        const surging = strategy === "RollingUpdate" && live.length === 2 && live.some(isNew) && live.some((p) => !isNew(p));
        if (!surging) for (const p of live) if (p !== keepPod) remove(c, ds, p);
      }
    } else {
      for (const p of here) remove(c, ds, p);
    }
  }
  // Pods pinned to nodes that no longer exist.
  for (const ps of byNode.values()) for (const p of ps) remove(c, ds, p);

  if (strategy === "RollingUpdate") rollingUpdate(c, ds, eligible, hash, minReady);

  // Status (updateDaemonSetStatus): a node counts as scheduled while it holds any pod of the
  // set that is not both terminal and deleted (a Terminating pod still counts); the oldest pod
  // on the node decides ready, available and updated.
  const live = c.store.list("pods", ns).filter((p) => ownedBy(p, ds.metadata.uid) && !p.metadata.deletionTimestamp);
  const onEligible = live.filter((p) => eligible.includes(podNode(p) ?? ""));
  const counted = new Map<string, KObject[]>();
  for (const p of c.store.list("pods", ns)) {
    if (!ownedBy(p, ds.metadata.uid)) continue;
    if (p.metadata.deletionTimestamp && (p.status?.phase === "Succeeded" || p.status?.phase === "Failed")) continue;
    const n = podNode(p);
    if (n) counted.set(n, [...(counted.get(n) ?? []), p]);
  }
  let current = 0;
  let ready = 0;
  let available = 0;
  let updated = 0;
  let misscheduledNodes = 0;
  for (const node of nodes) {
    const ps = counted.get(node.metadata.name) ?? [];
    if (!eligible.includes(node.metadata.name)) {
      if (ps.length) misscheduledNodes++;
      continue;
    }
    if (!ps.length) continue;
    current++;
    const oldest = [...ps].sort(byCreationThenName)[0];
    if (isPodReady(oldest)) {
      ready++;
      if (isPodAvailable(oldest, minReady, c.now)) available++;
    }
    if (isNew(oldest)) updated++;
  }
  void misscheduled;
  const st: any = {
    currentNumberScheduled: current,
    numberMisscheduled: misscheduledNodes,
    desiredNumberScheduled: eligible.length,
    numberReady: ready,
    observedGeneration: ds.metadata.generation ?? 1,
    updatedNumberScheduled: updated,
    numberAvailable: available,
    numberUnavailable: eligible.length - available,
  };
  if (!st.numberAvailable) delete st.numberAvailable;
  if (!st.numberUnavailable) delete st.numberUnavailable;
  if (ds.status?.collisionCount) st.collisionCount = ds.status.collisionCount;
  c.api.writeStatus("daemonsets", ds, st);
  const keep = new Set([hash, ...live.map((p) => p.metadata.labels?.["controller-revision-hash"] ?? "")].map((h) => `${ds.metadata.name}-${h}`));
  cleanupRevisions(c, ds, keep);
  return availabilityDue(c, onEligible, minReady);
}

/** podByCreationTimestampAndPhase: scheduled first, then oldest, then by name. */
function byCreationThenName(a: KObject, b: KObject): number {
  const sa = a.spec?.nodeName ? 0 : 1;
  const sb = b.spec?.nodeName ? 0 : 1;
  if (sa !== sb) return sa - sb;
  const ta = Date.parse(a.metadata.creationTimestamp ?? "");
  const tb = Date.parse(b.metadata.creationTimestamp ?? "");
  if (ta !== tb) return ta - tb;
  return a.metadata.name < b.metadata.name ? -1 : a.metadata.name > b.metadata.name ? 1 : 0;
}

/** rolling_update.go: replace old pods node by node within maxUnavailable (or surge first with maxSurge). */
function rollingUpdate(c: Cluster, ds: KObject, eligible: string[], hash: string, minReady: number): void {
  const ns = ds.metadata.namespace!;
  const ru = ds.spec?.updateStrategy?.rollingUpdate ?? {};
  const desired = eligible.length;
  const maxSurge = scaledValue(ru.maxSurge ?? 0, desired, true);
  let maxUnavailable = scaledValue(ru.maxUnavailable ?? 1, desired, true);
  if (maxSurge === 0 && maxUnavailable === 0) maxUnavailable = 1;
  const pods = c.store.list("pods", ns).filter((p) => ownedBy(p, ds.metadata.uid));
  const perNode = new Map<string, KObject[]>();
  for (const p of pods) {
    const n = p.spec?.nodeName ?? podNode(p);
    if (n && eligible.includes(n)) perNode.set(n, [...(perNode.get(n) ?? []), p]);
  }
  const isNew = (p: KObject) => p.metadata.labels?.["controller-revision-hash"] === hash;
  const avail = (p: KObject) => !p.metadata.deletionTimestamp && isPodAvailable(p, minReady, c.now);
  if (maxSurge === 0) {
    let unavailable = 0;
    const candidatesAvailable: KObject[] = [];
    const candidatesUnavailable: KObject[] = [];
    for (const n of eligible) {
      const ps = perNode.get(n) ?? [];
      const okPod = ps.find(avail);
      if (!okPod) unavailable++;
      const old = ps.find((p) => !isNew(p) && !p.metadata.deletionTimestamp);
      if (!old) continue;
      if (avail(old)) candidatesAvailable.push(old);
      else candidatesUnavailable.push(old);
    }
    // Old pods that are not available anyway go first: they cost nothing.
    for (const p of candidatesUnavailable) remove(c, ds, p);
    let budget = maxUnavailable - unavailable;
    for (const p of candidatesAvailable) {
      if (budget <= 0) break;
      remove(c, ds, p);
      budget--;
    }
    return;
  }
  // Surge: start the new pod next to the old one, delete the old one once the new is available.
  let surging = 0;
  for (const n of eligible) {
    const ps = (perNode.get(n) ?? []).filter((p) => !p.metadata.deletionTimestamp);
    const old = ps.find((p) => !isNew(p));
    const cur = ps.find(isNew);
    if (old && cur) {
      if (avail(cur)) remove(c, ds, old);
      else surging++;
    }
  }
  for (const n of eligible) {
    if (surging >= maxSurge) break;
    const ps = (perNode.get(n) ?? []).filter((p) => !p.metadata.deletionTimestamp);
    const old = ps.find((p) => !isNew(p));
    if (old && !ps.some(isNew)) {
      if (!avail(old)) remove(c, ds, old);
      else if (create(c, ds, n, hash)) surging++;
    }
  }
}

export const daemonSetController: Controller = {
  name: NAME,
  sync(c: Cluster) {
    if (idle(c, NAME)) return;
    let due: number | undefined;
    for (const ds of c.store.list("daemonsets")) due = minDue(due, syncDaemonSet(c, ds));
    settle(c, NAME, due);
  },
  nextDue(c: Cluster) {
    return dueOf(c, NAME);
  },
};
