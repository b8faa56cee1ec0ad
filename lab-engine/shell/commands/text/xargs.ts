// xargs: build command lines from standard input and run them through the shell (ctx.exec).

import type { CommandContext } from "../../types.ts";
import { charge, parseOpts, readInput } from "./util.ts";

export function shellQuote(s: string): string {
  if (s !== "" && /^[A-Za-z0-9_\-.,/:=@%+]+$/.test(s)) return s;
  return "'" + s.replace(/'/g, "'\\''") + "'";
}

function splitArgs(text: string): string[] | string {
  const out: string[] = [];
  let cur = "";
  let has = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === "'" || c === '"') {
      const j = text.indexOf(c, i + 1);
      const nl = text.indexOf("\n", i + 1);
      if (j < 0 || (nl >= 0 && nl < j)) {
        return `unmatched ${c === "'" ? "single" : "double"} quote; by default quotes are special to xargs unless you use the -0 option`;
      }
      cur += text.slice(i + 1, j);
      i = j;
      has = true;
    } else if (c === "\\" && i + 1 < text.length) {
      cur += text[++i];
      has = true;
    } else if (c === " " || c === "\t" || c === "\n") {
      if (has) out.push(cur);
      cur = "";
      has = false;
    } else {
      cur += c;
      has = true;
    }
  }
  if (has) out.push(cur);
  return out;
}

export async function xargs(ctx: CommandContext): Promise<number> {
  const p = parseOpts(ctx, "xargs", ctx.argv.slice(1), {
    short: "I:in:L:0d:rtP:a:s:xpE:e",
    stopAtFirstArg: true,
    long: {
      replace: ["i", "optional"], "max-args": ["n", true], "max-lines": ["L", true], null: ["0", false],
      delimiter: ["d", true], "no-run-if-empty": ["r", false], verbose: ["t", false], "max-procs": ["P", true],
      "arg-file": ["a", true], "max-chars": ["s", true], exit: ["x", false], interactive: ["p", false],
    },
  });
  if (typeof p === "number") return p;
  let repl: string | undefined;
  let maxArgs = 0, maxLines = 0;
  let nul = false, delim: string | undefined, noEmpty = false, verbose = false;
  let input = ctx.stdin;
  for (const [k, v] of p.opts) {
    if (k === "I") repl = v;
    else if (k === "i") repl = v || "{}";
    else if (k === "n" || k === "L") {
      if (!/^\d+$/.test(v) || Number(v) < 1) {
        ctx.stderr.write(`xargs: value ${v} for -${k} option should be >= 1\n`);
        return 1;
      }
      if (k === "n") maxArgs = Number(v);
      else maxLines = Number(v);
    } else if (k === "0") nul = true;
    else if (k === "d") delim = v === "\\n" ? "\n" : v === "\\t" ? "\t" : v;
    else if (k === "r") noEmpty = true;
    else if (k === "t") verbose = true;
    else if (k === "a") {
      const r = readInput(ctx, v);
      if (!r.ok) {
        ctx.stderr.write(`xargs: ${v}: ${r.err.message}\n`);
        return 1;
      }
      input = r.text;
    }
  }
  const cmd = p.args.length ? p.args : ["echo"];
  // Group the input into invocations.
  const groups: string[][] = [];
  if (repl !== undefined) {
    for (const line of input.split("\n")) {
      const t = line.replace(/^[ \t]+/, "");
      if (t === "") continue;
      groups.push([t]);
    }
  } else {
    let items: string[];
    let lines: string[][] | undefined;
    if (nul || delim !== undefined) {
      const d = nul ? "\0" : delim!;
      items = input.split(d);
      if (items[items.length - 1] === "" || (d !== "\n" && items[items.length - 1] === "\n")) items.pop();
    } else {
      const s = splitArgs(input);
      if (typeof s === "string") {
        ctx.stderr.write(`xargs: ${s}\n`);
        return 1;
      }
      items = s;
      if (maxLines) {
        lines = [];
        for (const l of input.split("\n")) {
          const a = splitArgs(l);
          if (typeof a !== "string" && a.length) lines.push(a);
        }
      }
    }
    if (lines) for (let i = 0; i < lines.length; i += maxLines) groups.push(lines.slice(i, i + maxLines).flat());
    else if (maxArgs) for (let i = 0; i < items.length; i += maxArgs) groups.push(items.slice(i, i + maxArgs));
    else if (items.length) groups.push(items);
    if (groups.length === 0 && !noEmpty) groups.push([]);
  }
  let rc = 0;
  for (const g of groups) {
    charge(ctx);
    if (ctx.signal.aborted) return 130;
    let argv: string[];
    if (repl !== undefined) argv = cmd.map((a) => a.split(repl!).join(g[0]));
    else argv = [...cmd, ...g];
    if (verbose) ctx.stderr.write(argv.join(" ") + "\n");
    const r = await ctx.exec(argv.map(shellQuote).join(" "));
    ctx.stdout.write(r.stdout);
    ctx.stderr.write(r.stderr);
    if (r.exitCode === 255) {
      ctx.stderr.write(`xargs: ${argv[0]}: exited with status 255; aborting\n`);
      return 124;
    }
    if (r.exitCode === 127 || r.exitCode === 126) return r.exitCode;
    if (r.exitCode !== 0) rc = 123;
  }
  return rc;
}
