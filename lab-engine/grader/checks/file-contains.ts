// `fileContains`: a workstation file exists and holds a text or matches a regex.

import type { z } from "zod";
import type { FileContainsCheck } from "../lab-schema.ts";
import { result, type CheckContext, type CheckResult } from "./common.ts";

export function checkFileContains(ch: z.infer<typeof FileContainsCheck>, ctx: CheckContext): CheckResult {
  const fs = ctx.sb.fs;
  const what = ch.contains !== undefined ? `${JSON.stringify(ch.contains)} 포함` : ch.regex !== undefined ? `/${ch.regex}/에 맞는 내용` : "존재";
  const expected = `파일 ${ch.path}: ${what}`;
  let text: string;
  try {
    if (!fs.exists(ch.path)) return result(ch, false, expected, "파일이 없습니다", `${ch.path} 파일을 만드세요 (예: 명령 > ${ch.path}).`);
    text = fs.readFile(ch.path);
  } catch {
    return result(ch, false, expected, "파일을 읽을 수 없습니다(디렉터리?)", `${ch.path}은(는) 일반 파일이어야 합니다.`);
  }
  const ok = (ch.contains === undefined || text.includes(ch.contains)) && (ch.regex === undefined || new RegExp(ch.regex, "m").test(text));
  const shown = text.length > 200 ? text.slice(0, 200) + "…" : text;
  return result(ch, ok, expected, `내용: ${JSON.stringify(shown.replace(/\n$/, ""))}`, `${ch.path}의 내용을 확인하세요 (cat ${ch.path}).`);
}
