// jq: command-line JSON processor (jq 1.6 behaviour and messages).

import type { CommandContext } from "../../types.ts";
import { Evaluator, JqCompileError, JqError } from "./jq-eval.ts";
import { JqHalt } from "./jq-builtins.ts";
import type { Json } from "./jq-json.ts";
import { fmtJson, fmtJsonColor, parseJsonStream } from "./jq-json.ts";
import { JqSyntaxError, parseJq } from "./jq-parse.ts";
import type { Node } from "./jq-parse.ts";
import { readInput } from "./util.ts";

const USAGE = `Usage:\tjq [OPTIONS] FILTER [FILES...]
\tjq [OPTIONS] --args FILTER [STRINGS...]
\tjq [OPTIONS] --jsonargs FILTER [JSON_TEXTS...]

jq is a tool for processing JSON inputs, applying the given filter to
its JSON text inputs and producing the filter's results as JSON on
standard output.

The simplest filter is ., which copies jq's input to its output
unmodified (except for formatting, but note that IEEE754 is used
for number representation internally, with all that that implies).

For more advanced filters see the jq(1) manpage ("man jq")
and/or https://stedolan.github.io/jq

Example:

\t$ echo '{"foo": 0}' | jq .
\t{
\t\t"foo": 0
\t}

For a listing of options, use jq --help.
`;

export function jq(ctx: CommandContext): number {
  const argv = ctx.argv.slice(1);
  let raw = false, join = false, compact = false, nullInput = false, slurp = false, exitStatus = false;
  let sortKeys = false, ascii = false, tab = false, rawInput = false, indent = 2;
  let color: boolean = ctx.stdoutIsTTY;
  let noColor = false; // -M wins over -C, as in jq 1.6
  let filter: string | undefined;
  const files: string[] = [];
  const named: Record<string, Json> = {};
  const positional: Json[] = [];
  let restMode: "files" | "args" | "jsonargs" = "files";
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const need = (n: number): string[] | undefined => {
      if (i + n >= argv.length) {
        ctx.stderr.write(`jq: error: ${a} takes ${n === 1 ? "one parameter" : "two parameters"} (e.g. ${a} name value)\n` + USAGE.split("\n\n")[0] + "\n");
        return undefined;
      }
      const r = argv.slice(i + 1, i + 1 + n);
      i += n;
      return r;
    };
    if (a.startsWith("--") && a.length > 2) {
      switch (a) {
        case "--raw-output": raw = true; break;
        case "--join-output": raw = join = true; break;
        case "--compact-output": compact = true; break;
        case "--null-input": nullInput = true; break;
        case "--slurp": slurp = true; break;
        case "--exit-status": exitStatus = true; break;
        case "--sort-keys": sortKeys = true; break;
        case "--ascii-output": ascii = true; break;
        case "--raw-input": rawInput = true; break;
        case "--tab": tab = true; break;
        case "--color-output": color = true; break;
        case "--monochrome-output": noColor = true; break;
        case "--unbuffered": case "--seq": case "--stream": break;
        case "--indent": {
          const v = need(1);
          if (!v) return 2;
          indent = Number(v[0]);
          if (!(indent >= 0 && indent <= 7)) {
            ctx.stderr.write("jq: Cannot indent more than 7 characters\n" + USAGE.split("\n\n")[0] + "\n");
            return 2;
          }
          break;
        }
        case "--arg": {
          const v = need(2);
          if (!v) return 2;
          named[v[0]] = v[1];
          break;
        }
        case "--argjson": {
          const v = need(2);
          if (!v) return 2;
          const r = parseJsonStream(v[1]);
          if (r.error || r.values.length !== 1) {
            ctx.stderr.write(`jq: Invalid JSON text passed to --argjson\n` + USAGE.split("\n\n")[0] + "\n");
            return 2;
          }
          named[v[0]] = r.values[0].v;
          break;
        }
        case "--slurpfile":
        case "--rawfile": {
          const v = need(2);
          if (!v) return 2;
          const r = readInput(ctx, v[1]);
          if (!r.ok) {
            ctx.stderr.write(`jq: error: Could not open ${v[1]}: ${r.err.message}\n`);
            return 2;
          }
          if (a === "--rawfile") named[v[0]] = r.text;
          else {
            const p = parseJsonStream(r.text);
            if (p.error) {
              ctx.stderr.write(`jq: Bad JSON in --slurpfile ${v[0]} ${v[1]}: ${p.error}\n`);
              return 2;
            }
            named[v[0]] = p.values.map((x) => x.v);
          }
          break;
        }
        case "--args": restMode = "args"; break;
        case "--jsonargs": restMode = "jsonargs"; break;
        case "--help":
          ctx.stdout.write(USAGE);
          return 0;
        case "--version":
          ctx.stdout.write("jq-1.6\n");
          return 0;
        default:
          ctx.stderr.write(`jq: Unknown option: ${a}\n` + USAGE);
          return 2;
      }
      continue;
    }
    if (a.startsWith("-") && a.length > 1) {
      for (const c of a.slice(1)) {
        switch (c) {
          case "r": raw = true; break;
          case "j": raw = join = true; break;
          case "c": compact = true; break;
          case "n": nullInput = true; break;
          case "s": slurp = true; break;
          case "e": exitStatus = true; break;
          case "S": sortKeys = true; break;
          case "a": ascii = true; break;
          case "R": rawInput = true; break;
          case "C": color = true; break;
          case "M": noColor = true; break;
          case "h":
            ctx.stdout.write(USAGE);
            return 0;
          default:
            ctx.stderr.write(`jq: Unknown option: ${a}\n` + USAGE);
            return 2;
        }
      }
      continue;
    }
    if (filter === undefined) filter = a;
    else if (restMode === "files") files.push(a);
    else if (restMode === "args") positional.push(a);
    else {
      const r = parseJsonStream(a);
      if (r.error || r.values.length !== 1) {
        ctx.stderr.write(`jq: Invalid JSON text passed to --jsonargs\n` + USAGE.split("\n\n")[0] + "\n");
        return 2;
      }
      positional.push(r.values[0].v);
    }
  }
  if (filter === undefined) {
    if (ctx.stdinIsTTY && files.length === 0) {
      ctx.stderr.write(USAGE);
      return 2;
    }
    filter = ".";
  }
  // compile
  let ast: Node;
  const ev = new Evaluator({
    named,
    env: ctx.env,
    now: () => ctx.host.clock.now(),
    stderr: (s) => ctx.stderr.write(s),
    inputs: () => nextInput(),
    charge: (n) => ctx.host.charge?.(n),
  });
  ev.root.vars.set("ARGS", { positional, named: { ...named } });
  try {
    ast = parseJq(filter);
    ev.check(ast, new Set(), new Set());
  } catch (e) {
    if (e instanceof JqSyntaxError) {
      ctx.stderr.write(`jq: error: ${e.message} (Unix shell quoting issues?) at <top-level>, line 1:\n${filter}   \njq: 1 compile error\n`);
      return 3;
    }
    if (e instanceof JqCompileError) {
      ctx.stderr.write(`jq: error: ${e.message} at <top-level>, line 1:\n${filter}\njq: 1 compile error\n`);
      return 3;
    }
    throw e;
  }
  // inputs
  type In = { v: Json; where: string };
  const queue: In[] = [];
  let parseError: string | undefined;
  let rc = 0;
  const sources: Array<{ name: string; text: string }> = [];
  if (files.length === 0) sources.push({ name: "<stdin>", text: ctx.stdin });
  for (const f of files) {
    const r = readInput(ctx, f);
    if (!r.ok) {
      ctx.stderr.write(`jq: error: Could not open file ${f}: ${r.err.message}\n`);
      rc = 2;
      continue;
    }
    sources.push({ name: f, text: r.text });
  }
  if (rawInput) {
    const all = sources.map((s) => s.text).join("");
    if (slurp) queue.push({ v: all, where: "<stdin>:0" });
    else {
      const lines = all.split("\n");
      if (lines[lines.length - 1] === "") lines.pop();
      lines.forEach((l, i) => queue.push({ v: l, where: `<stdin>:${i + 1}` }));
    }
  } else {
    for (const s of sources) {
      const p = parseJsonStream(s.text);
      for (const x of p.values) queue.push({ v: x.v, where: `${s.name}:${x.line}` });
      if (p.error) {
        parseError = p.error;
        break;
      }
    }
    if (slurp) {
      const all = queue.map((q) => q.v);
      const last = queue[queue.length - 1];
      queue.length = 0;
      if (!parseError) queue.push({ v: all, where: last ? last.where : "<stdin>:0" });
    }
  }
  let qi = 0;
  let current = "<unknown>";
  const nextInput = (): Json | undefined => {
    if (qi >= queue.length) {
      if (nullInput && current === "<unknown>") current = "<stdin>:0";
      return undefined;
    }
    const q = queue[qi++];
    current = q.where;
    return q.v;
  };
  if (noColor) color = false;
  const opts = { indent: tab ? 1 : compact ? 0 : indent, tab: tab && !compact, sortKeys, ascii };
  let out = "";
  let lastOut: Json | undefined;
  let anyOut = false;
  let lastRc = 0;
  const run = (input: Json): boolean => {
    lastRc = 0;
    try {
      for (const v of ev.eval(ast, input, ev.root)) {
        anyOut = true;
        lastOut = v;
        out += raw && typeof v === "string" ? v : color ? fmtJsonColor(v, opts) : fmtJson(v, opts);
        if (!join) out += "\n";
        if (out.length > 65536) {
          ctx.stdout.write(out);
          out = "";
        }
      }
    } catch (e) {
      ctx.stdout.write(out);
      out = "";
      if (e instanceof JqHalt) {
        if (e.text !== undefined) ctx.stderr.write(e.text);
        rc = e.code;
        return false;
      }
      if (e instanceof JqError) {
        const where = current;
        if (typeof e.value === "string") ctx.stderr.write(`jq: error (at ${where}): ${e.value}\n`);
        else ctx.stderr.write(`jq: error (at ${where}) (not a string): ${fmtJson(e.value, { indent: 0 })}\n`);
        lastRc = 5;
        return true;
      }
      if (e instanceof RangeError) {
        ctx.stderr.write(`jq: error (at ${current}): stack overflow\n`);
        lastRc = 5;
        return true;
      }
      throw e;
    }
    return true;
  };
  if (nullInput) run(null);
  else {
    for (;;) {
      const v = nextInput();
      if (v === undefined) break;
      if (!run(v)) break;
    }
  }
  ctx.stdout.write(out);
  if (parseError) {
    ctx.stderr.write(`parse error: ${parseError}\n`);
    return 4;
  }
  if (rc) return rc;
  if (lastRc) return lastRc;
  if (exitStatus) {
    if (!anyOut) return 4;
    return lastOut === null || lastOut === false ? 1 : 0;
  }
  return 0;
}
