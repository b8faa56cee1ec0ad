// tail: last lines/bytes, "+N" starts, -f prints once and returns (the simulated file never grows).

import type { CommandContext } from "../../types.ts";
import { fromByte, lastBytes } from "./bytes.ts";
import { eachInputWithHeaders, parseCount, parseOpts } from "./util.ts";

export function tail(ctx: CommandContext): number {
  // Obsolete "+N" form as the first operand.
  let argv = ctx.argv.slice(1);
  const pre: Array<[string, string]> = [];
  if (argv[0] && /^\+\d+$/.test(argv[0])) {
    pre.push(["n", argv[0]]);
    argv = argv.slice(1);
  }
  const p = parseOpts(ctx, "tail", argv, {
    short: "n:c:qvfFs:z",
    numericShort: true,
    long: {
      lines: ["n", true], bytes: ["c", true], quiet: ["q", false], silent: ["q", false], verbose: ["v", false],
      follow: ["f", "optional"], retry: ["retry", false], "sleep-interval": ["s", true], pid: ["pid", true],
    },
  });
  if (typeof p === "number") return p;
  let mode: "n" | "c" = "n";
  let count = 10;
  let fromStart = false;
  let headers: boolean | undefined;
  for (const [k, v] of [...pre, ...p.opts]) {
    if (k === "NUM") {
      mode = "n";
      count = Number(v);
      fromStart = false;
    } else if (k === "n" || k === "c") {
      const plus = v.startsWith("+");
      const body = plus || v.startsWith("-") ? v.slice(1) : v;
      const n = parseCount(body);
      if (n === undefined) {
        ctx.stderr.write(`tail: invalid number of ${k === "n" ? "lines" : "bytes"}: ‘${v}’\n`);
        return 1;
      }
      mode = k;
      count = n;
      fromStart = plus;
    } else if (k === "q") headers = false;
    else if (k === "v") headers = true;
  }
  return eachInputWithHeaders(ctx, "tail", p.args, headers, (text) => tailText(text, mode, count, fromStart));
}

export function tailText(text: string, mode: "n" | "c", count: number, fromStart: boolean): string {
  if (mode === "c") return fromStart ? fromByte(text, Math.max(0, count - 1)) : count === 0 ? "" : lastBytes(text, count);
  if (fromStart) {
    let idx = 0;
    for (let i = 1; i < count; i++) {
      const j = text.indexOf("\n", idx);
      if (j < 0) return "";
      idx = j + 1;
    }
    return text.slice(idx);
  }
  if (count === 0 || text === "") return "";
  let end = text.length;
  if (text.endsWith("\n")) end--;
  let idx = end;
  for (let i = 0; i < count; i++) {
    if (idx <= 0) return text;
    const j = text.lastIndexOf("\n", idx - 1);
    if (j < 0) return text;
    idx = j;
  }
  return text.slice(idx + 1);
}
