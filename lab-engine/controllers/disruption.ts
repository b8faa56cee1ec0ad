// PodDisruptionBudget status (disruption controller) and the eviction check `kubectl drain`
// uses: currentHealthy / desiredHealthy / disruptionsAllowed / expectedPods and the
// DisruptionAllowed condition (SufficientPods / InsufficientPods).

import type { Controller } from "../cluster/controllers.ts";
import type { Cluster } from "../cluster/cluster.ts";
import type { KObject } from "../api/types.ts";
import { fromLabelSelector, matchesLabels } from "../api/selectors.ts";
import { isPodReady } from "./pod-util.ts";
import { clone, idle, scaledValue, settle } from "./workload-util.ts";

const NAME = "disruption";
export const EVICTION_BLOCKED = "Cannot evict pod as it would violate the pod's disruption budget.";

function pdbPods(c: Cluster, pdb: KObject): KObject[] {
  const sel = pdb.spec?.selector;
  // policy/v1: an empty selector selects every pod in the namespace; a missing one selects none.
  if (!sel) return [];
  const req = fromLabelSelector(sel);
  return c.store.list("pods", pdb.metadata.namespace).filter((p) => !p.metadata.deletionTimestamp && p.status?.phase !== "Succeeded" && p.status?.phase !== "Failed" && matchesLabels(req, p.metadata.labels));
}

/** The scale of the pods' controllers (Deployment through its ReplicaSet, StatefulSet, RC, RS). */
function controllerScale(c: Cluster, pods: KObject[]): number | undefined {
  const seen = new Map<string, number>();
  for (const p of pods) {
    const ref = p.metadata.ownerReferences?.find((r) => r.controller);
    if (!ref) return undefined;
    const ns = p.metadata.namespace;
    let owner: KObject | undefined;
    if (ref.kind === "ReplicaSet") {
      const rs = c.store.get("replicasets", ns, ref.name);
      const dref = rs?.metadata.ownerReferences?.find((r) => r.controller && r.kind === "Deployment");
      owner = dref ? c.store.get("deployments", ns, dref.name) : rs;
    } else if (ref.kind === "StatefulSet") owner = c.store.get("statefulsets", ns, ref.name);
    else if (ref.kind === "ReplicationController") owner = c.store.get("replicationcontrollers", ns, ref.name);
    else return undefined;
    if (!owner) return undefined;
    seen.set(owner.metadata.uid, owner.spec?.replicas ?? 1);
  }
  let n = 0;
  for (const v of seen.values()) n += v;
  return n;
}

function computeStatus(c: Cluster, pdb: KObject): any {
  const pods = pdbPods(c, pdb);
  const healthy = pods.filter(isPodReady).length;
  let expected = pods.length;
  let desired = 0;
  const minA = pdb.spec?.minAvailable;
  const maxU = pdb.spec?.maxUnavailable;
  if (maxU !== undefined && maxU !== null) {
    expected = controllerScale(c, pods) ?? pods.length;
    desired = Math.max(0, expected - scaledValue(maxU, expected, true));
  } else if (typeof minA === "string" && minA.endsWith("%")) {
    expected = controllerScale(c, pods) ?? pods.length;
    desired = scaledValue(minA, expected, true);
  } else if (minA !== undefined && minA !== null) {
    desired = Number(minA);
  }
  const allowed = Math.max(0, healthy - desired);
  const prev = pdb.status ?? {};
  const want = allowed > 0 ? { status: "True", reason: "SufficientPods" } : { status: "False", reason: "InsufficientPods" };
  const old = (prev.conditions ?? []).find((k: any) => k.type === "DisruptionAllowed");
  const cond = {
    lastTransitionTime: old && old.status === want.status ? old.lastTransitionTime : c.isoNow(),
    message: "",
    observedGeneration: pdb.metadata.generation ?? 1,
    reason: want.reason,
    status: want.status,
    type: "DisruptionAllowed",
  };
  const st: any = {
    conditions: [cond],
    currentHealthy: healthy,
    desiredHealthy: desired,
    disruptionsAllowed: allowed,
    expectedPods: expected,
    observedGeneration: pdb.metadata.generation ?? 1,
  };
  // Evictions granted but not yet seen as deletions stay counted (DisruptedPods).
  const disrupted: Record<string, string> = {};
  for (const [name, at] of Object.entries(prev.disruptedPods ?? {})) {
    const p = c.store.get("pods", pdb.metadata.namespace, name);
    if (p && !p.metadata.deletionTimestamp && Date.parse(at as string) + 120_000 > c.now) disrupted[name] = at as string;
  }
  if (Object.keys(disrupted).length) {
    st.disruptedPods = disrupted;
    st.disruptionsAllowed = Math.max(0, allowed - Object.keys(disrupted).length);
  }
  return st;
}

/**
 * Eviction API check for `kubectl drain` / `kubectl evict`: undefined when the pod may be
 * evicted (the budget is charged), else the API server's message.
 */
export function canEvict(c: Cluster, pod: KObject): string | undefined {
  const ns = pod.metadata.namespace;
  const pdbs = c.store.list("poddisruptionbudgets", ns).filter((b) => b.spec?.selector && matchesLabels(fromLabelSelector(b.spec.selector), pod.metadata.labels));
  if (!pdbs.length) return undefined;
  if (pdbs.length > 1) return "This pod has more than one PodDisruptionBudget, which the eviction subresource does not support.";
  if (pod.status?.phase === "Succeeded" || pod.status?.phase === "Failed" || pod.status?.phase === "Pending") return undefined;
  const pdb = pdbs[0];
  const st = computeStatus(c, pdb);
  // unhealthyPodEvictionPolicy IfHealthyBudget: a not-ready pod may go when the budget is met.
  if (!isPodReady(pod) && st.currentHealthy >= st.desiredHealthy) return undefined;
  if (st.disruptionsAllowed <= 0) return EVICTION_BLOCKED;
  const upd = clone(st);
  upd.disruptionsAllowed = st.disruptionsAllowed - 1;
  upd.disruptedPods = { ...(st.disruptedPods ?? {}), [pod.metadata.name]: c.isoNow() };
  c.api.writeStatus("poddisruptionbudgets", pdb, upd);
  return undefined;
}

export const disruptionController: Controller = {
  name: NAME,
  sync(c: Cluster) {
    if (idle(c, NAME)) return;
    let due: number | undefined;
    for (const pdb of c.store.list("poddisruptionbudgets")) {
      const st = computeStatus(c, pdb);
      c.api.writeStatus("poddisruptionbudgets", pdb, st);
      for (const at of Object.values(st.disruptedPods ?? {})) {
        const t = Date.parse(at as string) + 120_000;
        if (due === undefined || t < due) due = t;
      }
    }
    settle(c, NAME, due);
  },
  nextDue(c: Cluster) {
    return c.state.ctrl[NAME]?.due;
  },
};
