// jq filter language: lexer and parser to an AST.

export type Node =
  | { k: "identity" }
  | { k: "recurse_default" }
  | { k: "field"; target: Node; name: string; opt: boolean }
  | { k: "index"; target: Node; index: Node; opt: boolean }
  | { k: "slice"; target: Node; from?: Node; to?: Node; opt: boolean }
  | { k: "iterate"; target: Node; opt: boolean }
  | { k: "literal"; v: unknown }
  | { k: "str"; parts: Array<string | Node>; fmt?: string }
  | { k: "format"; name: string }
  | { k: "array"; e?: Node }
  | { k: "object"; entries: Array<{ key: Node | string; value?: Node; keyVar?: string }> }
  | { k: "neg"; e: Node }
  | { k: "pipe"; a: Node; b: Node }
  | { k: "comma"; a: Node; b: Node }
  | { k: "alt"; a: Node; b: Node }
  | { k: "and" | "or"; a: Node; b: Node }
  | { k: "binop"; op: string; a: Node; b: Node }
  | { k: "assign"; op: string; a: Node; b: Node }
  | { k: "if"; cond: Node; then: Node; elifs: Array<[Node, Node]>; else?: Node }
  | { k: "try"; body: Node; catch?: Node }
  | { k: "reduce"; src: Node; pattern: Pattern; init: Node; update: Node }
  | { k: "foreach"; src: Node; pattern: Pattern; init: Node; update: Node; extract?: Node }
  | { k: "var"; name: string }
  | { k: "as"; src: Node; patterns: Pattern[]; body: Node }
  | { k: "call"; name: string; args: Node[] }
  | { k: "def"; name: string; params: string[]; body: Node; rest: Node }
  | { k: "label"; name: string; body: Node }
  | { k: "break"; name: string }
  | { k: "optional"; e: Node };

export type Pattern =
  | { k: "pvar"; name: string }
  | { k: "parray"; items: Pattern[] }
  | { k: "pobject"; entries: Array<{ key: Node | string; keyVar?: string; value?: Pattern }> };

export class JqSyntaxError extends Error {}

type Tok = { t: string; v: string; pos: number; parts?: Array<string | Tok[]> };

const KEYWORDS = new Set(["def", "if", "then", "elif", "else", "end", "as", "reduce", "foreach", "try", "catch", "label", "import", "include", "and", "or", "__loc__"]);

function lexString(src: string, i: number): { tok: Tok; end: number } {
  const start = i;
  i++;
  const parts: Array<string | Tok[]> = [];
  let cur = "";
  for (;;) {
    if (i >= src.length) throw new JqSyntaxError("unexpected $end");
    const c = src[i];
    if (c === '"') {
      i++;
      break;
    }
    if (c === "\\") {
      const d = src[i + 1];
      if (d === "(") {
        // interpolation: lex until the matching ")"
        if (cur) parts.push(cur);
        cur = "";
        let depth = 1;
        let j = i + 2;
        const sub: Tok[] = [];
        while (depth > 0) {
          const r = lexOne(src, j);
          if (!r) throw new JqSyntaxError("unexpected $end");
          if (r.tok.v === "(" && r.tok.t === "op") depth++;
          if (r.tok.v === ")" && r.tok.t === "op") depth--;
          if (depth > 0) sub.push(r.tok);
          j = r.end;
        }
        parts.push(sub);
        i = j;
        continue;
      }
      const map: Record<string, string> = { n: "\n", t: "\t", r: "\r", b: "\b", f: "\f", "/": "/", "\\": "\\", '"': '"' };
      if (d === "u") {
        cur += String.fromCharCode(parseInt(src.slice(i + 2, i + 6), 16));
        i += 6;
        continue;
      }
      if (map[d] === undefined) throw new JqSyntaxError(`invalid escape`);
      cur += map[d];
      i += 2;
      continue;
    }
    cur += c;
    i++;
  }
  if (cur || parts.length === 0) parts.push(cur);
  return { tok: { t: "str", v: "", pos: start, parts }, end: i };
}

const OPS = ["?//", "|=", "+=", "-=", "*=", "/=", "%=", "//=", "==", "!=", "<=", ">=", "//", "..", "and", "|", ",", "+", "-", "*", "/", "%", "=", "<", ">", "(", ")", "[", "]", "{", "}", ":", ";", "?", "."];

function lexOne(src: string, i: number): { tok: Tok; end: number } | null {
  while (i < src.length) {
    if (/\s/.test(src[i])) i++;
    else if (src[i] === "#") {
      while (i < src.length && src[i] !== "\n") i++;
    } else break;
  }
  if (i >= src.length) return null;
  const c = src[i];
  if (c === '"') return lexString(src, i);
  const rest = src.slice(i);
  let m = /^(\d+\.?\d*([eE][+-]?\d+)?|\.\d+([eE][+-]?\d+)?)/.exec(rest);
  if (m && !(c === "." && !/\d/.test(rest[1] ?? ""))) return { tok: { t: "num", v: m[0], pos: i }, end: i + m[0].length };
  m = /^\$__loc__/.exec(rest);
  if (m) return { tok: { t: "loc", v: m[0], pos: i }, end: i + m[0].length };
  m = /^\$([A-Za-z_][A-Za-z0-9_]*)/.exec(rest);
  if (m) return { tok: { t: "var", v: m[1], pos: i }, end: i + m[0].length };
  m = /^@([A-Za-z0-9_]+)/.exec(rest);
  if (m) return { tok: { t: "format", v: m[1], pos: i }, end: i + m[0].length };
  m = /^\.([A-Za-z_][A-Za-z0-9_]*)/.exec(rest);
  if (m) return { tok: { t: "field", v: m[1], pos: i }, end: i + m[0].length };
  m = /^[A-Za-z_][A-Za-z0-9_]*(::[A-Za-z_][A-Za-z0-9_]*)*/.exec(rest);
  if (m) return { tok: { t: KEYWORDS.has(m[0]) ? "kw" : "ident", v: m[0], pos: i }, end: i + m[0].length };
  for (const op of OPS) {
    if (op === "and") continue;
    if (rest.startsWith(op)) return { tok: { t: "op", v: op, pos: i }, end: i + op.length };
  }
  return { tok: { t: "invalid", v: c, pos: i }, end: i + 1 };
}

export function lexJq(src: string): Tok[] {
  const toks: Tok[] = [];
  let i = 0;
  for (;;) {
    const r = lexOne(src, i);
    if (!r) break;
    toks.push(r.tok);
    i = r.end;
  }
  toks.push({ t: "eof", v: "", pos: src.length });
  return toks;
}

export function parseJq(src: string): Node {
  const p = new JqParser(lexJq(src));
  const n = p.pipe();
  if (p.tok.t !== "eof") p.fail(true);
  return n;
}

class JqParser {
  p = 0;
  constructor(public toks: Tok[]) {}
  get tok(): Tok {
    return this.toks[this.p];
  }
  is(v: string, t = "op"): boolean {
    return this.tok.t === t && this.tok.v === v;
  }
  isKw(v: string): boolean {
    return this.tok.t === "kw" && this.tok.v === v;
  }
  fail(expectEnd = false): never {
    const t = this.tok;
    let what: string;
    if (t.t === "eof") what = "$end";
    else if (t.t === "ident") what = "IDENT";
    else if (t.t === "field") what = "FIELD";
    else if (t.t === "num") what = "LITERAL";
    else if (t.t === "str") what = "QQSTRING_START";
    else if (t.t === "var") what = "'$'";
    else if (t.t === "format") what = "FORMAT";
    else if (t.t === "kw") what = t.v;
    else if (t.t === "invalid" || (expectEnd && (t.v === "]" || t.v === ")" || t.v === "}"))) what = "INVALID_CHARACTER";
    else if (t.v.length === 1) what = `'${t.v}'`;
    else what = `"${t.v}"`;
    throw new JqSyntaxError(`syntax error, unexpected ${what}${expectEnd ? ", expecting $end" : ""}`);
  }
  eat(v: string, t = "op"): void {
    if (!this.is(v, t)) this.fail();
    this.p++;
  }
  eatKw(v: string): void {
    if (!this.isKw(v)) this.fail();
    this.p++;
  }

  pipe(): Node {
    if (this.isKw("def")) {
      const d = this.funcDef();
      return { ...d, rest: this.pipe() };
    }
    if (this.isKw("label")) {
      this.p++;
      if (this.tok.t !== "var") this.fail();
      const name = this.tok.v;
      this.p++;
      this.eat("|");
      return { k: "label", name, body: this.pipe() };
    }
    const a = this.comma();
    if (this.isKw("as")) {
      this.p++;
      const patterns = [this.pattern()];
      while (this.is("?//")) {
        this.p++;
        patterns.push(this.pattern());
      }
      this.eat("|");
      return { k: "as", src: a, patterns, body: this.pipe() };
    }
    if (this.is("|")) {
      this.p++;
      return { k: "pipe", a, b: this.pipe() };
    }
    return a;
  }

  funcDef(): { k: "def"; name: string; params: string[]; body: Node; rest: Node } {
    this.eatKw("def");
    if (this.tok.t !== "ident" && this.tok.t !== "kw") this.fail();
    const name = this.tok.v;
    this.p++;
    const params: string[] = [];
    if (this.is("(")) {
      this.p++;
      for (;;) {
        const pt = this.tok.t as string;
        if (pt === "var") params.push("$" + this.tok.v);
        else if (pt === "ident") params.push(this.tok.v);
        else this.fail();
        this.p++;
        if (this.is(";")) {
          this.p++;
          continue;
        }
        this.eat(")");
        break;
      }
    }
    this.eat(":");
    const body = this.pipe();
    this.eat(";");
    return { k: "def", name, params, body, rest: { k: "identity" } };
  }

  pattern(): Pattern {
    if (this.tok.t === "var") {
      const name = this.tok.v;
      this.p++;
      return { k: "pvar", name };
    }
    if (this.is("[")) {
      this.p++;
      const items: Pattern[] = [];
      if (!this.is("]")) {
        items.push(this.pattern());
        while (this.is(",")) {
          this.p++;
          items.push(this.pattern());
        }
      }
      this.eat("]");
      return { k: "parray", items };
    }
    if (this.is("{")) {
      this.p++;
      const entries: Array<{ key: Node | string; keyVar?: string; value?: Pattern }> = [];
      for (;;) {
        if (this.tok.t === "var") {
          const name = this.tok.v;
          this.p++;
          let value: Pattern | undefined;
          if (this.is(":")) {
            this.p++;
            value = this.pattern();
          }
          entries.push({ key: name, keyVar: name, value });
        } else {
          let key: Node | string;
          if (this.tok.t === "ident" || this.tok.t === "kw") {
            key = this.tok.v;
            this.p++;
          } else if (this.tok.t === "str") key = this.primary();
          else if (this.is("(")) {
            this.p++;
            key = this.pipe();
            this.eat(")");
          } else this.fail();
          this.eat(":");
          entries.push({ key, value: this.pattern() });
        }
        if (this.is(",")) {
          this.p++;
          continue;
        }
        this.eat("}");
        break;
      }
      return { k: "pobject", entries };
    }
    this.fail();
  }

  comma(): Node {
    let a = this.alt();
    while (this.is(",")) {
      this.p++;
      a = { k: "comma", a, b: this.alt() };
    }
    return a;
  }

  alt(): Node {
    const a = this.assign();
    if (this.is("//")) {
      this.p++;
      return { k: "alt", a, b: this.alt() };
    }
    return a;
  }

  assign(): Node {
    const a = this.or();
    if (this.tok.t === "op" && ["=", "|=", "+=", "-=", "*=", "/=", "%=", "//="].includes(this.tok.v)) {
      const op = this.tok.v;
      this.p++;
      return { k: "assign", op, a, b: this.alt() };
    }
    return a;
  }

  or(): Node {
    let a = this.and();
    while (this.isKw("or")) {
      this.p++;
      a = { k: "or", a, b: this.and() };
    }
    return a;
  }

  and(): Node {
    let a = this.compare();
    while (this.isKw("and")) {
      this.p++;
      a = { k: "and", a, b: this.compare() };
    }
    return a;
  }

  compare(): Node {
    const a = this.additive();
    if (this.tok.t === "op" && ["==", "!=", "<", "<=", ">", ">="].includes(this.tok.v)) {
      const op = this.tok.v;
      this.p++;
      return { k: "binop", op, a, b: this.additive() };
    }
    return a;
  }

  additive(): Node {
    let a = this.multiplicative();
    while (this.is("+") || this.is("-")) {
      const op = this.tok.v;
      this.p++;
      a = { k: "binop", op, a, b: this.multiplicative() };
    }
    return a;
  }

  multiplicative(): Node {
    let a = this.unary();
    while (this.is("*") || this.is("/") || this.is("%")) {
      const op = this.tok.v;
      this.p++;
      a = { k: "binop", op, a, b: this.unary() };
    }
    return a;
  }

  unary(): Node {
    if (this.is("-")) {
      this.p++;
      return { k: "neg", e: this.unary() };
    }
    return this.postfix();
  }

  postfix(): Node {
    let t = this.primary();
    for (;;) {
      if (this.tok.t === "field") {
        t = { k: "field", target: t, name: this.tok.v, opt: false };
        this.p++;
      } else if (this.is(".") && this.toks[this.p + 1].t === "str") {
        this.p++;
        const s = this.primary();
        t = { k: "index", target: t, index: s, opt: false };
      } else if (this.is(".") && this.toks[this.p + 1].v === "[" ) {
        this.p++;
      } else if (this.is("[")) {
        t = this.bracketSuffix(t);
      } else if (this.is("?")) {
        this.p++;
        t = { k: "try", body: t };
      } else if (this.isKw("as") && false) {
        break;
      } else break;
    }
    return t;
  }

  bracketSuffix(t: Node): Node {
    this.eat("[");
    if (this.is("]")) {
      this.p++;
      return { k: "iterate", target: t, opt: false };
    }
    if (this.is(":")) {
      this.p++;
      const to = this.pipe();
      this.eat("]");
      return { k: "slice", target: t, to, opt: false };
    }
    const idx = this.pipe();
    if (this.is(":")) {
      this.p++;
      if (this.is("]")) {
        this.p++;
        return { k: "slice", target: t, from: idx, opt: false };
      }
      const to = this.pipe();
      this.eat("]");
      return { k: "slice", target: t, from: idx, to, opt: false };
    }
    this.eat("]");
    return { k: "index", target: t, index: idx, opt: false };
  }

  strNode(tok: Tok, fmt?: string): Node {
    const parts = tok.parts!.map((x) => {
      if (typeof x === "string") return x;
      const sub = new JqParser([...x, { t: "eof", v: "", pos: 0 }]);
      const n = sub.pipe();
      if (sub.tok.t !== "eof") sub.fail(true);
      return n;
    });
    return { k: "str", parts, fmt };
  }

  primary(): Node {
    const t = this.tok;
    switch (t.t) {
      case "num":
        this.p++;
        return { k: "literal", v: Number(t.v) };
      case "str":
        this.p++;
        return this.strNode(t);
      case "format":
        this.p++;
        if (this.tok.t === "str") {
          const s = this.tok;
          this.p++;
          return this.strNode(s, t.v);
        }
        return { k: "format", name: t.v };
      case "field":
        this.p++;
        return { k: "field", target: { k: "identity" }, name: t.v, opt: false };
      case "var":
        this.p++;
        return { k: "var", name: t.v };
      case "loc":
        this.p++;
        return { k: "literal", v: { file: "<top-level>", line: 1 } };
      case "kw":
        if (t.v === "if") return this.ifExpr();
        if (t.v === "try") {
          this.p++;
          const body = this.postfixNoTry();
          let c: Node | undefined;
          if (this.isKw("catch")) {
            this.p++;
            c = this.postfixNoTry();
          }
          return { k: "try", body, catch: c };
        }
        if (t.v === "reduce" || t.v === "foreach") {
          this.p++;
          const src = this.postfix();
          this.eatKw("as");
          const pattern = this.pattern();
          this.eat("(");
          const init = this.pipe();
          this.eat(";");
          const update = this.pipe();
          let extract: Node | undefined;
          if (t.v === "foreach" && this.is(";")) {
            this.p++;
            extract = this.pipe();
          }
          this.eat(")");
          return t.v === "reduce" ? { k: "reduce", src, pattern, init, update } : { k: "foreach", src, pattern, init, update, extract };
        }
        if (t.v === "def") {
          const d = this.funcDef();
          return { ...d, rest: this.pipe() };
        }
        this.fail();
      // falls through
      case "ident": {
        this.p++;
        if (t.v === "true" || t.v === "false") return { k: "literal", v: t.v === "true" };
        if (t.v === "null") return { k: "literal", v: null };
        if (t.v === "break") {
          if (this.tok.t !== "var") this.fail();
          const name = this.tok.v;
          this.p++;
          return { k: "break", name };
        }
        const args: Node[] = [];
        if (this.is("(")) {
          this.p++;
          args.push(this.pipe());
          while (this.is(";")) {
            this.p++;
            args.push(this.pipe());
          }
          this.eat(")");
        }
        return { k: "call", name: t.v, args };
      }
      case "op":
        if (t.v === ".") {
          this.p++;
          if (this.tok.t === "str") {
            const s = this.tok;
            this.p++;
            return { k: "index", target: { k: "identity" }, index: this.strNode(s), opt: false };
          }
          if (this.is("[")) return this.bracketSuffix({ k: "identity" });
          return { k: "identity" };
        }
        if (t.v === "..") {
          this.p++;
          return { k: "recurse_default" };
        }
        if (t.v === "(") {
          this.p++;
          const e = this.pipe();
          this.eat(")");
          return e;
        }
        if (t.v === "[") {
          this.p++;
          if (this.is("]")) {
            this.p++;
            return { k: "array" };
          }
          const e = this.pipe();
          this.eat("]");
          return { k: "array", e };
        }
        if (t.v === "{") return this.objectExpr();
        if (t.v === "-") {
          this.p++;
          return { k: "neg", e: this.postfix() };
        }
        this.fail();
      // falls through
      default:
        this.fail();
    }
  }

  postfixNoTry(): Node {
    let t = this.primary();
    for (;;) {
      if (this.tok.t === "field") {
        t = { k: "field", target: t, name: this.tok.v, opt: false };
        this.p++;
      } else if (this.is("[")) t = this.bracketSuffix(t);
      else if (this.is(".") && this.toks[this.p + 1].t === "str") {
        this.p++;
        t = { k: "index", target: t, index: this.primary(), opt: false };
      } else break;
    }
    return t;
  }

  ifExpr(): Node {
    this.eatKw("if");
    const cond = this.pipe();
    this.eatKw("then");
    const then = this.pipe();
    const elifs: Array<[Node, Node]> = [];
    let els: Node | undefined;
    for (;;) {
      if (this.isKw("elif")) {
        this.p++;
        const c = this.pipe();
        this.eatKw("then");
        elifs.push([c, this.pipe()]);
        continue;
      }
      if (this.isKw("else")) {
        this.p++;
        els = this.pipe();
      }
      this.eatKw("end");
      break;
    }
    return { k: "if", cond, then, elifs, else: els };
  }

  objectExpr(): Node {
    this.eat("{");
    const entries: Array<{ key: Node | string; value?: Node; keyVar?: string }> = [];
    if (this.is("}")) {
      this.p++;
      return { k: "object", entries };
    }
    for (;;) {
      const t = this.tok;
      let key: Node | string;
      let keyVar: string | undefined;
      if (t.t === "var") {
        this.p++;
        key = t.v;
        keyVar = t.v;
      } else if (t.t === "ident" || t.t === "kw") {
        this.p++;
        key = t.v;
      } else if (t.t === "num") {
        this.p++;
        key = { k: "literal", v: Number(t.v) };
      } else if (t.t === "str") {
        this.p++;
        key = this.strNode(t);
      } else if (t.t === "format" && this.toks[this.p + 1].t === "str") {
        this.p++;
        const s = this.tok;
        this.p++;
        key = this.strNode(s, t.v);
      } else if (this.is("(")) {
        this.p++;
        key = this.pipe();
        this.eat(")");
      } else this.fail();
      let value: Node | undefined;
      if (this.is(":")) {
        this.p++;
        value = this.objVal();
      }
      entries.push({ key, value, keyVar });
      if (this.is(",")) {
        this.p++;
        continue;
      }
      this.eat("}");
      break;
    }
    return { k: "object", entries };
  }

  objVal(): Node {
    // ExpD: ExpD '|' ExpD | '-' ExpD | Term
    let a: Node = this.is("-") ? (this.p++, { k: "neg", e: this.postfix() }) : this.postfix();
    while (this.is("|")) {
      this.p++;
      const b: Node = this.is("-") ? (this.p++, { k: "neg", e: this.postfix() }) : this.postfix();
      a = { k: "pipe", a, b };
    }
    return a;
  }
}
