// Entry points: validateCreate / validateUpdate per plural resource, on defaulted v1 objects.
import type { KObject } from "../types.ts";
import {
  type FieldError, invalid, forbidden, formatInvalid, statusMessage, statusCauses, goLabelSelector, FIELD_IMMUTABLE,
} from "./field.ts";
import {
  validateObjectMeta, validateObjectMetaUpdate, isDNS1123Label, nameIsDNSSubdomain, nameIsDNSLabel, nameIsDNS1035Label, nameIsPathSegment, type NameFn,
} from "./names.ts";
import { validatePodSpec, validatePodSpecUpdate } from "./pod.ts";
import {
  validateDeploymentSpec, validateReplicaSetSpec, validateReplicationControllerSpec, validateDaemonSetSpec, validateStatefulSetSpec,
  validateJobSpec, validateCronJob, STATEFULSET_FORBIDDEN_UPDATE,
} from "./workloads.ts";
import {
  validateService, validateServiceUpdate, validateNodePortRange, validateConfigMap, validateSecret, validateImmutableData, validateNamespace,
  validatePVC, validatePVCUpdate, validatePV, validateResourceQuota, validateLimitRange, validateIngress, validateNetworkPolicy,
  validateRole, validateRoleBinding, validateRoleBindingUpdate, validateHPA, validatePDB, validateStorageClass, validatePriorityClass,
} from "./others.ts";

export type { FieldError } from "./field.ts";
export { formatInvalid, statusMessage, statusCauses, errorBody, errorString } from "./field.ts";

interface Rule {
  kind: string;
  group: string;
  namespaced: boolean;
  name: NameFn;
  create?: (o: any) => FieldError[];
  update?: (o: any, old: any) => FieldError[];
}

const same = (a: unknown, b: unknown) => stable(a) === stable(b);
function stable(v: unknown): string {
  if (Array.isArray(v)) return "[" + v.map(stable).join(",") + "]";
  if (v && typeof v === "object") {
    return "{" + Object.keys(v).sort().filter((k) => (v as any)[k] !== undefined && (v as any)[k] !== null).map((k) => JSON.stringify(k) + ":" + stable((v as any)[k])).join(",") + "}";
  }
  return JSON.stringify(v ?? null);
}

const RULES: Record<string, Rule> = {
  pods: {
    kind: "Pod", group: "", namespaced: true, name: nameIsDNSSubdomain,
    create: (o) => validatePodSpec(o.spec, "spec"),
    update: (o, old) => validatePodSpecUpdate(o.spec, old.spec),
  },
  services: {
    kind: "Service", group: "", namespaced: true, name: nameIsDNS1035Label,
    create: (o) => validateService(o).concat(validateNodePortRange(o)),
    update: (o, old) => validateServiceUpdate(o, old).concat(validateNodePortRange(o)),
  },
  configmaps: { kind: "ConfigMap", group: "", namespaced: true, name: nameIsDNSSubdomain, create: validateConfigMap, update: (o, old) => validateImmutableData(o, old).concat(validateConfigMap(o)) },
  secrets: {
    kind: "Secret", group: "", namespaced: true, name: nameIsDNSSubdomain, create: validateSecret,
    update: (o, old) => {
      const errs: FieldError[] = [];
      if ((o.type ?? "Opaque") !== (old.type ?? "Opaque")) errs.push(invalid("type", o.type ?? "", FIELD_IMMUTABLE));
      return errs.concat(validateImmutableData(o, old), validateSecret(o));
    },
  },
  namespaces: { kind: "Namespace", group: "", namespaced: false, name: nameIsDNSLabel, create: validateNamespace, update: validateNamespace },
  serviceaccounts: { kind: "ServiceAccount", group: "", namespaced: true, name: nameIsDNSSubdomain },
  persistentvolumeclaims: { kind: "PersistentVolumeClaim", group: "", namespaced: true, name: nameIsDNSSubdomain, create: validatePVC, update: validatePVCUpdate },
  persistentvolumes: { kind: "PersistentVolume", group: "", namespaced: false, name: nameIsDNSSubdomain, create: validatePV, update: validatePV },
  resourcequotas: { kind: "ResourceQuota", group: "", namespaced: true, name: nameIsDNSSubdomain, create: validateResourceQuota, update: validateResourceQuota },
  limitranges: { kind: "LimitRange", group: "", namespaced: true, name: nameIsDNSSubdomain, create: validateLimitRange, update: validateLimitRange },
  replicationcontrollers: {
    kind: "ReplicationController", group: "", namespaced: true, name: nameIsDNSSubdomain,
    create: (o) => validateReplicationControllerSpec(o.spec), update: (o) => validateReplicationControllerSpec(o.spec),
  },
  endpoints: { kind: "Endpoints", group: "", namespaced: true, name: nameIsDNSSubdomain },
  events: { kind: "Event", group: "", namespaced: true, name: nameIsDNSSubdomain },
  nodes: { kind: "Node", group: "", namespaced: false, name: nameIsDNSSubdomain },
  podtemplates: { kind: "PodTemplate", group: "", namespaced: true, name: nameIsDNSSubdomain },
  deployments: {
    kind: "Deployment", group: "apps", namespaced: true, name: nameIsDNSSubdomain,
    create: (o) => validateDeploymentSpec(o.spec),
    update: (o, old) => {
      const errs = validateDeploymentSpec(o.spec);
      if (!same(o.spec?.selector, old.spec?.selector)) errs.push(invalid("spec.selector", null, FIELD_IMMUTABLE, goLabelSelector(o.spec?.selector)));
      return errs;
    },
  },
  replicasets: {
    kind: "ReplicaSet", group: "apps", namespaced: true, name: nameIsDNSSubdomain,
    create: (o) => validateReplicaSetSpec(o.spec),
    update: (o, old) => {
      const errs = validateReplicaSetSpec(o.spec);
      if (!same(o.spec?.selector, old.spec?.selector)) errs.push(invalid("spec.selector", null, FIELD_IMMUTABLE, goLabelSelector(o.spec?.selector)));
      return errs;
    },
  },
  daemonsets: {
    kind: "DaemonSet", group: "apps", namespaced: true, name: nameIsDNSSubdomain,
    create: (o) => validateDaemonSetSpec(o.spec),
    update: (o, old) => {
      const errs = validateDaemonSetSpec(o.spec);
      if (!same(o.spec?.selector, old.spec?.selector)) errs.push(invalid("spec.selector", null, FIELD_IMMUTABLE, goLabelSelector(o.spec?.selector)));
      return errs;
    },
  },
  statefulsets: {
    kind: "StatefulSet", group: "apps", namespaced: true, name: nameIsDNSLabel,
    create: (o) => validateStatefulSetSpec(o.spec),
    update: (o, old) => {
      const a = { ...(o.spec ?? {}) };
      const b = { ...(old.spec ?? {}) };
      for (const f of ["replicas", "ordinals", "template", "updateStrategy", "revisionHistoryLimit", "persistentVolumeClaimRetentionPolicy", "minReadySeconds"]) {
        delete a[f];
        delete b[f];
      }
      const errs: FieldError[] = [];
      if (!same(a, b)) errs.push(forbidden("spec", STATEFULSET_FORBIDDEN_UPDATE));
      return errs.concat(validateStatefulSetSpec(o.spec));
    },
  },
  controllerrevisions: { kind: "ControllerRevision", group: "apps", namespaced: true, name: nameIsDNSSubdomain },
  jobs: {
    kind: "Job", group: "batch", namespaced: true, name: nameIsDNSSubdomain,
    create: (o) => validateJobSpec(o.spec),
    update: (o, old) => {
      const errs = validateJobSpec(o.spec);
      if (!same(o.spec?.selector, old.spec?.selector)) errs.push(invalid("spec.selector", null, FIELD_IMMUTABLE, goLabelSelector(o.spec?.selector)));
      if ((o.spec?.completions ?? null) !== (old.spec?.completions ?? null) && o.spec?.completionMode !== "Indexed") {
        errs.push(invalid("spec.completions", o.spec?.completions ?? null, FIELD_IMMUTABLE));
      }
      if (!same(o.spec?.template, old.spec?.template)) errs.push(invalid("spec.template", null, FIELD_IMMUTABLE, "core.PodTemplateSpec{...}"));
      if ((o.spec?.completionMode ?? "") !== (old.spec?.completionMode ?? "")) errs.push(invalid("spec.completionMode", o.spec?.completionMode ?? "", FIELD_IMMUTABLE));
      return errs;
    },
  },
  cronjobs: { kind: "CronJob", group: "batch", namespaced: true, name: nameIsDNSSubdomain, create: (o) => validateCronJob(o), update: (o, old) => validateCronJob(o, old.spec ?? {}) },
  ingresses: { kind: "Ingress", group: "networking.k8s.io", namespaced: true, name: nameIsDNSSubdomain, create: validateIngress, update: validateIngress },
  ingressclasses: { kind: "IngressClass", group: "networking.k8s.io", namespaced: false, name: nameIsDNSSubdomain },
  networkpolicies: { kind: "NetworkPolicy", group: "networking.k8s.io", namespaced: true, name: nameIsDNSSubdomain, create: validateNetworkPolicy, update: validateNetworkPolicy },
  roles: { kind: "Role", group: "rbac.authorization.k8s.io", namespaced: true, name: nameIsPathSegment, create: (o) => validateRole(o, true), update: (o) => validateRole(o, true) },
  clusterroles: { kind: "ClusterRole", group: "rbac.authorization.k8s.io", namespaced: false, name: nameIsPathSegment, create: (o) => validateRole(o, false), update: (o) => validateRole(o, false) },
  rolebindings: {
    kind: "RoleBinding", group: "rbac.authorization.k8s.io", namespaced: true, name: nameIsPathSegment,
    create: (o) => validateRoleBinding(o, true), update: (o, old) => validateRoleBinding(o, true).concat(validateRoleBindingUpdate(o, old)),
  },
  clusterrolebindings: {
    kind: "ClusterRoleBinding", group: "rbac.authorization.k8s.io", namespaced: false, name: nameIsPathSegment,
    create: (o) => validateRoleBinding(o, false), update: (o, old) => validateRoleBinding(o, false).concat(validateRoleBindingUpdate(o, old)),
  },
  horizontalpodautoscalers: { kind: "HorizontalPodAutoscaler", group: "autoscaling", namespaced: true, name: nameIsDNSSubdomain, create: validateHPA, update: validateHPA },
  poddisruptionbudgets: { kind: "PodDisruptionBudget", group: "policy", namespaced: true, name: nameIsDNSSubdomain, create: validatePDB, update: validatePDB },
  storageclasses: {
    kind: "StorageClass", group: "storage.k8s.io", namespaced: false, name: nameIsDNSSubdomain, create: validateStorageClass,
    update: (o, old) => {
      const errs = validateStorageClass(o);
      if (!same(o.parameters, old.parameters)) errs.push(forbidden("parameters", "updates to parameters are forbidden."));
      if (o.provisioner !== old.provisioner) errs.push(forbidden("provisioner", "updates to provisioner are forbidden."));
      if ((o.reclaimPolicy ?? "") !== (old.reclaimPolicy ?? "")) errs.push(forbidden("reclaimPolicy", "updates to reclaimPolicy are forbidden."));
      if ((o.volumeBindingMode ?? "") !== (old.volumeBindingMode ?? "")) errs.push(invalid("volumeBindingMode", o.volumeBindingMode ?? "", FIELD_IMMUTABLE));
      return errs;
    },
  },
  priorityclasses: { kind: "PriorityClass", group: "scheduling.k8s.io", namespaced: false, name: nameIsDNSSubdomain, create: validatePriorityClass },
  leases: { kind: "Lease", group: "coordination.k8s.io", namespaced: true, name: nameIsDNSSubdomain },
  endpointslices: { kind: "EndpointSlice", group: "discovery.k8s.io", namespaced: true, name: nameIsDNSSubdomain },
};

/** Kind and group for a plural, as validation knows them (undefined for unknown resources). */
export function ruleFor(resource: string): { kind: string; group: string; namespaced: boolean } | undefined {
  const r = RULES[resource];
  return r && { kind: r.kind, group: r.group, namespaced: r.namespaced };
}

/** Create validation of a defaulted object (metadata first, then the kind's rules). */
export function validateCreate(resource: string, obj: KObject): FieldError[] {
  const r = RULES[resource];
  if (!r) return [];
  const errs = validateObjectMeta(obj.metadata, r.namespaced, r.name);
  if (r.create) errs.push(...r.create(obj));
  return errs;
}

/** Update validation: metadata immutables, kind-specific immutables, then the create rules on the new object. */
export function validateUpdate(resource: string, newObj: KObject, oldObj: KObject): FieldError[] {
  const r = RULES[resource];
  if (!r) return [];
  const errs = validateObjectMetaUpdate(newObj.metadata, oldObj.metadata);
  if (r.update) errs.push(...r.update(newObj, oldObj));
  else if (r.create) errs.push(...r.create(newObj));
  return errs;
}

/**
 * Warnings the 1.32 server returns on create (HTTP `Warning: 299 - "..."`, printed by kubectl as
 * `Warning: <text>`). Pods: pod/strategy.go WarningsOnCreate (name not a DNS label).
 */
export function createWarnings(resource: string, obj: KObject): string[] {
  const out: string[] = [];
  const tpl = podSpecOf(resource, obj);
  if (resource === "pods") {
    const msgs = isDNS1123Label(obj.metadata?.name ?? "");
    if (msgs.length) out.push(`metadata.name: this is used in the Pod's hostname, which can result in surprising behavior; a DNS label is recommended: [${msgs.join(" ")}]`);
  }
  if (tpl) out.push(...podSpecWarnings(tpl.spec, tpl.path));
  return out;
}

function podSpecOf(resource: string, obj: any): { spec: any; path: string } | undefined {
  switch (resource) {
    case "pods":
      return { spec: obj.spec, path: "spec" };
    case "deployments":
    case "replicasets":
    case "daemonsets":
    case "statefulsets":
    case "jobs":
    case "replicationcontrollers":
      return { spec: obj.spec?.template?.spec, path: "spec.template.spec" };
    case "cronjobs":
      return { spec: obj.spec?.jobTemplate?.spec?.template?.spec, path: "spec.jobTemplate.spec.template.spec" };
  }
  return undefined;
}

/** A subset of podutil.GetWarningsForPod (1.32). */
function podSpecWarnings(spec: any, path: string): string[] {
  const out: string[] = [];
  if (!spec) return out;
  if (spec.serviceAccount && spec.serviceAccount !== spec.serviceAccountName && !spec.serviceAccountName) {
    out.push(`${path}.serviceAccount: deprecated since v1.8; use serviceAccountName instead`);
  }
  (spec.containers ?? []).forEach((c: any, i: number) => {
    for (const k of ["limits", "requests"]) {
      const mem = c?.resources?.[k]?.memory;
      if (typeof mem === "string" && /^[0-9.]+m$/.test(mem)) {
        out.push(`${path}.containers[${i}].resources.${k}[memory]: fractional byte value "${mem}" is invalid, must be an integer`);
      }
    }
  });
  return out;
}

/** 422 text kubectl prints for errors on `resource`/`name` (see formatInvalid). */
export function invalidText(resource: string, name: string, errors: FieldError[]): string {
  const r = RULES[resource];
  return formatInvalid(r?.kind ?? resource, name, errors);
}

/** Status body pieces for a 422: message (`Deployment.apps "x" is invalid: ...`) and details. */
export function invalidStatus(resource: string, name: string, errors: FieldError[]) {
  const r = RULES[resource];
  const kind = r?.kind ?? resource;
  const qualified = r?.group ? `${kind}.${r.group}` : kind;
  return {
    message: statusMessage(qualified, name, errors),
    details: { name, group: r?.group ?? "", kind, causes: statusCauses(errors) },
    kubectlText: formatInvalid(kind, name, errors),
  };
}
