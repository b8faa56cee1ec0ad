// `event`: an event with a reason (and message) happened on an object.

import type { z } from "zod";
import type { EventCheck } from "../lab-schema.ts";
import { clusterOf, nsOf, result, type CheckContext, type CheckResult } from "./common.ts";

export function checkEvent(ch: z.infer<typeof EventCheck>, ctx: CheckContext): CheckResult {
  const c = clusterOf(ctx, ch.cluster)!;
  const ns = nsOf(ctx, ch.namespace);
  const reason = new RegExp(`^(?:${ch.reason})$`);
  const msg = ch.message ? new RegExp(ch.message) : undefined;
  const name = ch.objectName ? new RegExp(`^(?:${ch.objectName})$`) : undefined;
  const evs = c.store.list("events", ns).filter((e: any) => {
    const io = e.involvedObject ?? e.regarding ?? {};
    return reason.test(e.reason ?? "") && (!msg || msg.test(e.message ?? e.note ?? "")) && (!ch.objectKind || io.kind === ch.objectKind) && (!name || name.test(io.name ?? ""));
  });
  const target = [ch.objectKind, ch.objectName].filter(Boolean).join(" ");
  const expected = `${ch.absent ? "없어야 하는" : ""} 이벤트 reason=${ch.reason}${ch.message ? `, 메시지 /${ch.message}/` : ""}${target ? ` (대상 ${target})` : ""}, 네임스페이스 ${ns}`.trim();
  const found = evs.length ? evs.slice(0, 3).map((e: any) => `${e.involvedObject?.kind ?? ""}/${e.involvedObject?.name ?? ""} ${e.reason}: ${e.message ?? ""}`).join("; ") : "해당 이벤트가 없습니다";
  const ok = ch.absent ? evs.length === 0 : evs.length > 0;
  return result(ch, ok, expected, found, ch.absent ? "원인을 고쳐 이 이벤트가 더 나오지 않게 하세요." : `kubectl get events -n ${ns}로 이벤트를 확인하세요.`);
}
