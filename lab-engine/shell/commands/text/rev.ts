// rev: reverse the characters of each line (util-linux).

import type { CommandContext } from "../../types.ts";
import { charge, parseOpts, readInput } from "./util.ts";

export function rev(ctx: CommandContext): number {
  const p = parseOpts(ctx, "rev", ctx.argv.slice(1), { short: "0" });
  if (typeof p === "number") return p;
  const files = p.args.length ? p.args : ["-"];
  let rc = 0;
  for (const f of files) {
    const r = readInput(ctx, f);
    if (!r.ok) {
      ctx.stderr.write(r.err.message === "Is a directory" ? `rev: ${f}: 0: Is a directory\n` : `rev: cannot open ${f}: ${r.err.message}\n`);
      rc = 1;
      continue;
    }
    const parts = r.text.split("\n");
    ctx.stdout.write(
      parts
        .map((l) => {
          charge(ctx);
          return [...l].reverse().join("");
        })
        .join("\n"),
    );
  }
  return rc;
}
