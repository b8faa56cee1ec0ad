// paste: merge lines of files (GNU coreutils).

import type { CommandContext } from "../../types.ts";
import { parseOpts, readInput, splitLines } from "./util.ts";

function delimList(s: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < s.length; i++) {
    if (s[i] === "\\" && i + 1 < s.length) {
      const d = s[++i];
      out.push(d === "n" ? "\n" : d === "t" ? "\t" : d === "0" ? "" : d === "\\" ? "\\" : d);
    } else out.push(s[i]);
  }
  return out;
}

export function paste(ctx: CommandContext): number {
  const p = parseOpts(ctx, "paste", ctx.argv.slice(1), { short: "d:sz", long: { delimiters: ["d", true], serial: ["s", false] } });
  if (typeof p === "number") return p;
  let delims = ["\t"];
  let serial = false;
  for (const [k, v] of p.opts) {
    if (k === "d") delims = delimList(v);
    else if (k === "s") serial = true;
  }
  if (delims.length === 0) delims = [""];
  const files = p.args.length ? p.args : ["-"];
  const contents: string[][] = [];
  const dashes = files.filter((f) => f === "-").length;
  const stdinLines = splitLines(ctx.stdin);
  let dashIdx = 0;
  for (const f of files) {
    if (f === "-") {
      // several "-" operands take standard input lines in turn
      const j = dashIdx++;
      contents.push(serial ? (j === 0 ? stdinLines : []) : stdinLines.filter((_, i) => i % dashes === j));
      continue;
    }
    const r = readInput(ctx, f);
    if (!r.ok) {
      ctx.stderr.write(`paste: ${f}: ${r.err.message}\n`);
      return 1;
    }
    contents.push(splitLines(r.text));
  }
  const join = (parts: string[]) => parts.reduce((acc, x, i) => (i === 0 ? x : acc + delims[(i - 1) % delims.length] + x), "");
  let out = "";
  if (serial) {
    for (const c of contents) out += join(c) + "\n";
  } else {
    const n = Math.max(0, ...contents.map((c) => c.length));
    for (let i = 0; i < n; i++) out += join(contents.map((c) => c[i] ?? "")) + "\n";
  }
  ctx.stdout.write(out);
  return 0;
}
