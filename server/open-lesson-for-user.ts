import "server-only";
import { getDb } from "./db/client.ts";
import { markLessonOpened } from "./data/lesson-progress.ts";

/** Marks the lesson opened (keeps COMPLETED) and returns its status. */
export async function openLessonForUser(userId: string, slug: string) {
  const row = await markLessonOpened(getDb(), userId, slug);
  return row.status;
}
