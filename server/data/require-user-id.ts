// Every data-access function is scoped to one user and calls this first: a missing id must
// fail loudly, never turn into "no filter" (the taxonomy trap in STYLE.md §4).
import { AppError } from "../errors.ts";

export function requireUserId(userId: string): string {
  if (typeof userId !== "string" || userId.length === 0) throw new AppError("UNAUTHENTICATED");
  return userId;
}
