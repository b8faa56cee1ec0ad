import Link from "next/link";
import { redirect } from "next/navigation";
import { loadCourse } from "@/server/content/load-course.ts";
import { getSessionUser } from "@/server/auth/get-session-user.ts";
import { getProgressMap, moduleProgress } from "@/server/course-progress.ts";
import { getRecentGrades } from "@/server/recent-grades.ts";
import ProgressBar from "../_components/progress-bar.tsx";

export const dynamic = "force-dynamic";

export default async function MyLearningPage() {
  const user = await getSessionUser();
  if (!user) redirect("/login?callbackUrl=/me");
  const course = loadCourse();
  const progress = await getProgressMap(user.id);
  const perModule = moduleProgress(course, progress);
  const total = course.lessons.length;
  const done = course.lessons.filter((l) => progress[l.slug] === "COMPLETED").length;
  const grades = await getRecentGrades(user.id);
  return (
    <div className="me">
      <h1>내 학습</h1>
      <p>
        전체 {total}개 강의 중 <strong data-testid="done-count">{done}</strong>개 완료
      </p>
      <ProgressBar percent={total ? Math.round((done / total) * 100) : 0} label="전체 진도" />
      {course.modules.map((m, i) => (
        <section key={m.id} className="module">
          <div className="module-head">
            <h2>{m.title}</h2>
            <span className="module-progress">
              {perModule[i].done}/{perModule[i].total}
            </span>
          </div>
          <ProgressBar percent={perModule[i].percent} label={`${m.title} 진도`} />
          <ul className="lesson-list">
            {m.lessons.map((l) => (
              <li key={l.slug}>
                <Link href={`/lessons/${l.slug}`}>{l.title}</Link>{" "}
                <span className={`badge ${progress[l.slug] === "COMPLETED" ? "done" : ""}`}>
                  {progress[l.slug] === "COMPLETED" ? "완료" : progress[l.slug] === "OPENED" ? "학습 중" : "시작 전"}
                </span>
              </li>
            ))}
          </ul>
        </section>
      ))}
      <section>
        <h2>최근 채점 결과</h2>
        {grades.length === 0 ? (
          <p className="muted">아직 채점 기록이 없습니다.</p>
        ) : (
          <table>
            <thead>
              <tr>
                <th>실습</th>
                <th>점수</th>
                <th>결과</th>
                <th>시각</th>
              </tr>
            </thead>
            <tbody>
              {grades.map((g) => (
                <tr key={g.id}>
                  <td>{g.labId}</td>
                  <td>
                    {g.score}/{g.maxScore}
                  </td>
                  <td>{g.passed ? "통과" : "미통과"}</td>
                  <td>{g.createdAt.toLocaleString("ko-KR", { timeZone: "Asia/Seoul" })}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </div>
  );
}
