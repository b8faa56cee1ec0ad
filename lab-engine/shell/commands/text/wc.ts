// wc: GNU coreutils line/word/byte counts with its column-width rules.

import type { CommandContext } from "../../types.ts";
import { byteLength, charge, isDirErr, parseOpts, readInput } from "./util.ts";

export function wc(ctx: CommandContext): number {
  const p = parseOpts(ctx, "wc", ctx.argv.slice(1), {
    short: "lwcmL",
    long: { lines: ["l", false], words: ["w", false], bytes: ["c", false], chars: ["m", false], "max-line-length": ["L", false] },
  });
  if (typeof p === "number") return p;
  const sel = new Set(p.opts.map(([k]) => k));
  if (sel.size === 0) ["l", "w", "c"].forEach((k) => sel.add(k));
  const order = ["l", "w", "m", "c", "L"].filter((k) => sel.has(k));
  const files = p.args.length ? p.args : ["-"];
  type Row = { counts: number[]; name: string | null; err?: string };
  const rows: Row[] = [];
  let nonRegular = false;
  let totalBytes = 0;
  const totals = order.map(() => 0);
  let rc = 0;
  for (const f of files) {
    const r = readInput(ctx, f);
    if (f === "-") nonRegular = true;
    let text = "";
    let err: string | undefined;
    if (!r.ok) {
      rc = 1;
      if (!isDirErr(r.err)) {
        rows.push({ counts: [], name: f, err: `wc: ${f}: ${r.err.message}\n` });
        continue;
      }
      err = `wc: ${f}: Is a directory\n`;
      nonRegular = true;
    } else text = r.text;
    let lines = 0, words = 0, maxLen = 0, cur = 0, inWord = false, chars = 0;
    for (const ch of text) {
      chars++;
      if (ch === "\n") {
        lines++;
        charge(ctx);
        if (cur > maxLen) maxLen = cur;
        cur = 0;
      } else cur += ch === "\t" ? 8 - (cur % 8) : 1;
      if (/\s/.test(ch)) inWord = false;
      else if (!inWord) {
        inWord = true;
        words++;
      }
    }
    if (cur > maxLen) maxLen = cur;
    const bytes = byteLength(text);
    totalBytes += bytes;
    const vals: Record<string, number> = { l: lines, w: words, c: bytes, m: chars, L: maxLen };
    const counts = order.map((k) => vals[k]);
    counts.forEach((v, i) => (totals[i] = order[i] === "L" ? Math.max(totals[i], v) : totals[i] + v));
    rows.push({ counts, name: f === "-" && p.args.length === 0 ? null : f, err });
  }
  let width = Math.max(1, String(totalBytes).length);
  if (nonRegular) width = Math.max(width, 7);
  if (order.length === 1 && files.length === 1) width = 1;
  const fmt = (counts: number[], name: string | null) =>
    counts.map((c) => String(c).padStart(width)).join(" ") + (name !== null ? " " + name : "") + "\n";
  for (const r of rows) {
    if (r.err) ctx.stderr.write(r.err);
    if (r.counts.length) ctx.stdout.write(fmt(r.counts, r.name));
  }
  if (files.length > 1) ctx.stdout.write(fmt(totals, "total"));
  return rc;
}
