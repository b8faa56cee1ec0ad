// Builds a cluster from the kubectl-probe seed (the objects the golden describe outputs were
// rendered from by a real kubectl 1.32) at the same "now".
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { bootstrapCluster } from "../../../lab-engine/cluster/bootstrap.ts";
import type { Cluster } from "../../../lab-engine/cluster/cluster.ts";

export const PROBE = "/work/shared/reference/kubectl-probe";
/** ago(754) = creationTimestamp 22:10:00 in the golden files. */
export const NOW = Date.parse("2026-11-21T22:22:34Z");

/**
 * The golden files come from separate runs: each has its own "now" (seed time), and real
 * kubectl computed ages a fraction of a second later (`offsetMs`).
 */
export function seededCluster(now = NOW, offsetMs = 0, seedFile = `${PROBE}/seed-kind.js`): Cluster {
  const require = createRequire(import.meta.url);
  const seed = require(seedFile) as (ago: (s: number) => string) => [string, string, string, any][];
  const ago = (s: number) => new Date(now - s * 1000).toISOString().replace(/\.\d+Z$/, "Z");
  const c = bootstrapCluster({ now: now + offsetMs, seed: 1, topology: { nodes: [], systemPods: false } });
  for (const [, , plural, obj] of seed(ago)) c.store.put(plural, JSON.parse(JSON.stringify(obj)));
  return c;
}

export function golden(name: string): string {
  return readFileSync(`${PROBE}/golden/${name}`, "utf8");
}

export const MORE = new URL("./fixtures/", import.meta.url).pathname;
