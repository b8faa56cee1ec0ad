// Workstation network tools (curl, wget, nslookup...). Filled in by network/: until a tool is
// registered here it is simply not installed on the workstation (bash: command not found).

import type { CommandTable } from "../shell/types.ts";

export interface NetworkHost {
  readonly cluster: import("../cluster/cluster.ts").Cluster;
}

export const networkCommandFactories: ((host: NetworkHost) => CommandTable)[] = [];

export function networkCommands(host: NetworkHost): CommandTable {
  const out: CommandTable = {};
  for (const f of networkCommandFactories) Object.assign(out, f(host));
  return out;
}
