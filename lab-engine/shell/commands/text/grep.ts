// grep / egrep / fgrep: GNU grep 3.8 behaviour for the options learners use.

import type { CommandContext, CommandImpl } from "../../types.ts";
import { chargeRegex, escapeRegExp, guardRegex, posixToJs, RegexSyntaxError } from "./posix-regex.ts";
import { charge, parseOpts, readInput, splitLines } from "./util.ts";

const USAGE = "Usage: grep [OPTION]... PATTERNS [FILE]...";

const LONG: Record<string, [string, boolean | "optional"]> = {
  "ignore-case": ["i", false],
  "no-ignore-case": ["no-i", false],
  "invert-match": ["v", false],
  "extended-regexp": ["E", false],
  "fixed-strings": ["F", false],
  "basic-regexp": ["G", false],
  "perl-regexp": ["P", false],
  count: ["c", false],
  quiet: ["q", false],
  silent: ["q", false],
  "no-messages": ["s", false],
  "word-regexp": ["w", false],
  "line-regexp": ["x", false],
  "only-matching": ["o", false],
  "line-number": ["n", false],
  "files-with-matches": ["l", false],
  "files-without-match": ["L", false],
  "no-filename": ["h", false],
  "with-filename": ["H", false],
  recursive: ["r", false],
  "dereference-recursive": ["R", false],
  "after-context": ["A", true],
  "before-context": ["B", true],
  context: ["C", true],
  regexp: ["e", true],
  file: ["f", true],
  "max-count": ["m", true],
  color: ["color", "optional"],
  colour: ["color", "optional"],
  include: ["include", true],
  exclude: ["exclude", true],
  "exclude-dir": ["exclude-dir", true],
  label: ["label", true],
  "null-data": ["z", false],
  null: ["Z", false],
  text: ["a", false],
  "byte-offset": ["b", false],
  "initial-tab": ["T", false],
  "line-buffered": ["line-buffered", false],
  "no-ignore": ["no-i", false],
};

function globToRe(g: string): RegExp {
  let s = "";
  for (const c of g) s += c === "*" ? ".*" : c === "?" ? "." : escapeRegExp(c);
  return new RegExp("^" + s + "$");
}

export function makeGrep(mode: "G" | "E" | "F", name: string): CommandImpl {
  return (ctx: CommandContext) => {
    const p = parseOpts(ctx, name, ctx.argv.slice(1), {
      short: "ivEFGPcqswxonlLhHrRA:B:C:e:f:m:zZabTUVy0123456789",
      long: LONG,
      usage: USAGE,
      usageExit: 2,
    });
    if (typeof p === "number") return p;
    let syntax: "G" | "E" | "F" | "P" = mode;
    let icase = false, invert = false, count = false, quiet = false, silent = false, word = false, line = false;
    let only = false, lnum = false, listMatch = false, listNon = false, recursive = false;
    let withName: boolean | undefined;
    let after = 0, before = 0, maxCount = Infinity;
    const patterns: string[] = [];
    let havePatternOpt = false;
    const includes: RegExp[] = [], excludes: RegExp[] = [];
    let ctxDigits = "";
    let color = false;
    for (const [k, v] of p.opts) {
      if (/^\d$/.test(k)) {
        ctxDigits += k;
        after = before = Number(ctxDigits);
        continue;
      }
      ctxDigits = "";
      switch (k) {
        case "i": case "y": icase = true; break;
        case "no-i": icase = false; break;
        case "v": invert = true; break;
        case "E": syntax = "E"; break;
        case "F": syntax = "F"; break;
        case "G": syntax = "G"; break;
        case "P": syntax = "P"; break;
        case "c": count = true; break;
        case "q": quiet = true; break;
        case "s": silent = true; break;
        case "w": word = true; break;
        case "x": line = true; break;
        case "o": only = true; break;
        case "n": lnum = true; break;
        case "l": listMatch = true; break;
        case "L": listNon = true; break;
        case "h": withName = false; break;
        case "H": withName = true; break;
        case "r": case "R": recursive = true; break;
        case "A": case "B": case "C": case "m": {
          if (!/^\d+$/.test(v)) {
            ctx.stderr.write(k === "m" ? `grep: invalid max count\n` : `grep: ${v}: invalid context length argument\n`);
            return 2;
          }
          const nv = Number(v);
          if (k === "A") after = nv;
          else if (k === "B") before = nv;
          else if (k === "C") after = before = nv;
          else maxCount = nv;
          break;
        }
        case "e": patterns.push(...v.split("\n")); havePatternOpt = true; break;
        case "f": {
          const r = readInput(ctx, v);
          if (!r.ok) {
            ctx.stderr.write(`grep: ${v}: ${r.err.message}\n`);
            return 2;
          }
          patterns.push(...splitLines(r.text));
          havePatternOpt = true;
          break;
        }
        case "include": includes.push(globToRe(v)); break;
        case "exclude": excludes.push(globToRe(v)); break;
        case "V":
          ctx.stdout.write("grep (GNU grep) 3.8\n");
          return 0;
        case "color":
          color = v === "" || v === "always" || v === "yes" || v === "force" || ((v === "auto" || v === "tty" || v === "if-tty") && ctx.stdoutIsTTY);
          break;
        default: break; // Z, a, b, T, U, z, label... accepted
      }
    }
    const args = p.args.slice();
    if (!havePatternOpt) {
      if (args.length === 0) {
        ctx.stderr.write(USAGE + "\nTry 'grep --help' for more information.\n");
        return 2;
      }
      patterns.push(...args.shift()!.split("\n"));
    }
    // Build one JS regex.
    let re: RegExp;
    const warnings: string[] = [];
    try {
      const parts = patterns.map((pt) => {
        if (syntax === "F") return escapeRegExp(pt);
        if (syntax === "P") return pt;
        return posixToJs(pt, syntax === "E", icase, warnings);
      });
      for (const w of warnings) ctx.stderr.write(`grep: warning: ${w}\n`);
      let src = parts.length === 1 ? parts[0] : parts.map((s) => "(?:" + s + ")").join("|");
      if (line) src = "^(?:" + src + ")$";
      else if (word) src = "(?<![A-Za-z0-9_])(?:" + src + ")(?![A-Za-z0-9_])";
      re = guardRegex(new RegExp(src, "g" + (icase ? "i" : "")));
    } catch (e) {
      const msg = e instanceof RegexSyntaxError ? e.message : "Invalid regular expression";
      ctx.stderr.write(`grep: ${msg}\n`);
      return 2;
    }
    const emptyPattern = patterns.length > 0 && patterns.every((s) => s === "") && !line && !word;

    // Collect inputs.
    type Src = { label: string; text: string };
    const inputs: Array<Src | { label: string; error: string }> = [];
    let files = args;
    let implicitDot = false;
    if (files.length === 0) {
      if (recursive) {
        files = ["."];
        implicitDot = true;
      } else files = ["-"];
    }
    const walk = (disp: string, abs: string, top: boolean) => {
      const st = ctx.fs.stat(abs);
      if (!st) {
        inputs.push({ label: disp, error: `grep: ${disp}: No such file or directory\n` });
        return;
      }
      if (st.type === "dir") {
        if (!recursive) {
          inputs.push({ label: disp, error: `grep: ${disp}: Is a directory\n` });
          return;
        }
        for (const n of ctx.fs.readdir(abs)) {
          charge(ctx);
          const childDisp = implicitDot && top && disp === "." ? n : disp.endsWith("/") ? disp + n : disp + "/" + n;
          walk(childDisp, abs === "/" ? "/" + n : abs + "/" + n, false);
        }
        return;
      }
      if (!top) {
        const base = disp.slice(disp.lastIndexOf("/") + 1);
        if (includes.length && !includes.some((r) => r.test(base))) return;
        if (excludes.some((r) => r.test(base))) return;
      }
      try {
        inputs.push({ label: disp, text: ctx.fs.readFile(abs) });
      } catch (e) {
        inputs.push({ label: disp, error: `grep: ${disp}: ${(e as Error).message}\n` });
      }
    };
    for (const f of files) {
      if (f === "-") inputs.push({ label: "(standard input)", text: ctx.stdin });
      else if (f === "/dev/stdin") inputs.push({ label: f, text: ctx.stdin });
      else walk(f, ctx.fs.resolve(ctx.cwd, f, ctx.env.HOME), true);
    }
    const showName = withName ?? (files.length > 1 || recursive);
    let anySelected = false;
    let hadError = false;
    const out: string[] = [];
    const flush = () => {
      if (out.length) {
        ctx.stdout.write(out.join(""));
        out.length = 0;
      }
    };
    for (const inp of inputs) {
      if ("error" in inp) {
        hadError = true;
        if (!silent) {
          flush();
          ctx.stderr.write(inp.error);
        }
        continue;
      }
      const lines = splitLines(inp.text);
      let matches = 0;
      let lastPrinted = -1;
      let pendingAfter = 0;
      let printedAny = false;
      const C = (code: string, s: string) => (color ? `\x1b[${code}m\x1b[K${s}\x1b[m\x1b[K` : s);
      const GROUP_SEP = C("36", "--") + "\n";
      const prefix = (idx: number, sep: string) =>
        (showName ? C("35", inp.label) + C("36", sep) : "") + (lnum ? C("32", String(idx + 1)) + C("36", sep) : "");
      const highlight = (text: string) => {
        if (!color || invert || emptyPattern) return text;
        re.lastIndex = 0;
        let o = "";
        let last = 0;
        let m: RegExpExecArray | null;
        while ((m = re.exec(text))) {
          if (m[0] === "") {
            re.lastIndex++;
            continue;
          }
          o += text.slice(last, m.index) + C("01;31", m[0]);
          last = m.index + m[0].length;
        }
        return o + text.slice(last);
      };
      const emit = (idx: number, sep: string, text: string) => {
        if (printedAny && (before > 0 || after > 0) && lastPrinted >= 0 && idx > lastPrinted + 1) out.push(GROUP_SEP);
        out.push(prefix(idx, sep) + (sep === ":" ? highlight(text) : text) + "\n");
        lastPrinted = idx;
        printedAny = true;
      };
      for (let i = 0; i < lines.length; i++) {
        charge(ctx);
        if (matches >= maxCount) {
          // print trailing context only
          if (pendingAfter > 0 && !count && !listMatch && !listNon && !quiet) {
            emit(i, "-", lines[i]);
            pendingAfter--;
            continue;
          }
          break;
        }
        const l = lines[i];
        re.lastIndex = 0;
        if (!emptyPattern) chargeRegex(ctx.host.charge, re, l);
        const hit = emptyPattern || re.test(l);
        const selected = hit !== invert;
        if (!selected) {
          if (pendingAfter > 0 && !count && !listMatch && !listNon && !quiet && !only) {
            emit(i, "-", l);
            pendingAfter--;
          }
          continue;
        }
        matches++;
        anySelected = true;
        if (quiet) {
          flush();
          return 0;
        }
        if (count || listMatch || listNon) {
          if (listMatch) break;
          continue;
        }
        if (!only) {
          for (let b = Math.max(lastPrinted + 1, i - before); b < i; b++) emit(b, "-", lines[b]);
        }
        if (only) {
          if (!invert) {
            re.lastIndex = 0;
            let m: RegExpExecArray | null;
            let guard = 0;
            while ((m = re.exec(l)) && guard++ < 100000) {
              if (m[0] === "") {
                re.lastIndex++;
                continue;
              }
              if (printedAny && (before > 0 || after > 0) && lastPrinted >= 0 && i > lastPrinted + 1) out.push(GROUP_SEP);
              out.push(prefix(i, ":") + C("01;31", m[0]) + "\n");
              lastPrinted = i;
              printedAny = true;
            }
          }
        } else emit(i, ":", l);
        pendingAfter = after;
      }
      if (count) out.push((showName ? C("35", inp.label) + C("36", ":") : "") + matches + "\n");
      if (listMatch && matches > 0) out.push(C("35", inp.label) + "\n");
      if (listNon && matches === 0) out.push(C("35", inp.label) + "\n");
      if (out.length > 256) flush();
    }
    flush();
    if (hadError && !(quiet && anySelected)) return 2;
    if (listNon) return anySelected ? 0 : 1; // grep 3.8: -L status follows selected lines
    return anySelected ? 0 : 1;
  };
}

export const grep = makeGrep("G", "grep");
export const egrep = makeGrep("E", "grep");
export const fgrep = makeGrep("F", "grep");
