// Helpers shared by the write commands: dry-run flag parsing, sending an object to the API
// server with kubectl's messages, and `-o` after a write.

import type { KObject } from "../../api/types.ts";
import { ApiError } from "../../api/errors.ts";
import { resourceForKind, qualifiedKind, type ResourceInfo } from "../../api/resources.ts";
import type { FlagDef } from "../flags.ts";
import type { Invocation } from "../invocation.ts";
import { kerror, KubectlError } from "../errors.ts";
import { parseOutput, printStructured } from "../printers/print-objects.ts";

export const DRY_RUN_FLAG: FlagDef = { name: "dry-run", type: "string", default: "none", noOptDefault: "unchanged" };
export const OUTPUT_FLAG: FlagDef = { name: "output", short: "o", type: "string" };

export type DryRun = "none" | "client" | "server";

export function dryRunOf(inv: Invocation): DryRun {
  const v = inv.flags["dry-run"];
  if (v === undefined || v === "none") return "none";
  if (v === "client" || v === "server") return v;
  if (v === "unchanged" || v === "true") {
    throw kerror(`--dry-run flag without a value was specified. A value must be set: "none", "server", or "client".`);
  }
  if (v === "false") return "none";
  throw kerror(`Invalid dry-run value (${v}). Must be "none", "server", or "client".`);
}

export function dryRunSuffix(d: DryRun): string {
  return d === "client" ? " (dry run)" : d === "server" ? " (server dry run)" : "";
}

export function riOf(obj: KObject, source?: string): ResourceInfo {
  const ri = resourceForKind(obj.apiVersion ?? "", obj.kind ?? "");
  if (!ri) {
    const gv = obj.apiVersion ?? "";
    throw new KubectlError(
      `error: resource mapping not found for name: "${obj.metadata?.name ?? ""}" namespace: "${obj.metadata?.namespace ?? ""}" from "${source ?? ""}": no matches for kind "${obj.kind}" in version "${gv}"\nensure CRDs are installed first`,
    );
  }
  return ri;
}

/** `deployment.apps/web` */
export function refName(obj: KObject): string {
  const ri = resourceForKind(obj.apiVersion, obj.kind);
  return `${ri ? qualifiedKind(ri) : obj.kind.toLowerCase()}/${obj.metadata.name}`;
}

/** Print the object after a write: `-o yaml|json|name|...` or the `<ref> <verb>` line. */
export function reportWrite(inv: Invocation, obj: KObject, verb: string, dry: DryRun): void {
  const fmt = parseOutput(inv.flags.output);
  if (fmt.kind === "table" || fmt.kind === "wide") {
    inv.out(`${refName(obj)} ${verb}${dryRunSuffix(dry)}\n`);
    return;
  }
  inv.out(printStructured([obj], fmt, false, (p) => inv.ctx.fs.readFile(inv.ctx.fs.resolve(inv.ctx.cwd, p))));
}

/** Client-side dry run output keeps the object as built, with `creationTimestamp: null`. */
export function clientObject(obj: KObject): KObject {
  return obj;
}

/** Convert an API error from a write on a file object into kubectl's message. */
export function writeErrorText(e: unknown, verbing: "creating" | "applying" | "replacing" | "patching", source: string | undefined): string {
  if (e instanceof ApiError) {
    if (e.reason === "Invalid") return e.kubectlText();
    if (e.reason === "Forbidden" && !source) return e.kubectlText();
    if (source && (e.reason === "BadRequest" || e.reason === "Forbidden" || e.reason === "NotFound" || e.reason === "Conflict")) {
      return `Error from server (${e.reason}): error when ${verbing} "${source}": ${e.message}`;
    }
    if (source && e.reason === "AlreadyExists") return `Error from server (AlreadyExists): error when ${verbing} "${source}": ${e.message}`;
    return e.kubectlText();
  }
  if (e instanceof KubectlError) return e.message;
  return `error: ${(e as Error).message}`;
}

export function parseKeyValue(s: string, flag: string): [string, string] {
  const i = s.indexOf("=");
  if (i <= 0) throw kerror(`invalid ${flag} format "${s}", expected key=value`);
  return [s.slice(0, i), s.slice(i + 1)];
}

export function parseLabelsArg(s: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of s.split(",")) {
    if (!part) continue;
    const i = part.indexOf("=");
    if (i <= 0) throw kerror(`invalid label spec: ${part}`);
    out[part.slice(0, i)] = part.slice(i + 1);
  }
  return out;
}

/**
 * cobra's required-flag error. kubectl 1.32 does not print it as `error: ...`: it reaches
 * klog, e.g. `E1122 00:22:27.887043   32716 run.go:72] "command failed" err="required flag(s) \"image\" not set"`
 * (time of day from the simulated clock, a made-up but stable process id).
 */
export function requiredFlagError(inv: Invocation, ...names: string[]): KubectlError {
  let now = 0;
  try {
    now = inv.cluster?.now ?? 0;
  } catch {
    now = 0;
  }
  const d = new Date(now);
  const p2 = (n: number) => String(n).padStart(2, "0");
  const ts = `${p2(d.getUTCMonth() + 1)}${p2(d.getUTCDate())} ${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())}.${String(d.getUTCMilliseconds() * 1000).padStart(6, "0")}`;
  const pid = 1000 + (Math.floor(now / 1000) % 30000);
  const err = `required flag(s) ${names.map((n) => `"${n}"`).join(", ")} not set`;
  return new KubectlError(`E${ts} ${String(pid).padStart(7)} run.go:72] "command failed" err=${JSON.stringify(err)}`);
}
