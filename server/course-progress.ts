import "server-only";
import { getDb } from "./db/client.ts";
import { listLessonProgress } from "./data/lesson-progress.ts";
import type { Course } from "./content/load-course.ts";

export type ProgressMap = Record<string, "OPENED" | "COMPLETED">;

/** The user's status per lesson slug. */
export async function getProgressMap(userId: string): Promise<ProgressMap> {
  const rows = await listLessonProgress(getDb(), userId);
  return Object.fromEntries(rows.map((r) => [r.lessonSlug, r.status]));
}

export function moduleProgress(course: Course, progress: ProgressMap) {
  return course.modules.map((m) => {
    const done = m.lessons.filter((l) => progress[l.slug] === "COMPLETED").length;
    return { id: m.id, done, total: m.lessons.length, percent: m.lessons.length ? Math.round((done / m.lessons.length) * 100) : 0 };
  });
}
