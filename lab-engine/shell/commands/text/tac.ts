// tac: concatenate files with their lines in reverse order (GNU coreutils; separator "\n").

import type { CommandContext } from "../../types.ts";
import { parseOpts, readInput } from "./util.ts";

export function tac(ctx: CommandContext): number {
  const p = parseOpts(ctx, "tac", ctx.argv.slice(1), { short: "brs:", long: { before: ["b", false], regex: ["r", false], separator: ["s", true] } });
  if (typeof p === "number") return p;
  const files = p.args.length ? p.args : ["-"];
  let rc = 0;
  for (const f of files) {
    const r = readInput(ctx, f);
    if (!r.ok) {
      ctx.stderr.write(r.err.message === "Is a directory" ? `tac: ${f}: read error: Invalid argument\n` : `tac: failed to open '${f}' for reading: ${r.err.message}\n`);
      rc = 1;
      continue;
    }
    // GNU tac keeps each record with its trailing separator; an unterminated last record comes first as-is.
    const recs = r.text.match(/[^\n]*\n|[^\n]+$/g) ?? [];
    ctx.stdout.write(recs.reverse().join(""));
  }
  return rc;
}
