// sed: GNU sed 4.9 stream editor (script parsing in sed-parse.ts).

import type { CommandContext } from "../../types.ts";
import { chargeRegex } from "./posix-regex.ts";
import { parseSed, SedParseError } from "./sed-parse.ts";
import type { Addr, ReplPart, SedCmd } from "./sed-parse.ts";
import { SED_USAGE } from "./sed-usage.ts";
import { readInput, writeFileAt } from "./util.ts";

const MAX_STEPS = 2_000_000;

interface Line {
  text: string;
  nl: boolean;
}

function sedUsage(ctx: CommandContext, msg: string): number {
  ctx.stderr.write(`sed: ${msg}\n` + SED_USAGE);
  return 1;
}

export function sed(ctx: CommandContext): number {
  const argv = ctx.argv.slice(1);
  const chunks: string[] = [];
  const files: string[] = [];
  let quiet = false, extended = false, separate = false, inPlace: string | undefined;
  const longs: Record<string, string> = {
    quiet: "n", silent: "n", expression: "e", file: "f", "in-place": "i", "regexp-extended": "E", separate: "s",
    posix: "", debug: "", sandbox: "", unbuffered: "u", "null-data": "z", "line-length": "l", "follow-symlinks": "",
  };
  for (let k = 0; k < argv.length; k++) {
    const a = argv[k];
    if (a === "--") {
      files.push(...argv.slice(k + 1));
      break;
    }
    if (a.startsWith("--")) {
      const eq = a.indexOf("=");
      const name = eq >= 0 ? a.slice(2, eq) : a.slice(2);
      const full = Object.keys(longs).filter((x) => x.startsWith(name));
      const key = longs[name] !== undefined ? name : full.length === 1 ? full[0] : undefined;
      if (key === undefined) return sedUsage(ctx, `unrecognized option '${a}'`);
      const o = longs[key];
      const val = eq >= 0 ? a.slice(eq + 1) : undefined;
      if (o === "n") quiet = true;
      else if (o === "E") extended = true;
      else if (o === "s") separate = true;
      else if (o === "i") inPlace = val ?? "";
      else if (o === "e" || o === "f" || o === "l") {
        const v = val ?? argv[++k];
        if (v === undefined) return sedUsage(ctx, `option '--${key}' requires an argument`);
        if (o === "e") chunks.push(v);
        else if (o === "f") {
          const r = readInput(ctx, v);
          if (!r.ok) {
            ctx.stderr.write(`sed: couldn't open file ${v}: ${r.err.message}\n`);
            return 1;
          }
          chunks.push(r.text.replace(/\n$/, ""));
        }
      }
      continue;
    }
    if (a.startsWith("-") && a.length > 1) {
      for (let j = 1; j < a.length; j++) {
        const c = a[j];
        if (c === "n") quiet = true;
        else if (c === "E" || c === "r") extended = true;
        else if (c === "s") separate = true;
        else if (c === "u" || c === "z") {
          /* accepted */
        } else if (c === "i") {
          inPlace = a.slice(j + 1);
          break;
        } else if (c === "e" || c === "f" || c === "l") {
          const v = j + 1 < a.length ? a.slice(j + 1) : argv[++k];
          if (v === undefined) return sedUsage(ctx, `option requires an argument -- '${c}'`);
          if (c === "e") chunks.push(v);
          else if (c === "f") {
            const r = readInput(ctx, v);
            if (!r.ok) {
              ctx.stderr.write(`sed: couldn't open file ${v}: ${r.err.message}\n`);
              return 1;
            }
            chunks.push(r.text.replace(/\n$/, ""));
          }
          break;
        } else return sedUsage(ctx, `invalid option -- '${c}'`);
      }
      continue;
    }
    files.push(a);
  }
  if (chunks.length === 0) {
    if (files.length === 0) {
      ctx.stderr.write(SED_USAGE);
      return 1;
    }
    chunks.push(files.shift()!);
  }
  for (let k = 0; k + 1 < chunks.length; k++) {
    const m = /\\+$/.exec(chunks[k]);
    if (m && m[0].length % 2 === 1) {
      chunks.splice(k, 2, chunks[k] + "\n" + chunks[k + 1]);
      k--;
    }
  }
  let cmds: SedCmd[];
  try {
    cmds = parseSed(chunks, extended);
  } catch (e) {
    if (e instanceof SedParseError) {
      ctx.stderr.write(e.message + "\n");
      return e.exit;
    }
    throw e;
  }
  if (inPlace !== undefined && files.length === 0) {
    ctx.stderr.write("sed: no input files\n");
    return 1;
  }
  const inputs = files.length ? files : ["-"];
  const rt = new SedRuntime(ctx, cmds, quiet);
  let rc = 0;
  const readAll = (names: string[]): Line[] => {
    const lines: Line[] = [];
    for (const f of names) {
      const r = readInput(ctx, f);
      if (!r.ok) {
        if (r.err.message === "Is a directory") {
          ctx.stderr.write(inPlace !== undefined ? `sed: couldn't edit ${f}: not a regular file\n` : `sed: read error on ${f}: Is a directory\n`);
          rc = inPlace !== undefined ? 4 : 4;
        } else {
          ctx.stderr.write(`sed: can't read ${f}: ${r.err.message}\n`);
          rc = 2;
        }
        continue;
      }
      if (r.text === "") continue;
      const parts = r.text.split("\n");
      const last = parts.pop()!;
      for (const p of parts) lines.push({ text: p, nl: true });
      if (last !== "") lines.push({ text: last, nl: false });
    }
    return lines;
  };
  try {
    if (inPlace !== undefined || separate) {
      for (const f of inputs) {
        const lines = readAll([f]);
        if (inPlace !== undefined && !ctx.fs.exists(ctx.fs.resolve(ctx.cwd, f, ctx.env.HOME))) continue;
        rt.out = "";
        rt.pendingNl = false;
        rt.resetRanges();
        rt.run(lines);
        if (inPlace !== undefined) {
          if (inPlace) writeFileAt(ctx, f + inPlace, readInput(ctx, f).ok ? (readInput(ctx, f) as { text: string }).text : "");
          writeFileAt(ctx, f, rt.out);
        } else ctx.stdout.write(rt.out);
        if (rt.quit !== undefined) break;
      }
    } else {
      rt.run(readAll(inputs));
      ctx.stdout.write(rt.out);
    }
  } catch (e) {
    if (e instanceof SedParseError) {
      ctx.stdout.write(rt.out);
      ctx.stderr.write(e.message + "\n");
      return e.exit;
    }
    throw e;
  }
  for (const [f, content] of rt.wfiles) {
    try {
      if (f === "/dev/stdout") ctx.stdout.write(content);
      else if (f === "/dev/stderr") ctx.stderr.write(content);
      else writeFileAt(ctx, f, content);
    } catch (e) {
      ctx.stderr.write(`sed: couldn't open file ${f}: ${(e as Error).message}\n`);
      return 4;
    }
  }
  return rt.quit ?? rc;
}

class SedRuntime {
  out = "";
  pendingNl = false;
  hold = "";
  quit: number | undefined;
  lastRe: RegExp | null = null;
  steps = 0;
  wfiles = new Map<string, string>();
  constructor(private ctx: CommandContext, private cmds: SedCmd[], private quiet: boolean) {
    for (const c of cmds) if (c.wfile || c.name === "w") this.wfiles.set(c.wfile ?? c.text!, "");
    this.resetRanges();
  }

  resetRanges(): void {
    for (const c of this.cmds) {
      c.active = c.a1?.kind === "zero";
      c.endLine = undefined;
    }
  }

  private emit(s: string, nl: boolean): void {
    if (this.pendingNl) this.out += "\n";
    this.out += s + (nl ? "\n" : "");
    this.pendingNl = !nl;
  }

  private re(r: RegExp | null): RegExp {
    if (r) {
      this.lastRe = r;
      return r;
    }
    if (!this.lastRe) throw new SedParseError("sed: no previous regular expression");
    return this.lastRe;
  }

  private test(a: Addr, ps: string, lineNo: number, isLast: boolean): boolean {
    switch (a.kind) {
      case "line":
        return lineNo === a.n;
      case "last":
        return isLast;
      case "re": {
        const r = this.re(a.re);
        r.lastIndex = 0;
        chargeRegex(this.ctx.host.charge, r, ps);
        return r.test(ps);
      }
      case "step":
        return a.step <= 0 ? lineNo === a.first : lineNo >= a.first && (lineNo - a.first) % a.step === 0;
      default:
        return false;
    }
  }

  private matches(c: SedCmd, ps: string, lineNo: number, isLast: boolean): boolean {
    let m: boolean;
    if (!c.a1) m = true;
    else if (!c.a2) m = this.test(c.a1, ps, lineNo, isLast);
    else if (c.active) {
      m = true;
      const a2 = c.a2;
      if (a2.kind === "line") {
        if (lineNo >= a2.n) c.active = false;
        if (lineNo > a2.n) m = c.a1.kind === "zero";
      } else if (a2.kind === "plus") {
        if (lineNo >= c.endLine!) c.active = false;
      } else if (a2.kind === "mult") {
        if (a2.n <= 0 || lineNo % a2.n === 0) c.active = false;
      } else if (this.test(a2, ps, lineNo, isLast)) c.active = false;
    } else if (this.test(c.a1, ps, lineNo, isLast)) {
      m = true;
      const a2 = c.a2;
      if (a2.kind === "line") c.active = a2.n > lineNo;
      else if (a2.kind === "plus") {
        c.endLine = lineNo + a2.n;
        c.active = a2.n > 0;
      } else if (a2.kind === "mult") c.active = a2.n > 0 && lineNo % a2.n !== 0;
      else if (a2.kind === "last") c.active = !isLast;
      else c.active = true;
    } else m = false;
    return c.neg ? !m : m;
  }

  run(lines: Line[]): void {
    let idx = 0;
    let lineNo = 0;
    let ps = "";
    let curNl = true;
    let restart = false;
    const cmds = this.cmds;
    while (this.quit === undefined) {
      if (!restart) {
        if (idx >= lines.length) return;
        ps = lines[idx].text;
        curNl = lines[idx].nl;
        idx++;
        lineNo++;
        this.ctx.host.charge?.(1);
      }
      restart = false;
      let tflag = false;
      const append: string[] = [];
      let autoprint = !this.quiet;
      let pc = 0;
      let endAfter = false;
      cycle: while (pc < cmds.length) {
        if (++this.steps > MAX_STEPS) throw new SedParseError("sed: script exceeded the step limit", 4);
        if ((this.steps & 1023) === 0) this.ctx.host.charge?.(1);
        const c = cmds[pc];
        const isLast = idx >= lines.length;
        if (c.name === "}") {
          pc++;
          continue;
        }
        if (!this.matches(c, ps, lineNo, isLast)) {
          pc = c.name === "{" ? c.end! + 1 : pc + 1;
          continue;
        }
        pc++;
        switch (c.name) {
          case "{":
            break;
          case "=":
            this.emit(String(lineNo), true);
            break;
          case "a":
            append.push(c.text! + "\n");
            break;
          case "i":
            this.emit(c.text!, true);
            break;
          case "c":
            if (!c.a2 || !c.active || c.neg) this.emit(c.text!, true);
            autoprint = false;
            break cycle;
          case "d":
            autoprint = false;
            break cycle;
          case "D": {
            const k = ps.indexOf("\n");
            autoprint = false;
            if (k >= 0) {
              ps = ps.slice(k + 1);
              restart = true;
            }
            break cycle;
          }
          case "g":
            ps = this.hold;
            break;
          case "G":
            ps += "\n" + this.hold;
            break;
          case "h":
            this.hold = ps;
            break;
          case "H":
            this.hold += "\n" + ps;
            break;
          case "x":
            [ps, this.hold] = [this.hold, ps];
            break;
          case "z":
            ps = "";
            break;
          case "l":
            this.emit(escapeL(ps, c.code ?? 70), true);
            break;
          case "n":
            if (idx >= lines.length) {
              endAfter = true;
              break cycle;
            }
            if (!this.quiet) this.emit(ps, curNl);
            this.flushAppend(append);
            ps = lines[idx].text;
            curNl = lines[idx].nl;
            idx++;
            lineNo++;
            break;
          case "N":
            if (idx >= lines.length) {
              endAfter = true;
              break cycle;
            }
            this.flushAppend(append);
            ps += "\n" + lines[idx].text;
            curNl = lines[idx].nl;
            idx++;
            lineNo++;
            break;
          case "p":
            this.emit(ps, curNl);
            break;
          case "P": {
            const k = ps.indexOf("\n");
            this.emit(k >= 0 ? ps.slice(0, k) : ps, k >= 0 ? true : curNl);
            break;
          }
          case "q":
            this.quit = c.code ?? 0;
            break cycle;
          case "Q":
            this.quit = c.code ?? 0;
            return;
          case "s": {
            const r = this.subst(c, ps);
            if (r !== undefined) {
              ps = r;
              tflag = true;
              for (let k = 0; k < (c.print ?? 0); k++) this.emit(ps, curNl);
              if (c.wfile) this.wfiles.set(c.wfile, this.wfiles.get(c.wfile)! + ps + "\n");
            }
            break;
          }
          case "y":
            ps = [...ps].map((ch) => c.ymap!.get(ch) ?? ch).join("");
            break;
          case "b":
            if (c.target! < 0) break cycle;
            pc = c.target!;
            break;
          case "t":
            if (tflag) {
              tflag = false;
              if (c.target! < 0) break cycle;
              pc = c.target!;
            }
            break;
          case "T":
            if (!tflag) {
              if (c.target! < 0) break cycle;
              pc = c.target!;
            } else tflag = false;
            break;
          case "r": {
            const r = readInput(this.ctx, c.text!);
            if (r.ok && r.text) append.push(r.text.endsWith("\n") ? r.text : r.text + "\n");
            break;
          }
          case "w":
            this.wfiles.set(c.text!, this.wfiles.get(c.text!)! + ps + "\n");
            break;
          case "F":
            this.emit("-", true);
            break;
        }
      }
      if (autoprint) this.emit(ps, curNl);
      this.flushAppend(append);
      if (endAfter) return;
    }
  }

  private flushAppend(append: string[]): void {
    for (const a of append) {
      if (this.pendingNl) this.out += "\n";
      this.pendingNl = false;
      this.out += a;
    }
    append.length = 0;
  }

  private subst(c: SedCmd, ps: string): string | undefined {
    const re = this.re(c.re!);
    re.lastIndex = 0;
    let out = "";
    let last = 0;
    let count = 0;
    let done = false;
    let prevEnd = -1;
    let m: RegExpExecArray | null;
    let replaced = false;
    chargeRegex(this.ctx.host.charge, re, ps);
    while (!done && (m = re.exec(ps))) {
      if (++this.steps > MAX_STEPS) throw new SedParseError("sed: script exceeded the step limit", 4);
      const start = m.index;
      const end = start + m[0].length;
      if (m[0] === "" && start === prevEnd) {
        re.lastIndex = start + 1;
        if (start >= ps.length) break;
        continue;
      }
      count++;
      if (count >= c.nth! && (c.global || count === c.nth)) {
        out += ps.slice(last, start) + applyRepl(c.repl!, m);
        last = end;
        replaced = true;
        if (!c.global) done = true;
      }
      prevEnd = end;
      if (m[0] === "") re.lastIndex = start + 1;
      if (start >= ps.length) break;
    }
    if (!replaced) return undefined;
    return out + ps.slice(last);
  }
}

function applyRepl(parts: ReplPart[], m: RegExpExecArray): string {
  let out = "";
  let mode: "U" | "L" | "" = "";
  let once: "u" | "l" | "" = "";
  const add = (s: string) => {
    if (!s) return;
    if (mode === "U") s = s.toUpperCase();
    else if (mode === "L") s = s.toLowerCase();
    if (once) {
      s = (once === "u" ? s[0].toUpperCase() : s[0].toLowerCase()) + s.slice(1);
      once = "";
    }
    out += s;
  };
  for (const p of parts) {
    if ("lit" in p) add(p.lit);
    else if ("grp" in p) add(m[p.grp] ?? "");
    else if (p.kase === "E") mode = "";
    else if (p.kase === "U" || p.kase === "L") mode = p.kase;
    else once = p.kase;
  }
  return out;
}

function escapeL(s: string, width: number): string {
  let o = "";
  for (const ch of s) {
    const c = ch.charCodeAt(0);
    if (ch === "\\") o += "\\\\";
    else if (ch === "\n") o += "\\n";
    else if (ch === "\t") o += "\\t";
    else if (ch === "\r") o += "\\r";
    else if (ch === "\f") o += "\\f";
    else if (ch === "\v") o += "\\v";
    else if (ch === "\b") o += "\\b";
    else if (ch === "\x07") o += "\\a";
    else if (c < 32 || c === 127) o += "\\" + c.toString(8).padStart(3, "0");
    else o += ch;
  }
  if (width > 1) {
    let r = "";
    while (o.length > width - 1) {
      r += o.slice(0, width - 1) + "\\\n";
      o = o.slice(width - 1);
    }
    o = r + o;
  }
  return o + "$";
}
