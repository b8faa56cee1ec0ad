// `exists`: an object exists (or does not), with fields matching.

import type { ExistsCheck } from "../lab-schema.ts";
import type { z } from "zod";
import { clusterOf, nsOf, resource, listObjects, getObject, where, getPath, matchesExpected, describeExpected, showFound, result, type CheckContext, type CheckResult } from "./common.ts";

export function checkExists(ch: z.infer<typeof ExistsCheck>, ctx: CheckContext): CheckResult {
  const c = clusterOf(ctx, ch.cluster);
  const ri = resource(ch.resource);
  const ns = nsOf(ctx, ch.namespace);
  const label = where(ri, ns, ch.name);
  if (!c) return result(ch, false, `${label}`, `클러스터(컨텍스트) ${ch.cluster}이(가) 없습니다`, `kubeconfig의 컨텍스트 ${ch.cluster}을(를) 확인하세요.`);
  const objs = ch.name ? [getObject(c, ri, ns, ch.name)].filter((o) => o !== undefined) : listObjects(c, ri, ns, ch.selector);
  if (ch.absent) {
    return objs.length === 0
      ? result(ch, true, `${label}이(가) 없어야 합니다`, "없음")
      : result(ch, false, `${label}이(가) 없어야 합니다`, `아직 있습니다: ${objs.map((o) => o.metadata.name).join(", ")}`, `kubectl delete로 ${label}을(를) 삭제하세요.`);
  }
  if (!objs.length) {
    const what = ch.selector ? `${label}(셀렉터 ${ch.selector})` : label;
    return result(ch, false, `${what}이(가) 있어야 합니다`, `${what}이(가) 없습니다`, `${what}을(를) 만드세요. 이름과 네임스페이스를 확인하세요.`);
  }
  const fields = Object.entries(ch.fields ?? {});
  const expected = fields.length ? `${label}: ${fields.map(([p, e]) => `${p} = ${describeExpected(e)}`).join(", ")}` : `${label}이(가) 있어야 합니다`;
  // With a selector, one object that satisfies every field is enough.
  let best: { missing: string[] } | undefined;
  for (const o of objs) {
    const missing: string[] = [];
    for (const [p, e] of fields) {
      const vals = getPath(o, p);
      if (!matchesExpected(vals, e)) missing.push(`${p} = ${showFound(vals)}`);
    }
    if (!missing.length) return result(ch, true, expected, objs.length > 1 ? `${o.metadata.name}: 조건 충족` : "조건 충족");
    if (!best || missing.length < best.missing.length) best = { missing };
  }
  return result(ch, false, expected, `현재 ${best!.missing.join(", ")}`, `${label}의 ${best!.missing.map((m) => m.split(" = ")[0]).join(", ")} 값을 확인하세요 (kubectl get ${ri.plural} -o yaml).`);
}
