import { NextResponse } from "next/server";
import { getSessionUser } from "@/server/auth/get-session-user.ts";
import { getDb } from "@/server/db/client.ts";
import { markLessonCompleted, markLessonOpened } from "@/server/data/lesson-progress.ts";
import { findLesson } from "@/server/content/load-course.ts";
import { errorCodes } from "@/server/errors.ts";

export async function POST(req: Request) {
  const user = await getSessionUser();
  if (!user) return NextResponse.json({ error: errorCodes.UNAUTHENTICATED.message }, { status: 401 });
  const body = await req.json().catch(() => ({}));
  const slug = typeof body.slug === "string" ? body.slug : "";
  if (!findLesson(slug)) return NextResponse.json({ error: errorCodes.NOT_FOUND.message }, { status: 404 });
  const row =
    body.status === "COMPLETED" ? await markLessonCompleted(getDb(), user.id, slug) : await markLessonOpened(getDb(), user.id, slug);
  return NextResponse.json({ ok: true, status: row.status });
}
