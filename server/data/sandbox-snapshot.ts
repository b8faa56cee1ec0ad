import { randomUUID } from "node:crypto";
import type { Db } from "../db/client.ts";
import { requireUserId } from "./require-user-id.ts";

export async function loadSandboxSnapshot(db: Db, userId: string, labId: string): Promise<unknown | null> {
  requireUserId(userId);
  const row = await db.sandboxSnapshot.findUnique({ where: { userId_labId: { userId, labId } } });
  return row?.data ?? null;
}

/**
 * One INSERT … ON CONFLICT statement: Prisma's upsert costs ~4x more, and on the embedded PGlite
 * (same thread as the server) every millisecond here is event-loop lag for all terminals.
 */
export async function saveSandboxSnapshot(db: Db, userId: string, labId: string, data: unknown) {
  requireUserId(userId);
  const json = typeof data === "string" ? data : JSON.stringify(data);
  await db.$executeRaw`INSERT INTO "SandboxSnapshot" ("id", "userId", "labId", "data", "updatedAt")
    VALUES (${randomUUID()}, ${userId}, ${labId}, ${json}::jsonb, now())
    ON CONFLICT ("userId", "labId") DO UPDATE SET "data" = EXCLUDED."data", "updatedAt" = now()`;
}

export async function deleteSandboxSnapshot(db: Db, userId: string, labId: string) {
  requireUserId(userId);
  await db.sandboxSnapshot.deleteMany({ where: { userId, labId } });
}
