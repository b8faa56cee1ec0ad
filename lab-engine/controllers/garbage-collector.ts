// Garbage collector (pkg/controller/garbagecollector): deletes objects whose owners are gone
// (background cascade) and finishes foreground deletions.
//
// attemptToDeleteItem classifies an object's owner references: an owner that is gone is
// "dangling", one being deleted in the foreground (deletionTimestamp + the foregroundDeletion
// finalizer) is "waiting for dependents deletion", any other is "solid". With a solid owner left,
// only the dangling/waiting references are removed. Otherwise the object is deleted: in the
// foreground when an owner waits and the object has dependents of its own, else in the
// background (or as its own finalizers ask). The GC records no events.
//
// processDeletingDependentsItem: an owner being deleted in the foreground loses its
// foregroundDeletion finalizer once no dependent with blockOwnerDeletion=true is left in the store
// (pods only leave after the kubelet has terminated them).

import type { Controller } from "../cluster/controllers.ts";
import type { Cluster } from "../cluster/cluster.ts";
import type { KObject } from "../api/types.ts";

const FOREGROUND = "foregroundDeletion";
const ORPHAN = "orphan";

interface Item {
  plural: string;
  o: KObject;
}

function isDeletingDependents(o: KObject): boolean {
  return !!o.metadata.deletionTimestamp && !!o.metadata.finalizers?.includes(FOREGROUND);
}

function attemptToDelete(c: Cluster, it: Item, byUid: Map<string, Item>, deps: Map<string, Item[]>): void {
  const o = it.o;
  // Being deleted already: only foreground deletions are the GC's business (below).
  if (o.metadata.deletionTimestamp) return;
  const refs = o.metadata.ownerReferences ?? [];
  const solid = refs.filter((r) => {
    const owner = byUid.get(r.uid);
    return owner && !isDeletingDependents(owner.o);
  });
  const dangling = refs.filter((r) => !byUid.has(r.uid));
  const waiting = refs.filter((r) => {
    const owner = byUid.get(r.uid);
    return owner && isDeletingDependents(owner.o);
  });
  if (solid.length) {
    if (!dangling.length && !waiting.length) return;
    // Another owner still holds it: drop the references to the gone and the deleting ones.
    const drop = new Set([...dangling, ...waiting].map((r) => r.uid));
    const cur = c.store.get(it.plural, o.metadata.namespace, o.metadata.name);
    if (!cur) return;
    const keep = (cur.metadata.ownerReferences ?? []).filter((r) => !drop.has(r.uid));
    const upd = { ...cur, metadata: { ...cur.metadata } };
    if (keep.length) upd.metadata.ownerReferences = keep;
    else delete upd.metadata.ownerReferences;
    c.store.put(it.plural, upd);
    return;
  }
  let policy: "Foreground" | "Background" | "Orphan";
  if (waiting.length && (deps.get(o.metadata.uid)?.length ?? 0) > 0) policy = "Foreground";
  else if (o.metadata.finalizers?.includes(ORPHAN)) policy = "Orphan";
  else if (o.metadata.finalizers?.includes(FOREGROUND)) policy = "Foreground";
  else policy = "Background";
  try {
    c.api.delete(it.plural, o.metadata.namespace, o.metadata.name, { propagationPolicy: policy });
  } catch {
    /* already gone */
  }
}

export const garbageCollector: Controller = {
  name: "garbage-collector",
  sync(c: Cluster) {
    // Owners only disappear through a removal or a deletion start: skip the full scan otherwise
    // (it is O(objects) and reconcile runs after every timed step).
    const st = (c.state.ctrl["garbage-collector"] ??= { deletions: -1 });
    const deletions = c.store.state.deletions ?? 0;
    if (st.deletions === deletions && !st.pending) return;
    st.deletions = deletions;
    st.pending = false;
    const byUid = new Map<string, Item>();
    const all: Item[] = [];
    for (const plural of Object.keys(c.store.state.objects)) {
      for (const o of Object.values(c.store.state.objects[plural])) {
        const it = { plural, o };
        byUid.set(o.metadata.uid, it);
        all.push(it);
      }
    }
    // The dependency graph: owner uid -> dependents.
    const deps = new Map<string, Item[]>();
    for (const it of all) {
      for (const r of it.o.metadata.ownerReferences ?? []) {
        let list = deps.get(r.uid);
        if (!list) deps.set(r.uid, (list = []));
        list.push(it);
      }
    }
    for (const it of all) {
      const refs = it.o.metadata.ownerReferences;
      if (refs?.length && refs.some((r) => !byUid.has(r.uid))) attemptToDelete(c, it, byUid, deps);
    }
    for (const it of all) {
      const o = it.o;
      if (!isDeletingDependents(o)) continue;
      const mine = deps.get(o.metadata.uid) ?? [];
      // Every dependent of an owner that starts waiting is attempted (graph builder).
      for (const d of mine) attemptToDelete(c, d, byUid, deps);
      const blocking = mine.filter((d) => {
        const cur = c.store.get(d.plural, d.o.metadata.namespace, d.o.metadata.name);
        return cur?.metadata.uid === d.o.metadata.uid && cur.metadata.ownerReferences?.some((r) => r.uid === o.metadata.uid && r.blockOwnerDeletion);
      });
      if (blocking.length) {
        st.pending = true;
        continue;
      }
      const cur = c.store.get(it.plural, o.metadata.namespace, o.metadata.name);
      if (!cur || cur.metadata.uid !== o.metadata.uid) continue;
      const fin = (cur.metadata.finalizers ?? []).filter((f) => f !== FOREGROUND);
      if (fin.length === 0) {
        c.store.remove(it.plural, cur.metadata.namespace, cur.metadata.name);
        c.onDeleted(it.plural, cur);
      } else c.store.put(it.plural, { ...cur, metadata: { ...cur.metadata, finalizers: fin } });
    }
  },
};
