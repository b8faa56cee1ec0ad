// Golden outputs of a real kubectl 1.32 (`kubectl describe TYPE NAME` against
// kubectl-probe/fakeapi.js seeded with fixtures/seed-more.cjs; the seed's "now" is in
// fixtures/golden-more/NOW), compared byte-for-byte.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describeObject } from "../../../lab-engine/kubectl/describe/index.ts";
import { MORE, seededCluster } from "./golden-helpers.ts";

const NOW = Date.parse(readFileSync(`${MORE}golden-more/NOW`, "utf8").trim());
/** kubectl ran the cases one after another: the cron job was described ~5s after the seed. */
const OFFSET: Record<string, number> = { "cj-hello": 5000 };

/** ConfigMap data is a Go map: real kubectl prints its keys in random order; we sort them. */
function sortConfigMapBlocks(text: string, data: Record<string, string>): string {
  const blocks = Object.keys(data).map((k) => `${k}:\n----\n${data[k]}\n\n`);
  const start = text.indexOf("====\n") + 5;
  let rest = text.slice(start);
  for (const b of blocks) {
    assert.ok(rest.includes(b), `block ${JSON.stringify(b)} present`);
    rest = rest.replace(b, "");
  }
  return text.slice(0, start) + [...blocks].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)).join("") + rest;
}

const cases: [string, string, string, string | undefined][] = [
  ["cm-app-config", "configmaps", "app-config", "default"],
  ["secret-db-secret", "secrets", "db-secret", "default"],
  ["sa-builder", "serviceaccounts", "builder", "default"],
  ["quota-compute", "resourcequotas", "compute", "default"],
  ["limits-limits", "limitranges", "limits", "default"],
  ["ns-default", "namespaces", "default", undefined],
  ["job-pi", "jobs", "pi", "default"],
  ["cj-hello", "cronjobs", "hello", "default"],
  ["sts-db", "statefulsets", "db", "default"],
  ["ds-agent", "daemonsets", "agent", "default"],
  ["hpa-web", "horizontalpodautoscalers", "web", "default"],
  ["pod-app", "pods", "app", "default"],
  ["role-pod-reader", "roles", "pod-reader", "default"],
  ["rolebinding-read-pods", "rolebindings", "read-pods", "default"],
  ["clusterrole-viewer", "clusterroles", "viewer", undefined],
  ["pvc-data-claim", "persistentvolumeclaims", "data-claim", "default"],
  ["pv-pv-data", "persistentvolumes", "pv-data", undefined],
  ["sc-standard", "storageclasses", "standard", undefined],
  ["netpol-api-allow", "networkpolicies", "api-allow", "default"],
  ["pdb-web-pdb", "poddisruptionbudgets", "web-pdb", "default"],
  ["pc-high", "priorityclasses", "high", undefined],
  ["ing-web-ing", "ingresses", "web-ing", "default"],
];

for (const [file, plural, name, ns] of cases) {
  test(`golden ${file}.txt byte-for-byte`, () => {
    const c = seededCluster(NOW, 500 + (OFFSET[file] ?? 0), `${MORE}seed-more.cjs`);
    const o = c.store.get(plural, ns, name);
    assert.ok(o, `${plural}/${name} seeded`);
    const out = describeObject(c, plural, o!, { showEvents: true, now: c.now });
    let want = readFileSync(`${MORE}golden-more/${file}.txt`, "utf8");
    if (plural === "configmaps") want = sortConfigMapBlocks(want, o!.data);
    assert.equal(out, want);
  });
}
