// kubectl apply (client-side, with the last-applied-configuration annotation and a three-way
// merge so re-applying says `unchanged`), plus --server-side, --dry-run and --prune -l.

import { sortedJson } from "../../util/json.ts";
import type { KObject } from "../../api/types.ts";
import type { FlagDef } from "../flags.ts";
import type { Invocation } from "../invocation.ts";
import { KubectlError, kerror } from "../errors.ts";
import { readManifests } from "../manifests.ts";
import { DRY_RUN_FLAG, OUTPUT_FLAG, dryRunOf, reportWrite, riOf, writeErrorText } from "./common.ts";
import { threeWayMerge } from "../patch/strategic.ts";
import { parseLabelSelector, matchesLabels } from "../../api/selectors.ts";
import { parseOutput, printStructured } from "../printers/print-objects.ts";

export const LAST_APPLIED = "kubectl.kubernetes.io/last-applied-configuration";

export const applyFlags: FlagDef[] = [
  { name: "filename", short: "f", type: "strings" },
  { name: "recursive", short: "R", type: "bool" },
  { name: "kustomize", short: "k", type: "string" },
  OUTPUT_FLAG,
  DRY_RUN_FLAG,
  { name: "server-side", type: "bool" },
  { name: "force-conflicts", type: "bool" },
  { name: "field-manager", type: "string" },
  { name: "prune", type: "bool" },
  { name: "selector", short: "l", type: "string" },
  { name: "all", type: "bool" },
  { name: "force", type: "bool" },
  { name: "overwrite", type: "bool", default: true },
  { name: "validate", type: "string", default: "strict", noOptDefault: "strict" },
  { name: "wait", type: "bool" },
  { name: "timeout", type: "string" },
  { name: "grace-period", type: "int", default: -1 },
  { name: "cascade", type: "string", default: "background", noOptDefault: "background" },
  { name: "record", type: "bool" },
  { name: "openapi-patch", type: "bool", default: true },
  { name: "prune-allowlist", type: "strings" },
];

/** The annotation value: the manifest as JSON with an empty annotations map kept, plus newline. */
export function lastAppliedFor(obj: KObject, ns: string | undefined): string {
  // Shallow copies down to what changes; sortedJson reads the rest without copying it.
  const meta = { ...(obj.metadata ?? {}) };
  const ann = { ...(meta.annotations ?? {}) };
  delete ann[LAST_APPLIED];
  meta.annotations = ann;
  if (ns && !meta.namespace) meta.namespace = ns;
  return sortedJson({ ...obj, metadata: meta }) + "\n";
}

function comparable(o: KObject): string {
  const meta: Record<string, unknown> = { ...o.metadata };
  delete meta.resourceVersion;
  delete meta.generation;
  delete meta.managedFields;
  const c: Record<string, unknown> = { ...o, metadata: meta };
  delete c.status;
  return sortedJson(c);
}

export async function runApply(inv: Invocation): Promise<number> {
  const files: string[] = inv.flags.filename ?? [];
  if (inv.flags.kustomize) throw kerror(`must build at directory: not a valid directory: evalsymlink failure on '${inv.flags.kustomize}' : lstat ${inv.flags.kustomize}: no such file or directory`);
  if (!files.length) throw new KubectlError(`error: must specify one of -f and -k`);
  if (inv.flags.prune && !inv.flags.selector && !inv.flags.all) throw kerror(`all resources selected for prune without explicitly passing --all. To prune all resources, pass the --all flag. If you did not mean to prune all resources, specify a label selector`);
  const dry = dryRunOf(inv);
  const fmt = parseOutput(inv.flags.output);
  const objs = readManifests(inv, files, !!inv.flags.recursive);
  let failed = 0;
  const applied = new Set<string>();
  const structured: KObject[] = [];
  for (const { obj, source } of objs) {
    try {
      const ri = riOf(obj, source);
      const ns = ri.namespaced ? obj.metadata?.namespace || inv.namespace : undefined;
      if (ri.namespaced && obj.metadata?.namespace && inv.nsExplicit && obj.metadata.namespace !== inv.namespace) {
        throw kerror(`the namespace from the provided object "${obj.metadata.namespace}" does not match the namespace "${inv.namespace}". You must pass '--namespace=${obj.metadata.namespace}' to perform this operation.`);
      }
      if (!obj.metadata?.name) throw kerror(`error when retrieving current configuration of:\nResource: "${ri.group ? ri.plural + "." + ri.version + "." + ri.group : ri.plural + "." + ri.version}", GroupVersionKind: "${obj.apiVersion}, Kind=${obj.kind}"\nName: "", Namespace: "${ns ?? ""}"\nfrom server for: "${source}": resource name may not be empty`);
      applied.add(`${ri.plural}/${ns ?? ""}/${obj.metadata.name}`);
      const live = inv.cluster.api.tryGet(ri.plural, ns, obj.metadata.name);
      const annotated = JSON.parse(JSON.stringify(obj));
      // The resource builder puts the namespace on the object (as in the last-applied annotation),
      // so the three-way merge must not read a missing metadata.namespace as "removed".
      if (ns) annotated.metadata.namespace = ns;
      if (!inv.flags["server-side"]) {
        annotated.metadata.annotations = { ...(annotated.metadata.annotations ?? {}), [LAST_APPLIED]: lastAppliedFor(obj, ns) };
      }
      if (!live) {
        const created =
          dry === "client"
            ? { ...annotated, metadata: { ...annotated.metadata, ...(ns ? { namespace: ns } : {}) } }
            : inv.cluster.api.create(ri.plural, annotated, { namespace: ns, dryRun: dry === "server", user: inv.user });
        if (fmt.kind === "table" || fmt.kind === "wide") reportWrite(inv, created, inv.flags["server-side"] ? "serverside-applied" : "created", dry);
        else structured.push(created);
        continue;
      }
      const original = live.metadata.annotations?.[LAST_APPLIED];
      let origObj: any = undefined;
      if (original) {
        try {
          origObj = JSON.parse(original);
        } catch {
          origObj = undefined;
        }
      } else if (!inv.flags["server-side"]) {
        inv.err(
          `Warning: resource ${ri.plural}/${obj.metadata.name} is missing the ${LAST_APPLIED} annotation which is required by kubectl apply. kubectl apply should only be used on resources created declaratively by either kubectl create --save-config or kubectl apply. The missing annotation will be patched automatically.\n`,
        );
      }
      const merged = threeWayMerge(origObj ?? {}, annotated, live);
      merged.metadata.resourceVersion = live.metadata.resourceVersion;
      const unchanged = comparable(merged) === comparable(live);
      let result = live;
      if (!unchanged && dry !== "client") {
        result = inv.cluster.api.update(ri.plural, merged, { namespace: ns, dryRun: dry === "server", user: inv.user });
      }
      const verb = inv.flags["server-side"] ? "serverside-applied" : unchanged ? "unchanged" : "configured";
      if (fmt.kind === "table" || fmt.kind === "wide") reportWrite(inv, result, verb, dry);
      else structured.push(result);
    } catch (e) {
      failed++;
      inv.err(writeErrorText(e, live0(e) ? "applying" : "creating", source) + "\n");
    }
  }
  if (structured.length) inv.out(printStructured(structured, fmt, structured.length > 1));
  if (inv.flags.prune && !failed) prune(inv, objs.map((o) => o.obj), applied, dry);
  return failed ? 1 : 0;
}

function live0(_e: unknown): boolean {
  return false;
}

/** --prune: delete objects of the applied kinds, matching -l, carrying the annotation, not in this apply. */
function prune(inv: Invocation, objs: KObject[], applied: Set<string>, dry: ReturnType<typeof dryRunOf>): void {
  const sel = inv.flags.selector ? parseLabelSelector(inv.flags.selector) : [];
  const kinds = new Set(objs.map((o) => riOf(o).plural));
  for (const plural of kinds) {
    for (const o of inv.cluster.store.list(plural, undefined)) {
      if (o.metadata.namespace && o.metadata.namespace !== inv.namespace) continue;
      if (!o.metadata.annotations?.[LAST_APPLIED]) continue;
      if (!matchesLabels(sel, o.metadata.labels)) continue;
      if (applied.has(`${plural}/${o.metadata.namespace ?? ""}/${o.metadata.name}`)) continue;
      if (dry === "none") inv.cluster.api.delete(plural, o.metadata.namespace, o.metadata.name, {});
      reportWrite(inv, o, "pruned", dry);
    }
  }
}
