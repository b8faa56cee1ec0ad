// A hand-written parser for the bash subset learners type: character-level recursive descent,
// because bash tokenising depends on context (reserved words only at command start, heredoc
// bodies after the next newline, `$((` versus `$( (`). Errors use bash's own wording.

import type { AndOr, Assign, Command, List, Pipeline, Redir, Word, WordPart } from "./ast.ts";

export class ParseError extends Error {
  /** `incomplete`: more input could complete this (the terminal shows the `> ` prompt). */
  constructor(
    message: string,
    public incomplete = false,
  ) {
    super(message);
  }
}

/** Deep nesting is refused before it can exhaust the JS stack (hostile pastes). */
const MAX_DEPTH = 120;

const RESERVED = new Set(["if", "then", "elif", "else", "fi", "for", "while", "until", "do", "done", "case", "esac", "in", "{", "}", "!", "[[", "]]", "function", "time"]);
const META = " \t\n;&|<>()";

const eofError = () => new ParseError("bash: syntax error: unexpected end of file", true);
const matchError = (c: string) => new ParseError(`bash: unexpected EOF while looking for matching \`${c}'`, true);

interface PendingHeredoc {
  r: Redir;
  delim: string;
  strip: boolean;
  line: number;
}

export class Parser {
  pos = 0;
  /** Input ended where a further line would continue it (open heredoc, trailing backslash). */
  incomplete = false;
  warnings: string[] = [];
  private pending: PendingHeredoc[] = [];

  constructor(
    readonly src: string,
    private depth = 0,
  ) {}

  // ---------- top level ----------

  /** The next top-level line's commands, or null at end of input. Throws ParseError. */
  nextCommand(): List | null {
    this.skipLinebreaks();
    if (this.eof()) {
      this.flushHeredocsAtEof();
      return null;
    }
    const items: List["items"] = [];
    for (;;) {
      const start = this.pos;
      const ao = this.parseAndOr();
      this.skipBlanks();
      const op = this.peekOp();
      if (op === ";" || op === "&") {
        const src = this.src.slice(start, this.pos).trim();
        this.pos++;
        items.push(op === "&" ? { ao, bg: true, src } : { ao, bg: false });
        this.skipBlanks();
        if (this.eof()) break;
        if (this.src[this.pos] === "\n") {
          this.newline();
          break;
        }
        continue;
      }
      items.push({ ao, bg: false });
      if (op === "\n") {
        this.newline();
        break;
      }
      if (this.eof()) break;
      throw this.unexpected();
    }
    if (this.eof()) this.flushHeredocsAtEof();
    return { items };
  }

  /** Parse everything (used for `$(…)` in backticks, functions, tests). */
  parseAll(): List {
    const items: List["items"] = [];
    let l: List | null;
    while ((l = this.nextCommand())) for (const it of l.items) items.push(it);
    return { items };
  }

  // ---------- lists ----------

  private parseList(terms: Set<string>, opts: { closeParen?: boolean; caseBody?: boolean; allowEmpty?: boolean } = {}): List {
    const items: List["items"] = [];
    for (;;) {
      this.skipLinebreaks();
      if (this.eof()) throw opts.closeParen ? matchError(")") : eofError();
      if (opts.closeParen && this.src[this.pos] === ")") break;
      const op = this.peekOp();
      if (opts.caseBody && (op === ";;" || op === ";&" || op === ";;&")) break;
      const rw = this.peekReserved();
      if (rw && terms.has(rw)) break;
      const start = this.pos;
      const ao = this.parseAndOr();
      this.skipBlanks();
      const op2 = this.peekOp();
      if (op2 === ";" || op2 === "&") {
        const src = this.src.slice(start, this.pos).trim();
        this.pos++;
        items.push(op2 === "&" ? { ao, bg: true, src } : { ao, bg: false });
      } else if (op2 === "\n") {
        this.newline();
        items.push({ ao, bg: false });
      } else if (this.eof() || (op2 === ")" && opts.closeParen) || (opts.caseBody && (op2 === ";;" || op2 === ";&" || op2 === ";;&"))) {
        items.push({ ao, bg: false });
        if (!this.eof()) break;
      } else throw this.unexpected();
    }
    if (!items.length && !opts.allowEmpty) throw this.unexpected();
    return { items };
  }

  private parseAndOr(): AndOr {
    const first = this.parsePipeline();
    const rest: AndOr["rest"] = [];
    for (;;) {
      this.skipBlanks();
      const op = this.peekOp();
      if (op !== "&&" && op !== "||") break;
      this.pos += 2;
      this.skipLinebreaks();
      rest.push({ op, p: this.parsePipeline() });
    }
    return { first, rest };
  }

  private parsePipeline(): Pipeline {
    this.skipBlanks();
    let negate = false;
    let timed = false;
    if (this.peekReserved() === "time") {
      this.pos += 4;
      timed = true;
      this.skipBlanks();
      if (this.src.startsWith("-p", this.pos)) this.pos += 2;
      this.skipBlanks();
    }
    if (this.peekReserved() === "!") {
      this.pos++;
      negate = true;
    }
    const cmds = [this.parseCommand()];
    const stderrToo: boolean[] = [];
    for (;;) {
      this.skipBlanks();
      const op = this.peekOp();
      if (op !== "|" && op !== "|&") break;
      this.pos += op.length;
      stderrToo.push(op === "|&");
      this.skipLinebreaks();
      cmds.push(this.parseCommand());
    }
    return timed ? { negate, cmds, stderrToo, timed } : { negate, cmds, stderrToo };
  }

  // ---------- commands ----------

  private parseCommand(): Command {
    this.skipBlanks();
    if (this.eof()) throw eofError();
    if (++this.depth > MAX_DEPTH) throw new ParseError("bash: syntax error: nesting too deep");
    try {
      return this.parseCommandInner();
    } finally {
      this.depth--;
    }
  }

  private parseCommandInner(): Command {
    const start = this.pos;
    const s = this.src;
    if (s.startsWith("((", this.pos)) {
      const end = this.findArithEnd(this.pos + 2);
      if (end >= 0) {
        const expr = s.slice(this.pos + 2, end);
        this.pos = end + 2;
        return this.withRedirs({ t: "arith", expr, redirs: [] });
      }
    }
    if (s[this.pos] === "(") {
      this.pos++;
      const body = this.parseList(new Set(), { closeParen: true });
      this.expectChar(")");
      return this.withRedirs({ t: "subshell", body, redirs: [] });
    }
    if (this.peekOp()) throw this.unexpected();
    const rw = this.peekReserved();
    switch (rw) {
      case "if":
        return this.parseIf();
      case "for":
        return this.parseFor();
      case "while":
      case "until":
        return this.parseWhile(rw === "until");
      case "case":
        return this.parseCase();
      case "{": {
        this.pos++;
        const body = this.parseList(new Set(["}"]));
        this.expectReserved("}");
        return this.withRedirs({ t: "group", body, redirs: [] });
      }
      case "[[":
        return this.parseDoubleBracket();
      case "function": {
        this.pos += 8;
        this.skipBlanks();
        const m = /[^\s;&|<>()]+/y;
        m.lastIndex = this.pos;
        const name = m.exec(s)?.[0];
        if (!name) throw this.unexpected();
        this.pos += name.length;
        this.skipBlanks();
        if (s.startsWith("()", this.pos)) this.pos += 2;
        else if (s[this.pos] === "(") {
          this.pos++;
          this.skipBlanks();
          this.expectChar(")");
        }
        return this.parseFuncBody(name, start);
      }
      case null:
        break;
      default:
        if (rw !== "!") throw this.unexpected();
    }
    const fm = /([A-Za-z_][A-Za-z0-9_.:-]*)[ \t]*\([ \t]*\)/y;
    fm.lastIndex = this.pos;
    const fmatch = fm.exec(s);
    if (fmatch && !RESERVED.has(fmatch[1])) {
      this.pos += fmatch[0].length;
      return this.parseFuncBody(fmatch[1], start);
    }
    return this.parseSimple();
  }

  private parseFuncBody(name: string, start: number): Command {
    this.skipLinebreaks();
    if (this.eof()) throw eofError();
    const rw = this.peekReserved();
    const c = this.src[this.pos];
    if (!(c === "(" || (rw && ["{", "if", "for", "while", "until", "case", "[["].includes(rw)))) throw this.unexpected();
    const body = this.parseCommand();
    return { t: "func", name, body, src: this.src.slice(start, this.pos), redirs: [] };
  }

  private parseSimple(): Command {
    const assigns: Assign[] = [];
    const words: Word[] = [];
    const redirs: Redir[] = [];
    const start = this.pos;
    let wordsStart = -1;
    const am = /([A-Za-z_][A-Za-z0-9_]*)(\[[^\]\s]*\])?(\+?)=/y;
    for (;;) {
      this.skipBlanks();
      if (this.eof()) break;
      const c = this.src[this.pos];
      if (this.tryRedir(redirs)) continue;
      if (c === "(") throw this.unexpected();
      if (META.includes(c) && !((c === "<" || c === ">") && this.src[this.pos + 1] === "(")) break;
      if (!words.length) {
        am.lastIndex = this.pos;
        const m = am.exec(this.src);
        if (m) {
          this.pos += m[0].length;
          if (this.src[this.pos] === "(") {
            this.pos++;
            const array: Word[] = [];
            for (;;) {
              this.skipLinebreaks();
              if (this.eof()) throw matchError(")");
              if (this.src[this.pos] === ")") {
                this.pos++;
                break;
              }
              const w = this.readWord();
              if (!w) throw this.unexpected();
              array.push(w);
            }
            assigns.push({ name: m[1], value: null, array, append: m[3] === "+" });
          } else {
            assigns.push({ name: m[1], value: this.readWord(true), append: m[3] === "+" });
          }
          continue;
        }
        wordsStart = this.pos;
      } else if (/^(local|declare|typeset|export|readonly)$/.test(words[0].text)) {
        // `local a=(x y)`: declaration builtins take array assignments as arguments.
        am.lastIndex = this.pos;
        const m = am.exec(this.src);
        if (m && this.src[this.pos + m[0].length] === "(") {
          const start = this.pos;
          this.pos += m[0].length + 1;
          const parts: WordPart[] = [{ k: "lit", v: m[0] + "(", q: true }];
          for (;;) {
            this.skipLinebreaks();
            if (this.eof()) throw matchError(")");
            if (this.src[this.pos] === ")") {
              this.pos++;
              break;
            }
            const w = this.readWord();
            if (!w) throw this.unexpected();
            if (parts.length > 1) parts.push({ k: "lit", v: " ", q: true });
            parts.push(...w.parts.map((p) => (p.k === "lit" || p.k === "param" || p.k === "cmd" || p.k === "arith" ? { ...p, q: true } : p)));
          }
          parts.push({ k: "lit", v: ")", q: true });
          words.push({ parts, text: this.src.slice(start, this.pos) });
          continue;
        }
      }
      const w = this.readWord();
      if (!w) throw this.unexpected();
      words.push(w);
    }
    if (!assigns.length && !words.length && !redirs.length) throw this.unexpected();
    return { t: "simple", assigns, words, redirs, src: this.src.slice(start, this.pos), wordsStart: wordsStart < 0 ? 0 : wordsStart - start };
  }

  private parseIf(): Command {
    this.pos += 2;
    const clauses: { cond: List; body: List }[] = [];
    let otherwise: List | null = null;
    for (;;) {
      const cond = this.parseList(new Set(["then"]));
      this.expectReserved("then");
      const body = this.parseList(new Set(["elif", "else", "fi"]));
      clauses.push({ cond, body });
      const rw = this.peekReserved();
      this.pos += (rw ?? "").length;
      if (rw === "elif") continue;
      if (rw === "else") {
        otherwise = this.parseList(new Set(["fi"]));
        this.expectReserved("fi");
      }
      break;
    }
    return this.withRedirs({ t: "if", clauses, otherwise, redirs: [] });
  }

  private parseFor(): Command {
    this.pos += 3;
    this.skipBlanks();
    if (this.src.startsWith("((", this.pos)) {
      const end = this.findArithEnd(this.pos + 2);
      if (end < 0) throw this.eof() ? eofError() : this.unexpected();
      const parts = this.src.slice(this.pos + 2, end).split(";");
      if (parts.length !== 3) throw new ParseError("bash: syntax error: `;' unexpected");
      this.pos = end + 2;
      this.skipBlanks();
      if (this.src[this.pos] === ";") this.pos++;
      this.skipLinebreaks();
      this.expectReserved("do");
      const body = this.parseList(new Set(["done"]));
      this.expectReserved("done");
      return this.withRedirs({ t: "cfor", init: parts[0], cond: parts[1], step: parts[2], body, redirs: [] });
    }
    const nm = /[A-Za-z_][A-Za-z0-9_]*/y;
    nm.lastIndex = this.pos;
    const name = nm.exec(this.src)?.[0];
    if (!name) throw this.eof() ? eofError() : this.unexpected();
    this.pos += name.length;
    this.skipLinebreaks();
    let items: Word[] | null = null;
    if (this.peekReserved() === "in") {
      this.pos += 2;
      items = [];
      for (;;) {
        this.skipBlanks();
        if (this.eof()) throw eofError();
        const c = this.src[this.pos];
        if (c === ";" || c === "\n") {
          if (c === ";") this.pos++;
          break;
        }
        const w = this.readWord();
        if (!w) throw this.unexpected();
        items.push(w);
      }
    } else if (this.src[this.pos] === ";") this.pos++;
    this.skipLinebreaks();
    this.expectReserved("do");
    const body = this.parseList(new Set(["done"]));
    this.expectReserved("done");
    return this.withRedirs({ t: "for", name, items, body, redirs: [] });
  }

  private parseWhile(until: boolean): Command {
    this.pos += 5; // "while" and "until" are both five letters
    const cond = this.parseList(new Set(["do"]));
    this.expectReserved("do");
    const body = this.parseList(new Set(["done"]));
    this.expectReserved("done");
    return this.withRedirs({ t: "while", until, cond, body, redirs: [] });
  }

  private parseCase(): Command {
    this.pos += 4;
    this.skipBlanks();
    const word = this.readWord();
    if (!word) throw this.eof() ? eofError() : this.unexpected();
    this.skipLinebreaks();
    this.expectReserved("in");
    const items: { patterns: Word[]; body: List; term: string }[] = [];
    for (;;) {
      this.skipLinebreaks();
      if (this.eof()) throw eofError();
      if (this.peekReserved() === "esac") {
        this.pos += 4;
        break;
      }
      if (this.src[this.pos] === "(") this.pos++;
      const patterns: Word[] = [];
      for (;;) {
        this.skipBlanks();
        const w = this.readWord();
        if (!w) throw this.eof() ? eofError() : this.unexpected();
        patterns.push(w);
        this.skipBlanks();
        if (this.src[this.pos] === "|") {
          this.pos++;
          continue;
        }
        this.expectChar(")");
        break;
      }
      const body = this.parseList(new Set(["esac"]), { caseBody: true, allowEmpty: true });
      this.skipBlanks();
      const op = this.peekOp();
      let term = ";;";
      if (op === ";;" || op === ";&" || op === ";;&") {
        this.pos += op.length;
        term = op;
      }
      items.push({ patterns, body, term });
    }
    return this.withRedirs({ t: "case", word, items, redirs: [] });
  }

  private parseDoubleBracket(): Command {
    this.pos += 2;
    const words: Word[] = [];
    for (;;) {
      this.skipLinebreaks();
      if (this.eof()) throw eofError();
      const s = this.src;
      if (s.startsWith("]]", this.pos) && (this.pos + 2 >= s.length || META.includes(s[this.pos + 2]))) {
        this.pos += 2;
        break;
      }
      const two = s.slice(this.pos, this.pos + 2);
      if (two === "&&" || two === "||") {
        words.push({ parts: [{ k: "lit", v: two, q: false }], text: two });
        this.pos += 2;
        continue;
      }
      const c = s[this.pos];
      if (c === "(" || c === ")" || c === "<" || c === ">") {
        words.push({ parts: [{ k: "lit", v: c, q: false }], text: c });
        this.pos++;
        continue;
      }
      const prev = words[words.length - 1]?.text;
      const w = this.readWord(false, prev === "=~");
      if (!w) throw this.unexpected();
      words.push(w);
    }
    return this.withRedirs({ t: "dtest", words, redirs: [] });
  }

  private withRedirs<C extends Command>(c: C): C {
    for (;;) {
      this.skipBlanks();
      if (!this.tryRedir(c.redirs)) return c;
    }
  }

  // ---------- redirections and heredocs ----------

  private tryRedir(redirs: Redir[]): boolean {
    const re = /(\d*)(&>>|&>|<<<|<<-|<<|<>|<&|>&|>>|>\||<|>)/y;
    re.lastIndex = this.pos;
    const m = re.exec(this.src);
    if (!m) return false;
    if (m[1] && m[2].startsWith("&")) return false;
    if ((m[2] === "<" || m[2] === ">") && this.src[this.pos + m[0].length] === "(") return false;
    this.pos += m[0].length;
    this.skipBlanks();
    if (this.eof() || (META.includes(this.src[this.pos]) && !/^[<>]\(/.test(this.src.slice(this.pos, this.pos + 2)))) {
      throw this.eof() ? new ParseError("bash: syntax error near unexpected token `newline'") : this.unexpected();
    }
    const target = this.readWord()!;
    const r: Redir = { fd: m[1] ? Number(m[1]) : null, op: m[2] as Redir["op"], target };
    if (r.op === "<<" || r.op === "<<-") {
      const quoted = target.parts.some((p) => p.k !== "lit" || p.q);
      const delim = target.parts.map((p) => (p.k === "lit" ? p.v : "")).join("") || target.text;
      r.heredoc = { body: "", expand: !quoted };
      this.pending.push({ r, delim, strip: r.op === "<<-", line: this.lineAt(this.pos) });
    }
    redirs.push(r);
    return true;
  }

  private newline(): void {
    this.pos++;
    if (this.pending.length) this.readHeredocs();
  }

  private readHeredocs(): void {
    const s = this.src;
    for (const h of this.pending.splice(0)) {
      const lines: string[] = [];
      for (;;) {
        if (this.pos >= s.length) {
          this.incomplete = true;
          this.warnings.push(`bash: warning: here-document at line ${h.line} delimited by end-of-file (wanted \`${h.delim}')`);
          break;
        }
        let nl = s.indexOf("\n", this.pos);
        if (nl < 0) nl = s.length;
        let line = s.slice(this.pos, nl);
        this.pos = Math.min(nl + 1, s.length);
        if (h.strip) line = line.replace(/^\t+/, "");
        if (line === h.delim || line === h.delim + "\r") break;
        lines.push(line);
      }
      h.r.heredoc!.body = lines.length ? lines.join("\n") + "\n" : "";
    }
  }

  private flushHeredocsAtEof(): void {
    if (this.pending.length) this.readHeredocs();
  }

  // ---------- words ----------

  /**
   * Read one word at pos (null if none). `assignValue`: the right side of `a=…` (may be empty,
   * `~` after `=`/`:`). `regex`: the right side of `=~` inside `[[`, where `(` `|` are literal.
   */
  readWord(assignValue = false, regex = false): Word | null {
    const s = this.src;
    const start = this.pos;
    const parts: WordPart[] = [];
    let lit = "";
    const flush = () => {
      if (lit) parts.push({ k: "lit", v: lit, q: false });
      lit = "";
    };
    if (s[this.pos] === "~") {
      const m = /~([A-Za-z0-9_.-]*)(?=$|[\/\s;&|<>():])/y;
      m.lastIndex = this.pos;
      const t = m.exec(s);
      if (t) {
        parts.push({ k: "tilde", user: t[1] });
        this.pos += t[0].length;
      }
    }
    let parenDepth = 0;
    while (this.pos < s.length) {
      const c = s[this.pos];
      if (regex && (c === "(" || (c === ")" && parenDepth > 0) || (c === "|" && parenDepth > 0))) {
        parenDepth += c === "(" ? 1 : c === ")" ? -1 : 0;
        lit += c;
        this.pos++;
        continue;
      }
      if ((c === "<" || c === ">") && s[this.pos + 1] === "(" && this.pos === start) {
        this.pos += 2;
        const body = this.parseNested();
        parts.push({ k: "proc", body, dir: c });
        continue;
      }
      if (META.includes(c)) break;
      if (c === "\\") {
        if (s[this.pos + 1] === "\n") {
          this.pos += 2;
          continue;
        }
        if (this.pos + 1 >= s.length) {
          this.incomplete = true;
          this.pos++;
          continue;
        }
        flush();
        parts.push({ k: "lit", v: s[this.pos + 1], q: true });
        this.pos += 2;
        continue;
      }
      if (c === "'") {
        const end = s.indexOf("'", this.pos + 1);
        if (end < 0) throw matchError("'");
        flush();
        parts.push({ k: "lit", v: s.slice(this.pos + 1, end), q: true });
        this.pos = end + 1;
        continue;
      }
      if (c === '"') {
        flush();
        this.pos++;
        const inner = this.readDoubleContent('"');
        parts.push(...inner);
        if (!inner.length) parts.push({ k: "lit", v: "", q: true });
        continue;
      }
      if (c === "$" || c === "`") {
        flush();
        const p = c === "$" ? this.readDollar(false) : this.readBacktick(false);
        parts.push(...p);
        continue;
      }
      if (assignValue && c === ":" && s[this.pos + 1] === "~") {
        lit += ":";
        this.pos++;
        flush();
        const m = /~([A-Za-z0-9_.-]*)(?=$|[\/\s;&|<>():])/y;
        m.lastIndex = this.pos;
        const t = m.exec(s);
        if (t) {
          parts.push({ k: "tilde", user: t[1] });
          this.pos += t[0].length;
        }
        continue;
      }
      lit += c;
      this.pos++;
    }
    flush();
    if (this.pos === start && !assignValue) return null;
    return { parts, text: s.slice(start, this.pos) };
  }

  /**
   * Double-quoted content up to `close` (or end of input when close is ""): `$`, backticks and
   * backslash before `$` `` ` `` `"` `\` newline are special. Heredoc bodies use close "" and keep `"`.
   */
  readDoubleContent(close: string): WordPart[] {
    const s = this.src;
    const parts: WordPart[] = [];
    let lit = "";
    const flush = () => {
      if (lit) parts.push({ k: "lit", v: lit, q: true });
      lit = "";
    };
    for (;;) {
      if (this.pos >= s.length) {
        if (close) throw matchError(close);
        break;
      }
      const c = s[this.pos];
      if (close && c === close) {
        this.pos++;
        break;
      }
      if (c === "\\") {
        const n = s[this.pos + 1];
        if (n === "\n") {
          this.pos += 2;
          continue;
        }
        if (n === "$" || n === "`" || n === "\\" || (close && n === close)) {
          lit += n;
          this.pos += 2;
          continue;
        }
        lit += c;
        this.pos++;
        continue;
      }
      if (c === "$" || c === "`") {
        flush();
        parts.push(...(c === "$" ? this.readDollar(true) : this.readBacktick(true)));
        continue;
      }
      lit += c;
      this.pos++;
    }
    flush();
    return parts;
  }

  private readDollar(q: boolean): WordPart[] {
    const s = this.src;
    const n = s[this.pos + 1];
    if (n === "(" && s[this.pos + 2] === "(") {
      const end = this.findArithEnd(this.pos + 3);
      if (end >= 0) {
        const raw = s.slice(this.pos + 3, end);
        this.pos = end + 2;
        return [{ k: "arith", raw, q }];
      }
    }
    if (n === "(") {
      this.pos += 2;
      return [{ k: "cmd", body: this.parseNested(), q }];
    }
    if (n === "{") {
      let depth = 0;
      let i = this.pos + 2;
      for (; i < s.length; i++) {
        const c = s[i];
        if (c === "\\") i++;
        else if (c === "'" && !q) {
          const e = s.indexOf("'", i + 1);
          if (e < 0) break;
          i = e;
        } else if (c === "{") depth++;
        else if (c === "}") {
          if (depth === 0) break;
          depth--;
        }
      }
      if (i >= s.length) throw matchError("}");
      const raw = s.slice(this.pos + 2, i);
      this.pos = i + 1;
      return [{ k: "param", raw, q, braced: true }];
    }
    if (n === "'" && !q) {
      this.pos += 2;
      let out = "";
      for (;;) {
        if (this.pos >= s.length) throw matchError("'");
        const c = s[this.pos];
        if (c === "'") {
          this.pos++;
          break;
        }
        if (c === "\\") {
          const m = /\\(x[0-9a-fA-F]{1,2}|[0-7]{1,3}|.)/y;
          m.lastIndex = this.pos;
          const e = m.exec(s);
          if (e) {
            out += unescapeC(e[1]);
            this.pos += e[0].length;
            continue;
          }
        }
        out += c;
        this.pos++;
      }
      return [{ k: "lit", v: out, q: true }];
    }
    if (n === '"' && !q) {
      this.pos += 2;
      const inner = this.readDoubleContent('"');
      return inner.length ? inner : [{ k: "lit", v: "", q: true }];
    }
    const m = /[A-Za-z_][A-Za-z0-9_]*|[0-9?$#@*!_-]/y;
    m.lastIndex = this.pos + 1;
    const name = m.exec(s)?.[0];
    if (name) {
      this.pos += 1 + name.length;
      return [{ k: "param", raw: name, q, braced: false }];
    }
    this.pos++;
    return [{ k: "lit", v: "$", q }];
  }

  private readBacktick(q: boolean): WordPart[] {
    const s = this.src;
    let i = this.pos + 1;
    let inner = "";
    for (;;) {
      if (i >= s.length) throw matchError("`");
      const c = s[i];
      if (c === "`") break;
      if (c === "\\" && (s[i + 1] === "$" || s[i + 1] === "`" || s[i + 1] === "\\" || (q && s[i + 1] === '"'))) {
        inner += s[i + 1];
        i += 2;
        continue;
      }
      inner += c;
      i++;
    }
    this.pos = i + 1;
    if (this.depth + 1 > MAX_DEPTH) throw new ParseError("bash: syntax error: nesting too deep");
    const sub = new Parser(inner, this.depth + 1);
    try {
      return [{ k: "cmd", body: sub.parseAll(), q }];
    } catch (e) {
      if (e instanceof ParseError) throw new ParseError(e.message, false);
      throw e;
    }
  }

  /** After `$(` / `<(`: a list up to the matching `)`. */
  private parseNested(): List {
    if (++this.depth > MAX_DEPTH) throw new ParseError("bash: syntax error: nesting too deep");
    try {
      const body = this.parseList(new Set(), { closeParen: true, allowEmpty: true });
      if (this.src[this.pos] !== ")") throw matchError(")");
      this.pos++;
      return body;
    } finally {
      this.depth--;
    }
  }

  /** Index of the `))` closing an arithmetic expression starting at `from`, or -1. */
  private findArithEnd(from: number): number {
    const s = this.src;
    let depth = 0;
    for (let i = from; i < s.length; i++) {
      const c = s[i];
      if (c === "(") depth++;
      else if (c === ")") {
        if (depth === 0) return s[i + 1] === ")" ? i : -1;
        depth--;
      } else if (c === "'" || c === "`") return -1;
    }
    return -1;
  }

  // ---------- lexical helpers ----------

  private eof(): boolean {
    return this.pos >= this.src.length;
  }

  private lineAt(pos: number): number {
    let n = 1;
    for (let i = 0; i < pos && i < this.src.length; i++) if (this.src[i] === "\n") n++;
    return n;
  }

  /** Spaces, tabs, line continuations and a comment (up to, not including, the newline). */
  private skipBlanks(): void {
    const s = this.src;
    while (this.pos < s.length) {
      const c = s[this.pos];
      if (c === " " || c === "\t" || c === "\r") this.pos++;
      else if (c === "\\" && s[this.pos + 1] === "\n") this.pos += 2;
      else if (c === "\\" && this.pos + 1 === s.length) {
        this.incomplete = true;
        this.pos++;
      } else if (c === "#") {
        const nl = s.indexOf("\n", this.pos);
        this.pos = nl < 0 ? s.length : nl;
      } else break;
    }
  }

  private skipLinebreaks(): void {
    for (;;) {
      this.skipBlanks();
      if (this.src[this.pos] === "\n") this.newline();
      else return;
    }
  }

  private peekOp(): string | null {
    const s = this.src;
    if (this.pos >= s.length) return null;
    for (const op of [";;&", "&&", "||", ";;", ";&", "|&", "|", "&", ";", "(", ")", "\n"]) if (s.startsWith(op, this.pos)) return op;
    return null;
  }

  /** A reserved word at pos (only meaningful at command start), else null. */
  private peekReserved(): string | null {
    const m = /(\[\[|\]\]|[{}!]|[a-z]+)(?=$|[\s;&|<>()])/y;
    m.lastIndex = this.pos;
    const w = m.exec(this.src)?.[1];
    return w && RESERVED.has(w) ? w : null;
  }

  private expectReserved(w: string): void {
    this.skipLinebreaks();
    if (this.eof()) throw eofError();
    if (this.peekReserved() !== w) throw this.unexpected();
    this.pos += w.length;
  }

  private expectChar(c: string): void {
    this.skipBlanks();
    if (this.eof()) throw c === ")" ? matchError(")") : eofError();
    if (this.src[this.pos] !== c) throw this.unexpected();
    this.pos++;
  }

  private unexpected(): ParseError {
    if (this.eof()) return eofError();
    const op = this.peekOp();
    let tok: string;
    if (op === "\n") tok = "newline";
    else if (op) tok = op;
    else {
      const m = /[^\s;&|<>()]+/y;
      m.lastIndex = this.pos;
      tok = m.exec(this.src)?.[0] ?? this.src[this.pos];
    }
    return new ParseError(`bash: syntax error near unexpected token \`${tok}'`);
  }
}

/** One C escape (without the backslash), as in `$'…'` and `echo -e`. */
export function unescapeC(e: string): string {
  const map: Record<string, string> = { n: "\n", t: "\t", r: "\r", a: "\x07", b: "\b", e: "\x1b", E: "\x1b", f: "\f", v: "\v", "\\": "\\", "'": "'", '"': '"', "?": "?" };
  if (e[0] === "x" && e.length > 1) return String.fromCharCode(parseInt(e.slice(1), 16));
  if (/^[0-7]+$/.test(e)) return String.fromCharCode(parseInt(e, 8) & 0xff);
  return map[e] ?? "\\" + e;
}

/** Parse a whole input into one list (throws ParseError). */
export function parse(src: string): List {
  return new Parser(src).parseAll();
}

/** Parse text as the inside of double quotes (heredoc bodies, `${x:-word}`, `$((…))`). */
export function parseQuotedText(text: string): WordPart[] {
  try {
    return new Parser(text).readDoubleContent("");
  } catch {
    return [{ k: "lit", v: text, q: true }];
  }
}

/** Parse text as one unquoted word that may contain blanks (the word of `${x:-word}`). */
export function parseLooseWord(text: string, quoted: boolean): WordPart[] {
  if (quoted) return parseQuotedText(text);
  const p = new Parser(text);
  const parts: WordPart[] = [];
  try {
    while (p.pos < text.length) {
      const w = p.readWord();
      if (w) for (const x of w.parts) parts.push(x);
      else parts.push({ k: "lit", v: text[p.pos++], q: false });
    }
  } catch {
    return [{ k: "lit", v: text, q: false }];
  }
  return parts;
}

/**
 * True when `text` needs more lines before it can run: an open quote or heredoc, a trailing
 * `|`/`&&`/`\`, or an unclosed `if`/`for`/`while`/`case`/`{`/`(`. The terminal shows `> `.
 */
export function isIncomplete(text: string): boolean {
  const p = new Parser(text);
  try {
    p.parseAll();
  } catch (e) {
    return e instanceof ParseError && e.incomplete;
  }
  return p.incomplete;
}
