// Namespace lifecycle: a Terminating namespace has all its content deleted, then its
// `kubernetes` finalizer removed, then it disappears.

import type { Controller } from "../cluster/controllers.ts";
import type { Cluster } from "../cluster/cluster.ts";
import { RESOURCES } from "../api/resources.ts";
import type { KObject } from "../api/types.ts";

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
      if (remaining === 0) {
        c.store.remove("namespaces", undefined, name);
        continue;
      }
      writeDeletionConditions(c, ns);
    }
  },
};

/** namespaced_resources_deleter.go: the five deletion conditions while content remains. */
function writeDeletionConditions(c: Cluster, ns: KObject): void {
  const name = ns.metadata.name;
  const left: string[] = [];
  const fins = new Map<string, number>();
  for (const ri of RESOURCES) {
    if (!ri.namespaced || ri.group === "events.k8s.io" || ri.plural === "events") continue;
    const objs = c.store.list(ri.plural, name);
    if (!objs.length) continue;
    left.push(`${ri.plural}.${ri.group ?? ""} has ${objs.length} resource instances`);
    for (const o of objs) for (const f of o.metadata.finalizers ?? []) fins.set(f, (fins.get(f) ?? 0) + 1);
  }
  left.sort();
  const finList = [...fins.entries()].map(([f, n]) => `${f} in ${n} resource instances`).sort();
  const want: [string, string, string, string][] = [
    ["NamespaceDeletionDiscoveryFailure", "False", "ResourcesDiscovered", "All resources successfully discovered"],
    ["NamespaceDeletionGroupVersionParsingFailure", "False", "ParsedGroupVersions", "All legacy kube types successfully parsed"],
    ["NamespaceDeletionContentFailure", "False", "ContentDeleted", "All content successfully deleted, may be waiting on finalization"],
    left.length ? ["NamespaceContentRemaining", "True", "SomeResourcesRemain", `Some resources are remaining: ${left.join(", ")}`] : ["NamespaceContentRemaining", "False", "ContentRemoved", "All content successfully removed"],
    finList.length
      ? ["NamespaceFinalizersRemaining", "True", "SomeFinalizersRemain", `Some content in the namespace has finalizers remaining: ${finList.join(", ")}`]
      : ["NamespaceFinalizersRemaining", "False", "ContentHasNoFinalizers", "All content-preserving finalizers finished"],
  ];
  const old: any[] = ns.status?.conditions ?? [];
  const conditions = want.map(([type, status, reason, message]) => {
    const prev = old.find((k) => k.type === type);
    const same = prev && prev.status === status && prev.reason === reason && prev.message === message;
    if (same) return prev;
    return { type, status, lastTransitionTime: prev && prev.status === status ? prev.lastTransitionTime : c.isoNow(), reason, message };
  });
  if (JSON.stringify(conditions) === JSON.stringify(old)) return;
  c.api.writeStatus("namespaces", ns, { ...(ns.status ?? {}), phase: "Terminating", conditions });
}
