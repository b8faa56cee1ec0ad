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
    VALUES (${randomUUID()}, ${userId}, ${labId}, ${json}::json, now())
    ON CONFLICT ("userId", "labId") DO UPDATE SET "data" = EXCLUDED."data", "updatedAt" = now()`;
}

export async function deleteSandboxSnapshot(db: Db, userId: string, labId: string) {
  requireUserId(userId);
  await db.sandboxSnapshot.deleteMany({ where: { userId, labId } });
}

/**
 * What a sandbox save writes, in one statement (one round trip; on PGlite one pass on the
 * server's thread): the snapshot (when it changed) and the command lines typed since the last
 * save, appended in order to the attempt's history.
 */
export async function saveSandboxState(
  db: Db,
  userId: string,
  labId: string,
  state: { json?: string; attemptId: string | null; commands: string[] },
) {
  requireUserId(userId);
  const { json, attemptId } = state;
  const commands = state.commands.map((c) => c.slice(0, 4000));
  if (commands.length === 0) {
    if (json !== undefined) await saveSandboxSnapshot(db, userId, labId, json);
    return;
  }
  const ids = commands.map(() => randomUUID());
  if (json === undefined) {
    await db.$executeRaw`INSERT INTO "CommandHistory" ("id", "userId", "labId", "attemptId", "command", "createdAt")
      SELECT c.id, ${userId}, ${labId}, ${attemptId}, c.command, now() + (c.n - 1) * interval '1 millisecond'
      FROM unnest(${ids}::text[], ${commands}::text[]) WITH ORDINALITY AS c(id, command, n)`;
    return;
  }
  await db.$executeRaw`WITH snap AS (
      INSERT INTO "SandboxSnapshot" ("id", "userId", "labId", "data", "updatedAt")
      VALUES (${randomUUID()}, ${userId}, ${labId}, ${json}::json, now())
      ON CONFLICT ("userId", "labId") DO UPDATE SET "data" = EXCLUDED."data", "updatedAt" = now()
    )
    INSERT INTO "CommandHistory" ("id", "userId", "labId", "attemptId", "command", "createdAt")
    SELECT c.id, ${userId}, ${labId}, ${attemptId}, c.command, now() + (c.n - 1) * interval '1 millisecond'
    FROM unnest(${ids}::text[], ${commands}::text[]) WITH ORDINALITY AS c(id, command, n)`;
}
