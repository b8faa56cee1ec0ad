// kubectl explain RESOURCE[.field...] [--recursive] [--api-version]: rendered by api/schema/explain.ts.

import { explainTyped } from "../../api/schema/explain.ts";
import type { Invocation } from "../invocation.ts";
import { KubectlError, kerror } from "../errors.ts";
import type { KubectlCommand } from "./registry.ts";

function runExplain(inv: Invocation): number {
  if (!inv.args.length) {
    throw kerror(`You must specify the type of resource to explain. Use "kubectl api-resources" for a complete list of supported resources.\n`);
  }
  if (inv.args.length > 1) throw kerror(`We accept only this format: explain RESOURCE\n`);
  const out = inv.flags.output;
  if (out !== undefined && out !== "plaintext" && out !== "plaintext-openapiv2") throw kerror(`unsupported output format: ${out}`);
  const r = explainTyped(inv.args[0], { recursive: !!inv.flags.recursive, apiVersion: inv.flags["api-version"] });
  if (!r.ok) throw new KubectlError(r.error);
  inv.out(r.text);
  return 0;
}

export const explainCommand: KubectlCommand = {
  name: "explain",
  flags: [
    { name: "recursive", type: "bool" },
    { name: "api-version", type: "string" },
    { name: "output", short: "o", type: "string" },
  ],
  run: runExplain,
};
