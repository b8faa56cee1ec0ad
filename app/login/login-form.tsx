"use client";
import { useState } from "react";
import Link from "next/link";
import { signIn } from "next-auth/react";

const messages: Record<string, string> = {
  CredentialsSignin: "이메일 또는 비밀번호가 올바르지 않습니다.",
  TooManyAttempts: "로그인 시도가 너무 많습니다. 15분 후에 다시 시도하세요.",
  OAuthAccountNotLinked: "이미 다른 방법으로 가입된 이메일입니다.",
};

export default function LoginForm(props: { callbackUrl: string; initialError?: string; oauth: { github: boolean; google: boolean } }) {
  const [error, setError] = useState(props.initialError ? (messages[props.initialError] ?? "로그인하지 못했습니다.") : "");
  const [busy, setBusy] = useState(false);

  async function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    setBusy(true);
    setError("");
    const res = await signIn("credentials", { email: f.get("email"), password: f.get("password"), redirect: false });
    setBusy(false);
    if (!res || res.error) {
      setError(messages[res?.error ?? ""] ?? "로그인하지 못했습니다.");
      return;
    }
    window.location.href = props.callbackUrl;
  }

  return (
    <form onSubmit={onSubmit} className="auth-form">
      <label>
        이메일
        <input name="email" type="email" autoComplete="email" required />
      </label>
      <label>
        비밀번호
        <input name="password" type="password" autoComplete="current-password" required />
      </label>
      {error && (
        <p className="form-error" data-testid="form-error">
          {error}
        </p>
      )}
      <button type="submit" disabled={busy}>
        {busy ? "로그인 중…" : "로그인"}
      </button>
      {props.oauth.github && (
        <button type="button" className="secondary" onClick={() => signIn("github", { callbackUrl: props.callbackUrl })}>
          GitHub로 로그인
        </button>
      )}
      {props.oauth.google && (
        <button type="button" className="secondary" onClick={() => signIn("google", { callbackUrl: props.callbackUrl })}>
          Google로 로그인
        </button>
      )}
      <p className="muted">
        계정이 없나요? <Link href="/signup">회원가입</Link>
      </p>
    </form>
  );
}
