// kubectl -o go-template / go-template-file: a port of the parts of Go's text/template that
// templates over Kubernetes objects use (actions, trim markers, comments, pipelines,
// variables, if/else if/with/range/else/break/continue, define/template, parenthesised
// pipelines with field chains) plus kubectl's extra functions `exists` and `base64decode`.
// Values are decoded JSON as kubectl gives them (unstructured: integers are int64); a
// missing key prints `<no value>`. Parse and execution errors carry Go's texts and
// positions ("template: output:1:2: executing \"output\" at <index .items 9>: ...").

import { utf8Decode, utf8Encode } from "../../util/utf8.ts";
import { goQuote, goV, goFloatV, goTypeName, isGoInt } from "./gofmt.ts";
import { toGoJsonCompact } from "./json.ts";

// ---------------- values ----------------

/** A number constant written in the template: Go types it `int` or `float64`. */
class GoNum {
  constructor(readonly v: number, readonly t: "int" | "float64") {}
}
/** reflect's invalid Value: a missing map key; prints "<no value>" */
const INVALID = Symbol("no value");
type Val = unknown;

const isMap = (v: Val): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v) && !(v instanceof GoNum);
const sortedKeys = (m: Record<string, unknown>) => Object.keys(m).filter((k) => m[k] !== undefined).sort();

function typeOf(v: Val): string {
  if (v instanceof GoNum) return v.t;
  if (v === INVALID) return "<nil>";
  return goTypeName(v);
}

function numOf(v: Val): number {
  return v instanceof GoNum ? v.v : (v as number);
}

type Kind = "bool" | "int" | "float" | "string" | "invalid" | "other";
function kindOf(v: Val): Kind {
  if (v === INVALID || v === null || v === undefined) return "invalid";
  if (v instanceof GoNum) return v.t === "int" ? "int" : "float";
  if (typeof v === "boolean") return "bool";
  if (typeof v === "string") return "string";
  if (typeof v === "number") return isGoInt(v) ? "int" : "float";
  return "other";
}

/** fmt %v */
function fmtV(v: Val): string {
  if (v === INVALID) return "<no value>";
  if (v instanceof GoNum) return v.t === "int" ? String(v.v) : goFloatV(v.v);
  return goV(v);
}

function truth(v: Val): boolean {
  if (v === INVALID || v === null || v === undefined) return false;
  if (v instanceof GoNum) return v.v !== 0;
  if (typeof v === "boolean") return v;
  if (typeof v === "number") return v !== 0;
  if (typeof v === "string") return v.length > 0;
  if (Array.isArray(v)) return v.length > 0;
  if (isMap(v)) return Object.keys(v).length > 0;
  return true;
}

// ---------------- errors ----------------

export class TemplateParseError extends Error {}
export class TemplateExecError extends Error {}
/** error raised inside a function; the evaluator wraps it as "error calling f: msg" */
class CallError extends Error {}

// ---------------- lexer ----------------

type TokType =
  | "text" | "leftDelim" | "rightDelim" | "space" | "field" | "variable" | "identifier" | "keyword"
  | "string" | "rawString" | "char" | "number" | "bool" | "nil" | "dot" | "pipe" | "declare" | "assign"
  | "leftParen" | "rightParen" | "comma" | "comment" | "eof";

interface Tok { t: TokType; val: string; pos: number; line: number }

const KEYWORDS = new Set(["block", "break", "continue", "define", "else", "end", "if", "range", "template", "with"]);
const isSpaceCh = (c: string) => c === " " || c === "\t" || c === "\r" || c === "\n";
const isAlnum = (c: string) => c === "_" || /^[\p{L}\p{Nd}]$/u.test(c);

function utf8Len(s: string): number {
  let n = 0;
  for (const c of s) {
    const cp = c.codePointAt(0)!;
    n += cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
  }
  return n;
}

function goU(c: string): string {
  return `U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0")} '${c}'`;
}

function lex(input: string): Tok[] {
  const toks: Tok[] = [];
  let pos = 0;
  let line = 1;
  const emit = (t: TokType, start: number, end: number, val = input.slice(start, end)) => {
    toks.push({ t, val, pos: utf8Len(input.slice(0, start)), line });
    line += (input.slice(start, end).match(/\n/g) ?? []).length;
  };
  const fail = (msg: string): never => {
    throw new TemplateParseError(`template: output:${line}: ${msg}`);
  };
  let trimNextText = false;
  while (pos < input.length || (pos === input.length && toks.length === 0)) {
    // text up to the next {{
    let i = input.indexOf("{{", pos);
    const end = i < 0 ? input.length : i;
    let text = input.slice(pos, end);
    let trimLeft = false;
    if (i >= 0 && input.startsWith("{{- ", i) || (i >= 0 && /^\{\{-[\t\r\n]/.test(input.slice(i, i + 4)))) trimLeft = true;
    if (trimNextText) text = text.replace(/^[ \t\r\n]+/, "");
    if (trimLeft) text = text.replace(/[ \t\r\n]+$/, "");
    trimNextText = false;
    if (text.length > 0) {
      toks.push({ t: "text", val: text, pos: utf8Len(input.slice(0, pos)), line });
    }
    line += (input.slice(pos, end).match(/\n/g) ?? []).length;
    if (i < 0) break;
    // action
    pos = i;
    emit("leftDelim", pos, pos + 2);
    pos += 2;
    if (trimLeft) pos += 2; // "- "
    // comment
    if (input.startsWith("/*", pos)) {
      const c = input.indexOf("*/", pos);
      if (c < 0) fail("unclosed comment");
      let after = c + 2;
      let trimRight = false;
      if (/^[ \t\r\n]-\}\}/.test(input.slice(after, after + 4))) { trimRight = true; after += 2; }
      if (!input.startsWith("}}", after)) fail("comment ends before closing delimiter");
      line += (input.slice(pos, after).match(/\n/g) ?? []).length;
      toks.pop(); // comments produce no tokens
      pos = after + 2;
      trimNextText = trimRight;
      continue;
    }
    let parenDepth = 0;
    for (;;) {
      // right delimiter (optionally with trim marker " -}}")
      if (/^[ \t\r\n]-\}\}/.test(input.slice(pos, pos + 4))) {
        emit("rightDelim", pos + 2, pos + 4, "}}");
        pos += 4;
        trimNextText = true;
        break;
      }
      if (input.startsWith("}}", pos)) {
        if (parenDepth > 0) fail("unclosed left paren");
        emit("rightDelim", pos, pos + 2);
        pos += 2;
        break;
      }
      if (pos >= input.length) fail("unclosed action");
      const c = input[pos];
      const start = pos;
      if (isSpaceCh(c)) {
        while (pos < input.length && isSpaceCh(input[pos]) && !/^[ \t\r\n]-\}\}/.test(input.slice(pos, pos + 4))) pos++;
        if (pos === start) { pos++; }
        emit("space", start, pos);
        continue;
      }
      if (c === "=") { pos++; emit("assign", start, pos); continue; }
      if (c === ":") {
        if (input[pos + 1] !== "=") fail("expected :=");
        pos += 2; emit("declare", start, pos); continue;
      }
      if (c === "|") { pos++; emit("pipe", start, pos); continue; }
      if (c === ",") { pos++; emit("comma", start, pos); continue; }
      if (c === '"') {
        pos++;
        for (;;) {
          const d = input[pos];
          if (d === undefined || d === "\n") fail("unterminated quoted string");
          if (d === "\\") { pos += 2; continue; }
          pos++;
          if (d === '"') break;
        }
        emit("string", start, pos);
        continue;
      }
      if (c === "`") {
        const e = input.indexOf("`", pos + 1);
        if (e < 0) fail("unterminated raw quoted string");
        pos = e + 1;
        emit("rawString", start, pos);
        continue;
      }
      if (c === "'") {
        pos++;
        for (;;) {
          const d = input[pos];
          if (d === undefined || d === "\n") fail("unterminated character constant");
          if (d === "\\") { pos += 2; continue; }
          pos++;
          if (d === "'") break;
        }
        emit("char", start, pos);
        continue;
      }
      if (c === "(") { parenDepth++; pos++; emit("leftParen", start, pos); continue; }
      if (c === ")") {
        parenDepth--;
        if (parenDepth < 0) fail("unexpected right paren");
        pos++; emit("rightParen", start, pos); continue;
      }
      const checkTerm = () => {
        const d = input[pos];
        if (d === undefined || isSpaceCh(d) || ".,|:()".includes(d) || input.startsWith("}}", pos)) return;
        fail(`bad character ${goU(d)}`);
      };
      if (c === "$") {
        pos++;
        while (pos < input.length && isAlnum(input[pos])) pos++;
        emit("variable", start, pos);
        checkTerm();
        continue;
      }
      if (c === "." && !(input[pos + 1] >= "0" && input[pos + 1] <= "9")) {
        pos++;
        if (pos < input.length && isAlnum(input[pos])) {
          while (pos < input.length && isAlnum(input[pos])) pos++;
          emit("field", start, pos);
        } else {
          emit("dot", start, pos);
        }
        checkTerm();
        continue;
      }
      if (c === "+" || c === "-" || c === "." || (c >= "0" && c <= "9")) {
        const m = /^[+-]?(0[xX][0-9a-fA-F_]*\.?[0-9a-fA-F_]*([pP][+-]?[0-9_]+)?|0[bB][01_]+|0[oO][0-7_]+|[0-9_]*\.?[0-9_]*([eE][+-]?[0-9_]+)?)i?/.exec(input.slice(pos))!;
        pos += Math.max(m[0].length, 1);
        if (pos < input.length && isAlnum(input[pos])) {
          while (pos < input.length && isAlnum(input[pos])) pos++;
          fail(`bad number syntax: "${input.slice(start, pos)}"`);
        }
        emit("number", start, pos);
        continue;
      }
      if (isAlnum(c)) {
        while (pos < input.length && isAlnum(input[pos])) pos++;
        const word = input.slice(start, pos);
        if (KEYWORDS.has(word)) emit("keyword", start, pos);
        else if (word === "true" || word === "false") emit("bool", start, pos);
        else if (word === "nil") emit("nil", start, pos);
        else emit("identifier", start, pos);
        checkTerm();
        continue;
      }
      fail(`bad character ${goU(c)}`);
    }
  }
  toks.push({ t: "eof", val: "", pos: utf8Len(input), line });
  return toks;
}

// ---------------- AST ----------------

type Arg =
  | { k: "field"; pos: number; idents: string[] }
  | { k: "variable"; pos: number; name: string; idents: string[] }
  | { k: "dot"; pos: number }
  | { k: "nil"; pos: number }
  | { k: "bool"; pos: number; v: boolean }
  | { k: "number"; pos: number; text: string; v: GoNum }
  | { k: "string"; pos: number; text: string; v: string }
  | { k: "ident"; pos: number; name: string }
  | { k: "pipe"; pos: number; pipe: Pipe }
  | { k: "chain"; pos: number; node: Arg; idents: string[] };

interface Command { pos: number; args: Arg[] }
interface Pipe { pos: number; decl: string[]; isAssign: boolean; cmds: Command[] }

type TNode =
  | { k: "text"; text: string }
  | { k: "action"; pos: number; pipe: Pipe }
  | { k: "if" | "with" | "range"; pos: number; pipe: Pipe; list: TNode[]; elseList: TNode[] | null }
  | { k: "break" | "continue"; pos: number }
  | { k: "template"; pos: number; name: string; pipe: Pipe | null };

function argString(a: Arg): string {
  switch (a.k) {
    case "field": return a.idents.map((i) => "." + i).join("");
    case "variable": return a.name + a.idents.map((i) => "." + i).join("");
    case "dot": return ".";
    case "nil": return "nil";
    case "bool": return String(a.v);
    case "number": return a.text;
    case "string": return a.text;
    case "ident": return a.name;
    case "pipe": return "(" + pipeString(a.pipe) + ")";
    case "chain": return (a.node.k === "pipe" ? argString(a.node) : argString(a.node)) + a.idents.map((i) => "." + i).join("");
  }
}
function cmdString(c: Command): string {
  return c.args.map((a) => (a.k === "pipe" ? "(" + pipeString(a.pipe) + ")" : argString(a))).join(" ");
}
function pipeString(p: Pipe): string {
  const decl = p.decl.length ? p.decl.join(", ") + (p.isAssign ? " = " : " := ") : "";
  return decl + p.cmds.map(cmdString).join(" | ");
}

// ---------------- parser ----------------

const FUNCS = new Set([
  "and", "call", "html", "index", "slice", "js", "len", "not", "or", "print", "printf", "println", "urlquery",
  "eq", "ge", "gt", "le", "lt", "ne", "exists", "base64decode",
]);

class TParser {
  i = 0;
  vars: string[] = ["$"];
  rangeDepth = 0;
  defines = new Map<string, TNode[]>();
  constructor(readonly toks: Tok[]) {}

  peek(): Tok { return this.toks[this.i]; }
  next(): Tok { return this.toks[this.i++]; }
  backup() { this.i--; }
  nextNonSpace(): Tok {
    let t = this.next();
    while (t.t === "space") t = this.next();
    return t;
  }
  peekNonSpace(): Tok {
    const t = this.nextNonSpace();
    this.backup();
    return t;
  }
  fail(msg: string, tok?: Tok): never {
    const t = tok ?? this.toks[Math.max(0, this.i - 1)];
    throw new TemplateParseError(`template: output:${t.line}: ${msg}`);
  }
  unexpected(t: Tok, context: string): never {
    if (t.t === "eof") this.fail(`unexpected EOF in ${context}`, t);
    this.fail(`unexpected ${tokDesc(t)} in ${context}`, t);
  }

  parse(): TNode[] {
    const list: TNode[] = [];
    for (;;) {
      const t = this.peek();
      if (t.t === "eof") break;
      if (t.t === "leftDelim") {
        const save = this.i;
        this.next();
        const kw = this.nextNonSpace();
        if (kw.t === "keyword" && kw.val === "define") {
          this.parseDefine();
          continue;
        }
        this.i = save;
      }
      const n = this.textOrAction();
      if (n.k === "end" || n.k === "else") this.fail(`unexpected {{${n.k}}}`);
      if (n.k !== "none") list.push(n as TNode);
    }
    return list;
  }

  parseDefine() {
    const nameTok = this.nextNonSpace();
    if (nameTok.t !== "string" && nameTok.t !== "rawString") this.fail("name of template must be a string? unexpected " + tokDesc(nameTok) + " in define clause");
    const name = unquote(nameTok.val, (m) => this.fail(m));
    if (this.nextNonSpace().t !== "rightDelim") this.fail("unexpected token in define clause");
    const saveVars = this.vars;
    this.vars = ["$"];
    const [list, end] = this.itemList("define");
    if (end !== "end") this.fail("unexpected {{else}} in define clause");
    this.vars = saveVars;
    this.defines.set(name, list);
  }

  // returns a node, or a marker for {{end}} / {{else}}
  textOrAction(): TNode | { k: "end" | "else" | "none"; tok?: Tok; elseKw?: string } {
    const t = this.next();
    if (t.t === "text") return { k: "text", text: t.val };
    if (t.t === "leftDelim") return this.action();
    this.unexpected(t, "input");
  }

  action(): TNode | { k: "end" | "else" | "none"; elseKw?: string } {
    const t = this.nextNonSpace();
    if (t.t === "keyword") {
      switch (t.val) {
        case "end": this.expectRight("end"); return { k: "end" };
        case "else": {
          const p = this.peekNonSpace();
          if (p.t === "keyword" && (p.val === "if" || p.val === "with")) {
            return { k: "else", elseKw: p.val };
          }
          this.expectRight("else");
          return { k: "else" };
        }
        case "if": return this.control("if", t);
        case "with": return this.control("with", t);
        case "range": return this.control("range", t);
        case "break":
        case "continue":
          if (this.rangeDepth === 0) this.fail(`{{${t.val}}} outside {{range}}`);
          this.expectRight(t.val);
          return { k: t.val as "break" | "continue", pos: t.pos };
        case "template":
        case "block": {
          const nameTok = this.nextNonSpace();
          if (nameTok.t !== "string" && nameTok.t !== "rawString") this.unexpected(nameTok, `${t.val} clause`);
          const name = unquote(nameTok.val, (m) => this.fail(m));
          const p = this.peekNonSpace();
          let pipe: Pipe | null = null;
          if (p.t !== "rightDelim") pipe = this.pipeline(t.val, "rightDelim");
          else this.nextNonSpace();
          return { k: "template", pos: t.pos, name, pipe };
        }
        case "define": this.fail("unexpected define");
      }
    }
    this.backup();
    const pipe = this.pipeline("command", "rightDelim");
    return { k: "action", pos: t.pos, pipe };
  }

  expectRight(context: string) {
    const t = this.nextNonSpace();
    if (t.t !== "rightDelim") this.unexpected(t, context);
  }

  control(kind: "if" | "with" | "range", kwTok: Tok): TNode {
    const mark = this.vars.length;
    const pipe = this.pipeline(kind, "rightDelim", kind === "range");
    if (kind === "range") this.rangeDepth++;
    let [list, end, elseKw] = this.itemList(kind);
    if (kind === "range") this.rangeDepth--;
    let elseList: TNode[] | null = null;
    if (end === "else") {
      if (elseKw && (kind === "if" || kind === "with") && elseKw === kind) {
        // {{else if ...}} is an {{if}} nested in the else branch, sharing our {{end}}
        const kw = this.nextNonSpace();
        elseList = [this.control(kind, kw)];
      } else if (elseKw) {
        this.fail(`unexpected ${elseKw}? in ${kind}`);
      } else {
        const [l2, end2] = this.itemList(kind);
        if (end2 !== "end") this.fail(`expected end; found {{else}}`);
        elseList = l2;
      }
    }
    this.vars.length = mark;
    return { k: kind, pos: kwTok.pos, pipe, list, elseList };
  }

  itemList(context: string): [TNode[], "end" | "else", string | undefined] {
    const list: TNode[] = [];
    for (;;) {
      const t = this.peekNonSpace();
      if (t.t === "eof") this.fail("unexpected EOF", t);
      const n = this.textOrAction();
      if (n.k === "end" || n.k === "else") return [list, n.k, (n as any).elseKw];
      if (n.k !== "none") list.push(n as TNode);
    }
  }

  pipeline(context: string, end: "rightDelim" | "rightParen", isRange = false): Pipe {
    const pos = this.peekNonSpace().pos;
    const decl: string[] = [];
    let isAssign = false;
    // declarations: $x := / $x = / $i, $v :=
    const save = this.i;
    const v = this.peekNonSpace();
    if (v.t === "variable") {
      this.nextNonSpace();
      const next = this.peekNonSpace();
      if (next.t === "declare" || next.t === "assign") {
        this.nextNonSpace();
        decl.push(v.val);
        isAssign = next.t === "assign";
        if (!isAssign) this.vars.push(v.val);
        else if (!this.vars.includes(v.val)) this.fail(`undefined variable "${v.val}"`);
      } else if (next.t === "comma" && isRange) {
        this.nextNonSpace();
        decl.push(v.val);
        const v2 = this.nextNonSpace();
        if (v2.t !== "variable") this.fail(`range can only initialize variables`);
        const d = this.nextNonSpace();
        if (d.t !== "declare" && d.t !== "assign") this.fail("range can only initialize variables");
        decl.push(v2.val);
        isAssign = d.t === "assign";
        if (!isAssign) this.vars.push(v.val, v2.val);
      } else {
        this.i = save;
      }
    }
    const cmds: Command[] = [];
    for (;;) {
      const t = this.nextNonSpace();
      if (t.t === end) {
        if (cmds.length === 0) this.fail(`missing value for ${context}`);
        break;
      }
      if (t.t === "eof" && end === "rightParen") this.fail("unclosed left paren");
      this.backup();
      cmds.push(this.command(end));
    }
    return { pos, decl, isAssign, cmds };
  }

  command(end: "rightDelim" | "rightParen"): Command {
    const pos = this.peekNonSpace().pos;
    const args: Arg[] = [];
    for (;;) {
      this.peekNonSpace();
      const op = this.operand();
      if (op) args.push(op);
      const t = this.next();
      if (t.t === "space") continue;
      if (t.t === "rightDelim" || t.t === "rightParen") {
        this.backup();
      } else if (t.t === "pipe") {
        // handled by the caller loop
      } else {
        this.fail(`unexpected ${tokDesc(t)} in operand`);
      }
      break;
    }
    if (args.length === 0) this.fail("empty command");
    void end;
    return { pos, args };
  }

  operand(): Arg | null {
    const node = this.term();
    if (!node) return null;
    if (this.peek().t === "field") {
      const pos = this.peek().pos;
      const idents: string[] = [];
      while (this.peek().t === "field") idents.push(this.next().val.slice(1));
      if (node.k === "field") return { k: "field", pos, idents: [...node.idents, ...idents] };
      if (node.k === "variable") return { k: "variable", pos, name: node.name, idents: [...node.idents, ...idents] };
      if (node.k === "bool" || node.k === "string" || node.k === "number" || node.k === "nil" || node.k === "dot") {
        this.fail(`unexpected . after term "${argString(node)}"`);
      }
      return { k: "chain", pos, node, idents };
    }
    return node;
  }

  term(): Arg | null {
    const t = this.nextNonSpace();
    switch (t.t) {
      case "identifier":
        if (!FUNCS.has(t.val)) this.fail(`function "${t.val}" not defined`);
        return { k: "ident", pos: t.pos, name: t.val };
      case "dot": return { k: "dot", pos: t.pos };
      case "nil": return { k: "nil", pos: t.pos };
      case "variable": {
        const parts = t.val.split(".");
        if (!this.vars.includes(parts[0])) this.fail(`undefined variable "${parts[0]}"`);
        return { k: "variable", pos: t.pos, name: parts[0], idents: [] };
      }
      case "field": return { k: "field", pos: t.pos, idents: [t.val.slice(1)] };
      case "bool": return { k: "bool", pos: t.pos, v: t.val === "true" };
      case "char":
      case "number": return { k: "number", pos: t.pos, text: t.val, v: parseNumber(t, (m) => this.fail(m)) };
      case "leftParen": {
        const pipe = this.pipeline("parenthesized pipeline", "rightParen");
        return { k: "pipe", pos: t.pos, pipe };
      }
      case "string":
      case "rawString":
        return { k: "string", pos: t.pos, text: t.val, v: unquote(t.val, (m) => this.fail(m)) };
    }
    this.backup();
    return null;
  }
}

function tokDesc(t: Tok): string {
  if (t.t === "eof") return "EOF";
  if (t.t === "rightDelim") return "}}";
  if (t.t === "space") return "space";
  return goQuote(t.val);
}

function parseNumber(t: Tok, fail: (m: string) => never): GoNum {
  const text = t.val;
  if (t.t === "char") {
    const s = unquote(text, () => fail(`malformed character constant: ${text}`));
    const cps = Array.from(s);
    if (cps.length !== 1) fail(`malformed character constant: ${text}`);
    return new GoNum(cps[0].codePointAt(0)!, "int");
  }
  const clean = text.replace(/_/g, "");
  if (/^[+-]?(0[xX][0-9a-fA-F]+|0[bB][01]+|0[oO][0-7]+|0[0-7]*|[1-9][0-9]*)$/.test(clean)) {
    const neg = clean.startsWith("-");
    const body = clean.replace(/^[+-]/, "");
    const v = /^0[0-7]+$/.test(body) ? parseInt(body, 8) : /^0[oO]/.test(body) ? parseInt(body.slice(2), 8) : Number(body);
    return new GoNum(neg ? -v : v, "int");
  }
  if (/^[+-]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][+-]?[0-9]+)?$/.test(clean)) return new GoNum(Number(clean), "float64");
  fail(`bad number syntax: "${text}"`);
}

function unquote(s: string, fail: (m: string) => never): string {
  if (s.startsWith("`")) return s.slice(1, -1);
  const q = s[0];
  const body = s.slice(1, -1);
  let out = "";
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    if (c !== "\\") { out += c; continue; }
    const e = body[++i];
    const simple: Record<string, string> = { a: "\x07", b: "\b", f: "\f", n: "\n", r: "\r", t: "\t", v: "\v", "\\": "\\" };
    if (e in simple) out += simple[e];
    else if (e === q) out += q;
    else if (e === "x" || e === "u" || e === "U") {
      const n = e === "x" ? 2 : e === "u" ? 4 : 8;
      const hex = body.slice(i + 1, i + 1 + n);
      if (!new RegExp(`^[0-9a-fA-F]{${n}}$`).test(hex)) fail("invalid syntax");
      out += String.fromCodePoint(parseInt(hex, 16));
      i += n;
    } else if (e >= "0" && e <= "7") {
      out += String.fromCodePoint(parseInt(body.slice(i, i + 3), 8));
      i += 2;
    } else fail("invalid syntax");
  }
  return out;
}

// ---------------- functions ----------------

function basicKindOrThrow(v: Val): Kind {
  const k = kindOf(v);
  if (k === "invalid" || k === "other") throw new CallError("invalid type for comparison");
  return k;
}

function eqFn(a: Val, ...bs: Val[]): boolean {
  if (bs.length === 0) throw new CallError("missing argument for comparison");
  const ka = kindOf(a);
  for (const b of bs) {
    const kb = kindOf(b);
    let t = false;
    if (ka !== kb) {
      if (ka !== "invalid" && kb !== "invalid") throw new CallError("incompatible types for comparison");
    } else if (ka === "int" || ka === "float") t = numOf(a) === numOf(b);
    else if (ka === "other") {
      throw new CallError(`non-comparable types ${fmtV(a)}: ${typeOf(a)}, ${typeOf(b)}: ${fmtV(b)}`);
    } else if (ka === "invalid") t = true;
    else t = a === b;
    if (t) return true;
  }
  return false;
}

function ltFn(a: Val, b: Val): boolean {
  const ka = basicKindOrThrow(a), kb = basicKindOrThrow(b);
  if (ka !== kb) throw new CallError("incompatible types for comparison");
  if (ka === "bool") throw new CallError("invalid type for comparison");
  if (ka === "string") return (a as string) < (b as string);
  return numOf(a) < numOf(b);
}

function indexArg(v: Val, len: number): number {
  const k = kindOf(v);
  if (k !== "int") {
    if (v === INVALID || v === null) throw new CallError("cannot index slice/array with nil");
    throw new CallError(`cannot index slice/array with type ${typeOf(v)}`);
  }
  const x = numOf(v);
  if (x < 0 || x >= len) throw new CallError(`index out of range: ${x}`);
  return x;
}

function indexFn(item: Val, ...idx: Val[]): Val {
  let v = item;
  if (v === INVALID || v === null) throw new CallError("index of untyped nil");
  for (const i of idx) {
    if (v === null || v === INVALID) throw new CallError("index of nil pointer");
    if (Array.isArray(v)) v = v[indexArg(i, v.length)];
    else if (typeof v === "string") v = new GoNum(utf8Encode(v)[indexArg(i, utf8Encode(v).length)], "int");
    else if (isMap(v)) {
      if (typeof i !== "string") {
        if (i === INVALID || i === null) { v = null; continue; }
        throw new CallError(`value has type ${typeOf(i)}; should be string`);
      }
      v = Object.prototype.hasOwnProperty.call(v, i) && v[i] !== undefined ? v[i] : null;
    } else throw new CallError(`can't index item of type ${typeOf(v)}`);
  }
  return v;
}


function lenFn(v: Val): GoNum {
  if (v === INVALID || v === null) throw new CallError("reflect: call of reflect.Value.Type on zero Value");
  if (typeof v === "string") return new GoNum(utf8Encode(v).length, "int");
  if (Array.isArray(v)) return new GoNum(v.length, "int");
  if (isMap(v)) return new GoNum(Object.keys(v).length, "int");
  throw new CallError(`len of type ${typeOf(v)}`);
}

function sliceFn(item: Val, ...idx: Val[]): Val {
  if (item === INVALID || item === null) throw new CallError("slice of untyped nil");
  if (idx.length > 3) throw new CallError(`too many slice indexes: ${idx.length}`);
  const isStr = typeof item === "string";
  if (!isStr && !Array.isArray(item)) throw new CallError(`can't slice item of type ${typeOf(item)}`);
  const len = isStr ? utf8Encode(item as string).length : (item as unknown[]).length;
  const ix = [0, len];
  idx.forEach((v, n) => {
    if (kindOf(v) !== "int") throw new CallError(`cannot index slice/array with type ${typeOf(v)}`);
    const x = numOf(v);
    if (x < 0 || x > len) throw new CallError(`index out of range: ${x}`);
    ix[n] = x;
  });
  if (ix[0] > ix[1]) throw new CallError(`invalid slice index: ${ix[0]} > ${ix[1]}`);
  if (isStr) {
    const b = utf8Encode(item as string).slice(ix[0], ix[1]);
    return utf8Decode(b);
  }
  return (item as unknown[]).slice(ix[0], ix[1]);
}

const B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/** base64.StdEncoding.DecodeString (newlines ignored), Go's CorruptInputError offsets. */
export function goBase64Decode(s: string): string {
  const bytes: number[] = [];
  const clean: { c: string; at: number }[] = [];
  for (let i = 0; i < s.length; i++) if (s[i] !== "\n" && s[i] !== "\r") clean.push({ c: s[i], at: i });
  const bad = (at: number): never => { throw new CallError(`base64 decode failed: illegal base64 data at input byte ${at}`); };
  for (let q = 0; q < clean.length; q += 4) {
    const quad = clean.slice(q, q + 4);
    const vals: number[] = [];
    let pad = 0;
    for (let j = 0; j < quad.length; j++) {
      const { c, at } = quad[j];
      if (c === "=") {
        if (j < 2) bad(at);
        pad = 4 - j;
        for (let k = j; k < 4; k++) if (!quad[k] || quad[k].c !== "=") bad(quad[k] ? quad[k].at : (quad[j].at));
        if (q + 4 < clean.length) bad(clean[q + 4].at);
        break;
      }
      const v = B64.indexOf(c);
      if (v < 0) bad(at);
      vals.push(v);
    }
    if (quad.length < 4 && pad === 0) bad(quad[0].at === undefined ? 0 : clean[q].at);
    const n = (vals[0] << 18) | (vals[1] << 12) | ((vals[2] ?? 0) << 6) | (vals[3] ?? 0);
    bytes.push((n >> 16) & 255);
    if (vals.length > 2) bytes.push((n >> 8) & 255);
    if (vals.length > 3) bytes.push(n & 255);
  }
  return utf8Decode(bytes);
}

function existsFn(item: Val, ...indices: Val[]): boolean {
  let v = item;
  for (const i of indices) {
    if (v === null || v === INVALID || v === undefined) return false;
    if (Array.isArray(v) || typeof v === "string") {
      if (kindOf(i) !== "int") return false;
      const x = numOf(i);
      const len = typeof v === "string" ? utf8Encode(v).length : v.length;
      if (x < 0 || x >= len) return false;
      v = typeof v === "string" ? utf8Encode(v)[x] : v[x];
    } else if (isMap(v)) {
      if (typeof i !== "string") return false;
      v = Object.prototype.hasOwnProperty.call(v, i) ? v[i] : null;
    } else return false;
  }
  return !(v === null || v === INVALID || v === undefined);
}

function htmlEscape(s: string): string {
  return s.replace(/[&'<>"\0]/g, (c) => ({ "&": "&amp;", "'": "&#39;", "<": "&lt;", ">": "&gt;", '"': "&#34;", "\0": "\uFFFD" })[c]!);
}

function jsEscape(s: string): string {
  let out = "";
  for (const c of s) {
    const cp = c.codePointAt(0)!;
    if (c === "\\") out += "\\\\";
    else if (c === "'") out += "\\'";
    else if (c === '"') out += '\\"';
    else if (c === "<") out += "\\u003C";
    else if (c === ">") out += "\\u003E";
    else if (c === "&") out += "\\u0026";
    else if (c === "=") out += "\\u003D";
    else if (cp < 0x20) out += "\\u" + cp.toString(16).toUpperCase().padStart(4, "0");
    else out += c;
  }
  return out;
}

function urlQueryEscape(s: string): string {
  let out = "";
  for (const b of utf8Encode(s)) {
    const c = String.fromCharCode(b);
    if (/[A-Za-z0-9\-_.~]/.test(c)) out += c;
    else if (c === " ") out += "+";
    else out += "%" + b.toString(16).toUpperCase().padStart(2, "0");
  }
  return out;
}

/** evalArgs helper for print/html/js/urlquery: fmt.Sprint of the args */
function sprint(args: Val[]): string {
  let out = "";
  args.forEach((a, i) => {
    const isStr = typeof a === "string";
    const prevStr = i > 0 && typeof args[i - 1] === "string";
    if (i > 0 && !isStr && !prevStr) out += " ";
    out += fmtV(a);
  });
  return out;
}

function sprintln(args: Val[]): string {
  return args.map(fmtV).join(" ") + "\n";
}

// ---------------- printf (fmt subset) ----------------

function pad(s: string, width: number | undefined, minus: boolean, zero: boolean): string {
  const n = Array.from(s).length;
  if (width === undefined || n >= width) return s;
  if (minus) return s + " ".repeat(width - n);
  if (zero) {
    const sign = /^[+-]/.test(s) ? s[0] : "";
    return sign + "0".repeat(width - n) + s.slice(sign.length);
  }
  return " ".repeat(width - n) + s;
}

function badVerb(verb: string, a: Val): string {
  if (a === null || a === INVALID) return `%!${verb}(<nil>)`;
  return `%!${verb}(${typeOf(a)}=${fmtV(a)})`;
}

function fmtFloat(f: number, verb: string, prec: number | undefined): string {
  const expo = (s: string) => s.replace(/e([+-])(\d)$/, "e$10$2");
  switch (verb) {
    case "f": case "F": return f.toFixed(prec ?? 6);
    case "e": return expo(f.toExponential(prec ?? 6));
    case "E": return expo(f.toExponential(prec ?? 6)).toUpperCase();
    case "g": case "v":
      if (prec === undefined) return goFloatV(f);
      return expo(Number(f.toPrecision(prec)).toString());
  }
  return String(f);
}

export function goSprintf(format: string, args: Val[]): string {
  let out = "";
  let argi = 0;
  for (let i = 0; i < format.length; i++) {
    const c = format[i];
    if (c !== "%") { out += c; continue; }
    i++;
    let minus = false, plus = false, zero = false, sharp = false, space = false;
    for (; i < format.length; i++) {
      const f = format[i];
      if (f === "-") minus = true;
      else if (f === "+") plus = true;
      else if (f === "0") zero = !minus;
      else if (f === "#") sharp = true;
      else if (f === " ") space = true;
      else break;
    }
    let width: number | undefined;
    let prec: number | undefined;
    const wm = /^[0-9]+/.exec(format.slice(i));
    if (wm) { width = Number(wm[0]); i += wm[0].length; }
    if (format[i] === ".") {
      i++;
      const pm = /^[0-9]+/.exec(format.slice(i));
      prec = pm ? Number(pm[0]) : 0;
      if (pm) i += pm[0].length;
    }
    const verb = format[i];
    if (verb === undefined) { out += "%!(NOVERB)"; break; }
    if (verb === "%") { out += "%"; continue; }
    if (argi >= args.length) { out += `%!${verb}(MISSING)`; continue; }
    const a = args[argi++];
    const k = kindOf(a);
    let s: string;
    switch (verb) {
      case "v":
        s = sharp ? fmtSharpV(a) : k === "float" ? fmtFloat(numOf(a), "v", prec) : fmtV(a);
        if (plus && (k === "int" || k === "float") && numOf(a) >= 0) s = "+" + s;
        break;
      case "T": s = a === INVALID || a === null ? "<nil>" : typeOf(a); break;
      case "s":
        if (typeof a === "string") s = prec !== undefined ? Array.from(a).slice(0, prec).join("") : a;
        else if (k === "other") s = fmtV(a);
        else { s = badVerb("s", a); out += s; continue; }
        break;
      case "q":
        if (typeof a === "string") s = goQuote(a);
        else if (k === "int") s = "'" + String.fromCodePoint(numOf(a)) + "'";
        else { out += badVerb("q", a); continue; }
        break;
      case "d":
        if (k !== "int") { out += badVerb("d", a); continue; }
        s = String(numOf(a));
        if (plus && numOf(a) >= 0) s = "+" + s;
        else if (space && numOf(a) >= 0) s = " " + s;
        break;
      case "x": case "X": case "o": case "b": case "c": case "U": {
        if (k === "int") {
          const n = numOf(a);
          if (verb === "c") s = String.fromCodePoint(n);
          else if (verb === "U") s = "U+" + n.toString(16).toUpperCase().padStart(4, "0");
          else {
            s = Math.abs(n).toString(verb === "o" ? 8 : verb === "b" ? 2 : 16);
            if (verb === "X") s = s.toUpperCase();
            if (sharp && verb !== "b") s = (verb === "o" ? "0" : verb === "x" ? "0x" : "0X") + s;
            if (n < 0) s = "-" + s;
          }
        } else if (typeof a === "string" && (verb === "x" || verb === "X")) {
          s = utf8Encode(a).map((b) => b.toString(16).padStart(2, "0")).join("");
          if (verb === "X") s = s.toUpperCase();
        } else { out += badVerb(verb, a); continue; }
        break;
      }
      case "f": case "F": case "e": case "E": case "g":
        if (k !== "float" && k !== "int") { out += badVerb(verb, a); continue; }
        if (k === "int" && !(a instanceof GoNum && a.t === "float64")) { out += badVerb(verb, a); continue; }
        s = fmtFloat(numOf(a), verb, prec);
        if (plus && numOf(a) >= 0) s = "+" + s;
        break;
      case "t":
        if (k !== "bool") { out += badVerb("t", a); continue; }
        s = String(a);
        break;
      default:
        out += badVerb(verb, a);
        continue;
    }
    out += pad(s, width, minus, zero && verb !== "s" && verb !== "v" && verb !== "q");
  }
  if (argi < args.length) {
    out += "%!(EXTRA " + args.slice(argi).map((a) => `${a === null || a === INVALID ? "<nil>" : typeOf(a)}=${fmtV(a)}`).join(", ") + ")";
  }
  return out;
}

function fmtSharpV(a: Val): string {
  if (typeof a === "string") return goQuote(a);
  return fmtV(a);
}

// ---------------- evaluator ----------------

class BreakSignal { constructor(readonly kind: "break" | "continue") {} }

interface ExecState {
  out: string;
  vars: { name: string; value: Val }[];
  node: { pos: number; text: string } | null;
  depth: number;
}

class Exec {
  constructor(readonly defines: Map<string, TNode[]>, readonly source: string) {}

  errorf(s: ExecState, msg: string): never {
    if (!s.node) throw new TemplateExecError(`template: output: ${msg}`);
    const prefix = this.source;
    void prefix;
    throw new TemplateExecError(`template: output:${this.location(s.node.pos)}: executing "output" at <${s.node.text}>: ${msg}`);
  }

  location(bytePos: number): string {
    // byte offset → line:col (col = byte offset within the line, as Go's ErrorContext)
    const bytes = utf8Encode(this.source).slice(0, bytePos);
    let line = 1, last = -1;
    bytes.forEach((b, i) => { if (b === 10) { line++; last = i; } });
    const col = last < 0 ? bytePos : bytePos - (last + 1);
    return `${line}:${col}`;
  }

  at(s: ExecState, pos: number, text: string) {
    s.node = { pos, text };
  }

  walk(s: ExecState, dot: Val, list: TNode[]) {
    for (const n of list) this.walkNode(s, dot, n);
  }

  walkNode(s: ExecState, dot: Val, n: TNode) {
    switch (n.k) {
      case "text": s.out += n.text; return;
      case "action": {
        const v = this.evalPipeline(s, dot, n.pipe);
        if (n.pipe.decl.length === 0) this.printValue(s, v);
        return;
      }
      case "if":
      case "with": {
        const mark = s.vars.length;
        const v = this.evalPipeline(s, dot, n.pipe);
        if (truth(v)) this.walk(s, n.k === "with" ? v : dot, n.list);
        else if (n.elseList) this.walk(s, dot, n.elseList);
        s.vars.length = mark;
        return;
      }
      case "range": return this.walkRange(s, dot, n);
      case "break":
      case "continue": throw new BreakSignal(n.k);
      case "template": {
        const list = this.defines.get(n.name);
        this.at(s, n.pos, `template "${n.name}"`);
        if (!list) this.errorf(s, `no such template "${n.name}"`);
        if (s.depth > 100000) this.errorf(s, "exceeded maximum template depth (100000)");
        const newDot = n.pipe ? this.evalPipeline(s, dot, n.pipe) : null;
        const saved = s.vars;
        s.vars = [{ name: "$", value: newDot }];
        s.depth++;
        this.walk(s, newDot, list);
        s.depth--;
        s.vars = saved;
        return;
      }
    }
  }

  walkRange(s: ExecState, dot: Val, n: { pos: number; pipe: Pipe; list: TNode[]; elseList: TNode[] | null }) {
    this.at(s, n.pos, "range");
    const mark = s.vars.length;
    const val = this.evalPipeline(s, dot, n.pipe);
    const one = (index: Val, elem: Val): boolean => {
      if (n.pipe.decl.length > 0) {
        if (n.pipe.isAssign) this.setVar(s, n.pipe.decl[n.pipe.decl.length === 1 ? 0 : 1], elem);
        else s.vars[s.vars.length - 1].value = elem;
      }
      if (n.pipe.decl.length > 1) {
        if (n.pipe.isAssign) this.setVar(s, n.pipe.decl[0], index);
        else s.vars[s.vars.length - 2].value = index;
      }
      const innerMark = s.vars.length;
      try {
        this.walk(s, elem, n.list);
      } catch (e) {
        if (e instanceof BreakSignal) {
          s.vars.length = innerMark;
          return e.kind === "break";
        }
        throw e;
      }
      s.vars.length = innerMark;
      return false;
    };
    let ran = false;
    if (Array.isArray(val)) {
      for (let i = 0; i < val.length; i++) {
        ran = true;
        if (one(new GoNum(i, "int"), val[i])) break;
      }
    } else if (isMap(val)) {
      for (const k of sortedKeys(val)) {
        ran = true;
        if (one(k, val[k])) break;
      }
    } else if (val === INVALID || val === null) {
      // nothing to iterate
    } else {
      const cmd = n.pipe.cmds[n.pipe.cmds.length - 1];
      const last = cmd.args[cmd.args.length - 1];
      this.at(s, last.pos, cmdString(cmd));
      this.errorf(s, `range can't iterate over ${fmtV(val)}`);
    }
    if (!ran && n.elseList) this.walk(s, dot, n.elseList);
    s.vars.length = mark;
  }

  setVar(s: ExecState, name: string, v: Val) {
    for (let i = s.vars.length - 1; i >= 0; i--) {
      if (s.vars[i].name === name) { s.vars[i].value = v; return; }
    }
    this.errorf(s, `undefined variable: ${name}`);
  }

  printValue(s: ExecState, v: Val) {
    s.out += fmtV(v);
  }

  evalPipeline(s: ExecState, dot: Val, pipe: Pipe): Val {
    let value: Val = undefined; // "missing" final argument
    let first = true;
    for (const cmd of pipe.cmds) {
      value = this.evalCommand(s, dot, cmd, first ? undefined : value, !first);
      first = false;
      if (value === null) value = INVALID; // interface{} holding nil → invalid, prints <no value>
    }
    for (const name of pipe.decl) {
      if (pipe.isAssign) this.setVar(s, name, value);
      else s.vars.push({ name, value });
    }
    return value;
  }

  evalCommand(s: ExecState, dot: Val, cmd: Command, final: Val, hasFinal: boolean): Val {
    const first = cmd.args[0];
    switch (first.k) {
      case "field":
        return this.evalFieldChain(s, dot, dot, first, first.idents, cmd, hasFinal, "interface {}");
      case "chain": {
        const base = first.node.k === "pipe" ? this.evalPipeline(s, dot, first.node.pipe) : this.evalArg(s, dot, first.node);
        return this.evalFieldChain(s, dot, base, first, first.idents, cmd, hasFinal, typeOf(base));
      }
      case "ident":
        return this.evalFunction(s, dot, first, cmd, final, hasFinal);
      case "pipe":
        this.notAFunction(s, cmd, hasFinal);
        return this.evalPipeline(s, dot, first.pipe);
      case "variable": {
        const v = this.lookupVar(s, first.name);
        if (first.idents.length === 0) { this.notAFunction(s, cmd, hasFinal); return v; }
        return this.evalFieldChain(s, dot, v, first, first.idents, cmd, hasFinal, typeOf(v));
      }
    }
    this.at(s, first.pos, argString(first));
    this.notAFunction(s, cmd, hasFinal);
    switch (first.k) {
      case "bool": return first.v;
      case "dot": return dot;
      case "nil": this.errorf(s, "nil is not a command");
      case "number": return first.v;
      case "string": return first.v;
    }
    this.errorf(s, `can't evaluate command ${argString(first)}`);
  }

  notAFunction(s: ExecState, cmd: Command, hasFinal: boolean) {
    if (cmd.args.length > 1 || hasFinal) this.errorf(s, `can't give argument to non-function ${argString(cmd.args[0])}`);
  }

  lookupVar(s: ExecState, name: string): Val {
    for (let i = s.vars.length - 1; i >= 0; i--) if (s.vars[i].name === name) return s.vars[i].value;
    this.errorf(s, `undefined variable: ${name}`);
  }

  evalFieldChain(s: ExecState, dot: Val, receiver: Val, node: Arg, idents: string[], cmd: Command, hasFinal: boolean, firstType: string): Val {
    this.at(s, node.pos, argString(node));
    let v = receiver;
    let staticType = firstType;
    for (let i = 0; i < idents.length; i++) {
      const name = idents[i];
      const isLast = i === idents.length - 1;
      if (isLast && (cmd.args.length > 1 || hasFinal) && isMap(v)) {
        this.errorf(s, `${name} is not a method but has arguments`);
      }
      v = this.evalField(s, name, v, staticType);
      staticType = "interface {}";
    }
    void dot;
    return v;
  }

  evalField(s: ExecState, name: string, receiver: Val, staticType: string): Val {
    if (receiver === INVALID || receiver === undefined) return INVALID;
    if (receiver === null) this.errorf(s, `nil pointer evaluating ${staticType}.${name}`);
    if (isMap(receiver)) {
      return Object.prototype.hasOwnProperty.call(receiver, name) && receiver[name] !== undefined ? receiver[name] : INVALID;
    }
    this.errorf(s, `can't evaluate field ${name} in type ${staticType}`);
  }

  evalArg(s: ExecState, dot: Val, a: Arg): Val {
    this.at(s, a.pos, argString(a));
    switch (a.k) {
      case "dot": return dot;
      case "nil": return null;
      case "field": return this.evalFieldChain(s, dot, dot, a, a.idents, { pos: a.pos, args: [a] }, false, "interface {}");
      case "variable": {
        const v = this.lookupVar(s, a.name);
        return a.idents.length ? this.evalFieldChain(s, dot, v, a, a.idents, { pos: a.pos, args: [a] }, false, typeOf(v)) : v;
      }
      case "pipe": return this.evalPipeline(s, dot, a.pipe);
      case "chain": {
        const base = a.node.k === "pipe" ? this.evalPipeline(s, dot, a.node.pipe) : this.evalArg(s, dot, a.node);
        return this.evalFieldChain(s, dot, base, a, a.idents, { pos: a.pos, args: [a] }, false, typeOf(base));
      }
      case "bool": return a.v;
      case "number": return a.v;
      case "string": return a.v;
      case "ident": return this.evalFunction(s, dot, a, { pos: a.pos, args: [a] }, undefined, false);
    }
  }

  evalFunction(s: ExecState, dot: Val, ident: Arg & { k: "ident" }, cmd: Command, final: Val, hasFinal: boolean): Val {
    this.at(s, ident.pos, ident.name);
    const name = ident.name;
    const argNodes = cmd.args.slice(1);
    const nargs = argNodes.length + (hasFinal ? 1 : 0);
    const arity: Record<string, [number, boolean]> = {
      and: [1, true], or: [1, true], not: [1, false], len: [1, false], index: [1, true], slice: [1, true],
      print: [0, true], printf: [1, true], println: [0, true], html: [0, true], js: [0, true], urlquery: [0, true],
      eq: [1, true], ne: [2, false], lt: [2, false], le: [2, false], gt: [2, false], ge: [2, false],
      exists: [1, true], base64decode: [1, false], call: [1, true],
    };
    const [fixed, variadic] = arity[name];
    if (variadic ? nargs < fixed : nargs !== fixed) {
      if (variadic) this.errorf(s, `wrong number of args for ${name}: want at least ${fixed} got ${nargs}`);
      this.errorf(s, `wrong number of args for ${name}: want ${fixed} got ${nargs}`);
    }
    // and/or evaluate lazily and return the deciding argument
    if (name === "and" || name === "or") {
      let v: Val = undefined;
      const all: (() => Val)[] = argNodes.map((a) => () => this.evalArg(s, dot, a));
      if (hasFinal) all.push(() => final);
      for (const get of all) {
        v = get();
        if (name === "and" ? !truth(v) : truth(v)) return v;
      }
      return v;
    }
    const args = argNodes.map((a) => this.evalArg(s, dot, a));
    if (hasFinal) args.push(final);
    this.at(s, cmd.pos, cmdString(cmd));
    try {
      return this.callBuiltin(name, args);
    } catch (e) {
      if (e instanceof CallError) this.errorf(s, `error calling ${name}: ${e.message}`);
      throw e;
    }
  }

  callBuiltin(name: string, a: Val[]): Val {
    const str = (v: Val, fn: string): string => {
      if (typeof v !== "string") throw new CallError(`wrong type for value; expected string; got ${typeOf(v)}`);
      void fn;
      return v;
    };
    switch (name) {
      case "not": return !truth(a[0]);
      case "len": return lenFn(a[0]);
      case "index": return indexFn(a[0], ...a.slice(1));
      case "slice": return sliceFn(a[0], ...a.slice(1));
      case "print": return sprint(a);
      case "println": return sprintln(a);
      case "printf": return goSprintf(str(a[0], "printf"), a.slice(1));
      case "html": return htmlEscape(a.length === 1 && typeof a[0] === "string" ? a[0] : sprint(a));
      case "js": return jsEscape(a.length === 1 && typeof a[0] === "string" ? a[0] : sprint(a));
      case "urlquery": return urlQueryEscape(a.length === 1 && typeof a[0] === "string" ? a[0] : sprint(a));
      case "eq": return eqFn(a[0], ...a.slice(1));
      case "ne": return !eqFn(a[0], a[1]);
      case "lt": return ltFn(a[0], a[1]);
      case "le": return ltFn(a[0], a[1]) || eqFn(a[0], a[1]);
      case "gt": return !(ltFn(a[0], a[1]) || eqFn(a[0], a[1]));
      case "ge": return !ltFn(a[0], a[1]);
      case "exists": return existsFn(a[0], ...a.slice(1));
      case "base64decode": return goBase64Decode(str(a[0], "base64decode"));
      case "call": throw new CallError("call of nil");
    }
    throw new CallError(`unknown function ${name}`);
  }
}

// ---------------- public API ----------------

export interface GoTemplate {
  source: string;
  list: TNode[];
  defines: Map<string, TNode[]>;
}

/** Parse; throws TemplateParseError with Go's message ("template: output:1: unexpected EOF"). */
export function parseGoTemplate(source: string): GoTemplate {
  const p = new TParser(lex(source));
  const list = p.parse();
  return { source, list, defines: p.defines };
}

/**
 * Execute. Returns the output; on an execution error returns the partial output and the
 * error message (Go's, e.g. `template: output:1:2: executing "output" at <...>: ...`).
 */
export function executeGoTemplate(t: GoTemplate, data: unknown): { out: string; error?: string } {
  const s: ExecState = { out: "", vars: [{ name: "$", value: data }], node: null, depth: 0 };
  try {
    new Exec(t.defines, t.source).walk(s, data, t.list);
    return { out: s.out };
  } catch (e) {
    if (e instanceof TemplateExecError) return { out: s.out, error: e.message };
    if (e instanceof RangeError) return { out: s.out, error: `caught panic: ${e.message}` };
    throw e;
  }
}

/** Error text (after "error: ") for an empty -o go-template= template. */
export const NO_TEMPLATE_ERROR = "template format specified but no template given";

/**
 * What `kubectl get -o go-template=TEMPLATE` prints for `obj`. On an execution error
 * kubectl writes the debugging block to stdout and the error to stderr: `out` is all of
 * stdout, `error` is the text after "error: " (print it followed by a newline).
 */
export function printGoTemplate(template: string, obj: unknown): { out: string; error?: string } {
  let t: GoTemplate;
  try {
    t = parseGoTemplate(template);
  } catch (e) {
    if (e instanceof TemplateParseError) return { out: "", error: `error parsing template ${template}, ${e.message}\n` };
    throw e;
  }
  const r = executeGoTemplate(t, obj);
  if (r.error === undefined) return r;
  const out =
    r.out +
    `Error executing template: ${r.error}. Printing more information for debugging the template:\n` +
    `\ttemplate was:\n\t\t${template}\n` +
    `\traw data was:\n\t\t${toGoJsonCompact(obj)}\n` +
    `\tobject given to template engine was:\n\t\t${goV(obj)}\n\n`;
  return { out, error: `error executing template ${goQuote(template)}: ${r.error}` };
}
