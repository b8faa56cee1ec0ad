import "server-only";
import { getHostedServices } from "./hosted-services.ts";
import { getDb } from "./db/client.ts";
import { saveGradingResult, type CheckResult } from "./data/grading-result.ts";
import { AppError } from "./errors.ts";

/** Grades the caller's own sandbox for a lab and stores the result. */
export async function gradeLabForUser(userId: string, labId: string) {
  const registry = getHostedServices()?.registry;
  if (!registry?.engine.gradeLab) throw new AppError("NOT_FOUND", "채점 기능을 아직 사용할 수 없습니다.");
  if (!/^[a-z0-9][a-z0-9._-]{0,63}$/.test(labId)) throw new AppError("INVALID_INPUT");
  const raw: any = await registry.grade(userId, labId);
  const list: any[] = Array.isArray(raw) ? raw : Array.isArray(raw?.checks) ? raw.checks : [];
  const checks: CheckResult[] = list.map((c, i) => ({
    id: String(c.id ?? i + 1),
    title: c.title ?? c.name ?? c.description,
    passed: Boolean(c.passed ?? c.ok ?? c.pass),
    message: c.message ?? c.detail ?? c.hint,
  }));
  const saved = await saveGradingResult(getDb(), userId, labId, { checks });
  return { score: saved.score, maxScore: saved.maxScore, passed: saved.passed, checks };
}
