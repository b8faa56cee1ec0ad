// Generates lab-engine/api/schema/k8s-schema.json: a compact table derived from the
// Kubernetes 1.32 OpenAPI v2 document (upstream `api/openapi-spec/swagger.json`, branch
// release-1.32; the same document the kubernetes-client/python generator keeps as
// `kubernetes/swagger.json.unprocessed`, commit 5342870c0 "release-1.32").
//
// Usage: node --import tsx scripts/gen-k8s-schema.ts /path/to/swagger.json
//
// Output shape (see lab-engine/api/schema/table.ts):
//   { version, gvk: { "apps/v1/Deployment": "io.k8s.api.apps.v1.Deployment", ... },
//     defs: { "<definition>": Def } }
//   Def  = { d?: description, t?: type, f?: format, r?: required[], p?: { name: Prop }, x?: 1 (preserve unknown fields) }
//   Prop = { d?: description, t?: type, f?: format, ref?: definition, i?: Prop (items), m?: Prop (additionalProperties), e?: enum[] }
import { readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { dirname, join } from "node:path";

const src = process.argv[2];
if (!src) {
  console.error("usage: gen-k8s-schema.ts <swagger.json>");
  process.exit(2);
}
const swagger = JSON.parse(readFileSync(src, "utf8"));
const defs: Record<string, any> = swagger.definitions;

// Group/versions served by the simulated API server.
const GROUP_VERSIONS = new Set([
  "/v1", "apps/v1", "batch/v1", "networking.k8s.io/v1", "rbac.authorization.k8s.io/v1",
  "storage.k8s.io/v1", "policy/v1", "scheduling.k8s.io/v1", "coordination.k8s.io/v1",
  "autoscaling/v1", "autoscaling/v2", "discovery.k8s.io/v1", "events.k8s.io/v1",
  "node.k8s.io/v1", "certificates.k8s.io/v1", "authorization.k8s.io/v1", "authentication.k8s.io/v1",
]);

const gvk: Record<string, string> = {};
const roots: string[] = [];
for (const [name, def] of Object.entries(defs)) {
  const list = def["x-kubernetes-group-version-kind"];
  if (!Array.isArray(list) || list.length !== 1) continue; // meta types (DeleteOptions, WatchEvent...) list many GVKs
  const g = list[0];
  if (!GROUP_VERSIONS.has(`${g.group}/${g.version}`)) continue;
  if (g.kind.endsWith("List")) continue;
  const key = (g.group ? `${g.group}/` : "") + `${g.version}/${g.kind}`;
  gvk[key] = name;
  roots.push(name);
}
// Extra definitions the engine uses directly.
roots.push("io.k8s.apimachinery.pkg.apis.meta.v1.Status");

const refName = (ref: string) => ref.replace("#/definitions/", "");

function parseEnum(desc: string | undefined): string[] | undefined {
  if (!desc) return undefined;
  const i = desc.indexOf("Possible enum values:");
  if (i < 0) return undefined;
  const out: string[] = [];
  for (const m of desc.slice(i).matchAll(/\n - `"([^"]*)"`/g)) out.push(m[1]);
  return out.length ? out : undefined;
}

function prop(p: any): any {
  const o: any = {};
  if (p.description) o.d = p.description;
  if (p.$ref) o.ref = refName(p.$ref);
  if (p.type) o.t = p.type;
  if (p.format) o.f = p.format;
  if (p.items) o.i = prop(p.items);
  if (p.additionalProperties && typeof p.additionalProperties === "object") o.m = prop(p.additionalProperties);
  const e = parseEnum(p.description);
  if (e) o.e = e;
  return o;
}

const out: Record<string, any> = {};
const queue = [...roots];
while (queue.length) {
  const name = queue.shift()!;
  if (out[name] || !defs[name]) continue;
  const def = defs[name];
  const o: any = {};
  if (def.description) o.d = def.description;
  if (def.type) o.t = def.type;
  if (def.format) o.f = def.format;
  if (def.required) o.r = def.required;
  if (def["x-kubernetes-preserve-unknown-fields"]) o.x = 1;
  if (def.properties) {
    o.p = {};
    for (const [k, v] of Object.entries<any>(def.properties)) o.p[k] = prop(v);
  }
  out[name] = o;
  const walk = (p: any) => {
    if (!p) return;
    if (p.$ref) queue.push(refName(p.$ref));
    walk(p.items);
    if (typeof p.additionalProperties === "object") walk(p.additionalProperties);
  };
  for (const v of Object.values<any>(def.properties ?? {})) walk(v);
}

const sorted: Record<string, any> = {};
for (const k of Object.keys(out).sort()) sorted[k] = out[k];
const sortedGvk: Record<string, string> = {};
for (const k of Object.keys(gvk).sort()) sortedGvk[k] = gvk[k];

const here = dirname(fileURLToPath(import.meta.url));
const dest = join(here, "..", "lab-engine", "api", "schema", "k8s-schema.json");
writeFileSync(dest, JSON.stringify({ version: "1.32", gvk: sortedGvk, defs: sorted }) + "\n");
console.log(`wrote ${dest}: ${Object.keys(sorted).length} definitions, ${Object.keys(sortedGvk).length} kinds`);
