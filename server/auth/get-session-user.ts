import "server-only";
import { getServerSession } from "next-auth";
import { getAuthOptions } from "./auth-options.ts";

export type SessionUser = { id: string; email: string; name: string | null; role: "STUDENT" | "INSTRUCTOR" | "ADMIN" };

/** The logged-in user for server components and route handlers, or null. */
export async function getSessionUser(): Promise<SessionUser | null> {
  const session = await getServerSession(getAuthOptions());
  const u = session?.user as any;
  if (!u?.id) return null;
  return { id: u.id, email: u.email, name: u.name ?? null, role: u.role ?? "STUDENT" };
}
