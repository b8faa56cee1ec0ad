// What kubectl needs from the node agents (logs, exec, top). The kubelet module installs the
// real functions at load time; kubectl reads them here so the two folders stay decoupled.

import type { Cluster } from "../cluster/cluster.ts";
import type { KObject } from "../api/types.ts";
import type { CommandContext } from "../shell/types.ts";

export interface LogOptions {
  previous?: boolean;
  sinceSeconds?: number;
  sinceTime?: string;
  tail?: number;
  timestamps?: boolean;
  limitBytes?: number;
}

export const kubeletApi: {
  getLogs?: (c: Cluster, pod: KObject, container: string, opts: LogOptions) => string;
  exec?: (c: Cluster, pod: KObject, container: string, argv: string[], ctx: CommandContext) => Promise<number>;
  podUsage?: (c: Cluster, pod: KObject) => { containers: { name: string; cpuMilli: number; memoryBytes: number }[] };
} = {};
