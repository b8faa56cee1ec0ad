// Deployment controller (pkg/controller/deployment, 1.32): one ReplicaSet per pod template, named
// `<deploy>-<pod-template-hash>`, rolled with RollingUpdate (maxSurge rounds up, maxUnavailable
// rounds down) or Recreate. Each pass follows syncDeployment: paused conditions, then `sync`
// (scaling events and paused deployments: proportional scaling across the active ReplicaSets
// using their desired-/max-replicas annotations, sync.go `scale`), else the strategy's rollout.
// Revision and revision-history annotations, history cleanup, the Available/Progressing/
// ReplicaFailure conditions with the progress deadline, and the ScalingReplicaSet events.

import type { Controller } from "../cluster/controllers.ts";
import type { Cluster } from "../cluster/cluster.ts";
import type { KObject } from "../api/types.ts";
import { fromLabelSelector, matchesLabels } from "../api/selectors.ts";
import { ApiError } from "../api/errors.ts";
import { clone, computeHash, frozenMemo, idle, minDue, dueOf, ownedBy, ownerRef, scaledValue, settle, stableJson, writeObject, type Condition } from "./workload-util.ts";

const NAME = "deployment";
const SRC = { component: "deployment-controller" };
const REV = "deployment.kubernetes.io/revision";
const REV_HISTORY = "deployment.kubernetes.io/revision-history";
const DESIRED = "deployment.kubernetes.io/desired-replicas";
const MAX = "deployment.kubernetes.io/max-replicas";
const HASH = "pod-template-hash";
/** maxRevHistoryLengthInChars: the revision-history annotation stays below this length. */
const MAX_REV_HISTORY_CHARS = 2000;
const MAX_INT32 = 2147483647;
/** Deployment annotations never copied onto ReplicaSets (deployment/util.annotationsToSkip). */
const SKIP_COPY = new Set(["kubectl.kubernetes.io/last-applied-configuration", REV, REV_HISTORY, DESIRED, MAX, "deprecated.deployment.rollback.to"]);

function replicasOf(o: KObject): number {
  return o.spec?.replicas ?? 1;
}

function revisionOf(rs: KObject): number {
  return Number(rs.metadata.annotations?.[REV] ?? 0) || 0;
}

/** The template without the pod-template-hash label, for EqualIgnoreHash (memoised for frozen templates). */
const templateKey = frozenMemo(templateKeyOf);

function templateKeyOf(t: any): string {
  const x = clone(t ?? {});
  if (x.metadata?.labels) {
    delete x.metadata.labels[HASH];
    if (!Object.keys(x.metadata.labels).length) delete x.metadata.labels;
  }
  if (x.metadata && !Object.keys(x.metadata).length) delete x.metadata;
  return stableJson(x);
}

function isRollingUpdate(d: KObject): boolean {
  return d.spec?.strategy?.type !== "Recreate";
}

/** ResolveFenceposts: surge rounds up, unavailable rounds down, never both zero. */
export function fenceposts(d: KObject): { surge: number; unavailable: number } {
  const n = replicasOf(d);
  if (!isRollingUpdate(d)) return { surge: 0, unavailable: 0 };
  const ru = d.spec?.strategy?.rollingUpdate ?? {};
  const surge = scaledValue(ru.maxSurge ?? "25%", n, true);
  let unavailable = scaledValue(ru.maxUnavailable ?? "25%", n, false);
  if (surge === 0 && unavailable === 0) unavailable = 1;
  return { surge, unavailable };
}

/** deploymentutil.MaxSurge. */
function maxSurge(d: KObject): number {
  return isRollingUpdate(d) ? fenceposts(d).surge : 0;
}

/** deploymentutil.MaxUnavailable. */
function maxUnavailable(d: KObject): number {
  const n = replicasOf(d);
  if (!isRollingUpdate(d) || n === 0) return 0;
  return Math.min(fenceposts(d).unavailable, n);
}

function hasProgressDeadline(d: KObject): boolean {
  const p = d.spec?.progressDeadlineSeconds;
  return p !== undefined && p !== null && p !== MAX_INT32;
}

function rsSpecReplicas(rs: KObject | undefined): number {
  return rs?.spec?.replicas ?? 0;
}

function created(o: KObject): number {
  return Date.parse(o.metadata.creationTimestamp);
}

/** controller.ReplicaSetsByCreationTimestamp. */
function byCreation(a: KObject, b: KObject): number {
  const t = created(a) - created(b);
  return t || (a.metadata.name < b.metadata.name ? -1 : a.metadata.name > b.metadata.name ? 1 : 0);
}

/** controller.ReplicaSetsBySizeOlder: bigger first, older first among equals. */
function bySizeOlder(a: KObject, b: KObject): number {
  return rsSpecReplicas(b) - rsSpecReplicas(a) || byCreation(a, b);
}

/** controller.ReplicaSetsBySizeNewer: bigger first, newer first among equals. */
function bySizeNewer(a: KObject, b: KObject): number {
  return rsSpecReplicas(b) - rsSpecReplicas(a) || byCreation(b, a);
}

/** deploymentutil.ReplicaSetsByRevision: lower revision first, then older. */
function byRevision(a: KObject, b: KObject): number {
  return revisionOf(a) - revisionOf(b) || byCreation(a, b);
}

function active(rss: KObject[]): KObject[] {
  return rss.filter((r) => rsSpecReplicas(r) > 0);
}

function newCondition(c: Cluster, type: string, status: string, reason: string, message: string): Condition {
  const now = c.isoNow();
  return { type, status, lastUpdateTime: now, lastTransitionTime: now, reason, message };
}

/** deploymentutil.SetDeploymentCondition: same status and reason is a no-op; same status keeps lastTransitionTime. */
function setCond(conds: Condition[], next: Condition): Condition[] {
  const cur = conds.find((x) => x.type === next.type);
  if (cur && cur.status === next.status && cur.reason === next.reason) return conds;
  const out = { ...next };
  if (cur && cur.status === next.status) out.lastTransitionTime = cur.lastTransitionTime;
  return [...conds.filter((x) => x.type !== next.type), out];
}

function getCond(st: any, type: string): Condition | undefined {
  return (st?.conditions ?? []).find((x: Condition) => x.type === type);
}

interface Ctx {
  c: Cluster;
  /** The deployment as last written (status writes keep it current). */
  d: KObject;
  rss: KObject[];
  /** getAllAndSyncRevision already ran this pass. */
  fetched?: boolean;
  newRS: KObject | undefined;
  oldRSs: KObject[];
}

function writeDeploymentStatus(x: Ctx, status: any): void {
  x.d = x.c.api.writeStatus("deployments", x.d, status);
}

function replaceRS(x: Ctx, stored: KObject): void {
  const uid = stored.metadata.uid;
  x.rss = x.rss.map((r) => (r.metadata.uid === uid ? stored : r));
  if (x.newRS?.metadata.uid === uid) x.newRS = stored;
  x.oldRSs = x.oldRSs.map((r) => (r.metadata.uid === uid ? stored : r));
}

/** SetReplicasAnnotations on a copy: desired = replicas, max = replicas + maxSurge. */
function replicasAnnotations(d: KObject, ann: Record<string, string> | undefined): Record<string, string> {
  return { ...(ann ?? {}), [DESIRED]: String(replicasOf(d)), [MAX]: String(replicasOf(d) + maxSurge(d)) };
}

/** sync.go scaleReplicaSet: new size plus the replicas annotations; event only when the size changed. */
function scaleReplicaSet(x: Ctx, rs: KObject, newScale: number, op: string): boolean {
  const { c, d } = x;
  const from = rsSpecReplicas(rs);
  const sizeNeedsUpdate = from !== newScale;
  const annNeedUpdate = rs.metadata.annotations?.[DESIRED] !== String(replicasOf(d)) || rs.metadata.annotations?.[MAX] !== String(replicasOf(d) + maxSurge(d));
  if (!sizeNeedsUpdate && !annNeedUpdate) return false;
  const upd = clone(rs);
  upd.spec.replicas = newScale;
  upd.metadata.annotations = replicasAnnotations(d, rs.metadata.annotations);
  const stored = writeObject(c, "replicasets", upd);
  replaceRS(x, stored);
  if (sizeNeedsUpdate) c.events.record(d, "Normal", "ScalingReplicaSet", `Scaled ${op} replica set ${rs.metadata.name} from ${from} to ${newScale}`, SRC);
  return sizeNeedsUpdate;
}

/** sync.go scaleReplicaSetAndRecordEvent. */
function scaleAndRecord(x: Ctx, rs: KObject, newScale: number): boolean {
  if (rsSpecReplicas(rs) === newScale) return false;
  return scaleReplicaSet(x, rs, newScale, rsSpecReplicas(rs) < newScale ? "up" : "down");
}

/** deploymentutil.NewRSNewReplicas. */
function newRSNewReplicas(d: KObject, all: KObject[], newRS: KObject | undefined): number {
  const want = replicasOf(d);
  if (!isRollingUpdate(d)) return want;
  const cur = rsSpecReplicas(newRS);
  const total = all.reduce((n, r) => n + rsSpecReplicas(r), 0);
  const maxTotal = want + maxSurge(d);
  if (total >= maxTotal) return cur;
  return cur + Math.min(maxTotal - total, want - cur);
}

/** copyDeploymentAnnotationsToReplicaSet + the revision bookkeeping of SetNewReplicaSetAnnotations. */
function newRSAnnotations(d: KObject, rs: KObject, newRevision: number, exists: boolean): { ann: Record<string, string>; changed: boolean } {
  const ann: Record<string, string> = { ...(rs.metadata.annotations ?? {}) };
  let changed = false;
  for (const [k, v] of Object.entries(d.metadata.annotations ?? {})) {
    if (SKIP_COPY.has(k) || ann[k] === v) continue;
    ann[k] = v;
    changed = true;
  }
  const oldRevision = ann[REV];
  const oldRev = oldRevision === undefined || oldRevision === "" ? 0 : Number(oldRevision);
  if (!Number.isInteger(oldRev)) return { ann, changed: false };
  if (oldRev < newRevision) {
    ann[REV] = String(newRevision);
    changed = true;
    // A reused ReplicaSet (rollback) keeps the revisions it had before.
    if (oldRevision !== undefined) {
      const hist = ann[REV_HISTORY] ?? "";
      if (!hist) ann[REV_HISTORY] = oldRevision;
      else {
        let olds = hist.split(",");
        let total = hist.length + oldRevision.length + 1;
        let start = 0;
        while (total > MAX_REV_HISTORY_CHARS && start < olds.length) total -= olds[start++].length + 1;
        if (total <= MAX_REV_HISTORY_CHARS) {
          olds = [...olds.slice(start), oldRevision];
          ann[REV_HISTORY] = olds.join(",");
        }
      }
    }
  }
  if (!exists) {
    const withReplicas = replicasAnnotations(d, ann);
    Object.assign(ann, withReplicas);
    changed = true;
  }
  return { ann, changed };
}

/**
 * getAllReplicaSetsAndSyncRevision: find the new RS (oldest whose template equals the deployment's
 * ignoring the hash), sync its annotations and the deployment's revision, create it if asked.
 */
function getAllAndSyncRevision(x: Ctx, createIfNotExisted: boolean): void {
  const { c } = x;
  if (x.fetched && (x.newRS || !createIfNotExisted)) return;
  x.fetched = true;
  const d = x.d;
  const key = templateKey(d.spec?.template);
  // EqualIgnoreHash, or the RS this template's hash names (its template may have been defaulted
  // by the API server while the deployment's was not, e.g. bootstrap objects).
  const hash = computeHash(d.spec?.template, d.status?.collisionCount ?? 0);
  const sorted = [...x.rss].sort(byCreation);
  x.newRS = sorted.find((r) => templateKey(r.spec?.template) === key || r.metadata.labels?.[HASH] === hash);
  x.oldRSs = sorted.filter((r) => r !== x.newRS);
  const maxOld = x.oldRSs.reduce((m, r) => Math.max(m, revisionOf(r)), 0);
  const newRevision = maxOld + 1;
  if (x.newRS) {
    const rs = x.newRS;
    const { ann, changed } = newRSAnnotations(d, rs, newRevision, true);
    const minReady = d.spec?.minReadySeconds ?? 0;
    if (changed || (rs.spec?.minReadySeconds ?? 0) !== minReady) {
      const upd = clone(rs);
      upd.metadata.annotations = ann;
      upd.spec.minReadySeconds = minReady;
      replaceRS(x, writeObject(c, "replicasets", upd));
    }
    syncDeploymentRevision(x, String(newRevision));
    if (hasProgressDeadline(x.d) && !getCond(x.d.status, "Progressing")) {
      const st = clone(x.d.status ?? {});
      st.conditions = setCond(st.conditions ?? [], newCondition(c, "Progressing", "True", "FoundNewReplicaSet", `Found new replica set "${x.newRS!.metadata.name}"`));
      writeDeploymentStatus(x, st);
    }
    return;
  }
  if (createIfNotExisted) createNewRS(x, newRevision);
}

/** SetDeploymentRevision: the deployment's revision annotation follows the new RS. */
function syncDeploymentRevision(x: Ctx, rev: string): void {
  if (x.d.metadata.annotations?.[REV] === rev) return;
  const upd = clone(x.d);
  upd.metadata.annotations = { ...(x.d.metadata.annotations ?? {}), [REV]: rev };
  x.d = x.c.store.put("deployments", upd);
}

function createNewRS(x: Ctx, newRevision: number): void {
  const { c } = x;
  const d = x.d;
  const collision = d.status?.collisionCount ?? 0;
  const hash = computeHash(d.spec.template, collision);
  const tmpl = clone(d.spec.template ?? {});
  tmpl.metadata ??= {};
  tmpl.metadata.labels = { ...(tmpl.metadata.labels ?? {}), [HASH]: hash };
  const sel = clone(d.spec.selector ?? {});
  sel.matchLabels = { ...(sel.matchLabels ?? {}), [HASH]: hash };
  const name = `${d.metadata.name}-${hash}`;
  const skeleton: KObject = { apiVersion: "apps/v1", kind: "ReplicaSet", metadata: { name, annotations: {} } as any, spec: { replicas: 0 } };
  const { ann } = newRSAnnotations(d, skeleton, newRevision, false);
  const replicas = newRSNewReplicas(d, x.oldRSs, undefined);
  const existing = c.store.get("replicasets", d.metadata.namespace, name);
  if (existing) {
    // Hash collision with a ReplicaSet whose template differs: bump collisionCount, retry next pass.
    if (!ownedBy(existing, d.metadata.uid) || templateKey(existing.spec?.template) !== templateKey(d.spec.template)) {
      writeDeploymentStatus(x, { ...(d.status ?? {}), collisionCount: collision + 1 });
    }
    return;
  }
  const rs: KObject = {
    apiVersion: "apps/v1",
    kind: "ReplicaSet",
    metadata: {
      name,
      namespace: d.metadata.namespace,
      labels: { ...(d.spec.template?.metadata?.labels ?? {}), [HASH]: hash },
      annotations: ann,
      ownerReferences: [ownerRef(d)],
    } as any,
    spec: { replicas, minReadySeconds: d.spec.minReadySeconds ?? 0, selector: sel, template: tmpl },
  };
  let stored: KObject;
  try {
    stored = c.api.create("replicasets", rs, { namespace: d.metadata.namespace });
  } catch (e) {
    const msg = `Failed to create new replica set "${name}": ${e instanceof ApiError ? e.message : String(e)}`;
    if (hasProgressDeadline(d)) {
      const st = clone(d.status ?? {});
      st.conditions = setCond(st.conditions ?? [], newCondition(c, "Progressing", "False", "ReplicaSetCreateError", msg));
      writeDeploymentStatus(x, st);
    }
    c.events.record(d, "Warning", "ReplicaSetCreateError", msg, SRC);
    return;
  }
  x.rss = [...x.rss, stored];
  x.newRS = stored;
  if (replicas > 0) c.events.record(d, "Normal", "ScalingReplicaSet", `Scaled up replica set ${name} from 0 to ${replicas}`, SRC);
  syncDeploymentRevision(x, String(newRevision));
  if (hasProgressDeadline(x.d)) {
    const st = clone(x.d.status ?? {});
    st.conditions = setCond(st.conditions ?? [], newCondition(c, "Progressing", "True", "NewReplicaSetCreated", `Created new replica set "${name}"`));
    writeDeploymentStatus(x, st);
  }
}

/** deploymentutil.FindActiveOrLatest. */
function findActiveOrLatest(newRS: KObject | undefined, oldRSs: KObject[]): KObject | undefined {
  if (!newRS && !oldRSs.length) return undefined;
  const olds = [...oldRSs].sort((a, b) => byCreation(b, a));
  const all = active([...olds, ...(newRS ? [newRS] : [])]);
  if (all.length === 0) return newRS ?? olds[0];
  if (all.length === 1) return all[0];
  return undefined;
}

/** deploymentutil.IsSaturated. */
function isSaturated(d: KObject, rs: KObject | undefined): boolean {
  if (!rs) return false;
  const desired = rs.metadata.annotations?.[DESIRED];
  if (desired === undefined || !/^-?\d+$/.test(desired)) return false;
  const want = replicasOf(d);
  return rsSpecReplicas(rs) === want && Number(desired) === want && (rs.status?.availableReplicas ?? 0) === want;
}

/** getReplicaSetFraction: this RS's share of the new maximum, by the max-replicas it was sized for. */
function replicaSetFraction(rs: KObject, d: KObject): number {
  if (replicasOf(d) === 0) return -rsSpecReplicas(rs);
  const deploymentMax = replicasOf(d) + maxSurge(d);
  const raw = rs.metadata.annotations?.[MAX];
  let before = raw !== undefined && /^-?\d+$/.test(raw) ? Number(raw) : NaN;
  // Without the annotation fall back to the current deployment size.
  if (Number.isNaN(before)) before = d.status?.replicas ?? 0;
  if (before === 0) return 0;
  const size = (rsSpecReplicas(rs) * deploymentMax) / before;
  // integer.RoundToInt32 is math.Round: halves away from zero.
  return Math.sign(size) * Math.round(Math.abs(size)) - rsSpecReplicas(rs);
}

/** deploymentutil.GetReplicaSetProportion. */
function replicaSetProportion(rs: KObject, d: KObject, toAdd: number, added: number): number {
  if (rsSpecReplicas(rs) === 0 || toAdd === 0 || toAdd === added) return 0;
  const fraction = replicaSetFraction(rs, d);
  const allowed = toAdd - added;
  return toAdd > 0 ? Math.min(fraction, allowed) : Math.max(fraction, allowed);
}

/** sync.go `scale`: scaling events and paused deployments. */
function scale(x: Ctx): void {
  const d = x.d;
  const want = replicasOf(d);
  const one = findActiveOrLatest(x.newRS, x.oldRSs);
  if (one) {
    if (rsSpecReplicas(one) !== want) scaleAndRecord(x, one, want);
    return;
  }
  // A saturated new RS means the old ones should be gone (adoption during a finished rollout).
  if (isSaturated(d, x.newRS)) {
    for (const old of active(x.oldRSs)) scaleAndRecord(x, old, 0);
    return;
  }
  if (!isRollingUpdate(d)) return;
  const all = active([...x.oldRSs, ...(x.newRS ? [x.newRS] : [])]);
  const current = all.reduce((n, r) => n + rsSpecReplicas(r), 0);
  const allowed = want > 0 ? want + maxSurge(d) : 0;
  const toAdd = allowed - current;
  let op = "";
  if (toAdd > 0) {
    all.sort(bySizeNewer);
    op = "up";
  } else if (toAdd < 0) {
    all.sort(bySizeOlder);
    op = "down";
  }
  let added = 0;
  const size = new Map<string, number>();
  for (const rs of all) {
    if (toAdd !== 0) {
      const p = replicaSetProportion(rs, d, toAdd, added);
      size.set(rs.metadata.name, rsSpecReplicas(rs) + p);
      added += p;
    } else size.set(rs.metadata.name, rsSpecReplicas(rs));
  }
  all.forEach((rs, i) => {
    // Leftovers go to the largest ReplicaSet.
    if (i === 0 && toAdd !== 0) size.set(rs.metadata.name, Math.max(0, size.get(rs.metadata.name)! + toAdd - added));
    const cur = x.rss.find((r) => r.metadata.uid === rs.metadata.uid) ?? rs;
    scaleReplicaSet(x, cur, size.get(rs.metadata.name)!, op);
  });
}

/** isScalingEvent: an active RS was sized for another replica count than the deployment's. */
function isScalingEvent(x: Ctx): boolean {
  const want = replicasOf(x.d);
  for (const rs of active([...x.oldRSs, ...(x.newRS ? [x.newRS] : [])])) {
    const desired = rs.metadata.annotations?.[DESIRED];
    if (desired === undefined || !/^-?\d+$/.test(desired)) continue;
    if (Number(desired) !== want) return true;
  }
  return false;
}

/** rolling.go reconcileNewReplicaSet. */
function reconcileNew(x: Ctx): boolean {
  const d = x.d;
  const rs = x.newRS!;
  const want = replicasOf(d);
  if (rsSpecReplicas(rs) === want) return false;
  if (rsSpecReplicas(rs) > want) return scaleAndRecord(x, rs, want);
  return scaleAndRecord(x, rs, newRSNewReplicas(d, [...x.oldRSs, rs], rs));
}

/** rolling.go reconcileOldReplicaSets (+ cleanupUnhealthyReplicas, scaleDownOldReplicaSetsForRollingUpdate). */
function reconcileOld(x: Ctx): boolean {
  const d = x.d;
  const newRS = x.newRS!;
  const olds = () => active(x.oldRSs).sort(byCreation);
  if (!olds().length) return false;
  const allPods = [...x.oldRSs, newRS].reduce((n, r) => n + rsSpecReplicas(r), 0);
  const minAvailable = replicasOf(d) - maxUnavailable(d);
  const newUnavailable = rsSpecReplicas(newRS) - (newRS.status?.availableReplicas ?? 0);
  const maxScaledDown = allPods - minAvailable - newUnavailable;
  if (maxScaledDown <= 0) return false;
  // Unhealthy old replicas go first: removing them costs no availability.
  let cleaned = 0;
  for (const rs of olds()) {
    if (cleaned >= maxScaledDown) break;
    const spec = rsSpecReplicas(rs);
    const avail = rs.status?.availableReplicas ?? 0;
    if (spec === avail) continue;
    const n = Math.min(maxScaledDown - cleaned, spec - avail);
    scaleAndRecord(x, rs, spec - n);
    cleaned += n;
  }
  let scaledDown = 0;
  const available = [...x.oldRSs, x.newRS!].reduce((n, r) => n + (r.status?.availableReplicas ?? 0), 0);
  if (available > minAvailable) {
    const total = available - minAvailable;
    for (const rs of olds()) {
      if (scaledDown >= total) break;
      const n = Math.min(rsSpecReplicas(rs), total - scaledDown);
      scaleAndRecord(x, rs, rsSpecReplicas(rs) - n);
      scaledDown += n;
    }
  }
  return cleaned + scaledDown > 0;
}

/** cleanupDeployment: delete the oldest idle ReplicaSets beyond revisionHistoryLimit. */
function cleanup(x: Ctx): void {
  const limit = x.d.spec?.revisionHistoryLimit;
  if (limit === undefined || limit === null) return;
  const cleanable = x.oldRSs.filter((r) => !r.metadata.deletionTimestamp).sort(byRevision);
  const diff = cleanable.length - limit;
  for (let i = 0; i < diff; i++) {
    const rs = cleanable[i];
    if ((rs.status?.replicas ?? 0) !== 0 || rsSpecReplicas(rs) !== 0 || (rs.metadata.generation ?? 1) > (rs.status?.observedGeneration ?? 0)) continue;
    try {
      x.c.api.delete("replicasets", rs.metadata.namespace, rs.metadata.name, {});
    } catch {
      /* already gone */
    }
  }
}

/** deploymentutil.DeploymentComplete. */
function isComplete(d: KObject, st: any): boolean {
  const n = replicasOf(d);
  return (st?.updatedReplicas ?? 0) === n && (st?.replicas ?? 0) === n && (st?.availableReplicas ?? 0) === n && (st?.observedGeneration ?? 0) >= (d.metadata.generation ?? 1);
}

/** deploymentutil.DeploymentProgressing. */
function isProgressing(old: any, st: any): boolean {
  const oldOld = (old?.replicas ?? 0) - (old?.updatedReplicas ?? 0);
  const newOld = (st.replicas ?? 0) - (st.updatedReplicas ?? 0);
  return (st.updatedReplicas ?? 0) > (old?.updatedReplicas ?? 0) || newOld < oldOld || (st.readyReplicas ?? 0) > (old?.readyReplicas ?? 0) || (st.availableReplicas ?? 0) > (old?.availableReplicas ?? 0);
}

/** sync.go calculateStatus, with the Available condition. */
function calculateStatus(x: Ctx): any {
  const { c, d, newRS } = x;
  const all = [...x.oldRSs, ...(newRS ? [newRS] : [])];
  const sum = (f: (r: KObject) => number) => all.reduce((n, r) => n + f(r), 0);
  const available = sum((r) => r.status?.availableReplicas ?? 0);
  const st: any = {
    observedGeneration: d.metadata.generation ?? 1,
    replicas: sum((r) => r.status?.replicas ?? 0),
    updatedReplicas: newRS?.status?.replicas ?? 0,
    readyReplicas: sum((r) => r.status?.readyReplicas ?? 0),
    availableReplicas: available,
    unavailableReplicas: Math.max(0, sum(rsSpecReplicas) - available),
  };
  // omitempty: zero counts are not serialised.
  for (const k of ["replicas", "updatedReplicas", "readyReplicas", "availableReplicas", "unavailableReplicas"]) if (!st[k]) delete st[k];
  if (d.status?.collisionCount) st.collisionCount = d.status.collisionCount;
  let conds: Condition[] = clone(d.status?.conditions ?? []);
  conds =
    available >= replicasOf(d) - maxUnavailable(d)
      ? setCond(conds, newCondition(c, "Available", "True", "MinimumReplicasAvailable", "Deployment has minimum availability."))
      : setCond(conds, newCondition(c, "Available", "False", "MinimumReplicasUnavailable", "Deployment does not have minimum availability."));
  st.conditions = conds;
  return st;
}

/** syncDeploymentStatus (scaling / paused path): counts and Available only. */
function syncDeploymentStatus(x: Ctx): void {
  writeDeploymentStatus(x, calculateStatus(x));
}

/** progress.go syncRolloutStatus: Progressing and ReplicaFailure; returns when to check the deadline again. */
function syncRolloutStatus(x: Ctx): number | undefined {
  const { c, newRS } = x;
  const d = x.d;
  const st = calculateStatus(x);
  let conds: Condition[] = st.conditions;
  if (!hasProgressDeadline(d)) conds = conds.filter((k) => k.type !== "Progressing");
  const cur = getCond(d.status, "Progressing");
  const completeRollout = (st.replicas ?? 0) === (st.updatedReplicas ?? 0) && cur?.reason === "NewReplicaSetAvailable";
  if (hasProgressDeadline(d) && !completeRollout) {
    const what = newRS ? `ReplicaSet "${newRS.metadata.name}"` : `Deployment "${d.metadata.name}"`;
    if (isComplete(d, st)) {
      conds = setCond(conds, newCondition(c, "Progressing", "True", "NewReplicaSetAvailable", `${what} has successfully progressed.`));
    } else if (isProgressing(d.status, st)) {
      const next = newCondition(c, "Progressing", "True", "ReplicaSetUpdated", `${what} is progressing.`);
      if (cur) {
        if (cur.status === "True") next.lastTransitionTime = cur.lastTransitionTime;
        conds = conds.filter((k) => k.type !== "Progressing");
      }
      conds = setCond(conds, next);
    } else if (timedOut(x, conds)) {
      conds = setCond(conds, newCondition(c, "Progressing", "False", "ProgressDeadlineExceeded", `${what} has timed out progressing.`));
    }
  }
  const failure = replicaFailure(x);
  conds = failure ? setCond(conds, failure) : conds.filter((k) => k.type !== "ReplicaFailure");
  st.conditions = conds;
  writeDeploymentStatus(x, st);
  return requeueStuck(x);
}

/** deploymentutil.DeploymentTimedOut (`from + deadline` strictly before now). */
function timedOut(x: Ctx, conds: Condition[]): boolean {
  const p = conds.find((k) => k.type === "Progressing");
  if (!p || p.reason === "NewReplicaSetAvailable") return false;
  if (p.reason === "ProgressDeadlineExceeded") return true;
  return Date.parse(p.lastUpdateTime ?? x.c.isoNow()) + x.d.spec.progressDeadlineSeconds * 1000 < x.c.now;
}

/** requeueStuckDeployment: wake one second after the deadline passes (enqueueAfter(after + 1s)). */
function requeueStuck(x: Ctx): number | undefined {
  const d = x.d;
  const cur = getCond(d.status, "Progressing");
  if (!hasProgressDeadline(d) || !cur) return undefined;
  if (isComplete(d, d.status) || cur.reason === "ProgressDeadlineExceeded" || cur.reason === "NewReplicaSetAvailable") return undefined;
  const at = Date.parse(cur.lastUpdateTime ?? x.c.isoNow()) + d.spec.progressDeadlineSeconds * 1000;
  return Math.max(at + 1000, x.c.now + 1);
}

/** getReplicaFailures: the new RS's ReplicaFailure condition, else any old one's. */
function replicaFailure(x: Ctx): Condition | undefined {
  const conv = (k: any): Condition => ({ type: k.type, status: k.status, lastUpdateTime: k.lastTransitionTime, lastTransitionTime: k.lastTransitionTime, reason: k.reason, message: k.message });
  const fromRS = (rs: KObject | undefined) => (rs?.status?.conditions ?? []).find((k: any) => k.type === "ReplicaFailure");
  const n = fromRS(x.newRS);
  if (n) return conv(n);
  for (const rs of [...x.oldRSs, ...(x.newRS ? [x.newRS] : [])]) {
    const k = fromRS(rs);
    if (k) return conv(k);
  }
  return undefined;
}

/** Recreate: old pods all gone before the new RS is created or scaled up. */
function rolloutRecreate(x: Ctx): number | undefined {
  getAllAndSyncRevision(x, false);
  let scaledDown = false;
  for (const rs of active(x.oldRSs)) if (scaleAndRecord(x, rs, 0)) scaledDown = true;
  if (scaledDown || oldPodsRunning(x)) return syncRolloutStatus(x);
  if (!x.newRS) {
    getAllAndSyncRevision(x, true);
    if (!x.newRS) return undefined;
  }
  scaleAndRecord(x, x.newRS, replicasOf(x.d));
  if (isComplete(x.d, x.d.status)) cleanup(x);
  return syncRolloutStatus(x);
}

/** recreate.go oldPodsRunning: old RSs report replicas, or a pod of theirs is not terminal yet. */
function oldPodsRunning(x: Ctx): boolean {
  if (x.oldRSs.reduce((n, r) => n + (r.status?.replicas ?? 0), 0) > 0) return true;
  const uids = new Set(x.oldRSs.map((r) => r.metadata.uid));
  return x.c.store.list("pods", x.d.metadata.namespace).some((p) => {
    const ctl = p.metadata.ownerReferences?.find((r) => r.controller);
    return !!ctl && uids.has(ctl.uid) && p.status?.phase !== "Failed" && p.status?.phase !== "Succeeded";
  });
}

function rolloutRolling(x: Ctx): number | undefined {
  getAllAndSyncRevision(x, true);
  if (!x.newRS) return undefined;
  if (reconcileNew(x)) return syncRolloutStatus(x);
  if (reconcileOld(x)) return syncRolloutStatus(x);
  if (isComplete(x.d, x.d.status)) cleanup(x);
  return syncRolloutStatus(x);
}

/** sync.go `sync`: scale (proportionally during a rollout), clean up when paused, write counts. */
function syncScaling(x: Ctx): undefined {
  getAllAndSyncRevision(x, false);
  scale(x);
  if (x.d.spec?.paused) cleanup(x);
  syncDeploymentStatus(x);
  return undefined;
}

/** checkPausedConditions: Progressing Unknown DeploymentPaused / DeploymentResumed. */
function checkPausedConditions(x: Ctx): void {
  const d = x.d;
  if (!hasProgressDeadline(d)) return;
  const cond = getCond(d.status, "Progressing");
  if (cond?.reason === "ProgressDeadlineExceeded") return;
  const pausedCond = cond?.reason === "DeploymentPaused";
  let next: Condition | undefined;
  if (d.spec?.paused && !pausedCond) next = newCondition(x.c, "Progressing", "Unknown", "DeploymentPaused", "Deployment is paused");
  else if (!d.spec?.paused && pausedCond) next = newCondition(x.c, "Progressing", "Unknown", "DeploymentResumed", "Deployment is resumed");
  if (!next) return;
  const st = clone(d.status ?? {});
  st.conditions = setCond(st.conditions ?? [], next);
  writeDeploymentStatus(x, st);
}

function syncDeployment(c: Cluster, d0: KObject): number | undefined {
  const ns = d0.metadata.namespace!;
  const sel = fromLabelSelector(d0.spec?.selector);
  // Adopt matching orphan ReplicaSets; collect owned ones.
  const rss: KObject[] = [];
  for (const rs of c.store.list("replicasets", ns)) {
    const ctl = rs.metadata.ownerReferences?.find((r) => r.controller);
    if (ctl?.uid === d0.metadata.uid) rss.push(rs);
    else if (!ctl && sel.length && !d0.metadata.deletionTimestamp && !rs.metadata.deletionTimestamp && matchesLabels(sel, rs.metadata.labels)) {
      const upd = clone(rs);
      upd.metadata.ownerReferences = [...(rs.metadata.ownerReferences ?? []), ownerRef(d0)];
      rss.push(c.store.put("replicasets", upd));
    }
  }
  const x: Ctx = { c, d: d0, rss, newRS: undefined, oldRSs: [] };
  if (d0.metadata.deletionTimestamp) {
    getAllAndSyncRevision(x, false);
    syncDeploymentStatus(x);
    return undefined;
  }
  if (!sel.length) return undefined;
  checkPausedConditions(x);
  if (x.d.spec?.paused) return syncScaling(x);
  getAllAndSyncRevision(x, false);
  if (isScalingEvent(x)) return syncScaling(x);
  if (!isRollingUpdate(x.d)) return rolloutRecreate(x);
  return rolloutRolling(x);
}

export const deploymentController: Controller = {
  name: NAME,
  sync(c: Cluster) {
    if (idle(c, NAME)) return;
    let due: number | undefined;
    for (const d of c.store.list("deployments")) due = minDue(due, syncDeployment(c, d));
    settle(c, NAME, due);
  },
  nextDue(c: Cluster) {
    return dueOf(c, NAME);
  },
};
