// describe for Service (endpoints from EndpointSlices), Endpoints and Ingress.

import type { Cluster } from "../../cluster/cluster.ts";
import type { KObject } from "../../api/types.ts";
import { describeEvents, refFor, searchEvents } from "./events.ts";
import { formatLabels } from "./workload.ts";
import type { Describer, DescribeSettings } from "./types.ts";
import { LEVEL_0, LEVEL_1, LEVEL_2, LEVEL_3, goLess, printAnnotationsMultiline, printLabelsMultiline, tabbed } from "./writer.ts";

function eventsFor(c: Cluster, o: KObject, s: DescribeSettings): KObject[] | undefined {
  return s.showEvents ? searchEvents(c, refFor(o)) : undefined;
}

function slicesFor(c: Cluster, ns: string, service: string): KObject[] {
  return c.store.list("endpointslices", ns).filter((e) => e.metadata.labels?.["kubernetes.io/service-name"] === service);
}

function joinHostPort(host: string, port: number): string {
  return host.includes(":") ? `[${host}]:${port}` : `${host}:${port}`;
}

/** formatEndpointSlices: up to 3 ready endpoints, then `+ N more...`. */
export function formatEndpointSlices(slices: KObject[], portName: string): string {
  if (slices.length === 0) return "<none>";
  const list: string[] = [];
  const max = 3;
  let more = false;
  let count = 0;
  const ready = (ep: any) => ep.conditions?.ready === undefined || ep.conditions?.ready === null || ep.conditions.ready === true;
  for (const s of slices) {
    const ports: any[] = s.ports ?? [];
    const endpoints: any[] = s.endpoints ?? [];
    if (ports.length === 0) {
      for (const ep of endpoints) {
        if (list.length === max) more = true;
        if (!ready(ep)) continue;
        if (!more) list.push(ep.addresses?.[0] ?? "");
        count++;
      }
    } else {
      for (const p of ports) {
        if ((p.name ?? "") !== portName) continue;
        for (const ep of endpoints) {
          if (list.length === max) more = true;
          if (!ready(ep)) continue;
          if (!more) list.push(joinHostPort(ep.addresses?.[0] ?? "", p.port ?? 0));
          count++;
        }
      }
    }
  }
  const ret = list.join(",");
  return more ? `${ret} + ${count - max} more...` : ret;
}

function buildIngressString(ingress: any[]): string {
  return ingress.map((i) => (i.ip ? i.ip + (i.ipMode ? ` (${i.ipMode})` : "") : (i.hostname ?? ""))).join(", ");
}

export const describeService: Describer = (c, svc, s) => {
  const spec = svc.spec ?? {};
  const slices = slicesFor(c, svc.metadata.namespace ?? "", svc.metadata.name);
  const events = eventsFor(c, svc, s);
  return tabbed((w) => {
    w.write(LEVEL_0, `Name:\t${svc.metadata.name}\n`);
    w.write(LEVEL_0, `Namespace:\t${svc.metadata.namespace ?? ""}\n`);
    printLabelsMultiline(w, "Labels", svc.metadata.labels);
    printAnnotationsMultiline(w, "Annotations", svc.metadata.annotations);
    w.write(LEVEL_0, `Selector:\t${formatLabels(spec.selector)}\n`);
    w.write(LEVEL_0, `Type:\t${spec.type ?? ""}\n`);
    if (spec.ipFamilyPolicy) w.write(LEVEL_0, `IP Family Policy:\t${spec.ipFamilyPolicy}\n`);
    w.write(LEVEL_0, `IP Families:\t${spec.ipFamilies?.length ? spec.ipFamilies.join(",") : "<none>"}\n`);
    w.write(LEVEL_0, `IP:\t${spec.clusterIP ?? ""}\n`);
    w.write(LEVEL_0, `IPs:\t${spec.clusterIPs?.length ? spec.clusterIPs.join(",") : "<none>"}\n`);
    if (spec.externalIPs?.length) w.write(LEVEL_0, `External IPs:\t${spec.externalIPs.join(",")}\n`);
    if (spec.loadBalancerIP) w.write(LEVEL_0, `Desired LoadBalancer IP:\t${spec.loadBalancerIP}\n`);
    if (spec.externalName) w.write(LEVEL_0, `External Name:\t${spec.externalName}\n`);
    const ing: any[] = svc.status?.loadBalancer?.ingress ?? [];
    if (ing.length) w.write(LEVEL_0, `LoadBalancer Ingress:\t${buildIngressString(ing)}\n`);
    for (const sp of spec.ports ?? []) {
      const name = sp.name || "<unset>";
      const proto = sp.protocol ?? "";
      w.write(LEVEL_0, `Port:\t${name}\t${sp.port ?? 0}/${proto}\n`);
      const tp = sp.targetPort;
      w.write(LEVEL_0, `TargetPort:\t${typeof tp === "number" ? tp : tp === undefined || tp === null ? 0 : tp}/${proto}\n`);
      if (sp.nodePort) w.write(LEVEL_0, `NodePort:\t${name}\t${sp.nodePort}/${proto}\n`);
      w.write(LEVEL_0, `Endpoints:\t${formatEndpointSlices(slices, sp.name ?? "")}\n`);
    }
    w.write(LEVEL_0, `Session Affinity:\t${spec.sessionAffinity ?? ""}\n`);
    if (spec.externalTrafficPolicy) w.write(LEVEL_0, `External Traffic Policy:\t${spec.externalTrafficPolicy}\n`);
    if (spec.internalTrafficPolicy) w.write(LEVEL_0, `Internal Traffic Policy:\t${spec.internalTrafficPolicy}\n`);
    if (spec.healthCheckNodePort) w.write(LEVEL_0, `HealthCheck NodePort:\t${spec.healthCheckNodePort}\n`);
    if (spec.loadBalancerSourceRanges?.length) w.write(LEVEL_0, `LoadBalancer Source Ranges:\t${spec.loadBalancerSourceRanges.join(",")}\n`);
    if (events) describeEvents(events, w, s.now);
  });
};

export const describeEndpoints: Describer = (c, ep, s) => {
  const events = eventsFor(c, ep, s);
  return tabbed((w) => {
    w.write(LEVEL_0, `Name:\t${ep.metadata.name}\n`);
    w.write(LEVEL_0, `Namespace:\t${ep.metadata.namespace ?? ""}\n`);
    printLabelsMultiline(w, "Labels", ep.metadata.labels);
    printAnnotationsMultiline(w, "Annotations", ep.metadata.annotations);
    w.write(LEVEL_0, "Subsets:\n");
    for (const subset of ep.subsets ?? []) {
      const addrs = (subset.addresses ?? []).map((a: any) => a.ip).join(",");
      w.write(LEVEL_1, `Addresses:\t${addrs || "<none>"}\n`);
      const notReady = (subset.notReadyAddresses ?? []).map((a: any) => a.ip).join(",");
      w.write(LEVEL_1, `NotReadyAddresses:\t${notReady || "<none>"}\n`);
      if (subset.ports?.length) {
        w.write(LEVEL_1, "Ports:\n");
        w.write(LEVEL_2, "Name\tPort\tProtocol\n");
        w.write(LEVEL_2, "----\t----\t--------\n");
        for (const p of subset.ports) w.write(LEVEL_2, `${p.name || "<unset>"}\t${p.port ?? 0}\t${p.protocol ?? ""}\n`);
      }
      w.write(LEVEL_0, "\n");
    }
    if (events) describeEvents(events, w, s.now);
  });
};

// ---- Ingress ---------------------------------------------------------------------------------

function serviceBackendString(b: any): string {
  if (!b) return "";
  const port = b.port?.number ? String(b.port.number) : (b.port?.name ?? "");
  return `${b.name}:${port}`;
}

function describeBackend(c: Cluster, ns: string, backend: any): string {
  if (backend?.service) {
    const sb = serviceBackendString(backend.service);
    const svc = c.store.get("services", ns, backend.service.name);
    if (!svc) return `${sb} (<error: services "${backend.service.name}" not found>)`;
    let spName = "";
    for (const sp of svc.spec?.ports ?? []) {
      if (backend.service.port?.number && backend.service.port.number === sp.port) spName = sp.name ?? "";
      else if (backend.service.port?.name && backend.service.port.name === sp.name) spName = sp.name ?? "";
    }
    return `${sb} (${formatEndpointSlices(slicesFor(c, ns, backend.service.name), spName)})`;
  }
  if (backend?.resource) {
    const r = backend.resource;
    return `APIGroup: ${r.apiGroup ?? "<none>"}, Kind: ${r.kind ?? ""}, Name: ${r.name ?? ""}`;
  }
  return "";
}

export const describeIngress: Describer = (c, ing, s) => {
  const spec = ing.spec ?? {};
  const ns = ing.metadata.namespace ?? "";
  const events = eventsFor(c, ing, s);
  return tabbed((w) => {
    w.write(LEVEL_0, `Name:\t${ing.metadata.name}\n`);
    printLabelsMultiline(w, "Labels", ing.metadata.labels);
    w.write(LEVEL_0, `Namespace:\t${ns}\n`);
    const addrs = new Set<string>();
    for (const i of ing.status?.loadBalancer?.ingress ?? []) {
      if (i.ip) addrs.add(i.ip);
      else if (i.hostname) addrs.add(i.hostname);
    }
    w.write(LEVEL_0, `Address:\t${[...addrs].sort(goLess).join(",")}\n`);
    w.write(LEVEL_0, `Ingress Class:\t${spec.ingressClassName ?? "<none>"}\n`);
    const def = spec.defaultBackend ? describeBackend(c, ns, spec.defaultBackend) : "<default>";
    w.write(LEVEL_0, `Default backend:\t${def}\n`);
    if (spec.tls?.length) {
      w.write(LEVEL_0, "TLS:\n");
      for (const t of spec.tls) {
        if (!t.secretName) w.write(LEVEL_1, `SNI routes ${(t.hosts ?? []).join(",")}\n`);
        else w.write(LEVEL_1, `${t.secretName} terminates ${(t.hosts ?? []).join(",")}\n`);
      }
    }
    w.write(LEVEL_0, "Rules:\n  Host\tPath\tBackends\n");
    w.write(LEVEL_1, "----\t----\t--------\n");
    let count = 0;
    for (const rule of spec.rules ?? []) {
      if (!rule.http) continue;
      count++;
      w.write(LEVEL_1, `${rule.host || "*"}\t\n`);
      for (const p of rule.http.paths ?? []) w.write(LEVEL_2, `\t${p.path ?? ""} \t${describeBackend(c, ns, p.backend)}\n`);
    }
    if (count === 0) w.write(LEVEL_1, `*\t*\t${def}\n`);
    printAnnotationsMultiline(w, "Annotations", ing.metadata.annotations);
    if (events) describeEvents(events, w, s.now);
  });
};

// ---- EndpointSlice ---------------------------------------------------------------------------

export const describeEndpointSlice: Describer = (c, eps, s) => {
  const events = eventsFor(c, eps, s);
  const has = (v: unknown) => v !== undefined && v !== null;
  return tabbed((w) => {
    w.write(LEVEL_0, `Name:\t${eps.metadata.name}\n`);
    w.write(LEVEL_0, `Namespace:\t${eps.metadata.namespace ?? ""}\n`);
    printLabelsMultiline(w, "Labels", eps.metadata.labels);
    printAnnotationsMultiline(w, "Annotations", eps.metadata.annotations);
    w.write(LEVEL_0, `AddressType:\t${eps.addressType ?? ""}\n`);
    if (!eps.ports?.length) w.write(LEVEL_0, "Ports: <unset>\n");
    else {
      w.write(LEVEL_0, "Ports:\n");
      w.write(LEVEL_1, "Name\tPort\tProtocol\n");
      w.write(LEVEL_1, "----\t----\t--------\n");
      for (const p of eps.ports) w.write(LEVEL_1, `${p.name ? p.name : "<unset>"}\t${has(p.port) ? p.port : "<unset>"}\t${p.protocol ?? "TCP"}\n`);
    }
    if (!eps.endpoints?.length) w.write(LEVEL_0, "Endpoints: <none>\n");
    else {
      w.write(LEVEL_0, "Endpoints:\n");
      for (const ep of eps.endpoints) {
        w.write(LEVEL_1, `- Addresses:\t${(ep.addresses ?? []).join(", ") || "<none>"}\n`);
        w.write(LEVEL_2, "Conditions:\n");
        w.write(LEVEL_3, `Ready:\t${has(ep.conditions?.ready) ? String(ep.conditions.ready) : "<unset>"}\n`);
        w.write(LEVEL_2, `Hostname:\t${has(ep.hostname) ? ep.hostname : "<unset>"}\n`);
        if (ep.targetRef) w.write(LEVEL_2, `TargetRef:\t${ep.targetRef.kind ?? ""}/${ep.targetRef.name ?? ""}\n`);
        w.write(LEVEL_2, `NodeName:\t${has(ep.nodeName) ? ep.nodeName : "<unset>"}\n`);
        w.write(LEVEL_2, `Zone:\t${has(ep.zone) ? ep.zone : "<unset>"}\n`);
      }
    }
    if (events) describeEvents(events, w, s.now);
  });
};

// ---- IngressClass ----------------------------------------------------------------------------

export const describeIngressClass: Describer = (c, ic, s) => {
  const events = eventsFor(c, ic, s);
  return tabbed((w) => {
    w.write(LEVEL_0, `Name:\t${ic.metadata.name}\n`);
    printLabelsMultiline(w, "Labels", ic.metadata.labels);
    printAnnotationsMultiline(w, "Annotations", ic.metadata.annotations);
    w.write(LEVEL_0, `Controller:\t${ic.spec?.controller ?? ""}\n`);
    const p = ic.spec?.parameters;
    if (p) {
      w.write(LEVEL_0, "Parameters:\n");
      if (p.apiGroup !== undefined && p.apiGroup !== null) w.write(LEVEL_1, `APIGroup:\t${p.apiGroup}\n`);
      w.write(LEVEL_1, `Kind:\t${p.kind ?? ""}\n`);
      w.write(LEVEL_1, `Name:\t${p.name ?? ""}\n`);
    }
    if (events) describeEvents(events, w, s.now);
  });
};
