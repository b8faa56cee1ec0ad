// nl: number lines (GNU coreutils; body section only).

import type { CommandContext } from "../../types.ts";
import { compilePosix } from "./posix-regex.ts";
import { parseOpts, readInput, splitLines } from "./util.ts";

export function nl(ctx: CommandContext): number {
  const p = parseOpts(ctx, "nl", ctx.argv.slice(1), {
    short: "b:n:w:s:v:i:",
    long: {
      "body-numbering": ["b", true], "number-format": ["n", true], "number-width": ["w", true],
      "number-separator": ["s", true], "starting-line-number": ["v", true], "line-increment": ["i", true],
    },
  });
  if (typeof p === "number") return p;
  let style = "t", fmt = "rn", width = 6, sep = "\t", start = 1, incr = 1;
  for (const [k, v] of p.opts) {
    if (k === "b") style = v;
    else if (k === "n") fmt = v;
    else if (k === "w") width = Number(v);
    else if (k === "s") sep = v;
    else if (k === "v") start = Number(v);
    else if (k === "i") incr = Number(v);
  }
  let re: RegExp | undefined;
  if (style.startsWith("p")) re = compilePosix(style.slice(1), false);
  const files = p.args.length ? p.args : ["-"];
  let n = start;
  let out = "";
  let rc = 0;
  for (const f of files) {
    const r = readInput(ctx, f);
    if (!r.ok) {
      ctx.stderr.write(`nl: ${f}: ${r.err.message}\n`);
      rc = 1;
      continue;
    }
    for (const line of splitLines(r.text)) {
      const number = style === "a" || (style === "t" && line !== "") || (re !== undefined && re.test(line));
      if (number) {
        const s = String(n);
        const num = fmt === "ln" ? s.padEnd(width) : fmt === "rz" ? s.padStart(width, "0") : s.padStart(width);
        out += num + sep + line + "\n";
        n += incr;
      } else out += " ".repeat(width + sep.length) + line + "\n";
    }
  }
  ctx.stdout.write(out.replace(/ +\n/g, (m) => m)); // keep GNU's trailing blanks on empty lines
  return rc;
}
