// Effective resource requests of a pod as the scheduler's NodeResourcesFit computes them
// (resourcehelper.PodRequests): a container's request defaults to its limit when only the limit
// is set (API defaulting may not have run), regular containers and sidecars add up, and each
// classic init container runs alone, so the pod needs the max of the two.

import type { KObject } from "../api/types.ts";
import { cpuMillis, memoryBytes, value } from "../util/quantity.ts";

export interface Req {
  cpu: number; // millicores
  memory: number; // bytes
  storage: number; // ephemeral-storage bytes
  [extended: string]: number;
}

function qty(name: string, s: string | undefined): number {
  if (s === undefined || s === null || s === "") return 0;
  try {
    if (name === "cpu") return cpuMillis(String(s));
    if (name === "memory" || name === "ephemeral-storage") return memoryBytes(String(s));
    return value(String(s));
  } catch {
    return 0;
  }
}

/** One container's effective requests (request, else limit). */
export function containerRequests(ctr: any): Req {
  const r = ctr?.resources?.requests ?? {};
  const l = ctr?.resources?.limits ?? {};
  const out: Req = { cpu: 0, memory: 0, storage: 0 };
  for (const name of new Set([...Object.keys(r), ...Object.keys(l)])) {
    const v = qty(name, r[name] ?? l[name]);
    const key = name === "ephemeral-storage" ? "storage" : name;
    out[key] = (out[key] ?? 0) + v;
  }
  return out;
}

function add(a: Req, b: Req): Req {
  const out: Req = { ...a };
  for (const k of Object.keys(b)) out[k] = (out[k] ?? 0) + b[k];
  return out;
}

function max(a: Req, b: Req): Req {
  const out: Req = { ...a };
  for (const k of Object.keys(b)) out[k] = Math.max(out[k] ?? 0, b[k]);
  return out;
}

export function podRequests(pod: KObject): Req {
  let sum: Req = { cpu: 0, memory: 0, storage: 0 };
  for (const ctr of pod.spec?.containers ?? []) sum = add(sum, containerRequests(ctr));
  let sidecars: Req = { cpu: 0, memory: 0, storage: 0 };
  let initMax: Req = { cpu: 0, memory: 0, storage: 0 };
  for (const ic of pod.spec?.initContainers ?? []) {
    const r = containerRequests(ic);
    if (ic.restartPolicy === "Always") {
      sidecars = add(sidecars, r);
      initMax = max(initMax, sidecars);
    } else {
      initMax = max(initMax, add(sidecars, r));
    }
  }
  let total = max(add(sum, sidecars), initMax);
  const overhead = pod.spec?.overhead;
  if (overhead) total = add(total, containerRequests({ resources: { requests: overhead } }));
  return total;
}

/** Node allocatable in the same units. */
export function nodeAllocatable(node: KObject): Req {
  const a = node.status?.allocatable ?? {};
  const out: Req = { cpu: qty("cpu", a.cpu), memory: qty("memory", a.memory), storage: qty("ephemeral-storage", a["ephemeral-storage"]) };
  for (const k of Object.keys(a)) {
    if (k.includes("/")) out[k] = qty(k, a[k]);
  }
  out.pods = qty("pods", a.pods ?? "110");
  return out;
}

/** Pods that hold resources on a node: bound and not finished (terminating pods still count). */
export function isActiveOnNode(pod: KObject, node: string): boolean {
  return pod.spec?.nodeName === node && pod.status?.phase !== "Succeeded" && pod.status?.phase !== "Failed";
}

/** Guaranteed / Burstable / BestEffort as the kubelet's qos.GetPodQOS computes it. */
export function qosClass(pod: KObject): "Guaranteed" | "Burstable" | "BestEffort" {
  const all = [...(pod.spec?.initContainers ?? []), ...(pod.spec?.containers ?? [])];
  let any = false;
  let guaranteed = true;
  for (const ctr of all) {
    const r = ctr.resources?.requests ?? {};
    const l = ctr.resources?.limits ?? {};
    for (const k of ["cpu", "memory"]) {
      if (r[k] !== undefined && qty(k, r[k]) !== 0) any = true;
      if (l[k] !== undefined && qty(k, l[k]) !== 0) any = true;
    }
    for (const k of ["cpu", "memory"]) {
      if (l[k] === undefined) guaranteed = false;
      else if (r[k] !== undefined && qty(k, r[k]) !== qty(k, l[k])) guaranteed = false;
    }
  }
  if (!any) return "BestEffort";
  return guaranteed ? "Guaranteed" : "Burstable";
}
