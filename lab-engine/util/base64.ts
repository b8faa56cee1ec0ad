// UTF-8 base64 without host globals (the engine has neither Buffer nor btoa in its typings).

const ALPHA = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

export function utf8Encode(s: string): number[] {
  const out: number[] = [];
  for (const ch of s) {
    let c = ch.codePointAt(0)!;
    if (c < 0x80) out.push(c);
    else if (c < 0x800) out.push(0xc0 | (c >> 6), 0x80 | (c & 63));
    else if (c < 0x10000) out.push(0xe0 | (c >> 12), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
    else {
      out.push(0xf0 | (c >> 18), 0x80 | ((c >> 12) & 63), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
      c = 0;
    }
  }
  return out;
}

export function utf8Decode(bytes: number[]): string {
  let s = "";
  for (let i = 0; i < bytes.length; ) {
    const b = bytes[i];
    let cp: number;
    if (b < 0x80) (cp = b), (i += 1);
    else if (b >> 5 === 6) (cp = ((b & 31) << 6) | (bytes[i + 1] & 63)), (i += 2);
    else if (b >> 4 === 14) (cp = ((b & 15) << 12) | ((bytes[i + 1] & 63) << 6) | (bytes[i + 2] & 63)), (i += 3);
    else (cp = ((b & 7) << 18) | ((bytes[i + 1] & 63) << 12) | ((bytes[i + 2] & 63) << 6) | (bytes[i + 3] & 63)), (i += 4);
    s += String.fromCodePoint(cp || 0xfffd);
  }
  return s;
}

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
