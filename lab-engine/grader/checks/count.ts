// `count`: how many objects of a type (with a selector and field conditions) exist.

import type { z } from "zod";
import type { CountCheck } from "../lab-schema.ts";
import { clusterOf, nsOf, resource, listObjects, kindKo, getPath, matchesExpected, describeExpected, result, type CheckContext, type CheckResult } from "./common.ts";

export function checkCount(ch: z.infer<typeof CountCheck>, ctx: CheckContext): CheckResult {
  const c = clusterOf(ctx, ch.cluster)!;
  const ri = resource(ch.resource);
  const ns = ch.allNamespaces ? undefined : nsOf(ctx, ch.namespace);
  let objs = listObjects(c, ri, ns, ch.selector);
  if (ri.plural === "pods") objs = objs.filter((o) => !o.metadata.deletionTimestamp);
  const conds = Object.entries(ch.where ?? {});
  objs = objs.filter((o) => conds.every(([p, e]) => matchesExpected(getPath(o, p), e)));
  const n = objs.length;
  const range = ch.expected !== undefined ? `정확히 ${ch.expected}개` : [ch.min !== undefined ? `${ch.min}개 이상` : "", ch.max !== undefined ? `${ch.max}개 이하` : ""].filter(Boolean).join(", ");
  const scope = ri.namespaced ? (ns ? `네임스페이스 ${ns}의 ` : "모든 네임스페이스의 ") : "";
  const filter = [ch.selector ? `셀렉터 ${ch.selector}` : "", ...conds.map(([p, e]) => `${p} = ${describeExpected(e)}`)].filter(Boolean).join(", ");
  const expected = `${scope}${kindKo(ri)}${filter ? `(${filter})` : ""} ${range}`;
  const ok = (ch.expected === undefined || n === ch.expected) && (ch.min === undefined || n >= ch.min) && (ch.max === undefined || n <= ch.max);
  const names = objs.slice(0, 8).map((o) => o.metadata.name).join(", ");
  const found = `${n}개${n ? `: ${names}${n > 8 ? " …" : ""}` : ""}`;
  const want = ch.expected ?? (n < (ch.min ?? -Infinity) ? ch.min : ch.max);
  return result(ch, ok, expected, found, `${kindKo(ri)}이(가) ${n}개입니다. ${want}개가 되도록 만들거나 삭제하세요.`);
}
