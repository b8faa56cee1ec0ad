// Helpers shared by the workload controllers (deployment, daemonset, statefulset, job):
// template hashing like Kubernetes' ComputeHash, int-or-percent scaling, condition updates,
// the idle-skip bookkeeping, and writes that keep `metadata.generation` honest.

import type { Cluster } from "../cluster/cluster.ts";
import type { KObject } from "../api/types.ts";
import { settledAt } from "../cluster/settled.ts";
import { sortedJson } from "../util/json.ts";

const SAFE = "bcdfghjklmnpqrstvwxz2456789";

/** JSON with sorted keys, so the hash does not depend on key order. */
export const stableJson = sortedJson;

/**
 * Memo for values derived from frozen objects: the sandbox template's objects are deep-frozen
 * and shared, and the system workloads (CoreDNS, kube-proxy, ...) stay those objects until
 * someone changes them, yet every reconcile after any change re-hashed their pod templates.
 * Only frozen objects are cached (they cannot change), keyed by identity.
 */
export function frozenMemo<T>(fn: (x: any) => T): (x: any) => T {
  const memo = new WeakMap<object, T>();
  return (x: any) => {
    if (!x || typeof x !== "object" || !Object.isFrozen(x)) return fn(x);
    let v = memo.get(x);
    if (v === undefined && !memo.has(x)) {
      v = fn(x);
      memo.set(x, v);
    }
    return v as T;
  };
}

/** stableJson, computed once per frozen object. */
export const stableJsonOf = frozenMemo(sortedJson);

export function fnv32a(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i) & 0xff;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

/** controller.ComputeHash: fnv32a of the object (plus collisionCount), then rand.SafeEncodeString of the decimal. */
export function computeHash(obj: any, collisionCount?: number): string {
  let s = stableJsonOf(obj);
  if (collisionCount) s += `#${collisionCount}`;
  const dec = String(fnv32a(s));
  let out = "";
  for (let i = 0; i < dec.length; i++) out += SAFE[dec.charCodeAt(i) % SAFE.length];
  return out;
}

/** intstr.GetScaledValueFromIntOrPercent. */
export function scaledValue(v: any, total: number, roundUp: boolean): number {
  if (v === undefined || v === null) return 0;
  if (typeof v === "number") return v;
  const m = /^(\d+)%$/.exec(String(v));
  if (!m) return Number(v) || 0;
  const x = (Number(m[1]) * total) / 100;
  return roundUp ? Math.ceil(x) : Math.floor(x);
}

export function clone<T>(x: T): T {
  return JSON.parse(JSON.stringify(x));
}

export interface Condition {
  type: string;
  status: string;
  reason?: string;
  message?: string;
  lastUpdateTime?: string;
  lastTransitionTime?: string;
  lastProbeTime?: string | null;
}

/**
 * SetDeploymentCondition-style update: same status+reason keeps the old entry (unless `touch`),
 * same status keeps lastTransitionTime, and the new entry moves to the end of the list.
 */
export function setCondition(conds: Condition[], next: Condition, touch = false): Condition[] {
  const cur = conds.find((x) => x.type === next.type);
  if (cur && cur.status === next.status && cur.reason === next.reason && !touch) return conds;
  if (cur && cur.status === next.status && cur.reason === next.reason && touch && cur.message === next.message) {
    return conds.map((x) => (x === cur ? { ...cur, lastUpdateTime: next.lastUpdateTime ?? cur.lastUpdateTime } : x));
  }
  const out = { ...next };
  if (cur && cur.status === next.status && cur.lastTransitionTime) out.lastTransitionTime = cur.lastTransitionTime;
  return [...conds.filter((x) => x.type !== next.type), out];
}

/**
 * Change tracking for the idle skip. Node heartbeats (Lease renewals) and Events change the store
 * every few seconds but never matter to these controllers, so a plain resourceVersion check would
 * resync everything on every heartbeat. A watcher counts the other writes. The counters live
 * outside the cluster state (a snapshot restore gets a new Store, hence a fresh tracker and one
 * full pass), so they never affect snapshots or results, only how much work is skipped.
 */
interface Tracker {
  gen: number;
  seen: Record<string, number>;
  /** Generation every controller counts as seen when the state was a settled template copy. */
  base?: number;
}
const trackers = new WeakMap<object, Tracker>();
const IGNORED = new Set(["leases", "events"]);

function tracker(c: Cluster): Tracker {
  let t = trackers.get(c.store);
  if (!t) {
    const nt: Tracker = { gen: 1, seen: {}, base: settledAt(c.state.ctrl) === c.store.rv ? 1 : undefined };
    c.store.watch((ev) => {
      if (!IGNORED.has(ev.resource)) nt.gen++;
    });
    trackers.set(c.store, nt);
    t = nt;
  }
  return t;
}

/** Whether a controller can skip this pass: nothing relevant written since it last converged and no timer due. */
export function idle(c: Cluster, name: string): boolean {
  const st = (c.state.ctrl[name] ??= {});
  const t = tracker(c);
  return (t.seen[name] ?? t.base) === t.gen && !(st.due !== undefined && st.due <= c.now);
}

/** Record convergence at the current store contents, with the earliest timed wake-up. */
export function settle(c: Cluster, name: string, due: number | undefined): void {
  const st = (c.state.ctrl[name] ??= {});
  tracker(c).seen[name] = tracker(c).gen;
  if (due !== undefined && due > c.now) st.due = due;
  else delete st.due;
}

export function dueOf(c: Cluster, name: string): number | undefined {
  return c.state.ctrl[name]?.due;
}

export function minDue(a: number | undefined, b: number | undefined): number | undefined {
  if (a === undefined) return b;
  if (b === undefined) return a;
  return Math.min(a, b);
}

/**
 * Write a controller-side spec/metadata change: through the API server (validation, generation
 * bump), falling back to a raw store write so an odd object cannot wedge the controller.
 */
export function writeObject(c: Cluster, plural: string, obj: KObject): KObject {
  try {
    return c.api.update(plural, obj);
  } catch {
    const cur = c.store.get(plural, obj.metadata.namespace, obj.metadata.name);
    if (!cur) return obj;
    const specChanged = JSON.stringify(cur.spec ?? null) !== JSON.stringify(obj.spec ?? null);
    const upd = { ...obj, status: cur.status, metadata: { ...obj.metadata, generation: (cur.metadata.generation ?? 1) + (specChanged ? 1 : 0) } };
    return c.store.put(plural, upd);
  }
}

export function ownedBy(o: KObject, uid: string): boolean {
  return !!o.metadata.ownerReferences?.some((r) => r.uid === uid && r.controller);
}

export function ownerRef(owner: KObject): any {
  return { apiVersion: owner.apiVersion, kind: owner.kind, name: owner.metadata.name, uid: owner.metadata.uid, controller: true, blockOwnerDeletion: true };
}

export function isTerminal(p: KObject): boolean {
  return p.status?.phase === "Succeeded" || p.status?.phase === "Failed";
}

export function readySince(p: KObject): number | undefined {
  const cond = (p.status?.conditions ?? []).find((x: any) => x.type === "Ready" && x.status === "True");
  return cond?.lastTransitionTime ? Date.parse(cond.lastTransitionTime) : undefined;
}

/** Wake-up time when a ready pod becomes available under minReadySeconds. */
export function availabilityDue(c: Cluster, pods: KObject[], minReadySeconds: number): number | undefined {
  if (!minReadySeconds) return undefined;
  let due: number | undefined;
  for (const p of pods) {
    const t = readySince(p);
    if (t !== undefined && t + minReadySeconds * 1000 > c.now) due = minDue(due, t + minReadySeconds * 1000);
  }
  return due;
}

export function isoAt(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace(/\.\d{3}Z$/, "Z");
}
