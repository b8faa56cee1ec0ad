// GNU sed script parser: addresses, commands, s/// and y/// with their error messages.

import { guardRegex, posixToJs, RegexSyntaxError } from "./posix-regex.ts";

export type Addr =
  | { kind: "line"; n: number }
  | { kind: "last" }
  | { kind: "re"; re: RegExp | null }
  | { kind: "step"; first: number; step: number }
  | { kind: "zero" }
  | { kind: "plus"; n: number }
  | { kind: "mult"; n: number };

export type ReplPart = { lit: string } | { grp: number } | { kase: "U" | "L" | "E" | "u" | "l" };

export interface SedCmd {
  a1?: Addr;
  a2?: Addr;
  neg: boolean;
  name: string;
  text?: string; // a/i/c text, label, file name
  end?: number; // index of matching "}" for "{"
  target?: number; // jump target for b/t/T (-1 = end of script)
  code?: number; // q/Q exit code
  re?: RegExp | null; // s
  repl?: ReplPart[];
  global?: boolean;
  nth?: number;
  print?: number;
  wfile?: string;
  ymap?: Map<string, string>;
  // runtime range state
  active?: boolean;
  endLine?: number;
}

export class SedParseError extends Error {
  constructor(message: string, public exit = 1) {
    super(message);
  }
}

interface Chunk {
  text: string;
  label: string; // "-e expression #1" or "file x line"
}

export function parseSed(chunks: string[], extended: boolean): SedCmd[] {
  const cmds: SedCmd[] = [];
  const stack: number[] = [];
  const labels = new Map<string, number>();
  chunks.forEach((text, ci) => {
    const ch: Chunk = { text, label: `-e expression #${ci + 1}` };
    parseChunk(ch, cmds, stack, labels, extended);
  });
  if (stack.length) throw new SedParseError(`sed: -e expression #${chunks.length}, char 0: unmatched \`{'`);
  for (const c of cmds) {
    if (c.name === "b" || c.name === "t" || c.name === "T") {
      if (!c.text) c.target = -1;
      else {
        const t = labels.get(c.text);
        if (t === undefined) throw new SedParseError(`sed: can't find label for jump to \`${c.text}'`, 4);
        c.target = t;
      }
    }
  }
  return cmds;
}

function compile(src: string, extended: boolean, flags: string, err: (m: string) => never): RegExp | null {
  if (src === "") return null;
  try {
    const js = posixToJs(src, extended, flags.includes("i"));
    return guardRegex(new RegExp(js, "g" + flags + (flags.includes("m") ? "" : "s")));
  } catch (e) {
    err(e instanceof RegexSyntaxError ? e.message : "Invalid preceding regular expression");
  }
}

function parseChunk(ch: Chunk, cmds: SedCmd[], stack: number[], labels: Map<string, number>, extended: boolean): void {
  const s = ch.text;
  let i = 0;
  const fail = (msg: string, pos = i): never => {
    throw new SedParseError(`sed: ${ch.label}, char ${pos}: ${msg}`);
  };
  const ws = () => {
    while (i < s.length && (s[i] === " " || s[i] === "\t")) i++;
  };
  const num = (): number => {
    let t = "";
    while (i < s.length && s[i] >= "0" && s[i] <= "9") t += s[i++];
    return Number(t);
  };
  /** Read up to an unescaped delimiter; keeps escapes except "\delim" (and "\n" newline in regex mode stays "\n"). */
  const delimited = (delim: string, isRegex: boolean, onEof: () => never): string => {
    let out = "";
    for (;;) {
      if (i >= s.length) onEof();
      const c = s[i];
      if (c === "\\") {
        const d = s[i + 1];
        if (d === undefined) {
          i++;
          onEof();
        }
        if (d === delim) out += isRegex && "$*.[]^|?+(){}".includes(d) ? "\\" + d : d;
        else if (d === "\n") out += isRegex ? "\\n" : "\n";
        else out += "\\" + d;
        i += 2;
        continue;
      }
      if (c === delim) {
        i++;
        return out;
      }
      if (c === "\n" && isRegex) onEof();
      out += c;
      i++;
    }
  };
  const regexAddr = (delim: string): Addr => {
    const src = delimited(delim, true, () => fail("unterminated address regex", s.length));
    let flags = "";
    while (s[i] === "I" || s[i] === "M") flags += s[i++] === "I" ? "i" : "m";
    return { kind: "re", re: compile(src, extended, flags, (m) => fail(m)) };
  };
  const address = (second: boolean): Addr | undefined => {
    const c = s[i];
    if (c >= "0" && c <= "9") {
      const n = num();
      if (s[i] === "~" && !second) {
        i++;
        const step = num();
        return { kind: "step", first: n, step };
      }
      if (n === 0 && !second) return { kind: "zero" };
      return { kind: "line", n };
    }
    if (c === "$") {
      i++;
      return { kind: "last" };
    }
    if (c === "/") {
      i++;
      return regexAddr("/");
    }
    if (c === "\\") {
      const d = s[i + 1];
      i += 2;
      return regexAddr(d);
    }
    if (second && (c === "+" || c === "~")) {
      i++;
      if (!(s[i] >= "0" && s[i] <= "9")) fail("expected newer version of sed", i);
      const n = num();
      return c === "+" ? { kind: "plus", n } : { kind: "mult", n };
    }
    return undefined;
  };
  const endCmd = () => {
    ws();
    if (i >= s.length || s[i] === ";" || s[i] === "\n" || s[i] === "}" || s[i] === "#") return;
    i++;
    fail("extra characters after command");
  };
  const toEol = (stopAtSemi: boolean): string => {
    let t = "";
    while (i < s.length && s[i] !== "\n" && !(stopAtSemi && s[i] === ";")) t += s[i++];
    return t;
  };
  while (i < s.length) {
    while (i < s.length && /[\s;]/.test(s[i])) i++;
    if (i >= s.length) break;
    if (s[i] === "#") {
      toEol(false);
      continue;
    }
    const cmd: SedCmd = { neg: false, name: "" };
    cmd.a1 = address(false);
    if (cmd.a1) {
      ws();
      if (s[i] === ",") {
        i++;
        ws();
        cmd.a2 = address(true);
        if (!cmd.a2) {
          i++;
          fail("unexpected `,'");
        }
      }
    }
    if (cmd.a1?.kind === "zero" && !(cmd.a2 && cmd.a2.kind === "re")) fail("invalid usage of line address 0");
    ws();
    while (s[i] === "!") {
      cmd.neg = true;
      i++;
      ws();
    }
    if (i >= s.length) fail("missing command", s.length);
    const c = s[i++];
    cmd.name = c;
    const noAddr = () => {
      if (cmd.a1) fail(`: doesn't want any addresses`);
    };
    switch (c) {
      case "{":
        stack.push(cmds.length);
        cmds.push(cmd);
        continue;
      case "}": {
        if (cmd.a1 || cmd.neg) fail("} doesn't want any addresses");
        const open = stack.pop();
        if (open === undefined) fail("unexpected `}'");
        cmds[open!].end = cmds.length;
        cmds.push(cmd);
        endCmd();
        continue;
      }
      case "=": case "d": case "D": case "g": case "G": case "h": case "H": case "n": case "N":
      case "p": case "P": case "x": case "z": case "F":
        cmds.push(cmd);
        endCmd();
        continue;
      case "l": case "L": case "q": case "Q": {
        ws();
        if (s[i] >= "0" && s[i] <= "9") cmd.code = num();
        cmds.push(cmd);
        endCmd();
        continue;
      }
      case ":": {
        if (cmd.a1) fail(": doesn't want any addresses");
        ws();
        const label = toEol(true).trim();
        if (!label) fail("\":\" lacks a label");
        labels.set(label, cmds.length);
        continue;
      }
      case "b": case "t": case "T": {
        ws();
        cmd.text = toEol(true).trim();
        cmds.push(cmd);
        continue;
      }
      case "a": case "i": case "c": {
        ws();
        let text = "";
        if (s[i] === "\\") {
          i++;
          if (s[i] === "\n") i++;
        } else if (i >= s.length || s[i] === "\n") fail("expected \\ after `a', `c' or `i'");
        // read text, handling backslash escapes and continuation lines
        while (i < s.length) {
          const d = s[i];
          if (d === "\\") {
            if (i + 1 < s.length) text += s[i + 1];
            i += 2;
            continue;
          }
          if (d === "\n") {
            i++;
            break;
          }
          text += d;
          i++;
        }
        cmd.text = text;
        cmds.push(cmd);
        continue;
      }
      case "r": case "R": case "w": case "W": {
        ws();
        cmd.text = toEol(false);
        if (!cmd.text) fail(`missing filename in r/R/w/W commands`);
        cmds.push(cmd);
        continue;
      }
      case "s": {
        const delim = s[i++];
        if (delim === undefined || delim === "\n" || delim === "\\") fail("unterminated `s' command", s.length);
        const unterminated = () => fail("unterminated `s' command", s.length);
        const pat = delimited(delim, true, unterminated);
        const rep = delimited(delim, false, unterminated);
        let flags = "";
        cmd.nth = 1;
        let nthSet = false;
        for (;;) {
          const f = s[i];
          if (f === undefined || f === ";" || f === "\n" || f === "}" || f === "#") break;
          if (f === " " || f === "\t") {
            ws();
            continue;
          }
          i++;
          if (f === "g") cmd.global = true;
          else if (f === "p") cmd.print = (cmd.print ?? 0) + 1;
          else if (f === "i" || f === "I") flags += "i";
          else if (f === "m" || f === "M") flags += "m";
          else if (f === "e") {
            /* unsupported: ignore */
          } else if (f >= "0" && f <= "9") {
            if (nthSet) fail("multiple number options to `s' command");
            i--;
            cmd.nth = num();
            nthSet = true;
            if (cmd.nth === 0) fail("number option to `s' command may not be zero");
          } else if (f === "w") {
            ws();
            cmd.wfile = toEol(false);
            break;
          } else fail("unknown option to `s'");
        }
        cmd.re = compile(pat, extended, flags, (m) => fail(m));
        cmd.repl = parseRepl(rep);
        cmds.push(cmd);
        continue;
      }
      case "y": {
        const delim = s[i++];
        const unterminated = () => fail("unterminated `y' command", s.length);
        const unesc = (t: string) => [...t.replace(/\\(.)/gs, (_, x) => (x === "n" ? "\n" : x === "\\" ? "\\" : "\\" + x))];
        const a = unesc(delimited(delim, false, unterminated));
        const b = unesc(delimited(delim, false, unterminated));
        if (a.length !== b.length) fail("strings for `y' command are different lengths");
        cmd.ymap = new Map(a.map((x, k) => [x, b[k]]));
        cmds.push(cmd);
        endCmd();
        continue;
      }
      default:
        fail(`unknown command: \`${c}'`);
    }
  }
}

function parseRepl(r: string): ReplPart[] {
  const out: ReplPart[] = [];
  let lit = "";
  const flush = () => {
    if (lit) out.push({ lit });
    lit = "";
  };
  for (let i = 0; i < r.length; i++) {
    const c = r[i];
    if (c === "&") {
      flush();
      out.push({ grp: 0 });
    } else if (c === "\\" && i + 1 < r.length) {
      const d = r[++i];
      if (d >= "0" && d <= "9") {
        flush();
        out.push({ grp: Number(d) });
      } else if ("ULEul".includes(d)) {
        flush();
        out.push({ kase: d as "U" });
      } else if (d === "n") lit += "\n";
      else if (d === "t") lit += "\t";
      else if (d === "r") lit += "\r";
      else lit += d;
    } else lit += c;
  }
  flush();
  return out;
}
