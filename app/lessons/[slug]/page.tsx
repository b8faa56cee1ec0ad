import Link from "next/link";
import { notFound, redirect } from "next/navigation";
import { findLesson, labIdForLesson } from "@/server/content/load-course.ts";
import { renderMarkdown } from "@/server/content/render-markdown.ts";
import { getSessionUser } from "@/server/auth/get-session-user.ts";
import { openLessonForUser } from "@/server/open-lesson-for-user.ts";
import LessonContent from "../../_components/lesson-content.tsx";
import LabWorkspace from "../../_components/lab-workspace.tsx";
import CompleteButton from "../../_components/complete-button.tsx";

export const dynamic = "force-dynamic";

export default async function LessonPage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const found = findLesson(slug);
  if (!found) notFound();
  const user = await getSessionUser();
  if (!user) redirect(`/login?callbackUrl=${encodeURIComponent(`/lessons/${slug}`)}`);
  const status = await openLessonForUser(user.id, slug);
  const { lesson, prev, next } = found;
  const html = renderMarkdown(lesson.body);
  return (
    <div className="lesson-layout">
      <article className="lesson">
        <p className="crumbs">
          <Link href="/">코스</Link> › {lesson.title}
        </p>
        <h1 className="lesson-title">{lesson.title}</h1>
        {lesson.objectives.length > 0 && (
          <div className="objectives">
            <strong>학습 목표</strong>
            <ul>
              {lesson.objectives.map((o) => (
                <li key={o}>{o}</li>
              ))}
            </ul>
          </div>
        )}
        <LessonContent html={html} />
        <div className="lesson-footer">
          <CompleteButton slug={slug} completed={status === "COMPLETED"} />
          <div className="lesson-nav">
            {prev && <Link href={`/lessons/${prev.slug}`}>← {prev.title}</Link>}
            {next && <Link href={`/lessons/${next.slug}`}>{next.title} →</Link>}
          </div>
        </div>
      </article>
      <LabWorkspace labIds={lesson.labs.length ? lesson.labs : [labIdForLesson(lesson)]} />
    </div>
  );
}
