// Log-in check with guess limiting: at most MAX_FAILURES failed attempts per email+IP within
// WINDOW_MS. Attempts are stored in the database so the limit survives restarts and is
// shared by several instances.
import bcrypt from "bcryptjs";
import type { Db } from "../db/client.ts";
import { AppError } from "../errors.ts";
import { normalizeEmail } from "./create-user.ts";

export const MAX_FAILURES = 5;
export const WINDOW_MS = 15 * 60 * 1000;

// Compared against when the user does not exist, so timing does not reveal which emails exist.
let dummyHash: string | undefined;
const getDummyHash = () => (dummyHash ??= bcrypt.hashSync("not-a-password", 10));

export async function verifyCredentials(db: Db, emailRaw: string, password: string, ip: string) {
  const email = normalizeEmail(String(emailRaw ?? ""));
  const since = new Date(Date.now() - WINDOW_MS);
  const failures = await db.loginAttempt.count({ where: { email, ip, success: false, createdAt: { gte: since } } });
  if (failures >= MAX_FAILURES) throw new AppError("TOO_MANY_ATTEMPTS");

  const user = await db.user.findUnique({ where: { email } });
  const ok = await bcrypt.compare(String(password ?? ""), user?.passwordHash ?? getDummyHash());
  const success = Boolean(user?.passwordHash) && ok;
  await db.loginAttempt.create({ data: { email, ip, success } });
  if (!success || !user) return null;
  return { id: user.id, email: user.email, name: user.name, role: user.role };
}
