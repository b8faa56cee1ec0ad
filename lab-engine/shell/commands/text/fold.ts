// fold: wrap input lines to a width (GNU coreutils; counts characters, -s breaks at blanks).

import type { CommandContext } from "../../types.ts";
import { parseOpts, readInput } from "./util.ts";

export function fold(ctx: CommandContext): number {
  const p = parseOpts(ctx, "fold", ctx.argv.slice(1), {
    short: "bsw:",
    numericShort: true,
    long: { bytes: ["b", false], spaces: ["s", false], width: ["w", true] },
  });
  if (typeof p === "number") return p;
  let width = 80, spaces = false;
  for (const [k, v] of p.opts) {
    if (k === "w" || k === "NUM") {
      if (!/^\d+$/.test(v) || Number(v) === 0) {
        ctx.stderr.write(`fold: invalid number of columns: ‘${v}’\n`);
        return 1;
      }
      width = Number(v);
    } else if (k === "s") spaces = true;
  }
  const files = p.args.length ? p.args : ["-"];
  let rc = 0;
  for (const f of files) {
    const r = readInput(ctx, f);
    if (!r.ok) {
      ctx.stderr.write(`fold: ${f}: ${r.err.message}\n`);
      rc = 1;
      continue;
    }
    const parts = r.text.split("\n");
    const out = parts.map((line) => {
      let res = "";
      let chars = [...line];
      while (chars.length > width) {
        let cut = width;
        if (spaces) {
          const seg = chars.slice(0, width);
          const sp = seg.lastIndexOf(" ");
          if (sp >= 0) cut = sp + 1;
        }
        res += chars.slice(0, cut).join("") + "\n";
        chars = chars.slice(cut);
      }
      return res + chars.join("");
    });
    ctx.stdout.write(out.join("\n"));
  }
  return rc;
}
