// tr: translate, delete or squeeze characters (GNU coreutils; operates on characters).

import type { CommandContext } from "../../types.ts";
import { parseOpts } from "./util.ts";

const CLASS: Record<string, () => string[]> = {
  upper: () => range("A", "Z"),
  lower: () => range("a", "z"),
  digit: () => range("0", "9"),
  alpha: () => [...range("A", "Z"), ...range("a", "z")],
  alnum: () => [...range("0", "9"), ...range("A", "Z"), ...range("a", "z")],
  space: () => ["\t", "\n", "\v", "\f", "\r", " "],
  blank: () => ["\t", " "],
  punct: () => range("!", "~").filter((c) => !/[A-Za-z0-9]/.test(c)),
  xdigit: () => [...range("0", "9"), ...range("A", "F"), ...range("a", "f")],
  cntrl: () => [...range("\x00", "\x1f"), "\x7f"],
  print: () => range(" ", "~"),
  graph: () => range("!", "~"),
};

function range(a: string, b: string): string[] {
  const out: string[] = [];
  for (let c = a.codePointAt(0)!; c <= b.codePointAt(0)!; c++) out.push(String.fromCodePoint(c));
  return out;
}

class TrError extends Error {}

function unescape(chars: string[], i: number): [string, number] {
  const c = chars[i];
  if (c !== "\\" || i + 1 >= chars.length) return [c, i + 1];
  const d = chars[i + 1];
  if (/[0-7]/.test(d)) {
    let j = i + 1;
    let s = "";
    while (j < chars.length && s.length < 3 && /[0-7]/.test(chars[j])) s += chars[j++];
    return [String.fromCharCode(parseInt(s, 8)), j];
  }
  const map: Record<string, string> = { n: "\n", t: "\t", r: "\r", a: "\x07", b: "\b", f: "\f", v: "\v", "\\": "\\" };
  return [map[d] ?? d, i + 2];
}

/** Expand a tr SET into a list of characters; classes are recorded for upper/lower alignment. */
function expand(set: string, isSet2: boolean): { chars: string[]; repeatIdx?: number; repeatChar?: string } {
  const chars = [...set];
  const out: string[] = [];
  let repeatIdx: number | undefined;
  let repeatChar: string | undefined;
  let i = 0;
  while (i < chars.length) {
    if (chars[i] === "[" && chars[i + 1] === ":") {
      const end = set.indexOf(":]", [...chars.slice(0, i + 2)].join("").length);
      if (end >= 0) {
        const name = set.slice([...chars.slice(0, i + 2)].join("").length, end);
        const f = CLASS[name];
        if (!f) throw new TrError(`invalid character class ‘${name}’`);
        out.push(...f());
        i += 2 + [...name].length + 2;
        continue;
      }
    }
    if (chars[i] === "[" && chars[i + 1] === "=" ) {
      const rest = chars.slice(i).join("");
      const m = /^\[=(.)=\]/u.exec(rest);
      if (m) {
        out.push(m[1]);
        i += [...m[0]].length;
        continue;
      }
    }
    if (chars[i] === "[" && i + 2 < chars.length) {
      const [c, j] = unescape(chars, i + 1);
      if (chars[j] === "*") {
        const close = chars.indexOf("]", j);
        if (close > 0) {
          const numStr = chars.slice(j + 1, close).join("");
          if (/^\d*$/.test(numStr) && isSet2) {
            const n = numStr === "" ? 0 : parseInt(numStr, numStr.startsWith("0") ? 8 : 10);
            if (n === 0) {
              repeatIdx = out.length;
              repeatChar = c;
            } else for (let k = 0; k < n; k++) out.push(c);
            i = close + 1;
            continue;
          }
        }
      }
    }
    const [c, j] = unescape(chars, i);
    if (chars[j] === "-" && j + 1 < chars.length) {
      const [e, k] = unescape(chars, j + 1);
      if (e.codePointAt(0)! < c.codePointAt(0)!) {
        throw new TrError(`range-endpoints of '${c}-${e}' are in reverse collating sequence order`);
      }
      out.push(...range(c, e));
      i = k;
      continue;
    }
    out.push(c);
    i = j;
  }
  return { chars: out, repeatIdx, repeatChar };
}

export function tr(ctx: CommandContext): number {
  const p = parseOpts(ctx, "tr", ctx.argv.slice(1), {
    short: "cCdst",
    long: { complement: ["c", false], delete: ["d", false], "squeeze-repeats": ["s", false], "truncate-set1": ["t", false] },
  });
  if (typeof p === "number") return p;
  const f = new Set(p.opts.map(([k]) => (k === "C" ? "c" : k)));
  const comp = f.has("c"), del = f.has("d"), sq = f.has("s"), trunc = f.has("t");
  const args = p.args;
  const need = del && sq ? 2 : del || (sq && args.length < 2) ? 1 : 2;
  const fail = (msg: string) => {
    ctx.stderr.write(`tr: ${msg}\nTry 'tr --help' for more information.\n`);
    return 1;
  };
  if (args.length === 0) return fail("missing operand");
  if (args.length < need) {
    return fail(
      `missing operand after ‘${args[args.length - 1]}’\n` +
        (del && sq ? "Two strings must be given when both deleting and squeezing repeats." : "Two strings must be given when translating."),
    );
  }
  if (args.length > need) {
    return fail(`extra operand ‘${args[need]}’` + (del && !sq ? "\nOnly one string may be given when deleting without squeezing repeats." : ""));
  }
  let s1: string[], s2: string[] = [];
  try {
    s1 = expand(args[0], false).chars;
    if (args[1] !== undefined) {
      const e = expand(args[1], true);
      s2 = e.chars;
      if (e.repeatIdx !== undefined) {
        const fill = Math.max(0, s1.length - s2.length);
        s2.splice(e.repeatIdx, 0, ...Array(fill).fill(e.repeatChar));
      }
    }
  } catch (e) {
    ctx.stderr.write(`tr: ${(e as Error).message}\n`);
    return 1;
  }
  const set1 = new Set(s1);
  const in1 = (c: string) => set1.has(c) !== comp;
  const translating = !del && args.length === 2;
  const map = new Map<string, string>();
  if (translating) {
    if (s2.length === 0) {
      ctx.stderr.write("tr: when not truncating set1, string2 must be non-empty\n");
      return 1;
    }
    if (trunc) s1 = s1.slice(0, s2.length);
    if (!comp) {
      for (let i = 0; i < s1.length; i++) map.set(s1[i], s2[Math.min(i, s2.length - 1)]);
    }
  }
  const sqSet = new Set(translating || (del && sq) ? s2 : s1);
  const inSq = (c: string) => (translating || (del && sq) ? sqSet.has(c) : sqSet.has(c) !== comp);
  let out = "";
  let last: string | undefined;
  for (const ch of ctx.stdin) {
    let c = ch;
    if (del) {
      if (in1(c)) continue;
    } else if (translating) {
      if (comp) {
        if (!set1.has(c)) c = s2[s2.length - 1];
      } else c = map.get(c) ?? c;
    }
    if (sq && last === c && inSq(c)) continue;
    out += c;
    last = c;
  }
  ctx.stdout.write(out);
  return 0;
}
