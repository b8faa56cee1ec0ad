// The describer contract: one function per kind, given the cluster (for related objects
// and events), the object and the settings of this kubectl describe invocation.

import type { Cluster } from "../../cluster/cluster.ts";
import type { KObject } from "../../api/types.ts";

export interface DescribeSettings {
  showEvents: boolean;
  /** "now" for ages (the cluster's simulated time). */
  now: number;
}

export type Describer = (c: Cluster, o: KObject, s: DescribeSettings) => string;
