// Golden traces: (time offset, pod STATUS/READY/RESTARTS, new events) sequences recorded while
// the clock advances, compared with committed files. UPDATE_GOLDEN=1 rewrites them.

import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import type { Cluster } from "../../../lab-engine/cluster/cluster.ts";
import { podStatus, restarts } from "./helpers.ts";
import { checkGolden } from "../controllers/golden-file.ts";

const DIR = join(dirname(fileURLToPath(import.meta.url)), "golden");

export function trace(c: Cluster, names: string[], durationMs: number, stepMs = 100, ns = "default"): string {
  const t0 = c.now;
  const out: string[] = [];
  const lastStatus = new Map<string, string>();
  const seenEvents = new Map<string, number>();
  const fmt = (ms: number) => `+${(ms / 1000).toFixed(1)}s`;
  for (let t = 0; t <= durationMs; t += stepMs) {
    c.advanceTo(t0 + t);
    for (const name of names) {
      const p = c.store.get("pods", ns, name);
      const total = p ? (p.spec.containers ?? []).length : 0;
      const ready = p ? (p.status?.containerStatuses ?? []).filter((x: any) => x.ready).length : 0;
      const s = p ? `${podStatus(p)} ${ready}/${total} ${restarts(p)}` : "<deleted>";
      if (lastStatus.get(name) !== s) {
        out.push(`${fmt(t)} ${name} ${s}`);
        lastStatus.set(name, s);
      }
    }
    const evs = c.store
      .list("events", ns)
      .filter((e) => names.includes(e.involvedObject.name))
      .sort((a, b) => Number(a.metadata.resourceVersion) - Number(b.metadata.resourceVersion));
    for (const e of evs) {
      const key = e.metadata.name;
      if (seenEvents.get(key) === e.count) continue;
      seenEvents.set(key, e.count);
      const msg = e.message.replace(/in \d+(\.\d+)?m?s \(\d+(\.\d+)?m?s including waiting\)/, "in <d> (<d> including waiting)").replace(/\([0-9a-f-]{36}\)/g, "(<uid>)").replace(/pod [0-9a-f-]{36}/, "pod <uid>");
      out.push(`${fmt(t)}   ${e.involvedObject.name} ${e.type} ${e.reason} ${e.source.component}${e.count > 1 ? ` (x${e.count})` : ""}: ${msg}`);
    }
  }
  return out.join("\n") + "\n";
}

export function assertGolden(name: string, actual: string): void {
  // Missing files fail under CI=true; UPDATE_GOLDEN=1 rewrites (see checkGolden).
  checkGolden(DIR, name, actual);
}
