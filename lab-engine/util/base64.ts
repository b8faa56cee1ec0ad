// UTF-8 base64 without host globals (the engine has neither Buffer nor btoa in its typings).

import { utf8Decode, utf8Encode } from "./utf8.ts";

export { utf8Decode, utf8Encode };

const ALPHA = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

export function b64encodeBytes(bytes: number[]): string {
  let out = "";
  for (let i = 0; i < bytes.length; i += 3) {
    const [a, b, c] = [bytes[i], bytes[i + 1], bytes[i + 2]];
    out += ALPHA[a >> 2] + ALPHA[((a & 3) << 4) | ((b ?? 0) >> 4)];
    out += b === undefined ? "=" : ALPHA[((b & 15) << 2) | ((c ?? 0) >> 6)];
    out += c === undefined ? "=" : ALPHA[c & 63];
  }
  return out;
}

export function b64encode(s: string): string {
  return b64encodeBytes(utf8Encode(s));
}

/** Returns undefined on invalid input. */
export function b64decodeBytes(s: string): number[] | undefined {
  const clean = s.replace(/[\r\n\s]/g, "");
  if (clean.length % 4 === 1) return undefined;
  const out: number[] = [];
  let buf = 0;
  let bits = 0;
  for (const ch of clean) {
    if (ch === "=") break;
    const v = ALPHA.indexOf(ch);
    if (v < 0) return undefined;
    buf = (buf << 6) | v;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out.push((buf >> bits) & 255);
    }
  }
  return out;
}

export function b64decode(s: string): string | undefined {
  const b = b64decodeBytes(s);
  return b ? utf8Decode(b) : undefined;
}

/**
 * Secret data as text, leniently: characters outside the alphabet are skipped (as the kubelet
 * and `kubectl describe` never fail on a stored value). For strict checks use b64decodeBytes.
 */
export function decodeSecretText(s: string): string {
  const clean = String(s).replace(/[^A-Za-z0-9+/]/g, "");
  return utf8Decode(b64decodeBytes(clean.length % 4 === 1 ? clean.slice(0, -1) : clean) ?? []);
}
