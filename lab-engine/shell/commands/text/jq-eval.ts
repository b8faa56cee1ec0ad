// jq evaluator: generator semantics over JSON values, path expressions for assignment and del().

import type { Json } from "./jq-json.ts";
import { cmpStrings, fmtJson, parseJsonStream } from "./jq-json.ts";
import type { Node, Pattern } from "./jq-parse.ts";
import { parseJq } from "./jq-parse.ts";
import { b64decode, b64encode } from "./base64.ts";
import { utf8Decode, utf8Encode } from "./util.ts";

export class JqError extends Error {
  constructor(public value: Json) {
    super(typeof value === "string" ? value : fmtJson(value, { indent: 0 }) + " (not a string)");
  }
}
export class JqCompileError extends Error {}
class BreakSignal {
  constructor(public label: symbol) {}
}

type Path = Array<string | number | { start?: number | null; end?: number | null }>;
type Obj = { [k: string]: Json };

interface Closure {
  params: string[];
  body: Node;
  env: Env;
  builtin?: Builtin;
}
type Builtin = (ctx: Evaluator, input: Json, args: Node[], env: Env) => Iterable<Json>;

export class Env {
  vars = new Map<string, Json>();
  funcs = new Map<string, Closure>();
  labels = new Map<string, symbol>();
  constructor(public parent?: Env) {}
  getVar(name: string): Json | undefined {
    for (let e: Env | undefined = this; e; e = e.parent) if (e.vars.has(name)) return e.vars.get(name);
    return undefined;
  }
  hasVar(name: string): boolean {
    for (let e: Env | undefined = this; e; e = e.parent) if (e.vars.has(name)) return true;
    return false;
  }
  getFunc(key: string): Closure | undefined {
    for (let e: Env | undefined = this; e; e = e.parent) {
      const f = e.funcs.get(key);
      if (f) return f;
    }
    return undefined;
  }
  getLabel(name: string): symbol | undefined {
    for (let e: Env | undefined = this; e; e = e.parent) if (e.labels.has(name)) return e.labels.get(name);
    return undefined;
  }
}

export function typeOf(v: Json): string {
  if (v === null) return "null";
  if (Array.isArray(v)) return "array";
  return typeof v === "object" ? "object" : typeof v;
}

function dumpTrunc(v: Json): string {
  const s = fmtJson(v, { indent: 0 });
  return s.length > 14 ? s.slice(0, 11) + "..." : s;
}
function desc(v: Json): string {
  return `${typeOf(v)} (${dumpTrunc(v)})`;
}

const ORDER = ["null", "boolean", "number", "string", "array", "object"];
export function compareJson(a: Json, b: Json): number {
  const ta = typeOf(a), tb = typeOf(b);
  if (ta !== tb) {
    if (ta === "boolean" && tb === "boolean") return 0;
    return ORDER.indexOf(ta) - ORDER.indexOf(tb) < 0 ? -1 : 1;
  }
  if (ta === "boolean") return a === b ? 0 : a ? 1 : -1;
  if (ta === "number") return (a as number) < (b as number) ? -1 : (a as number) > (b as number) ? 1 : 0;
  if (ta === "string") return cmpStrings(a as string, b as string);
  if (ta === "array") {
    const x = a as Json[], y = b as Json[];
    for (let i = 0; i < Math.min(x.length, y.length); i++) {
      const c = compareJson(x[i], y[i]);
      if (c) return c;
    }
    return x.length < y.length ? -1 : x.length > y.length ? 1 : 0;
  }
  if (ta === "null") return 0;
  const x = a as Obj, y = b as Obj;
  const kx = Object.keys(x).sort(cmpStrings), ky = Object.keys(y).sort(cmpStrings);
  const c = compareJson(kx, ky);
  if (c) return c;
  for (const k of kx) {
    const d = compareJson(x[k], y[k]);
    if (d) return d;
  }
  return 0;
}

function truthy(v: Json): boolean {
  return v !== null && v !== false;
}

function clone(v: Json): Json {
  return v === null || typeof v !== "object" ? v : JSON.parse(JSON.stringify(v));
}

const PRELUDE = `
def recurse(f): def r: ., (f | r); r;
def recurse(f; cond): def r: ., (f | select(cond) | r); r;
def recurse: recurse(.[]?);
def map_values(f): .[] |= f;
def to_entries: [keys_unsorted[] as $k | {key: $k, value: .[$k]}];
def from_entries: map({(.key // .k // .name // .Name // .K // .Key | if type == "string" then . else tojson end): (if has("value") then .value else .v end)}) | add + {} // {};
def with_entries(f): to_entries | map(f) | from_entries;
def values: select(. != null);
def nulls: select(. == null);
def booleans: select(type == "boolean");
def numbers: select(type == "number");
def strings: select(type == "string");
def arrays: select(type == "array");
def objects: select(type == "object");
def iterables: select(type == "array" or type == "object");
def scalars: select(type != "array" and type != "object");
def first(f): label $__first | (f | ., break $__first);
def first: .[0];
def last: .[-1];
def last(f): reduce f as $x (null; $x);
def nth($n): .[$n];
def nth($n; f): if $n < 0 then error("Out of bounds negative array index") else last(limit($n + 1; f)) end;
def limit($n; f): if $n > 0 then label $__lim | foreach f as $item (0; . + 1; $item, if . >= $n then break $__lim else empty end) elif $n == 0 then empty else f end;
def until(cond; update): def _until: if cond then . else (update | _until) end; _until;
def while(cond; update): def _while: if cond then ., (update | _while) else empty end; _while;
def repeat(f): def _repeat: f | (., _repeat); _repeat;
def range($x): range(0; $x);
def in(xs): . as $x | xs | has($x);
def inside(xs): . as $x | xs | contains($x);
def isempty(g): first((g | false), true);
def any: reduce .[] as $x (false; . or $x);
def all: reduce .[] as $x (true; . and $x);
def any(f): reduce (.[] | f) as $x (false; . or $x);
def all(f): reduce (.[] | f) as $x (true; . and $x);
def any(g; cond): isempty(first(g | cond | select(.))) | not;
def all(g; cond): isempty(first(g | cond | select(. | not)));
def IN(s): any(s == .; .);
def IN(src; s): any(src == s; .);
def del(f): delpaths([path(f)]);
def paths: path(..) | select(length > 0);
def paths(node_filter): . as $dot | paths | select(. as $p | $dot | getpath($p) | node_filter);
def leaf_paths: paths(scalars);
def add: reduce .[] as $x (null; . + $x);
def join($x): reduce .[] as $i (null; (if . == null then "" else . + $x end) + ($i | if . == null then "" elif type == "string" then . else tojson end)) // "";
def flatten: flatten(1e9);
def unique_by(f): [group_by(f)[] | .[0]];
def finites: select(isinfinite or isnan | not);
def normals: select(isnormal);
def walk(f): . as $in | if type == "object" then reduce keys_unsorted[] as $key ({}; . + {($key): ($in[$key] | walk(f))}) | f elif type == "array" then map(walk(f)) | f else f end;
def env: $ENV;
def todate: strftime("%Y-%m-%dT%H:%M:%SZ");
def fromdate: fromdateiso8601;
def dateadd(u; n): . + n;
def splits($re): split($re; null) | .[];
def splits($re; flags): split($re; flags) | .[];
def ascii_downcase: explode | map(if 65 <= . and . <= 90 then . + 32 else . end) | implode;
def ascii_upcase: explode | map(if 97 <= . and . <= 122 then . - 32 else . end) | implode;
def todate(f): strftime(f);
def capture(re): capture(re; null);
def scan(re): scan(re; null);
def match(re): match(re; null);
def test(re): test(re; null);
def sub(re; str): sub(re; str; "");
def gsub(re; str): sub(re; str; "g");
def gsub(re; str; flags): sub(re; str; flags + "g");
def tostream: path(def r: (.[]?|r), .; r) as $p | getpath($p) | reduce path(.[]?) as $q ([$p, .]; [$p+$q]);
def combinations: if length == 0 then [] else .[0][] as $x | (.[1:] | combinations) as $w | [$x] + $w end;
def combinations(n): . as $dot | [range(n)] | map($dot) | combinations;
def input_line_number: 0;
def halt_error: halt_error(5);
def error: error(.);
def transpose: if . == [] then [] else . as $in | (map(length) | max) as $max | [range(0; $max) as $j | [range(0; $in | length) as $i | $in[$i][$j]]] end;
def min_by(f): _min_by_impl(map([f]));
def max_by(f): _max_by_impl(map([f]));
`;

let preludeAst: Node | undefined;

export interface EvalOptions {
  named: Record<string, Json>;
  env: Record<string, string>;
  now: () => number;
  stderr: (s: string) => void;
  inputs: () => Json | undefined;
  charge?: (units: number) => void;
}

export class Evaluator {
  steps = 0;
  root: Env;
  constructor(public opts: EvalOptions) {
    this.root = new Env();
    installBuiltins(this.root);
    const envObj: Obj = {};
    for (const [k, v] of Object.entries(opts.env)) envObj[k] = v;
    this.root.vars.set("ENV", envObj);
    this.root.vars.set("__loc__", { file: "<top-level>", line: 1 });
    const named: Obj = {};
    for (const [k, v] of Object.entries(opts.named)) {
      this.root.vars.set(k, v);
      named[k] = v;
    }
    this.root.vars.set("__prog_named", named);
    preludeAst ??= parseJq(PRELUDE + ".");
    let n: Node = preludeAst;
    while (n.k === "def") {
      this.root.funcs.set(`${n.name}/${n.params.length}`, { params: n.params, body: n.body, env: this.root });
      n = n.rest;
    }
  }

  tick(): void {
    if (++this.steps > 5_000_000) throw new JqError("program exceeded the step limit");
    if ((this.steps & 1023) === 0) this.opts.charge?.(1);
  }

  /** Resolve every call site's function so unknown names fail at compile time like jq. */
  check(node: Node, scope: Set<string>, vars: Set<string>): void {
    const walk = (n: Node | undefined, s: Set<string>, v: Set<string>): void => {
      if (!n) return;
      switch (n.k) {
        case "call": {
          const key = `${n.name}/${n.args.length}`;
          if (!s.has(key) && !this.root.getFunc(key)) throw new JqCompileError(`${key} is not defined`);
          n.args.forEach((a) => walk(a, s, v));
          return;
        }
        case "var":
          if (!v.has(n.name) && !this.root.hasVar(n.name)) throw new JqCompileError(`$${n.name} is not defined`);
          return;
        case "def": {
          const s2 = new Set(s);
          s2.add(`${n.name}/${n.params.length}`);
          const inner = new Set(s2);
          const v2 = new Set(v);
          for (const p of n.params) {
            if (p.startsWith("$")) {
              v2.add(p.slice(1));
              inner.add(`${p.slice(1)}/0`);
            } else inner.add(`${p}/0`);
          }
          walk(n.body, inner, v2);
          walk(n.rest, s2, v);
          return;
        }
        case "as": {
          walk(n.src, s, v);
          const v2 = new Set(v);
          for (const p of n.patterns) patVars(p).forEach((x) => v2.add(x));
          walk(n.body, s, v2);
          return;
        }
        case "reduce":
        case "foreach": {
          walk(n.src, s, v);
          walk(n.init, s, v);
          const v2 = new Set(v);
          patVars(n.pattern).forEach((x) => v2.add(x));
          walk(n.update, s, v2);
          if (n.k === "foreach") walk(n.extract, s, v2);
          return;
        }
        case "label":
          walk(n.body, s, v);
          return;
        case "object":
          for (const e of n.entries) {
            if (e.keyVar && !v.has(e.keyVar) && !this.root.hasVar(e.keyVar)) throw new JqCompileError(`$${e.keyVar} is not defined`);
            if (typeof e.key !== "string") walk(e.key, s, v);
            walk(e.value, s, v);
          }
          return;
        case "str":
          n.parts.forEach((p) => typeof p !== "string" && walk(p, s, v));
          return;
        case "if":
          walk(n.cond, s, v);
          walk(n.then, s, v);
          n.elifs.forEach(([a, b]) => (walk(a, s, v), walk(b, s, v)));
          walk(n.else, s, v);
          return;
        default:
          for (const key of ["target", "index", "from", "to", "e", "a", "b", "body", "catch"] as const) {
            const c = (n as Record<string, unknown>)[key];
            if (c && typeof c === "object" && "k" in (c as object)) walk(c as Node, s, v);
          }
      }
    };
    walk(node, scope, vars);
  }

  *eval(n: Node, input: Json, env: Env): Generator<Json> {
    this.tick();
    switch (n.k) {
      case "identity":
        yield input;
        return;
      case "recurse_default":
        yield* this.recurseAll(input);
        return;
      case "literal":
        yield n.v as Json;
        return;
      case "field":
        for (const t of this.eval(n.target, input, env)) yield this.index(t, n.name);
        return;
      case "index":
        for (const t of this.eval(n.target, input, env)) for (const i of this.eval(n.index, input, env)) yield this.index(t, i);
        return;
      case "slice":
        for (const t of this.eval(n.target, input, env)) {
          const tos = n.to ? [...this.eval(n.to, input, env)] : [null];
          const froms = n.from ? [...this.eval(n.from, input, env)] : [null];
          for (const to of tos) for (const from of froms) yield this.slice(t, from, to);
        }
        return;
      case "iterate":
        for (const t of this.eval(n.target, input, env)) {
          if (Array.isArray(t)) yield* t;
          else if (t !== null && typeof t === "object") yield* Object.values(t);
          else throw new JqError(`Cannot iterate over ${desc(t)}`);
        }
        return;
      case "str": {
        const parts = n.parts;
        const fmt = n.fmt;
        // jq varies the last interpolation slowest
        const gen = function* (this: Evaluator, i: number, acc: string): Generator<Json> {
          if (i < 0) {
            yield acc;
            return;
          }
          const p = parts[i];
          if (typeof p === "string") {
            yield* gen.call(this, i - 1, p + acc);
            return;
          }
          for (const v of this.eval(p, input, env)) {
            const s = fmt ? this.format(fmt, v) : typeof v === "string" ? v : fmtJson(v, { indent: 0 });
            yield* gen.call(this, i - 1, s + acc);
          }
        };
        yield* gen.call(this, parts.length - 1, "");
        return;
      }
      case "format":
        yield this.format(n.name, input);
        return;
      case "array": {
        if (!n.e) {
          yield [];
          return;
        }
        const out: Json[] = [];
        for (const v of this.eval(n.e, input, env)) out.push(v);
        yield out;
        return;
      }
      case "object": {
        const entries = n.entries;
        const gen = function* (this: Evaluator, i: number, acc: Obj): Generator<Json> {
          if (i === entries.length) {
            yield { ...acc };
            return;
          }
          const e = entries[i];
          let keys: Json[];
          if (e.keyVar !== undefined) keys = [e.keyVar];
          else if (typeof e.key === "string") keys = [e.key];
          else keys = [...this.eval(e.key, input, env)];
          for (const k of keys) {
            if (typeof k !== "string") throw new JqError(`Object keys must be strings`);
            let vals: Iterable<Json>;
            if (e.keyVar !== undefined && !e.value) vals = [env.getVar(e.keyVar) ?? null];
            else if (e.value) vals = this.eval(e.value, input, env);
            else vals = [this.index(input, k)];
            for (const v of vals) yield* gen.call(this, i + 1, { ...acc, [k]: v });
          }
        };
        yield* gen.call(this, 0, {});
        return;
      }
      case "neg":
        for (const v of this.eval(n.e, input, env)) {
          if (typeof v !== "number") throw new JqError(`${desc(v)} cannot be negated`);
          yield -v;
        }
        return;
      case "pipe":
        for (const v of this.eval(n.a, input, env)) yield* this.eval(n.b, v, env);
        return;
      case "comma":
        yield* this.eval(n.a, input, env);
        yield* this.eval(n.b, input, env);
        return;
      case "alt": {
        let any = false;
        try {
          for (const v of this.eval(n.a, input, env)) {
            if (truthy(v)) {
              any = true;
              yield v;
            }
          }
        } catch (e) {
          if (!(e instanceof JqError)) throw e;
        }
        if (!any) yield* this.eval(n.b, input, env);
        return;
      }
      case "and":
      case "or":
        for (const a of this.eval(n.a, input, env)) {
          if (n.k === "and" && !truthy(a)) {
            yield false;
            continue;
          }
          if (n.k === "or" && truthy(a)) {
            yield true;
            continue;
          }
          for (const b of this.eval(n.b, input, env)) yield truthy(b);
        }
        return;
      case "binop":
        for (const b of this.eval(n.b, input, env)) for (const a of this.eval(n.a, input, env)) yield this.binop(n.op, a, b);
        return;
      case "assign":
        yield* this.assign(n, input, env);
        return;
      case "if": {
        const branch = function* (this: Evaluator, conds: Array<[Node, Node]>): Generator<Json> {
          if (conds.length === 0) {
            if (n.else) yield* this.eval(n.else, input, env);
            else yield input;
            return;
          }
          const [c, t] = conds[0];
          for (const cv of this.eval(c, input, env)) {
            if (truthy(cv)) yield* this.eval(t, input, env);
            else yield* branch.call(this, conds.slice(1));
          }
        };
        yield* branch.call(this, [[n.cond, n.then], ...n.elifs]);
        return;
      }
      case "try": {
        try {
          for (const v of this.eval(n.body, input, env)) yield v;
        } catch (e) {
          if (!(e instanceof JqError)) throw e;
          if (n.catch) yield* this.eval(n.catch, e.value, env);
        }
        return;
      }
      case "reduce": {
        for (const init of this.eval(n.init, input, env)) {
          let acc: Json | undefined = init;
          for (const item of this.eval(n.src, input, env)) {
            for (const e2 of this.bindPattern(n.pattern, item, env)) {
              let last: Json | undefined = undefined;
              for (const v of this.eval(n.update, acc as Json, e2)) last = v;
              acc = last === undefined ? null : last;
            }
          }
          yield acc as Json;
        }
        return;
      }
      case "foreach": {
        for (const init of this.eval(n.init, input, env)) {
          let acc: Json = init;
          for (const item of this.eval(n.src, input, env)) {
            for (const e2 of this.bindPattern(n.pattern, item, env)) {
              for (const v of this.eval(n.update, acc, e2)) {
                acc = v;
                if (n.extract) yield* this.eval(n.extract, v, e2);
                else yield v;
              }
            }
          }
        }
        return;
      }
      case "var": {
        const v = env.getVar(n.name);
        yield v === undefined ? null : v;
        return;
      }
      case "as":
        for (const v of this.eval(n.src, input, env)) {
          for (const e2 of this.bindPattern(n.patterns[0], v, env)) yield* this.eval(n.body, input, e2);
        }
        return;
      case "def": {
        const e2 = new Env(env);
        e2.funcs.set(`${n.name}/${n.params.length}`, { params: n.params, body: n.body, env: e2 });
        yield* this.eval(n.rest, input, e2);
        return;
      }
      case "label": {
        const sym = Symbol(n.name);
        const e2 = new Env(env);
        e2.labels.set(n.name, sym);
        try {
          for (const v of this.eval(n.body, input, e2)) yield v;
        } catch (e) {
          if (!(e instanceof BreakSignal) || e.label !== sym) throw e;
        }
        return;
      }
      case "break": {
        const sym = env.getLabel(n.name);
        if (!sym) throw new JqError("$*label-" + n.name + " is not defined");
        throw new BreakSignal(sym);
      }
      case "optional":
        try {
          for (const v of this.eval(n.e, input, env)) yield v;
        } catch (e) {
          if (!(e instanceof JqError)) throw e;
        }
        return;
      case "call":
        yield* this.call(n.name, n.args, input, env);
        return;
    }
  }

  *call(name: string, args: Node[], input: Json, env: Env): Generator<Json> {
    const key = `${name}/${args.length}`;
    const f = env.getFunc(key);
    if (!f) throw new JqError(`${key} is not defined`);
    if (f.builtin) {
      yield* f.builtin(this, input, args, env);
      return;
    }
    if (f.params.length === 0) {
      yield* this.eval(f.body, input, f.env);
      return;
    }
    // bind params: closures for filter params, values for $params (cartesian product)
    const bind = function* (this: Evaluator, i: number, fenv: Env): Generator<Env> {
      if (i === f.params.length) {
        yield fenv;
        return;
      }
      const p = f.params[i];
      if (p.startsWith("$")) {
        for (const v of this.eval(args[i], input, env)) {
          const e2 = new Env(fenv);
          e2.vars.set(p.slice(1), v);
          e2.funcs.set(`${p.slice(1)}/0`, { params: [], body: { k: "literal", v }, env: e2 });
          yield* bind.call(this, i + 1, e2);
        }
      } else {
        fenv.funcs.set(`${p}/0`, { params: [], body: args[i], env });
        yield* bind.call(this, i + 1, fenv);
      }
    };
    const base = new Env(f.env);
    base.funcs.set(key, f);
    for (const fenv of bind.call(this, 0, base)) yield* this.eval(f.body, input, fenv);
  }

  *bindPattern(p: Pattern, v: Json, env: Env): Generator<Env> {
    if (p.k === "pvar") {
      const e2 = new Env(env);
      e2.vars.set(p.name, v);
      yield e2;
      return;
    }
    if (p.k === "parray") {
      if (v !== null && !Array.isArray(v)) throw new JqError(`Cannot index ${typeOf(v)} with number`);
      const gen = function* (this: Evaluator, i: number, e: Env): Generator<Env> {
        if (i === p.items.length) {
          yield e;
          return;
        }
        yield* Array.from(this.bindPattern(p.items[i], v === null ? null : ((v as Json[])[i] ?? null), e)).flatMap((e2) => [...gen.call(this, i + 1, e2)]);
      };
      yield* gen.call(this, 0, env);
      return;
    }
    const gen = function* (this: Evaluator, i: number, e: Env): Generator<Env> {
      if (i === p.entries.length) {
        yield e;
        return;
      }
      const ent = p.entries[i];
      const keys = typeof ent.key === "string" ? [ent.key] : [...this.eval(ent.key, v, e)];
      for (const k of keys) {
        const val = this.index(v, k);
        let e2 = e;
        if (ent.keyVar) {
          e2 = new Env(e);
          e2.vars.set(ent.keyVar, val);
        }
        if (ent.value) for (const e3 of this.bindPattern(ent.value, val, e2)) yield* gen.call(this, i + 1, e3);
        else yield* gen.call(this, i + 1, e2);
      }
    };
    yield* gen.call(this, 0, env);
  }

  *recurseAll(v: Json): Generator<Json> {
    this.tick();
    yield v;
    if (Array.isArray(v)) for (const x of v) yield* this.recurseAll(x);
    else if (v !== null && typeof v === "object") for (const x of Object.values(v)) yield* this.recurseAll(x);
  }

  index(t: Json, i: Json): Json {
    if (typeof i === "string") {
      if (t === null) return null;
      if (typeof t === "object" && !Array.isArray(t)) return Object.prototype.hasOwnProperty.call(t, i) ? t[i] : null;
      throw new JqError(`Cannot index ${typeOf(t)} with string "${i}"`);
    }
    if (typeof i === "number") {
      if (t === null) return null;
      if (Array.isArray(t)) {
        let k = Math.floor(i);
        if (k < 0) k += t.length;
        return k >= 0 && k < t.length ? t[k] : null;
      }
      throw new JqError(`Cannot index ${typeOf(t)} with number`);
    }
    if (i !== null && typeof i === "object" && !Array.isArray(i) && (t === null || Array.isArray(t))) {
      return this.slice(t, i.start ?? null, i.end ?? null);
    }
    if (Array.isArray(i) && Array.isArray(t)) return this.indices(t, i);
    if (t === null && i === null) return null;
    throw new JqError(`Cannot index ${typeOf(t)} with ${typeOf(i)}`);
  }

  indices(t: Json, i: Json): Json {
    if (t === null) return null;
    if (typeof t === "string" && typeof i === "string") {
      if (i === "") return null;
      const out: number[] = [];
      const tb = utf8Encode(t), ib = utf8Encode(i);
      for (let k = 0; k + ib.length <= tb.length; k++) if (ib.every((b, j) => tb[k + j] === b)) out.push(k);
      return out;
    }
    if (Array.isArray(t)) {
      const sub = Array.isArray(i) ? i : [i];
      if (sub.length === 0) return null;
      const out: number[] = [];
      for (let k = 0; k + sub.length <= t.length; k++) if (sub.every((x, j) => compareJson(t[k + j], x) === 0)) out.push(k);
      return out;
    }
    throw new JqError(`Cannot determine indices of ${typeOf(i)} in ${typeOf(t)}`);
  }

  slice(t: Json, from: Json, to: Json): Json {
    if (t === null) return null;
    if ((from !== null && typeof from !== "number") || (to !== null && typeof to !== "number")) {
      throw new JqError("Start and end indices of an array slice must be numbers");
    }
    const len = typeof t === "string" ? [...t].length : Array.isArray(t) ? t.length : -1;
    if (len < 0) throw new JqError(`Cannot index ${typeOf(t)} with object`);
    const norm = (x: number | null, d: number) => {
      if (x === null) return d;
      let k = Math.floor(x);
      if (k < 0) k += len;
      return Math.min(Math.max(k, 0), len);
    };
    const s = norm(from as number | null, 0);
    const e = Math.max(s, norm(to === null ? null : Math.ceil(to as number), len));
    return typeof t === "string" ? [...t].slice(s, e).join("") : (t as Json[]).slice(s, e);
  }

  binop(op: string, a: Json, b: Json): Json {
    switch (op) {
      case "==": return compareJson(a, b) === 0;
      case "!=": return compareJson(a, b) !== 0;
      case "<": return compareJson(a, b) < 0;
      case "<=": return compareJson(a, b) <= 0;
      case ">": return compareJson(a, b) > 0;
      case ">=": return compareJson(a, b) >= 0;
      case "+":
        if (a === null) return b;
        if (b === null) return a;
        if (typeof a === "number" && typeof b === "number") return a + b;
        if (typeof a === "string" && typeof b === "string") return a + b;
        if (Array.isArray(a) && Array.isArray(b)) return [...a, ...b];
        if (typeOf(a) === "object" && typeOf(b) === "object") return { ...(a as Obj), ...(b as Obj) };
        throw new JqError(`${desc(a)} and ${desc(b)} cannot be added`);
      case "-":
        if (typeof a === "number" && typeof b === "number") return a - b;
        if (Array.isArray(a) && Array.isArray(b)) return a.filter((x) => !b.some((y) => compareJson(x, y) === 0));
        throw new JqError(`${desc(a)} and ${desc(b)} cannot be subtracted`);
      case "*":
        if (typeof a === "number" && typeof b === "number") return a * b;
        if ((typeof a === "string" && typeof b === "number") || (typeof a === "number" && typeof b === "string")) {
          const s = (typeof a === "string" ? a : b) as string;
          const n = (typeof a === "number" ? a : b) as number;
          return n > 0 ? s.repeat(Math.max(1, Math.ceil(n - 1) + 1 > n ? Math.floor(n) || 1 : Math.floor(n))) : null;
        }
        if (typeOf(a) === "object" && typeOf(b) === "object") return deepMerge(a as Obj, b as Obj);
        throw new JqError(`${desc(a)} and ${desc(b)} cannot be multiplied`);
      case "/":
        if (typeof a === "number" && typeof b === "number") {
          if (b === 0) throw new JqError(`${desc(a)} and ${desc(b)} cannot be divided because the divisor is zero`);
          return a / b;
        }
        if (typeof a === "string" && typeof b === "string") return splitStr(a, b);
        throw new JqError(`${desc(a)} and ${desc(b)} cannot be divided`);
      case "%":
        if (typeof a === "number" && typeof b === "number") {
          const x = Math.trunc(a), y = Math.trunc(b);
          if (y === 0) throw new JqError(`${desc(a)} and ${desc(b)} cannot be divided because the divisor is zero`);
          const r = Math.abs(x) % Math.abs(y);
          return x < 0 ? -r : r;
        }
        throw new JqError(`${desc(a)} and ${desc(b)} cannot be divided`);
    }
    throw new JqError(`unknown operator ${op}`);
  }

  format(name: string, v: Json): string {
    const str = (x: Json) => (typeof x === "string" ? x : fmtJson(x, { indent: 0 }));
    switch (name) {
      case "text":
        return str(v);
      case "json":
        return fmtJson(v, { indent: 0 });
      case "base64":
        return b64encode(utf8Encode(str(v)));
      case "base64d": {
        const s = str(v);
        if (/[^A-Za-z0-9+/=]/.test(s)) throw new JqError(`${desc(v)} is not valid base64 data`);
        if (s.replace(/=+$/, "").length % 4 === 1) throw new JqError(`${desc(v)} trailing base64 byte found`);
        const d = b64decode(s.replace(/=+$/, "") + "=".repeat((4 - (s.replace(/=+$/, "").length % 4)) % 4));
        if (!d.ok && d.bytes.length === 0) throw new JqError(`${desc(v)} is not valid base64 data`);
        return utf8Decode(d.bytes);
      }
      case "uri":
        return utf8Encode(str(v))
          .map((b) => (/[A-Za-z0-9\-_.~]/.test(String.fromCharCode(b)) ? String.fromCharCode(b) : "%" + b.toString(16).toUpperCase().padStart(2, "0")))
          .join("");
      case "html":
        return str(v).replace(/[<>&'"]/g, (c) => ({ "<": "&lt;", ">": "&gt;", "&": "&amp;", "'": "&#39;", '"': "&quot;" })[c]!);
      case "sh": {
        const q = (x: Json) => {
          if (typeof x === "string") return "'" + x.replace(/'/g, "'\\''") + "'";
          if (x !== null && typeof x === "object") throw new JqError(`${desc(x)} can not be escaped for shell`);
          return fmtJson(x, { indent: 0 });
        };
        return Array.isArray(v) ? v.map(q).join(" ") : q(v);
      }
      case "csv":
      case "tsv": {
        if (!Array.isArray(v)) throw new JqError(`${desc(v)} cannot be ${name}-formatted, only an array can be`);
        return v
          .map((x) => {
            if (typeof x === "number") return fmtJson(x, { indent: 0 });
            if (typeof x === "boolean") return String(x);
            if (x === null) return "";
            if (typeof x === "string") {
              return name === "csv" ? '"' + x.replace(/"/g, '""') + '"' : x.replace(/\\/g, "\\\\").replace(/\t/g, "\\t").replace(/\n/g, "\\n").replace(/\r/g, "\\r");
            }
            throw new JqError(`${desc(x)} is not valid in a csv row`);
          })
          .join(name === "csv" ? "," : "\t");
      }
      default:
        throw new JqError(`${name} is not a valid format`);
    }
  }

  // ---- paths ---------------------------------------------------------------
  *paths(n: Node, root: Json, cur: Json, path: Path, env: Env): Generator<[Path, Json]> {
    this.tick();
    switch (n.k) {
      case "identity":
        yield [path, cur];
        return;
      case "recurse_default": {
        const rec = function* (this: Evaluator, p: Path, v: Json): Generator<[Path, Json]> {
          yield [p, v];
          if (Array.isArray(v)) for (let i = 0; i < v.length; i++) yield* rec.call(this, [...p, i], v[i]);
          else if (v !== null && typeof v === "object") for (const k of Object.keys(v)) yield* rec.call(this, [...p, k], v[k]);
        };
        yield* rec.call(this, path, cur);
        return;
      }
      case "field":
        for (const [p, v] of this.paths(n.target, root, cur, path, env)) yield [[...p, n.name], v === null ? null : this.index(v, n.name)];
        return;
      case "index":
        for (const [p, v] of this.paths(n.target, root, cur, path, env)) {
          for (const i of this.eval(n.index, root, env)) {
            if (typeof i !== "string" && typeof i !== "number") {
              if (i !== null && typeof i === "object" && !Array.isArray(i)) {
                yield [[...p, { start: (i.start as number) ?? null, end: (i.end as number) ?? null }], this.index(v, i)];
                continue;
              }
              throw new JqError(`Cannot update field at object index of ${typeOf(v)}`);
            }
            yield [[...p, i], v === null ? null : this.index(v, i)];
          }
        }
        return;
      case "slice":
        for (const [p, v] of this.paths(n.target, root, cur, path, env)) {
          const from = n.from ? [...this.eval(n.from, root, env)][0] : null;
          const to = n.to ? [...this.eval(n.to, root, env)][0] : null;
          yield [[...p, { start: from as number | null, end: to as number | null }], this.slice(v, from, to)];
        }
        return;
      case "iterate":
        for (const [p, v] of this.paths(n.target, root, cur, path, env)) {
          if (Array.isArray(v)) for (let i = 0; i < v.length; i++) yield [[...p, i], v[i]];
          else if (v !== null && typeof v === "object") for (const k of Object.keys(v)) yield [[...p, k], v[k]];
          else if (v === null) continue;
          else throw new JqError(`Cannot iterate over ${typeOf(v)}${` (${dumpTrunc(v)})`}`);
        }
        return;
      case "pipe":
        for (const [p, v] of this.paths(n.a, root, cur, path, env)) yield* this.paths(n.b, root, v, p, env);
        return;
      case "comma":
        yield* this.paths(n.a, root, cur, path, env);
        yield* this.paths(n.b, root, cur, path, env);
        return;
      case "if": {
        const conds: Array<[Node, Node]> = [[n.cond, n.then], ...n.elifs];
        const branch = function* (this: Evaluator, i: number): Generator<[Path, Json]> {
          if (i === conds.length) {
            if (n.else) yield* this.paths(n.else, root, cur, path, env);
            else yield [path, cur];
            return;
          }
          for (const c of this.eval(conds[i][0], cur, env)) {
            if (truthy(c)) yield* this.paths(conds[i][1], root, cur, path, env);
            else yield* branch.call(this, i + 1);
          }
        };
        yield* branch.call(this, 0);
        return;
      }
      case "alt": {
        let any = false;
        try {
          for (const [p, v] of this.paths(n.a, root, cur, path, env)) {
            if (truthy(v)) {
              any = true;
              yield [p, v];
            }
          }
        } catch (e) {
          if (!(e instanceof JqError)) throw e;
        }
        if (!any) yield* this.paths(n.b, root, cur, path, env);
        return;
      }
      case "try":
        try {
          for (const x of this.paths(n.body, root, cur, path, env)) yield x;
        } catch (e) {
          if (!(e instanceof JqError)) throw e;
        }
        return;
      case "as":
        for (const v of this.eval(n.src, cur, env)) for (const e2 of this.bindPattern(n.patterns[0], v, env)) yield* this.paths(n.body, root, cur, path, e2);
        return;
      case "def": {
        const e2 = new Env(env);
        e2.funcs.set(`${n.name}/${n.params.length}`, { params: n.params, body: n.body, env: e2 });
        yield* this.paths(n.rest, root, cur, path, e2);
        return;
      }
      case "label": {
        const sym = Symbol(n.name);
        const e2 = new Env(env);
        e2.labels.set(n.name, sym);
        try {
          for (const x of this.paths(n.body, root, cur, path, e2)) yield x;
        } catch (e) {
          if (!(e instanceof BreakSignal) || e.label !== sym) throw e;
        }
        return;
      }
      case "break": {
        const sym = env.getLabel(n.name);
        if (sym) throw new BreakSignal(sym);
        return;
      }
      case "reduce":
      case "foreach":
        break;
      case "call": {
        const key = `${n.name}/${n.args.length}`;
        if (key === "empty/0") return;
        if (key === "error/1" || key === "error/0") {
          yield* this.eval(n, cur, env) as unknown as Generator<[Path, Json]>;
          return;
        }
        if (key === "select/1" && env.getFunc(key)?.builtin) {
          for (const c of this.eval(n.args[0], cur, env)) if (truthy(c)) yield [path, cur];
          return;
        }
        if (key === "getpath/1") {
          for (const p of this.eval(n.args[0], cur, env)) {
            if (!Array.isArray(p)) throw new JqError("Path must be specified as an array");
            let v: Json = cur;
            try {
              for (const k of p) v = v === null ? null : this.index(v, k);
            } catch {
              v = null;
            }
            yield [[...path, ...(p as Path)], v];
          }
          return;
        }
        const f = env.getFunc(key);
        if (!f) throw new JqError(`${key} is not defined`);
        if (f.builtin) {
          if (key === "first/0" || key === "last/0") {
            yield [[...path, key === "first/0" ? 0 : -1], this.index(cur, key === "first/0" ? 0 : -1)];
            return;
          }
          if (key === "paths/0" || key === "select/1" || key === "recurse/0" || key === "recurse/1") break;
          break;
        }
        if (f.params.length === 0) {
          yield* this.paths(f.body, root, cur, path, f.env);
          return;
        }
        const base = new Env(f.env);
        base.funcs.set(key, f);
        const bind = function* (this: Evaluator, i: number, fenv: Env): Generator<Env> {
          if (i === f.params.length) {
            yield fenv;
            return;
          }
          const p = f.params[i];
          if (p.startsWith("$")) {
            for (const v of this.eval(n.args[i], cur, env)) {
              const e2 = new Env(fenv);
              e2.vars.set(p.slice(1), v);
              e2.funcs.set(`${p.slice(1)}/0`, { params: [], body: { k: "literal", v }, env: e2 });
              yield* bind.call(this, i + 1, e2);
            }
          } else {
            fenv.funcs.set(`${p}/0`, { params: [], body: n.args[i], env });
            yield* bind.call(this, i + 1, fenv);
          }
        };
        for (const fenv of bind.call(this, 0, base)) yield* this.paths(f.body, root, cur, path, fenv);
        return;
      }
      case "literal":
        if (n.v === null) {
          yield [path, null];
          return;
        }
        break;
    }
    const results = [...this.eval(n, cur, env)];
    if (results.length) throw new JqError(`Invalid path expression with result ${dumpTrunc(results[0])}`);
  }

  *assign(n: Extract<Node, { k: "assign" }>, input: Json, env: Env): Generator<Json> {
    if (n.op === "|=") {
      let out = clone(input);
      for (const [p] of [...this.paths(n.a, input, input, [], env)]) {
        const cur = getPath(out, p);
        const first = this.eval(n.b, cur, env).next();
        out = first.done ? delPaths(out, [p]) : setPath(out, p, first.value);
      }
      yield out;
      return;
    }
    if (n.op === "=") {
      for (const v of this.eval(n.b, input, env)) {
        let out = clone(input);
        for (const [p] of [...this.paths(n.a, input, input, [], env)]) out = setPath(out, p, v);
        yield out;
      }
      return;
    }
    const op = n.op.slice(0, -1);
    for (const rhs of this.eval(n.b, input, env)) {
      let out = clone(input);
      for (const [p] of [...this.paths(n.a, input, input, [], env)]) {
        const cur = getPath(out, p);
        out = setPath(out, p, op === "//" ? (truthy(cur) ? cur : rhs) : this.binop(op, cur, rhs));
      }
      yield out;
    }
  }
}

function deepMerge(a: Obj, b: Obj): Obj {
  const out: Obj = { ...a };
  for (const [k, v] of Object.entries(b)) {
    const av = out[k];
    out[k] = typeOf(av) === "object" && typeOf(v) === "object" ? deepMerge(av as Obj, v as Obj) : v;
  }
  return out;
}

function splitStr(a: string, sep: string): Json {
  if (a === "") return [];
  if (sep === "") return [...a];
  return a.split(sep);
}

export function getPath(v: Json, p: Path): Json {
  let cur = v;
  for (const k of p) {
    if (cur === null) return null;
    if (typeof k === "object") {
      cur = sliceOf(cur, k);
      continue;
    }
    if (typeof k === "string") {
      if (typeOf(cur) !== "object") throw new JqError(`Cannot index ${typeOf(cur)} with string "${k}"`);
      cur = Object.prototype.hasOwnProperty.call(cur, k) ? (cur as Obj)[k] : null;
    } else {
      if (!Array.isArray(cur)) throw new JqError(`Cannot index ${typeOf(cur)} with number`);
      const i = k < 0 ? cur.length + k : k;
      cur = cur[i] ?? null;
    }
  }
  return cur;
}

function sliceOf(cur: Json, k: { start?: number | null; end?: number | null }): Json {
  if (!Array.isArray(cur) && typeof cur !== "string") throw new JqError(`Cannot index ${typeOf(cur)} with object`);
  const len = typeof cur === "string" ? cur.length : cur.length;
  const norm = (x: number | null | undefined, d: number) => (x === null || x === undefined ? d : Math.min(Math.max(x < 0 ? x + len : x, 0), len));
  const s = norm(k.start, 0), e = Math.max(s, norm(k.end, len));
  return cur.slice(s, e) as Json;
}

export function setPath(v: Json, p: Path, nv: Json): Json {
  if (p.length === 0) return nv;
  const [k, ...rest] = p;
  if (typeof k === "object") {
    const arr = v === null ? [] : v;
    if (!Array.isArray(arr)) throw new JqError(`Cannot update field at object index of ${typeOf(arr)}`);
    const len = arr.length;
    const norm = (x: number | null | undefined, d: number) => (x === null || x === undefined ? d : Math.min(Math.max(x < 0 ? x + len : x, 0), len));
    const s = norm(k.start, 0), e = Math.max(s, norm(k.end, len));
    const repl = setPath(arr.slice(s, e), rest, nv);
    if (!Array.isArray(repl)) throw new JqError("A slice of an array can only be assigned another array");
    return [...arr.slice(0, s), ...repl, ...arr.slice(e)];
  }
  if (typeof k === "string") {
    if (v !== null && typeOf(v) !== "object") throw new JqError(`Cannot index ${typeOf(v)} with string "${k}"`);
    const o: Obj = v === null ? {} : { ...(v as Obj) };
    o[k] = setPath(Object.prototype.hasOwnProperty.call(o, k) ? o[k] : null, rest, nv);
    return o;
  }
  if (v !== null && !Array.isArray(v)) throw new JqError(`Cannot index ${typeOf(v)} with number`);
  const a: Json[] = v === null ? [] : [...v];
  const i = k < 0 ? a.length + k : k;
  if (i < 0) throw new JqError("Out of bounds negative array index");
  while (a.length < i) a.push(null);
  a[i] = setPath(a[i] ?? null, rest, nv);
  return a;
}

export function delPaths(v: Json, paths: Path[]): Json {
  const sorted = paths.slice().sort((a, b) => compareJson(b as Json, a as Json));
  let out = v;
  for (const p of sorted) out = delPath(out, p);
  return out;
}

function delPath(v: Json, p: Path): Json {
  if (p.length === 0) return null;
  if (v === null) return null;
  const [k, ...rest] = p;
  if (rest.length === 0) {
    if (typeof k === "string") {
      if (typeOf(v) !== "object") throw new JqError(`Cannot delete field at object index of ${typeOf(v)}`);
      const o = { ...(v as Obj) };
      delete o[k];
      return o;
    }
    if (!Array.isArray(v)) throw new JqError(`Cannot delete field at index of ${typeOf(v)}`);
    if (typeof k === "object") {
      const len = v.length;
      const norm = (x: number | null | undefined, d: number) => (x === null || x === undefined ? d : Math.min(Math.max(x < 0 ? x + len : x, 0), len));
      const s = norm(k.start, 0), e = Math.max(s, norm(k.end, len));
      return [...v.slice(0, s), ...v.slice(e)];
    }
    const i = k < 0 ? v.length + k : k;
    return v.filter((_, j) => j !== i);
  }
  const child = getPath(v, [k]);
  if (child === null) return v;
  return setPath(v, [k], delPath(child, rest));
}

function patVars(p: Pattern): string[] {
  if (p.k === "pvar") return [p.name];
  if (p.k === "parray") return p.items.flatMap(patVars);
  return p.entries.flatMap((e) => [...(e.keyVar ? [e.keyVar] : []), ...(e.value ? patVars(e.value) : [])]);
}

import { installBuiltins } from "./jq-builtins.ts";
void parseJsonStream;
