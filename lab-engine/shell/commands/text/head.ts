// head: first lines/bytes of files (GNU coreutils).

import type { CommandContext } from "../../types.ts";
import { isDirErr, parseCount, parseOpts, readInput } from "./util.ts";
import { takeBytes, dropLastBytes } from "./bytes.ts";

export async function head(ctx: CommandContext): Promise<number> {
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
  const files = p.args.length ? p.args : ["-"];
  const show = headers ?? files.length > 1;
  let rc = 0;
  let first = true;
  for (const f of files) {
    const r = readInput(ctx, f);
    if (!r.ok) {
      ctx.stderr.write(
        isDirErr(r.err) ? `head: error reading '${f}': Is a directory\n` : `head: cannot open '${f}' for reading: ${r.err.message}\n`,
      );
      rc = 1;
      if (!isDirErr(r.err)) continue;
    }
    if (show) {
      ctx.stdout.write((first ? "" : "\n") + `==> ${f === "-" ? "standard input" : f} <==\n`);
    }
    first = false;
    if (!r.ok) continue;
    ctx.stdout.write(headText(r.text, mode, count, allBut));
  }
  return rc;
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
