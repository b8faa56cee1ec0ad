// Deployment controller (pkg/controller/deployment): one ReplicaSet per pod template, named
// `<deploy>-<pod-template-hash>`, rolled with RollingUpdate (maxSurge rounds up, maxUnavailable
// rounds down) or Recreate, with revision annotations, history cleanup, pause, and the
// Available/Progressing conditions and ScalingReplicaSet events kubectl shows.

import type { Controller } from "../cluster/controllers.ts";
import type { Cluster } from "../cluster/cluster.ts";
import type { KObject } from "../api/types.ts";
import { fromLabelSelector, matchesLabels } from "../api/selectors.ts";
import { ApiError } from "../api/errors.ts";
import { clone, computeHash, idle, minDue, dueOf, ownedBy, ownerRef, scaledValue, setCondition, settle, stableJson, writeObject, type Condition } from "./workload-util.ts";

const NAME = "deployment";
const SRC = { component: "deployment-controller" };
const REV = "deployment.kubernetes.io/revision";
const DESIRED = "deployment.kubernetes.io/desired-replicas";
const MAX = "deployment.kubernetes.io/max-replicas";
const HASH = "pod-template-hash";
/** Deployment annotations never copied onto ReplicaSets (deployment/util.skipCopyAnnotation). */
const SKIP_COPY = new Set(["kubectl.kubernetes.io/last-applied-configuration", REV, "deployment.kubernetes.io/revision-history", DESIRED, MAX, "deprecated.deployment.rollback.to"]);

function replicasOf(o: KObject): number {
  return o.spec?.replicas ?? 1;
}

function revisionOf(rs: KObject): number {
  return Number(rs.metadata.annotations?.[REV] ?? 0) || 0;
}

/** The template without the pod-template-hash label, for EqualIgnoreHash. */
function templateKey(t: any): string {
  const x = clone(t ?? {});
  if (x.metadata?.labels) {
    delete x.metadata.labels[HASH];
    if (!Object.keys(x.metadata.labels).length) delete x.metadata.labels;
  }
  if (x.metadata && !Object.keys(x.metadata).length) delete x.metadata;
  return stableJson(x);
}

/** ResolveFenceposts: surge rounds up, unavailable rounds down, never both zero. */
export function fenceposts(d: KObject): { surge: number; unavailable: number } {
  const n = replicasOf(d);
  if (d.spec?.strategy?.type === "Recreate") return { surge: 0, unavailable: 0 };
  const ru = d.spec?.strategy?.rollingUpdate ?? {};
  const surge = scaledValue(ru.maxSurge ?? "25%", n, true);
  let unavailable = scaledValue(ru.maxUnavailable ?? "25%", n, false);
  if (surge === 0 && unavailable === 0) unavailable = 1;
  return { surge, unavailable };
}

function maxUnavailable(d: KObject): number {
  const n = replicasOf(d);
  if (d.spec?.strategy?.type === "Recreate" || n === 0) return 0;
  return Math.min(fenceposts(d).unavailable, n);
}

function rsSpecReplicas(rs: KObject | undefined): number {
  return rs?.spec?.replicas ?? 0;
}

function byCreation(a: KObject, b: KObject): number {
  const t = Date.parse(a.metadata.creationTimestamp) - Date.parse(b.metadata.creationTimestamp);
  return t || (a.metadata.name < b.metadata.name ? -1 : 1);
}

interface Ctx {
  c: Cluster;
  d: KObject;
  newRS: KObject | undefined;
  oldRSs: KObject[];
  /** Progressing condition to set when the deployment status is written. */
  progressing?: Condition;
}

function scaleRS(x: Ctx, rs: KObject, to: number): KObject {
  const { c, d } = x;
  const from = rsSpecReplicas(rs);
  const { surge } = fenceposts(d);
  const ann = { ...(rs.metadata.annotations ?? {}), [DESIRED]: String(replicasOf(d)), [MAX]: String(replicasOf(d) + surge) };
  if (from === to && rs.metadata.annotations?.[DESIRED] === ann[DESIRED] && rs.metadata.annotations?.[MAX] === ann[MAX]) return rs;
  const upd = clone(rs);
  upd.spec.replicas = to;
  upd.metadata.annotations = ann;
  const stored = writeObject(c, "replicasets", upd);
  if (from !== to) c.events.record(d, "Normal", "ScalingReplicaSet", `Scaled ${to > from ? "up" : "down"} replica set ${rs.metadata.name} from ${from} to ${to}`, SRC);
  if (x.newRS && x.newRS.metadata.uid === stored.metadata.uid) x.newRS = stored;
  else x.oldRSs = x.oldRSs.map((o) => (o.metadata.uid === stored.metadata.uid ? stored : o));
  return stored;
}

/** deploymentutil.NewRSNewReplicas. */
function newRSNewReplicas(d: KObject, all: KObject[], newRS: KObject | undefined): number {
  const want = replicasOf(d);
  if (d.spec?.strategy?.type === "Recreate") return want;
  const cur = rsSpecReplicas(newRS);
  if (cur >= want) return cur;
  const { surge } = fenceposts(d);
  const total = all.reduce((n, r) => n + rsSpecReplicas(r), 0);
  if (total >= want + surge) return cur;
  return cur + Math.min(want + surge - total, want - cur);
}

function createNewRS(x: Ctx, replicas: number): void {
  const { c, d } = x;
  const collision = d.status?.collisionCount ?? 0;
  const hash = computeHash(d.spec.template, collision);
  const tmpl = clone(d.spec.template ?? {});
  tmpl.metadata ??= {};
  tmpl.metadata.labels = { ...(tmpl.metadata.labels ?? {}), [HASH]: hash };
  const sel = clone(d.spec.selector ?? {});
  sel.matchLabels = { ...(sel.matchLabels ?? {}), [HASH]: hash };
  const maxRev = x.oldRSs.reduce((m, r) => Math.max(m, revisionOf(r)), 0);
  const annotations: Record<string, string> = {};
  for (const [k, v] of Object.entries(d.metadata.annotations ?? {})) if (!SKIP_COPY.has(k)) annotations[k] = v;
  annotations[DESIRED] = String(replicasOf(d));
  annotations[MAX] = String(replicasOf(d) + fenceposts(d).surge);
  annotations[REV] = String(maxRev + 1);
  const name = `${d.metadata.name}-${hash}`;
  const existing = c.store.get("replicasets", d.metadata.namespace, name);
  if (existing) {
    // Hash collision with a ReplicaSet whose template differs: bump collisionCount, retry next pass.
    if (!ownedBy(existing, d.metadata.uid) || templateKey(existing.spec?.template) !== templateKey(d.spec.template)) {
      c.api.writeStatus("deployments", d, { ...(d.status ?? {}), collisionCount: collision + 1 });
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
      annotations,
      ownerReferences: [ownerRef(d)],
    } as any,
    spec: { replicas, minReadySeconds: d.spec.minReadySeconds ?? 0, selector: sel, template: tmpl },
  };
  try {
    x.newRS = c.api.create("replicasets", rs, { namespace: d.metadata.namespace });
  } catch (e) {
    const msg = e instanceof ApiError ? e.message : String(e);
    x.progressing = { type: "Progressing", status: "False", reason: "ReplicaSetCreateError", message: `Failed to create new replica set "${name}": ${msg}` };
    c.events.record(d, "Warning", "ReplicaSetCreateError", `Failed to create new replica set "${name}": ${msg}`, SRC);
    return;
  }
  if (replicas > 0) c.events.record(d, "Normal", "ScalingReplicaSet", `Scaled up replica set ${name} from 0 to ${replicas}`, SRC);
  x.progressing = { type: "Progressing", status: "True", reason: "NewReplicaSetCreated", message: `Created new replica set "${name}"` };
}

/** Keep the new RS's revision (rollback reuse gets max+1) and copied annotations current. */
function syncNewRSMeta(x: Ctx): void {
  const { c, d, newRS } = x;
  if (!newRS) return;
  const maxOld = x.oldRSs.reduce((m, r) => Math.max(m, revisionOf(r)), 0);
  const ann = { ...(newRS.metadata.annotations ?? {}) };
  let changed = false;
  if (revisionOf(newRS) <= maxOld) {
    ann[REV] = String(maxOld + 1);
    changed = true;
  }
  for (const [k, v] of Object.entries(d.metadata.annotations ?? {})) {
    if (!SKIP_COPY.has(k) && ann[k] !== v) {
      ann[k] = v;
      changed = true;
    }
  }
  if (changed) {
    const upd = clone(newRS);
    upd.metadata.annotations = ann;
    x.newRS = c.store.put("replicasets", upd);
  }
}

function rollingUpdate(x: Ctx): void {
  const { d } = x;
  const want = replicasOf(d);
  if (!x.newRS) {
    createNewRS(x, newRSNewReplicas(d, x.oldRSs, undefined));
  } else {
    const cur = rsSpecReplicas(x.newRS);
    if (cur > want) scaleRS(x, x.newRS, want);
    else if (cur < want) {
      const n = newRSNewReplicas(d, [x.newRS, ...x.oldRSs], x.newRS);
      if (n !== cur) scaleRS(x, x.newRS, n);
    }
  }
  reconcileOld(x);
}

/** rolling.go reconcileOldReplicaSets: scale old RSs down without going under minAvailable. */
function reconcileOld(x: Ctx): void {
  const { d } = x;
  const old = x.oldRSs.filter((r) => rsSpecReplicas(r) > 0).sort(byCreation);
  if (!old.length) return;
  const all = [...(x.newRS ? [x.newRS] : []), ...x.oldRSs];
  const allPods = all.reduce((n, r) => n + rsSpecReplicas(r), 0);
  const minAvailable = replicasOf(d) - maxUnavailable(d);
  const newUnavailable = rsSpecReplicas(x.newRS) - (x.newRS?.status?.availableReplicas ?? 0);
  const maxScaledDown = allPods - minAvailable - newUnavailable;
  if (maxScaledDown <= 0) return;
  // Unhealthy old replicas go first: removing them costs no availability.
  let cleaned = 0;
  for (const rs of old) {
    if (cleaned >= maxScaledDown) break;
    const cur = x.oldRSs.find((r) => r.metadata.uid === rs.metadata.uid)!;
    const unhealthy = rsSpecReplicas(cur) - (cur.status?.availableReplicas ?? 0);
    if (unhealthy <= 0) continue;
    const n = Math.min(unhealthy, maxScaledDown - cleaned);
    scaleRS(x, cur, rsSpecReplicas(cur) - n);
    cleaned += n;
  }
  const all2 = [...(x.newRS ? [x.newRS] : []), ...x.oldRSs];
  const available = all2.reduce((n, r) => n + Math.min(r.status?.availableReplicas ?? 0, rsSpecReplicas(r)), 0);
  if (available <= minAvailable) return;
  let total = Math.min(available - minAvailable, maxScaledDown - cleaned);
  for (const rs of [...x.oldRSs].sort(byCreation)) {
    if (total <= 0) break;
    const cur = rsSpecReplicas(rs);
    if (cur === 0) continue;
    const n = Math.min(cur, total);
    scaleRS(x, rs, cur - n);
    total -= n;
  }
}

function recreate(x: Ctx): void {
  for (const rs of x.oldRSs) if (rsSpecReplicas(rs) > 0) scaleRS(x, rs, 0);
  // Wait until every old pod is gone (not merely terminating).
  const oldRunning = x.oldRSs.some((r) => (r.status?.replicas ?? 0) > 0) || oldPodsExist(x);
  if (oldRunning) return;
  if (!x.newRS) createNewRS(x, replicasOf(x.d));
  else if (rsSpecReplicas(x.newRS) !== replicasOf(x.d)) scaleRS(x, x.newRS, replicasOf(x.d));
}

function oldPodsExist(x: Ctx): boolean {
  const uids = new Set(x.oldRSs.map((r) => r.metadata.uid));
  return x.c.store.list("pods", x.d.metadata.namespace).some((p) => p.metadata.ownerReferences?.some((r) => uids.has(r.uid)) && p.status?.phase !== "Failed" && p.status?.phase !== "Succeeded");
}

/** While paused only scaling happens: the new RS (or, without one, the newest active RS) follows replicas. */
function pausedScale(x: Ctx): void {
  const target = x.newRS ?? [...x.oldRSs].filter((r) => rsSpecReplicas(r) > 0).sort(byCreation).pop();
  const others = [...(x.newRS ? [x.newRS] : []), ...x.oldRSs].filter((r) => r !== target && rsSpecReplicas(r) > 0);
  if (target && !others.length && rsSpecReplicas(target) !== replicasOf(x.d)) scaleRS(x, target, replicasOf(x.d));
}

function cleanup(x: Ctx): void {
  const limit = x.d.spec?.revisionHistoryLimit ?? 10;
  const candidates = x.oldRSs
    .filter((r) => rsSpecReplicas(r) === 0 && (r.status?.replicas ?? 0) === 0 && !r.metadata.deletionTimestamp)
    .sort((a, b) => revisionOf(a) - revisionOf(b) || byCreation(a, b));
  const extra = candidates.length - limit;
  for (let i = 0; i < extra; i++) {
    try {
      x.c.api.delete("replicasets", x.d.metadata.namespace, candidates[i].metadata.name, {});
    } catch {
      /* already gone */
    }
  }
}

function isComplete(d: KObject, st: any): boolean {
  const n = replicasOf(d);
  return (st.updatedReplicas ?? 0) === n && (st.replicas ?? 0) === n && (st.availableReplicas ?? 0) === n && (st.observedGeneration ?? 0) >= (d.metadata.generation ?? 1);
}

function writeStatus(x: Ctx): number | undefined {
  const { c, d, newRS } = x;
  const all = [...(newRS ? [newRS] : []), ...x.oldRSs];
  const sum = (f: (r: KObject) => number) => all.reduce((n, r) => n + f(r), 0);
  const prev = d.status ?? {};
  const st: any = {
    observedGeneration: d.metadata.generation ?? 1,
    replicas: sum((r) => r.status?.replicas ?? 0),
    updatedReplicas: newRS?.status?.replicas ?? 0,
    readyReplicas: sum((r) => r.status?.readyReplicas ?? 0),
    availableReplicas: sum((r) => r.status?.availableReplicas ?? 0),
  };
  st.unavailableReplicas = Math.max(0, sum((r) => rsSpecReplicas(r)) - st.availableReplicas);
  if (st.unavailableReplicas === 0) delete st.unavailableReplicas;
  if (prev.collisionCount) st.collisionCount = prev.collisionCount;
  const now = c.isoNow();
  let conds: Condition[] = clone(prev.conditions ?? []);
  const avail = st.availableReplicas >= replicasOf(d) - maxUnavailable(d);
  conds = setCondition(
    conds,
    avail
      ? { type: "Available", status: "True", lastUpdateTime: now, lastTransitionTime: now, reason: "MinimumReplicasAvailable", message: "Deployment has minimum availability." }
      : { type: "Available", status: "False", lastUpdateTime: now, lastTransitionTime: now, reason: "MinimumReplicasUnavailable", message: "Deployment does not have minimum availability." },
  );
  const rsName = newRS?.metadata.name ?? "";
  let due: number | undefined;
  const cur = conds.find((k) => k.type === "Progressing");
  if (d.spec?.paused) {
    if (cur?.reason !== "DeploymentPaused") conds = setCondition(conds, { type: "Progressing", status: "Unknown", lastUpdateTime: now, lastTransitionTime: now, reason: "DeploymentPaused", message: "Deployment is paused" });
  } else if (cur?.reason === "DeploymentPaused") {
    conds = setCondition(conds, { type: "Progressing", status: "Unknown", lastUpdateTime: now, lastTransitionTime: now, reason: "DeploymentResumed", message: "Deployment is resumed" });
  }
  if (x.progressing) {
    conds = setCondition(conds, { ...x.progressing, lastUpdateTime: now, lastTransitionTime: now }, true);
  } else if (!d.spec?.paused && newRS) {
    const p = conds.find((k) => k.type === "Progressing");
    if (isComplete(d, st)) {
      if (p?.reason !== "NewReplicaSetAvailable") {
        conds = setCondition(conds, { type: "Progressing", status: "True", lastUpdateTime: now, lastTransitionTime: now, reason: "NewReplicaSetAvailable", message: `ReplicaSet "${rsName}" has successfully progressed.` }, true);
      }
    } else {
      const progressed =
        st.updatedReplicas > (prev.updatedReplicas ?? 0) ||
        st.replicas - st.updatedReplicas < (prev.replicas ?? 0) - (prev.updatedReplicas ?? 0) ||
        st.readyReplicas > (prev.readyReplicas ?? 0) ||
        st.availableReplicas > (prev.availableReplicas ?? 0);
      if (!p) {
        conds = setCondition(conds, { type: "Progressing", status: "True", lastUpdateTime: now, lastTransitionTime: now, reason: "FoundNewReplicaSet", message: `Found new replica set "${rsName}"` }, true);
      } else if (progressed) {
        conds = setCondition(conds, { type: "Progressing", status: "True", lastUpdateTime: now, lastTransitionTime: now, reason: "ReplicaSetUpdated", message: `ReplicaSet "${rsName}" is progressing.` }, true);
      } else if (p.reason !== "ProgressDeadlineExceeded" && d.spec?.progressDeadlineSeconds !== undefined && d.spec.progressDeadlineSeconds < 2147483647) {
        const deadline = Date.parse(p.lastUpdateTime ?? now) + d.spec.progressDeadlineSeconds * 1000;
        if (deadline <= c.now) {
          conds = setCondition(conds, { type: "Progressing", status: "False", lastUpdateTime: now, lastTransitionTime: now, reason: "ProgressDeadlineExceeded", message: `ReplicaSet "${rsName}" has timed out progressing.` });
        } else due = deadline;
      }
      const p2 = conds.find((k) => k.type === "Progressing");
      if (p2 && p2.status === "True" && d.spec?.progressDeadlineSeconds !== undefined && d.spec.progressDeadlineSeconds < 2147483647) {
        due = minDue(due, Date.parse(p2.lastUpdateTime ?? now) + d.spec.progressDeadlineSeconds * 1000);
      }
    }
  }
  st.conditions = conds;
  c.api.writeStatus("deployments", d, st);
  return due;
}

function syncDeployment(c: Cluster, d0: KObject): number | undefined {
  if (d0.metadata.deletionTimestamp) return undefined;
  const ns = d0.metadata.namespace!;
  const sel = fromLabelSelector(d0.spec?.selector);
  if (!sel.length) return undefined;
  // Adopt matching orphan ReplicaSets; collect owned ones.
  const rss: KObject[] = [];
  for (const rs of c.store.list("replicasets", ns)) {
    const ctl = rs.metadata.ownerReferences?.find((r) => r.controller);
    if (ctl?.uid === d0.metadata.uid) rss.push(rs);
    else if (!ctl && !rs.metadata.deletionTimestamp && matchesLabels(sel, rs.metadata.labels)) {
      const upd = clone(rs);
      upd.metadata.ownerReferences = [...(rs.metadata.ownerReferences ?? []), ownerRef(d0)];
      rss.push(c.store.put("replicasets", upd));
    }
  }
  const key = templateKey(d0.spec?.template);
  // EqualIgnoreHash, or the RS this template's hash names (its template may have been defaulted
  // by the API server while the deployment's was not, e.g. bootstrap objects).
  const hash = computeHash(d0.spec?.template, d0.status?.collisionCount ?? 0);
  const matching = rss.filter((r) => templateKey(r.spec?.template) === key || r.metadata.labels?.[HASH] === hash).sort(byCreation);
  const x: Ctx = { c, d: d0, newRS: matching[0], oldRSs: rss.filter((r) => r !== matching[0]) };
  if (!d0.spec?.paused) syncNewRSMeta(x);

  if (d0.spec?.paused) pausedScale(x);
  else if (d0.spec?.strategy?.type === "Recreate") recreate(x);
  else rollingUpdate(x);

  // Deployment revision annotation follows the new RS.
  const d = c.store.get("deployments", ns, d0.metadata.name) ?? d0;
  x.d = d;
  if (x.newRS) {
    const rev = x.newRS.metadata.annotations?.[REV];
    if (rev && d.metadata.annotations?.[REV] !== rev) {
      const upd = clone(d);
      upd.metadata.annotations = { ...(d.metadata.annotations ?? {}), [REV]: rev };
      x.d = c.store.put("deployments", upd);
    }
  }
  const due = writeStatus(x);
  const fresh = c.store.get("deployments", ns, d0.metadata.name);
  if (fresh && !d0.spec?.paused && isComplete(fresh, fresh.status ?? {})) cleanup(x);
  return due;
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
