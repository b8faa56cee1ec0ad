// Shared helpers for the text commands: GNU-style option parsing, input reading, line splitting.

import type { CommandContext } from "../../types.ts";
import { FsError } from "../../types.ts";

export interface OptSpec {
  /** getopt string, e.g. "ivn:A:" (a colon marks an option taking an argument). */
  short: string;
  /** long option name -> [key, takesArg] ("optional" for --opt[=x]). */
  long?: Record<string, [string, boolean | "optional"]>;
  /** Stop at the first non-option (POSIX style; xargs, awk). */
  stopAtFirstArg?: boolean;
  /** Extra usage line printed after "invalid option" (grep style). */
  usage?: string;
  /** Exit status for usage errors (default 1). */
  usageExit?: number;
  /** Accept "-NUM" as key "NUM" (head -5). */
  numericShort?: boolean;
}

export interface ParsedOpts {
  opts: Array<[string, string]>;
  args: string[];
}

export function usageError(ctx: CommandContext, cmd: string, msg: string, spec: Pick<OptSpec, "usage" | "usageExit">): number {
  ctx.stderr.write(`${cmd}: ${msg}\n`);
  if (spec.usage) ctx.stderr.write(spec.usage + "\n");
  ctx.stderr.write(`Try '${cmd} --help' for more information.\n`);
  return spec.usageExit ?? 1;
}

/** GNU getopt_long with argument permutation. Returns a number (exit code) after printing an error. */
export function parseOpts(ctx: CommandContext, cmd: string, argv: string[], spec: OptSpec): ParsedOpts | number {
  const opts: Array<[string, string]> = [];
  const args: string[] = [];
  const takes = (c: string): boolean | undefined => {
    const i = spec.short.indexOf(c);
    if (i < 0 || c === ":") return undefined;
    return spec.short[i + 1] === ":";
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === "--") {
      args.push(...argv.slice(i + 1));
      break;
    }
    if (a.startsWith("--")) {
      const eq = a.indexOf("=");
      const name = eq >= 0 ? a.slice(2, eq) : a.slice(2);
      const longs = spec.long ?? {};
      let matches = Object.keys(longs).filter((k) => k.startsWith(name));
      if (longs[name]) matches = [name];
      if (matches.length !== 1) {
        if (matches.length > 1) return usageError(ctx, cmd, `option '--${name}' is ambiguous`, spec);
        return usageError(ctx, cmd, `unrecognized option '${a}'`, spec);
      }
      const full = matches[0];
      const [key, ta] = longs[full];
      if (ta === true) {
        if (eq >= 0) opts.push([key, a.slice(eq + 1)]);
        else if (i + 1 < argv.length) opts.push([key, argv[++i]]);
        else return usageError(ctx, cmd, `option '--${full}' requires an argument`, spec);
      } else if (ta === "optional") {
        opts.push([key, eq >= 0 ? a.slice(eq + 1) : ""]);
      } else {
        if (eq >= 0) return usageError(ctx, cmd, `option '--${full}' doesn't allow an argument`, spec);
        opts.push([key, ""]);
      }
      continue;
    }
    if (a.startsWith("-") && a.length > 1) {
      if (spec.numericShort && /^-\d+$/.test(a)) {
        opts.push(["NUM", a.slice(1)]);
        continue;
      }
      for (let j = 1; j < a.length; j++) {
        const c = a[j];
        const t = takes(c);
        if (t === undefined) return usageError(ctx, cmd, `invalid option -- '${c}'`, spec);
        if (t) {
          if (j + 1 < a.length) opts.push([c, a.slice(j + 1)]);
          else if (i + 1 < argv.length) opts.push([c, argv[++i]]);
          else return usageError(ctx, cmd, `option requires an argument -- '${c}'`, spec);
          break;
        }
        opts.push([c, ""]);
      }
      continue;
    }
    if (spec.stopAtFirstArg) {
      args.push(...argv.slice(i));
      break;
    }
    args.push(a);
  }
  return { opts, args };
}

export type ReadResult = { ok: true; text: string } | { ok: false; err: FsError | Error };

/** Read a file operand ("-" = stdin). */
export function readInput(ctx: CommandContext, name: string): ReadResult {
  if (name === "-") return { ok: true, text: ctx.stdin };
  const p = ctx.fs.resolve(ctx.cwd, name, ctx.env.HOME);
  if (p === "/dev/stdin" || p === "/proc/self/fd/0" || p === "/dev/fd/0") return { ok: true, text: ctx.stdin };
  try {
    const st = ctx.fs.stat(p);
    if (st && st.type === "dir") return { ok: false, err: new FsError("EISDIR", p) };
    return { ok: true, text: ctx.fs.readFile(p) };
  } catch (e) {
    return { ok: false, err: e instanceof Error ? e : new Error(String(e)) };
  }
}

/**
 * head/tail's walk over their operands (GNU coreutils): an unreadable file is reported and
 * skipped, a directory still gets its `==> name <==` header, headers appear with -v or when
 * there is more than one operand, and `body` turns each file's text into its output.
 */
export function eachInputWithHeaders(ctx: CommandContext, cmd: string, operands: string[], headers: boolean | undefined, body: (text: string) => string): number {
  const files = operands.length ? operands : ["-"];
  const show = headers ?? files.length > 1;
  let rc = 0;
  let first = true;
  for (const f of files) {
    const r = readInput(ctx, f);
    if (!r.ok) {
      ctx.stderr.write(
        isDirErr(r.err) ? `${cmd}: error reading '${f}': Is a directory\n` : `${cmd}: cannot open '${f}' for reading: ${r.err.message}\n`,
      );
      rc = 1;
      if (!isDirErr(r.err)) continue;
    }
    if (show) ctx.stdout.write((first ? "" : "\n") + `==> ${f === "-" ? "standard input" : f} <==\n`);
    first = false;
    if (r.ok) ctx.stdout.write(body(r.text));
  }
  return rc;
}

export function errText(e: Error): string {
  return e.message;
}

export function isDirErr(e: Error): boolean {
  return e instanceof FsError && e.code === "EISDIR";
}

/** Split text into lines without their terminators; a final newline does not create an empty line. */
export function splitLines(text: string): string[] {
  if (text === "") return [];
  const lines = text.split("\n");
  if (lines[lines.length - 1] === "") lines.pop();
  return lines;
}

/** Join lines, each followed by "\n". */
export function joinLines(lines: string[]): string {
  return lines.length ? lines.join("\n") + "\n" : "";
}

export function charge(ctx: CommandContext, n = 1): void {
  ctx.host.charge?.(n);
}

/** Write to a file operand, resolving it against cwd. */
export function writeFileAt(ctx: CommandContext, name: string, content: string, append = false): void {
  ctx.fs.writeFile(ctx.fs.resolve(ctx.cwd, name, ctx.env.HOME), content, append ? { append: true } : undefined);
}

/** Parse a non-negative decimal count, accepting GNU size suffixes (K, M, kB...) loosely. */
export function parseCount(s: string): number | undefined {
  const m = /^\s*([+-]?\d+)(b|kB|K|KiB|MB|M|MiB|GB|G|GiB)?$/.exec(s);
  if (!m) return undefined;
  const mult: Record<string, number> = {
    b: 512, kB: 1000, K: 1024, KiB: 1024, MB: 1e6, M: 1048576, MiB: 1048576, GB: 1e9, G: 1073741824, GiB: 1073741824,
  };
  return Number(m[1]) * (m[2] ? mult[m[2]] : 1);
}

// UTF-8 is shared with the engine (one decoder: invalid bytes become U+FFFD).
export { byteLength, utf8Decode, utf8Encode } from "../../../util/utf8.ts";
