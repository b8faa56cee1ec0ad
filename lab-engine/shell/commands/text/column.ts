// column: -t table formatting (util-linux 2.38); without -t prints input unchanged.

import type { CommandContext } from "../../types.ts";
import { parseOpts, readInput, splitLines } from "./util.ts";

function displayWidth(s: string): number {
  let w = 0;
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    w += (c >= 0x1100 && c <= 0x115f) || (c >= 0x2e80 && c <= 0xa4cf) || (c >= 0xac00 && c <= 0xd7a3) || (c >= 0xf900 && c <= 0xfaff) || (c >= 0xff00 && c <= 0xff60) || (c >= 0xffe0 && c <= 0xffe6) ? 2 : 1;
  }
  return w;
}

export function column(ctx: CommandContext): number {
  const p = parseOpts(ctx, "column", ctx.argv.slice(1), {
    short: "ts:o:c:xnNR:",
    long: { table: ["t", false], separator: ["s", true], "output-separator": ["o", true] },
  });
  if (typeof p === "number") return p;
  let table = false, seps = " \t", osep = "  ";
  for (const [k, v] of p.opts) {
    if (k === "t") table = true;
    else if (k === "s") seps = v;
    else if (k === "o") osep = v;
  }
  const files = p.args.length ? p.args : ["-"];
  const lines: string[] = [];
  for (const f of files) {
    const r = readInput(ctx, f);
    if (!r.ok) {
      ctx.stderr.write(r.err.message === "Is a directory" ? "column: read failed: Is a directory\n" : `column: ${f}: ${r.err.message}\n`);
      return 1;
    }
    lines.push(...splitLines(r.text));
  }
  if (!table) {
    ctx.stdout.write(lines.filter((l) => l.trim() !== "").map((l) => l + "\n").join(""));
    return 0;
  }
  const rows = lines
    .filter((l) => l.trim() !== "")
    .map((l) => {
      const cells: string[] = [];
      let cur = "";
      for (const ch of l) {
        if (seps.includes(ch)) {
          if (cur !== "" ) cells.push(cur);
          cur = "";
        } else cur += ch;
      }
      if (cur !== "") cells.push(cur);
      return cells;
    });
  const ncol = Math.max(0, ...rows.map((r) => r.length));
  const widths = Array(ncol).fill(0);
  for (const r of rows) r.forEach((c, i) => (widths[i] = Math.max(widths[i], displayWidth(c))));
  let out = "";
  for (const r of rows) {
    let line = "";
    for (let i = 0; i < ncol; i++) {
      const c = r[i] ?? "";
      if (i === ncol - 1) line += c;
      else line += c + " ".repeat(widths[i] - displayWidth(c)) + osep;
    }
    out += line + "\n";
  }
  ctx.stdout.write(out);
  return 0;
}
