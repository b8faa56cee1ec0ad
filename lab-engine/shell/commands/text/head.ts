// head: first lines/bytes of files (GNU coreutils).

import type { CommandContext } from "../../types.ts";
import { eachInputWithHeaders, parseCount, parseOpts } from "./util.ts";
import { takeBytes, dropLastBytes } from "./bytes.ts";

export function head(ctx: CommandContext): number {
  const p = parseOpts(ctx, "head", ctx.argv.slice(1), {
    short: "n:c:qvz",
    numericShort: true,
    long: { lines: ["n", true], bytes: ["c", true], quiet: ["q", false], silent: ["q", false], verbose: ["v", false] },
  });
  if (typeof p === "number") return p;
  let mode: "n" | "c" = "n";
  let count = 10;
  let allBut = false;
  let headers: boolean | undefined;
  for (const [k, v] of p.opts) {
    if (k === "NUM") {
      mode = "n";
      count = Number(v);
      allBut = false;
    } else if (k === "n" || k === "c") {
      const neg = v.startsWith("-");
      const n = parseCount(neg ? v.slice(1) : v);
      if (n === undefined || n < 0) {
        ctx.stderr.write(`head: invalid number of ${k === "n" ? "lines" : "bytes"}: ‘${v}’\n`);
        return 1;
      }
      mode = k;
      count = n;
      allBut = neg;
    } else if (k === "q") headers = false;
    else if (k === "v") headers = true;
  }
  return eachInputWithHeaders(ctx, "head", p.args, headers, (text) => headText(text, mode, count, allBut));
}

export function headText(text: string, mode: "n" | "c", count: number, allBut: boolean): string {
  if (mode === "c") return allBut ? dropLastBytes(text, count) : takeBytes(text, count);
  if (!allBut) {
    let idx = 0;
    for (let i = 0; i < count; i++) {
      const j = text.indexOf("\n", idx);
      if (j < 0) return text;
      idx = j + 1;
    }
    return text.slice(0, idx);
  }
  const parts = text.split("\n");
  const trailing = parts[parts.length - 1] === "";
  const lines = trailing ? parts.slice(0, -1) : parts;
  const keep = lines.slice(0, Math.max(0, lines.length - count));
  return keep.length ? keep.join("\n") + "\n" : "";
}
