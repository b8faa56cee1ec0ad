// Namespace lifecycle: a Terminating namespace has all its content deleted, then its
// `kubernetes` finalizer removed, then it disappears.

import type { Controller } from "../cluster/controllers.ts";
import type { Cluster } from "../cluster/cluster.ts";
import { RESOURCES } from "../api/resources.ts";

export const namespaceController: Controller = {
  name: "namespace",
  sync(c: Cluster) {
    for (const ns of c.store.list("namespaces")) {
      if (!ns.metadata.deletionTimestamp) continue;
      const name = ns.metadata.name;
      let remaining = 0;
      for (const ri of RESOURCES) {
        if (!ri.namespaced || ri.group === "events.k8s.io") continue;
        for (const o of c.store.list(ri.plural, name)) {
          remaining++;
          if (ri.plural === "events") {
            c.store.remove("events", name, o.metadata.name);
            continue;
          }
          if (!o.metadata.deletionTimestamp) {
            try {
              c.api.delete(ri.plural, name, o.metadata.name, { propagationPolicy: "Background" });
            } catch {
              /* gone */
            }
          }
        }
      }
      if (remaining === 0) c.store.remove("namespaces", undefined, name);
    }
  },
};
