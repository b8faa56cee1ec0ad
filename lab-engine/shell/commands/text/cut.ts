// cut: select fields (-f with -d), characters (-c) or bytes (-b) (GNU coreutils).

import type { CommandContext } from "../../types.ts";
import { charge, isDirErr, parseOpts, readInput, utf8Decode, utf8Encode } from "./util.ts";

type Range = [number, number];

function parseList(s: string, fields: boolean): Range[] | string {
  const out: Range[] = [];
  for (const part of s.split(",")) {
    const m = /^(\d*)(-?)(\d*)$/.exec(part);
    if (!m || (m[1] === "" && m[3] === "" )) {
      if (part === "-") return "invalid range with no endpoint: -";
      return `invalid field value '${part}'`;
    }
    const a = m[1] === "" ? 1 : Number(m[1]);
    const b = m[2] ? (m[3] === "" ? Infinity : Number(m[3])) : a;
    if (a === 0 || b === 0) return fields ? "fields are numbered from 1" : "byte/character positions are numbered from 1";
    if (b < a) return "invalid decreasing range";
    out.push([a, b]);
  }
  return out;
}

export function cut(ctx: CommandContext): number {
  const p = parseOpts(ctx, "cut", ctx.argv.slice(1), {
    short: "b:c:d:f:snz",
    long: {
      bytes: ["b", true], characters: ["c", true], delimiter: ["d", true], fields: ["f", true],
      "only-delimited": ["s", false], complement: ["complement", false], "output-delimiter": ["od", true],
    },
  });
  if (typeof p === "number") return p;
  let mode: "f" | "c" | undefined;
  let list: Range[] = [];
  let delim = "\t";
  let onlyDelim = false, complement = false;
  let outDelim: string | undefined;
  let delimSet = false;
  for (const [k, v] of p.opts) {
    if (k === "b" || k === "c" || k === "f") {
      if (mode) {
        ctx.stderr.write("cut: only one list may be specified\nTry 'cut --help' for more information.\n");
        return 1;
      }
      mode = k === "f" ? "f" : "c";
      const l = parseList(v, k === "f");
      if (typeof l === "string") {
        ctx.stderr.write(`cut: ${l}\nTry 'cut --help' for more information.\n`);
        return 1;
      }
      list = l;
    } else if (k === "d") {
      if ([...v].length !== 1) {
        ctx.stderr.write("cut: the delimiter must be a single character\nTry 'cut --help' for more information.\n");
        return 1;
      }
      delim = v;
      delimSet = true;
    } else if (k === "s") onlyDelim = true;
    else if (k === "complement") complement = true;
    else if (k === "od") outDelim = v;
  }
  if (!mode) {
    ctx.stderr.write("cut: you must specify a list of bytes, characters, or fields\nTry 'cut --help' for more information.\n");
    return 1;
  }
  if (mode !== "f" && (delimSet || onlyDelim)) {
    ctx.stderr.write(
      (delimSet ? "cut: an input delimiter may be specified only when operating on fields\n" : "cut: suppressing non-delimited lines makes sense\n\tonly when operating on fields\n") +
        "Try 'cut --help' for more information.\n",
    );
    return 1;
  }
  const sel = (i: number) => list.some(([a, b]) => i >= a && i <= b) !== complement;
  const od = outDelim ?? (mode === "f" ? delim : "");
  const files = p.args.length ? p.args : ["-"];
  let rc = 0;
  for (const f of files) {
    const r = readInput(ctx, f);
    if (!r.ok) {
      ctx.stderr.write(`cut: ${f}: ${isDirErr(r.err) ? "Is a directory" : r.err.message}\n`);
      rc = 1;
      continue;
    }
    const text = r.text;
    if (text === "") continue;
    const lines = text.split("\n");
    const trailing = lines[lines.length - 1] === "";
    if (trailing) lines.pop();
    let out = "";
    for (const line of lines) {
      charge(ctx);
      if (mode === "f") {
        if (!line.includes(delim)) {
          if (!onlyDelim) out += line + "\n";
          continue;
        }
        const fields = line.split(delim);
        out += fields.filter((_, i) => sel(i + 1)).join(od) + "\n";
      } else {
        // GNU cut counts bytes for -c as well as -b
        const chars = utf8Encode(line);
        if (outDelim === undefined) out += utf8Decode(chars.filter((_, i) => sel(i + 1))) + "\n";
        else {
          // join selected runs with the output delimiter
          const runs: number[][] = [];
          let cur: number[] = [];
          let prev = false;
          chars.forEach((c, i) => {
            const s = sel(i + 1);
            if (s) cur.push(c);
            else if (prev) {
              runs.push(cur);
              cur = [];
            }
            prev = s;
          });
          if (cur.length) runs.push(cur);
          out += runs.map((r) => utf8Decode(r)).join(od) + "\n";
        }
      }
    }
    ctx.stdout.write(out);
  }
  return rc;
}
