// Cluster DNS as CoreDNS's kubernetes plugin answers it (zone cluster.local): Services by
// `svc.ns.svc.cluster.local` (headless: the ready endpoint IPs; ExternalName: a CNAME), endpoint
// hostnames of headless Services (`web-0.nginx.ns.svc...`, StatefulSet pods), pod A records
// `10-244-1-5.ns.pod.cluster.local` (`pods insecure`: the IP is echoed, not verified).
// Pods search `<ns>.svc.cluster.local svc.cluster.local cluster.local` with ndots:5; nodes and
// the workstation use their own resolver, which knows only node names (/etc/hosts).

import type { Cluster } from "../cluster/cluster.ts";
import type { KObject } from "../api/types.ts";
import { nodeIP } from "./ipam.ts";

export const CLUSTER_DOMAIN = "cluster.local";
export const DNS_SERVER = "10.96.0.10";

export interface DnsAnswer {
  /** The name that answered (after the search path). */
  fqdn: string;
  /** A records; empty when only a CNAME pointing outside the cluster answered. */
  ips: string[];
  /** ExternalName services answer a CNAME. */
  cname?: string;
}

export function resolvConf(ns: string): string {
  return `search ${ns}.svc.${CLUSTER_DOMAIN} svc.${CLUSTER_DOMAIN} ${CLUSTER_DOMAIN}\nnameserver ${DNS_SERVER}\noptions ndots:5\n`;
}

export const isIPv4 = (s: string) => /^\d{1,3}(\.\d{1,3}){3}$/.test(s) && s.split(".").every((x) => Number(x) < 256);

function readyEndpointAddrs(c: Cluster, svc: KObject): any[] {
  const ep = c.store.get("endpoints", svc.metadata.namespace, svc.metadata.name);
  const out: any[] = [];
  for (const s of ep?.subsets ?? []) for (const a of s.addresses ?? []) if (!out.some((x) => x.ip === a.ip)) out.push(a);
  return out.sort((a, b) => (a.ip < b.ip ? -1 : a.ip > b.ip ? 1 : 0));
}

/** An absolute name inside the cluster zone (no trailing dot), or undefined = NXDOMAIN. */
export function lookupZone(c: Cluster, fqdn: string): DnsAnswer | undefined {
  const name = fqdn.toLowerCase().replace(/\.$/, "");
  const zone = `.${CLUSTER_DOMAIN}`;
  if (!name.endsWith(zone)) return undefined;
  const labels = name.slice(0, -zone.length).split(".");
  const kind = labels.pop();
  if (kind === "pod" && labels.length === 2) {
    const ip = labels[0].replace(/-/g, ".");
    return isIPv4(ip) && c.store.get("namespaces", undefined, labels[1]) ? { fqdn: name, ips: [ip] } : undefined;
  }
  if (kind !== "svc") return undefined;
  if (labels.length === 2) {
    const svc = c.store.get("services", labels[1], labels[0]);
    if (!svc) return undefined;
    if (svc.spec?.type === "ExternalName") return { fqdn: name, ips: [], cname: String(svc.spec.externalName ?? "").replace(/\.$/, "") };
    if (svc.spec?.clusterIP && svc.spec.clusterIP !== "None") return { fqdn: name, ips: [svc.spec.clusterIP] };
    const ips = readyEndpointAddrs(c, svc).map((a) => a.ip);
    return ips.length ? { fqdn: name, ips } : undefined;
  }
  if (labels.length === 3) {
    // Endpoint hostname of a headless Service: pod spec.hostname + subdomain (StatefulSets).
    const svc = c.store.get("services", labels[2], labels[1]);
    if (!svc || svc.spec?.clusterIP !== "None") return undefined;
    // The address's hostname, or the pod's spec.hostname when its subdomain names this Service.
    const a = readyEndpointAddrs(c, svc).find((x) => {
      if (x.hostname) return x.hostname === labels[0];
      const pod = x.targetRef?.kind === "Pod" ? c.store.get("pods", x.targetRef.namespace, x.targetRef.name) : undefined;
      return pod?.spec?.hostname === labels[0] && pod?.spec?.subdomain === labels[1];
    });
    return a ? { fqdn: name, ips: [a.ip] } : undefined;
  }
  return undefined;
}

/** The names a pod's resolver tries, in order (ndots:5 puts the search list first). */
export function searchList(name: string, ns: string): string[] {
  if (name.endsWith(".")) return [name.slice(0, -1)];
  const search = [`${ns}.svc.${CLUSTER_DOMAIN}`, `svc.${CLUSTER_DOMAIN}`, CLUSTER_DOMAIN].map((d) => `${name}.${d}`);
  const dots = name.split(".").length - 1;
  return dots >= 5 ? [name, ...search] : [...search, name];
}

/** Resolve like a pod in namespace `ns`; IP literals answer themselves. */
export function resolveInPod(c: Cluster, name: string, ns: string): DnsAnswer | undefined {
  if (isIPv4(name)) return { fqdn: name, ips: [name] };
  if (name === "localhost") return { fqdn: name, ips: ["127.0.0.1"] };
  for (const cand of searchList(name, ns)) {
    const a = lookupZone(c, cand);
    if (a) return a;
  }
  return undefined;
}

/** Resolve like a node (the workstation is the controlplane node): /etc/hosts node names only. */
export function resolveOnNode(c: Cluster, name: string): DnsAnswer | undefined {
  const n = name.replace(/\.$/, "").toLowerCase();
  if (isIPv4(n)) return { fqdn: n, ips: [n] };
  if (n === "localhost") return { fqdn: n, ips: ["127.0.0.1"] };
  const node = c.store.get("nodes", undefined, n);
  const ip = nodeIP(node);
  return ip ? { fqdn: n, ips: [ip] } : undefined;
}
