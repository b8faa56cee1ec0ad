// Resolving the pod behind `POD`, `pod/x`, `deploy/web`, `job/x`, `svc/x`... for logs, exec,
// attach, port-forward, cp and debug, the way kubectl's polymorphic helpers do it.

import type { KObject } from "../../api/types.ts";
import { qualifiedPlural } from "../../api/server.ts";
import { fromLabelSelector, fromMap, type LabelSelector } from "../../api/selectors.ts";
import type { Invocation } from "../invocation.ts";
import { lookupType } from "../resource-args.ts";

const PHASE_RANK: Record<string, number> = { Running: 0, Unknown: 1, Pending: 2 };

function ready(p: KObject): boolean {
  return (p.status?.conditions ?? []).some((c: any) => c.type === "Ready" && c.status === "True");
}

function restarts(p: KObject): number {
  return (p.status?.containerStatuses ?? []).reduce((n: number, s: any) => n + (s.restartCount ?? 0), 0);
}

/** podutils.ByLogging: the pod kubectl picks first (scheduled, running, ready, most restarts, oldest). */
export function sortByLogging(pods: KObject[]): KObject[] {
  return [...pods].sort((a, b) => {
    const sa = a.spec?.nodeName ? 0 : 1;
    const sb = b.spec?.nodeName ? 0 : 1;
    if (sa !== sb) return sa - sb;
    const pa = PHASE_RANK[a.status?.phase] ?? 3;
    const pb = PHASE_RANK[b.status?.phase] ?? 3;
    if (pa !== pb) return pa - pb;
    if (ready(a) !== ready(b)) return ready(a) ? -1 : 1;
    if (restarts(a) !== restarts(b)) return restarts(b) - restarts(a);
    const ca = a.metadata.creationTimestamp ?? "";
    const cb = b.metadata.creationTimestamp ?? "";
    if (ca !== cb) return ca < cb ? -1 : 1;
    return a.metadata.name < b.metadata.name ? -1 : 1;
  });
}

/** The label selector a workload uses for its pods. */
export function podSelectorOf(obj: KObject): LabelSelector | undefined {
  if (obj.kind === "Service" || obj.kind === "ReplicationController") {
    const m = obj.spec?.selector;
    return m && Object.keys(m).length ? fromMap(m) : undefined;
  }
  if (obj.spec?.selector) return fromLabelSelector(obj.spec.selector);
  return undefined;
}

export interface PodTarget {
  pod: KObject;
  /** How many pods the workload had (for `Found 3 pods, using pod/x`). */
  found: number;
}

/** `x` or `TYPE/NAME` → a pod. Throws the API's NotFound errors; `none` when a workload has no pods. */
export function resolvePod(inv: Invocation, arg: string): PodTarget {
  const api = inv.cluster.api;
  const slash = arg.indexOf("/");
  if (slash < 0) {
    inv.cluster.authorize(inv.user, "get", lookupType("pods"), inv.namespace, arg);
    return { pod: api.get("pods", inv.namespace, arg), found: 1 };
  }
  const ri = lookupType(arg.slice(0, slash));
  const name = arg.slice(slash + 1);
  inv.cluster.authorize(inv.user, "get", ri, inv.namespace, name);
  const obj = api.get(ri.plural, inv.namespace, name);
  if (ri.plural === "pods") return { pod: obj, found: 1 };
  const sel = podSelectorOf(obj);
  const pods = sel ? api.list("pods", inv.namespace, { labelSelector: sel }).filter((p) => !p.metadata.deletionTimestamp) : [];
  if (!pods.length) throw new NoPodsError(`${qualifiedPlural(ri)}/${name}`);
  return { pod: sortByLogging(pods)[0], found: pods.length };
}

export class NoPodsError extends Error {}

/** Container names as kubectl lists them in `Defaulted container "a" out of: a, b, init (init)`. */
export function containerList(pod: KObject): string {
  const names = (pod.spec?.containers ?? []).map((c: any) => c.name);
  const eph = (pod.spec?.ephemeralContainers ?? []).map((c: any) => `${c.name} (ephem)`);
  const init = (pod.spec?.initContainers ?? []).map((c: any) => `${c.name} (init)`);
  return [...names, ...eph, ...init].join(", ");
}

/** The container to use when -c is not given, and the notice kubectl prints on stderr. */
export function defaultContainerOf(pod: KObject, inv: Invocation, quiet = false): string {
  const ann = pod.metadata.annotations?.["kubectl.kubernetes.io/default-container"];
  const ctrs = pod.spec?.containers ?? [];
  if (ann && ctrs.some((c: any) => c.name === ann)) return ann;
  const first = ctrs[0]?.name ?? "";
  const total = ctrs.length + (pod.spec?.initContainers ?? []).length + (pod.spec?.ephemeralContainers ?? []).length;
  if (total > 1 && !quiet) inv.err(`Defaulted container "${first}" out of: ${containerList(pod)}\n`);
  return first;
}
