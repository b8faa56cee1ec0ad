// ClusterIP and NodePort allocation (the API server's service IP and port allocators).
// Cluster IPs come from 10.96.0.0/12 and node ports from 30000-32767, both from the seeded rng.

import type { KObject } from "../types.ts";
import type { Cluster } from "../../cluster/cluster.ts";
import type { WriteOptions } from "../server.ts";
import { ApiError } from "../errors.ts";
import { invalidError } from "../validation/policy.ts";
import { invalid } from "../validation/field.ts";

function usedClusterIPs(c: Cluster): Set<string> {
  return new Set(c.store.list("services").flatMap((s) => s.spec?.clusterIPs ?? []));
}

function usedNodePorts(c: Cluster): Set<number> {
  const used = new Set<number>();
  for (const s of c.store.list("services")) for (const p of s.spec?.ports ?? []) if (p.nodePort) used.add(p.nodePort);
  return used;
}

export function allocateClusterIP(c: Cluster): string {
  const used = usedClusterIPs(c);
  for (let i = 0; i < 1000; i++) {
    // 10.96.0.0/12 spans 10.96.0.0 - 10.111.255.255; real allocations cluster low in practice.
    const ip = `10.${96 + c.rng.int(16)}.${c.rng.int(256)}.${1 + c.rng.int(254)}`;
    if (!used.has(ip) && ip !== "10.96.0.1" && ip !== "10.96.0.10") return ip;
  }
  throw new ApiError("InternalError", "failed to allocate a serviceIP: range is full");
}

export function allocateServiceAddresses(c: Cluster, svc: KObject, _opts: WriteOptions): void {
  const spec = (svc.spec ??= {});
  const type = spec.type ?? "ClusterIP";
  if (type === "ExternalName") {
    delete spec.clusterIP;
    delete spec.clusterIPs;
    return;
  }
  if (spec.clusterIP === "None") {
    spec.clusterIPs = ["None"];
  } else if (spec.clusterIP) {
    if (usedClusterIPs(c).has(spec.clusterIP)) {
      // The allocator's error goes through NewInvalid: kubectl prints `The Service "x" is invalid: ...`.
      throw invalidError("services", svc.metadata.name, [
        invalid("spec.clusterIPs", [spec.clusterIP], `failed to allocate IP ${spec.clusterIP}: provided IP is already allocated`, `[]string{"${spec.clusterIP}"}`),
      ])!;
    }
    spec.clusterIPs = [spec.clusterIP];
  } else {
    const ip = allocateClusterIP(c);
    spec.clusterIP = ip;
    spec.clusterIPs = [ip];
  }
  if (type === "NodePort" || type === "LoadBalancer") {
    const used = usedNodePorts(c);
    for (const [i, p] of (spec.ports ?? []).entries()) {
      if (p.nodePort) {
        if (used.has(p.nodePort)) {
          throw invalidError("services", svc.metadata.name, [invalid(`spec.ports[${i}].nodePort`, p.nodePort, "provided port is already allocated")])!;
        }
        used.add(p.nodePort);
        continue;
      }
      let port = 0;
      for (let i = 0; i < 5000; i++) {
        port = 30000 + c.rng.int(2768);
        if (!used.has(port)) break;
      }
      p.nodePort = port;
      used.add(port);
    }
  }
}

/**
 * On update (patch/edit/apply): a type that gains node ports (ClusterIP -> NodePort/LoadBalancer)
 * gets them allocated, keeping the ports it already had; ClusterIP drops them.
 */
export function updateServiceNodePorts(c: Cluster, svc: KObject, cur: KObject): void {
  const spec = svc.spec;
  if (!spec) return;
  const type = spec.type ?? "ClusterIP";
  if (type === "ClusterIP" || type === "ExternalName") {
    for (const p of spec.ports ?? []) delete p.nodePort;
    return;
  }
  const mine = new Set<number>((cur.spec?.ports ?? []).map((p: any) => p.nodePort).filter(Boolean));
  const used = usedNodePorts(c);
  for (const n of mine) used.delete(n);
  for (const p of spec.ports ?? []) {
    if (p.nodePort) {
      used.add(p.nodePort);
      continue;
    }
    const before = (cur.spec?.ports ?? []).find((q: any) => q.port === p.port && (q.protocol ?? "TCP") === (p.protocol ?? "TCP"))?.nodePort;
    let port = before && !used.has(before) ? before : 0;
    for (let i = 0; !port && i < 5000; i++) {
      const cand = 30000 + c.rng.int(2768);
      if (!used.has(cand)) port = cand;
    }
    p.nodePort = port;
    used.add(port);
  }
}
