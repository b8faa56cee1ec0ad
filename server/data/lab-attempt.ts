import type { Db } from "../db/client.ts";
import { requireUserId } from "./require-user-id.ts";
import { saveSandboxState } from "./sandbox-snapshot.ts";

export async function startLabAttempt(db: Db, userId: string, labId: string) {
  requireUserId(userId);
  return db.labAttempt.create({ data: { userId, labId } });
}

export async function endLabAttempt(db: Db, userId: string, attemptId: string) {
  requireUserId(userId);
  await db.labAttempt.updateMany({ where: { id: attemptId, userId, endedAt: null }, data: { endedAt: new Date() } });
}

/** Appends typed command lines of one lab session (attempt), in order. */
export async function recordCommands(db: Db, userId: string, labId: string, attemptId: string | null, commands: string[]) {
  await saveSandboxState(db, userId, labId, { attemptId, commands });
}

export async function listCommands(db: Db, userId: string, labId: string, limit = 200) {
  requireUserId(userId);
  return db.commandHistory.findMany({
    where: { userId, labId },
    orderBy: { createdAt: "asc" },
    take: limit,
    select: { command: true, createdAt: true, attemptId: true },
  });
}
