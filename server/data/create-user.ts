import bcrypt from "bcryptjs";
import type { Db } from "../db/client.ts";
import { AppError } from "../errors.ts";

export type NewUser = { email: string; password: string; name?: string; role?: "STUDENT" | "INSTRUCTOR" | "ADMIN" };

export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

/** Creates a credentials account. Throws EMAIL_TAKEN or INVALID_INPUT (Korean messages). */
export async function createUser(db: Db, input: NewUser) {
  const email = normalizeEmail(input.email ?? "");
  if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email) || email.length > 200) {
    throw new AppError("INVALID_INPUT", "이메일 형식이 올바르지 않습니다.");
  }
  if (typeof input.password !== "string" || input.password.length < 8 || input.password.length > 200) {
    throw new AppError("INVALID_INPUT", "비밀번호는 8자 이상이어야 합니다.");
  }
  const name = (input.name ?? "").trim().slice(0, 60) || null;
  const existing = await db.user.findUnique({ where: { email } });
  if (existing) throw new AppError("EMAIL_TAKEN");
  const passwordHash = await bcrypt.hash(input.password, 10);
  try {
    return await db.user.create({
      data: { email, name, passwordHash, role: input.role ?? "STUDENT" },
      select: { id: true, email: true, name: true, role: true },
    });
  } catch (e: any) {
    if (e?.code === "P2002") throw new AppError("EMAIL_TAKEN");
    throw e;
  }
}
