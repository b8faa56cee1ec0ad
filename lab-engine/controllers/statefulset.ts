// StatefulSet controller (pkg/controller/statefulset): stable ordinal pods `<sts>-<i>` with
// hostname/subdomain, per-ordinal PVCs from volumeClaimTemplates (kept: Retain), OrderedReady or
// Parallel management, RollingUpdate from the highest ordinal honouring `partition`, OnDelete,
// ControllerRevisions and current/update revision status, with the real lower-case event texts.

import type { Controller } from "../cluster/controllers.ts";
import type { Cluster } from "../cluster/cluster.ts";
import type { KObject } from "../api/types.ts";
import { ApiError } from "../api/errors.ts";
import { isPodReady, isPodAvailable } from "./pod-util.ts";
import { availabilityDue, clone, dueOf, idle, minDue, ownedBy, ownerRef, settle } from "./workload-util.ts";
import { cleanupRevisions, ensureRevision, revisionTemplate } from "./controller-revision.ts";

const NAME = "statefulset";
const SRC = { component: "statefulset-controller" };

function ordinalOf(sts: KObject, p: KObject): number | undefined {
  const m = new RegExp(`^${sts.metadata.name.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}-(\\d+)$`).exec(p.metadata.name);
  return m ? Number(m[1]) : undefined;
}

function runningAndReady(p: KObject): boolean {
  return p.status?.phase === "Running" && isPodReady(p);
}

function errText(e: unknown): string {
  return e instanceof ApiError ? e.message : String(e);
}

function claimName(tmpl: any, sts: KObject, i: number): string {
  return `${tmpl.metadata?.name}-${sts.metadata.name}-${i}`;
}

/** Create the pod's PVCs that do not exist yet. False when one failed (the pod must wait). */
function ensureClaims(c: Cluster, sts: KObject, i: number, podName: string): boolean {
  const ns = sts.metadata.namespace!;
  for (const t of sts.spec?.volumeClaimTemplates ?? []) {
    const name = claimName(t, sts, i);
    if (c.store.get("persistentvolumeclaims", ns, name)) continue;
    const pvc: KObject = {
      apiVersion: "v1",
      kind: "PersistentVolumeClaim",
      metadata: {
        name,
        namespace: ns,
        labels: { ...(t.metadata?.labels ?? {}), ...(sts.spec?.selector?.matchLabels ?? {}) },
        ...(t.metadata?.annotations ? { annotations: { ...t.metadata.annotations } } : {}),
        // persistentVolumeClaimRetentionPolicy.whenDeleted: Delete lets the GC remove the claim with the set.
        ...(sts.spec?.persistentVolumeClaimRetentionPolicy?.whenDeleted === "Delete" ? { ownerReferences: [ownerRef(sts)] } : {}),
      } as any,
      spec: clone(t.spec ?? {}),
    };
    try {
      c.api.create("persistentvolumeclaims", pvc, { namespace: ns });
      c.events.record(sts, "Normal", "SuccessfulCreate", `create Claim ${name} Pod ${podName} in StatefulSet ${sts.metadata.name} success`, SRC);
    } catch (e) {
      c.events.record(sts, "Warning", "FailedCreate", `create Claim ${name} for Pod ${podName} in StatefulSet ${sts.metadata.name} failed error: ${errText(e)}`, SRC);
      return false;
    }
  }
  return true;
}

function newPod(sts: KObject, i: number, template: any, revName: string): KObject {
  const name = `${sts.metadata.name}-${i}`;
  const spec = clone(template.spec ?? {});
  spec.hostname = name;
  if (sts.spec?.serviceName) spec.subdomain = sts.spec.serviceName;
  const vols: any[] = spec.volumes ?? [];
  for (const t of sts.spec?.volumeClaimTemplates ?? []) {
    const vname = t.metadata?.name;
    const v = { name: vname, persistentVolumeClaim: { claimName: claimName(t, sts, i) } };
    const at = vols.findIndex((x) => x.name === vname);
    if (at >= 0) vols[at] = v;
    else vols.push(v);
  }
  if (vols.length) spec.volumes = vols;
  return {
    apiVersion: "v1",
    kind: "Pod",
    metadata: {
      name,
      namespace: sts.metadata.namespace,
      labels: {
        ...(template.metadata?.labels ?? {}),
        "apps.kubernetes.io/pod-index": String(i),
        "controller-revision-hash": revName,
        "statefulset.kubernetes.io/pod-name": name,
      },
      ...(template.metadata?.annotations ? { annotations: { ...template.metadata.annotations } } : {}),
      ownerReferences: [ownerRef(sts)],
    } as any,
    spec,
  };
}

function createPod(c: Cluster, sts: KObject, i: number, template: any, revName: string): void {
  const name = `${sts.metadata.name}-${i}`;
  if (!ensureClaims(c, sts, i, name)) return;
  try {
    c.api.create("pods", newPod(sts, i, template, revName), { namespace: sts.metadata.namespace });
    c.events.record(sts, "Normal", "SuccessfulCreate", `create Pod ${name} in StatefulSet ${sts.metadata.name} successful`, SRC);
  } catch (e) {
    c.events.record(sts, "Warning", "FailedCreate", `create Pod ${name} in StatefulSet ${sts.metadata.name} failed error: ${errText(e)}`, SRC);
  }
}

function deletePod(c: Cluster, sts: KObject, p: KObject): void {
  if (p.metadata.deletionTimestamp) return;
  try {
    c.api.delete("pods", p.metadata.namespace, p.metadata.name, {});
    c.events.record(sts, "Normal", "SuccessfulDelete", `delete Pod ${p.metadata.name} in StatefulSet ${sts.metadata.name} successful`, SRC);
  } catch (e) {
    c.events.record(sts, "Warning", "FailedDelete", `delete Pod ${p.metadata.name} in StatefulSet ${sts.metadata.name} failed error: ${errText(e)}`, SRC);
  }
}

function syncSts(c: Cluster, sts: KObject): number | undefined {
  if (sts.metadata.deletionTimestamp) return undefined;
  const ns = sts.metadata.namespace!;
  const replicas: number = sts.spec?.replicas ?? 1;
  const parallel = sts.spec?.podManagementPolicy === "Parallel";
  const minReady = sts.spec?.minReadySeconds ?? 0;
  const tmplLabels = sts.spec?.template?.metadata?.labels ?? {};
  const update = ensureRevision(c, sts, tmplLabels);
  const updateRev = update.name;
  const currentRev: string = sts.status?.currentRevision && c.store.get("controllerrevisions", ns, sts.status.currentRevision) ? sts.status.currentRevision : updateRev;
  const currentTemplate = currentRev === updateRev ? sts.spec?.template : revisionTemplate(c.store.get("controllerrevisions", ns, currentRev));
  const onDelete = sts.spec?.updateStrategy?.type === "OnDelete";
  const partition: number = onDelete ? 0 : (sts.spec?.updateStrategy?.rollingUpdate?.partition ?? 0);

  const byOrd = new Map<number, KObject>();
  const condemned: KObject[] = [];
  for (const p of c.store.list("pods", ns)) {
    if (!ownedBy(p, sts.metadata.uid)) continue;
    const i = ordinalOf(sts, p);
    if (i === undefined) continue;
    if (i < replicas) byOrd.set(i, p);
    else condemned.push(p);
  }
  condemned.sort((a, b) => ordinalOf(sts, b)! - ordinalOf(sts, a)!);

  // Create / replace pods for ordinals [0, replicas).
  let blocked = false;
  for (let i = 0; i < replicas && !blocked; i++) {
    const p = byOrd.get(i);
    if (p?.status?.phase === "Failed" || p?.status?.phase === "Succeeded") {
      deletePod(c, sts, p);
      if (!parallel) blocked = true;
      continue;
    }
    if (!p) {
      // Pods below the partition keep the current revision (RollingUpdate with partition).
      const useUpdate = onDelete ? true : i >= partition;
      createPod(c, sts, i, useUpdate ? sts.spec?.template : currentTemplate, useUpdate ? updateRev : currentRev);
      if (!parallel) blocked = true;
      continue;
    }
    if (!parallel && (p.metadata.deletionTimestamp || !runningAndReady(p))) blocked = true;
  }

  // Scale down from the highest ordinal; OrderedReady waits for every other pod to be healthy.
  if (condemned.length) {
    if (parallel) for (const p of condemned) deletePod(c, sts, p);
    else {
      const healthy = [...byOrd.values()].every((p) => runningAndReady(p) && !p.metadata.deletionTimestamp) && byOrd.size === replicas;
      const terminating = condemned.some((p) => p.metadata.deletionTimestamp);
      if (!terminating && (healthy || condemned.every((p) => !runningAndReady(p)))) deletePod(c, sts, condemned[0]);
    }
  }

  // RollingUpdate: one pod at a time from the highest ordinal, once all are Running and Ready.
  if (!onDelete && !condemned.length) {
    const pods = [...byOrd.entries()].sort((a, b) => b[0] - a[0]);
    const allHealthy = byOrd.size === replicas && pods.every(([, p]) => runningAndReady(p) && !p.metadata.deletionTimestamp);
    if (allHealthy) {
      const target = pods.find(([i, p]) => i >= partition && p.metadata.labels?.["controller-revision-hash"] !== updateRev);
      if (target) deletePod(c, sts, target[1]);
    }
  }

  // Status.
  const live = c.store.list("pods", ns).filter((p) => ownedBy(p, sts.metadata.uid) && ordinalOf(sts, p) !== undefined);
  const counted = live;
  const updated = counted.filter((p) => p.metadata.labels?.["controller-revision-hash"] === updateRev).length;
  let newCurrent = currentRev;
  const ready = counted.filter(isPodReady).length;
  if (updated === replicas && ready === replicas && counted.length === replicas) newCurrent = updateRev;
  const current = counted.filter((p) => p.metadata.labels?.["controller-revision-hash"] === newCurrent).length;
  const st: any = {
    availableReplicas: counted.filter((p) => isPodAvailable(p, minReady, c.now)).length,
    collisionCount: sts.status?.collisionCount ?? 0,
    currentReplicas: current,
    currentRevision: newCurrent,
    observedGeneration: sts.metadata.generation ?? 1,
    readyReplicas: ready,
    replicas: counted.length,
    updateRevision: updateRev,
    updatedReplicas: updated,
  };
  for (const k of ["currentReplicas", "readyReplicas", "updatedReplicas"]) if (!st[k]) delete st[k];
  c.api.writeStatus("statefulsets", sts, st);
  const keep = new Set([updateRev, newCurrent, ...live.map((p) => p.metadata.labels?.["controller-revision-hash"] ?? "")]);
  cleanupRevisions(c, sts, keep);
  return availabilityDue(c, live, minReady);
}

export const statefulSetController: Controller = {
  name: NAME,
  sync(c: Cluster) {
    if (idle(c, NAME)) return;
    let due: number | undefined;
    for (const s of c.store.list("statefulsets")) due = minDue(due, syncSts(c, s));
    settle(c, NAME, due);
  },
  nextDue(c: Cluster) {
    return dueOf(c, NAME);
  },
};
