// `test`, `[ … ]` and `[[ … ]]`. `test` sees already-split strings; `[[` sees words, so its
// right-hand side of `==` is a pattern unless quoted and `=~` is a regex.

import type { Word } from "./ast.ts";
import type { IO } from "./state.ts";
import { globMatch } from "./glob.ts";
import type { Shell } from "./shell.ts";

class TestError extends Error {}

const UNARY = new Set(["-e", "-f", "-d", "-s", "-r", "-w", "-x", "-L", "-h", "-z", "-n", "-v", "-a", "-b", "-c", "-p", "-S", "-t", "-o", "-g", "-u", "-k", "-O", "-G", "-N"]);
const BINARY = new Set(["=", "==", "!=", "<", ">", "-eq", "-ne", "-lt", "-gt", "-le", "-ge", "-nt", "-ot", "-ef", "=~"]);

function unaryTest(sh: Shell, op: string, arg: string): boolean {
  if (op === "-z") return arg === "";
  if (op === "-n") return arg !== "";
  if (op === "-v") return sh.getVar(arg) !== undefined;
  if (op === "-t" || op === "-o") return false;
  const st = arg === "" ? undefined : sh.devfs.stat(sh.fs.resolve(sh.cwd, arg, sh.home));
  switch (op) {
    case "-e":
    case "-a":
      return !!st;
    case "-f":
      return st?.type === "file";
    case "-d":
      return st?.type === "dir";
    case "-s":
      return !!st && (st.type === "dir" || (st.content ?? "").length > 0);
    case "-r":
    case "-w":
      return !!st;
    case "-x":
      return !!st && (st.type === "dir" || ((st.mode ?? 0) & 0o111) !== 0);
  }
  return false;
}

function int(prefix: string, s: string): number {
  const t = s.trim();
  if (!/^[-+]?\d+$/.test(t)) throw new TestError(`${prefix}${s}: integer expression expected`);
  return Number(t);
}

function binaryTest(prefix: string, a: string, op: string, b: string): boolean {
  switch (op) {
    case "=":
    case "==":
      return a === b;
    case "!=":
      return a !== b;
    case "<":
      return a < b;
    case ">":
      return a > b;
    case "-eq":
      return int(prefix, a) === int(prefix, b);
    case "-ne":
      return int(prefix, a) !== int(prefix, b);
    case "-lt":
      return int(prefix, a) < int(prefix, b);
    case "-gt":
      return int(prefix, a) > int(prefix, b);
    case "-le":
      return int(prefix, a) <= int(prefix, b);
    case "-ge":
      return int(prefix, a) >= int(prefix, b);
  }
  return false;
}

/** `test ARGS` / `[ ARGS ]` (argv[0] is `test` or `[`). */
export function runTest(sh: Shell, argv: string[], io: IO): number {
  const name = argv[0];
  let args = argv.slice(1);
  if (name === "[") {
    if (args[args.length - 1] !== "]") {
      io.stderr.write("bash: [: missing `]'\n");
      return 2;
    }
    args = args.slice(0, -1);
  }
  const prefix = `bash: ${name}: `;
  let i = 0;
  const peek = () => args[i];
  const or = (): boolean => {
    let v = and();
    while (peek() === "-o") {
      i++;
      v = and() || v;
    }
    return v;
  };
  const and = (): boolean => {
    let v = not();
    while (peek() === "-a") {
      i++;
      v = not() && v;
    }
    return v;
  };
  const not = (): boolean => {
    if (peek() === "!" && i + 1 < args.length) {
      i++;
      return !not();
    }
    return primary();
  };
  const primary = (): boolean => {
    const t = args[i];
    if (t === undefined) throw new TestError(`${prefix}argument expected`);
    if (t === "(" && args.length - i > 2) {
      i++;
      const v = or();
      if (args[i] !== ")") throw new TestError(`${prefix}\`)' expected`);
      i++;
      return v;
    }
    if (i + 2 < args.length + 0 && BINARY.has(args[i + 1]) && args[i + 1] !== "=~") {
      const a = t;
      const op = args[i + 1];
      const b = args[i + 2];
      i += 3;
      return binaryTest(prefix, a, op, b);
    }
    if (UNARY.has(t) && i + 1 < args.length) {
      i += 2;
      return unaryTest(sh, t, args[i - 1]);
    }
    if (t.startsWith("-") && t.length === 2 && i + 1 < args.length && args.length - i === 2) {
      throw new TestError(`${prefix}${t}: unary operator expected`);
    }
    i++;
    return t !== "";
  };
  // POSIX decides by argument count first; only longer expressions use the grammar.
  const byCount = (a: string[]): boolean => {
    switch (a.length) {
      case 0:
        return false;
      case 1:
        return a[0] !== "";
      case 2:
        if (a[0] === "!") return a[1] === "";
        if (UNARY.has(a[0])) return unaryTest(sh, a[0], a[1]);
        throw new TestError(`${prefix}${a[0]}: unary operator expected`);
      case 3:
        if (BINARY.has(a[1]) && a[1] !== "=~") return binaryTest(prefix, a[0], a[1], a[2]);
        if (a[1] === "-a") return a[0] !== "" && a[2] !== "";
        if (a[1] === "-o") return a[0] !== "" || a[2] !== "";
        if (a[0] === "!") return !byCount(a.slice(1));
        if (a[0] === "(" && a[2] === ")") return a[1] !== "";
        throw new TestError(`${prefix}${a[1]}: binary operator expected`);
      case 4:
        if (a[0] === "!") return !byCount(a.slice(1));
        if (a[0] === "(" && a[3] === ")") return byCount(a.slice(1, 3));
    }
    i = 0;
    args = a;
    const v = or();
    if (i < args.length) throw new TestError(`${prefix}too many arguments`);
    return v;
  };
  try {
    return byCount(args) ? 0 : 1;
  } catch (e) {
    if (e instanceof RangeError) e = new TestError(`${prefix}expression too complex`);
    if (e instanceof TestError) {
      io.stderr.write(e.message + "\n");
      return 2;
    }
    throw e;
  }
}

interface Tok {
  word: Word;
  op: string | null;
}

/** `[[ … ]]`: no word splitting or globbing; `==` patterns; `=~` regex (sets nothing). */
export async function evalDoubleBracket(sh: Shell, words: Word[], io: IO): Promise<number> {
  const toks: Tok[] = words.map((w) => {
    const plain = w.parts.length === 1 && w.parts[0].k === "lit" && !w.parts[0].q ? w.parts[0].v : null;
    return { word: w, op: plain };
  });
  let i = 0;
  let depth = 0;
  const str = (t: Tok) => sh.expandSingle(t.word, io);
  const or = async (): Promise<boolean> => {
    let v = await and();
    while (toks[i]?.op === "||") {
      i++;
      const r = await and();
      v = v || r;
    }
    return v;
  };
  const and = async (): Promise<boolean> => {
    let v = await not();
    while (toks[i]?.op === "&&") {
      i++;
      if (!v) {
        await not();
        continue;
      }
      v = await not();
    }
    return v;
  };
  const not = async (): Promise<boolean> => {
    let neg = false;
    while (toks[i]?.op === "!") {
      i++;
      neg = !neg;
    }
    return neg !== (await primary());
  };
  const primary = async (): Promise<boolean> => {
    const t = toks[i];
    if (!t) throw new TestError("bash: syntax error in conditional expression");
    if (t.op === "(") {
      if (++depth > 64) throw new TestError("bash: syntax error in conditional expression: nested too deeply");
      i++;
      const v = await or();
      depth--;
      if (toks[i]?.op !== ")") throw new TestError("bash: syntax error in conditional expression");
      i++;
      return v;
    }
    const next = toks[i + 1];
    if (next?.op && BINARY.has(next.op) && toks[i + 2]) {
      const a = await str(t);
      const op = next.op;
      const rt = toks[i + 2];
      i += 3;
      if (op === "==" || op === "=" || op === "!=") {
        const pat = await sh.expandPattern(rt.word, io);
        const ok = globMatch(pat, a);
        return op === "!=" ? !ok : ok;
      }
      if (op === "=~") {
        const re = await str(rt);
        // JS regexes backtrack exponentially on nested quantifiers (`(a+)+$`); bash's don't.
        // Refuse those on longer subjects rather than freeze the server.
        if (a.length > 24 && /\([^()]*[+*}][^()]*\)[+*{]/.test(re)) throw new TestError("bash: regular expression too complex for this simulation");
        try {
          return new RegExp(re).test(a);
        } catch {
          return false;
        }
      }
      return binaryTest("bash: ", a, op, await str(rt));
    }
    if (t.op && UNARY.has(t.op) && next) {
      i += 2;
      return unaryTest(sh, t.op, await str(next));
    }
    i++;
    return (await str(t)) !== "";
  };
  try {
    if (!toks.length) return 2;
    const v = await or();
    if (i < toks.length) throw new TestError(`bash: syntax error in conditional expression`);
    return v ? 0 : 1;
  } catch (e) {
    if (e instanceof TestError) {
      io.stderr.write(e.message + "\n");
      return e.message.includes("integer") ? 1 : 2;
    }
    throw e;
  }
}
