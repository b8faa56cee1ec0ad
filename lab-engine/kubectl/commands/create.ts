// kubectl create -f, and the `kubectl create <generator>` subcommands.

import type { KObject } from "../../api/types.ts";
import { ApiError } from "../../api/errors.ts";
import type { Invocation } from "../invocation.ts";
import type { FlagDef } from "../flags.ts";
import { kerror, KubectlError } from "../errors.ts";
import { readManifests } from "../manifests.ts";
import { DRY_RUN_FLAG, OUTPUT_FLAG, dryRunOf, reportWrite, riOf, writeErrorText, type DryRun } from "./common.ts";
import { parseOutput, printStructured } from "../printers/print-objects.ts";
import { toKubectlYaml } from "../output/yaml.ts";

export const createFileFlags: FlagDef[] = [
  { name: "filename", short: "f", type: "strings" },
  { name: "recursive", short: "R", type: "bool" },
  OUTPUT_FLAG,
  DRY_RUN_FLAG,
  { name: "save-config", type: "bool" },
  { name: "validate", type: "string", default: "strict", noOptDefault: "strict" },
  { name: "edit", type: "bool" },
  { name: "selector", short: "l", type: "string" },
  { name: "raw", type: "string" },
  { name: "windows-line-endings", type: "bool" },
  { name: "field-manager", type: "string" },
];

/** Send one object to the API server as `create` does; returns the stored (or dry-run) object. */
export function createObject(inv: Invocation, obj: KObject, dry: DryRun, source?: string): KObject {
  const ri = riOf(obj, source);
  if (dry === "client") {
    const o = JSON.parse(JSON.stringify(obj));
    if (ri.namespaced && !o.metadata?.namespace && inv.nsExplicit) o.metadata.namespace = inv.namespace;
    return o;
  }
  // The resource builder keeps an object's own namespace unless -n was given (then they must agree).
  const own = ri.namespaced ? obj.metadata?.namespace : undefined;
  if (own && inv.nsExplicit && own !== inv.namespace) {
    throw kerror(`the namespace from the provided object "${own}" does not match the namespace "${inv.namespace}". You must pass '--namespace=${own}' to perform this operation.`);
  }
  return inv.cluster.api.create(ri.plural, obj, { namespace: own || inv.namespace, dryRun: dry === "server", user: inv.user });
}

export async function runCreateFromFiles(inv: Invocation): Promise<number> {
  const files: string[] = inv.flags.filename ?? [];
  if (inv.args.length) throw kerror(`Unexpected args: [${inv.args.join(" ")}]\nSee 'kubectl create -h' for help and examples`);
  if (!files.length) {
    throw new KubectlError(
      `error: must specify one of -f and -k\n\nerror: unknown command "${inv.args[0] ?? ""}"\nSee 'kubectl create -h' for help and examples`.replace(
        /\n\nerror: unknown command ""\nSee 'kubectl create -h' for help and examples/,
        "",
      ),
    );
  }
  const dry = dryRunOf(inv);
  const objs = readManifests(inv, files, !!inv.flags.recursive);
  let failed = 0;
  const fmt = parseOutput(inv.flags.output);
  const results: KObject[] = [];
  for (const { obj, source } of objs) {
    try {
      if (inv.flags["save-config"]) {
        obj.metadata.annotations = { ...(obj.metadata.annotations ?? {}), "kubectl.kubernetes.io/last-applied-configuration": JSON.stringify(obj) + "\n" };
      }
      const stored = createObject(inv, obj, dry, source);
      if (fmt.kind === "table" || fmt.kind === "wide") reportWrite(inv, stored, "created", dry);
      else results.push(stored);
    } catch (e) {
      failed++;
      inv.err(writeErrorText(e, "creating", source) + "\n");
    }
  }
  if (results.length) inv.out(printStructured(results, fmt, results.length > 1));
  return failed ? 1 : 0;
}

/** Generators print the object client-side for --dry-run=client -o yaml, or create it. */
export function finishGenerated(inv: Invocation, obj: KObject, kindLabel: string): number {
  const dry = dryRunOf(inv);
  const fmt = parseOutput(inv.flags.output);
  if (dry === "client") {
    if (fmt.kind === "table" || fmt.kind === "wide") reportWrite(inv, obj, "created", dry);
    else inv.out(fmt.kind === "yaml" ? toKubectlYaml(obj) : printStructured([obj], fmt, false, undefined, "typed"));
    return 0;
  }
  try {
    const stored = createObject(inv, stripClientFields(obj), dry);
    reportWrite(inv, stored, "created", dry);
    return 0;
  } catch (e) {
    // Most create_*.go generators wrap every API error in a plain error, `fmt.Errorf("failed to
    // create <what>: %v", err)` (printed "error: ..."): create_secret*.go say "failed to create
    // secret %v" (no colon), create_service.go "failed to create %s service" with the type,
    // create_pdb.go "poddisruptionbudgets". create_namespace.go, create_role.go and
    // create_clusterrole.go return the API error itself ("Error from server (...)").
    if (!(e instanceof ApiError) || ["namespace", "role", "clusterrole"].includes(kindLabel)) throw e;
    const what = kindLabel === "poddisruptionbudget" ? "poddisruptionbudgets" : kindLabel;
    throw kerror(`failed to create ${what}${kindLabel === "secret" ? "" : ":"} ${e.message}`);
  }
}

/** `creationTimestamp: null` and empty `status: {}` exist only in client-side output. */
function stripClientFields(obj: KObject): KObject {
  const o = JSON.parse(JSON.stringify(obj));
  delete o.metadata.creationTimestamp;
  delete o.status;
  return o;
}
