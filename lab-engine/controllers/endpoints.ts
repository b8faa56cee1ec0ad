// Endpoints and EndpointSlice controllers: for every Service with a selector, the addresses of
// matching pods — ready ones in `addresses`, unready ones in `notReadyAddresses` (so a Service
// only routes to pods whose readiness probe passes). Headless services get hostnames too.

import type { Controller } from "../cluster/controllers.ts";
import type { Cluster } from "../cluster/cluster.ts";
import type { KObject } from "../api/types.ts";
import { fromMap, matchesLabels } from "../api/selectors.ts";
import { isPodReady } from "./pod-util.ts";

/** Resolve a Service targetPort (number or named container port) for one pod. */
export function resolveTargetPort(pod: KObject, sp: any): number | undefined {
  const tp = sp.targetPort ?? sp.port;
  if (typeof tp === "number") return tp;
  if (/^\d+$/.test(String(tp))) return Number(tp);
  for (const ctr of pod.spec?.containers ?? []) for (const p of ctr.ports ?? []) if (p.name === tp && (p.protocol ?? "TCP") === (sp.protocol ?? "TCP")) return p.containerPort;
  return undefined;
}

/** ShouldPodBeInEndpoints: has an IP, not terminal, and terminating only when asked for. */
function podsFor(c: Cluster, svc: KObject, includeTerminating: boolean): KObject[] {
  const sel = fromMap(svc.spec?.selector);
  if (!sel.length) return [];
  return c.store
    .list("pods", svc.metadata.namespace)
    .filter((p) => matchesLabels(sel, p.metadata.labels) && p.status?.podIP && (includeTerminating || !p.metadata.deletionTimestamp) && p.status?.phase !== "Succeeded" && p.status?.phase !== "Failed");
}

function addr(p: KObject): any {
  return {
    ip: p.status.podIP,
    nodeName: p.spec.nodeName,
    targetRef: { kind: "Pod", name: p.metadata.name, namespace: p.metadata.namespace, uid: p.metadata.uid },
  };
}

function endpointsFor(c: Cluster, svc: KObject): any[] {
  // The Endpoints controller keeps terminating pods only with publishNotReadyAddresses.
  const pods = podsFor(c, svc, !!svc.spec.publishNotReadyAddresses);
  // Group pods by their resolved port set (the real controller's subset packing).
  const groups = new Map<string, { ports: any[]; ready: any[]; notReady: any[] }>();
  for (const p of pods) {
    const ports: any[] = [];
    for (const sp of svc.spec.ports ?? []) {
      const port = resolveTargetPort(p, sp);
      if (port === undefined) continue;
      ports.push({ ...(sp.name ? { name: sp.name } : {}), port, protocol: sp.protocol ?? "TCP", ...(sp.appProtocol ? { appProtocol: sp.appProtocol } : {}) });
    }
    if (!ports.length) continue;
    const key = JSON.stringify(ports);
    const g = groups.get(key) ?? { ports, ready: [], notReady: [] };
    (isPodReady(p) || svc.spec.publishNotReadyAddresses ? g.ready : g.notReady).push(addr(p));
    groups.set(key, g);
  }
  const byIp = (a: any, b: any) => (a.ip < b.ip ? -1 : a.ip > b.ip ? 1 : 0);
  return [...groups.values()].map((g) => ({
    ...(g.ready.length ? { addresses: g.ready.sort(byIp) } : {}),
    ...(g.notReady.length ? { notReadyAddresses: g.notReady.sort(byIp) } : {}),
    ports: g.ports,
  }));
}

function sameJSON(a: any, b: any): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

export const endpointsController: Controller = {
  name: "endpoints",
  sync(c: Cluster) {
    const st = (c.state.ctrl.endpoints ??= { rv: 0 });
    if (st.rv === c.store.rv) return;
    for (const svc of c.store.list("services")) {
      if (!svc.spec?.selector || svc.spec.type === "ExternalName") continue;
      if (svc.metadata.deletionTimestamp) continue;
      const ns = svc.metadata.namespace!;
      const subsets = endpointsFor(c, svc);
      const cur = c.store.get("endpoints", ns, svc.metadata.name);
      const labels = { ...(svc.metadata.labels ?? {}) };
      if (!subsets.length) labels["service.kubernetes.io/headless"] = undefined as any;
      if (svc.spec.clusterIP === "None") labels["service.kubernetes.io/headless"] = "";
      for (const k of Object.keys(labels)) if (labels[k] === undefined) delete labels[k];
      if (!cur) {
        c.store.put("endpoints", {
          apiVersion: "v1",
          kind: "Endpoints",
          metadata: {
            name: svc.metadata.name,
            namespace: ns,
            uid: c.rng.uuid(),
            resourceVersion: "",
            creationTimestamp: c.isoNow(),
            ...(Object.keys(labels).length ? { labels } : {}),
            annotations: { "endpoints.kubernetes.io/last-change-trigger-time": c.isoNow() },
          },
          ...(subsets.length ? { subsets } : {}),
        });
      } else if (!sameJSON(cur.subsets ?? [], subsets)) {
        const upd = { ...cur, metadata: { ...cur.metadata, annotations: { ...(cur.metadata.annotations ?? {}), "endpoints.kubernetes.io/last-change-trigger-time": c.isoNow() } } } as KObject;
        if (subsets.length) upd.subsets = subsets;
        else delete upd.subsets;
        c.store.put("endpoints", upd);
      }
      syncSlice(c, svc);
    }
    // Endpoints of deleted services go away (the real controller deletes them).
    for (const ep of c.store.list("endpoints")) {
      if (ep.metadata.name === "kubernetes" && ep.metadata.namespace === "default") continue;
      if (!c.store.get("services", ep.metadata.namespace, ep.metadata.name)) c.store.remove("endpoints", ep.metadata.namespace, ep.metadata.name);
    }
    for (const es of c.store.list("endpointslices")) {
      const svcName = es.metadata.labels?.["kubernetes.io/service-name"];
      if (svcName && svcName !== "kubernetes" && !c.store.get("services", es.metadata.namespace, svcName)) c.store.remove("endpointslices", es.metadata.namespace, es.metadata.name);
    }
    st.rv = c.store.rv;
  },
};

function syncSlice(c: Cluster, svc: KObject): void {
  const ns = svc.metadata.namespace!;
  const existing = c.store.list("endpointslices", ns).find((s) => s.metadata.labels?.["kubernetes.io/service-name"] === svc.metadata.name);
  // EndpointSlices keep terminating pods (ready=false, serving=<pod Ready>, terminating=true).
  const pods = podsFor(c, svc, true);
  const ports: any[] = [];
  const endpoints = pods
    .map((p) => {
      for (const sp of svc.spec.ports ?? []) {
        const port = resolveTargetPort(p, sp);
        if (port !== undefined && !ports.some((x) => x.name === (sp.name ?? "") && x.port === port)) ports.push({ name: sp.name ?? "", port, protocol: sp.protocol ?? "TCP" });
      }
      const serving = (p.status?.conditions ?? []).some((k: any) => k.type === "Ready" && k.status === "True");
      const terminating = !!p.metadata.deletionTimestamp;
      const ready = !!svc.spec.publishNotReadyAddresses || (serving && !terminating);
      return {
        addresses: [p.status.podIP],
        conditions: { ready, serving, terminating },
        nodeName: p.spec.nodeName,
        targetRef: { kind: "Pod", name: p.metadata.name, namespace: ns, uid: p.metadata.uid },
      };
    })
    .sort((a, b) => (a.addresses[0] < b.addresses[0] ? -1 : 1));
  const body = { addressType: "IPv4", endpoints, ports: ports.length ? ports : null };
  if (!existing) {
    const name = `${svc.metadata.name}-${c.rng.alnum(5)}`;
    c.store.put("endpointslices", {
      apiVersion: "discovery.k8s.io/v1",
      kind: "EndpointSlice",
      metadata: {
        name,
        generateName: `${svc.metadata.name}-`,
        namespace: ns,
        uid: c.rng.uuid(),
        resourceVersion: "",
        generation: 1,
        creationTimestamp: c.isoNow(),
        labels: { ...(svc.metadata.labels ?? {}), "endpointslice.kubernetes.io/managed-by": "endpointslice-controller.k8s.io", "kubernetes.io/service-name": svc.metadata.name },
        ownerReferences: [{ apiVersion: "v1", kind: "Service", name: svc.metadata.name, uid: svc.metadata.uid, controller: true, blockOwnerDeletion: true }],
      },
      ...body,
    });
  } else if (!sameJSON({ addressType: existing.addressType, endpoints: existing.endpoints, ports: existing.ports }, body)) {
    c.store.put("endpointslices", { ...existing, ...body, metadata: { ...existing.metadata, generation: (existing.metadata.generation ?? 1) + 1 } });
  }
}
