import "server-only";
import { getHostedServices } from "./hosted-services.ts";
import { getDb } from "./db/client.ts";
import { saveGradingResult, type CheckResult } from "./data/grading-result.ts";
import { AppError } from "./errors.ts";
import { SandboxElsewhereError } from "./sandbox-host/sandbox-registry.ts";

type EngineCheck = { checkId: string; title?: string; passed: boolean; expected?: string; found?: string; hint?: string };
type EngineResult = { passed: boolean; score: { passed: number; total: number }; tasks: { taskId: string; title: string; passed: boolean; checks: EngineCheck[] }[] };

/** Grades the caller's own sandbox for a lab and stores the result (one entry per task). */
export async function gradeLabForUser(userId: string, labId: string) {
  const registry = getHostedServices()?.registry;
  if (!registry?.engine.gradeLab) throw new AppError("NOT_FOUND", "채점 기능을 아직 사용할 수 없습니다.");
  if (!/^[a-z0-9][a-z0-9._-]{0,63}$/.test(labId)) throw new AppError("INVALID_INPUT");
  const raw = (await registry.grade(userId, labId).catch((e) => {
    if (e instanceof SandboxElsewhereError) throw new AppError("SANDBOX_ELSEWHERE", e.message);
    throw e;
  })) as EngineResult | null;
  if (!raw) throw new AppError("NOT_FOUND", "이 실습에는 채점 항목이 없습니다.");
  const checks: CheckResult[] = raw.tasks.map((t) => {
    const failed = t.checks.find((c) => !c.passed);
    return {
      id: t.taskId,
      title: t.title,
      passed: t.passed,
      message: failed ? [failed.title, failed.expected && `기대: ${failed.expected}`, failed.found && `현재: ${failed.found}`, failed.hint].filter(Boolean).join(" · ") : undefined,
      detail: t.checks.map((c) => ({ id: c.checkId, title: c.title, passed: c.passed, expected: c.expected, found: c.found, hint: c.hint })),
    };
  });
  const saved = await saveGradingResult(getDb(), userId, labId, { checks });
  return { score: saved.score, maxScore: saved.maxScore, passed: saved.passed, checks };
}
