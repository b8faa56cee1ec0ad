"use client";
// Tasks, hints, grading and reset for the lab. Tasks and hints arrive with the grader; until
// then the panel shows a placeholder and hides "채점하기" when the server cannot grade.
import { useState } from "react";

type Check = { id: string; title?: string; passed: boolean; message?: string };
type Result = { score: number; maxScore: number; passed: boolean; checks: Check[] };

export default function LabPanel({ labId, grading, onReset }: { labId: string; grading: boolean; onReset(): void }) {
  const [result, setResult] = useState<Result | null>(null);
  const [error, setError] = useState("");
  const [busy, setBusy] = useState(false);

  async function grade() {
    setBusy(true);
    setError("");
    const res = await fetch(`/api/labs/${encodeURIComponent(labId)}/grade`, { method: "POST" });
    const body = await res.json().catch(() => ({}));
    setBusy(false);
    if (!res.ok) setError(body.error ?? "채점하지 못했습니다.");
    else setResult(body);
  }

  return (
    <section className="lab-panel" data-testid="lab-panel">
      <div className="lab-actions">
        <strong>실습 과제</strong>
        <span>
          {grading && (
            <button type="button" onClick={grade} disabled={busy}>
              {busy ? "채점 중…" : "채점하기"}
            </button>
          )}{" "}
          <button
            type="button"
            className="secondary"
            onClick={() => {
              if (confirm("실습 환경을 처음 상태로 되돌릴까요? 지금까지 만든 리소스가 모두 사라집니다.")) onReset();
            }}
          >
            초기화
          </button>
        </span>
      </div>
      {!grading && <p className="muted">이 실습의 과제와 힌트, 자동 채점은 준비 중입니다. 강의의 명령을 터미널에서 직접 실행해 보세요.</p>}
      {error && <p className="form-error">{error}</p>}
      {result && (
        <div className="grade-result">
          <p>
            {result.passed ? "모든 항목 통과!" : "아직 통과하지 못한 항목이 있습니다."} ({result.score}/{result.maxScore})
          </p>
          <ul>
            {result.checks.map((c) => (
              <li key={c.id} className={c.passed ? "pass" : "fail"}>
                {c.passed ? "✔" : "✘"} {c.title ?? c.id}
                {c.message ? ` — ${c.message}` : ""}
              </li>
            ))}
          </ul>
        </div>
      )}
    </section>
  );
}
