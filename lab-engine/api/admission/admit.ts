// Mutating and validating admission that needs cluster state: what the real API server's
// ServiceAccount, DefaultTolerationSeconds, Priority, LimitRanger and ResourceQuota plugins and
// the Service IP/port allocators do before an object is stored.

import type { KObject } from "../types.ts";
import type { ResourceInfo } from "../resources.ts";
import type { Cluster } from "../../cluster/cluster.ts";
import type { WriteOptions } from "../server.ts";
import { ApiError } from "../errors.ts";
import { allocateServiceAddresses } from "./service-alloc.ts";
import { parseQuantity } from "../validation/quantity.ts";

export type Admitter = (c: Cluster, obj: KObject, opts: WriteOptions) => void;

/** Extra admission plugins by resource (quota, limit ranges...), registered by their modules. */
export const extraAdmitters: Record<string, Admitter[]> = {};

export function registerAdmitter(plural: string, fn: Admitter): void {
  (extraAdmitters[plural] ??= []).push(fn);
}

export function admitCreate(c: Cluster, ri: ResourceInfo, obj: KObject, opts: WriteOptions): void {
  if (ri.plural === "pods") admitPod(c, obj);
  if (ri.plural === "services") allocateServiceAddresses(c, obj, opts);
  for (const fn of extraAdmitters[ri.plural] ?? []) fn(c, obj, opts);
  for (const fn of extraAdmitters["*"] ?? []) fn(c, obj, opts);
}

/** Validating admission on update, run after the object passed validation (as in the real API server). */
export function admitUpdate(c: Cluster, ri: ResourceInfo, obj: KObject, old: KObject): void {
  if (ri.plural === "persistentvolumeclaims") admitClaimResize(c, obj, old);
}

/** plugin/pkg/admission/storage/persistentvolume/resize (PersistentVolumeClaimResize), 1.32. */
function admitClaimResize(c: Cluster, pvc: KObject, old: KObject): void {
  const newSize = parseQuantity(pvc.spec?.resources?.requests?.storage);
  const oldSize = parseQuantity(old.spec?.resources?.requests?.storage);
  if (!newSize || !oldSize || newSize.nano <= oldSize.nano) return;
  const forbid = (msg: string) => new ApiError("Forbidden", `persistentvolumeclaims "${pvc.metadata.name}" is forbidden: ${msg}`);
  if (old.status?.phase !== "Bound") throw forbid("Only bound persistent volume claims can be expanded");
  const cls = pvc.spec?.storageClassName ?? "";
  const oldCls = old.spec?.storageClassName ?? "";
  const sc = cls && cls === oldCls ? c.store.get("storageclasses", undefined, cls) : undefined;
  if (sc?.allowVolumeExpansion !== true) {
    throw forbid("only dynamically provisioned pvc can be resized and the storageclass that provisions the pvc must support resize");
  }
}

function admitPod(c: Cluster, pod: KObject): void {
  const spec = (pod.spec ??= {});
  // ServiceAccount admission: default account, and the projected token volume + mounts.
  spec.serviceAccountName ??= spec.serviceAccount ?? "default";
  spec.serviceAccount = spec.serviceAccountName;
  const ns = pod.metadata.namespace!;
  if (!c.store.get("serviceaccounts", ns, spec.serviceAccountName) && spec.serviceAccountName !== "default") {
    throw new ApiError(
      "Forbidden",
      `pods "${pod.metadata.name}" is forbidden: error looking up service account ${ns}/${spec.serviceAccountName}: serviceaccount "${spec.serviceAccountName}" not found`,
    );
  }
  if (spec.automountServiceAccountToken !== false) {
    const volName = `kube-api-access-${c.rng.alnum(5)}`;
    spec.volumes = [...(spec.volumes ?? []), saVolume(volName)];
    const mount = { mountPath: "/var/run/secrets/kubernetes.io/serviceaccount", name: volName, readOnly: true };
    for (const ctr of [...(spec.containers ?? []), ...(spec.initContainers ?? [])]) {
      if (!(ctr.volumeMounts ?? []).some((m: any) => m.mountPath === mount.mountPath)) ctr.volumeMounts = [...(ctr.volumeMounts ?? []), { ...mount }];
    }
  }
  // DefaultTolerationSeconds.
  const tol = (spec.tolerations ??= []);
  for (const key of ["node.kubernetes.io/not-ready", "node.kubernetes.io/unreachable"]) {
    if (!tol.some((t: any) => t.key === key && (t.effect === "NoExecute" || !t.effect))) {
      tol.push({ effect: "NoExecute", key, operator: "Exists", tolerationSeconds: 300 });
    }
  }
  // Priority admission.
  if (spec.priorityClassName) {
    const pc = c.store.get("priorityclasses", undefined, spec.priorityClassName);
    if (!pc) {
      throw new ApiError("Forbidden", `pods "${pod.metadata.name}" is forbidden: no PriorityClass with name ${spec.priorityClassName} was found`);
    }
    spec.priority = pc.value;
    spec.preemptionPolicy ??= pc.preemptionPolicy ?? "PreemptLowerPriority";
  } else {
    const def = c.store.list("priorityclasses").find((p) => p.globalDefault);
    spec.priority = def ? def.value : 0;
    if (def) spec.priorityClassName = def.metadata.name;
    spec.preemptionPolicy ??= "PreemptLowerPriority";
  }
}

function saVolume(name: string): any {
  return {
    name,
    projected: {
      defaultMode: 420,
      sources: [
        { serviceAccountToken: { expirationSeconds: 3607, path: "token" } },
        { configMap: { items: [{ key: "ca.crt", path: "ca.crt" }], name: "kube-root-ca.crt" } },
        {
          downwardAPI: {
            items: [{ fieldRef: { apiVersion: "v1", fieldPath: "metadata.namespace" }, path: "namespace" }],
          },
        },
      ],
    },
  };
}
