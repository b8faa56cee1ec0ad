// Byte-oriented slicing of JS strings (the simulation stores text; byte counts follow UTF-8).

import { utf8Decode, utf8Encode } from "./util.ts";

export function takeBytes(text: string, n: number): string {
  const b = utf8Encode(text);
  if (n >= b.length) return text;
  return utf8Decode(b.slice(0, n));
}

export function dropLastBytes(text: string, n: number): string {
  const b = utf8Encode(text);
  return utf8Decode(b.slice(0, Math.max(0, b.length - n)));
}

export function lastBytes(text: string, n: number): string {
  const b = utf8Encode(text);
  if (n >= b.length) return text;
  return utf8Decode(b.slice(b.length - n));
}

export function fromByte(text: string, start: number): string {
  const b = utf8Encode(text);
  return utf8Decode(b.slice(start));
}
