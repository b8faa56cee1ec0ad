// NetworkPolicy as Calico enforces it: a pod selected by a policy of a type (Ingress/Egress)
// accepts/sends only what some rule of those policies allows; pods no policy selects are open.
// Evaluated after kube-proxy's DNAT, so peers are pods (or IPs), never Services. Nodes and the
// workstation are plain IPs (only ipBlock peers match them).

import type { Cluster } from "../cluster/cluster.ts";
import type { KObject } from "../api/types.ts";
import { fromLabelSelector, matchesLabels } from "../api/selectors.ts";

export interface Peer {
  pod?: KObject;
  ip: string;
}

function ipNum(ip: string): number {
  return ip.split(".").reduce((a, x) => a * 256 + Number(x), 0);
}

export function inCidr(ip: string, cidr: string): boolean {
  const [base, bits] = cidr.split("/");
  if (!/^\d+\.\d+\.\d+\.\d+$/.test(ip) || !/^\d+\.\d+\.\d+\.\d+$/.test(base)) return false;
  const b = Number(bits ?? 32);
  const size = 2 ** (32 - b);
  return Math.floor(ipNum(ip) / size) === Math.floor(ipNum(base) / size);
}

function policyTypes(np: KObject): string[] {
  if (np.spec?.policyTypes?.length) return np.spec.policyTypes;
  return np.spec?.egress ? ["Ingress", "Egress"] : ["Ingress"];
}

function selects(np: KObject, pod: KObject): boolean {
  return np.metadata.namespace === pod.metadata.namespace && matchesLabels(fromLabelSelector(np.spec?.podSelector ?? {}), pod.metadata.labels);
}

function peerMatches(c: Cluster, np: KObject, rulePeer: any, other: Peer): boolean {
  if (rulePeer.ipBlock) {
    const b = rulePeer.ipBlock;
    return inCidr(other.ip, b.cidr) && !(b.except ?? []).some((x: string) => inCidr(other.ip, x));
  }
  const pod = other.pod;
  if (!pod) return false;
  if (rulePeer.namespaceSelector) {
    const ns = c.store.get("namespaces", undefined, pod.metadata.namespace ?? "default");
    if (!matchesLabels(fromLabelSelector(rulePeer.namespaceSelector), ns?.metadata.labels)) return false;
  } else if (pod.metadata.namespace !== np.metadata.namespace) return false;
  return rulePeer.podSelector ? matchesLabels(fromLabelSelector(rulePeer.podSelector), pod.metadata.labels) : true;
}

function portMatches(rulePorts: any[] | undefined, dstPod: KObject | undefined, port: number, protocol: string): boolean {
  if (!rulePorts?.length) return true;
  return rulePorts.some((p) => {
    if ((p.protocol ?? "TCP") !== protocol) return false;
    if (p.port === undefined) return true;
    let n: number | undefined = typeof p.port === "number" ? p.port : /^\d+$/.test(p.port) ? Number(p.port) : undefined;
    if (n === undefined && dstPod) {
      for (const ctr of dstPod.spec?.containers ?? []) for (const cp of ctr.ports ?? []) if (cp.name === p.port) n = cp.containerPort;
    }
    if (n === undefined) return false;
    return p.endPort ? port >= n && port <= p.endPort : port === n;
  });
}

function allowedBy(c: Cluster, pod: KObject, type: "Ingress" | "Egress", other: Peer, dstPod: KObject | undefined, port: number, protocol: string): boolean {
  const pols = c.store.list("networkpolicies", pod.metadata.namespace).filter((np) => policyTypes(np).includes(type) && selects(np, pod));
  if (!pols.length) return true;
  const key = type === "Ingress" ? "ingress" : "egress";
  const peerKey = type === "Ingress" ? "from" : "to";
  return pols.some((np) =>
    (np.spec?.[key] ?? []).some((rule: any) => {
      const peers = rule[peerKey];
      const peerOk = !peers?.length || peers.some((p: any) => peerMatches(c, np, p, other));
      return peerOk && portMatches(rule.ports, dstPod, port, protocol);
    }),
  );
}

/** Whether a connection src -> dst:port passes both the source's egress and the destination's ingress policies. */
export function policyAllows(c: Cluster, src: Peer, dst: Peer, port: number, protocol = "TCP"): boolean {
  // Same pod (loopback) never crosses the policy enforcement point.
  if (src.pod && dst.pod && src.pod.metadata.uid === dst.pod.metadata.uid) return true;
  if (src.pod && !src.pod.spec?.hostNetwork && !allowedBy(c, src.pod, "Egress", dst, dst.pod, port, protocol)) return false;
  if (dst.pod && !dst.pod.spec?.hostNetwork && !allowedBy(c, dst.pod, "Ingress", src, dst.pod, port, protocol)) return false;
  return true;
}

/** Whether a pod may reach cluster DNS (an egress default-deny without a port-53 rule breaks name lookups). */
export function dnsAllowed(c: Cluster, pod: KObject | undefined): boolean {
  if (!pod) return true;
  const dns = c.store
    .list("pods", "kube-system")
    .filter((p) => p.metadata.labels?.["k8s-app"] === "kube-dns" && p.status?.podIP)
    .sort((a, b) => (a.metadata.name < b.metadata.name ? -1 : 1));
  if (!dns.length) return allowedBy(c, pod, "Egress", { ip: DNS_IP }, undefined, 53, "UDP");
  return dns.some((d) => policyAllows(c, { pod, ip: pod.status?.podIP ?? "" }, { pod: d, ip: d.status.podIP }, 53, "UDP"));
}

const DNS_IP = "10.96.0.10";
