// A container's environment as the kubelet builds it (kubelet_pods.go makeEnvironmentVariables):
// service link variables, then envFrom, then env with $(VAR) references resolved. Missing
// ConfigMaps/Secrets/keys give the exact CreateContainerConfigError messages.

import type { Cluster } from "../cluster/cluster.ts";
import type { KObject } from "../api/types.ts";
import { cpuMillis, memoryBytes, value } from "../util/quantity.ts";
import { nodeAllocatable } from "../scheduler/resources.ts";
import { decodeSecretText } from "../util/base64.ts";

export class ConfigError extends Error {}

function svcEnvName(name: string): string {
  return name.toUpperCase().replace(/-/g, "_");
}

/** Docker-links-style variables for one service (pkg/kubelet/envvars). */
export function serviceEnv(svc: KObject): [string, string][] {
  const ip = svc.spec?.clusterIP;
  if (!ip || ip === "None") return [];
  const ports: any[] = svc.spec?.ports ?? [];
  if (!ports.length) return [];
  const n = svcEnvName(svc.metadata.name);
  const out: [string, string][] = [];
  out.push([`${n}_SERVICE_HOST`, ip]);
  out.push([`${n}_SERVICE_PORT`, String(ports[0].port)]);
  for (const p of ports) if (p.name) out.push([`${n}_SERVICE_PORT_${svcEnvName(p.name)}`, String(p.port)]);
  const p0 = ports[0];
  out.push([`${n}_PORT`, `${(p0.protocol ?? "TCP").toLowerCase()}://${ip}:${p0.port}`]);
  for (const p of ports) {
    const proto = (p.protocol ?? "TCP").toUpperCase();
    const pre = `${n}_PORT_${p.port}_${proto}`;
    out.push([pre, `${proto.toLowerCase()}://${ip}:${p.port}`]);
    out.push([`${pre}_PROTO`, proto.toLowerCase()]);
    out.push([`${pre}_PORT`, String(p.port)]);
    out.push([`${pre}_ADDR`, ip]);
  }
  return out;
}

function fieldRef(pod: KObject, path: string): string {
  const m = /^metadata\.(labels|annotations)\['(.*)'\]$/.exec(path);
  if (m) return pod.metadata[m[1]]?.[m[2]] ?? "";
  switch (path) {
    case "metadata.name":
      return pod.metadata.name;
    case "metadata.namespace":
      return pod.metadata.namespace ?? "default";
    case "metadata.uid":
      return pod.metadata.uid;
    case "spec.nodeName":
      return pod.spec?.nodeName ?? "";
    case "spec.serviceAccountName":
      return pod.spec?.serviceAccountName ?? "default";
    case "status.hostIP":
      return pod.status?.hostIP ?? "";
    case "status.hostIPs":
      return (pod.status?.hostIPs ?? []).map((x: any) => x.ip).join(",");
    case "status.podIP":
      return pod.status?.podIP ?? "";
    case "status.podIPs":
      return (pod.status?.podIPs ?? []).map((x: any) => x.ip).join(",");
    case "metadata.labels":
      return Object.entries(pod.metadata.labels ?? {}).map(([k, v]) => `${k}="${v}"`).join("\n");
    case "metadata.annotations":
      return Object.entries(pod.metadata.annotations ?? {}).map(([k, v]) => `${k}="${v}"`).join("\n");
  }
  return "";
}

/** resourceFieldRef: limits fall back to node allocatable, cpu rounds up to the divisor. */
export function resourceFieldValue(c: Cluster, pod: KObject, ctr: any, ref: any): string {
  const [kind, res] = String(ref.resource ?? "").split(".");
  const spec = ctr?.resources?.[kind]?.[res];
  let raw: number;
  const node = pod.spec?.nodeName ? c.store.get("nodes", undefined, pod.spec.nodeName) : undefined;
  const alloc = node ? nodeAllocatable(node) : undefined;
  if (res === "cpu") {
    raw = spec !== undefined ? cpuMillis(String(spec)) : kind === "limits" ? (alloc?.cpu ?? 0) : 0;
    // A zero divisor (the API server defaults `divisor: "0"`) means the default, 1 (k8s ExtractContainerResourceValue).
    const div = (ref.divisor ? cpuMillis(String(ref.divisor)) : 0) || 1000;
    return String(Math.ceil(raw / div));
  }
  raw = spec !== undefined ? memoryBytes(String(spec)) : kind === "limits" ? (res === "memory" ? (alloc?.memory ?? 0) : (alloc?.storage ?? 0)) : 0;
  const div = (ref.divisor ? value(String(ref.divisor)) : 0) || 1;
  return String(Math.ceil(raw / div));
}

function expandRefs(v: string, env: Map<string, string>): string {
  return v.replace(/\$\$|\$\(([A-Za-z_][A-Za-z0-9_.-]*)\)/g, (m, name) => (m === "$$" ? "$" : env.has(name) ? env.get(name)! : m));
}

/** Environment of a container; throws ConfigError with the kubelet's message when a reference is missing. */
export function containerEnvOrThrow(c: Cluster, pod: KObject, ctr: any): Map<string, string> {
  const ns = pod.metadata.namespace ?? "default";
  const env = new Map<string, string>();
  // Service links: the master service always, other services of the namespace if enabled.
  const links: [string, string][] = [];
  const master = c.store.get("services", "default", "kubernetes");
  if (master) links.push(...serviceEnv(master));
  if (pod.spec?.enableServiceLinks !== false) {
    for (const svc of c.store.list("services", ns)) {
      if (ns === "default" && svc.metadata.name === "kubernetes") continue;
      links.push(...serviceEnv(svc));
    }
  }
  for (const [k, v] of links) env.set(k, v);
  for (const src of ctr.envFrom ?? []) {
    const prefix = src.prefix ?? "";
    if (src.configMapRef) {
      const cm = c.store.get("configmaps", ns, src.configMapRef.name);
      if (!cm) {
        if (src.configMapRef.optional) continue;
        throw new ConfigError(`configmap "${src.configMapRef.name}" not found`);
      }
      for (const [k, v] of Object.entries(cm.data ?? {})) env.set(prefix + k, String(v));
    } else if (src.secretRef) {
      const s = c.store.get("secrets", ns, src.secretRef.name);
      if (!s) {
        if (src.secretRef.optional) continue;
        throw new ConfigError(`secret "${src.secretRef.name}" not found`);
      }
      for (const [k, v] of Object.entries(s.data ?? {})) env.set(prefix + k, decodeSecretText(String(v)));
      for (const [k, v] of Object.entries(s.stringData ?? {})) env.set(prefix + k, String(v));
    }
  }
  for (const e of ctr.env ?? []) {
    if (e.valueFrom === undefined) {
      env.set(e.name, expandRefs(String(e.value ?? ""), env));
      continue;
    }
    const vf = e.valueFrom;
    if (vf.configMapKeyRef) {
      const r = vf.configMapKeyRef;
      const cm = c.store.get("configmaps", ns, r.name);
      if (!cm) {
        if (r.optional) continue;
        throw new ConfigError(`configmap "${r.name}" not found`);
      }
      const v = cm.data?.[r.key];
      if (v === undefined) {
        if (r.optional) continue;
        throw new ConfigError(`couldn't find key ${r.key} in ConfigMap ${ns}/${r.name}`);
      }
      env.set(e.name, String(v));
    } else if (vf.secretKeyRef) {
      const r = vf.secretKeyRef;
      const s = c.store.get("secrets", ns, r.name);
      if (!s) {
        if (r.optional) continue;
        throw new ConfigError(`secret "${r.name}" not found`);
      }
      const v = s.data?.[r.key] !== undefined ? decodeSecretText(String(s.data[r.key])) : s.stringData?.[r.key];
      if (v === undefined) {
        if (r.optional) continue;
        throw new ConfigError(`couldn't find key ${r.key} in Secret ${ns}/${r.name}`);
      }
      env.set(e.name, String(v));
    } else if (vf.fieldRef) {
      env.set(e.name, fieldRef(pod, vf.fieldRef.fieldPath));
    } else if (vf.resourceFieldRef) {
      const target = vf.resourceFieldRef.containerName ? [...(pod.spec?.containers ?? []), ...(pod.spec?.initContainers ?? [])].find((x: any) => x.name === vf.resourceFieldRef.containerName) : ctr;
      env.set(e.name, resourceFieldValue(c, pod, target, vf.resourceFieldRef));
    }
  }
  return env;
}

/** The environment a process in the container sees (for `kubectl exec -- env`), image defaults included. */
export function containerEnv(c: Cluster, pod: KObject, containerName?: string): Record<string, string> {
  const ctr = findContainer(pod, containerName);
  const out: Record<string, string> = {
    PATH: "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
    HOSTNAME: pod.spec?.hostname ?? pod.metadata.name,
  };
  let env: Map<string, string>;
  try {
    env = containerEnvOrThrow(c, pod, ctr ?? {});
  } catch {
    env = new Map();
  }
  for (const [k, v] of env) out[k] = v;
  out.HOME ??= "/root";
  return out;
}

export function findContainer(pod: KObject, name?: string): any {
  const all = [...(pod.spec?.containers ?? []), ...(pod.spec?.initContainers ?? []), ...(pod.spec?.ephemeralContainers ?? [])];
  if (!name) return pod.spec?.containers?.[0];
  return all.find((x: any) => x.name === name);
}
