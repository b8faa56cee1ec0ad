// `command`: a shell line run in a throwaway copy of the sandbox (never the learner's),
// its stdout compared with an exact text or a regex (like Killercoda's verify scripts).

import type { z } from "zod";
import type { CommandCheck } from "../lab-schema.ts";
import { result, type CheckContext, type CheckResult } from "./common.ts";

export async function checkCommand(ch: z.infer<typeof CommandCheck>, ctx: CheckContext): Promise<CheckResult> {
  const sb = await ctx.clone();
  const r = await sb.run(ch.run);
  const out = r.stdout.replace(/\n+$/, "");
  const conds: string[] = [];
  let ok = true;
  if (ch.expect !== undefined) {
    conds.push(`출력 ${JSON.stringify(ch.expect)}`);
    if (out.trim() !== ch.expect.trim()) ok = false;
  }
  if (ch.regex !== undefined) {
    conds.push(`출력이 /${ch.regex}/에 맞음`);
    if (!new RegExp(ch.regex, "m").test(r.stdout)) ok = false;
  }
  if (ch.exitCode !== undefined) {
    conds.push(`종료 코드 ${ch.exitCode}`);
    if (r.exitCode !== ch.exitCode) ok = false;
  }
  const expected = `\`${ch.run}\`: ${conds.join(", ") || "성공"}`;
  const shown = (out || r.stderr.trim() || "(출력 없음)").slice(0, 300);
  return result(ch, ok, expected, `${JSON.stringify(shown)} (종료 코드 ${r.exitCode})`, `직접 \`${ch.run}\`을(를) 실행해 출력을 확인하세요.`);
}
