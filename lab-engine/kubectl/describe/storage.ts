// describe for PersistentVolume, PersistentVolumeClaim and StorageClass.

import type { KObject } from "../../api/types.ts";
import { describeEvents, refFor, searchEvents } from "./events.ts";
import { formatLabels } from "./workload.ts";
import { printVolumeSource } from "./volumes.ts";
import type { Describer } from "./types.ts";
import { LEVEL_0, LEVEL_1, LEVEL_2, goLess, printAnnotationsMultiline, printBoolPtr, printLabelsMultiline, qty, since, tabbed, timeRFC1123Z, type PrefixWriter } from "./writer.ts";

/** storageutil.GetAccessModesAsString */
export function accessModesString(modes: string[] | undefined): string {
  const m = new Set(modes ?? []);
  const out: string[] = [];
  if (m.has("ReadWriteOnce")) out.push("RWO");
  if (m.has("ReadOnlyMany")) out.push("ROX");
  if (m.has("ReadWriteMany")) out.push("RWX");
  if (m.has("ReadWriteOncePod")) out.push("RWOP");
  return out.join(",");
}

function pvcClass(pvc: any): string {
  const a = pvc.metadata?.annotations?.["volume.beta.kubernetes.io/storage-class"];
  return a !== undefined ? a : (pvc.spec?.storageClassName ?? "");
}

/** printPersistentVolumeClaim (full PVC, or the template of an ephemeral volume). */
export function printPersistentVolumeClaim(w: PrefixWriter, pvc: any, full: boolean, now: number): void {
  if (full) {
    w.write(LEVEL_0, `Name:\t${pvc.metadata?.name ?? ""}\n`);
    w.write(LEVEL_0, `Namespace:\t${pvc.metadata?.namespace ?? ""}\n`);
  }
  w.write(LEVEL_0, `StorageClass:\t${pvcClass(pvc)}\n`);
  if (full) {
    if (pvc.metadata?.deletionTimestamp) w.write(LEVEL_0, `Status:\tTerminating (lasts ${since(pvc.metadata.deletionTimestamp, now)})\n`);
    else w.write(LEVEL_0, `Status:\t${pvc.status?.phase ?? ""}\n`);
  }
  w.write(LEVEL_0, `Volume:\t${pvc.spec?.volumeName ?? ""}\n`);
  printLabelsMultiline(w, "Labels", pvc.metadata?.labels);
  printAnnotationsMultiline(w, "Annotations", pvc.metadata?.annotations);
  if (full) w.write(LEVEL_0, `Finalizers:\t[${(pvc.metadata?.finalizers ?? []).join(" ")}]\n`);
  let capacity = "";
  let modes = "";
  if (pvc.spec?.volumeName) {
    modes = accessModesString(pvc.status?.accessModes);
    capacity = qty(pvc.status?.capacity?.storage ?? "0");
  }
  w.write(LEVEL_0, `Capacity:\t${capacity}\n`);
  w.write(LEVEL_0, `Access Modes:\t${modes}\n`);
  if (pvc.spec?.volumeMode) w.write(LEVEL_0, `VolumeMode:\t${pvc.spec.volumeMode}\n`);
  const ds = pvc.spec?.dataSource;
  if (ds) {
    w.write(LEVEL_0, "DataSource:\n");
    if (ds.apiGroup !== undefined && ds.apiGroup !== null) w.write(LEVEL_1, `APIGroup:\t${ds.apiGroup}\n`);
    w.write(LEVEL_1, `Kind:\t${ds.kind ?? ""}\n`);
    w.write(LEVEL_1, `Name:\t${ds.name ?? ""}\n`);
  }
}

function podsForPVC(nsPods: KObject[], pvc: KObject): KObject[] {
  const pods: KObject[] = [];
  for (const p of nsPods) for (const v of p.spec?.volumes ?? []) if (v.persistentVolumeClaim?.claimName === pvc.metadata.name) pods.push(p);
  for (const ref of pvc.metadata.ownerReferences ?? []) {
    if (ref.kind !== "Pod") continue;
    const owner = nsPods.find((p) => p.metadata.uid === ref.uid);
    if (!owner || pods.some((p) => p.metadata.uid === owner.metadata.uid)) continue;
    pods.push(owner);
  }
  return pods;
}

export const describePersistentVolumeClaim: Describer = (c, pvc, s) => {
  const pods = podsForPVC(c.store.list("pods", pvc.metadata.namespace), pvc);
  const events = s.showEvents ? searchEvents(c, refFor(pvc)) : undefined;
  return tabbed((w) => {
    printPersistentVolumeClaim(w, pvc, true, s.now);
    w.write(LEVEL_0, "Used By:\t");
    if (pods.length === 0) w.writeLine("<none>");
    else
      [...pods]
        .sort((a, b) => goLess(a.metadata.name, b.metadata.name))
        .forEach((p, i) => {
          if (i !== 0) {
            w.write(LEVEL_0, "");
            w.write(LEVEL_0, "\t");
          }
          w.write(LEVEL_0, `${p.metadata.name}\n`);
        });
    const conds: any[] = pvc.status?.conditions ?? [];
    if (conds.length) {
      w.write(LEVEL_0, "Conditions:\n");
      w.write(LEVEL_1, "Type\tStatus\tLastProbeTime\tLastTransitionTime\tReason\tMessage\n");
      w.write(LEVEL_1, "----\t------\t-----------------\t------------------\t------\t-------\n");
      for (const cd of conds) w.write(LEVEL_1, `${cd.type} \t${cd.status} \t${timeRFC1123Z(cd.lastProbeTime)} \t${timeRFC1123Z(cd.lastTransitionTime)} \t${cd.reason ?? ""} \t${cd.message ?? ""}\n`);
    }
    if (events) describeEvents(events, w, s.now);
  });
};

function printVolumeNodeAffinity(w: PrefixWriter, affinity: any): void {
  w.write(LEVEL_0, "Node Affinity:\t");
  if (!affinity?.required) {
    w.writeLine("<none>");
    return;
  }
  w.writeLine("");
  w.write(LEVEL_1, "Required Terms:\t");
  const terms: any[] = affinity.required.nodeSelectorTerms ?? [];
  if (terms.length === 0) {
    w.writeLine("<none>");
    return;
  }
  w.writeLine("");
  terms.forEach((term, i) => {
    const reqs: any[] = term.matchExpressions ?? [];
    w.write(LEVEL_2, `Term ${i}:\t`);
    if (reqs.length === 0) {
      w.writeLine("<none>");
      return;
    }
    reqs.forEach((r, j) => {
      if (j !== 0) w.write(LEVEL_2, "\t");
      let e = `${r.key} ${String(r.operator ?? "").toLowerCase()}`;
      if (r.values?.length) e += ` [${r.values.join(", ")}]`;
      w.write(LEVEL_0, `${e}\n`);
    });
  });
}

export const describePersistentVolume: Describer = (c, pv, s) => {
  const spec = pv.spec ?? {};
  const events = s.showEvents ? searchEvents(c, refFor(pv)) : undefined;
  return tabbed((w) => {
    w.write(LEVEL_0, `Name:\t${pv.metadata.name}\n`);
    printLabelsMultiline(w, "Labels", pv.metadata.labels);
    printAnnotationsMultiline(w, "Annotations", pv.metadata.annotations);
    w.write(LEVEL_0, `Finalizers:\t[${(pv.metadata.finalizers ?? []).join(" ")}]\n`);
    const beta = pv.metadata.annotations?.["volume.beta.kubernetes.io/storage-class"];
    w.write(LEVEL_0, `StorageClass:\t${beta !== undefined ? beta : (spec.storageClassName ?? "")}\n`);
    if (pv.metadata.deletionTimestamp) w.write(LEVEL_0, `Status:\tTerminating (lasts ${since(pv.metadata.deletionTimestamp, s.now)})\n`);
    else w.write(LEVEL_0, `Status:\t${pv.status?.phase ?? ""}\n`);
    w.write(LEVEL_0, `Claim:\t${spec.claimRef ? `${spec.claimRef.namespace ?? ""}/${spec.claimRef.name ?? ""}` : ""}\n`);
    w.write(LEVEL_0, `Reclaim Policy:\t${spec.persistentVolumeReclaimPolicy ?? ""}\n`);
    w.write(LEVEL_0, `Access Modes:\t${accessModesString(spec.accessModes)}\n`);
    if (spec.volumeMode) w.write(LEVEL_0, `VolumeMode:\t${spec.volumeMode}\n`);
    w.write(LEVEL_0, `Capacity:\t${qty(spec.capacity?.storage ?? "0")}\n`);
    printVolumeNodeAffinity(w, spec.nodeAffinity);
    w.write(LEVEL_0, `Message:\t${pv.status?.message ?? ""}\n`);
    w.write(LEVEL_0, "Source:\n");
    const src = { ...spec };
    delete src.persistentVolumeClaim;
    if (!printVolumeSource(src, w)) w.write(LEVEL_1, "<unknown>\n");
    if (events) describeEvents(events, w, s.now);
  });
};

export const describeStorageClass: Describer = (c, sc, s) => {
  const events = s.showEvents ? searchEvents(c, refFor(sc)) : undefined;
  const ann = sc.metadata.annotations ?? {};
  const isDefault = ann["storageclass.kubernetes.io/is-default-class"] === "true" || ann["storageclass.beta.kubernetes.io/is-default-class"] === "true";
  return tabbed((w) => {
    w.write(LEVEL_0, `Name:\t${sc.metadata.name}\n`);
    w.write(LEVEL_0, `IsDefaultClass:\t${isDefault ? "Yes" : "No"}\n`);
    w.write(LEVEL_0, `Annotations:\t${formatLabels(sc.metadata.annotations)}\n`);
    w.write(LEVEL_0, `Provisioner:\t${sc.provisioner ?? ""}\n`);
    w.write(LEVEL_0, `Parameters:\t${formatLabels(sc.parameters)}\n`);
    w.write(LEVEL_0, `AllowVolumeExpansion:\t${printBoolPtr(sc.allowVolumeExpansion)}\n`);
    if (!sc.mountOptions?.length) w.write(LEVEL_0, "MountOptions:\t<none>\n");
    else {
      w.write(LEVEL_0, "MountOptions:\n");
      for (const o of sc.mountOptions) w.write(LEVEL_1, `${o}\n`);
    }
    if (sc.reclaimPolicy) w.write(LEVEL_0, `ReclaimPolicy:\t${sc.reclaimPolicy}\n`);
    if (sc.volumeBindingMode) w.write(LEVEL_0, `VolumeBindingMode:\t${sc.volumeBindingMode}\n`);
    if (sc.allowedTopologies) {
      w.write(LEVEL_0, "AllowedTopologies:\t");
      if (sc.allowedTopologies.length === 0) w.writeLine("<none>");
      else {
        w.writeLine("");
        sc.allowedTopologies.forEach((term: any, i: number) => {
          const reqs: any[] = term.matchLabelExpressions ?? [];
          w.write(LEVEL_1, `Term ${i}:\t`);
          if (reqs.length === 0) {
            w.writeLine("<none>");
            return;
          }
          reqs.forEach((r, j) => {
            if (j !== 0) w.write(LEVEL_1, "\t");
            let e = `${r.key} in`;
            if (r.values?.length) e += ` [${r.values.join(", ")}]`;
            w.write(LEVEL_0, `${e}\n`);
          });
        });
      }
    }
    if (events) describeEvents(events, w, s.now);
  });
};
