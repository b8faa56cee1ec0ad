// Cluster snapshots as a delta against the setup's template: only objects whose
// resourceVersion differs (or that were added or deleted) are stored, so an idle sandbox
// snapshots to a few kilobytes instead of the whole kube-system namespace.

import type { ClusterState } from "../cluster/cluster.ts";
import type { KObject } from "../api/types.ts";

export interface ClusterDelta {
  name: string;
  now: number;
  rng: number;
  rv: number;
  deletions?: number;
  ctrl: Record<string, any>;
  /** plural -> key -> object (added or changed). */
  changed: Record<string, Record<string, KObject>>;
  /** plural -> keys removed relative to the template. */
  removed: Record<string, string[]>;
}

export type ClusterSnapshot = Record<string, ClusterDelta | { full: ClusterState }>;

export function encodeClusters(states: Record<string, ClusterState>, template: Record<string, ClusterState>): ClusterSnapshot {
  const out: ClusterSnapshot = {};
  for (const [name, st] of Object.entries(states)) {
    const base = template[name];
    if (!base) {
      out[name] = { full: st };
      continue;
    }
    const changed: Record<string, Record<string, KObject>> = {};
    const removed: Record<string, string[]> = {};
    const plurals = new Set([...Object.keys(st.store.objects), ...Object.keys(base.store.objects)]);
    for (const p of plurals) {
      const cur = st.store.objects[p] ?? {};
      const old = base.store.objects[p] ?? {};
      for (const [k, o] of Object.entries(cur)) {
        if (old[k]?.metadata.resourceVersion !== o.metadata.resourceVersion || old[k]?.metadata.uid !== o.metadata.uid) (changed[p] ??= {})[k] = o;
      }
      for (const k of Object.keys(old)) if (!(k in cur)) (removed[p] ??= []).push(k);
    }
    out[name] = { name: st.name, now: st.now, rng: st.rng, rv: st.store.rv, deletions: st.store.deletions, ctrl: st.ctrl, changed, removed };
  }
  return out;
}

/**
 * Rebuild cluster states from a snapshot. With `adopt`, the caller hands over a snapshot nobody
 * else holds (freshly parsed from storage), so its objects become the sandbox's own without a
 * deep copy; otherwise everything is copied (a live sandbox's snapshot() shares its objects).
 */
export function decodeClusters(snap: ClusterSnapshot, template: Record<string, ClusterState>, adopt = false): Record<string, ClusterState> {
  const copy = <T>(x: T): T => (adopt ? x : JSON.parse(JSON.stringify(x)));
  const out: Record<string, ClusterState> = {};
  for (const [name, d] of Object.entries(snap)) {
    if ("full" in d) {
      out[name] = copy(d.full);
      continue;
    }
    const t = template[name];
    const objects: Record<string, Record<string, KObject>> = {};
    for (const [p, b] of Object.entries(t.store.objects)) objects[p] = { ...b };
    const base: ClusterState = { ...t, store: { rv: t.store.rv, objects }, ctrl: {} };
    for (const [p, keys] of Object.entries(d.removed)) for (const k of keys) delete base.store.objects[p]?.[k];
    for (const [p, objs] of Object.entries(d.changed)) {
      base.store.objects[p] ??= {};
      for (const [k, o] of Object.entries(objs)) base.store.objects[p][k] = copy(o);
    }
    base.name = d.name;
    base.now = d.now;
    base.rng = d.rng;
    base.store.rv = d.rv;
    if (d.deletions !== undefined) base.store.deletions = d.deletions;
    base.ctrl = copy(d.ctrl);
    out[name] = base;
  }
  return out;
}
