// base64: encode/decode (GNU coreutils), UTF-8 text in and out.

import type { CommandContext } from "../../types.ts";
import { parseOpts, readInput, utf8Decode, utf8Encode } from "./util.ts";

const ALPHA = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

// Encoding is shared with the engine's base64 (Secret data, tokens); decoding stays here
// because GNU base64 reports partial output and --ignore-garbage.
import { b64encodeBytes as b64encode } from "../../../util/base64.ts";
export { b64encode };

/** Decode; returns the bytes decoded before any invalid input and whether the input was valid. */
export function b64decode(text: string, ignoreGarbage = false): { bytes: number[]; ok: boolean } {
  const bytes: number[] = [];
  let buf = 0, bits = 0, pad = 0;
  for (const ch of text) {
    if (ch === "\n") continue;
    if (ch === "=") {
      pad++;
      continue;
    }
    const v = ALPHA.indexOf(ch);
    if (v < 0 || pad > 0) {
      if (ignoreGarbage && v < 0) continue;
      return { bytes, ok: false };
    }
    buf = (buf << 6) | v;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      bytes.push((buf >> bits) & 255);
    }
  }
  // 3 chars + "=" leave 2 spare bits; 2 chars + "==" leave 4.
  const valid = bits === 0 ? pad === 0 : (bits === 2 && pad === 1) || (bits === 4 && pad === 2);
  return { bytes, ok: valid };
}

export function base64(ctx: CommandContext): number {
  const p = parseOpts(ctx, "base64", ctx.argv.slice(1), {
    short: "dw:i",
    long: { decode: ["d", false], wrap: ["w", true], "ignore-garbage": ["i", false] },
  });
  if (typeof p === "number") return p;
  let decode = false, ignore = false, wrap = 76;
  for (const [k, v] of p.opts) {
    if (k === "d") decode = true;
    else if (k === "i") ignore = true;
    else if (k === "w") {
      if (!/^\d+$/.test(v)) {
        ctx.stderr.write(`base64: invalid wrap size: '${v}'\n`);
        return 1;
      }
      wrap = Number(v);
    }
  }
  if (p.args.length > 1) {
    ctx.stderr.write(`base64: extra operand '${p.args[1]}'\nTry 'base64 --help' for more information.\n`);
    return 1;
  }
  const f = p.args[0] ?? "-";
  const r = readInput(ctx, f);
  if (!r.ok) {
    ctx.stderr.write(r.err.message === "Is a directory" ? "base64: read error: Is a directory\n" : `base64: ${f}: ${r.err.message}\n`);
    return 1;
  }
  if (decode) {
    const d = b64decode(r.text, ignore);
    ctx.stdout.write(utf8Decode(d.bytes));
    if (!d.ok) {
      ctx.stderr.write("base64: invalid input\n");
      return 1;
    }
    return 0;
  }
  const enc = b64encode(utf8Encode(r.text));
  if (enc === "") return 0;
  if (wrap === 0) ctx.stdout.write(enc);
  else {
    let out = "";
    for (let i = 0; i < enc.length; i += wrap) out += enc.slice(i, i + wrap) + "\n";
    ctx.stdout.write(out);
  }
  return 0;
}
