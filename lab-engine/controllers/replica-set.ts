// ReplicaSet and ReplicationController: keep `spec.replicas` pods matching the selector,
// adopting orphans and releasing pods that stop matching, with the real event texts
// (`Created pod: web-7d8b49557c-4xk2m`, `Deleted pod: ...`) and status counts.

import type { Controller } from "../cluster/controllers.ts";
import type { Cluster } from "../cluster/cluster.ts";
import type { KObject } from "../api/types.ts";
import { fromLabelSelector, fromMap, matchesLabels, type LabelSelector } from "../api/selectors.ts";
import { ApiError } from "../api/errors.ts";
import { isPodReady, isPodAvailable } from "./pod-util.ts";
import { fnv32a } from "./workload-util.ts";

interface Kind {
  plural: "replicasets" | "replicationcontrollers";
  kind: string;
  apiVersion: string;
  component: string;
  selector(o: KObject): LabelSelector;
}

const KINDS: Kind[] = [
  { plural: "replicasets", kind: "ReplicaSet", apiVersion: "apps/v1", component: "replicaset-controller", selector: (o) => fromLabelSelector(o.spec?.selector) },
  {
    plural: "replicationcontrollers",
    kind: "ReplicationController",
    apiVersion: "v1",
    component: "replication-controller",
    selector: (o) => fromMap(o.spec?.selector ?? o.spec?.template?.metadata?.labels),
  },
];

function isActive(p: KObject): boolean {
  return !p.metadata.deletionTimestamp && p.status?.phase !== "Succeeded" && p.status?.phase !== "Failed";
}

const DELETION_COST = "controller.kubernetes.io/pod-deletion-cost";
/** burstReplicas: at most this many creates or deletes per sync. */
const BURST = 500;
const PHASE_ORDINAL: Record<string, number> = { Pending: 0, Unknown: 1, Running: 2 };

/** helper.GetDeletionCostFromPodAnnotations: an int32, 0 when absent or not a valid number. */
function deletionCost(p: KObject): number {
  const v = p.metadata.annotations?.[DELETION_COST];
  if (v === undefined || !/^[+-]?\d+$/.test(v)) return 0;
  const n = Number(v);
  return n >= -2147483648 && n <= 2147483647 ? n : 0;
}

function readyTime(p: KObject): number {
  if (!isPodReady(p)) return 0;
  const cond = (p.status?.conditions ?? []).find((x: any) => x.type === "Ready" && x.status === "True");
  return cond?.lastTransitionTime ? Date.parse(cond.lastTransitionTime) : 0;
}

function maxRestarts(p: KObject): number {
  return (p.status?.containerStatuses ?? []).reduce((n: number, c: any) => Math.max(n, c.restartCount ?? 0), 0);
}

/** afterOrZero: a zero time sorts first, then the later time. */
function afterOrZero(t1: number, t2: number): boolean {
  if (!t1 || !t2) return !t1;
  return t1 > t2;
}

/** logarithmicRankDiff: floor(log2) of the ages in nanoseconds (-1 for an age <= 0). */
function logRankDiff(t1: number, t2: number, now: number): number {
  const r = (t: number) => {
    const d = (now - t) * 1e6;
    return d > 0 ? Math.floor(Math.log2(d)) : -1;
  };
  return r(t1) - r(t2);
}

/** Time comparison of rules 6 and 8 with LogarithmicScaleDown (on by default in 1.32). */
function newerFirst(t1: number, t2: number, now: number, uid1: string, uid2: string): boolean {
  if (!now || !t1 || !t2) return afterOrZero(t1, t2);
  const diff = logRankDiff(t1, t2, now);
  if (diff === 0) return uid1 < uid2;
  return diff < 0;
}

interface Ranked {
  pod: KObject;
  rank: number;
}

/**
 * controller.ActivePodsWithRanks.Less: whether `a` should be deleted before `b`.
 * 1. unassigned < assigned; 2. Pending < Unknown < Running; 3. not ready < ready;
 * 4. lower pod-deletion-cost first; 5. higher rank (more related pods on the same node) first;
 * 6. both ready: ready more recently first; 7. more container restarts first;
 * 8. created more recently first. 6 and 8 compare ages in log2 buckets, ties by UID.
 */
function lessForDeletion(a: Ranked, b: Ranked, now: number): boolean {
  const pa = a.pod;
  const pb = b.pod;
  const na = pa.spec?.nodeName ?? "";
  const nb = pb.spec?.nodeName ?? "";
  if (na !== nb && (!na || !nb)) return !na;
  const oa = PHASE_ORDINAL[pa.status?.phase ?? ""] ?? 0;
  const ob = PHASE_ORDINAL[pb.status?.phase ?? ""] ?? 0;
  if (oa !== ob) return oa < ob;
  const ra = isPodReady(pa);
  const rb = isPodReady(pb);
  if (ra !== rb) return !ra;
  const ca = deletionCost(pa);
  const cb = deletionCost(pb);
  if (ca !== cb) return ca < cb;
  if (a.rank !== b.rank) return a.rank > b.rank;
  if (ra && rb) {
    const ta = readyTime(pa);
    const tb = readyTime(pb);
    if (ta !== tb) return newerFirst(ta, tb, now, pa.metadata.uid, pb.metadata.uid);
  }
  const xa = maxRestarts(pa);
  const xb = maxRestarts(pb);
  if (xa !== xb) return xa > xb;
  const ka = pa.metadata.creationTimestamp ? Date.parse(pa.metadata.creationTimestamp) : 0;
  const kb = pb.metadata.creationTimestamp ? Date.parse(pb.metadata.creationTimestamp) : 0;
  if (ka !== kb) return newerFirst(ka, kb, now, pa.metadata.uid, pb.metadata.uid);
  return false;
}

/**
 * getPodsToDelete: the first `diff` pods of `filtered` in deletion order. Each pod's rank is the
 * number of active pods of `related` (pods of every ReplicaSet with the same controller) on its
 * node, so a node holding several replicas gives one up first.
 */
export function getPodsToDelete(filtered: KObject[], related: KObject[], diff: number, now: number): KObject[] {
  if (diff >= filtered.length) return filtered.slice(0, diff);
  const onNode = new Map<string, number>();
  for (const p of related) if (isActive(p)) onNode.set(p.spec?.nodeName ?? "", (onNode.get(p.spec?.nodeName ?? "") ?? 0) + 1);
  const ranked: Ranked[] = filtered.map((pod) => ({ pod, rank: onNode.get(pod.spec?.nodeName ?? "") ?? 0 }));
  // Go's sort.Sort is an insertion sort below 13 elements, stable like Array.prototype.sort.
  ranked.sort((a, b) => (lessForDeletion(a, b, now) ? -1 : lessForDeletion(b, a, now) ? 1 : 0));
  return ranked.slice(0, diff).map((r) => r.pod);
}

/**
 * getIndirectlyRelatedPods: pods selected by any ReplicaSet that has the same controller as `owner`
 * (a Deployment's old and new ReplicaSets). A set without a controller has none.
 */
function relatedPods(c: Cluster, k: Kind, owner: KObject, pods: KObject[]): KObject[] {
  const ctl = owner.metadata.ownerReferences?.find((r) => r.controller);
  if (!ctl) return [];
  const seen = new Set<string>();
  const out: KObject[] = [];
  for (const rs of c.store.list(k.plural, owner.metadata.namespace)) {
    if (!rs.metadata.ownerReferences?.some((r) => r.controller && r.uid === ctl.uid)) continue;
    const sel = k.selector(rs);
    if (!sel.length) continue;
    for (const p of pods) {
      if (seen.has(p.metadata.uid) || !matchesLabels(sel, p.metadata.labels)) continue;
      seen.add(p.metadata.uid);
      out.push(p);
    }
  }
  return out;
}

export function podFromTemplate(c: Cluster, owner: KObject, kind: Kind | { kind: string; apiVersion: string }, generateName: string): KObject {
  const tmpl = owner.spec?.template ?? {};
  const labels = { ...(tmpl.metadata?.labels ?? {}) };
  return {
    apiVersion: "v1",
    kind: "Pod",
    metadata: {
      generateName,
      namespace: owner.metadata.namespace,
      labels,
      ...(tmpl.metadata?.annotations ? { annotations: { ...tmpl.metadata.annotations } } : {}),
      ownerReferences: [{ apiVersion: kind.apiVersion, kind: kind.kind, name: owner.metadata.name, uid: owner.metadata.uid, controller: true, blockOwnerDeletion: true }],
    } as any,
    spec: JSON.parse(JSON.stringify(tmpl.spec ?? {})),
  };
}

/**
 * A sync that failed (a pod create or delete was refused) puts the key back with the workqueue's
 * per-item exponential back-off (5 ms, 10 ms, ... capped at 1000 s; DefaultControllerRateLimiter).
 * Until then only an informer event for the set or one of its pods syncs it again, as in the real
 * controller. `sig` fingerprints those objects at the failed attempt.
 */
interface Failure {
  n: number;
  at: number;
  sig: string;
}
const BACKOFF_BASE_MS = 5;
const BACKOFF_MAX_MS = 1_000_000;

function failures(c: Cluster, k: Kind): Record<string, Failure> {
  return (c.state.ctrl[`${k.plural}/failures`] ??= {});
}

function signature(owner: KObject, pods: KObject[], sel: LabelSelector): string {
  let s = owner.metadata.resourceVersion ?? "";
  for (const p of pods) {
    const ctl = p.metadata.ownerReferences?.find((r) => r.controller);
    if (ctl?.uid === owner.metadata.uid || (!ctl && sel.length > 0 && matchesLabels(sel, p.metadata.labels))) s += `,${p.metadata.resourceVersion}`;
  }
  return String(fnv32a(s));
}

/** slowStartBatch: creates in batches of 1, 2, 4, ... and stops after a batch with an error. */
function createPods(c: Cluster, k: Kind, owner: KObject, count: number): string | undefined {
  const src = { component: k.component };
  const ns = owner.metadata.namespace!;
  let remaining = count;
  let batch = 1;
  while (remaining > 0) {
    const n = Math.min(batch, remaining);
    let firstErr: string | undefined;
    for (let i = 0; i < n; i++) {
      const pod = podFromTemplate(c, owner, k, `${owner.metadata.name}-`);
      try {
        const created = c.api.create("pods", pod, { namespace: ns });
        c.events.record(owner, "Normal", "SuccessfulCreate", `Created pod: ${created.metadata.name}`, src);
      } catch (e) {
        const msg = e instanceof ApiError ? e.message : String(e);
        // A terminating namespace refuses every create: no event, no error (NamespaceTerminatingCause).
        if (/because it is being terminated$/.test(msg)) return undefined;
        c.events.record(owner, "Warning", "FailedCreate", `Error creating: ${msg}`, src);
        firstErr ??= msg;
      }
    }
    if (firstErr !== undefined) return firstErr;
    remaining -= n;
    batch *= 2;
  }
  return undefined;
}

function syncOne(c: Cluster, k: Kind, owner: KObject): void {
  // A set being deleted keeps its status current but manages no replicas (syncReplicaSet only
  // calls manageReplicas when DeletionTimestamp is nil): the garbage collector deletes its pods.
  const deleting = !!owner.metadata.deletionTimestamp;
  const ns = owner.metadata.namespace!;
  const sel = k.selector(owner);
  const uid = owner.metadata.uid;
  const pods = c.store.list("pods", ns);
  const fails = failures(c, k);
  const sig = fails[uid] ? signature(owner, pods, sel) : "";
  // Waiting in the rate-limited queue and nothing it watches has changed.
  if (fails[uid] && fails[uid].sig === sig && c.now < fails[uid].at) return;
  // ClaimPods over the active pods: keep ours that match, release ours that stopped matching,
  // adopt matching orphans. A set being deleted neither releases nor adopts.
  const owned: KObject[] = [];
  for (const p of pods) {
    if (!isActive(p)) continue;
    const ctl = p.metadata.ownerReferences?.find((r) => r.controller);
    const matches = sel.length > 0 && matchesLabels(sel, p.metadata.labels);
    if (ctl?.uid === uid) {
      if (matches) owned.push(p);
      else if (!deleting) {
        // Released: labels no longer match (kubectl label pod ... app-), the pod is orphaned.
        const refs = (p.metadata.ownerReferences ?? []).filter((r) => r.uid !== uid);
        const upd = JSON.parse(JSON.stringify(p));
        if (refs.length) upd.metadata.ownerReferences = refs;
        else delete upd.metadata.ownerReferences;
        c.store.put("pods", upd);
      }
    } else if (!ctl && matches && !deleting) {
      // Adopt orphans that match, as the real controller does.
      const upd = JSON.parse(JSON.stringify(p));
      upd.metadata.ownerReferences = [...(p.metadata.ownerReferences ?? []), { apiVersion: k.apiVersion, kind: k.kind, name: owner.metadata.name, uid, controller: true, blockOwnerDeletion: true }];
      owned.push(c.store.put("pods", upd));
    }
  }
  const active = owned;
  const want = owner.spec?.replicas ?? 1;
  const diff = deleting ? 0 : want - active.length;
  const src = { component: k.component };
  let manageErr: string | undefined;
  if (diff > 0) {
    manageErr = createPods(c, k, owner, Math.min(diff, BURST));
  } else if (diff < 0) {
    const victims = getPodsToDelete(active, relatedPods(c, k, owner, pods), Math.min(-diff, BURST), c.now);
    for (const v of victims) {
      try {
        c.api.delete("pods", ns, v.metadata.name, {});
        c.events.record(owner, "Normal", "SuccessfulDelete", `Deleted pod: ${v.metadata.name}`, src);
      } catch {
        /* already gone */
      }
    }
  }
  const now = c.store.list("pods", ns).filter((p) => p.metadata.ownerReferences?.some((r) => r.uid === uid && r.controller) && isActive(p));
  const minReady = owner.spec?.minReadySeconds ?? 0;
  const status: any = {
    ...(owner.status ?? {}),
    replicas: now.length,
    fullyLabeledReplicas: now.filter((p) => matchesLabels(fromMap(owner.spec?.template?.metadata?.labels), p.metadata.labels)).length,
    readyReplicas: now.filter(isPodReady).length,
    availableReplicas: now.filter((p) => isPodAvailable(p, minReady, c.now)).length,
    observedGeneration: owner.metadata.generation ?? 1,
  };
  for (const key of ["readyReplicas", "availableReplicas", "fullyLabeledReplicas"]) if (status[key] === 0) delete status[key];
  // calculateStatus: a ReplicaFailure condition appears with the first failed sync (its message is
  // not refreshed while it stays) and goes with the first successful one.
  const conds: any[] = owner.status?.conditions ?? [];
  const failureCond = conds.find((x) => x.type === "ReplicaFailure");
  if (manageErr !== undefined && !failureCond) {
    const reason = now.length < want ? "FailedCreate" : now.length > want ? "FailedDelete" : "";
    status.conditions = [...conds, { type: "ReplicaFailure", status: "True", lastTransitionTime: c.isoNow(), reason, message: manageErr }];
  } else if (manageErr === undefined && failureCond) {
    const rest = conds.filter((x) => x !== failureCond);
    if (rest.length) status.conditions = rest;
    else delete status.conditions;
  }
  c.api.writeStatus(k.plural, owner, status);
  if (manageErr !== undefined) {
    const n = (fails[uid]?.n ?? 0) + 1;
    fails[uid] = { n, at: c.now + Math.min(BACKOFF_BASE_MS * 2 ** (n - 1), BACKOFF_MAX_MS), sig: signature(owner, pods, sel) };
  } else delete fails[uid];
}

/** Controllers track the store revision they last converged at to stay cheap when idle. */
function makeController(k: Kind): Controller {
  return {
    name: k.plural,
    sync(c: Cluster) {
      const st = (c.state.ctrl[k.plural] ??= { rv: 0 });
      if (st.rv === c.store.rv && !(st.due !== undefined && st.due <= c.now)) return;
      st.due = undefined;
      const sets = c.store.list(k.plural);
      for (const o of sets) syncOne(c, k, o);
      st.rv = c.store.rv;
      // Failed syncs wait for their back-off; forget sets that are gone.
      const fails = failures(c, k);
      const live = new Set(sets.map((o) => o.metadata.uid));
      let due: number | undefined;
      for (const [uid, f] of Object.entries(fails)) {
        if (!live.has(uid)) delete fails[uid];
        else if (f.at > c.now) due = Math.min(due ?? Infinity, f.at);
      }
      if (!Object.keys(fails).length) delete c.state.ctrl[`${k.plural}/failures`];
      // minReadySeconds: availability changes with time alone, so ask to be woken then.
      for (const o of c.store.list(k.plural)) {
        const mrs = o.spec?.minReadySeconds ?? 0;
        if (!mrs) continue;
        for (const p of c.store.list("pods", o.metadata.namespace)) {
          if (!p.metadata.ownerReferences?.some((r) => r.uid === o.metadata.uid)) continue;
          const t = readySince(p);
          if (t !== undefined && t + mrs * 1000 > c.now) due = Math.min(due ?? Infinity, t + mrs * 1000);
        }
      }
      st.due = due;
    },
    nextDue(c: Cluster) {
      return c.state.ctrl[k.plural]?.due;
    },
  };
}

function readySince(p: KObject): number | undefined {
  const cond = (p.status?.conditions ?? []).find((x: any) => x.type === "Ready" && x.status === "True");
  return cond?.lastTransitionTime ? Date.parse(cond.lastTransitionTime) : undefined;
}

export const replicaSetController = makeController(KINDS[0]);
export const replicationControllerController = makeController(KINDS[1]);
