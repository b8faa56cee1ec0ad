// The resource registry: what `kubectl api-resources` lists and how names typed by a learner
// (`po`, `pods`, `pod`, `Pod`, `deployments.apps`) resolve to one resource.

export interface ResourceInfo {
  plural: string;
  singular: string;
  kind: string;
  group: string; // "" for core
  version: string;
  namespaced: boolean;
  shortNames: string[];
  verbs: string[];
  categories?: string[]; // "all" for `kubectl get all`
}

const V = ["create", "delete", "deletecollection", "get", "list", "patch", "update", "watch"];

function r(
  plural: string,
  kind: string,
  groupVersion: string,
  namespaced: boolean,
  shortNames: string[] = [],
  categories?: string[],
): ResourceInfo {
  const [group, version] = groupVersion.includes("/") ? groupVersion.split("/") : ["", groupVersion];
  return { plural, singular: kind.toLowerCase(), kind, group, version, namespaced, shortNames, verbs: V, categories };
}

/** Order matches `kubectl api-resources` (core first, then groups alphabetically, each by name). */
export const RESOURCES: ResourceInfo[] = [
  r("bindings", "Binding", "v1", true),
  r("componentstatuses", "ComponentStatus", "v1", false, ["cs"]),
  r("configmaps", "ConfigMap", "v1", true, ["cm"]),
  r("endpoints", "Endpoints", "v1", true, ["ep"]),
  r("events", "Event", "v1", true, ["ev"]),
  r("limitranges", "LimitRange", "v1", true, ["limits"]),
  r("namespaces", "Namespace", "v1", false, ["ns"]),
  r("nodes", "Node", "v1", false, ["no"]),
  r("persistentvolumeclaims", "PersistentVolumeClaim", "v1", true, ["pvc"]),
  r("persistentvolumes", "PersistentVolume", "v1", false, ["pv"]),
  r("pods", "Pod", "v1", true, ["po"], ["all"]),
  r("podtemplates", "PodTemplate", "v1", true),
  r("replicationcontrollers", "ReplicationController", "v1", true, ["rc"], ["all"]),
  r("resourcequotas", "ResourceQuota", "v1", true, ["quota"]),
  r("secrets", "Secret", "v1", true),
  r("serviceaccounts", "ServiceAccount", "v1", true, ["sa"]),
  r("services", "Service", "v1", true, ["svc"], ["all"]),
  r("controllerrevisions", "ControllerRevision", "apps/v1", true),
  r("daemonsets", "DaemonSet", "apps/v1", true, ["ds"], ["all"]),
  r("deployments", "Deployment", "apps/v1", true, ["deploy"], ["all"]),
  r("replicasets", "ReplicaSet", "apps/v1", true, ["rs"], ["all"]),
  r("statefulsets", "StatefulSet", "apps/v1", true, ["sts"], ["all"]),
  r("horizontalpodautoscalers", "HorizontalPodAutoscaler", "autoscaling/v2", true, ["hpa"], ["all"]),
  r("cronjobs", "CronJob", "batch/v1", true, ["cj"], ["all"]),
  r("jobs", "Job", "batch/v1", true, [], ["all"]),
  r("leases", "Lease", "coordination.k8s.io/v1", true),
  r("endpointslices", "EndpointSlice", "discovery.k8s.io/v1", true),
  r("events", "Event", "events.k8s.io/v1", true, ["ev"]),
  r("ingressclasses", "IngressClass", "networking.k8s.io/v1", false),
  r("ingresses", "Ingress", "networking.k8s.io/v1", true, ["ing"]),
  r("networkpolicies", "NetworkPolicy", "networking.k8s.io/v1", true, ["netpol"]),
  r("poddisruptionbudgets", "PodDisruptionBudget", "policy/v1", true, ["pdb"]),
  r("clusterrolebindings", "ClusterRoleBinding", "rbac.authorization.k8s.io/v1", false),
  r("clusterroles", "ClusterRole", "rbac.authorization.k8s.io/v1", false),
  r("rolebindings", "RoleBinding", "rbac.authorization.k8s.io/v1", true),
  r("roles", "Role", "rbac.authorization.k8s.io/v1", true),
  r("priorityclasses", "PriorityClass", "scheduling.k8s.io/v1", false, ["pc"]),
  r("storageclasses", "StorageClass", "storage.k8s.io/v1", false, ["sc"]),
];

// Bindings/componentstatuses/podtemplates are listed for fidelity but not stored.
// events.k8s.io events are the same objects as core events: the store keys by plural only.

export function apiVersionOf(ri: ResourceInfo): string {
  return ri.group ? `${ri.group}/${ri.version}` : ri.version;
}

const byKey = new Map<string, ResourceInfo>();
for (const ri of RESOURCES) {
  if (ri.group === "events.k8s.io") continue; // core events win for bare names
  for (const k of [ri.plural, ri.singular, ri.kind.toLowerCase(), ...ri.shortNames]) if (!byKey.has(k)) byKey.set(k, ri);
  byKey.set(`${ri.plural}.${ri.group}`, ri);
  byKey.set(`${ri.singular}.${ri.group}`, ri);
  byKey.set(`${ri.plural}.${ri.version}.${ri.group}`, ri);
}
// HPA is also served as autoscaling/v1; kubectl accepts the same names.

/** Resolve what a learner typed (`po`, `Deployment`, `deployments.apps`) to a resource, or undefined. */
export function resolveResource(typed: string): ResourceInfo | undefined {
  const k = typed.toLowerCase();
  return byKey.get(k) ?? byKey.get(k.replace(/\.$/, ""));
}

/** Resolve from an object's apiVersion + kind (manifests). */
export function resourceForKind(apiVersion: string, kind: string): ResourceInfo | undefined {
  const [group, version] = apiVersion.includes("/") ? apiVersion.split("/") : ["", apiVersion];
  const hit = RESOURCES.find((ri) => ri.kind === kind && ri.group === group && (ri.version === version || ri.plural === "horizontalpodautoscalers"));
  if (hit?.group === "events.k8s.io") return RESOURCES.find((x) => x.plural === "events" && x.group === "");
  return hit;
}

export function resourceByPlural(plural: string): ResourceInfo {
  const ri = RESOURCES.find((x) => x.plural === plural && x.group !== "events.k8s.io");
  if (!ri) throw new Error(`unknown resource ${plural}`);
  return ri;
}

/** `deployment.apps` style name kubectl prints in `deployment.apps/web created`. */
export function qualifiedKind(ri: ResourceInfo): string {
  return ri.group ? `${ri.singular}.${ri.group}` : ri.singular;
}
