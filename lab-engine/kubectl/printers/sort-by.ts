// --sort-by: order objects by a JSONPath field the way kubectl's RuntimeSort does: numbers
// numerically, quantities by value, timestamps chronologically, strings lexically.

import type { KObject } from "../../api/types.ts";
import { kerror } from "../errors.ts";
import { isQuantity, parseQuantity, milliValue } from "../../util/quantity.ts";

function getPath(obj: any, path: string): any {
  const p = path.replace(/^\{/, "").replace(/\}$/, "").replace(/^\./, "");
  let cur = obj;
  for (const raw of p.split(".")) {
    if (cur == null) return undefined;
    const m = /^([^\[]*)((?:\[\d+\])*)$/.exec(raw);
    if (!m) return undefined;
    if (m[1]) cur = cur[m[1]];
    for (const idx of m[2].match(/\d+/g) ?? []) cur = cur?.[Number(idx)];
  }
  return cur;
}

export function sortObjects(objs: KObject[], spec: string): KObject[] {
  if (!/^\{?\.?[A-Za-z0-9_.\[\]\-]*\}?$/.test(spec)) throw kerror(`couldn't parse sort-by expression "${spec}"`);
  const keyed = objs.map((o) => ({ o, v: getPath(o, spec) }));
  const cmp = (a: any, b: any): number => {
    if (a === undefined && b === undefined) return 0;
    if (a === undefined) return -1;
    if (b === undefined) return 1;
    if (typeof a === "number" && typeof b === "number") return a - b;
    const sa = String(a);
    const sb = String(b);
    if (isQuantity(sa) && isQuantity(sb)) return milliValue(parseQuantity(sa)) - milliValue(parseQuantity(sb));
    return sa < sb ? -1 : sa > sb ? 1 : 0;
  };
  return keyed.sort((x, y) => cmp(x.v, y.v)).map((x) => x.o);
}
