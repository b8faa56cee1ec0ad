// Volume blocks of describe (describeVolumes and the print*VolumeSource functions), shared by
// pods, pod templates and persistent volumes.

import { LEVEL_0, LEVEL_1, LEVEL_2, LEVEL_3, PrefixWriter, goPtr, qty, sortedKeys } from "./writer.ts";
import { printPersistentVolumeClaim } from "./storage.ts";

type Src = Record<string, any>;

/** One `Type:` block per volume source kind; returns false when the kind is not known. */
export function printVolumeSource(v: Src, w: PrefixWriter): boolean {
  if (v.hostPath) {
    const h = v.hostPath;
    w.write(LEVEL_2, `Type:\tHostPath (bare host directory volume)\n    Path:\t${h.path ?? ""}\n    HostPathType:\t${h.type === undefined || h.type === null ? "<none>" : h.type}\n`);
  } else if (v.emptyDir) {
    const e = v.emptyDir;
    let size = "<unset>";
    if (e.sizeLimit !== undefined && e.sizeLimit !== null && qty(e.sizeLimit) !== "0") size = qty(e.sizeLimit);
    w.write(LEVEL_2, `Type:\tEmptyDir (a temporary directory that shares a pod's lifetime)\n    Medium:\t${e.medium ?? ""}\n    SizeLimit:\t${size}\n`);
  } else if (v.gitRepo) {
    w.write(LEVEL_2, `Type:\tGitRepo (a volume that is pulled from git when the pod is created)\n    Repository:\t${v.gitRepo.repository ?? ""}\n    Revision:\t${v.gitRepo.revision ?? ""}\n`);
  } else if (v.secret) {
    w.write(LEVEL_2, `Type:\tSecret (a volume populated by a Secret)\n    SecretName:\t${v.secret.secretName ?? ""}\n    Optional:\t${v.secret.optional === true}\n`);
  } else if (v.configMap) {
    w.write(LEVEL_2, `Type:\tConfigMap (a volume populated by a ConfigMap)\n    Name:\t${v.configMap.name ?? ""}\n    Optional:\t${v.configMap.optional === true}\n`);
  } else if (v.nfs) {
    w.write(LEVEL_2, `Type:\tNFS (an NFS mount that lasts the lifetime of a pod)\n    Server:\t${v.nfs.server ?? ""}\n    Path:\t${v.nfs.path ?? ""}\n    ReadOnly:\t${v.nfs.readOnly === true}\n`);
  } else if (v.persistentVolumeClaim) {
    const c = v.persistentVolumeClaim;
    w.write(LEVEL_2, `Type:\tPersistentVolumeClaim (a reference to a PersistentVolumeClaim in the same namespace)\n    ClaimName:\t${c.claimName ?? ""}\n    ReadOnly:\t${c.readOnly === true}\n`);
  } else if (v.ephemeral) {
    w.write(LEVEL_2, "Type:\tEphemeralVolume (an inline specification for a volume that gets created and deleted with the pod)\n");
    const t = v.ephemeral.volumeClaimTemplate;
    if (t) printPersistentVolumeClaim(new PrefixWriter(w, LEVEL_2), { metadata: t.metadata ?? {}, spec: t.spec ?? {} }, false, 0);
  } else if (v.downwardAPI) {
    w.write(LEVEL_2, "Type:\tDownwardAPI (a volume populated by information about the pod)\n    Items:\n");
    for (const m of v.downwardAPI.items ?? []) {
      if (m.fieldRef) w.write(LEVEL_3, `${m.fieldRef.fieldPath} -> ${m.path}\n`);
      if (m.resourceFieldRef) w.write(LEVEL_3, `${m.resourceFieldRef.resource} -> ${m.path}\n`);
    }
  } else if (v.projected) {
    w.write(LEVEL_2, "Type:\tProjected (a volume that contains injected data from multiple sources)\n");
    for (const s of v.projected.sources ?? []) {
      if (s.secret) w.write(LEVEL_2, `SecretName:\t${s.secret.name ?? ""}\n    SecretOptionalName:\t${goPtr(s.secret.optional)}\n`);
      else if (s.downwardAPI) w.write(LEVEL_2, "DownwardAPI:\ttrue\n");
      else if (s.configMap) w.write(LEVEL_2, `ConfigMapName:\t${s.configMap.name ?? ""}\n    ConfigMapOptional:\t${goPtr(s.configMap.optional)}\n`);
      else if (s.serviceAccountToken) w.write(LEVEL_2, `TokenExpirationSeconds:\t${s.serviceAccountToken.expirationSeconds ?? 0}\n`);
    }
  } else if (v.csi) {
    const c = v.csi;
    const isPV = c.volumeHandle !== undefined;
    if (isPV) w.write(LEVEL_2, `Type:\tCSI (a Container Storage Interface (CSI) volume source)\n    Driver:\t${c.driver ?? ""}\n    FSType:\t${c.fsType ?? ""}\n    VolumeHandle:\t${c.volumeHandle}\n    ReadOnly:\t${c.readOnly === true}\n`);
    else w.write(LEVEL_2, `Type:\tCSI (a Container Storage Interface (CSI) volume source)\n    Driver:\t${c.driver ?? ""}\n    FSType:\t${c.fsType ?? ""}\n    ReadOnly:\t${c.readOnly === true}\n`);
    w.write(LEVEL_2, "VolumeAttributes:\t");
    const keys = sortedKeys(c.volumeAttributes);
    if (keys.length === 0) w.writeLine("<none>");
    keys.forEach((k, i) => {
      if (i !== 0) {
        w.write(LEVEL_2, "");
        w.write(LEVEL_2, "\t");
      }
      const line = `${k}=${c.volumeAttributes[k]}`;
      w.write(LEVEL_2, line.length > 140 ? `${line.slice(0, 140)}...\n` : `${line}\n`);
    });
  } else if (v.local) {
    w.write(LEVEL_2, `Type:\tLocalVolume (a persistent volume backed by local storage on a node)\n    Path:\t${v.local.path ?? ""}\n`);
  } else if (v.image) {
    w.write(LEVEL_2, `Type:\tImage (a container image or OCI artifact)\n    Reference:\t${v.image.reference ?? ""}\n    PullPolicy:\t${v.image.pullPolicy ?? ""}\n`);
  } else {
    return false;
  }
  return true;
}

export function describeVolumes(volumes: any[] | undefined, w: PrefixWriter, space: string): void {
  if (!volumes?.length) {
    w.write(LEVEL_0, `${space}Volumes:\t<none>\n`);
    return;
  }
  w.write(LEVEL_0, `${space}Volumes:\n`);
  for (const v of volumes) {
    const nameIndent = space.length > 0 ? " " : "";
    w.write(LEVEL_1, `${nameIndent}${v.name}:\n`);
    if (!printVolumeSource(v, w)) w.write(LEVEL_1, "<unknown>\n");
  }
}
