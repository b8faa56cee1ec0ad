// The control loops of a cluster, in the order they run in each reconcile pass. Order matters
// only for how many passes a change takes to settle, never for the result.

import type { Cluster } from "./cluster.ts";
import { garbageCollector } from "../controllers/garbage-collector.ts";
import { namespaceController } from "../controllers/namespace.ts";
import { replicaSetController, replicationControllerController } from "../controllers/replica-set.ts";
import { endpointsController } from "../controllers/endpoints.ts";
import { serviceLoadBalancerController } from "../controllers/service-lb.ts";
import { deploymentController } from "../controllers/deployment.ts";
import { daemonSetController } from "../controllers/daemonset.ts";
import { jobController } from "../controllers/job.ts";
import { statefulSetController } from "../controllers/statefulset.ts";
import { persistentVolumeController } from "../controllers/persistentvolume.ts";
import { cronJobController } from "../controllers/cronjob.ts";
import { serviceAccountController } from "../controllers/serviceaccount.ts";
import { disruptionController } from "../controllers/disruption.ts";
import { resourceQuotaController } from "../controllers/quota.ts";
import { hpaController } from "../controllers/hpa.ts";

export interface Controller {
  name: string;
  /** Level-triggered: read the store, converge it one step. Must be cheap when nothing changed. */
  sync(c: Cluster): void;
  /** Earliest simulated time this controller has a timed transition pending (strictly > now). */
  nextDue?(c: Cluster): number | undefined;
}

export const controllers: Controller[] = [
  namespaceController,
  serviceAccountController,
  deploymentController,
  daemonSetController,
  cronJobController,
  jobController,
  statefulSetController,
  persistentVolumeController,
  disruptionController,
  resourceQuotaController,
  hpaController,
  replicaSetController,
  replicationControllerController,
  endpointsController,
  serviceLoadBalancerController,
  garbageCollector,
];

/** Controllers register themselves here from cluster/register.ts, keeping this file free of a long import list. */
export function addController(ctl: Controller, before?: string): void {
  if (controllers.some((c) => c.name === ctl.name)) return;
  const i = before ? controllers.findIndex((c) => c.name === before) : -1;
  if (i >= 0) controllers.splice(i, 0, ctl);
  else controllers.push(ctl);
}
