// awk interpreter: walks the AST from awk-parse.ts with gawk semantics for common programs.

import type { CommandContext } from "../../types.ts";
import type { AwkFunc, Expr, Program, Rule, Stmt } from "./awk-parse.ts";
import { compare, inputVal, numToStr, StrNum, toBool, toNum, toStr } from "./awk-value.ts";
import type { AwkArray, Val } from "./awk-value.ts";
import { forInOrder } from "./awk-array-order.ts";
import { posixToJs } from "./posix-regex.ts";
import { formatPrintf } from "./printf-format.ts";

export class AwkFatal extends Error {
  constructor(msg: string, public withRecord = true) {
    super(msg);
  }
}

const BRK = 1, CONT = 2, NEXT = 3, NEXTFILE = 4, EXIT = 5, RET = 6;
type Signal = undefined | 1 | 2 | 3 | 4 | 5 | 6;

const MAX_STEPS = 5_000_000;
const MAX_DEPTH = 500;

type Cell = Val | AwkArray;

export interface InputSource {
  name: string;
  text: string;
}

export class AwkInterp {
  globals = new Map<string, Cell>();
  frames: Array<Map<string, Cell>> = [];
  record = "";
  fields: string[] | null = null; // fields[1..NF]
  nf = 0;
  out = "";
  files = new Map<string, { content: string; append: boolean }>();
  pipes = new Map<string, string>();
  deferred: Array<{ cmd: string; stdin: string }> = [];
  steps = 0;
  retVal: Val = undefined;
  exitCode = 0;
  reCache = new Map<string, RegExp>();
  readers = new Map<string, { lines: string[]; pos: number }>();
  /** Output of `"cmd" | getline` commands whose text is a literal, run before the program starts. */
  cmdOutputs = new Map<string, string>();
  rngState = 0;
  seed = 0;
  prevSeed = 0;
  // main input
  operands: string[] = [];
  opIdx = 1;
  curRecords: string[] | null = null;
  curPos = 0;
  inBegin = false;
  nr = 0;
  fnr = 0;

  constructor(
    public prog: Program,
    public ctx: CommandContext,
    public openFile: (name: string) => { text: string } | { error: string },
  ) {
    const g = this.globals;
    g.set("FS", " ");
    g.set("OFS", " ");
    g.set("ORS", "\n");
    g.set("RS", "\n");
    g.set("SUBSEP", "\x1c");
    g.set("CONVFMT", "%.6g");
    g.set("OFMT", "%.6g");
    g.set("RSTART", 0);
    g.set("RLENGTH", -1);
    g.set("FILENAME", "");
    const env: AwkArray = new Map();
    for (const [k, v] of Object.entries(ctx.env)) env.set(k, inputVal(v));
    g.set("ENVIRON", env);
  }

  // ---- variables -------------------------------------------------------
  private frameOf(name: string): Map<string, Cell> {
    const f = this.frames[this.frames.length - 1];
    if (f && f.has(name)) return f;
    return this.globals;
  }

  getVar(name: string): Val {
    if (name === "NF") {
      this.split();
      return this.nf;
    }
    if (name === "NR") return this.nr;
    if (name === "FNR") return this.fnr;
    const v = this.frameOf(name).get(name);
    if (v instanceof Map) throw new AwkFatal(`attempt to use array \`${name}' in a scalar context`);
    return v;
  }

  setVar(name: string, v: Val): void {
    if (name === "NF") {
      this.split();
      const n = Math.max(0, Math.trunc(toNum(v)));
      const f = this.fields!;
      while (f.length - 1 < n) f.push("");
      f.length = n + 1;
      this.nf = n;
      this.rebuild();
      return;
    }
    if (name === "NR") {
      this.nr = toNum(v);
      return;
    }
    if (name === "FNR") {
      this.fnr = toNum(v);
      return;
    }
    const fr = this.frameOf(name);
    if (fr.get(name) instanceof Map) throw new AwkFatal(`attempt to use array \`${name}' in a scalar context`);
    fr.set(name, v);
  }

  getArray(name: string): AwkArray {
    const fr = this.frameOf(name);
    const v = fr.get(name);
    if (v instanceof Map) return v;
    if (v === undefined) {
      const m: AwkArray = new Map();
      fr.set(name, m);
      return m;
    }
    throw new AwkFatal(`attempt to use scalar \`${name}' as an array`);
  }

  str(v: Val): string {
    return toStr(v, toStr(this.globals.get("CONVFMT") as Val));
  }

  // ---- records and fields ---------------------------------------------
  setRecord(s: string): void {
    this.record = s;
    this.fields = null;
  }

  split(): void {
    if (this.fields) return;
    const parts = this.splitWith(this.record, toStr(this.globals.get("FS") as Val));
    this.fields = ["", ...parts];
    this.nf = parts.length;
  }

  splitWith(s: string, fs: string, re?: RegExp): string[] {
    if (s === "") return [];
    if (re) return this.splitRe(s, re);
    if (fs === " ") {
      const t = s.replace(/^[ \t\n]+|[ \t\n]+$/g, "");
      return t === "" ? [] : t.split(/[ \t\n]+/);
    }
    if (fs === "") return [...s];
    if (fs.length === 1 && fs !== "\\") return s.split(fs);
    return this.splitRe(s, this.regex(fs));
  }

  private splitRe(s: string, re: RegExp): string[] {
    const out: string[] = [];
    let last = 0;
    re.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = re.exec(s))) {
      if (m[0] === "") {
        re.lastIndex++;
        if (re.lastIndex > s.length) break;
        continue;
      }
      out.push(s.slice(last, m.index));
      last = m.index + m[0].length;
    }
    out.push(s.slice(last));
    return out;
  }

  rebuild(): void {
    const ofs = this.str(this.globals.get("OFS") as Val);
    this.record = this.fields!.slice(1).join(ofs);
  }

  getField(i: number): Val {
    if (i < 0) throw new AwkFatal(`attempt to access field ${i}`);
    if (i === 0) return inputVal(this.record);
    this.split();
    const f = this.fields![i];
    return f === undefined ? undefined : inputVal(f);
  }

  setField(i: number, v: Val): void {
    if (i < 0) throw new AwkFatal(`attempt to access field ${i}`);
    if (i === 0) {
      this.setRecord(this.str(v));
      return;
    }
    this.split();
    const f = this.fields!;
    while (f.length <= i) f.push("");
    f[i] = this.str(v);
    this.nf = f.length - 1;
    this.rebuild();
  }

  // ---- regex -----------------------------------------------------------
  regex(src: string): RegExp {
    let r = this.reCache.get(src);
    if (!r) {
      try {
        r = new RegExp(posixToJs(src, true), "g");
      } catch (e) {
        throw new AwkFatal(`invalid regexp: ${(e as Error).message}: /${src}/`);
      }
      if (this.reCache.size > 500) this.reCache.clear();
      this.reCache.set(src, r);
    }
    r.lastIndex = 0;
    return r;
  }

  reOf(e: Expr): RegExp {
    if (e.k === "re") return this.regex(e.src);
    return this.regex(this.str(this.eval(e)));
  }

  // ---- budget ----------------------------------------------------------
  tick(): void {
    if (++this.steps > MAX_STEPS) throw new AwkFatal("program exceeded the step limit");
    if ((this.steps & 1023) === 0) this.ctx.host.charge?.(1);
  }

  // ---- statements ------------------------------------------------------
  execBlock(body: Stmt[]): Signal {
    for (const s of body) {
      const r = this.exec(s);
      if (r) return r;
    }
    return undefined;
  }

  exec(s: Stmt): Signal {
    this.tick();
    switch (s.k) {
      case "block":
        return this.execBlock(s.body);
      case "expr":
        this.eval(s.e);
        return undefined;
      case "print": {
        let line: string;
        if (s.args.length === 0) line = this.record;
        else {
          const ofmt = toStr(this.globals.get("OFMT") as Val);
          line = s.args
            .map((a) => {
              const v = this.eval(a);
              return typeof v === "number" ? numToStr(v, ofmt) : this.str(v);
            })
            .join(this.str(this.globals.get("OFS") as Val));
        }
        this.write(line + this.str(this.globals.get("ORS") as Val), s.redir);
        return undefined;
      }
      case "printf": {
        const vals = s.args.map((a) => this.eval(a));
        this.write(this.sprintf(vals), s.redir);
        return undefined;
      }
      case "if":
        if (toBool(this.eval(s.c))) return this.exec(s.t);
        return s.f ? this.exec(s.f) : undefined;
      case "while":
        while (toBool(this.eval(s.c))) {
          this.tick();
          const r = this.exec(s.body);
          if (r === BRK) break;
          if (r === CONT) continue;
          if (r) return r;
        }
        return undefined;
      case "do":
        do {
          this.tick();
          const r = this.exec(s.body);
          if (r === BRK) break;
          if (r === CONT) continue;
          if (r) return r;
        } while (toBool(this.eval(s.c)));
        return undefined;
      case "for":
        if (s.init) this.eval(s.init);
        while (!s.c || toBool(this.eval(s.c))) {
          this.tick();
          const r = this.exec(s.body);
          if (r === BRK) break;
          if (r && r !== CONT) return r;
          if (s.step) this.eval(s.step);
        }
        return undefined;
      case "forin": {
        const arr = this.getArray(s.arr);
        for (const k of forInOrder([...arr.keys()])) {
          this.tick();
          if (!arr.has(k)) continue;
          this.assign(s.v, inputVal(k));
          const r = this.exec(s.body);
          if (r === BRK) break;
          if (r === CONT) continue;
          if (r) return r;
        }
        return undefined;
      }
      case "break":
        return BRK;
      case "continue":
        return CONT;
      case "next":
        if (this.inBegin) throw new AwkFatal("`next' used in BEGIN action", false);
        return NEXT;
      case "nextfile":
        return NEXTFILE;
      case "exit":
        if (s.e) this.exitCode = Math.trunc(toNum(this.eval(s.e))) & 255;
        return EXIT;
      case "return":
        this.retVal = s.e ? this.eval(s.e) : undefined;
        return RET;
      case "delete": {
        const arr = this.getArray(s.name);
        if (!s.subs) arr.clear();
        else arr.delete(this.subscript(s.subs));
        return undefined;
      }
      default:
        return undefined;
    }
  }

  write(text: string, redir?: { op: string; e: Expr }): void {
    if (!redir) {
      this.out += text;
      if (this.out.length > 65536) this.flushOut();
      return;
    }
    const target = this.str(this.eval(redir.e));
    if (redir.op === "|") {
      this.pipes.set(target, (this.pipes.get(target) ?? "") + text);
      return;
    }
    if (target === "/dev/stdout" || target === "-") {
      this.out += text;
      return;
    }
    if (target === "/dev/stderr") {
      this.flushOut();
      this.ctx.stderr.write(text);
      return;
    }
    const f = this.files.get(target);
    if (f) f.content += text;
    else this.files.set(target, { content: text, append: redir.op === ">>" });
  }

  /** Write a redirected output file to the file system now (close(), or before reading it back). */
  flushFile(name: string): void {
    const f = this.files.get(name);
    if (!f) return;
    this.files.delete(name);
    try {
      this.ctx.fs.writeFile(this.ctx.fs.resolve(this.ctx.cwd, name, this.ctx.env.HOME), f.content, f.append ? { append: true } : undefined);
    } catch (e) {
      throw new AwkFatal(`can't redirect to \`${name}': ${(e as Error).message}`);
    }
  }

  flushOut(): void {
    if (this.out) this.ctx.stdout.write(this.out);
    this.out = "";
  }

  sprintf(vals: Val[]): string {
    if (vals.length === 0) return "";
    const fmt = this.str(vals[0]);
    const args = vals.slice(1).map((v) => (v instanceof StrNum ? v.s : v === undefined ? "" : v));
    return formatPrintf(
      fmt,
      args,
      (v) => (typeof v === "number" ? numToStr(v, toStr(this.globals.get("CONVFMT") as Val)) : String(v)),
      (at) => {
        throw new AwkFatal(`not enough arguments to satisfy format string\n\t\`${fmt}'\n\t${" ".repeat(at + 1)}^ ran out for this one`);
      },
    );
  }

  subscript(subs: Expr[]): string {
    if (subs.length === 1) return this.str(this.eval(subs[0]));
    return subs.map((e) => this.str(this.eval(e))).join(this.str(this.globals.get("SUBSEP") as Val));
  }

  assign(lv: Expr, v: Val): Val {
    if (v instanceof Map) throw new AwkFatal("attempt to use array in a scalar context");
    switch (lv.k) {
      case "var":
        this.setVar(lv.name, v);
        return v;
      case "idx":
        this.getArray(lv.name).set(this.subscript(lv.subs), v);
        return v;
      case "field":
        this.setField(Math.trunc(toNum(this.eval(lv.e))), v);
        return v;
      default:
        throw new AwkFatal("assignment to non-lvalue");
    }
  }

  // ---- expressions -----------------------------------------------------
  eval(e: Expr): Val {
    switch (e.k) {
      case "num":
        return e.v;
      case "str":
        return e.v;
      case "re": {
        const r = this.regex(e.src);
        return r.test(this.record) ? 1 : 0;
      }
      case "var":
        return this.getVar(e.name);
      case "field":
        return this.getField(Math.trunc(toNum(this.eval(e.e))));
      case "idx": {
        const arr = this.getArray(e.name);
        const k = this.subscript(e.subs);
        if (!arr.has(k)) arr.set(k, undefined);
        return arr.get(k);
      }
      case "paren":
        return this.eval(e.e);
      case "grouping":
        return this.str(this.eval(e.list[0]));
      case "assign": {
        if (e.op === "=") {
          const v = this.eval(e.e);
          return this.assign(e.lv, v instanceof StrNum ? v : v);
        }
        const cur = toNum(this.eval(e.lv));
        const rhs = toNum(this.eval(e.e));
        return this.assign(e.lv, this.arith(e.op[0], cur, rhs));
      }
      case "cond":
        return toBool(this.eval(e.c)) ? this.eval(e.a) : this.eval(e.b);
      case "and":
        return toBool(this.eval(e.a)) && toBool(this.eval(e.b)) ? 1 : 0;
      case "or":
        return toBool(this.eval(e.a)) || toBool(this.eval(e.b)) ? 1 : 0;
      case "in":
        return this.getArray(e.name).has(this.subscript(e.subs)) ? 1 : 0;
      case "match": {
        const s = this.str(this.eval(e.a));
        const r = this.reOf(e.re);
        return r.test(s) !== e.neg ? 1 : 0;
      }
      case "cmp": {
        const c = compare(this.eval(e.a), this.eval(e.b), toStr(this.globals.get("CONVFMT") as Val));
        switch (e.op) {
          case "<": return c < 0 ? 1 : 0;
          case "<=": return c <= 0 ? 1 : 0;
          case ">": return c > 0 ? 1 : 0;
          case ">=": return c >= 0 ? 1 : 0;
          case "==": return c === 0 ? 1 : 0;
          default: return c !== 0 ? 1 : 0;
        }
      }
      case "concat":
        return this.str(this.eval(e.a)) + this.str(this.eval(e.b));
      case "bin":
        return this.arith(e.op, toNum(this.eval(e.a)), toNum(this.eval(e.b)));
      case "unary": {
        const v = this.eval(e.e);
        if (e.op === "!") return toBool(v) ? 0 : 1;
        const n = toNum(v);
        return e.op === "-" ? -n : n;
      }
      case "incdec": {
        const old = toNum(this.eval(e.lv));
        const nv = e.op === "++" ? old + 1 : old - 1;
        this.assign(e.lv, nv);
        return e.prefix ? nv : old;
      }
      case "call":
        return this.call(e.name, e.args);
      case "builtin":
        return this.builtin(e.name, e.args);
      case "getline":
        return this.getline(e);
    }
  }

  arith(op: string, a: number, b: number): number {
    switch (op) {
      case "+": return a + b;
      case "-": return a - b;
      case "*": return a * b;
      case "/":
        if (b === 0) throw new AwkFatal("division by zero attempted");
        return a / b;
      case "%":
        if (b === 0) throw new AwkFatal("division by zero attempted in `%'");
        return a % b;
      case "^": return Math.pow(a, b);
    }
    return 0;
  }

  call(name: string, args: Expr[]): Val {
    const f: AwkFunc | undefined = this.prog.funcs.get(name);
    if (!f) throw new AwkFatal(`function \`${name}' not defined`, false);
    if (args.length > f.params.length) throw new AwkFatal(`function \`${name}' called with more arguments than declared`, false);
    if (this.frames.length >= MAX_DEPTH) throw new AwkFatal("function call nesting too deep");
    const frame = new Map<string, Cell>();
    f.params.forEach((p, i) => {
      const a = args[i];
      if (!a) frame.set(p, undefined);
      else if (a.k === "var") {
        const cur = this.frameOf(a.name).get(a.name);
        if (cur instanceof Map) frame.set(p, cur);
        else if (cur === undefined && !["NF", "NR", "FNR"].includes(a.name)) {
          frame.set(p, undefined);
        } else frame.set(p, this.eval(a));
      } else frame.set(p, this.eval(a));
    });
    this.frames.push(frame);
    try {
      this.retVal = undefined;
      const r = this.exec(f.body);
      if (r === EXIT || r === NEXT || r === NEXTFILE) throw new ControlEscape(r);
      const v = this.retVal;
      this.retVal = undefined;
      return v;
    } finally {
      this.frames.pop();
    }
  }

  // ---- builtins ----------------------------------------------------------
  builtin(name: string, args: Expr[]): Val {
    const s = (i: number) => this.str(this.eval(args[i]));
    const n = (i: number) => toNum(this.eval(args[i]));
    switch (name) {
      case "length": {
        if (args.length === 0) return this.record.length;
        const a = args[0];
        if (a.k === "var") {
          const cur = this.frameOf(a.name).get(a.name);
          if (cur instanceof Map) return cur.size;
        }
        return [...s(0)].length;
      }
      case "substr": {
        const str = [...s(0)];
        const from = Math.max(1, Math.trunc(n(1)));
        let len = args.length > 2 ? n(2) : Infinity;
        if (isNaN(len)) len = 0;
        if (len !== Infinity) len = Math.trunc(len);
        const to = Math.min(len === Infinity ? str.length : from + len - 1, str.length);
        if (to < from) return "";
        return str.slice(from - 1, to).join("");
      }
      case "index": {
        const hay = s(0), needle = s(1);
        const i = hay.indexOf(needle);
        return i < 0 ? 0 : [...hay.slice(0, i)].length + 1;
      }
      case "split": {
        const str = s(0);
        const a = args[1];
        if (a.k !== "var") throw new AwkFatal("split: second argument is not an array");
        const arr = this.getArray(a.name);
        let parts: string[];
        if (args.length > 2) {
          const sep = args[2];
          parts = sep.k === "re" ? this.splitWith(str, "", this.regex(sep.src)) : this.splitWith(str, this.str(this.eval(sep)));
        } else parts = this.splitWith(str, this.str(this.globals.get("FS") as Val));
        arr.clear();
        parts.forEach((p, i) => arr.set(String(i + 1), inputVal(p)));
        return parts.length;
      }
      case "sub":
      case "gsub": {
        const re = this.reOf(args[0]);
        const repl = s(1);
        const target: Expr = args[2] ?? { k: "field", e: { k: "num", v: 0 } };
        const src = this.str(this.eval(target));
        const [res, count] = this.substitute(src, re, repl, name === "gsub" ? Infinity : 1);
        if (count > 0) this.assign(target, res);
        return count;
      }
      case "gensub": {
        const re = this.reOf(args[0]);
        const repl = s(1);
        const how = s(2);
        const src = args.length > 3 ? s(3) : this.record;
        const which = /^[gG]/.test(how) ? 0 : Math.max(1, Math.trunc(toNum(how)));
        return this.gensub(src, re, repl, which);
      }
      case "match": {
        const str = s(0);
        const re = this.reOf(args[1]);
        const m = re.exec(str);
        if (args[2] && args[2].k === "var") {
          const arr = this.getArray(args[2].name);
          arr.clear();
          if (m) m.forEach((g, i) => g !== undefined && arr.set(String(i), g));
        }
        const start = m ? m.index + 1 : 0;
        const len = m ? m[0].length : -1;
        this.globals.set("RSTART", start);
        this.globals.set("RLENGTH", len);
        return start;
      }
      case "sprintf":
        return this.sprintf(args.map((a) => this.eval(a)));
      case "tolower":
        return s(0).toLowerCase();
      case "toupper":
        return s(0).toUpperCase();
      case "int":
        return Math.trunc(n(0));
      case "sqrt":
        return Math.sqrt(n(0));
      case "exp":
        return Math.exp(n(0));
      case "log": {
        const x = n(0);
        if (x < 0) {
          this.flushOut();
          this.ctx.stderr.write(`awk: cmd. line:1: warning: log: received negative argument ${numToStr(x, "%.6g")}\n`);
        }
        return Math.log(x);
      }
      case "sin":
        return Math.sin(n(0));
      case "cos":
        return Math.cos(n(0));
      case "atan2":
        return Math.atan2(n(0), n(1));
      case "rand": {
        // deterministic LCG
        this.rngState = (this.rngState * 1103515245 + 12345) % 2147483648;
        return this.rngState / 2147483648;
      }
      case "srand": {
        const prev = this.seed;
        this.seed = args.length ? Math.trunc(n(0)) : Math.floor(this.ctx.host.clock.now() / 1000);
        this.rngState = this.seed;
        return prev;
      }
      case "system": {
        this.flushOut();
        this.deferred.push({ cmd: s(0), stdin: "" });
        return 0;
      }
      case "close": {
        const name = s(0);
        this.flushFile(name);
        this.readers.delete(name);
        this.readers.delete("|" + name);
        return 0;
      }
      case "fflush":
        return 0;
      case "systime":
        return Math.floor(this.ctx.host.clock.now() / 1000);
      case "strftime": {
        const fmt = args.length ? s(0) : "%a %b %e %H:%M:%S %Z %Y";
        const t = args.length > 1 ? n(1) : Math.floor(this.ctx.host.clock.now() / 1000);
        return strftime(fmt, t);
      }
      case "and":
        return Number(BigInt(Math.trunc(n(0))) & BigInt(Math.trunc(n(1))));
      case "or":
        return Number(BigInt(Math.trunc(n(0))) | BigInt(Math.trunc(n(1))));
      case "xor":
        return Number(BigInt(Math.trunc(n(0))) ^ BigInt(Math.trunc(n(1))));
      case "lshift":
        return Math.trunc(n(0)) * 2 ** Math.trunc(n(1));
      case "rshift":
        return Math.floor(Math.trunc(n(0)) / 2 ** Math.trunc(n(1)));
      case "typeof": {
        const a = args[0];
        if (a.k === "var") {
          const cur = this.frameOf(a.name).get(a.name);
          if (cur instanceof Map) return "array";
          if (cur === undefined) return "untyped";
        }
        const v = this.eval(a);
        return typeof v === "number" ? "number" : v instanceof StrNum ? "strnum" : v === undefined ? "unassigned" : "string";
      }
      case "isarray": {
        const a = args[0];
        return a.k === "var" && this.frameOf(a.name).get(a.name) instanceof Map ? 1 : 0;
      }
      case "asort":
      case "asorti": {
        const a = args[0];
        if (a.k !== "var") return 0;
        const arr = this.getArray(a.name);
        const vals = name === "asort" ? [...arr.values()] : [...arr.keys()];
        vals.sort((x, y) => compare(x, y, "%.6g"));
        const dest = args[1] && args[1].k === "var" ? this.getArray(args[1].name) : arr;
        dest.clear();
        vals.forEach((v, i) => dest.set(String(i + 1), v));
        return vals.length;
      }
      default:
        throw new AwkFatal(`function \`${name}' not supported`);
    }
  }

  substitute(src: string, re: RegExp, repl: string, max: number): [string, number] {
    let out = "";
    let last = 0;
    let count = 0;
    let prevEnd = -1;
    re.lastIndex = 0;
    let m: RegExpExecArray | null;
    while (count < max && (m = re.exec(src))) {
      this.tick();
      const st = m.index;
      const end = st + m[0].length;
      if (m[0] === "" && st === prevEnd) {
        if (st >= src.length) break;
        re.lastIndex = st + 1;
        continue;
      }
      out += src.slice(last, st);
      for (let i = 0; i < repl.length; i++) {
        const c = repl[i];
        if (c === "\\" && (repl[i + 1] === "&" || repl[i + 1] === "\\")) {
          out += repl[++i];
        } else if (c === "&") out += m[0];
        else out += c;
      }
      last = end;
      prevEnd = end;
      count++;
      if (m[0] === "") {
        if (st >= src.length) break;
        re.lastIndex = st + 1;
      }
    }
    return [out + src.slice(last), count];
  }

  gensub(src: string, re: RegExp, repl: string, which: number): string {
    let out = "";
    let last = 0;
    let count = 0;
    re.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = re.exec(src))) {
      this.tick();
      count++;
      const st = m.index;
      if (which === 0 || count === which) {
        out += src.slice(last, st);
        for (let i = 0; i < repl.length; i++) {
          const c = repl[i];
          if (c === "\\" && /[0-9]/.test(repl[i + 1] ?? "")) out += m[Number(repl[++i])] ?? "";
          else if (c === "\\" && (repl[i + 1] === "&" || repl[i + 1] === "\\")) out += repl[++i];
          else if (c === "&") out += m[0];
          else out += c;
        }
        last = st + m[0].length;
        if (which !== 0) break;
      }
      if (m[0] === "") {
        if (st >= src.length) break;
        re.lastIndex = st + 1;
      }
    }
    return out + src.slice(last);
  }

  // ---- input -------------------------------------------------------------
  splitRecords(text: string): string[] {
    const rs = this.str(this.globals.get("RS") as Val);
    if (text === "") return [];
    if (rs === "\n") {
      const lines = text.split("\n");
      if (lines[lines.length - 1] === "") lines.pop();
      return lines;
    }
    if (rs === "") {
      return text.replace(/^\n+/, "").replace(/\n+$/, "").split(/\n\n+/).filter((x) => x !== "");
    }
    const parts = rs.length === 1 ? text.split(rs) : text.split(new RegExp(posixToJs(rs, true)));
    if (parts[parts.length - 1] === "" || parts[parts.length - 1] === "\n") parts.pop();
    return parts;
  }

  /** Next main-input record, or null at end of input. */
  nextRecord(): string | null {
    for (;;) {
      if (this.curRecords && this.curPos < this.curRecords.length) return this.curRecords[this.curPos++];
      if (!this.openNext()) return null;
    }
  }

  skipFile(): void {
    this.curRecords = null;
  }

  private usedStdin = false;
  private hadFile = false;

  openNext(): boolean {
    const argv = this.getArray("ARGV");
    const argc = Math.trunc(toNum(this.globals.get("ARGC") as Val));
    while (this.opIdx < argc) {
      const a = this.str(argv.get(String(this.opIdx++)));
      if (a === "") continue;
      const m = /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/s.exec(a);
      if (m) {
        this.setVar(m[1], inputVal(unescapeAssign(m[2])));
        continue;
      }
      this.hadFile = true;
      let text: string;
      if (a === "-" || a === "/dev/stdin") text = this.ctx.stdin;
      else {
        const r = this.openFile(a);
        if ("error" in r) {
          if (r.error === "Is a directory") {
            this.ctx.stderr.write(`awk: warning: command line argument \`${a}' is a directory: skipped\n`);
            continue;
          }
          throw new AwkFatal(`cannot open file \`${a}' for reading: ${r.error}`, false);
        }
        text = r.text;
      }
      this.globals.set("FILENAME", a);
      this.fnr = 0;
      this.curRecords = this.splitRecords(text);
      this.curPos = 0;
      return true;
    }
    if (!this.hadFile && !this.usedStdin) {
      this.usedStdin = true;
      this.curRecords = this.splitRecords(this.ctx.stdin);
      this.curPos = 0;
      return true;
    }
    return false;
  }

  getline(e: Extract<Expr, { k: "getline" }>): Val {
    if (e.cmd) {
      const cmd = this.str(this.eval(e.cmd));
      const outText = this.cmdOutputs.get(cmd);
      if (outText === undefined) return -1;
      const key = "|" + cmd;
      let rd = this.readers.get(key);
      if (!rd) {
        rd = { lines: this.splitRecords(outText), pos: 0 };
        this.readers.set(key, rd);
      }
      if (rd.pos >= rd.lines.length) return 0;
      const line = rd.lines[rd.pos++];
      if (e.lv) this.assign(e.lv, inputVal(line));
      else {
        this.setRecord(line);
      }
      return 1;
    }
    if (e.file) {
      const name = this.str(this.eval(e.file));
      let rd = this.readers.get(name);
      if (!rd) {
        this.flushFile(name);
        const r = name === "-" || name === "/dev/stdin" ? { text: this.ctx.stdin } : this.openFile(name);
        if ("error" in r) return -1;
        rd = { lines: this.splitRecords(r.text), pos: 0 };
        this.readers.set(name, rd);
      }
      if (rd.pos >= rd.lines.length) return 0;
      const line = rd.lines[rd.pos++];
      if (e.lv) this.assign(e.lv, inputVal(line));
      else {
        this.setRecord(line);
      }
      return 1;
    }
    const rec = this.nextRecord();
    if (rec === null) return 0;
    this.nr++;
    this.fnr++;
    if (e.lv) this.assign(e.lv, inputVal(rec));
    else this.setRecord(rec);
    return 1;
  }

  // ---- main loop -----------------------------------------------------------
  matchRule(r: Rule): boolean {
    if (!r.pattern) return true;
    if (!r.pattern2) return toBool(this.eval(r.pattern));
    if (r.inRange) {
      if (toBool(this.eval(r.pattern2))) r.inRange = false;
      return true;
    }
    if (toBool(this.eval(r.pattern))) {
      r.inRange = !toBool(this.eval(r.pattern2));
      return true;
    }
    return false;
  }

  run(): void {
    let exiting = false;
    try {
      this.inBegin = true;
      for (const b of this.prog.begins) {
        const sig = this.exec(b);
        if (sig === EXIT) {
          exiting = true;
          break;
        }
      }
      this.inBegin = false;
      if (!exiting && (this.prog.rules.length || this.prog.ends.length)) {
        outer: for (;;) {
          const rec = this.nextRecord();
          if (rec === null) break;
          this.ctx.host.charge?.(1);
          this.nr++;
          this.fnr++;
          this.setRecord(rec);
          for (const r of this.prog.rules) {
            if (!this.matchRule(r)) continue;
            let sig: Signal;
            if (r.action) sig = this.exec(r.action);
            else {
              this.write(this.record + this.str(this.globals.get("ORS") as Val));
              sig = undefined;
            }
            if (sig === NEXT) break;
            if (sig === NEXTFILE) {
              this.skipFile();
              break;
            }
            if (sig === EXIT) {
              exiting = true;
              break outer;
            }
          }
        }
      }
    } catch (e) {
      if (!(e instanceof ControlEscape)) throw e;
      if (e.sig !== EXIT) throw new AwkFatal("`next' called from function", true);
    }
    try {
      for (const b of this.prog.ends) {
        const sig = this.exec(b);
        if (sig === EXIT) break;
      }
    } catch (e) {
      if (!(e instanceof ControlEscape)) throw e;
    }
    void exiting;
  }
}

class ControlEscape extends Error {
  constructor(public sig: Signal) {
    super("control");
  }
}

export function unescapeAssign(s: string): string {
  return s.replace(/\\(n|t|r|\\|"|\/|a|b|f|v|[0-7]{1,3})/g, (_, c: string) => {
    const m: Record<string, string> = { n: "\n", t: "\t", r: "\r", "\\": "\\", '"': '"', "/": "/", a: "\x07", b: "\b", f: "\f", v: "\v" };
    return m[c] ?? String.fromCharCode(parseInt(c, 8));
  });
}

function strftime(fmt: string, t: number): string {
  const d = new Date(t * 1000);
  const days = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
  const months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
  const p2 = (n: number) => String(n).padStart(2, "0");
  return fmt.replace(/%([a-zA-Z%])/g, (m, c: string) => {
    switch (c) {
      case "Y": return String(d.getUTCFullYear());
      case "m": return p2(d.getUTCMonth() + 1);
      case "d": return p2(d.getUTCDate());
      case "e": return String(d.getUTCDate()).padStart(2, " ");
      case "H": return p2(d.getUTCHours());
      case "M": return p2(d.getUTCMinutes());
      case "S": return p2(d.getUTCSeconds());
      case "a": return days[d.getUTCDay()];
      case "b": return months[d.getUTCMonth()];
      case "Z": return "UTC";
      case "s": return String(t);
      case "F": return `${d.getUTCFullYear()}-${p2(d.getUTCMonth() + 1)}-${p2(d.getUTCDate())}`;
      case "T": return `${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())}`;
      case "%": return "%";
      default: return m;
    }
  });
}
