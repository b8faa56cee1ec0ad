// Shared helpers for controller tests: a cluster with the node side registered (pods really run),
// object shortcuts and event lines in `Type Reason component: message` form.

import "../../../lab-engine/cluster/register-node-side.ts";
import { bootstrapCluster, type Topology } from "../../../lab-engine/cluster/bootstrap.ts";
import type { Cluster } from "../../../lab-engine/cluster/cluster.ts";
import type { KObject } from "../../../lab-engine/api/types.ts";
import { installPolicy } from "../../../lab-engine/api/policy.ts";
import { schemaPolicy } from "../../../lab-engine/api/validation/policy.ts";

// Real defaulting + validation, as the sandbox has it.
installPolicy(schemaPolicy);

export const T0 = Date.UTC(2026, 10, 21, 22, 0, 0);

export const WORKERS: Topology = {
  nodes: [{ name: "controlplane", controlPlane: true }, { name: "node01" }, { name: "node02" }],
  systemPods: false,
};

export function cluster(topology: Topology = WORKERS, seed = 7): Cluster {
  return bootstrapCluster({ now: T0, seed, topology });
}

export function create(c: Cluster, plural: string, obj: any): KObject {
  return c.api.create(plural, obj, { namespace: obj.metadata?.namespace ?? "default" });
}

/** Get by name; the namespace is ignored for cluster-scoped resources. */
export function get(c: Cluster, plural: string, name: string, ns = "default"): KObject {
  const o = c.api.tryGet(plural, ns, name);
  if (!o) throw new Error(`${plural} ${name} not found`);
  return o;
}

export function events(c: Cluster, name: string, ns = "default"): KObject[] {
  return c.store
    .list("events", ns)
    .filter((e) => e.involvedObject.name === name)
    .sort((a, b) => Number(a.metadata.resourceVersion) - Number(b.metadata.resourceVersion));
}

export function eventLines(c: Cluster, name: string, ns = "default"): string[] {
  return events(c, name, ns).map((e) => `${e.type} ${e.reason} ${e.source.component}: ${e.message}${e.count > 1 ? ` (x${e.count})` : ""}`);
}

export function podsOf(c: Cluster, prefix: string, ns = "default"): KObject[] {
  return c.store.list("pods", ns).filter((p) => p.metadata.name.startsWith(prefix));
}

export function deployment(name: string, replicas: number, image: string, extra: any = {}): any {
  return {
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: { name, labels: { app: name } },
    spec: {
      replicas,
      selector: { matchLabels: { app: name } },
      template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: "nginx", image }] } },
      ...extra,
    },
  };
}
