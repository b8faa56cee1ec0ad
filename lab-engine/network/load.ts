// Where a load generator's requests land: the pods that would answer `wget http://svc` or
// `curl http://pod-ip:port` sent from a pod, by the same rules as one request (cluster DNS from
// the pod's namespace, ClusterIP -> ready endpoints, NetworkPolicy on the last hop). Used by
// kubelet/usage.ts to turn a loop's request rate into CPU on the backends.

import type { Cluster } from "../cluster/cluster.ts";
import type { KObject } from "../api/types.ts";
import { podListens } from "../kubelet/api.ts";
import { parseUrl, podEnv, resolveFrom } from "./client.ts";
import { serviceBackends } from "./route.ts";
import { policyAllows } from "./netpol.ts";

/** Options of wget/curl that take a value (the URL is the first other non-option word). */
const WITH_VALUE = new Set(["-O", "-o", "-H", "-X", "-d", "-T", "-U", "-e", "-P", "-Y", "-m", "-w", "-u", "-A", "--header", "--data", "--user-agent", "--output", "--connect-timeout", "--max-time", "--request", "--timeout", "--tries"]);

export function requestUrl(argv: string[]): string | undefined {
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i];
    if (WITH_VALUE.has(a)) {
      i++;
      continue;
    }
    if (a.startsWith("-")) continue;
    return a;
  }
  return undefined;
}

/** The pods that would serve the request `argv` (wget/curl) sent from `from`; [] = it fails. */
export function requestBackends(c: Cluster, from: KObject, container: string, argv: string[]): KObject[] {
  const raw = requestUrl(argv);
  const u = raw ? parseUrl(raw) : undefined;
  if (!u) return [];
  const env = podEnv(c, from, container);
  const r = resolveFrom(env, u.host);
  if (typeof r === "string" || !r.ips.length) return [];
  const ip = r.ips[0];
  const byIP = new Map<string, KObject>();
  for (const p of c.store.list("pods")) if (p.status?.podIP && !p.spec?.hostNetwork) byIP.set(p.status.podIP, p);
  const src = { pod: from, ip: from.status?.podIP ?? "" };
  const reachable = (pod: KObject | undefined, port: number): pod is KObject => !!pod && podListens(c, pod, port) && policyAllows(c, src, { pod, ip: pod.status?.podIP ?? "" }, port);
  for (const svc of c.store.list("services")) {
    if (svc.spec?.clusterIP !== ip || ip === "None") continue;
    const sp = (svc.spec.ports ?? []).find((p: any) => p.port === u.port && (p.protocol ?? "TCP") === "TCP");
    if (!sp) return [];
    const out: KObject[] = [];
    for (const b of serviceBackends(c, svc, sp)) {
      const pod = byIP.get(b.ip);
      if (reachable(pod, b.port)) out.push(pod);
    }
    return out;
  }
  const pod = byIP.get(ip);
  return reachable(pod, u.port) ? [pod] : [];
}
