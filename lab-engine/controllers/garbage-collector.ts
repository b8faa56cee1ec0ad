// Garbage collector: deletes objects whose owners are gone (background cascade) and finishes
// foreground deletions once an owner's dependents are gone.

import type { Controller } from "../cluster/controllers.ts";
import type { Cluster } from "../cluster/cluster.ts";
import type { KObject } from "../api/types.ts";

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
    const uids = new Set<string>();
    const all: { plural: string; o: KObject }[] = [];
    for (const plural of Object.keys(c.store.state.objects)) {
      for (const o of Object.values(c.store.state.objects[plural])) {
        uids.add(o.metadata.uid);
        all.push({ plural, o });
      }
    }
    for (const { plural, o } of all) {
      const refs = o.metadata.ownerReferences;
      if (refs?.length && refs.every((r) => !uids.has(r.uid))) {
        // Every owner is gone: cascade.
        if (!o.metadata.deletionTimestamp) {
          try {
            c.api.delete(plural, o.metadata.namespace, o.metadata.name, { propagationPolicy: "Background" });
          } catch {
            /* already gone */
          }
        }
      }
      if (o.metadata.deletionTimestamp && o.metadata.finalizers?.includes("foregroundDeletion")) {
        const deps = c.dependentsOf(o);
        for (const d of deps) {
          if (!d.ref.metadata.deletionTimestamp) {
            try {
              c.api.delete(d.plural, d.ref.metadata.namespace, d.ref.metadata.name, { propagationPolicy: "Foreground" });
            } catch {
              /* gone */
            }
          }
        }
        if (deps.length) st.pending = true;
        if (deps.length === 0) {
          const fin = o.metadata.finalizers.filter((f) => f !== "foregroundDeletion");
          if (fin.length === 0) c.store.remove(plural, o.metadata.namespace, o.metadata.name);
          else c.store.put(plural, { ...o, metadata: { ...o.metadata, finalizers: fin } });
        }
      }
    }
  },
};
