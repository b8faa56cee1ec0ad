"use client";
import { useState } from "react";

export default function CompleteButton({ slug, completed }: { slug: string; completed: boolean }) {
  const [done, setDone] = useState(completed);
  const [busy, setBusy] = useState(false);
  async function complete() {
    setBusy(true);
    const res = await fetch("/api/progress", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ slug, status: "COMPLETED" }),
    });
    setBusy(false);
    if (res.ok) setDone(true);
  }
  return done ? (
    <span className="badge done" data-testid="lesson-completed">
      학습 완료
    </span>
  ) : (
    <button type="button" onClick={complete} disabled={busy}>
      학습 완료로 표시
    </button>
  );
}
