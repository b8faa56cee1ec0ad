import type { Db } from "../db/client.ts";
import { requireUserId } from "./require-user-id.ts";

/** Records that the user opened a lesson; keeps COMPLETED if it already was. */
export async function markLessonOpened(db: Db, userId: string, lessonSlug: string) {
  requireUserId(userId);
  return db.lessonProgress.upsert({
    where: { userId_lessonSlug: { userId, lessonSlug } },
    create: { userId, lessonSlug },
    update: {},
  });
}

export async function markLessonCompleted(db: Db, userId: string, lessonSlug: string) {
  requireUserId(userId);
  const now = new Date();
  return db.lessonProgress.upsert({
    where: { userId_lessonSlug: { userId, lessonSlug } },
    create: { userId, lessonSlug, status: "COMPLETED", completedAt: now },
    update: { status: "COMPLETED", completedAt: now },
  });
}

export async function listLessonProgress(db: Db, userId: string) {
  requireUserId(userId);
  return db.lessonProgress.findMany({ where: { userId }, orderBy: { openedAt: "asc" } });
}
