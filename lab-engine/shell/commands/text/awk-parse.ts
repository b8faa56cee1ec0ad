// awk parser: tokens -> AST (POSIX awk grammar plus the common gawk extensions).

import { AwkSyntaxError, lex } from "./awk-lex.ts";
import type { Tok } from "./awk-lex.ts";

export type Expr =
  | { k: "num"; v: number }
  | { k: "str"; v: string }
  | { k: "re"; src: string }
  | { k: "var"; name: string }
  | { k: "field"; e: Expr }
  | { k: "idx"; name: string; subs: Expr[] }
  | { k: "assign"; op: string; lv: Expr; e: Expr }
  | { k: "cond"; c: Expr; a: Expr; b: Expr }
  | { k: "and" | "or"; a: Expr; b: Expr }
  | { k: "in"; subs: Expr[]; name: string }
  | { k: "match"; neg: boolean; a: Expr; re: Expr }
  | { k: "cmp"; op: string; a: Expr; b: Expr }
  | { k: "concat"; a: Expr; b: Expr }
  | { k: "bin"; op: string; a: Expr; b: Expr }
  | { k: "unary"; op: string; e: Expr }
  | { k: "incdec"; op: string; prefix: boolean; lv: Expr }
  | { k: "call"; name: string; args: Expr[]; pos: number }
  | { k: "builtin"; name: string; args: Expr[] }
  | { k: "getline"; lv?: Expr; file?: Expr; cmd?: Expr }
  | { k: "grouping"; list: Expr[] }
  | { k: "paren"; e: Expr };

export interface Redir {
  op: string;
  e: Expr;
}

export type Stmt =
  | { k: "block"; body: Stmt[] }
  | { k: "expr"; e: Expr }
  | { k: "print"; args: Expr[]; redir?: Redir }
  | { k: "printf"; args: Expr[]; redir?: Redir }
  | { k: "if"; c: Expr; t: Stmt; f?: Stmt }
  | { k: "while"; c: Expr; body: Stmt }
  | { k: "do"; body: Stmt; c: Expr }
  | { k: "for"; init?: Expr; c?: Expr; step?: Expr; body: Stmt }
  | { k: "forin"; v: Expr; arr: string; body: Stmt }
  | { k: "break" | "continue" | "next" | "nextfile" }
  | { k: "exit" | "return"; e?: Expr }
  | { k: "delete"; name: string; subs?: Expr[] }
  | { k: "getline_stmt"; e: Expr };

export interface Rule {
  pattern?: Expr;
  pattern2?: Expr;
  action?: Stmt;
  inRange?: boolean;
}

export interface AwkFunc {
  name: string;
  params: string[];
  body: Stmt;
}

export interface Program {
  begins: Stmt[];
  ends: Stmt[];
  rules: Rule[];
  funcs: Map<string, AwkFunc>;
}

export function parseAwk(src: string): Program {
  return new Parser(src).program();
}

class Parser {
  toks: Tok[];
  p = 0;
  noGt = false;
  noIn = false;
  constructor(public src: string) {
    this.toks = lex(src);
  }
  get tok(): Tok {
    return this.toks[this.p];
  }
  peek(n = 1): Tok {
    return this.toks[Math.min(this.p + n, this.toks.length - 1)];
  }
  is(v: string, t?: string): boolean {
    const k = this.tok;
    return k.v === v && (t ? k.t === t : k.t === "op" || k.t === "kw");
  }
  fail(tok: Tok = this.tok): never {
    const msg = tok.t === "eof" || tok.t === "nl" ? "unexpected newline or end of string" : "syntax error";
    throw new AwkSyntaxError(tok.pos, msg);
  }
  eat(v: string): Tok {
    if (!this.is(v)) this.fail();
    return this.toks[this.p++];
  }
  nls(): void {
    while (this.tok.t === "nl") this.p++;
  }
  terms(): void {
    while (this.tok.t === "nl" || this.is(";")) this.p++;
  }

  program(): Program {
    const prog: Program = { begins: [], ends: [], rules: [], funcs: new Map() };
    this.terms();
    while (this.tok.t !== "eof") {
      if (this.is("BEGIN")) {
        this.p++;
        this.nls();
        prog.begins.push(this.block());
      } else if (this.is("END")) {
        this.p++;
        this.nls();
        prog.ends.push(this.block());
      } else if (this.is("function")) {
        this.p++;
        const nameTok = this.tok;
        if (nameTok.t !== "name" && nameTok.t !== "funcname") this.fail();
        this.p++;
        this.eat("(");
        const params: string[] = [];
        while (!this.is(")")) {
          if (this.tok.t !== "name") this.fail();
          params.push(this.tok.v);
          this.p++;
          if (this.is(",")) {
            this.p++;
            this.nls();
          } else if (!this.is(")")) this.fail();
        }
        this.p++;
        this.nls();
        prog.funcs.set(nameTok.v, { name: nameTok.v, params, body: this.block() });
      } else {
        const rule: Rule = {};
        if (!this.is("{")) {
          rule.pattern = this.expr();
          if (this.is(",")) {
            this.p++;
            this.nls();
            rule.pattern2 = this.expr();
          }
        }
        if (this.is("{")) rule.action = this.block();
        prog.rules.push(rule);
      }
      const prev = this.toks[this.p - 1];
      if (prev && prev.t === "op" && prev.v === "}") {
        this.terms();
        continue;
      }
      if (!(this.tok.t === "nl" || this.is(";") || (this.tok.t as string) === "eof")) this.fail();
      this.terms();
    }
    return prog;
  }

  block(): Stmt {
    this.eat("{");
    const body: Stmt[] = [];
    this.terms();
    while (!this.is("}")) {
      if (this.tok.t === "eof") this.fail();
      body.push(this.stmt());
      this.terms();
    }
    this.p++;
    return { k: "block", body };
  }

  /** End of a simple statement: ; newline } or eof. */
  endSimple(): void {
    if (this.is(";") || this.tok.t === "nl") {
      this.p++;
      return;
    }
    if (this.is("}") || this.tok.t === "eof") return;
    this.fail();
  }

  stmtBody(): Stmt {
    this.nls();
    if (this.is(";")) {
      this.p++;
      return { k: "block", body: [] };
    }
    return this.stmt();
  }

  stmt(): Stmt {
    const t = this.tok;
    if (this.is("{")) return this.block();
    if (t.t === "kw") {
      switch (t.v) {
        case "if": {
          this.p++;
          this.eat("(");
          const c = this.expr();
          this.eat(")");
          const then = this.stmtBody();
          // optional else, possibly after newlines/semicolon
          const save = this.p;
          this.terms();
          if (this.is("else")) {
            this.p++;
            return { k: "if", c, t: then, f: this.stmtBody() };
          }
          this.p = save;
          return { k: "if", c, t: then };
        }
        case "while": {
          this.p++;
          this.eat("(");
          const c = this.expr();
          this.eat(")");
          if (this.is(";")) {
            this.p++;
            return { k: "while", c, body: { k: "block", body: [] } };
          }
          return { k: "while", c, body: this.stmtBody() };
        }
        case "do": {
          this.p++;
          const body = this.stmtBody();
          this.terms();
          this.eat("while");
          this.eat("(");
          const c = this.expr();
          this.eat(")");
          this.endSimple();
          return { k: "do", body, c };
        }
        case "for": {
          this.p++;
          this.eat("(");
          if (this.tok.t === "name" && this.peek().v === "in" && this.peek().t === "kw" && this.peek(2).t === "name" && this.peek(3).v === ")") {
            const v: Expr = { k: "var", name: this.tok.v };
            const arr = this.peek(2).v;
            this.p += 4;
            return { k: "forin", v, arr, body: this.stmtBody() };
          }
          if (this.is("(") && this.peek().t === "name" && this.peek(2).v === ")" && this.peek(3).v === "in" && this.peek(4).t === "name" && this.peek(5).v === ")") {
            const v: Expr = { k: "var", name: this.peek().v };
            const arr = this.peek(4).v;
            this.p += 6;
            return { k: "forin", v, arr, body: this.stmtBody() };
          }
          const init = this.is(";") ? undefined : this.simpleExpr();
          this.eat(";");
          this.nls();
          const c = this.is(";") ? undefined : this.expr();
          this.eat(";");
          this.nls();
          const step = this.is(")") ? undefined : this.simpleExpr();
          this.eat(")");
          if (this.is(";")) {
            this.p++;
            return { k: "for", init, c, step, body: { k: "block", body: [] } };
          }
          return { k: "for", init, c, step, body: this.stmtBody() };
        }
        case "break":
        case "continue":
        case "next":
        case "nextfile":
          this.p++;
          this.endSimple();
          return { k: t.v };
        case "exit":
        case "return": {
          this.p++;
          let e: Expr | undefined;
          if (!(this.is(";") || this.is("}") || this.tok.t === "nl" || this.tok.t === "eof")) e = this.expr();
          this.endSimple();
          return { k: t.v, e };
        }
        case "delete": {
          this.p++;
          if (this.tok.t !== "name") this.fail();
          const name = this.tok.v;
          this.p++;
          let subs: Expr[] | undefined;
          if (this.is("[")) {
            this.p++;
            subs = this.exprList("]");
          }
          this.endSimple();
          return { k: "delete", name, subs };
        }
        case "print":
        case "printf": {
          this.p++;
          const saveGt = this.noGt;
          this.noGt = true;
          let args: Expr[] = [];
          if (!(this.is(";") || this.is("}") || this.is(">") || this.is(">>") || this.is("|") || this.tok.t === "nl" || this.tok.t === "eof")) {
            args = [this.expr()];
            while (this.is(",")) {
              this.p++;
              this.nls();
              args.push(this.expr());
            }
          }
          this.noGt = saveGt;
          if (args.length === 1 && args[0].k === "grouping") args = args[0].list;
          let redir: Redir | undefined;
          if (this.is(">") || this.is(">>") || this.is("|")) {
            const op = this.tok.v;
            this.p++;
            redir = { op, e: this.concat() };
          }
          this.endSimple();
          if (t.v === "printf" && args.length === 0) this.fail(t);
          return { k: t.v as "print", args, redir };
        }
      }
    }
    if (this.is(";")) {
      this.p++;
      return { k: "block", body: [] };
    }
    const e = this.expr();
    this.endSimple();
    return { k: "expr", e };
  }

  simpleExpr(): Expr {
    return this.expr();
  }

  exprList(close: string): Expr[] {
    const save = [this.noGt, this.noIn];
    this.noGt = false;
    this.noIn = false;
    const list: Expr[] = [];
    this.nls();
    if (!this.is(close)) {
      list.push(this.expr());
      while (this.is(",")) {
        this.p++;
        this.nls();
        list.push(this.expr());
      }
    }
    this.nls();
    this.eat(close);
    [this.noGt, this.noIn] = save;
    return list;
  }

  expr(): Expr {
    return this.ternary();
  }

  isLvalue(e: Expr): boolean {
    return e.k === "var" || e.k === "idx" || e.k === "field";
  }

  ternary(): Expr {
    const c = this.or();
    if (this.is("?")) {
      this.p++;
      this.nls();
      const a = this.ternary();
      this.nls();
      this.eat(":");
      this.nls();
      const b = this.ternary();
      return { k: "cond", c, a, b };
    }
    if (this.tok.t === "op" && ["=", "+=", "-=", "*=", "/=", "%=", "^="].includes(this.tok.v) && this.isLvalue(c)) {
      const op = this.tok.v;
      this.p++;
      this.nls();
      return { k: "assign", op, lv: c, e: this.ternary() };
    }
    return c;
  }

  or(): Expr {
    let a = this.and();
    while (this.is("||")) {
      this.p++;
      this.nls();
      a = { k: "or", a, b: this.and() };
    }
    return a;
  }

  and(): Expr {
    let a = this.inExpr();
    while (this.is("&&")) {
      this.p++;
      this.nls();
      a = { k: "and", a, b: this.inExpr() };
    }
    return a;
  }

  inExpr(): Expr {
    let a = this.matchExpr();
    while (this.is("in") && !this.noIn) {
      this.p++;
      if (this.tok.t !== "name") this.fail();
      const name = this.tok.v;
      this.p++;
      a = { k: "in", subs: a.k === "grouping" ? a.list : [a], name };
    }
    return a;
  }

  matchExpr(): Expr {
    let a = this.comparison();
    while (this.is("~") || this.is("!~")) {
      const neg = this.tok.v === "!~";
      this.p++;
      a = { k: "match", neg, a, re: this.comparison() };
    }
    return a;
  }

  comparison(): Expr {
    let a = this.concat();
    for (;;) {
      const v = this.tok.v;
      if (this.tok.t === "op" && (v === "<" || v === "<=" || v === "!=" || v === "==" || v === ">=" || (v === ">" && !this.noGt))) {
        this.p++;
        a = { k: "cmp", op: v, a, b: this.concat() };
        continue;
      }
      if (this.is("|") && this.peek().v === "getline") {
        this.p += 2;
        let lv: Expr | undefined;
        if (this.startsLvalue()) lv = this.primaryLvalue();
        a = { k: "getline", cmd: a, lv };
        continue;
      }
      return a;
    }
  }

  startsOperand(): boolean {
    const t = this.tok;
    if (t.t === "num" || t.t === "str" || t.t === "ere" || t.t === "name" || t.t === "funcname" || t.t === "builtin") return true;
    if (t.t === "op") return t.v === "$" || t.v === "(" || t.v === "!" || t.v === "-" || t.v === "+" || t.v === "++" || t.v === "--";
    return false;
  }

  concat(): Expr {
    let a = this.additive();
    for (;;) {
      const t = this.tok;
      if (t.t === "kw" && t.v === "in") return a;
      if (!this.startsOperand() || (t.t === "op" && (t.v === "-" || t.v === "+" || t.v === "!"))) return a;
      a = { k: "concat", a, b: this.additive() };
    }
  }

  additive(): Expr {
    let a = this.mul();
    while (this.is("+") || this.is("-")) {
      const op = this.tok.v;
      this.p++;
      a = { k: "bin", op, a, b: this.mul() };
    }
    return a;
  }

  mul(): Expr {
    let a = this.unary();
    while (this.is("*") || this.is("/") || this.is("%")) {
      const op = this.tok.v;
      this.p++;
      a = { k: "bin", op, a, b: this.unary() };
    }
    return a;
  }

  unary(): Expr {
    if (this.is("!")) {
      this.p++;
      return { k: "unary", op: "!", e: this.unary() };
    }
    if (this.is("-") || this.is("+")) {
      const op = this.tok.v;
      this.p++;
      return { k: "unary", op, e: this.unary() };
    }
    return this.pow();
  }

  pow(): Expr {
    const a = this.postfix();
    if (this.is("^")) {
      this.p++;
      const b = this.is("-") || this.is("+") || this.is("!") ? this.unary() : this.pow();
      return { k: "bin", op: "^", a, b };
    }
    return a;
  }

  postfix(): Expr {
    if (this.is("++") || this.is("--")) {
      const op = this.tok.v;
      this.p++;
      const lv = this.postfix();
      if (!this.isLvalue(lv)) this.fail();
      return { k: "incdec", op, prefix: true, lv };
    }
    const e = this.primary();
    if (this.isLvalue(e) && (this.is("++") || this.is("--"))) {
      const op = this.tok.v;
      this.p++;
      return { k: "incdec", op, prefix: false, lv: e };
    }
    return e;
  }

  startsLvalue(): boolean {
    return this.tok.t === "name" || this.is("$");
  }

  primaryLvalue(): Expr {
    if (this.is("$")) {
      this.p++;
      return { k: "field", e: this.fieldOperand() };
    }
    const name = this.tok.v;
    this.p++;
    if (this.is("[")) {
      this.p++;
      return { k: "idx", name, subs: this.exprList("]") };
    }
    return { k: "var", name };
  }

  fieldOperand(): Expr {
    if (this.is("++") || this.is("--")) {
      const op = this.tok.v;
      this.p++;
      const lv = this.primary();
      return { k: "incdec", op, prefix: true, lv };
    }
    if (this.is("-")) {
      this.p++;
      return { k: "unary", op: "-", e: this.primary() };
    }
    return this.primary();
  }

  primary(): Expr {
    const t = this.tok;
    switch (t.t) {
      case "num":
        this.p++;
        return { k: "num", v: /^0[xX]/.test(t.v) ? parseInt(t.v, 16) : Number(t.v) };
      case "str":
        this.p++;
        return { k: "str", v: t.v };
      case "ere":
        this.p++;
        return { k: "re", src: t.v };
      case "name":
        return this.primaryLvalue();
      case "funcname": {
        this.p++;
        this.eat("(");
        return { k: "call", name: t.v, args: this.exprList(")"), pos: t.pos };
      }
      case "builtin": {
        this.p++;
        if (this.is("(")) {
          this.p++;
          return { k: "builtin", name: t.v, args: this.exprList(")") };
        }
        if (t.v === "length") return { k: "builtin", name: "length", args: [] };
        this.fail();
      }
      // falls through
      case "op":
        if (t.v === "$") {
          this.p++;
          return { k: "field", e: this.fieldOperand() };
        }
        if (t.v === "(") {
          this.p++;
          const save = [this.noGt, this.noIn];
          this.noGt = false;
          this.noIn = false;
          this.nls();
          const e = this.expr();
          this.nls();
          if (this.is(",")) {
            const list = [e];
            while (this.is(",")) {
              this.p++;
              this.nls();
              list.push(this.expr());
            }
            this.nls();
            this.eat(")");
            [this.noGt, this.noIn] = save;
            return { k: "grouping", list };
          }
          this.eat(")");
          [this.noGt, this.noIn] = save;
          return { k: "paren", e };
        }
        if (t.v === "-" || t.v === "+" || t.v === "!") {
          this.p++;
          return { k: "unary", op: t.v, e: this.unary() };
        }
        this.fail();
      // falls through
      case "kw":
        if (t.v === "getline") {
          this.p++;
          let lv: Expr | undefined;
          if (this.startsLvalue()) lv = this.primaryLvalue();
          let file: Expr | undefined;
          if (this.is("<")) {
            this.p++;
            file = this.primary();
          }
          return { k: "getline", lv, file };
        }
        this.fail();
      // falls through
      default:
        this.fail();
    }
  }
}
