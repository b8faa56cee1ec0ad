// awk values: numbers, strings, "strnums" (input that looks numeric) and the uninitialized value.

import { formatPrintf } from "./printf-format.ts";

export class StrNum {
  constructor(public s: string, public n: number) {}
}

export type Val = number | string | StrNum | undefined;
export type AwkArray = Map<string, Val>;

const NUMERIC = /^[ \t\n\r\f\v]*[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?[ \t\n\r\f\v]*$/;

/** Value read from input: a strnum when it looks like a number. */
export function inputVal(s: string): Val {
  return NUMERIC.test(s) ? new StrNum(s, Number(s.trim())) : s;
}

export function strtod(s: string): number {
  const m = /^[ \t\n\r\f\v]*([+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?)/.exec(s);
  if (m) return Number(m[1]);
  const inf = /^[ \t\n]*([+-])(inf|nan)/i.exec(s);
  if (inf) return inf[2].toLowerCase() === "nan" ? NaN : inf[1] === "-" ? -Infinity : Infinity;
  return 0;
}

export function toNum(v: Val): number {
  if (typeof v === "number") return v;
  if (v === undefined) return 0;
  if (v instanceof StrNum) return v.n;
  return strtod(v);
}

export function numToStr(n: number, fmt: string): string {
  if (Number.isInteger(n)) {
    if (Math.abs(n) < 1e16) return Object.is(n, -0) ? "-0" : n.toFixed(0);
    if (Math.abs(n) < 2 ** 63) return BigInt(n).toString();
  }
  if (isNaN(n)) return "-nan";
  if (!isFinite(n)) return n > 0 ? "+inf" : "-inf";
  return formatPrintf(fmt, [n]);
}

export function toStr(v: Val, convfmt = "%.6g"): string {
  if (typeof v === "string") return v;
  if (v === undefined) return "";
  if (v instanceof StrNum) return v.s;
  return numToStr(v, convfmt);
}

export function toBool(v: Val): boolean {
  if (typeof v === "number") return v !== 0;
  if (v === undefined) return false;
  if (v instanceof StrNum) return v.n !== 0;
  return v !== "";
}

function isNumeric(v: Val): boolean {
  return typeof v === "number" || v instanceof StrNum || v === undefined;
}

export function compare(a: Val, b: Val, convfmt: string): number {
  if (isNumeric(a) && isNumeric(b)) {
    const x = toNum(a), y = toNum(b);
    return x < y ? -1 : x > y ? 1 : x === y ? 0 : isNaN(x) ? (isNaN(y) ? 0 : 1) : -1;
  }
  const s = toStr(a, convfmt), t = toStr(b, convfmt);
  return s < t ? -1 : s > t ? 1 : 0;
}
