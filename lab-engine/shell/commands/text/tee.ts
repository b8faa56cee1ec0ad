// tee: copy standard input to standard output and files.

import type { CommandContext } from "../../types.ts";
import { parseOpts, writeFileAt } from "./util.ts";

export function tee(ctx: CommandContext): number {
  const p = parseOpts(ctx, "tee", ctx.argv.slice(1), {
    short: "aip",
    long: { append: ["a", false], "ignore-interrupts": ["i", false], "output-error": ["p", "optional"] },
  });
  if (typeof p === "number") return p;
  const append = p.opts.some(([k]) => k === "a");
  let rc = 0;
  for (const f of p.args) {
    if (f === "-") continue;
    try {
      writeFileAt(ctx, f, ctx.stdin, append);
    } catch (e) {
      ctx.stderr.write(`tee: ${f}: ${(e as Error).message}\n`);
      rc = 1;
    }
  }
  ctx.stdout.write(ctx.stdin);
  return rc;
}
