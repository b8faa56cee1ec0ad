// sort: GNU sort in the C.UTF-8 locale (code point order), keys, numeric/human/version ordering.

import type { CommandContext } from "../../types.ts";
import { charge, parseOpts, readInput, splitLines, writeFileAt } from "./util.ts";

interface KeyOpts {
  n?: boolean; r?: boolean; h?: boolean; V?: boolean; f?: boolean; b?: boolean; g?: boolean; M?: boolean; d?: boolean;
}
interface Key extends KeyOpts {
  sf: number; sc: number; ef: number; ec: number; // fields 1-based; ec 0 = end of field
}

function parseKey(spec: string): Key | string {
  const m = /^(\d+)(?:\.(\d+))?([bdfghinMrRV]*)(?:,(\d+)(?:\.(\d+))?([bdfghinMrRV]*))?$/.exec(spec);
  if (!m) return `invalid number at field start: invalid count at start of '${spec}'`;
  const k: Key = { sf: Number(m[1]), sc: m[2] ? Number(m[2]) : 1, ef: m[4] ? Number(m[4]) : Infinity, ec: m[5] ? Number(m[5]) : 0 };
  if (k.sf === 0) return `field number is zero: invalid field specification '${spec}'`;
  for (const c of (m[3] ?? "") + (m[6] ?? "")) (k as unknown as Record<string, boolean>)[c] = true;
  return k;
}

const BLANK = /[ \t]/;

/** Split a line into [start,end) field ranges as GNU sort does. */
function fieldRanges(line: string, sep: string | undefined): Array<[number, number]> {
  const r: Array<[number, number]> = [];
  if (sep !== undefined) {
    let s = 0;
    for (;;) {
      const j = line.indexOf(sep, s);
      if (j < 0) {
        r.push([s, line.length]);
        break;
      }
      r.push([s, j]);
      s = j + sep.length;
    }
    return r;
  }
  let i = 0;
  while (i < line.length) {
    const s = i;
    while (i < line.length && BLANK.test(line[i])) i++;
    while (i < line.length && !BLANK.test(line[i])) i++;
    r.push([s, i]);
  }
  return r;
}

function keyText(line: string, k: Key, sep: string | undefined, globalB: boolean): string {
  const f = fieldRanges(line, sep);
  const bStart = k.b || globalB;
  let start: number;
  if (k.sf - 1 >= f.length) start = line.length;
  else {
    start = f[k.sf - 1][0];
    if (bStart) while (start < f[k.sf - 1][1] && BLANK.test(line[start])) start++;
    start = Math.min(start + k.sc - 1, f[k.sf - 1][1]);
  }
  let end: number;
  if (k.ef === Infinity || k.ef - 1 >= f.length) end = line.length;
  else if (k.ec === 0) end = f[k.ef - 1][1];
  else {
    let s = f[k.ef - 1][0];
    if (k.b) while (s < f[k.ef - 1][1] && BLANK.test(line[s])) s++;
    end = Math.min(s + k.ec, f[k.ef - 1][1]);
  }
  return end > start ? line.slice(start, end) : "";
}

function numPrefix(s: string): number {
  const m = /^[ \t]*(-?)(\d*)(?:\.(\d*))?/.exec(s)!;
  if (!m[2] && !m[3]) return 0;
  return Number((m[1] || "") + (m[2] || "0") + "." + (m[3] || "0"));
}

/** strtod-style prefix for -g: non-numbers sort first (as NaN). */
function genNum(s: string): number {
  const m = /^[ \t]*([+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?|[+-]?inf(inity)?)/i.exec(s);
  if (!m) return NaN;
  return /inf/i.test(m[1]) ? (m[1].startsWith("-") ? -Infinity : Infinity) : Number(m[1]);
}

const SUFFIX = "KMGTPEZY";
function humanKey(s: string): [number, number] {
  const m = /^[ \t]*(-?)(\d*(?:\.\d*)?)([KMGTPEZYk]?)/.exec(s)!;
  const v = Number(m[2] || "0") * (m[1] ? -1 : 1);
  const suf = m[3] ? SUFFIX.indexOf(m[3].toUpperCase()) + 1 : 0;
  const sign = v < 0 ? -1 : v > 0 ? 1 : 0;
  return [sign * (suf + 1), v];
}

export function versionCompare(a: string, b: string): number {
  const re = /(\d+)|(\D+)/g;
  const pa = a.match(re) ?? [];
  const pb = b.match(re) ?? [];
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const x = pa[i], y = pb[i];
    if (x === undefined) return -1;
    if (y === undefined) return 1;
    const dx = /^\d/.test(x), dy = /^\d/.test(y);
    if (dx && dy) {
      const d = Number(x) - Number(y);
      if (d) return d < 0 ? -1 : 1;
    } else if (x !== y) return cmpStr(x, y);
  }
  return 0;
}

function cmpStr(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function cmpBy(a: string, b: string, o: KeyOpts): number {
  let r: number;
  if (o.g) {
    const x = genNum(a), y = genNum(b);
    r = Number.isNaN(x) ? (Number.isNaN(y) ? 0 : -1) : Number.isNaN(y) ? 1 : x - y;
  } else if (o.n) r = numPrefix(a) - numPrefix(b);
  else if (o.h) {
    const [sa, va] = humanKey(a), [sb, vb] = humanKey(b);
    r = sa !== sb ? sa - sb : va - vb;
  } else if (o.V) r = versionCompare(a, b);
  else {
    if (o.d) {
      a = a.replace(/[^A-Za-z0-9 \t]/g, "");
      b = b.replace(/[^A-Za-z0-9 \t]/g, "");
    }
    if (o.f) {
      a = a.toUpperCase();
      b = b.toUpperCase();
    }
    r = cmpStr(a, b);
  }
  r = r < 0 ? -1 : r > 0 ? 1 : 0;
  return o.r ? -r : r;
}

export function sort(ctx: CommandContext): number {
  const p = parseOpts(ctx, "sort", ctx.argv.slice(1), {
    short: "nrk:t:uhVfbgMdso:cCmzS:T:R",
    usageExit: 2,
    long: {
      "numeric-sort": ["n", false], reverse: ["r", false], key: ["k", true], "field-separator": ["t", true],
      unique: ["u", false], "human-numeric-sort": ["h", false], "version-sort": ["V", false], "ignore-case": ["f", false],
      "ignore-leading-blanks": ["b", false], "general-numeric-sort": ["g", false], "month-sort": ["M", false],
      "dictionary-order": ["d", false], stable: ["s", false], output: ["o", true], check: ["c", "optional"],
      "buffer-size": ["S", true], "temporary-directory": ["T", true], "random-sort": ["R", false], merge: ["m", false],
    },
  });
  if (typeof p === "number") return p;
  const g: KeyOpts = {};
  const keys: Key[] = [];
  let sep: string | undefined;
  let unique = false, stable = false, check = false;
  let output: string | undefined;
  for (const [k, v] of p.opts) {
    if ("nrhVfbgMd".includes(k) && k.length === 1) (g as Record<string, boolean>)[k] = true;
    else if (k === "k") {
      const key = parseKey(v);
      if (typeof key === "string") {
        ctx.stderr.write(`sort: ${key}\n`);
        return 2;
      }
      keys.push(key);
    } else if (k === "t") {
      if (v.length !== 1 && v !== "\\0") {
        ctx.stderr.write(v.length === 0 ? "sort: empty tab\n" : `sort: multi-character tab '${v}'\n`);
        return 2;
      }
      sep = v;
    } else if (k === "u") unique = true;
    else if (k === "s") stable = true;
    else if (k === "o") output = v;
    else if (k === "c" || k === "C") check = true;
  }
  const files = p.args.length ? p.args : ["-"];
  const lines: string[] = [];
  for (const f of files) {
    const r = readInput(ctx, f);
    if (!r.ok) {
      ctx.stderr.write(r.err.message === "Is a directory" ? `sort: read failed: ${f}: Is a directory\n` : `sort: cannot read: ${f}: ${r.err.message}\n`);
      return 2;
    }
    lines.push(...splitLines(r.text));
  }
  charge(ctx, lines.length);
  const effKeys = keys.map((k) => {
    const has = k.n || k.r || k.h || k.V || k.f || k.b || k.g || k.M || k.d;
    return has ? k : { ...g, ...k, r: g.r };
  });
  // Extract each line's keys once (sorting compares them many times).
  const keyCache = new Map<string, string[]>();
  const keysOf = (l: string): string[] => {
    let ks = keyCache.get(l);
    if (!ks) {
      ks = effKeys.map((k) => keyText(l, k, sep, !!g.b));
      keyCache.set(l, ks);
    }
    return ks;
  };
  const keyCmp = (a: string, b: string): number => {
    if (effKeys.length === 0) return cmpBy(g.b ? a.replace(/^[ \t]+/, "") : a, g.b ? b.replace(/^[ \t]+/, "") : b, g);
    const ka = keysOf(a), kb = keysOf(b);
    for (let i = 0; i < effKeys.length; i++) {
      const r = cmpBy(ka[i], kb[i], effKeys[i]);
      if (r) return r;
    }
    return 0;
  };
  const full = (a: string, b: string): number => {
    const r = keyCmp(a, b);
    if (r || stable || unique) return r;
    const last = cmpStr(a, b);
    return g.r ? -last : last;
  };
  if (check) {
    for (let i = 1; i < lines.length; i++) {
      const r = full(lines[i - 1], lines[i]);
      if (r > 0 || (unique && r === 0)) {
        ctx.stderr.write(`sort: ${files[0] === "-" ? "-" : files[0]}:${i + 1}: disorder: ${lines[i]}\n`);
        return 1;
      }
    }
    return 0;
  }
  const sorted = lines.slice().sort(full);
  const out: string[] = [];
  for (const l of sorted) {
    if (unique && out.length && keyCmp(out[out.length - 1], l) === 0) continue;
    out.push(l);
  }
  const text = out.length ? out.join("\n") + "\n" : "";
  if (output !== undefined) {
    try {
      writeFileAt(ctx, output, text);
    } catch (e) {
      ctx.stderr.write(`sort: open failed: ${output}: ${(e as Error).message}\n`);
      return 2;
    }
  } else ctx.stdout.write(text);
  return 0;
}
