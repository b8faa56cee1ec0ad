import "./globals.css";
import "highlight.js/styles/github.css";
import Link from "next/link";
import type { ReactNode } from "react";
import { getSessionUser } from "@/server/auth/get-session-user.ts";
import LogoutButton from "./_components/logout-button.tsx";

export const dynamic = "force-dynamic";
export const metadata = { title: "쿠버랩 KubeLab", description: "실습으로 배우는 쿠버네티스 1.32" };

export default async function RootLayout({ children }: { children: ReactNode }) {
  const user = await getSessionUser();
  return (
    <html lang="ko">
      <body>
        <header className="site-header">
          <Link href="/" className="brand">
            쿠버랩 <span>KubeLab</span>
          </Link>
          <nav>
            <Link href="/">코스</Link>
            {user ? (
              <>
                <Link href="/me">내 학습</Link>
                <span className="who" data-testid="current-user">
                  {user.name ?? user.email}
                  {user.role !== "STUDENT" ? ` (${user.role === "INSTRUCTOR" ? "강사" : "관리자"})` : ""}
                </span>
                <LogoutButton />
              </>
            ) : (
              <>
                <Link href="/login">로그인</Link>
                <Link href="/signup">회원가입</Link>
              </>
            )}
          </nav>
        </header>
        <main>{children}</main>
      </body>
    </html>
  );
}
