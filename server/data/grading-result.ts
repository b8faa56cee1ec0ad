import type { Db } from "../db/client.ts";
import { requireUserId } from "./require-user-id.ts";

export type CheckResult = { id: string; title?: string; passed: boolean; message?: string; detail?: unknown };

export async function saveGradingResult(
  db: Db,
  userId: string,
  labId: string,
  result: { checks: CheckResult[]; attemptId?: string | null },
) {
  requireUserId(userId);
  const score = result.checks.filter((c) => c.passed).length;
  const maxScore = result.checks.length;
  return db.gradingResult.create({
    data: {
      userId,
      labId,
      attemptId: result.attemptId ?? null,
      score,
      maxScore,
      passed: maxScore > 0 && score === maxScore,
      checks: result.checks as any,
    },
  });
}

export async function listGradingResults(db: Db, userId: string, labId?: string) {
  requireUserId(userId);
  return db.gradingResult.findMany({
    where: { userId, ...(labId ? { labId } : {}) },
    orderBy: { createdAt: "desc" },
    take: 50,
  });
}
