// kubectl -o jsonpath / jsonpath-as-json: a port of k8s.io/client-go/util/jsonpath (parser.go,
// jsonpath.go) over decoded-JSON values, including its quirks: `[*]` is a slice, a range
// without {end} re-runs the following nodes on the outer object, missing keys print
// nothing (kubectl get sets AllowMissingKeys), and errors carry kubectl's exact texts.
// One deliberate difference: Go iterates maps in random order for `..` and `.*`; we use
// sorted key order so output is deterministic.

import { utf8Encode } from "../../util/utf8.ts";
import { toGoJsonCompact, toKubectlJson } from "./json.ts";
import { goNumberV, goQuote, goSharpV, goTypeName, goV, isGoInt } from "./gofmt.ts";

type Node =
  | { t: "list"; nodes: Node[] }
  | { t: "text"; text: string }
  | { t: "field"; name: string }
  | { t: "wildcard" }
  | { t: "recursive" }
  | { t: "array"; params: Param[] }
  | { t: "union"; nodes: Node[] }
  | { t: "filter"; left: Node; right: Node; op: string }
  | { t: "int"; v: number }
  | { t: "float"; v: number }
  | { t: "bool"; v: boolean }
  | { t: "ident"; name: string };

interface Param { value: number; known: boolean; derived: boolean }

export class JsonPathParseError extends Error {}
export class JsonPathExecError extends Error {}

const EOF = "";

// ---------------- parser ----------------

const isSpace = (r: string) => r === " " || r === "\t";
const isEndOfLine = (r: string) => r === "\r" || r === "\n";
const isDigit = (r: string) => /^\p{Nd}$/u.test(r);
const isAlphaNumeric = (r: string) => r === "_" || /^[\p{L}\p{Nd}]$/u.test(r);
const isTerminator = (r: string) =>
  isSpace(r) || isEndOfLine(r) || r === EOF || ".,[]$@{}".includes(r);

function goU(r: string): string {
  // fmt %#U: U+0027 '''
  const cp = r.codePointAt(0)!;
  return `U+${cp.toString(16).toUpperCase().padStart(4, "0")} '${r}'`;
}

class Parser {
  input: string;
  pos = 0; // UTF-16 index
  start = 0;
  width = 0;
  root: Node & { t: "list" } = { t: "list", nodes: [] };

  constructor(input: string) {
    this.input = input;
  }

  next(): string {
    if (this.pos >= this.input.length) {
      this.width = 0;
      return EOF;
    }
    const cp = this.input.codePointAt(this.pos)!;
    const r = String.fromCodePoint(cp);
    this.width = r.length;
    this.pos += this.width;
    return r;
  }
  peek(): string {
    const r = this.next();
    this.backup();
    return r;
  }
  backup() {
    this.pos -= this.width;
  }
  consumeText(): string {
    const v = this.input.slice(this.start, this.pos);
    this.start = this.pos;
    return v;
  }

  parse(): Node & { t: "list" } {
    this.parseText(this.root);
    return this.root;
  }

  parseText(cur: Node & { t: "list" }): void {
    for (;;) {
      if (this.input.startsWith("{", this.pos)) {
        if (this.pos > this.start) cur.nodes.push({ t: "text", text: this.consumeText() });
        return this.parseLeftDelim(cur);
      }
      if (this.next() === EOF) break;
    }
    if (this.pos > this.start) cur.nodes.push({ t: "text", text: this.consumeText() });
  }

  parseLeftDelim(cur: Node & { t: "list" }): void {
    this.pos += 1;
    this.consumeText();
    const n: Node & { t: "list" } = { t: "list", nodes: [] };
    cur.nodes.push(n);
    return this.parseInsideAction(n);
  }

  parseInsideAction(cur: Node & { t: "list" }): void {
    // iterative to avoid deep recursion on long templates
    for (;;) {
      const rest = this.input.slice(this.pos);
      if (rest.startsWith("}")) {
        this.pos += 1;
        this.consumeText();
        return this.parseText(this.root);
      }
      if (rest.startsWith("[?(")) { this.parseFilter(cur); continue; }
      if (rest.startsWith("..")) { this.parseRecursive(cur); continue; }
      const r = this.next();
      if (r === EOF || isEndOfLine(r)) throw new JsonPathParseError("unclosed action");
      if (r === " ") this.consumeText();
      else if (r === "@" || r === "$") this.consumeText();
      else if (r === "[") this.parseArray(cur);
      else if (r === '"' || r === "'") this.parseQuote(cur, r);
      else if (r === ".") this.parseField(cur);
      else if (r === "+" || r === "-" || isDigit(r)) { this.backup(); this.parseNumber(cur); }
      else if (isAlphaNumeric(r)) { this.backup(); this.parseIdentifier(cur); }
      else throw new JsonPathParseError(`unrecognized character in action: ${goU(r)}`);
    }
  }

  parseIdentifier(cur: Node & { t: "list" }) {
    for (;;) {
      const r = this.next();
      if (isTerminator(r)) { this.backup(); break; }
    }
    const value = this.consumeText();
    if (value === "true" || value === "false") cur.nodes.push({ t: "bool", v: value === "true" });
    else cur.nodes.push({ t: "ident", name: value });
  }

  parseRecursive(cur: Node & { t: "list" }) {
    const last = cur.nodes[cur.nodes.length - 1];
    if (last && last.t === "recursive") throw new JsonPathParseError("invalid multiple recursive descent");
    this.pos += 2;
    this.consumeText();
    cur.nodes.push({ t: "recursive" });
    if (isAlphaNumeric(this.peek())) this.parseField(cur);
  }

  parseNumber(cur: Node & { t: "list" }) {
    const r0 = this.peek();
    if (r0 === "+" || r0 === "-") this.next();
    for (;;) {
      const r = this.next();
      if (r !== "." && !isDigit(r)) { this.backup(); break; }
    }
    const value = this.consumeText();
    if (/^[+-]?[0-9]+$/.test(value)) { cur.nodes.push({ t: "int", v: Number(value) }); return; }
    if (/^[+-]?([0-9]+\.?[0-9]*|\.[0-9]+)$/.test(value)) { cur.nodes.push({ t: "float", v: Number(value) }); return; }
    throw new JsonPathParseError(`cannot parse number ${value}`);
  }

  parseArray(cur: Node & { t: "list" }) {
    for (;;) {
      const r = this.next();
      if (r === EOF || r === "\n") throw new JsonPathParseError("unterminated array");
      if (r === "]") break;
    }
    let text = this.consumeText();
    text = text.slice(1, -1);
    if (text === "*") text = ":";
    const strs = text.split(",");
    if (strs.length > 1) {
      const union: Node[] = [];
      for (const s of strs) union.push(parseAction(`[${s.replace(/^ +| +$/g, "")}]`));
      cur.nodes.push({ t: "union", nodes: union });
      return;
    }
    const dict = /^'([^']*)'$/.exec(text);
    if (dict) {
      const p = parseAction(`.${dict[1]}`) as Node & { t: "list" };
      for (const n of p.nodes) cur.nodes.push(n);
      return;
    }
    const m = /^(-?[0-9]*)(:-?[0-9]*)?(:-?[0-9]*)?$/.exec(text);
    if (!m) throw new JsonPathParseError(`invalid array index ${text}`);
    const vals = [m[1] ?? "", m[2] ?? "", m[3] ?? ""];
    const params: Param[] = [];
    for (let i = 0; i < 3; i++) {
      let v = vals[i];
      if (v !== "") {
        if (i > 0) v = v.slice(1);
        if (i > 0 && v === "") params.push({ value: 0, known: false, derived: false });
        else {
          if (!/^-?[0-9]+$/.test(v)) throw new JsonPathParseError(`array index ${v} is not a number`);
          params.push({ value: Number(v), known: true, derived: false });
        }
      } else if (i === 1) {
        params.push({ value: params[0].value + 1, known: true, derived: true });
      } else {
        params.push({ value: 0, known: false, derived: false });
      }
    }
    cur.nodes.push({ t: "array", params });
  }

  parseFilter(cur: Node & { t: "list" }) {
    this.pos += 3;
    this.consumeText();
    let begin = false, end = false;
    let pair = "";
    for (;;) {
      const r = this.next();
      if (r === EOF || r === "\n") throw new JsonPathParseError("unterminated filter");
      if (r === '"' || r === "'") {
        if (!begin) { begin = true; pair = r; continue; }
        if (this.input[this.pos - 2] !== "\\" && r === pair) end = true;
      } else if (r === ")") {
        if (begin === end) break;
      }
    }
    if (this.next() !== "]") throw new JsonPathParseError("unclosed array expect ]");
    let text = this.consumeText();
    text = text.slice(0, -2);
    const m = /^([^!<>=]+)([!<>=]+)(.+?)$/s.exec(text);
    if (!m) cur.nodes.push({ t: "filter", left: parseAction(text), right: { t: "list", nodes: [] }, op: "exists" });
    else cur.nodes.push({ t: "filter", left: parseAction(m[1]), right: parseAction(m[3]), op: m[2] });
  }

  parseQuote(cur: Node & { t: "list" }, end: string) {
    for (;;) {
      const r = this.next();
      if (r === EOF || r === "\n") throw new JsonPathParseError("unterminated quoted string");
      if (r === "\\") {
        const r2 = this.next();
        if (r2 !== EOF && r2 !== "\n") continue;
        break;
      }
      if (r === end) break;
    }
    const value = this.consumeText();
    cur.nodes.push({ t: "text", text: unquoteExtend(value) });
  }

  parseField(cur: Node & { t: "list" }) {
    this.consumeText();
    for (;;) {
      const r = this.next();
      if (r === "\\") this.next();
      else if (isTerminator(r)) { this.backup(); break; }
    }
    const value = this.consumeText();
    if (value === "*") cur.nodes.push({ t: "wildcard" });
    else cur.nodes.push({ t: "field", name: value.replace(/\\/g, "") });
  }
}

// parseAction parses a sub-expression (union member, dict key, filter side) as an action body
function parseAction(text: string): Node {
  const p = new Parser(`{${text}}`);
  const root = p.parse();
  // the template `{x}` yields root = [list(x...)]
  return root.nodes[0] ?? { t: "list", nodes: [] };
}

/** jsonpath UnquoteExtend: strconv.Unquote that also accepts single-quoted strings. */
function unquoteExtend(s: string): string {
  const bad = () => new JsonPathParseError(`unquote string ${s} error invalid syntax`);
  if (s.length < 2) throw bad();
  const q = s[0];
  if (q !== s[s.length - 1] || (q !== '"' && q !== "'")) throw bad();
  const body = s.slice(1, -1);
  let out = "";
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    if (c === q) throw bad();
    if (c !== "\\") { out += c; continue; }
    const e = body[++i];
    const simple: Record<string, string> = { a: "\x07", b: "\b", f: "\f", n: "\n", r: "\r", t: "\t", v: "\v", "\\": "\\", "'": "'", '"': '"' };
    if (e in simple) {
      if ((e === "'" || e === '"') && e !== q) throw bad();
      out += simple[e];
    } else if (e === "x" || e === "u" || e === "U") {
      const n = e === "x" ? 2 : e === "u" ? 4 : 8;
      const hex = body.slice(i + 1, i + 1 + n);
      if (!new RegExp(`^[0-9a-fA-F]{${n}}$`).test(hex)) throw bad();
      const cp = parseInt(hex, 16);
      if (e !== "x" && (cp > 0x10ffff || (cp >= 0xd800 && cp < 0xe000))) throw bad();
      // \xHH is a byte; for bytes < 0x80 that is the ASCII char (larger bytes would be invalid UTF-8)
      out += String.fromCodePoint(cp);
      i += n;
    } else if (e !== undefined && e >= "0" && e <= "7") {
      const oct = body.slice(i, i + 3);
      if (!/^[0-7]{3}$/.test(oct)) throw bad();
      out += String.fromCodePoint(parseInt(oct, 8));
      i += 2;
    } else {
      throw bad();
    }
  }
  return out;
}

/** Parse a kubectl jsonpath template. Throws JsonPathParseError (message = Go's error text). */
export function parseJsonPath(template: string): Node {
  return new Parser(template).parse();
}

// ---------------- evaluator ----------------

const isMap = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
const isNil = (v: unknown) => v === null || v === undefined || v === INVALID;
const sortKeys = (m: Record<string, unknown>) => Object.keys(m).filter((k) => m[k] !== undefined).sort();

/** value holder: a JSON value, or a byte of a string (Go ranges strings bytewise in `..`) */
type V = unknown;
class StrByte { constructor(readonly b: number) {} }
/** reflect's invalid Value: what `@` is inside {range} for a null item; prints "<no value>" */
const INVALID = Symbol("invalid");

export interface JsonPathOptions {
  /** kubectl get uses true: missing keys print nothing instead of "x is not found" */
  allowMissingKeys?: boolean;
  /** -o jsonpath-as-json */
  outputJson?: boolean;
}

class Evaluator {
  beginRange = 0;
  inRange = 0;
  endRange = 0;
  stack: V[] = [];
  lastEndNode: Node | undefined;

  constructor(readonly opts: JsonPathOptions) {}

  findResults(data: V, nodes: Node[]): V[][] {
    const full: V[][] = [];
    const cur: V[] = [data === null || data === undefined ? INVALID : data];
    for (let i = 0; i < nodes.length; i++) {
      const node = nodes[i];
      const results = this.walk(cur, node);
      if (this.endRange > 0 && this.endRange <= this.inRange) {
        this.endRange--;
        this.lastEndNode = nodes[i];
        break;
      }
      if (this.beginRange > 0) {
        this.beginRange--;
        this.inRange++;
        if (results.length > 0) {
          for (const v of results) full.push(...this.findResults(v, nodes.slice(i + 1)));
        } else {
          this.findResults(null, nodes.slice(i + 1));
        }
        this.inRange--;
        // resume after the most recent {end}; without one, the following nodes run again here
        for (let k = i + 1; k < nodes.length; k++) {
          if (nodes[k] === this.lastEndNode) { i = k; break; }
        }
        continue;
      }
      full.push(results);
    }
    return full;
  }

  walk(input: V[], node: Node): V[] {
    switch (node.t) {
      case "list": {
        let cur = input;
        for (const n of node.nodes) cur = this.walk(cur, n);
        return cur;
      }
      case "text": return [node.text];
      case "field": return this.evalField(input, node.name);
      case "array": return this.evalArray(input, node.params);
      case "filter": return this.evalFilter(input, node);
      case "int": case "float": case "bool": return input.map(() => node.v);
      case "wildcard": return this.evalWildcard(input);
      case "recursive": return this.evalRecursive(input);
      case "union": {
        const out: V[] = [];
        for (const n of node.nodes) out.push(...this.walk(input, n));
        return out;
      }
      case "ident": return this.evalIdentifier(input, node.name);
    }
  }

  evalIdentifier(input: V[], name: string): V[] {
    if (name === "range") {
      this.stack.push(null);
      this.beginRange++;
      return input;
    }
    if (name === "end") {
      if (this.endRange < this.inRange) {
        this.endRange++;
        return [];
      }
      if (this.stack.length > 0) {
        this.stack.pop();
        return [];
      }
      throw new JsonPathExecError("not in range, nothing to end");
    }
    throw new JsonPathExecError(`unrecognized identifier ${name}`);
  }

  evalField(input: V[], name: string): V[] {
    const results: V[] = [];
    if (input.length === 0) return results;
    for (const v of input) {
      if (isNil(v)) continue;
      if (isMap(v) && Object.prototype.hasOwnProperty.call(v, name) && v[name] !== undefined) results.push(v[name]);
    }
    if (results.length === 0 && !this.opts.allowMissingKeys) throw new JsonPathExecError(`${name} is not found`);
    return results;
  }

  evalArray(input: V[], params0: Param[]): V[] {
    const result: V[] = [];
    for (const value of input) {
      if (isNil(value)) continue;
      let arr: V[];
      if (Array.isArray(value)) arr = value;
      else throw new JsonPathExecError(`${typeName(value)} is not array or slice`);
      const p = params0.map((x) => ({ ...x }));
      const len = arr.length;
      if (!p[0].known) p[0].value = 0;
      if (p[0].value < 0) p[0].value += len;
      if (!p[1].known) p[1].value = len;
      if (p[1].value < 0 || (p[1].value === 0 && p[1].derived)) p[1].value += len;
      if (p[1].value !== p[0].value) {
        if (p[0].value >= len || p[0].value < 0) {
          throw new JsonPathExecError(`array index out of bounds: index ${p[0].value}, length ${len}`);
        }
        if (p[1].value > len || p[1].value < 0) {
          throw new JsonPathExecError(`array index out of bounds: index ${p[1].value - 1}, length ${len}`);
        }
        if (p[0].value > p[1].value) {
          throw new JsonPathExecError(`starting index ${p[0].value} is greater than ending index ${p[1].value}`);
        }
      } else {
        return result;
      }
      const slice = arr.slice(p[0].value, p[1].value);
      let step = 1;
      if (p[2].known) {
        if (p[2].value <= 0) throw new JsonPathExecError("step must be > 0");
        step = p[2].value;
      }
      for (let i = 0; i < slice.length; i += step) result.push(slice[i]);
    }
    return result;
  }

  children(v: V): V[] {
    if (isMap(v)) return sortKeys(v).map((k) => v[k]);
    if (Array.isArray(v)) return v;
    if (typeof v === "string") return Array.from(utf8Encode(v), (b) => new StrByte(b));
    return [];
  }

  evalWildcard(input: V[]): V[] {
    const out: V[] = [];
    for (const v of input) if (!isNil(v)) out.push(...this.children(v));
    return out;
  }

  evalRecursive(input: V[]): V[] {
    const result: V[] = [];
    for (const v of input) {
      if (isNil(v)) continue;
      const kids = this.children(v);
      if (kids.length !== 0) {
        result.push(v);
        result.push(...this.evalRecursive(kids));
      }
    }
    return result;
  }

  evalFilter(input: V[], node: Node & { t: "filter" }): V[] {
    const results: V[] = [];
    for (const value of input) {
      if (!Array.isArray(value)) {
        throw new JsonPathExecError(`${isNil(value) ? "<invalid reflect.Value>" : goVAny(value)} is not array or slice and cannot be filtered`);
      }
      for (const item of value) {
        const temp = [item];
        let lefts: V[];
        if (node.op === "exists") {
          try { lefts = this.walk(temp, node.left); } catch { lefts = []; }
          if (lefts.length > 0) results.push(item);
          continue;
        }
        lefts = this.walk(temp, node.left);
        if (lefts.length === 0) continue;
        if (lefts.length > 1) throw new JsonPathExecError("can only compare one element at a time");
        const rights = this.walk(temp, node.right);
        if (rights.length === 0) continue;
        if (rights.length > 1) throw new JsonPathExecError("can only compare one element at a time");
        if (compare(node.op, lefts[0], rights[0], node.right)) results.push(item);
      }
    }
    return results;
  }
}


function typeName(v: V): string {
  return v instanceof StrByte ? "uint8" : goTypeName(v);
}

function goVAny(v: V): string {
  return v instanceof StrByte ? String(v.b) : goV(v);
}

type Kind = "bool" | "int" | "float" | "string" | "other";

function kindOf(v: V, literalNode?: Node): Kind {
  if (typeof v === "boolean") return "bool";
  if (typeof v === "string") return "string";
  if (v instanceof StrByte) return "int";
  if (typeof v === "number") {
    if (literalNode && literalNode.t === "list" && literalNode.nodes.length === 1) {
      const n = literalNode.nodes[0];
      if (n.t === "float") return "float";
      if (n.t === "int") return "int";
    }
    return isGoInt(v) ? "int" : "float";
  }
  return "other";
}

// text/template eq/ne/lt/le/gt/ge on basic kinds
function compare(op: string, a: V, b: V, rightNode: Node): boolean {
  const ka = kindOf(a), kb = kindOf(b, rightNode);
  const num = (x: V) => (x instanceof StrByte ? x.b : (x as number));
  // client-go's forked text/template funcs: basicKind errors first (maps, slices, null),
  // then kind mismatch, then the comparison itself
  if (ka === "other" || kb === "other") throw new JsonPathExecError("invalid type for comparison");
  if (ka !== kb) throw new JsonPathExecError("incompatible types for comparison");
  if (op === "==" || op === "!=") {
    const eq = ka === "int" || ka === "float" ? num(a) === num(b) : a === b;
    return op === "==" ? eq : !eq;
  }
  if (ka === "bool") throw new JsonPathExecError("invalid type for comparison");
  const x = ka === "string" ? (a as string) : num(a);
  const y = ka === "string" ? (b as string) : num(b);
  switch (op) {
    case "<": return x < y;
    case ">": return x > y;
    case "<=": return x <= y;
    case ">=": return x >= y;
  }
  throw new JsonPathExecError(`unrecognized filter operator ${op}`);
}

function textOf(v: V): string {
  if (v === INVALID) return "<no value>";
  if (v instanceof StrByte) return String(v.b);
  if (v === null || v === undefined) return "null";
  if (typeof v === "string") return v;
  if (typeof v === "number") return goNumberV(v);
  if (typeof v === "boolean") return v ? "true" : "false";
  return toGoJsonCompact(v);
}

function printResults(results: V[], outputJson: boolean): string {
  if (outputJson) {
    const arr = results.map((r) => (r instanceof StrByte ? r.b : r));
    return toKubectlJson(arr);
  }
  return results.map((r) => (isMap(r) || Array.isArray(r) ? toGoJsonCompact(r) : textOf(r))).join(" ");
}

/** Evaluate a parsed template against data; throws JsonPathExecError. */
export function executeJsonPath(tpl: Node, data: unknown, opts: JsonPathOptions = {}): string {
  const ev = new Evaluator(opts);
  const root = tpl as Node & { t: "list" };
  const full = ev.findResults(data, root.nodes);
  return full.map((r) => printResults(r, !!opts.outputJson)).join("");
}

/**
 * jsonpath FindResults: the raw value groups (one per template node) with AllowMissingKeys,
 * as custom-columns and `kubectl wait --for=jsonpath` use them. Throws Parse/ExecError.
 */
export function findJsonPathValues(template: string, data: unknown, opts: JsonPathOptions = { allowMissingKeys: true }): unknown[][] {
  const root = parseJsonPath(template) as Node & { t: "list" };
  const full = new Evaluator(opts).findResults(data, root.nodes);
  return full.map((g) => g.map((v) => (v === INVALID ? null : v instanceof StrByte ? v.b : v)));
}

/** Error text kubectl prints (after "error: ") for an empty -o jsonpath= template. */
export const NO_TEMPLATE_ERROR = "template format specified but no template given";

/**
 * What `kubectl get -o jsonpath=TEMPLATE` prints for `obj` (a single object or the List
 * kubectl builds). Returns stdout, or `error` = the message kubectl prints after "error: "
 * (it already ends with a newline, so print `error: ${error}` without adding one).
 */
export function printJsonPath(template: string, obj: unknown, opts: JsonPathOptions = { allowMissingKeys: true }): { out: string; error?: string } {
  let tpl: Node;
  try {
    tpl = parseJsonPath(template);
  } catch (e) {
    if (e instanceof JsonPathParseError) return { out: "", error: `error parsing jsonpath ${template}, ${e.message}\n` };
    throw e;
  }
  try {
    return { out: executeJsonPath(tpl, obj, opts) };
  } catch (e) {
    if (!(e instanceof JsonPathExecError)) throw e;
    const buf =
      `Error executing template: ${e.message}. Printing more information for debugging the template:\n` +
      `\ttemplate was:\n\t\t${template}\n` +
      `\tobject given to jsonpath engine was:\n\t\t${goSharpV(obj)}\n\n`;
    return { out: "", error: `error executing jsonpath ${goQuote(template)}: ${buf}\n` };
  }
}
