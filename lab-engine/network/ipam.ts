// Pod IP allocation per node, like the host-local IPAM of a CNI plugin: sequential from .2 of
// the node's podCIDR, the lowest free address first, released when the pod goes away. Plain
// data in `c.state.ctrl.ipam` so a snapshot restores the same allocations.

import type { Cluster } from "../cluster/cluster.ts";
import type { KObject } from "../api/types.ts";

interface IpamState {
  /** node name -> pod uid -> host number (last octet for a /24). */
  used: Record<string, Record<string, number>>;
}

function state(c: Cluster): IpamState {
  return (c.state.ctrl.ipam ??= { used: {} });
}

/** The node's InternalIP (hostNetwork pods and hostIP). */
export function nodeIP(node: KObject | undefined): string {
  return node?.status?.addresses?.find((a: any) => a.type === "InternalIP")?.address ?? "";
}

function cidrBase(node: KObject): { base: number[]; size: number } {
  const cidr: string = node.spec?.podCIDR ?? "10.244.0.0/24";
  const [addr, bits] = cidr.split("/");
  const base = addr.split(".").map(Number);
  return { base, size: 2 ** (32 - Number(bits || 24)) };
}

function toIP(base: number[], n: number): string {
  const v = ((base[0] << 24) >>> 0) + (base[1] << 16) + (base[2] << 8) + base[3] + n;
  return [v >>> 24, (v >>> 16) & 255, (v >>> 8) & 255, v & 255].join(".");
}

/** Allocate (or return the already allocated) IP of a pod on a node. */
export function allocatePodIP(c: Cluster, node: KObject, podUid: string): string {
  const st = state(c);
  const name = node.metadata.name;
  const used = (st.used[name] ??= {});
  const { base, size } = cidrBase(node);
  if (used[podUid] !== undefined) return toIP(base, used[podUid]);
  const taken = new Set(Object.values(used));
  let n = 2;
  while (taken.has(n) && n < size - 1) n++;
  used[podUid] = n;
  return toIP(base, n);
}

export function releasePodIP(c: Cluster, podUid: string): void {
  const st = state(c);
  for (const node of Object.keys(st.used)) {
    if (st.used[node][podUid] !== undefined) delete st.used[node][podUid];
  }
}
