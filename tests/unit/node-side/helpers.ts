// Shared helpers for node-side tests: a cluster with the scheduler + kubelets registered,
// pod creation shortcuts and a pod STATUS column like `kubectl get pods` prints it.

import "../../../lab-engine/cluster/register-node-side.ts";
import { bootstrapCluster, type Topology } from "../../../lab-engine/cluster/bootstrap.ts";
import type { Cluster } from "../../../lab-engine/cluster/cluster.ts";
import type { KObject } from "../../../lab-engine/api/types.ts";

export const T0 = Date.UTC(2026, 10, 21, 22, 0, 0);

export function cluster(topology?: Topology, seed = 7): Cluster {
  return bootstrapCluster({ now: T0, seed, topology });
}

export function pod(c: Cluster, name: string, spec: any, meta: any = {}): KObject {
  return c.api.create("pods", { apiVersion: "v1", kind: "Pod", metadata: { name, ...meta }, spec } as any);
}

export function getPod(c: Cluster, name: string, ns = "default"): KObject {
  const p = c.store.get("pods", ns, name);
  if (!p) throw new Error(`pod ${name} not found`);
  return p;
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

/** STATUS column of `kubectl get pods` (printPod, 1.32). */
export function podStatus(p: KObject): string {
  let reason: string = p.status?.reason || p.status?.phase || "Pending";
  const inits: any[] = p.status?.initContainerStatuses ?? [];
  const nInit = (p.spec?.initContainers ?? []).length;
  let initializing = false;
  for (let i = 0; i < inits.length; i++) {
    const s = inits[i];
    const t = s.state?.terminated;
    if (t && t.exitCode === 0) continue;
    if (s.started && p.spec.initContainers[i]?.restartPolicy === "Always") continue;
    initializing = true;
    if (t) reason = t.reason ? `Init:${t.reason}` : `Init:ExitCode:${t.exitCode}`;
    else if (s.state?.waiting?.reason && s.state.waiting.reason !== "PodInitializing") reason = `Init:${s.state.waiting.reason}`;
    else reason = `Init:${i}/${nInit}`;
    break;
  }
  const initializedTrue = (p.status?.conditions ?? []).some((x: any) => x.type === "Initialized" && x.status === "True");
  if (!initializing || initializedTrue) {
    let hasRunning = false;
    const cs: any[] = p.status?.containerStatuses ?? [];
    for (let i = cs.length - 1; i >= 0; i--) {
      const s = cs[i];
      if (s.state?.waiting?.reason) reason = s.state.waiting.reason;
      else if (s.state?.terminated?.reason) reason = s.state.terminated.reason;
      else if (s.state?.terminated) reason = `ExitCode:${s.state.terminated.exitCode}`;
      else if (s.ready && s.state?.running) hasRunning = true;
    }
    if (reason === "Completed" && hasRunning) {
      reason = (p.status?.conditions ?? []).some((x: any) => x.type === "Ready" && x.status === "True") ? "Running" : "NotReady";
    }
  }
  if (p.metadata.deletionTimestamp && p.status?.reason === "NodeLost") reason = "Unknown";
  else if (p.metadata.deletionTimestamp && p.status?.phase !== "Succeeded" && p.status?.phase !== "Failed") reason = "Terminating";
  return reason;
}

export function restarts(p: KObject): number {
  return [...(p.status?.containerStatuses ?? []), ...(p.status?.initContainerStatuses ?? [])].reduce((s, x) => s + (x.restartCount ?? 0), 0);
}
