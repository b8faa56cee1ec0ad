// "for (k in a)" order as gawk 5 produces it: string subscripts follow gawk's str_array hash
// table (sdbm hash, prime table sizes, chains grown at 2 entries per bucket); arrays whose first
// subscript is a non-negative integer are cint arrays, listing other subscripts first and then
// the integers in ascending order.

import { utf8Encode } from "./util.ts";

const SIZES = [13, 127, 1021, 8191, 16381, 32749, 65497, 131101, 262147, 524309, 1048583, 2097169, 4194319];
const STR_CHAIN_MAX = 2;

function gawkHash(s: string): number {
  let h = 0;
  for (const b of utf8Encode(s)) h = (Math.imul(h, 65599) + b) >>> 0;
  return h;
}

/** Order of string subscripts, simulating insertions in the given order. */
export function strArrayOrder(keys: string[]): string[] {
  if (keys.length === 0) return [];
  let size = SIZES[0];
  let buckets: string[][] = Array.from({ length: size }, () => []);
  const codes = new Map<string, number>();
  const code = (k: string) => {
    let c = codes.get(k);
    if (c === undefined) {
      c = gawkHash(k);
      codes.set(k, c);
    }
    return c;
  };
  let n = 0;
  for (const k of keys) {
    n++;
    if (Math.floor(n / size) > STR_CHAIN_MAX) {
      const ns = SIZES.find((x) => x > size);
      if (ns !== undefined) {
        const nb: string[][] = Array.from({ length: ns }, () => []);
        for (let i = 0; i < size; i++) for (const c of buckets[i]) nb[code(c) % ns].unshift(c);
        buckets = nb;
        size = ns;
      }
    }
    buckets[code(k) % size].unshift(k);
  }
  return buckets.flat();
}

const NONNEG_INT = /^(0|[1-9][0-9]{0,15})$/;
const INT = /^(0|-?[1-9][0-9]{0,15})$/;

export function forInOrder(keys: string[]): string[] {
  if (keys.length === 0) return [];
  if (!INT.test(keys[0])) return strArrayOrder(keys);
  const ints: string[] = [];
  const other: string[] = [];
  for (const k of keys) (NONNEG_INT.test(k) ? ints : other).push(k);
  ints.sort((a, b) => Number(a) - Number(b));
  return [...strArrayOrder(other), ...ints];
}
