// jq builtins implemented in TypeScript (the rest are jq definitions in jq-eval.ts's prelude).

import type { Json } from "./jq-json.ts";
import { cmpStrings, fmtJson, parseJsonStream } from "./jq-json.ts";
import type { Node } from "./jq-parse.ts";
import type { Env, Evaluator } from "./jq-eval.ts";
import { compareJson, delPaths, getPath, JqError, setPath, typeOf } from "./jq-eval.ts";
import { utf8Encode } from "./util.ts";

type Obj = { [k: string]: Json };
type B = (ev: Evaluator, input: Json, args: Node[], env: Env) => Iterable<Json>;

export class JqHalt extends Error {
  constructor(public code: number, public text?: string) {
    super("halt");
  }
}

function dumpTrunc(v: Json): string {
  const s = fmtJson(v, { indent: 0 });
  return s.length > 14 ? s.slice(0, 11) + "..." : s;
}
function desc(v: Json): string {
  return `${typeOf(v)} (${dumpTrunc(v)})`;
}

function one(ev: Evaluator, n: Node, input: Json, env: Env): Json[] {
  return [...ev.eval(n, input, env)];
}

/** Call f for each combination of the argument values (jq evaluates $-style builtin args as a cartesian product). */
function* cart(ev: Evaluator, args: Node[], input: Json, env: Env, f: (vals: Json[]) => Iterable<Json>): Generator<Json> {
  const rec = function* (i: number, acc: Json[]): Generator<Json> {
    if (i < 0) {
      yield* f(acc);
      return;
    }
    for (const v of ev.eval(args[i], input, env)) yield* rec(i - 1, [v, ...acc]);
  };
  yield* rec(args.length - 1, []);
}

function num(v: Json, name: string): number {
  if (typeof v !== "number") throw new JqError(`${desc(v)} number required`);
  void name;
  return v;
}

function regexOf(re: Json, flags: Json): { rx: RegExp; global: boolean; skipEmpty: boolean } {
  if (typeof re !== "string") throw new JqError(`${desc(re)} cannot be matched, as it is not a string`);
  if (flags !== null && typeof flags !== "string") throw new JqError(`${desc(flags)} is not a string`);
  let f = "u";
  let global = false, skipEmpty = false;
  let src = re;
  for (const c of (flags as string | null) ?? "") {
    if (c === "g") global = true;
    else if (c === "i") f += "i";
    else if (c === "x") src = src.replace(/\\#/g, "\u0000").replace(/\s+|#.*$/gm, "").replace(/\u0000/g, "\\#");
    else if (c === "n") skipEmpty = true;
    else if (c === "s") f += "s";
    else if (c === "l" || c === "p") {
      /* ignore */
    } else throw new JqError(`${flags} is not a valid modifier string`);
  }
  try {
    return { rx: new RegExp(src, f + "g"), global, skipEmpty };
  } catch (e) {
    const m = (e as Error).message;
    const onig = /Unterminated character class/.test(m)
      ? "premature end of char-class"
      : /Unterminated group|Unmatched '\('/.test(m)
        ? "end pattern with unmatched parenthesis"
        : /Unmatched '\)'/.test(m)
          ? "unmatched close parenthesis"
          : /Nothing to repeat/.test(m)
            ? "target of repeat operator is not specified"
            : /\\ at end of pattern/.test(m)
              ? "end pattern at escape"
              : "invalid pattern";
    throw new JqError(`Regex failure: ${onig}`);
  }
}

function cpLen(s: string): number {
  return [...s].length;
}

function matches(input: Json, re: Json, flags: Json): Json[] {
  if (typeof input !== "string") throw new JqError(`${desc(input)} cannot be matched, as it is not a string`);
  const { rx, global, skipEmpty } = regexOf(re, flags);
  const out: Json[] = [];
  let m: RegExpExecArray | null;
  rx.lastIndex = 0;
  while ((m = rx.exec(input))) {
    if (!(skipEmpty && m[0] === "")) {
      const names = m.groups ? Object.keys(m.groups) : [];
      const caps: Json[] = [];
      // map group index -> name (named groups appear in order)
      const nameOf: Array<string | null> = [];
      const srcNames = [...rx.source.matchAll(/\((\?<([A-Za-z_][A-Za-z0-9_]*)>|(?!\?))/g)].map((x) => x[2] ?? null);
      for (let i = 1; i < m.length; i++) nameOf[i] = srcNames[i - 1] ?? null;
      let searchFrom = m.index;
      for (let i = 1; i < m.length; i++) {
        const g = m[i];
        if (g === undefined) caps.push({ offset: -1, length: 0, string: null, name: nameOf[i] });
        else {
          const at = input.indexOf(g, searchFrom);
          caps.push({ offset: cpLen(input.slice(0, at < 0 ? m.index : at)), length: cpLen(g), string: g, name: nameOf[i] });
        }
      }
      void names;
      out.push({ offset: cpLen(input.slice(0, m.index)), length: cpLen(m[0]), string: m[0], captures: caps });
    }
    if (!global) break;
    if (m[0] === "") rx.lastIndex++;
    if (rx.lastIndex > input.length) break;
  }
  return out;
}

function captureObj(m: Json): Obj {
  const o: Obj = {};
  for (const c of (m as Obj).captures as Obj[]) if (c.name !== null) o[c.name as string] = c.string;
  return o;
}

function contains(a: Json, b: Json, top = true): boolean {
  const ta = typeOf(a), tb = typeOf(b);
  if (!top && ta !== tb) return false;
  if (ta === "object" && tb === "object") {
    return Object.keys(b as Obj).every((k) => Object.prototype.hasOwnProperty.call(a, k) && contains((a as Obj)[k], (b as Obj)[k], false));
  }
  if (ta === "array" && tb === "array") return (b as Json[]).every((y) => (a as Json[]).some((x) => contains(x, y, false)));
  if (ta === "string" && tb === "string") return (a as string).includes(b as string);
  if (ta === tb) return compareJson(a, b) === 0;
  throw new JqError(`${desc(a)} and ${desc(b)} cannot have their containment checked`);
}

function sortByKeys(arr: Json[], keys: Json[]): Json[] {
  return arr
    .map((v, i) => ({ v, k: keys[i], i }))
    .sort((x, y) => compareJson(x.k, y.k) || x.i - y.i)
    .map((x) => x.v);
}

function requireArray(v: Json, what: string): Json[] {
  if (!Array.isArray(v)) throw new JqError(`Cannot ${what} ${typeOf(v)}${v === null ? "" : ""}`);
  return v;
}

function p2(n: number): string {
  return String(n).padStart(2, "0");
}

function gmtime(t: number): Json[] {
  const d = new Date(t * 1000);
  const start = Date.UTC(d.getUTCFullYear(), 0, 1);
  const yday = Math.floor((d.getTime() - start) / 86400000);
  return [d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate(), d.getUTCHours(), d.getUTCMinutes(), d.getUTCSeconds() + (t % 1), d.getUTCDay(), yday];
}

function mktime(bt: Json): number {
  if (!Array.isArray(bt) || bt.length < 6 || bt.slice(0, 6).some((x) => typeof x !== "number")) throw new JqError("mktime requires array of 6 numbers");
  const [y, mo, d, h, mi, s] = bt as number[];
  return Math.floor(Date.UTC(y, mo, d, h, mi, Math.floor(s)) / 1000);
}

function strftime(v: Json, fmt: Json): string {
  if (typeof fmt !== "string") throw new JqError("strftime/1 requires a string format");
  const bt = typeof v === "number" ? gmtime(v) : v;
  if (!Array.isArray(bt)) throw new JqError("strftime/1 requires parsed datetime inputs");
  const t = mktime(bt);
  const d = new Date(t * 1000);
  const days = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];
  const months = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];
  return fmt.replace(/%([a-zA-Z%])/g, (m, c: string) => {
    switch (c) {
      case "Y": return String(d.getUTCFullYear());
      case "m": return p2(d.getUTCMonth() + 1);
      case "d": return p2(d.getUTCDate());
      case "e": return String(d.getUTCDate()).padStart(2, " ");
      case "H": return p2(d.getUTCHours());
      case "M": return p2(d.getUTCMinutes());
      case "S": return p2(d.getUTCSeconds());
      case "Z": return "UTC";
      case "z": return "+0000";
      case "a": return days[d.getUTCDay()].slice(0, 3);
      case "A": return days[d.getUTCDay()];
      case "b": case "h": return months[d.getUTCMonth()].slice(0, 3);
      case "B": return months[d.getUTCMonth()];
      case "j": return String((bt[7] as number) + 1).padStart(3, "0");
      case "s": return String(t);
      case "F": return `${d.getUTCFullYear()}-${p2(d.getUTCMonth() + 1)}-${p2(d.getUTCDate())}`;
      case "T": return `${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())}`;
      case "y": return p2(d.getUTCFullYear() % 100);
      case "%": return "%";
      default: return m;
    }
  });
}

function strptimeIso(s: Json): number {
  if (typeof s !== "string") throw new JqError(`strptime/1 requires string inputs and arguments`);
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})Z$/.exec(s);
  if (!m) throw new JqError(`date "${s}" does not match format "%Y-%m-%dT%H:%M:%SZ"`);
  return Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +m[6]) / 1000;
}

function toPathJson(p: unknown[]): Json {
  return p.map((k) => (typeof k === "object" && k !== null ? { start: (k as Obj).start ?? null, end: (k as Obj).end ?? null } : (k as Json)));
}

function tonumber(v: Json): number {
  if (typeof v === "number") return v;
  if (typeof v !== "string") throw new JqError(`${desc(v)} cannot be parsed as a number`);
  const t = v.trim();
  if (/^-?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(t)) return Number(t);
  if (t === "nan" || t === "-nan") return NaN;
  throw new JqError(`Invalid numeric literal at EOF at line 1, column ${v.length} (while parsing '${v}')`);
}

const table: Record<string, B> = {
  "select/1": function* (ev, input, args, env) {
    for (const c of ev.eval(args[0], input, env)) if (c !== null && c !== false) yield input;
  },
  "map/1": function* (ev, input, args, env) {
    let items: Json[];
    if (Array.isArray(input)) items = input;
    else if (input !== null && typeof input === "object") items = Object.values(input);
    else throw new JqError(`Cannot iterate over ${desc(input)}`);
    const out: Json[] = [];
    for (const x of items) for (const v of ev.eval(args[0], x, env)) out.push(v);
    yield out;
  },
  "empty/0": function* () {
    /* no outputs */
  },
  "not/0": function* (_ev, input) {
    yield input === null || input === false;
  },
  "error/1": function* (ev, input, args, env) {
    for (const m of ev.eval(args[0], input, env)) throw new JqError(m);
  },
  "length/0": function* (_ev, v) {
    if (v === null) yield 0;
    else if (typeof v === "boolean") throw new JqError(`${desc(v)} has no length`);
    else if (typeof v === "number") yield Math.abs(v);
    else if (typeof v === "string") yield cpLen(v);
    else if (Array.isArray(v)) yield v.length;
    else yield Object.keys(v).length;
  },
  "utf8bytelength/0": function* (_ev, v) {
    if (typeof v !== "string") throw new JqError(`${desc(v)} only strings have UTF-8 byte length`);
    yield utf8Encode(v).length;
  },
  "keys/0": function* (_ev, v) {
    if (Array.isArray(v)) yield v.map((_, i) => i);
    else if (v !== null && typeof v === "object") yield Object.keys(v).sort(cmpStrings);
    else throw new JqError(`${desc(v)} has no keys`);
  },
  "keys_unsorted/0": function* (_ev, v) {
    if (Array.isArray(v)) yield v.map((_, i) => i);
    else if (v !== null && typeof v === "object") yield Object.keys(v);
    else throw new JqError(`${desc(v)} has no keys`);
  },
  "has/1": function* (ev, input, args, env) {
    for (const k of ev.eval(args[0], input, env)) {
      if (typeOf(input) === "object" && typeof k === "string") yield Object.prototype.hasOwnProperty.call(input, k);
      else if (Array.isArray(input) && typeof k === "number") yield k >= 0 && k < input.length;
      else throw new JqError(`Cannot check whether ${typeOf(input)} has a ${typeOf(k)} key`);
    }
  },
  "contains/1": function* (ev, input, args, env) {
    for (const b of ev.eval(args[0], input, env)) yield contains(input, b);
  },
  "type/0": function* (_ev, v) {
    yield typeOf(v);
  },
  "tostring/0": function* (_ev, v) {
    yield typeof v === "string" ? v : fmtJson(v, { indent: 0 });
  },
  "tonumber/0": function* (_ev, v) {
    yield tonumber(v);
  },
  "tojson/0": function* (_ev, v) {
    yield fmtJson(v, { indent: 0 });
  },
  "fromjson/0": function* (_ev, v) {
    if (typeof v !== "string") throw new JqError(`${desc(v)} only strings can be parsed`);
    const r = parseJsonStream(v);
    if (r.error) throw new JqError(`${r.error} (while parsing '${v}')`);
    yield r.values.length ? r.values[0].v : null;
  },
  "ascii_downcase/0": function* (_ev, v) {
    if (typeof v !== "string") throw new JqError("ascii_downcase input must be a string");
    yield v.replace(/[A-Z]/g, (c) => c.toLowerCase());
  },
  "ascii_upcase/0": function* (_ev, v) {
    if (typeof v !== "string") throw new JqError("ascii_upcase input must be a string");
    yield v.replace(/[a-z]/g, (c) => c.toUpperCase());
  },
  "explode/0": function* (_ev, v) {
    if (typeof v !== "string") throw new JqError(`${desc(v)} cannot be exploded`);
    yield [...v].map((c) => c.codePointAt(0)!);
  },
  "implode/0": function* (_ev, v) {
    if (!Array.isArray(v)) throw new JqError("Cannot iterate over " + typeOf(v));
    yield v.map((c) => String.fromCodePoint(num(c, "implode"))).join("");
  },
  "ltrimstr/1": function* (ev, input, args, env) {
    for (const p of ev.eval(args[0], input, env)) yield typeof input === "string" && typeof p === "string" && input.startsWith(p) ? input.slice(p.length) : input;
  },
  "rtrimstr/1": function* (ev, input, args, env) {
    for (const p of ev.eval(args[0], input, env))
      yield typeof input === "string" && typeof p === "string" && input.endsWith(p) && p !== "" ? input.slice(0, input.length - p.length) : input;
  },
  "startswith/1": function* (ev, input, args, env) {
    for (const p of ev.eval(args[0], input, env)) {
      if (typeof input !== "string" || typeof p !== "string") throw new JqError("startswith() requires string inputs");
      yield input.startsWith(p);
    }
  },
  "endswith/1": function* (ev, input, args, env) {
    for (const p of ev.eval(args[0], input, env)) {
      if (typeof input !== "string" || typeof p !== "string") throw new JqError("endswith() requires string inputs");
      yield input.endsWith(p);
    }
  },
  "split/1": function* (ev, input, args, env) {
    for (const sep of ev.eval(args[0], input, env)) {
      if (typeof input !== "string" || typeof sep !== "string") throw new JqError("split input and separator must be strings");
      yield input === "" ? [] : sep === "" ? [...input] : input.split(sep);
    }
  },
  "split/2": function* (ev, input, args, env) {
    yield* cart(ev, args, input, env, function* ([re, flags]) {
      const ms = matches(input, re, flags === null ? "g" : (flags as string) + "g");
      const out: Json[] = [];
      let prev = 0;
      const chars = [...(input as string)];
      for (const m of ms as Obj[]) {
        out.push(chars.slice(prev, m.offset as number).join(""));
        prev = (m.offset as number) + (m.length as number);
      }
      out.push(chars.slice(prev).join(""));
      yield out;
    });
  },
  "test/2": function* (ev, input, args, env) {
    yield* cart(ev, args, input, env, function* ([re, flags]) {
      yield matches(input, re, flags).length > 0;
    });
  },
  "match/2": function* (ev, input, args, env) {
    yield* cart(ev, args, input, env, function* ([re, flags]) {
      yield* matches(input, re, flags);
    });
  },
  "capture/2": function* (ev, input, args, env) {
    yield* cart(ev, args, input, env, function* ([re, flags]) {
      for (const m of matches(input, re, flags)) yield captureObj(m);
    });
  },
  "scan/2": function* (ev, input, args, env) {
    yield* cart(ev, args, input, env, function* ([re, flags]) {
      for (const m of matches(input, re, ((flags as string | null) ?? "") + "g") as Obj[]) {
        const caps = m.captures as Obj[];
        yield caps.length ? caps.map((c) => c.string) : m.string;
      }
    });
  },
  "sub/3": function* (ev, input, args, env) {
    for (const flags of ev.eval(args[2], input, env)) {
      for (const re of ev.eval(args[0], input, env)) {
        if (typeof input !== "string") throw new JqError(`${desc(input)} cannot be matched, as it is not a string`);
        const ms = matches(input, re, flags) as Obj[];
        const chars = [...input];
        let out = "";
        let prev = 0;
        for (const m of ms) {
          out += chars.slice(prev, m.offset as number).join("");
          const rep = ev.eval(args[1], captureObj(m), env).next();
          if (!rep.done) {
            if (typeof rep.value !== "string") throw new JqError(`${desc(rep.value)} cannot be added to a string`);
            out += rep.value;
          }
          prev = (m.offset as number) + (m.length as number);
        }
        yield out + chars.slice(prev).join("");
      }
    }
  },
  "sort/0": function* (_ev, v) {
    if (!Array.isArray(v)) throw new JqError(`${desc(v)} cannot be sorted, as it is not an array`);
    yield v.slice().sort(compareJson);
  },
  "sort_by/1": function* (ev, v, args, env) {
    if (!Array.isArray(v)) throw new JqError(`${desc(v)} cannot be sorted, as it is not an array`);
    yield sortByKeys(v, v.map((x) => one(ev, args[0], x, env)));
  },
  "group_by/1": function* (ev, v, args, env) {
    if (!Array.isArray(v)) throw new JqError(`Cannot index ${typeOf(v)} with number`);
    const keys = v.map((x) => one(ev, args[0], x, env));
    const items = v.map((x, i) => ({ x, k: keys[i] as Json, i })).sort((a, b) => compareJson(a.k, b.k) || a.i - b.i);
    const out: Json[][] = [];
    let prev: Json | undefined;
    for (const it of items) {
      if (out.length && compareJson(prev as Json, it.k) === 0) out[out.length - 1].push(it.x);
      else out.push([it.x]);
      prev = it.k;
    }
    yield out;
  },
  "unique/0": function* (_ev, v) {
    if (!Array.isArray(v)) throw new JqError(`${desc(v)} cannot be sorted, as it is not an array`);
    const s = v.slice().sort(compareJson);
    yield s.filter((x, i) => i === 0 || compareJson(s[i - 1], x) !== 0);
  },
  "min/0": function* (_ev, v) {
    const a = requireArray(v, "find min of");
    yield a.length ? a.reduce((m, x) => (compareJson(x, m) < 0 ? x : m)) : null;
  },
  "max/0": function* (_ev, v) {
    const a = requireArray(v, "find max of");
    yield a.length ? a.reduce((m, x) => (compareJson(x, m) >= 0 ? x : m)) : null;
  },
  "_min_by_impl/1": function* (ev, v, args, env) {
    const a = requireArray(v, "find min of");
    for (const keys of ev.eval(args[0], v, env)) {
      const k = keys as Json[];
      let best = -1;
      for (let i = 0; i < a.length; i++) if (best < 0 || compareJson(k[i], k[best]) < 0) best = i;
      yield best < 0 ? null : a[best];
    }
  },
  "_max_by_impl/1": function* (ev, v, args, env) {
    const a = requireArray(v, "find max of");
    for (const keys of ev.eval(args[0], v, env)) {
      const k = keys as Json[];
      let best = -1;
      for (let i = 0; i < a.length; i++) if (best < 0 || compareJson(k[i], k[best]) >= 0) best = i;
      yield best < 0 ? null : a[best];
    }
  },
  "reverse/0": function* (_ev, v) {
    if (v === null) yield [];
    else if (Array.isArray(v)) yield v.slice().reverse();
    else if (typeof v === "string") throw new JqError("Cannot index string with number");
    else throw new JqError(`Cannot index ${typeOf(v)} with number`);
  },
  "floor/0": function* (_ev, v) {
    yield Math.floor(num(v, "floor"));
  },
  "ceil/0": function* (_ev, v) {
    yield Math.ceil(num(v, "ceil"));
  },
  "round/0": function* (_ev, v) {
    const n = num(v, "round");
    yield n < 0 ? -Math.round(-n) : Math.round(n);
  },
  "sqrt/0": function* (_ev, v) {
    yield Math.sqrt(num(v, "sqrt"));
  },
  "fabs/0": function* (_ev, v) {
    yield Math.abs(num(v, "fabs"));
  },
  "log/0": function* (_ev, v) {
    yield Math.log(num(v, "log"));
  },
  "log10/0": function* (_ev, v) {
    yield Math.log10(num(v, "log10"));
  },
  "exp/0": function* (_ev, v) {
    yield Math.exp(num(v, "exp"));
  },
  "pow/2": function* (ev, input, args, env) {
    yield* cart(ev, args, input, env, function* ([a, b]) {
      yield Math.pow(num(a, "pow"), num(b, "pow"));
    });
  },
  "infinite/0": function* () {
    yield Infinity;
  },
  "nan/0": function* () {
    yield NaN;
  },
  "isinfinite/0": function* (_ev, v) {
    yield !Number.isFinite(num(v, "isinfinite")) && !Number.isNaN(v);
  },
  "isnan/0": function* (_ev, v) {
    yield Number.isNaN(num(v, "isnan"));
  },
  "isnormal/0": function* (_ev, v) {
    const n = num(v, "isnormal");
    yield Number.isFinite(n) && n !== 0;
  },
  "range/2": function* (ev, input, args, env) {
    for (const from of ev.eval(args[0], input, env)) {
      for (const upto of ev.eval(args[1], input, env)) {
        if (typeof from !== "number" || typeof upto !== "number") throw new JqError("Range bounds must be numeric");
        for (let i = from; i < upto; i++) {
          ev.tick();
          yield i;
        }
      }
    }
  },
  "range/3": function* (ev, input, args, env) {
    yield* cart(ev, args, input, env, function* ([from, upto, by]) {
      if (typeof from !== "number" || typeof upto !== "number" || typeof by !== "number") throw new JqError("Range bounds must be numeric");
      if (by > 0) for (let i = from; i < upto; i += by) (ev.tick(), yield i);
      else if (by < 0) for (let i = from; i > upto; i += by) (ev.tick(), yield i);
      else if (from < upto) for (;;) (ev.tick(), yield from);
    });
  },
  "flatten/1": function* (ev, input, args, env) {
    for (const d of ev.eval(args[0], input, env)) {
      if (typeof d !== "number" || d < 0) throw new JqError("flatten depth must not be negative");
      if (!Array.isArray(input)) throw new JqError(`Cannot iterate over ${typeOf(input)}`);
      const flat = (a: Json[], depth: number): Json[] => a.flatMap((x) => (Array.isArray(x) && depth > 0 ? flat(x, depth - 1) : [x]));
      yield flat(input, d);
    }
  },
  "indices/1": function* (ev, input, args, env) {
    for (const i of ev.eval(args[0], input, env)) yield ev.indices(input, i);
  },
  "index/1": function* (ev, input, args, env) {
    for (const i of ev.eval(args[0], input, env)) {
      const r = ev.indices(input, i);
      yield Array.isArray(r) ? (r.length ? r[0] : null) : null;
    }
  },
  "rindex/1": function* (ev, input, args, env) {
    for (const i of ev.eval(args[0], input, env)) {
      const r = ev.indices(input, i);
      yield Array.isArray(r) ? (r.length ? r[r.length - 1] : null) : null;
    }
  },
  "path/1": function* (ev, input, args, env) {
    for (const [p] of ev.paths(args[0], input, input, [], env)) yield toPathJson(p);
  },
  "getpath/1": function* (ev, input, args, env) {
    for (const p of ev.eval(args[0], input, env)) {
      if (!Array.isArray(p)) throw new JqError("Path must be specified as an array");
      try {
        yield getPath(input, p as Array<string | number>);
      } catch {
        yield null;
      }
    }
  },
  "setpath/2": function* (ev, input, args, env) {
    yield* cart(ev, args, input, env, function* ([p, v]) {
      if (!Array.isArray(p)) throw new JqError("Path must be specified as an array");
      yield setPath(input, p as Array<string | number>, v);
    });
  },
  "delpaths/1": function* (ev, input, args, env) {
    for (const ps of ev.eval(args[0], input, env)) {
      if (!Array.isArray(ps)) throw new JqError("Paths must be specified as an array");
      yield delPaths(input, ps as Array<Array<string | number>>);
    }
  },
  "input/0": function* (ev) {
    const v = ev.opts.inputs();
    if (v === undefined) throw new JqError("break");
    yield v;
  },
  "inputs/0": function* (ev) {
    for (;;) {
      const v = ev.opts.inputs();
      if (v === undefined) return;
      yield v;
    }
  },
  "debug/0": function* (ev, input) {
    ev.opts.stderr(`["DEBUG:",${fmtJson(input, { indent: 0 })}]\n`);
    yield input;
  },
  "stderr/0": function* (ev, input) {
    ev.opts.stderr(fmtJson(input, { indent: 0 }));
    yield input;
  },
  "input_filename/0": function* () {
    yield null;
  },
  "now/0": function* (ev) {
    yield ev.opts.now() / 1000;
  },
  "mktime/0": function* (_ev, v) {
    yield mktime(v);
  },
  "gmtime/0": function* (_ev, v) {
    yield gmtime(num(v, "gmtime"));
  },
  "localtime/0": function* (_ev, v) {
    yield gmtime(num(v, "localtime"));
  },
  "strftime/1": function* (ev, input, args, env) {
    for (const f of ev.eval(args[0], input, env)) yield strftime(input, f);
  },
  "strflocaltime/1": function* (ev, input, args, env) {
    for (const f of ev.eval(args[0], input, env)) yield strftime(input, f);
  },
  "fromdateiso8601/0": function* (_ev, v) {
    yield strptimeIso(v);
  },
  "todateiso8601/0": function* (_ev, v) {
    yield strftime(v, "%Y-%m-%dT%H:%M:%SZ");
  },
  "halt/0": function* () {
    throw new JqHalt(0);
  },
  "halt_error/1": function* (ev, input, args, env) {
    for (const c of ev.eval(args[0], input, env)) {
      if (typeof c !== "number") throw new JqError("halt_error/1: number required");
      throw new JqHalt(c, typeof input === "string" ? input : fmtJson(input, { indent: 0 }) + "\n");
    }
  },
  "builtins/0": function* () {
    yield Object.keys(table);
  },
  "ascii/0": function* (_ev, v) {
    yield String.fromCharCode(num(v, "ascii"));
  },
  "significand/0": function* (_ev, v) {
    const n = num(v, "significand");
    if (n === 0) yield 0;
    else {
      const e = Math.floor(Math.log2(Math.abs(n)));
      yield n / 2 ** e;
    }
  },
  "abs/0": function* (_ev, v) {
    yield Math.abs(num(v, "abs"));
  },
  "to_number/0": function* (_ev, v) {
    yield tonumber(v);
  },
  "env/0": function* (ev) {
    const o: Obj = {};
    for (const [k, v] of Object.entries(ev.opts.env)) o[k] = v;
    yield o;
  },
  "trim/0": function* (_ev, v) {
    if (typeof v !== "string") throw new JqError(`${desc(v)} cannot be trimmed`);
    yield v.trim();
  },
  "ltrim/0": function* (_ev, v) {
    if (typeof v !== "string") throw new JqError(`${desc(v)} cannot be trimmed`);
    yield v.trimStart();
  },
  "rtrim/0": function* (_ev, v) {
    if (typeof v !== "string") throw new JqError(`${desc(v)} cannot be trimmed`);
    yield v.trimEnd();
  },
};


export function installBuiltins(env: Env): void {
  for (const [k, f] of Object.entries(table)) {
    env.funcs.set(k, { params: [], body: { k: "identity" }, env, builtin: f });
  }
}
