// awk lexer: tokens with positions; "/" is a regex when an operand is expected.

export type TokType =
  | "num" | "str" | "ere" | "name" | "funcname" | "builtin" | "kw" | "nl" | "op" | "eof";

export interface Tok {
  t: TokType;
  v: string;
  pos: number; // offset in source
}

export const KEYWORDS = new Set([
  "BEGIN", "END", "function", "func", "if", "else", "while", "for", "do", "break", "continue", "next", "nextfile",
  "exit", "return", "delete", "in", "getline", "print", "printf",
]);

export const BUILTINS = new Set([
  "length", "substr", "index", "split", "sub", "gsub", "match", "sprintf", "tolower", "toupper", "int", "sqrt", "exp",
  "log", "sin", "cos", "atan2", "rand", "srand", "system", "close", "fflush", "systime", "strftime", "gensub", "asort",
  "asorti", "mktime", "and", "or", "xor", "lshift", "rshift", "compl", "typeof", "isarray",
]);

const OPS = [
  "**=", "...", "+=", "-=", "*=", "/=", "%=", "^=", "==", "<=", ">=", "!=", "++", "--", "&&", "||", ">>", "!~", "**",
  "{", "}", "(", ")", "[", "]", ";", ",", "+", "-", "*", "/", "%", "^", "!", ">", "<", "|", "?", ":", "~", "$", "=",
];

export class AwkSyntaxError extends Error {
  constructor(public pos: number, msg: string) {
    super(msg);
  }
}

export function unescapeAwk(s: string): string {
  let out = "";
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c !== "\\" || i + 1 >= s.length) {
      out += c;
      continue;
    }
    const d = s[++i];
    if (d >= "0" && d <= "7") {
      let o = d;
      while (o.length < 3 && s[i + 1] >= "0" && s[i + 1] <= "7") o += s[++i];
      out += String.fromCharCode(parseInt(o, 8));
      continue;
    }
    const m: Record<string, string> = { n: "\n", t: "\t", r: "\r", a: "\x07", b: "\b", f: "\f", v: "\v", "\\": "\\", '"': '"', "/": "/" };
    out += m[d] ?? d;
  }
  return out;
}

export function lex(src: string): Tok[] {
  const toks: Tok[] = [];
  let i = 0;
  const regexAllowed = () => {
    const p = toks[toks.length - 1];
    if (!p) return true;
    if (p.t === "num" || p.t === "str" || p.t === "ere" || p.t === "name" || p.t === "builtin") return false;
    if (p.t === "kw") return p.v !== "getline";
    if (p.t === "op") return !(p.v === ")" || p.v === "]" || p.v === "$" || p.v === "++" || p.v === "--");
    return true;
  };
  while (i < src.length) {
    const c = src[i];
    if (c === " " || c === "\t" || c === "\r") {
      i++;
      continue;
    }
    if (c === "\\" && src[i + 1] === "\n") {
      i += 2;
      continue;
    }
    if (c === "\\" && src[i + 1] === "\r" && src[i + 2] === "\n") {
      i += 3;
      continue;
    }
    if (c === "#") {
      while (i < src.length && src[i] !== "\n") i++;
      continue;
    }
    if (c === "\n") {
      toks.push({ t: "nl", v: "\n", pos: i });
      i++;
      continue;
    }
    const start = i;
    if (/[0-9]/.test(c) || (c === "." && /[0-9]/.test(src[i + 1] ?? ""))) {
      const m = /^(0[xX][0-9a-fA-F]+|(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?)/.exec(src.slice(i))!;
      toks.push({ t: "num", v: /^0[0-7]+$/.test(m[0]) ? String(parseInt(m[0], 8)) : m[0], pos: start });
      i += m[0].length;
      continue;
    }
    if (/[A-Za-z_]/.test(c)) {
      const m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(src.slice(i))!;
      const w = m[0];
      i += w.length;
      if (KEYWORDS.has(w)) toks.push({ t: "kw", v: w === "func" ? "function" : w, pos: start });
      else if (BUILTINS.has(w)) toks.push({ t: "builtin", v: w, pos: start });
      else toks.push({ t: src[i] === "(" ? "funcname" : "name", v: w, pos: start });
      continue;
    }
    if (c === '"') {
      let j = i + 1;
      let raw = "";
      while (j < src.length && src[j] !== '"') {
        if (src[j] === "\n") throw new AwkSyntaxError(j, "unterminated string");
        if (src[j] === "\\" && j + 1 < src.length) {
          if (src[j + 1] === "\n") {
            j += 2;
            continue;
          }
          raw += src[j] + src[j + 1];
          j += 2;
          continue;
        }
        raw += src[j++];
      }
      if (j >= src.length) throw new AwkSyntaxError(start, "unterminated string");
      toks.push({ t: "str", v: unescapeAwk(raw), pos: start });
      i = j + 1;
      continue;
    }
    if (c === "/" && regexAllowed()) {
      let j = i + 1;
      let raw = "";
      let inBr = false;
      while (j < src.length && (src[j] !== "/" || inBr)) {
        if (src[j] === "\n") throw new AwkSyntaxError(j, "unterminated regexp");
        if (src[j] === "\\" && j + 1 < src.length) {
          raw += src[j + 1] === "/" ? "/" : src[j] + src[j + 1];
          j += 2;
          continue;
        }
        if (src[j] === "[" && !inBr) {
          inBr = true;
          raw += src[j++];
          if (src[j] === "^") raw += src[j++];
          if (src[j] === "]") raw += src[j++];
          continue;
        }
        if (src[j] === "]" && inBr) inBr = false;
        raw += src[j++];
      }
      if (j >= src.length) throw new AwkSyntaxError(src.length, "unterminated regexp");
      toks.push({ t: "ere", v: raw, pos: start });
      i = j + 1;
      continue;
    }
    const op = OPS.find((o) => src.startsWith(o, i));
    if (!op) throw new AwkSyntaxError(i, "syntax error");
    toks.push({ t: "op", v: op === "**" ? "^" : op === "**=" ? "^=" : op, pos: start });
    i += op.length;
  }
  toks.push({ t: "eof", v: "", pos: src.length });
  return toks;
}
