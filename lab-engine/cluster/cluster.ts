// One simulated cluster: its store, API server, controllers, scheduler and kubelets, and its
// own simulated time. Everything that changes lives in `state` (plain JSON), so a snapshot is
// just `JSON.stringify(cluster.state)`.

import type { KObject } from "../api/types.ts";
import { Store, type StoreState } from "../api/store.ts";
import { ApiServer } from "../api/server.ts";
import { ApiError } from "../api/errors.ts";
import { resourceForKind, RESOURCES, type ResourceInfo } from "../api/resources.ts";
import { Rng } from "../util/rng.ts";
import { EventRecorder } from "./events.ts";
import { controllers, type Controller } from "./controllers.ts";
// Scheduler, kubelets and node lifecycle register after the control-plane controllers.
import "./register-node-side.ts";

export interface ClusterState {
  /** Cluster name as kubeconfig shows it, e.g. "kubernetes". */
  name: string;
  now: number;
  rng: number;
  store: StoreState;
  /** Private bookkeeping of controllers (queues, back-off timers), keyed by controller name. */
  ctrl: Record<string, any>;
}

/** Upper bound of reconcile passes per instant: a controller ping-pong cannot hang a command. */
const MAX_PASSES = 60;
/** Upper bound of timed steps in one advanceTo: a crash-looping cluster cannot hang a sleep. */
const MAX_STEPS = 20000;

export class Cluster {
  readonly store: Store;
  readonly api: ApiServer;
  readonly rng: Rng;
  readonly events: EventRecorder;
  readonly controllers: Controller[] = controllers;
  /** Authorizer hook (RBAC module installs the real one); undefined user = cluster-admin. */
  static authorizer: ((c: Cluster, user: string | undefined, verb: string, ri: ResourceInfo, ns: string | undefined, name?: string) => string | undefined) | undefined;

  constructor(readonly state: ClusterState) {
    this.store = new Store(state.store);
    this.rng = new StateRng(state);
    this.api = new ApiServer(this);
    this.events = new EventRecorder(this);
  }

  static empty(name: string, now: number, seed: number): Cluster {
    return new Cluster({ name, now, rng: seed >>> 0, store: Store.empty(), ctrl: {} });
  }

  get now(): number {
    return this.state.now;
  }

  /** RFC 3339 with second precision, as Kubernetes serialises metav1.Time. */
  isoNow(): string {
    return iso(this.state.now);
  }

  authorize(user: string | undefined, verb: string, ri: ResourceInfo, ns: string | undefined, name?: string): void {
    if (!user || !Cluster.authorizer) return;
    const denied = Cluster.authorizer(this, user, verb, ri, ns, name);
    if (denied) throw new ApiError("Forbidden", denied);
  }

  /** Objects whose ownerReferences point at `owner`. */
  dependentsOf(owner: KObject): { plural: string; ref: KObject }[] {
    const out: { plural: string; ref: KObject }[] = [];
    const uid = owner.metadata.uid;
    for (const plural of Object.keys(this.store.state.objects)) {
      for (const o of Object.values(this.store.state.objects[plural])) {
        if (o.metadata.ownerReferences?.some((r) => r.uid === uid)) out.push({ plural, ref: o });
      }
    }
    return out;
  }

  /** Hook after an object is removed from the store by a delete (GC picks dependents up in sync). */
  onDeleted(_plural: string, _obj: KObject): void {}

  nodeIsGone(nodeName: string): boolean {
    return !this.store.get("nodes", undefined, nodeName);
  }

  pluralOf(obj: KObject): string | undefined {
    return resourceForKind(obj.apiVersion, obj.kind)?.plural;
  }

  /**
   * Where a controller's exception goes. Unset (tests, the CLI): it propagates, so bugs fail
   * loudly. The web server sets it: like Kubernetes' controllers recovering from a panic, the
   * other controllers go on and the learner's sandbox keeps working while the error is logged.
   */
  static onControllerError: ((e: unknown, controller: string) => void) | undefined;

  private controllerFailed(e: unknown, ctl: Controller): void {
    const report = Cluster.onControllerError;
    if (!report) throw e;
    report(e, ctl.name);
  }

  /** Run controllers until nothing changes at the current instant. */
  reconcile(): void {
    for (let pass = 0; pass < MAX_PASSES; pass++) {
      const before = this.store.rv;
      for (const ctl of this.controllers) {
        try {
          ctl.sync(this);
        } catch (e) {
          this.controllerFailed(e, ctl);
        }
      }
      if (this.store.rv === before) return;
    }
  }

  /** Earliest moment any controller wants to act, if any. */
  nextDue(): number | undefined {
    let best: number | undefined;
    for (const ctl of this.controllers) {
      let t: number | undefined;
      try {
        t = ctl.nextDue?.(this);
      } catch (e) {
        this.controllerFailed(e, ctl);
      }
      if (t !== undefined && (best === undefined || t < best)) best = t;
    }
    return best;
  }

  /** Move simulated time forward to `t`, firing every timed transition on the way, in order. */
  advanceTo(t: number): void {
    this.reconcile();
    for (let step = 0; step < MAX_STEPS; step++) {
      const next = this.nextDue();
      if (next === undefined || next > t) break;
      this.state.now = Math.max(this.state.now, next);
      this.reconcile();
    }
    if (t > this.state.now) this.state.now = t;
    this.reconcile();
  }
}

export function iso(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace(/\.\d{3}Z$/, "Z");
}

export { RESOURCES };

/**
 * The cluster's random sequence, kept inside the plain state (`state.rng`) so snapshots carry
 * it. A subclass rather than a closure over the state: closures made per cluster kept whole
 * sandboxes alive across young-generation GCs (measured with --trace-gc in a create loop).
 */
class StateRng extends Rng {
  constructor(private readonly st: { rng: number }) {
    super(st.rng);
  }
  override next(): number {
    this.state = this.st.rng;
    const v = super.next();
    this.st.rng = this.state;
    return v;
  }
}
