import { NextResponse } from "next/server";
import { getSessionUser } from "@/server/auth/get-session-user.ts";
import { gradeLabForUser } from "@/server/grade-lab-for-user.ts";
import { errorCodes, toPublicError } from "@/server/errors.ts";

export const dynamic = "force-dynamic";

export async function POST(_req: Request, ctx: { params: Promise<{ labId: string }> }) {
  const user = await getSessionUser();
  if (!user) return NextResponse.json({ error: errorCodes.UNAUTHENTICATED.message }, { status: 401 });
  const { labId } = await ctx.params;
  try {
    return NextResponse.json(await gradeLabForUser(user.id, labId));
  } catch (e) {
    const err = toPublicError(e);
    return NextResponse.json({ error: err.message }, { status: err.status });
  }
}
