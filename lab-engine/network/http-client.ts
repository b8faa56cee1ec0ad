// Listeners on the workstation's localhost: `kubectl proxy` and `kubectl port-forward`
// register a handler per port here; the workstation tools (client.ts) answer localhost from it.

import type { Cluster } from "../cluster/cluster.ts";

export interface HttpResult {
  status: number;
  body: string;
  contentType: string;
}

/** A listener on the workstation's localhost; undefined = connection refused. */
export type LocalHandler = (path: string) => HttpResult | undefined;
/** port -> handler, per cluster name; lives outside snapshots (forwards die with the session). */
export const localListeners = new Map<string, Map<number, LocalHandler>>();

export function listen(c: Cluster, port: number, h: LocalHandler): void {
  let m = localListeners.get(c.state.name);
  if (!m) localListeners.set(c.state.name, (m = new Map()));
  m.set(port, h);
}
