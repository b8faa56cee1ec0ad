// kubectl diff -f: the live object against what `kubectl apply` would make of it (a server
// dry run), both as YAML without managedFields, shown as `diff -u -N` on kubectl's temp files.
// Exit 1 when something differs, 0 when not.

import type { KObject } from "../../api/types.ts";
import { ApiError } from "../../api/errors.ts";
import { toKubectlYaml } from "../output/yaml.ts";
import { threeWayMerge } from "../patch/strategic.ts";
import { readManifests } from "../manifests.ts";
import type { Invocation } from "../invocation.ts";
import { KubectlError } from "../errors.ts";
import { LAST_APPLIED, lastAppliedFor } from "./apply.ts";
import { riOf } from "./common.ts";
import { unifiedHunks } from "./unified-diff.ts";
import type { KubectlCommand } from "./registry.ts";

function clean(o: KObject | undefined): string {
  if (!o) return "";
  const c = JSON.parse(JSON.stringify(o));
  delete c.metadata?.managedFields;
  return toKubectlYaml(c).replace(/\n?$/, "\n");
}

function stamp(ms: number): string {
  const d = new Date(ms).toISOString();
  return `${d.slice(0, 10)} ${d.slice(11, 19)}.${d.slice(20, 23)}000000 +0000`;
}

async function runDiff(inv: Invocation): Promise<number> {
  const files: string[] = inv.flags.filename ?? [];
  if (!files.length) throw new KubectlError(`error: must specify one of -f and -k`);
  const objs = readManifests(inv, files, !!inv.flags.recursive);
  const c = inv.cluster;
  const liveDir = `/tmp/LIVE-${1000000000 + c.rng.int(3000000000)}`;
  const mergedDir = `/tmp/MERGED-${1000000000 + c.rng.int(3000000000)}`;
  let out = "";
  for (const { obj, source } of objs) {
    const ri = riOf(obj, source);
    const ns = ri.namespaced ? obj.metadata?.namespace || inv.namespace : undefined;
    const live = c.api.tryGet(ri.plural, ns, obj.metadata.name);
    const annotated = JSON.parse(JSON.stringify(obj));
    annotated.metadata.annotations = { ...(annotated.metadata.annotations ?? {}), [LAST_APPLIED]: lastAppliedFor(obj, ns) };
    let merged: KObject;
    try {
      if (!live) merged = c.api.create(ri.plural, annotated, { namespace: ns, dryRun: true, user: inv.user });
      else {
        let orig: any = {};
        try {
          orig = JSON.parse(live.metadata.annotations?.[LAST_APPLIED] ?? "{}");
        } catch {
          orig = {};
        }
        const m = threeWayMerge(orig, annotated, live);
        m.metadata.resourceVersion = live.metadata.resourceVersion;
        merged = c.api.update(ri.plural, m, { namespace: ns, dryRun: true, user: inv.user });
      }
    } catch (e) {
      if (e instanceof ApiError) throw new KubectlError(e.kubectlText());
      throw e;
    }
    const gv = obj.apiVersion.includes("/") ? obj.apiVersion.replace("/", ".") : obj.apiVersion;
    const file = `${gv}.${obj.kind}.${ns ? ns + "." : ""}${obj.metadata.name}`;
    const hunks = unifiedHunks(clean(live), clean(merged));
    if (!hunks) continue;
    const a = `${liveDir}/${file}`;
    const b = `${mergedDir}/${file}`;
    out += `diff -u -N ${a} ${b}\n--- ${a}\t${stamp(c.now)}\n+++ ${b}\t${stamp(c.now)}\n${hunks}`;
  }
  inv.out(out);
  return out ? 1 : 0;
}

export const diffCommand: KubectlCommand = {
  name: "diff",
  flags: [
    { name: "filename", short: "f", type: "strings" },
    { name: "recursive", short: "R", type: "bool" },
    { name: "kustomize", short: "k", type: "string" },
    { name: "server-side", type: "bool" },
    { name: "force-conflicts", type: "bool" },
    { name: "field-manager", type: "string" },
    { name: "prune", type: "bool" },
    { name: "selector", short: "l", type: "string" },
    { name: "show-managed-fields", type: "bool" },
    { name: "concurrency", type: "int", default: 1 },
  ],
  run: runDiff,
};
