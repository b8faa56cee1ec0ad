// Which describer prints which resource (describerMap); everything else falls back to the
// generic describer.

import type { KObject } from "../../api/types.ts";
import type { Cluster } from "../../cluster/cluster.ts";
import { describePod } from "./pod.ts";
import { describeGeneric } from "./generic.ts";
import { refFor, searchEvents } from "./events.ts";
import { describeCronJob, describeDaemonSet, describeDeployment, describeJob, describeReplicaSet, describeReplicationController, describeStatefulSet } from "./workload.ts";
import { describeEndpointSlice, describeEndpoints, describeIngress, describeIngressClass, describeService } from "./service.ts";
import { describeNode } from "./node.ts";
import { describeConfigMap, describeSecret, describeServiceAccount } from "./config.ts";
import { describePersistentVolume, describePersistentVolumeClaim, describeStorageClass } from "./storage.ts";
import { describeRole, describeRoleBinding } from "./rbac.ts";
import { describeHPA, describeLimitRange, describeNamespace, describeNetworkPolicy, describePDB, describePriorityClass, describeResourceQuota } from "./misc.ts";
import type { Describer, DescribeSettings } from "./types.ts";

export type { DescribeSettings } from "./types.ts";

/** Pod events are searched without kind; a mirror (static) pod's events carry the mirror hash as uid. */
const podDescriber: Describer = (c, o, s) => {
  if (!s.showEvents) return describePod(o, undefined, s.now);
  const ref = refFor(o, false);
  const mirror = o.metadata.annotations?.["kubernetes.io/config.mirror"];
  if (mirror !== undefined) ref.uid = mirror || undefined;
  return describePod(o, searchEvents(c, ref), s.now);
};
const genericDescriber: Describer = (c, o, s) => describeGeneric(o, s.showEvents ? searchEvents(c, refFor(o)) : undefined, s.now);

const DESCRIBERS: Record<string, Describer> = {
  pods: podDescriber,
  deployments: describeDeployment,
  replicasets: describeReplicaSet,
  replicationcontrollers: describeReplicationController,
  statefulsets: describeStatefulSet,
  daemonsets: describeDaemonSet,
  jobs: describeJob,
  cronjobs: describeCronJob,
  services: describeService,
  endpoints: describeEndpoints,
  ingresses: describeIngress,
  endpointslices: describeEndpointSlice,
  ingressclasses: describeIngressClass,
  nodes: describeNode,
  configmaps: describeConfigMap,
  secrets: describeSecret,
  serviceaccounts: describeServiceAccount,
  persistentvolumes: describePersistentVolume,
  persistentvolumeclaims: describePersistentVolumeClaim,
  storageclasses: describeStorageClass,
  roles: describeRole,
  clusterroles: describeRole,
  rolebindings: describeRoleBinding,
  clusterrolebindings: describeRoleBinding,
  namespaces: describeNamespace,
  resourcequotas: describeResourceQuota,
  limitranges: describeLimitRange,
  horizontalpodautoscalers: describeHPA,
  poddisruptionbudgets: describePDB,
  priorityclasses: describePriorityClass,
  networkpolicies: describeNetworkPolicy,
};

export function registerDescriber(plural: string, d: Describer): void {
  DESCRIBERS[plural] = d;
}

export function describeObject(c: Cluster, plural: string, o: KObject, s: DescribeSettings): string {
  return (DESCRIBERS[plural] ?? genericDescriber)(c, o, s);
}
