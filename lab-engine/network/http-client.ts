// What a client inside the cluster (kubectl exec ... curl/wget/nslookup) or on the workstation
// reaches: cluster DNS names and IPs of Services and Pods, answered by the kubelet's HTTP
// simulation. Local listeners (kubectl proxy, port-forward) register in `localListeners`.

import type { Cluster } from "../cluster/cluster.ts";
import type { KObject } from "../api/types.ts";
import { httpGetPod } from "../kubelet/api.ts";
import { fromMap, matchesLabels } from "../api/selectors.ts";

export interface HttpResult {
  status: number;
  body: string;
  contentType: string;
}

/** Outcome of resolving and connecting: an answer, or curl-style failure kinds. */
export type Fetch = { ok: HttpResult } | { err: "resolve" | "refused" | "timeout" };

/** A listener on the workstation's localhost (kubectl proxy / port-forward in the background). */
export type LocalHandler = (path: string) => HttpResult | undefined;
/** port -> handler, per cluster name; lives outside snapshots (forwards die with the session). */
export const localListeners = new Map<string, Map<number, LocalHandler>>();

export function listen(c: Cluster, port: number, h: LocalHandler): void {
  let m = localListeners.get(c.state.name);
  if (!m) localListeners.set(c.state.name, (m = new Map()));
  m.set(port, h);
}

export const DNS_SERVER = "10.96.0.10";

/** Resolve `svc`, `svc.ns`, `svc.ns.svc`, `svc.ns.svc.cluster.local`, pod A records. */
export function resolveName(c: Cluster, name: string, ns: string): { fqdn: string; ip: string; svc?: KObject } | undefined {
  const n = name.replace(/\.$/, "");
  const parts = n.split(".");
  const tryNs = (svcName: string, svcNs: string) => {
    const svc = c.store.get("services", svcNs, svcName);
    if (!svc) return undefined;
    return { fqdn: `${svcName}.${svcNs}.svc.cluster.local`, ip: svc.spec?.clusterIP ?? "", svc };
  };
  if (parts.length === 1) return tryNs(parts[0], ns);
  if (parts.length === 2 || (parts.length === 3 && parts[2] === "svc") || (parts.length === 5 && parts.slice(2).join(".") === "svc.cluster.local")) return tryNs(parts[0], parts[1]);
  if (/^\d+\.\d+\.\d+\.\d+$/.test(n)) return { fqdn: n, ip: n };
  return undefined;
}

function podByIP(c: Cluster, ip: string): KObject | undefined {
  return c.store.list("pods").find((p) => p.status?.podIP === ip && p.status?.phase === "Running" && !p.spec?.hostNetwork);
}

function readyEndpoints(c: Cluster, svc: KObject): KObject[] {
  const sel = svc.spec?.selector;
  if (!sel || !Object.keys(sel).length) return [];
  return c.store
    .list("pods", svc.metadata.namespace)
    .filter((p) => matchesLabels(fromMap(sel), p.metadata.labels) && p.status?.phase === "Running" && !p.metadata.deletionTimestamp)
    .filter((p) => (p.status?.conditions ?? []).some((x: any) => x.type === "Ready" && x.status === "True"))
    .sort((a, b) => (a.metadata.name < b.metadata.name ? -1 : 1));
}

function targetPortOf(pod: KObject, tp: any, fallback: number): number {
  if (typeof tp === "number") return tp;
  if (typeof tp === "string" && /^\d+$/.test(tp)) return Number(tp);
  if (typeof tp === "string") {
    for (const ctr of pod.spec?.containers ?? []) for (const p of ctr.ports ?? []) if (p.name === tp) return p.containerPort;
  }
  return fallback;
}

/** HTTP GET http://host:port/path from inside the cluster (namespace `ns` for short names). */
export function httpGet(c: Cluster, host: string, port: number, path: string, ns: string, pick = 0): Fetch {
  const r = resolveName(c, host, ns);
  if (!r) return { err: "resolve" };
  const svc = r.svc ?? c.store.list("services").find((s) => s.spec?.clusterIP === r.ip);
  if (svc) {
    const sp = (svc.spec?.ports ?? []).find((p: any) => p.port === port);
    if (!sp) return { err: "timeout" };
    const eps = readyEndpoints(c, svc);
    if (!eps.length) return { err: "refused" };
    const pod = eps[pick % eps.length];
    const ans = httpGetPod(c, pod, targetPortOf(pod, sp.targetPort, sp.port), path);
    return ans ? { ok: ans } : { err: "refused" };
  }
  const pod = podByIP(c, r.ip);
  if (!pod) return { err: "timeout" };
  const ans = httpGetPod(c, pod, port, path);
  return ans ? { ok: ans } : { err: "refused" };
}

/** Split `http://host:port/path` (scheme optional). */
export function parseUrl(url: string): { scheme: string; host: string; port: number; path: string } | undefined {
  const m = /^(?:(https?):\/\/)?([^/:?#]+)(?::(\d+))?([^#]*)/.exec(url);
  if (!m) return undefined;
  const scheme = m[1] ?? "http";
  return { scheme, host: m[2], port: m[3] ? Number(m[3]) : scheme === "https" ? 443 : 80, path: m[4] || "/" };
}
