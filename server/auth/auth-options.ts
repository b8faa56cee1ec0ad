// next-auth v4 configuration: credentials (bcrypt, guess-limited) plus optional GitHub/Google.
// Sessions are JWTs so the Socket.IO handshake can verify them without a DB round trip.
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { PrismaAdapter } from "@next-auth/prisma-adapter";
import { getDb } from "../db/client.ts";
import { loadEnv } from "../env.ts";
import { verifyCredentials } from "../data/verify-credentials.ts";
import { AppError } from "../errors.ts";
import { clientIpFromHeaders } from "./client-ip.ts";
import { oauthProviders } from "./oauth-providers.ts";

const g = globalThis as unknown as { __kubelabAuthOptions?: NextAuthOptions };

/** Built on first use: the adapter needs the database, which `next build` must not open. */
export function getAuthOptions(): NextAuthOptions {
  if (g.__kubelabAuthOptions) return g.__kubelabAuthOptions;
  const env = loadEnv();
  const providers: NextAuthOptions["providers"] = [
    CredentialsProvider({
      name: "이메일",
      credentials: { email: { label: "이메일", type: "email" }, password: { label: "비밀번호", type: "password" } },
      async authorize(credentials, req) {
        const ip = clientIpFromHeaders((req as any)?.headers ?? {});
        try {
          const user = await verifyCredentials(getDb(), credentials?.email ?? "", credentials?.password ?? "", ip);
          return user ? { id: user.id, email: user.email, name: user.name, role: user.role } : null;
        } catch (e) {
          // next-auth shows Error.message as `?error=` to the page, which maps it to Korean.
          if (e instanceof AppError && e.code === "TOO_MANY_ATTEMPTS") throw new Error("TooManyAttempts");
          throw e;
        }
      },
    }),
  ];
  providers.push(...oauthProviders({ github: env.github, google: env.google }));

  g.__kubelabAuthOptions = {
    adapter: PrismaAdapter(getDb() as any),
    session: { strategy: "jwt", maxAge: 30 * 24 * 3600 },
    secret: env.nextAuthSecret,
    providers,
    pages: { signIn: "/login" },
    callbacks: {
      async jwt({ token, user }) {
        if (user) {
          token.uid = user.id;
          token.role = (user as any).role ?? "STUDENT";
        }
        return token;
      },
      async session({ session, token }) {
        (session.user as any).id = token.uid;
        (session.user as any).role = token.role;
        return session;
      },
    },
    logger: {
      error(code, meta) {
        if (code === "CLIENT_FETCH_ERROR" || String((meta as any)?.message ?? "").includes("TooManyAttempts")) return;
        console.error("[next-auth]", code, meta);
      },
      warn() {},
      debug() {},
    },
  };
  return g.__kubelabAuthOptions;
}
