// Where a TCP connection to ip:port lands, as kube-proxy (iptables mode) and the CNI route it:
// ClusterIP / externalIPs / LoadBalancer IP on a service port -> a ready endpoint (round robin,
// or by client IP with sessionAffinity) -> the pod's targetPort; NodePorts on every node IP
// (and 127.0.0.1 on the node itself); pod IPs directly; the ingress controller and the API
// server on node ports 80/443 and 6443. NetworkPolicy is checked on the final pod hop.

import type { Cluster } from "../cluster/cluster.ts";
import type { KObject } from "../api/types.ts";
import { httpGetPod, podListens } from "../kubelet/api.ts";
import type { Client, HttpResponse } from "../kubelet/http.ts";
import { nodeIP } from "./ipam.ts";
import { policyAllows, type Peer } from "./netpol.ts";
import { ingressAnswer } from "./ingress.ts";
import { apiServerAnswer } from "./apiserver-http.ts";

/** Who opens the connection: a pod, or a node's host network (the workstation is `controlplane`). */
export interface Origin {
  pod?: KObject;
  /** Node name when the origin is a host (or the pod's node). */
  node?: string;
}

export interface Request {
  path: string;
  /** Host header (ingress routing, virtual hosts). */
  host: string;
  method?: string;
  headers?: Record<string, string>;
}

/** `secure`: the listener speaks TLS (clients without TLS get a 400, with TLS to a plain port an error). */
export type Outcome = { ok: HttpResponse; secure?: boolean } | { err: "refused" | "timeout" | "not-http" };

const TIMEOUT: Outcome = { err: "timeout" };
const REFUSED: Outcome = { err: "refused" };

function fnv(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193) >>> 0;
  return h;
}

export function originIP(c: Cluster, from: Origin): string {
  if (from.pod) return from.pod.status?.podIP ?? "";
  return nodeIP(c.store.get("nodes", undefined, from.node ?? "controlplane"));
}

function podByIP(c: Cluster, ip: string): KObject | undefined {
  return c.store
    .list("pods")
    .find((p) => p.status?.podIP === ip && !p.spec?.hostNetwork && !["Succeeded", "Failed"].includes(p.status?.phase));
}

function nodeByIP(c: Cluster, ip: string): KObject | undefined {
  return c.store.list("nodes").find((n) => nodeIP(n) === ip);
}

/** The pod-network address of a node: `10.244.N.<host>` of its podCIDR. */
function nodePodNetIP(node: KObject | undefined, host: number): string | undefined {
  const m = /^(\d+\.\d+\.\d+)\.\d+\//.exec(node?.spec?.podCIDR ?? "");
  return m ? `${m[1]}.${host}` : undefined;
}

/**
 * The source address a pod sees: a pod's own IP; from a node's host network, the node's end of
 * the pod network (`10.244.N.1` to a pod on the same node, its tunnel address `10.244.N.0` to a
 * pod on another node).
 */
export function sourceIPAt(c: Cluster, from: Origin, target: KObject): string {
  if (from.pod && !from.pod.spec?.hostNetwork) return from.pod.status?.podIP ?? "";
  const nodeName = from.node ?? from.pod?.spec?.nodeName ?? "controlplane";
  const node = c.store.get("nodes", undefined, nodeName);
  const ip = nodeName === target.spec?.nodeName ? nodePodNetIP(node, 1) : nodePodNetIP(node, 0);
  return ip ?? originIP(c, from);
}

/** Who the server sees sending the request. */
function clientOf(ip: string, req: Request): Client {
  return { ip, method: req.method ?? "GET", headers: { host: req.host, ...(req.headers ?? {}) } };
}

/** Deliver to a pod's port after NetworkPolicy. */
function toPod(c: Cluster, from: Origin, pod: KObject, port: number, req: Request): Outcome {
  const src: Peer = { pod: from.pod, ip: originIP(c, from) };
  if (!policyAllows(c, src, { pod, ip: pod.status?.podIP ?? "" }, port)) return TIMEOUT;
  const ans = httpGetPod(c, pod, port, req.path, clientOf(sourceIPAt(c, from, pod), req));
  if (ans) return { ok: ans };
  return podListens(c, pod, port) ? { err: "not-http" } : REFUSED;
}

interface Backend {
  ip: string;
  port: number;
  nodeName?: string;
}

/** Ready endpoints of a service port, from the Endpoints object (what kube-proxy programs). */
export function serviceBackends(c: Cluster, svc: KObject, sp: any): Backend[] {
  const ep = c.store.get("endpoints", svc.metadata.namespace, svc.metadata.name);
  const out: Backend[] = [];
  for (const s of ep?.subsets ?? []) {
    const ports: any[] = s.ports ?? [];
    const p = ports.find((x) => (x.name ?? "") === (sp.name ?? "")) ?? (ports.length === 1 && !sp.name ? ports[0] : undefined);
    if (!p) continue;
    for (const a of s.addresses ?? []) out.push({ ip: a.ip, port: p.port, nodeName: a.nodeName });
  }
  return out.sort((a, b) => (a.ip < b.ip ? -1 : a.ip > b.ip ? 1 : a.port - b.port));
}

function pick(c: Cluster, svc: KObject, backends: Backend[], clientIP: string): Backend {
  if (backends.length === 1) return backends[0];
  if (svc.spec?.sessionAffinity === "ClientIP") return backends[fnv(clientIP + svc.metadata.uid) % backends.length];
  // Round robin kept in controller state: deterministic and restored with snapshots.
  const st = (c.state.ctrl["kube-proxy-rr"] ??= {}) as Record<string, number>;
  const n = st[svc.metadata.uid] ?? fnv(svc.metadata.uid) % backends.length;
  st[svc.metadata.uid] = n + 1;
  return backends[n % backends.length];
}

/** Connect through a service port (ClusterIP, NodePort, LB...). `viaNode`: NodePort entry node (externalTrafficPolicy Local). */
export function viaService(c: Cluster, from: Origin, svc: KObject, sp: any, req: Request, viaNode?: string, depth = 0): Outcome {
  let backends = serviceBackends(c, svc, sp);
  if (viaNode && svc.spec?.externalTrafficPolicy === "Local") backends = backends.filter((b) => b.nodeName === viaNode);
  if (!backends.length) return viaNode && svc.spec?.externalTrafficPolicy === "Local" && serviceBackends(c, svc, sp).length ? TIMEOUT : REFUSED;
  const b = pick(c, svc, backends, originIP(c, from));
  return connect(c, from, b.ip, b.port, req, depth + 1);
}

function nodePortService(c: Cluster, port: number): { svc: KObject; sp: any } | undefined {
  for (const svc of c.store.list("services")) {
    if (svc.spec?.type !== "NodePort" && svc.spec?.type !== "LoadBalancer") continue;
    const sp = (svc.spec.ports ?? []).find((p: any) => p.nodePort === port && (p.protocol ?? "TCP") === "TCP");
    if (sp) return { svc, sp };
  }
  return undefined;
}

/** What a node's host network answers on `port` (NodePorts, ingress controller, API server). */
function toNode(c: Cluster, from: Origin, node: KObject, port: number, req: Request, depth: number): Outcome {
  const np = nodePortService(c, port);
  if (np) return viaService(c, from, np.svc, np.sp, req, node.metadata.name, depth);
  if (port === 80 || port === 443) {
    const ans = ingressAnswer(c, from, req, depth);
    return "ok" in ans ? { ok: ans.ok, secure: port === 443 } : ans;
  }
  if (port === 6443 && node.metadata.labels?.["node-role.kubernetes.io/control-plane"] !== undefined) return { ok: apiServerAnswer(c, req), secure: true };
  // hostNetwork pods (and hostPort mappings) listen on the node itself.
  for (const p of c.store.list("pods")) {
    if (p.spec?.nodeName !== node.metadata.name) continue;
    const hostPort = (p.spec?.containers ?? []).some((ct: any) => (ct.ports ?? []).some((cp: any) => cp.hostPort === port));
    if (p.spec?.hostNetwork || hostPort) {
      const target = hostPort ? (p.spec.containers.flatMap((ct: any) => ct.ports ?? []).find((cp: any) => cp.hostPort === port)?.containerPort ?? port) : port;
      if (podListens(c, p, target)) {
        const ans = httpGetPod(c, p, target, req.path, clientOf(originIP(c, from), req));
        return ans ? { ok: ans } : { err: "not-http" };
      }
    }
  }
  return REFUSED;
}

/** Open a connection from `from` to ip:port and send one HTTP request. */
export function connect(c: Cluster, from: Origin, ip: string, port: number, req: Request, depth = 0): Outcome {
  if (depth > 4) return TIMEOUT;
  if (ip === "127.0.0.1" || ip === "0.0.0.0") {
    if (from.pod) {
      const ans = httpGetPod(c, from.pod, port, req.path, clientOf("127.0.0.1", req));
      return ans ? { ok: ans } : podListens(c, from.pod, port) ? { err: "not-http" } : REFUSED;
    }
    const node = c.store.get("nodes", undefined, from.node ?? "controlplane");
    return node ? toNode(c, from, node, port, req, depth) : REFUSED;
  }
  for (const svc of c.store.list("services")) {
    const spec = svc.spec ?? {};
    const vips = [spec.clusterIP, ...(spec.externalIPs ?? []), ...(svc.status?.loadBalancer?.ingress ?? []).map((i: any) => i.ip)];
    if (!vips.includes(ip) || spec.clusterIP === "None" && ip === "None") continue;
    const sp = (spec.ports ?? []).find((p: any) => p.port === port && (p.protocol ?? "TCP") === "TCP");
    if (sp) {
      // The default `kubernetes` Service has no selector: its endpoint is the API server.
      if (svc.metadata.name === "kubernetes" && svc.metadata.namespace === "default") return { ok: apiServerAnswer(c, req), secure: true };
      return viaService(c, from, svc, sp, req, undefined, depth);
    }
    // externalIPs on a node's own address fall through to the node's ports.
    if (ip === spec.clusterIP) return TIMEOUT;
  }
  const node = nodeByIP(c, ip);
  if (node) return toNode(c, from, node, port, req, depth);
  const pod = podByIP(c, ip);
  if (pod) return toPod(c, from, pod, port, req);
  return TIMEOUT;
}
