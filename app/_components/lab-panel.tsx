"use client";
// Tasks, hints, grading and reset for the lab beside the lesson. Task texts come from the
// server when the terminal attaches (never checks or solutions); "채점하기" shows only when the
// server can grade this lab.
import { useState } from "react";
import type { LabInfo } from "./lab-workspace.tsx";
import InlineText from "./inline-text.tsx";

type Check = { id: string; title?: string; passed: boolean; message?: string };
type Result = { score: number; maxScore: number; passed: boolean; checks: Check[] };

export default function LabPanel(props: { labId: string; lab: LabInfo | null; grading: boolean; onReset(): void }) {
  const { labId, lab, grading } = props;
  const [result, setResult] = useState<Result | null>(null);
  const [error, setError] = useState("");
  const [busy, setBusy] = useState(false);
  const [shownHints, setShownHints] = useState<Record<string, number>>({});

  async function grade() {
    setBusy(true);
    setError("");
    const res = await fetch(`/api/labs/${encodeURIComponent(labId)}/grade`, { method: "POST" });
    const body = await res.json().catch(() => ({}));
    setBusy(false);
    if (!res.ok) setError(body.error ?? "채점하지 못했습니다.");
    else setResult(body);
  }
  const taskResult = (id: string) => result?.checks.find((c) => c.id === id);

  return (
    <section className="lab-panel" data-testid="lab-panel">
      <div className="lab-actions">
        <strong>{lab ? `실습: ${lab.title}` : "실습 과제"}</strong>
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
              if (confirm("실습 환경을 처음 상태로 되돌릴까요? 지금까지 만든 리소스가 모두 사라집니다.")) {
                setResult(null);
                props.onReset();
              }
            }}
          >
            초기화
          </button>
        </span>
      </div>
      {!lab && <p className="muted">이 강의에는 채점 과제가 없습니다. 강의의 명령을 터미널에서 직접 실행해 보세요.</p>}
      {lab?.intro && (
        <p className="lab-intro">
          <InlineText text={lab.intro} />
        </p>
      )}
      {lab && (
        <ol className="lab-tasks">
          {lab.tasks.map((t) => {
            const r = taskResult(t.id);
            const n = shownHints[t.id] ?? 0;
            return (
              <li key={t.id} className={r ? (r.passed ? "pass" : "fail") : ""} data-testid={`task-${t.id}`}>
                <strong>
                  {r ? (r.passed ? "✔ " : "✘ ") : ""}
                  {t.title}
                </strong>
                {t.description && (
                  <div className="task-desc">
                    <InlineText text={t.description} />
                  </div>
                )}
                {r && !r.passed && r.message && <div className="task-feedback">{r.message}</div>}
                {t.hints.slice(0, n).map((h, i) => (
                  <div key={i} className="hint">
                    힌트 {i + 1}: <InlineText text={h} />
                  </div>
                ))}
                {n < t.hints.length && (
                  <button type="button" className="link-button" onClick={() => setShownHints({ ...shownHints, [t.id]: n + 1 })}>
                    힌트 보기 ({n + 1}/{t.hints.length})
                  </button>
                )}
              </li>
            );
          })}
        </ol>
      )}
      {error && <p className="form-error">{error}</p>}
      {result && (
        <p className="grade-summary" data-testid="grade-summary">
          {result.passed ? "모든 과제를 통과했습니다! 🎉" : "아직 통과하지 못한 과제가 있습니다."} ({result.score}/{result.maxScore})
        </p>
      )}
    </section>
  );
}
