import Link from "next/link";
import { loadCourse } from "@/server/content/load-course.ts";
import { getSessionUser } from "@/server/auth/get-session-user.ts";
import { getProgressMap, moduleProgress } from "@/server/course-progress.ts";
import ProgressBar from "./_components/progress-bar.tsx";

export const dynamic = "force-dynamic";

export default async function HomePage() {
  const course = loadCourse();
  const user = await getSessionUser();
  const progress = user ? await getProgressMap(user.id) : {};
  const perModule = moduleProgress(course, progress);
  return (
    <div className="home">
      <section className="hero">
        <h1>실습으로 배우는 쿠버네티스</h1>
        <p>
          강의를 읽으며 바로 옆 터미널에서 나만의 쿠버네티스 1.32 클러스터를 다뤄 보세요. 클러스터는 브라우저를 닫아도 그대로
          남아 있습니다.
        </p>
        {!user && (
          <p>
            <Link href="/login" className="button">
              로그인하고 시작하기
            </Link>
          </p>
        )}
      </section>
      {course.modules.map((m, i) => (
        <section key={m.id} className="module" data-testid={`module-${m.id}`}>
          <div className="module-head">
            <h2>
              {i + 1}. {m.title}
            </h2>
            {user && (
              <span className="module-progress">
                {perModule[i].done}/{perModule[i].total} 완료
              </span>
            )}
          </div>
          {user && <ProgressBar percent={perModule[i].percent} label={`${m.title} 진도`} />}
          <p className="summary">{m.summary}</p>
          {m.lessons.length === 0 ? (
            <p className="muted">준비 중인 모듈입니다.</p>
          ) : (
            <ol className="lesson-list">
              {m.lessons.map((l) => (
                <li key={l.slug}>
                  <Link href={`/lessons/${l.slug}`}>{l.title}</Link>
                  {progress[l.slug] === "COMPLETED" ? (
                    <span className="badge done">완료</span>
                  ) : progress[l.slug] === "OPENED" ? (
                    <span className="badge">학습 중</span>
                  ) : null}
                  {l.estimatedMinutes ? <span className="muted"> · {l.estimatedMinutes}분</span> : null}
                </li>
              ))}
            </ol>
          )}
        </section>
      ))}
    </div>
  );
}
