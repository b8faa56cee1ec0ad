import type { Db } from "../db/client.ts";
import { requireUserId } from "./require-user-id.ts";

export async function loadSandboxSnapshot(db: Db, userId: string, labId: string): Promise<unknown | null> {
  requireUserId(userId);
  const row = await db.sandboxSnapshot.findUnique({ where: { userId_labId: { userId, labId } } });
  return row?.data ?? null;
}

export async function saveSandboxSnapshot(db: Db, userId: string, labId: string, data: unknown) {
  requireUserId(userId);
  const json = data as any;
  await db.sandboxSnapshot.upsert({
    where: { userId_labId: { userId, labId } },
    create: { userId, labId, data: json },
    update: { data: json },
  });
}

export async function deleteSandboxSnapshot(db: Db, userId: string, labId: string) {
  requireUserId(userId);
  await db.sandboxSnapshot.deleteMany({ where: { userId, labId } });
}
