"use client";
import { useState } from "react";
import Link from "next/link";
import { signIn } from "next-auth/react";

export default function SignupForm() {
  const [error, setError] = useState("");
  const [busy, setBusy] = useState(false);

  async function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    const password = String(f.get("password") ?? "");
    if (password !== String(f.get("password2") ?? "")) {
      setError("비밀번호가 서로 다릅니다.");
      return;
    }
    setBusy(true);
    setError("");
    const res = await fetch("/api/signup", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email: f.get("email"), password, name: f.get("name") }),
    });
    const body = await res.json().catch(() => ({}));
    if (!res.ok) {
      setBusy(false);
      setError(body.error ?? "가입하지 못했습니다.");
      return;
    }
    const login = await signIn("credentials", { email: f.get("email"), password, redirect: false });
    setBusy(false);
    if (!login || login.error) {
      window.location.href = "/login";
      return;
    }
    window.location.href = "/";
  }

  return (
    <form onSubmit={onSubmit} className="auth-form">
      <label>
        이름
        <input name="name" autoComplete="name" maxLength={60} />
      </label>
      <label>
        이메일
        <input name="email" type="email" autoComplete="email" required />
      </label>
      <label>
        비밀번호 (8자 이상)
        <input name="password" type="password" autoComplete="new-password" minLength={8} required />
      </label>
      <label>
        비밀번호 확인
        <input name="password2" type="password" autoComplete="new-password" minLength={8} required />
      </label>
      {error && (
        <p className="form-error" data-testid="form-error">
          {error}
        </p>
      )}
      <button type="submit" disabled={busy}>
        {busy ? "가입 중…" : "가입하기"}
      </button>
      <p className="muted">
        이미 계정이 있나요? <Link href="/login">로그인</Link>
      </p>
    </form>
  );
}
