// uniq: collapse adjacent duplicate lines (GNU coreutils).

import type { CommandContext } from "../../types.ts";
import { charge, parseOpts, readInput, splitLines, writeFileAt } from "./util.ts";

export function uniq(ctx: CommandContext): number {
  const p = parseOpts(ctx, "uniq", ctx.argv.slice(1), {
    short: "cduif:s:w:Dz",
    long: {
      count: ["c", false], repeated: ["d", false], unique: ["u", false], "ignore-case": ["i", false],
      "skip-fields": ["f", true], "skip-chars": ["s", true], "check-chars": ["w", true], "all-repeated": ["D", "optional"],
    },
  });
  if (typeof p === "number") return p;
  let count = false, dup = false, uniqOnly = false, icase = false, all = false;
  let skipF = 0, skipC = 0, checkC = Infinity;
  for (const [k, v] of p.opts) {
    if (k === "c") count = true;
    else if (k === "d") dup = true;
    else if (k === "u") uniqOnly = true;
    else if (k === "i") icase = true;
    else if (k === "D") all = true;
    else {
      if (!/^\d+$/.test(v)) {
        const what = k === "f" ? "number of fields to skip" : k === "s" ? "number of bytes to skip" : "number of bytes to compare";
        ctx.stderr.write(`uniq: ${v}: invalid ${what}\n`);
        return 1;
      }
      if (k === "f") skipF = Number(v);
      else if (k === "s") skipC = Number(v);
      else checkC = Number(v);
    }
  }
  if (p.args.length > 2) {
    ctx.stderr.write(`uniq: extra operand '${p.args[2]}'\nTry 'uniq --help' for more information.\n`);
    return 1;
  }
  const inName = p.args[0] ?? "-";
  const r = readInput(ctx, inName);
  if (!r.ok) {
    ctx.stderr.write(r.err.message === "Is a directory" ? `uniq: error reading '${inName}'\n` : `uniq: ${inName}: ${r.err.message}\n`);
    return 1;
  }
  const lines = splitLines(r.text);
  const keyOf = (l: string) => {
    let s = l;
    for (let i = 0; i < skipF; i++) s = s.replace(/^[ \t]*[^ \t]*/, "");
    s = s.slice(skipC);
    if (checkC !== Infinity) s = s.slice(0, checkC);
    return icase ? s.toLowerCase() : s;
  };
  const out: string[] = [];
  let i = 0;
  while (i < lines.length) {
    charge(ctx);
    const k = keyOf(lines[i]);
    let j = i + 1;
    while (j < lines.length && keyOf(lines[j]) === k) j++;
    const n = j - i;
    const show = (dup || all ? n > 1 : true) && (uniqOnly ? n === 1 : true);
    if (show) {
      if (all) for (let x = i; x < j; x++) out.push(lines[x]);
      else out.push(count ? String(n).padStart(7) + " " + lines[i] : lines[i]);
    }
    i = j;
  }
  const text = out.length ? out.join("\n") + "\n" : "";
  if (p.args[1] !== undefined && p.args[1] !== "-") {
    try {
      writeFileAt(ctx, p.args[1], text);
    } catch (e) {
      ctx.stderr.write(`uniq: ${p.args[1]}: ${(e as Error).message}\n`);
      return 1;
    }
  } else ctx.stdout.write(text);
  return 0;
}
