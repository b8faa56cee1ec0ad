// `podReady`: pods (by name or selector) Running and Ready.

import type { z } from "zod";
import type { PodReadyCheck } from "../lab-schema.ts";
import { clusterOf, nsOf, resource, listObjects, getObject, podReady, podStatusText, restarts, result, type CheckContext, type CheckResult } from "./common.ts";

export function checkPodReady(ch: z.infer<typeof PodReadyCheck>, ctx: CheckContext): CheckResult {
  const c = clusterOf(ctx, ch.cluster)!;
  const ns = nsOf(ctx, ch.namespace);
  const ri = resource("pods");
  const pods = ch.name ? [getObject(c, ri, ns, ch.name)].filter((p) => p !== undefined) : listObjects(c, ri, ns, ch.selector).filter((p) => !p.metadata.deletionTimestamp);
  const want = ch.count ?? 1;
  const what = ch.name ? `파드 ${ch.name}` : `셀렉터 ${ch.selector ?? "(전체)"}에 맞는 파드`;
  const expected = `네임스페이스 ${ns}의 ${what} ${ch.exact ? "정확히" : "최소"} ${want}개가 Running이고 Ready`;
  const ready = pods.filter((p) => podReady(p) && (ch.maxRestarts === undefined || restarts(p) <= ch.maxRestarts));
  const ok = ch.exact ? ready.length === want && pods.length === want : ready.length >= want;
  const found = pods.length
    ? `Ready ${ready.length}개 / 전체 ${pods.length}개 (${pods.map((p) => `${p.metadata.name}: ${podReady(p) ? "Ready" : podStatusText(p)}${restarts(p) ? `, 재시작 ${restarts(p)}회` : ""}`).join("; ")})`
    : "해당 파드가 없습니다";
  let hint = `kubectl get pods -n ${ns}와 kubectl describe pod로 상태와 이벤트를 확인하세요.`;
  if (!pods.length) hint = `${what}이(가) 없습니다. 이름·레이블·네임스페이스를 확인하세요.`;
  else if (ch.exact && pods.length > want) hint = `파드가 ${pods.length}개입니다. 정확히 ${want}개여야 합니다.`;
  return result(ch, ok, expected, found, hint);
}
