// Resource usage for `kubectl top` and the HPA: idle baseline per image plus an injected load
// (setLoad, e.g. from a simulated load generator), capped by the container's cpu limit.

import type { Cluster } from "../cluster/cluster.ts";
import type { KObject } from "../api/types.ts";
import { kstate } from "./state.ts";
import { cpuMillis } from "../util/quantity.ts";

export interface ContainerUsage {
  name: string;
  cpuMilli: number;
  memoryBytes: number;
}

function loads(c: Cluster): Record<string, number> {
  return (c.state.ctrl.kubeletLoad ??= {});
}

/** Extra cpu (millicores) a pod's first container burns, e.g. under `hey`/busybox wget load. */
export function setLoad(c: Cluster, pod: KObject, cpuMilli: number): void {
  if (cpuMilli > 0) loads(c)[pod.metadata.uid] = cpuMilli;
  else delete loads(c)[pod.metadata.uid];
}

function wobble(uid: string, name: string, now: number): number {
  // Deterministic small variation (±3%) that changes per metrics window (15 s).
  let h = Math.floor(now / 15000);
  for (const ch of uid + name) h = Math.imul(h ^ ch.charCodeAt(0), 16777619) >>> 0;
  return 0.97 + (h % 61) / 1000;
}

/** Per running container usage; [] when the pod has no running containers (top: "no metrics"). */
export function podUsage(c: Cluster, pod: KObject): ContainerUsage[] {
  const rt = kstate(c).pods[pod.metadata.uid];
  if (!rt) return [];
  const out: ContainerUsage[] = [];
  const load = loads(c)[pod.metadata.uid] ?? 0;
  let first = true;
  for (const x of rt.ctrs) {
    const inst = x.cur;
    if (!inst || inst.finishedAt !== undefined) continue;
    const spec = [...(pod.spec?.containers ?? []), ...(pod.spec?.initContainers ?? [])].find((s: any) => s.name === x.name) ?? {};
    const w = wobble(pod.metadata.uid, x.name, c.now);
    let cpu = Math.round(inst.prog.cpuMilli * w) + (first && !x.init ? load : 0);
    const lim = spec.resources?.limits?.cpu;
    if (lim) cpu = Math.min(cpu, cpuMillis(String(lim)));
    out.push({ name: x.name, cpuMilli: Math.max(0, cpu), memoryBytes: Math.round(inst.prog.memBytes * w) });
    if (!x.init) first = false;
  }
  return out;
}

/** Node usage: its pods plus the system overhead (kubelet, containerd, OS). */
export function nodeUsage(c: Cluster, node: KObject): { cpuMilli: number; memoryBytes: number } {
  let cpu = 60;
  let mem = 650 * 1024 * 1024;
  for (const pod of c.store.list("pods")) {
    if (pod.spec?.nodeName !== node.metadata.name) continue;
    for (const u of podUsage(c, pod)) {
      cpu += u.cpuMilli;
      mem += u.memoryBytes;
    }
  }
  return { cpuMilli: cpu, memoryBytes: mem };
}
