import type { Db } from "../db/client.ts";
import { createUser } from "./create-user.ts";

export const demoAccounts = [
  { email: "student@kubelab.local", password: "kubelab-student", name: "데모 학생", role: "STUDENT" as const },
  { email: "teacher@kubelab.local", password: "kubelab-teacher", name: "데모 강사", role: "INSTRUCTOR" as const },
];

/** Creates the demo accounts that do not exist yet. Idempotent. */
export async function ensureDemoUsers(db: Db) {
  for (const a of demoAccounts) {
    const exists = await db.user.findUnique({ where: { email: a.email } });
    if (!exists) await createUser(db, a);
  }
  return demoAccounts;
}
