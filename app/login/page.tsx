import LoginForm from "./login-form.tsx";
import { enabledOAuth } from "@/server/auth/oauth-providers.ts";

export const metadata = { title: "로그인 · 쿠버랩" };

export default async function LoginPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const sp = await searchParams;
  const oauth = enabledOAuth(process.env);
  return (
    <div className="auth-page">
      <h1>로그인</h1>
      <LoginForm callbackUrl={safeCallback(sp.callbackUrl)} initialError={sp.error} oauth={oauth} />
    </div>
  );
}

function safeCallback(url: string | undefined) {
  return url && url.startsWith("/") && !url.startsWith("//") ? url : "/";
}
