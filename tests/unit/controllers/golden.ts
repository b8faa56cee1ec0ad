// Golden traces: a test records (time offset, key fields, new events) step by step and compares
// the text with tests/unit/controllers/golden/<name>.txt. UPDATE_GOLDEN=1 rewrites the file; a
// missing file is written only outside CI (CI=true makes it a failure, so a golden is never
// silently created where nobody reviews it).

import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import type { Cluster } from "../../../lab-engine/cluster/cluster.ts";
import { T0 } from "./helpers.ts";
import { checkGolden } from "./golden-file.ts";

const DIR = join(dirname(fileURLToPath(import.meta.url)), "golden");

export class Trace {
  private lines: string[] = [];
  private seenRv = 0;
  constructor(private readonly c: Cluster, private readonly ns = "default") {}

  private last = "";

  /** Record a snapshot line (only when it or the events changed) plus new events since the last call. */
  step(fields: string): void {
    const t = ((this.c.now - T0) / 1000).toFixed(0).padStart(4);
    const evs = this.c.store
      .list("events", this.ns)
      .filter((e) => Number(e.metadata.resourceVersion) > this.seenRv)
      .sort((a, b) => Number(a.metadata.resourceVersion) - Number(b.metadata.resourceVersion));
    const shown = evs.filter((e) => e.involvedObject.kind !== "Pod");
    if (fields !== this.last || shown.length) this.lines.push(`t=${t}s ${fields}`);
    this.last = fields;
    for (const e of shown) {
      // Random pod-name suffixes depend on every rng draw in the cluster: mask them.
      const msg = e.message.replace(/\b(pod: [a-z0-9.-]+-)[a-z0-9]{5}\b/g, "$1*****");
      this.lines.push(`        ${e.involvedObject.kind}/${e.involvedObject.name} ${e.type} ${e.reason} ${e.source.component}: ${msg}`);
    }
    this.seenRv = this.c.store.rv;
  }

  check(name: string): void {
    checkGolden(DIR, name, this.lines.join("\n") + "\n");
  }
}

