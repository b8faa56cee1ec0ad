// PersistentVolume binder + dynamic provisioning (pkg/controller/volume/persistentvolume and the
// local-path provisioner kind clusters run): binds claims to the smallest fitting volume,
// provisions `pvc-<uid>` volumes for classes with a provisioner (WaitForFirstConsumer waits for
// the scheduler's `volume.kubernetes.io/selected-node`), tracks Available/Bound/Released, runs the
// reclaim policy, and the pvc-/pv-protection finalizers. Also the DefaultStorageClass admission.

import type { Controller } from "../cluster/controllers.ts";
import type { Cluster } from "../cluster/cluster.ts";
import type { KObject } from "../api/types.ts";
import { registerAdmitter } from "../api/admission/admit.ts";
import { fromLabelSelector, matchesLabels } from "../api/selectors.ts";
import { value } from "../util/quantity.ts";
import { clone, idle, settle } from "./workload-util.ts";

const NAME = "persistentvolume";
const SRC = { component: "persistentvolume-controller" };
const PVC_FIN = "kubernetes.io/pvc-protection";
const PV_FIN = "kubernetes.io/pv-protection";
const SELECTED = "volume.kubernetes.io/selected-node";
/** The provisioner pod kind's local-path-provisioner runs as (event source). */
const LOCAL_PATH_SRC = { component: "rancher.io/local-path_local-path-provisioner-7d4d9bdcc5-q2x7m_5b9c1c6e-8f8e-4f0e-9a51-0c6b2f1d1a07" };

function defaultClass(c: Cluster): KObject | undefined {
  const isDefault = (s: KObject) => s.metadata.annotations?.["storageclass.kubernetes.io/is-default-class"] === "true" || s.metadata.annotations?.["storageclass.beta.kubernetes.io/is-default-class"] === "true";
  // Newest default wins, as the admission plugin picks.
  return c.store
    .list("storageclasses")
    .filter(isDefault)
    .sort((a, b) => b.metadata.creationTimestamp.localeCompare(a.metadata.creationTimestamp) || a.metadata.name.localeCompare(b.metadata.name))[0];
}

// DefaultStorageClass admission + StorageObjectInUseProtection admission.
registerAdmitter("persistentvolumeclaims", (c, pvc) => {
  const spec = (pvc.spec ??= {});
  if (spec.storageClassName === undefined || spec.storageClassName === null) {
    const def = defaultClass(c);
    if (def) spec.storageClassName = def.metadata.name;
  }
  const fin = pvc.metadata.finalizers ?? [];
  if (!fin.includes(PVC_FIN)) pvc.metadata.finalizers = [...fin, PVC_FIN];
});
registerAdmitter("persistentvolumes", (_c, pv) => {
  const fin = pv.metadata.finalizers ?? [];
  if (!fin.includes(PV_FIN)) pv.metadata.finalizers = [...fin, PV_FIN];
});

function claimClass(pvc: KObject): string {
  return pvc.spec?.storageClassName ?? "";
}

function bytes(q: any): number {
  try {
    return value(String(q ?? "0"));
  } catch {
    return 0;
  }
}

function request(pvc: KObject): number {
  return bytes(pvc.spec?.resources?.requests?.storage);
}

function pvCapacity(pv: KObject): number {
  return bytes(pv.spec?.capacity?.storage);
}

function fits(pv: KObject, pvc: KObject): boolean {
  if ((pv.spec?.storageClassName ?? "") !== claimClass(pvc)) return false;
  if ((pv.spec?.volumeMode ?? "Filesystem") !== (pvc.spec?.volumeMode ?? "Filesystem")) return false;
  const modes: string[] = pv.spec?.accessModes ?? [];
  if (!(pvc.spec?.accessModes ?? []).every((m: string) => modes.includes(m))) return false;
  if (pvCapacity(pv) < request(pvc)) return false;
  if (pvc.spec?.selector && !matchesLabels(fromLabelSelector(pvc.spec.selector), pv.metadata.labels)) return false;
  return true;
}

/** The node a WaitForFirstConsumer claim should be provisioned on, once a consumer is scheduled. */
function consumerNode(c: Cluster, pvc: KObject): string | undefined {
  const sel = pvc.metadata.annotations?.[SELECTED];
  if (sel) return sel;
  for (const p of c.store.list("pods", pvc.metadata.namespace)) {
    if (!p.spec?.nodeName) continue;
    if ((p.spec?.volumes ?? []).some((v: any) => v.persistentVolumeClaim?.claimName === pvc.metadata.name)) return p.spec.nodeName;
  }
  return undefined;
}

function usedByPod(c: Cluster, pvc: KObject): boolean {
  return c.store
    .list("pods", pvc.metadata.namespace)
    .some((p) => p.status?.phase !== "Succeeded" && p.status?.phase !== "Failed" && (p.spec?.volumes ?? []).some((v: any) => v.persistentVolumeClaim?.claimName === pvc.metadata.name));
}

function once(c: Cluster, key: string): boolean {
  const st = (c.state.ctrl[NAME] ??= { rv: 0 });
  const seen: string[] = (st.seen ??= []);
  if (seen.includes(key)) return false;
  seen.push(key);
  return true;
}

function bind(c: Cluster, pv: KObject, pvc: KObject, byController: boolean): void {
  const upv = clone(pv);
  upv.spec.claimRef = { apiVersion: "v1", kind: "PersistentVolumeClaim", name: pvc.metadata.name, namespace: pvc.metadata.namespace, resourceVersion: pvc.metadata.resourceVersion, uid: pvc.metadata.uid };
  if (byController) upv.metadata.annotations = { ...(upv.metadata.annotations ?? {}), "pv.kubernetes.io/bound-by-controller": "yes" };
  upv.status = { ...(upv.status ?? {}), phase: "Bound", lastPhaseTransitionTime: c.isoNow() };
  c.store.put("persistentvolumes", upv);
  const upvc = clone(c.store.get("persistentvolumeclaims", pvc.metadata.namespace, pvc.metadata.name)!);
  upvc.spec.volumeName = pv.metadata.name;
  upvc.metadata.annotations = { ...(upvc.metadata.annotations ?? {}), "pv.kubernetes.io/bind-completed": "yes" };
  if (byController) upvc.metadata.annotations["pv.kubernetes.io/bound-by-controller"] = "yes";
  upvc.status = { accessModes: [...(pv.spec?.accessModes ?? [])], capacity: { ...(pv.spec?.capacity ?? {}) }, phase: "Bound" };
  c.store.put("persistentvolumeclaims", upvc);
}

function provision(c: Cluster, pvc: KObject, sc: KObject, node: string | undefined): void {
  const name = `pvc-${pvc.metadata.uid}`;
  if (c.store.get("persistentvolumes", undefined, name)) return;
  const local = sc.provisioner === "rancher.io/local-path";
  const pv: KObject = {
    apiVersion: "v1",
    kind: "PersistentVolume",
    metadata: {
      name,
      annotations: {
        ...(local && node ? { "local.path.provisioner/selected-node": node } : {}),
        "pv.kubernetes.io/provisioned-by": sc.provisioner,
      },
      finalizers: [PV_FIN],
      uid: c.rng.uuid(),
      creationTimestamp: c.isoNow(),
    } as any,
    spec: {
      accessModes: [...(pvc.spec?.accessModes ?? ["ReadWriteOnce"])],
      capacity: { storage: pvc.spec?.resources?.requests?.storage ?? "1Gi" },
      ...(local ? { hostPath: { path: `/var/local-path-provisioner/${name}_${pvc.metadata.namespace}_${pvc.metadata.name}`, type: "DirectoryOrCreate" } } : { csi: { driver: sc.provisioner, volumeHandle: name } }),
      ...(node ? { nodeAffinity: { required: { nodeSelectorTerms: [{ matchExpressions: [{ key: "kubernetes.io/hostname", operator: "In", values: [node] }] }] } } } : {}),
      persistentVolumeReclaimPolicy: sc.reclaimPolicy ?? "Delete",
      storageClassName: sc.metadata.name,
      volumeMode: pvc.spec?.volumeMode ?? "Filesystem",
    },
    status: { phase: "Pending" },
  };
  const stored = c.store.put("persistentvolumes", pv);
  const upvc = clone(c.store.get("persistentvolumeclaims", pvc.metadata.namespace, pvc.metadata.name)!);
  upvc.metadata.annotations = { ...(upvc.metadata.annotations ?? {}), "volume.beta.kubernetes.io/storage-provisioner": sc.provisioner, "volume.kubernetes.io/storage-provisioner": sc.provisioner };
  const withAnn = c.store.put("persistentvolumeclaims", upvc);
  // pv_controller.go provisionClaim (external provisioner) then the external-provisioner
  // library's own events, as `kubectl describe pvc` shows them on kind.
  const prov = local ? LOCAL_PATH_SRC : { component: sc.provisioner };
  c.events.record(withAnn, "Normal", "ExternalProvisioning", `Waiting for a volume to be created either by the external provisioner '${sc.provisioner}' or manually by the system administrator. If volume creation is delayed, please verify that the provisioner is running and correctly registered.`, SRC);
  c.events.record(withAnn, "Normal", "Provisioning", `External provisioner is provisioning volume for claim "${pvc.metadata.namespace}/${pvc.metadata.name}"`, prov);
  c.events.record(withAnn, "Normal", "ProvisioningSucceeded", `Successfully provisioned volume ${name}`, prov);
  bind(c, stored, withAnn, true);
}

function syncClaim(c: Cluster, pvc0: KObject): void {
  const ns = pvc0.metadata.namespace!;
  let pvc = pvc0;
  // pvc-protection: the finalizer goes once no pod uses the claim.
  if (pvc.metadata.deletionTimestamp) {
    if (!usedByPod(c, pvc)) {
      const fins = (pvc.metadata.finalizers ?? []).filter((f) => f !== PVC_FIN);
      if (fins.length) c.store.put("persistentvolumeclaims", { ...pvc, metadata: { ...pvc.metadata, finalizers: fins } });
      else c.store.remove("persistentvolumeclaims", ns, pvc.metadata.name);
    }
    return;
  }
  if (!pvc.status?.phase) pvc = c.api.writeStatus("persistentvolumeclaims", pvc, { phase: "Pending" });
  if (pvc.status?.phase === "Bound") {
    const pv = pvc.spec?.volumeName ? c.store.get("persistentvolumes", undefined, pvc.spec.volumeName) : undefined;
    if (!pv) {
      c.api.writeStatus("persistentvolumeclaims", pvc, { ...pvc.status, phase: "Lost" });
      if (once(c, `lost/${pvc.metadata.uid}`)) c.events.record(pvc, "Warning", "ClaimLost", "Bound claim has lost reference to PersistentVolume. Data on the volume is lost!", SRC);
    }
    return;
  }
  if (pvc.status?.phase !== "Pending") return;
  const cls = claimClass(pvc);
  const sc = cls ? c.store.get("storageclasses", undefined, cls) : undefined;
  const wffc = sc?.volumeBindingMode === "WaitForFirstConsumer";
  const node = wffc ? consumerNode(c, pvc) : undefined;
  if (wffc && !node) {
    if (once(c, `wffc/${pvc.metadata.uid}`)) c.events.record(pvc, "Normal", "WaitForFirstConsumer", "waiting for first consumer to be created before binding", SRC);
    return;
  }
  // Pre-bound by name, or the smallest fitting Available volume.
  const pvs = c.store.list("persistentvolumes");
  let pv: KObject | undefined;
  if (pvc.spec?.volumeName) {
    pv = pvs.find((v) => v.metadata.name === pvc.spec.volumeName && (!v.spec?.claimRef || v.spec.claimRef.uid === pvc.metadata.uid));
    if (!pv) return;
  } else {
    pv = pvs
      .filter((v) => !v.metadata.deletionTimestamp && (v.status?.phase === "Available" || (!v.spec?.claimRef && v.status?.phase !== "Released" && v.status?.phase !== "Failed")) && (!v.spec?.claimRef || (v.spec.claimRef.name === pvc.metadata.name && v.spec.claimRef.namespace === ns)) && fits(v, pvc))
      .filter((v) => !node || pvNodeOk(c, v, node))
      .sort((a, b) => pvCapacity(a) - pvCapacity(b) || a.metadata.name.localeCompare(b.metadata.name))[0];
  }
  if (pv) {
    bind(c, pv, pvc, true);
    return;
  }
  if (sc?.provisioner && sc.provisioner !== "kubernetes.io/no-provisioner") {
    provision(c, pvc, sc, node);
    return;
  }
  if (once(c, `fail/${pvc.metadata.uid}`)) {
    const msg = cls ? (sc ? `no persistent volumes available for this claim and no storage class is set` : `storageclass.storage.k8s.io "${cls}" not found`) : "no persistent volumes available for this claim and no storage class is set";
    c.events.record(pvc, sc || !cls ? "Normal" : "Warning", sc || !cls ? "FailedBinding" : "ProvisioningFailed", msg, SRC);
  }
}

function pvNodeOk(c: Cluster, pv: KObject, node: string): boolean {
  const terms = pv.spec?.nodeAffinity?.required?.nodeSelectorTerms;
  if (!terms?.length) return true;
  const n = c.store.get("nodes", undefined, node);
  if (!n) return false;
  const labels = n.metadata.labels ?? {};
  return terms.some((t: any) => (t.matchExpressions ?? []).every((e: any) => (e.operator === "In" ? (e.values ?? []).includes(labels[e.key]) : e.operator === "NotIn" ? !(e.values ?? []).includes(labels[e.key]) : e.operator === "Exists" ? e.key in labels : !(e.key in labels))));
}

function syncVolume(c: Cluster, pv: KObject): void {
  const ref = pv.spec?.claimRef;
  const claim = ref ? c.store.get("persistentvolumeclaims", ref.namespace, ref.name) : undefined;
  const claimGone = ref?.uid && (!claim || claim.metadata.uid !== ref.uid);
  if (pv.metadata.deletionTimestamp) {
    // pv-protection: removable once no claim is bound to it.
    if (!ref || claimGone || pv.status?.phase !== "Bound") {
      const fins = (pv.metadata.finalizers ?? []).filter((f) => f !== PV_FIN);
      if (fins.length) c.store.put("persistentvolumes", { ...pv, metadata: { ...pv.metadata, finalizers: fins } });
      else c.store.remove("persistentvolumes", undefined, pv.metadata.name);
    }
    return;
  }
  let phase: string;
  if (!ref) phase = "Available";
  else if (claimGone) phase = "Released";
  else if (claim?.spec?.volumeName === pv.metadata.name) phase = "Bound";
  else phase = pv.status?.phase === "Bound" ? "Bound" : (pv.status?.phase ?? "Available");
  if (phase === "Released") {
    const policy = pv.spec?.persistentVolumeReclaimPolicy ?? "Retain";
    if (policy === "Delete") {
      c.store.remove("persistentvolumes", undefined, pv.metadata.name);
      return;
    }
    if (policy === "Recycle") {
      const upd = clone(pv);
      delete upd.spec.claimRef;
      upd.status = { phase: "Available", lastPhaseTransitionTime: c.isoNow() };
      c.store.put("persistentvolumes", upd);
      return;
    }
  }
  if (pv.status?.phase !== phase) c.api.writeStatus("persistentvolumes", pv, { ...(pv.status ?? {}), phase, lastPhaseTransitionTime: c.isoNow() });
}

export const persistentVolumeController: Controller = {
  name: NAME,
  sync(c: Cluster) {
    if (idle(c, NAME)) return;
    for (const pv of c.store.list("persistentvolumes")) syncVolume(c, pv);
    for (const pvc of c.store.list("persistentvolumeclaims")) syncClaim(c, pvc);
    for (const pv of c.store.list("persistentvolumes")) syncVolume(c, pv);
    settle(c, NAME, undefined);
  },
};
