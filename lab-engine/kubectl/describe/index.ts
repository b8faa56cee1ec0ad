// Which describer prints which resource (describerMap); everything else falls back to the
// generic describer.

import type { KObject } from "../../api/types.ts";
import type { Cluster } from "../../cluster/cluster.ts";
import { describePod } from "./pod.ts";
import { describeGeneric } from "./generic.ts";
import { refFor, searchEvents } from "./events.ts";
import { describeCronJob, describeDaemonSet, describeDeployment, describeJob, describeReplicaSet, describeReplicationController, describeStatefulSet } from "./workload.ts";
import { describeEndpoints, describeIngress, describeService } from "./service.ts";
import { describeNode } from "./node.ts";
import type { Describer, DescribeSettings } from "./types.ts";

export type { DescribeSettings } from "./types.ts";

const podDescriber: Describer = (c, o, s) => describePod(o, s.showEvents ? searchEvents(c, refFor(o, false)) : undefined, s.now);
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
  nodes: describeNode,
};

export function registerDescriber(plural: string, d: Describer): void {
  DESCRIBERS[plural] = d;
}

export function describeObject(c: Cluster, plural: string, o: KObject, s: DescribeSettings): string {
  return (DESCRIBERS[plural] ?? genericDescriber)(c, o, s);
}
