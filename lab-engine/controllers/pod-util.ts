// Pod predicates shared by controllers (podutil.IsPodReady / IsPodAvailable).

import type { KObject } from "../api/types.ts";

export function isPodReady(p: KObject): boolean {
  return !p.metadata.deletionTimestamp && (p.status?.conditions ?? []).some((c: any) => c.type === "Ready" && c.status === "True");
}

export function isPodAvailable(p: KObject, minReadySeconds: number, now: number): boolean {
  if (!isPodReady(p)) return false;
  if (!minReadySeconds) return true;
  const c = (p.status?.conditions ?? []).find((x: any) => x.type === "Ready");
  return !!c?.lastTransitionTime && Date.parse(c.lastTransitionTime) + minReadySeconds * 1000 <= now;
}

export function controllerOf(p: KObject): { kind: string; name: string; uid: string } | undefined {
  return p.metadata.ownerReferences?.find((r) => r.controller);
}
