// Sandbox templates: the fully settled initial state of a setup (the default cluster, or a
// lab's clusters, objects and files), built once per process and deep-copied for every new
// sandbox. That copy is what makes a sandbox ready in well under a millisecond.

import type { ClusterState } from "../cluster/cluster.ts";
import { bootstrapCluster } from "../cluster/bootstrap.ts";
import { defaultKubeconfig, type Kubeconfig } from "../kubectl/host.ts";
import { markSettled } from "../cluster/settled.ts";
import { pruneEventCorrelator } from "../cluster/events.ts";

/** What a sandbox starts from. Labs describe theirs as data (see grader/lab-setup). */
export type SandboxSetup = { kind: "default" } | { kind: "lab"; id: string; version?: string };

export interface Template {
  now: number;
  clusters: Record<string, ClusterState>;
  kubeconfig: Kubeconfig;
  fs?: unknown;
}

/** Every default cluster starts at this instant, one hour after it was bootstrapped. */
export const TEMPLATE_EPOCH = Date.UTC(2026, 10, 21, 22, 0, 0);
const BOOT_AGE_MS = 60 * 60 * 1000;

const cache = new Map<string, Template>();

function key(setup: SandboxSetup): string {
  return setup.kind === "default" ? "default" : `lab:${setup.id}@${setup.version ?? ""}`;
}

export function buildDefaultTemplate(): Template {
  const c = bootstrapCluster({ name: "kubernetes", now: TEMPLATE_EPOCH - BOOT_AGE_MS, seed: 20261121 });
  c.advanceTo(TEMPLATE_EPOCH);
  // The API server keeps events for one hour (--event-ttl): the boot-time events are gone.
  for (const e of c.store.list("events")) c.store.remove("events", e.metadata.namespace, e.metadata.name);
  pruneEventCorrelator(c); // nor do their aggregation records (they would only weigh on snapshots)
  c.reconcile();
  const state = freezeStore(JSON.parse(JSON.stringify(c.state)));
  settledTemplates.add(state);
  return { now: TEMPLATE_EPOCH, clusters: { kubernetes: state }, kubeconfig: defaultKubeconfig("kubernetes") };
}

/** Template states built to a fixed point (every controller converged at the last reconcile). */
const settledTemplates = new WeakSet<ClusterState>();

function deepFreeze<T>(x: T): T {
  if (x && typeof x === "object" && !Object.isFrozen(x)) {
    Object.freeze(x);
    for (const v of Object.values(x as any)) deepFreeze(v);
  }
  return x;
}

/**
 * Objects in a template's store are frozen and shared by every sandbox made from it (the
 * store replaces objects on write and never mutates them), so a new sandbox copies only
 * the bucket maps and the small controller state: well under a millisecond and a few KB.
 */
function freezeStore(st: ClusterState): ClusterState {
  for (const bucket of Object.values(st.store.objects)) for (const o of Object.values(bucket)) deepFreeze(o);
  return st;
}

/** Copy of a template cluster state that shares the frozen objects. */
export function instantiateCluster(st: ClusterState): ClusterState {
  const objects: Record<string, Record<string, any>> = {};
  for (const [p, b] of Object.entries(st.store.objects)) objects[p] = { ...b };
  const ctrl = JSON.parse(JSON.stringify(st.ctrl));
  if (settledTemplates.has(st)) markSettled(ctrl, st.store.rv);
  return { ...st, store: { rv: st.store.rv, deletions: st.store.deletions, objects }, ctrl };
}

export function templateFor(setup: SandboxSetup): Template {
  const k = key(setup);
  let t = cache.get(k);
  if (!t) {
    if (setup.kind !== "default") throw new Error(`lab template ${setup.id} is not prepared; call prepareTemplate first`);
    t = buildDefaultTemplate();
    cache.set(k, t);
  }
  return t;
}

/** Labs register their built templates here (built asynchronously by running their setup). */
export function registerTemplate(setup: SandboxSetup, t: Template): void {
  cache.set(key(setup), t);
}

export function hasTemplate(setup: SandboxSetup): boolean {
  return cache.has(key(setup));
}
