// awk: gawk-compatible command front end (options, errors); interpreter in awk-interp.ts.

import type { CommandContext } from "../../types.ts";
import { AwkSyntaxError } from "./awk-lex.ts";
import { parseAwk } from "./awk-parse.ts";
import type { Program } from "./awk-parse.ts";
import { AwkFatal, AwkInterp, unescapeAssign } from "./awk-interp.ts";
import { AWK_USAGE } from "./awk-usage.ts";
import { inputVal } from "./awk-value.ts";
import type { AwkArray } from "./awk-value.ts";
import { readInput } from "./util.ts";

function syntaxError(ctx: CommandContext, src: string, e: AwkSyntaxError): number {
  const before = src.slice(0, e.pos);
  const lineNo = before.split("\n").length;
  const lineStart = before.lastIndexOf("\n") + 1;
  let lineEnd = src.indexOf("\n", lineStart);
  if (lineEnd < 0) lineEnd = src.length;
  const text = src.slice(lineStart, lineEnd);
  const col = e.pos - lineStart;
  const pfx = `awk: cmd. line:${lineNo}: `;
  ctx.stderr.write(`${pfx}${text}\n${pfx}${" ".repeat(col)}^ ${e.message}\n`);
  return 1;
}

/** Synchronous unless the program runs commands (`cmd | getline`, `print | cmd`, system()). */
export function awk(ctx: CommandContext): number | Promise<number> {
  const argv = ctx.argv.slice(1);
  let fs: string | undefined;
  const assigns: Array<[string, string]> = [];
  const sources: string[] = [];
  let i = 0;
  const needArg = (opt: string): string | undefined => {
    if (i + 1 < argv.length) return argv[++i];
    ctx.stderr.write(`awk: option requires an argument -- ${opt}\n` + AWK_USAGE);
    return undefined;
  };
  for (; i < argv.length; i++) {
    const a = argv[i];
    if (a === "--") {
      i++;
      break;
    }
    if (!a.startsWith("-") || a === "-") break;
    if (a.startsWith("--")) {
      const eq = a.indexOf("=");
      const name = eq >= 0 ? a.slice(2, eq) : a.slice(2);
      const val = eq >= 0 ? a.slice(eq + 1) : undefined;
      const take = () => val ?? needArg(name);
      if ("field-separator".startsWith(name) && name.length > 1) {
        const v = take();
        if (v === undefined) return 2;
        fs = v;
      } else if ("assign".startsWith(name) && name.length > 1) {
        const v = take();
        if (v === undefined) return 2;
        const m = /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/s.exec(v);
        if (!m) {
          ctx.stderr.write(`awk: \`${v}' argument to \`-v' not in \`var=value' form\n\n` + AWK_USAGE);
          return 1;
        }
        assigns.push([m[1], m[2]]);
      } else if (("source".startsWith(name) || "file".startsWith(name)) && name.length > 1) {
        const v = take();
        if (v === undefined) return 2;
        if (name[0] === "s") sources.push(v);
        else {
          const r = readInput(ctx, v);
          if (!r.ok) {
            ctx.stderr.write(`awk: fatal: cannot open source file \`${v}' for reading: ${r.err.message}\n`);
            return 2;
          }
          sources.push(r.text);
        }
      } else if (name === "version") {
        ctx.stdout.write("GNU Awk 5.2.1, API 3.2, PMA Avon 8-g1, (GNU MPFR 4.2.0, GNU MP 6.2.1)\n");
        return 0;
      } else if (name === "help" || name === "usage") {
        ctx.stdout.write(AWK_USAGE);
        return 0;
      } else {
        ctx.stderr.write(`awk: unrecognized option '${a}'\n` + AWK_USAGE);
        return 2;
      }
      continue;
    }
    const c = a[1];
    const rest = a.slice(2);
    if (c === "F" || c === "v" || c === "f" || c === "e") {
      let v: string | undefined = rest;
      if (v === "") v = needArg(c);
      if (v === undefined) return 2;
      if (c === "F") fs = v;
      else if (c === "v") {
        const m = /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/s.exec(v);
        if (!m) {
          ctx.stderr.write(`awk: \`${v}' argument to \`-v' not in \`var=value' form\n\n` + AWK_USAGE);
          return 1;
        }
        assigns.push([m[1], m[2]]);
      } else if (c === "e") sources.push(v);
      else {
        const r = readInput(ctx, v);
        if (!r.ok) {
          ctx.stderr.write(`awk: fatal: cannot open source file \`${v}' for reading: ${r.err.message}\n`);
          return 2;
        }
        sources.push(r.text);
      }
      continue;
    }
    if (c === "V") {
      ctx.stdout.write("GNU Awk 5.2.1, API 3.2, PMA Avon 8-g1, (GNU MPFR 4.2.0, GNU MP 6.2.1)\n");
      return 0;
    }
    if ("bcCdDgIMNnOPrsStL".includes(c)) continue;
    if (c === "h") {
      ctx.stdout.write(AWK_USAGE);
      return 0;
    }
    ctx.stderr.write(AWK_USAGE);
    return 1;
  }
  if (sources.length === 0) {
    if (i >= argv.length) {
      ctx.stderr.write(AWK_USAGE);
      return 1;
    }
    sources.push(argv[i++]);
  }
  const operands = argv.slice(i);
  const src = sources.join("\n");
  let prog: Program;
  try {
    prog = parseAwk(src);
  } catch (e) {
    if (e instanceof AwkSyntaxError) return syntaxError(ctx, src, e);
    throw e;
  }
  const interp = new AwkInterp(prog, ctx, (name) => {
    const r = readInput(ctx, name);
    return r.ok ? { text: r.text } : { error: r.err.message };
  });
  if (fs !== undefined) interp.globals.set("FS", fs === "t" ? "t" : unescapeAssign(fs));
  const argvArr: AwkArray = new Map();
  argvArr.set("0", "awk");
  operands.forEach((o, k) => argvArr.set(String(k + 1), inputVal(o)));
  interp.globals.set("ARGV", argvArr);
  interp.globals.set("ARGC", operands.length + 1);
  // `"literal command" | getline` runs before the program (the interpreter itself is synchronous).
  const cmds = new Set<string>();
  const walk = (n: unknown): void => {
    if (!n || typeof n !== "object") return;
    if (Array.isArray(n)) {
      n.forEach(walk);
      return;
    }
    if (n instanceof Map) {
      for (const f of n.values()) walk(f);
      return;
    }
    const o = n as Record<string, unknown>;
    if (o.k === "getline" && o.cmd && (o.cmd as { k: string }).k === "str") cmds.add((o.cmd as { v: string }).v);
    for (const v of Object.values(o)) walk(v);
  };
  walk(prog);
  if (cmds.size === 0) return runProgram(ctx, interp, assigns);
  return (async () => {
    for (const c of cmds) {
      const r = await ctx.exec(c);
      interp.cmdOutputs.set(c, r.stdout);
      if (r.stderr) ctx.stderr.write(r.stderr);
    }
    return runProgram(ctx, interp, assigns);
  })();
}

/** Run the program; output to commands (`print | "cmd"`, system()) is run afterwards. */
function runProgram(ctx: CommandContext, interp: AwkInterp, assigns: Array<[string, string]>): number | Promise<number> {
  let code = 0;
  try {
    for (const [k, v] of assigns) interp.setVar(k, inputVal(unescapeAssign(v)));
    interp.run();
    code = interp.exitCode;
  } catch (e) {
    if (!(e instanceof AwkFatal)) throw e;
    interp.flushOut();
    const fname = String(interp.globals.get("FILENAME") || "-");
    const where = e.withRecord && interp.nr > 0 ? `(FILENAME=${fname} FNR=${interp.fnr}) ` : "";
    const head = e.message.startsWith("cannot open file") ? "awk: " : `awk: cmd. line:1: ${where}`;
    ctx.stderr.write(`${head}fatal: ${e.message}\n`);
    code = 2;
  }
  interp.flushOut();
  for (const [name, f] of interp.files) {
    try {
      ctx.fs.writeFile(ctx.fs.resolve(ctx.cwd, name, ctx.env.HOME), f.content, f.append ? { append: true } : undefined);
    } catch (e) {
      ctx.stderr.write(`awk: cmd. line:1: fatal: can't redirect to \`${name}': ${(e as Error).message}\n`);
      code = 2;
    }
  }
  for (const [cmd, input] of interp.pipes) interp.deferred.push({ cmd, stdin: input });
  if (interp.deferred.length === 0) return code;
  return (async () => {
    for (const d of interp.deferred) {
      const r = await ctx.exec(d.cmd, { stdin: d.stdin });
      ctx.stdout.write(r.stdout);
      ctx.stderr.write(r.stderr);
    }
    return code;
  })();
}
