import { NextResponse } from "next/server";
import { getDb } from "@/server/db/client.ts";
import { createUser } from "@/server/data/create-user.ts";
import { toPublicError } from "@/server/errors.ts";
import { signupLimiter } from "@/server/auth/signup-limiter.ts";
import { clientIpFromHeaders } from "@/server/auth/client-ip.ts";

export async function POST(req: Request) {
  try {
    if (!signupLimiter.allow(clientIpFromHeaders(req.headers))) {
      return NextResponse.json({ error: "가입 요청이 너무 많습니다. 잠시 후 다시 시도하세요." }, { status: 429 });
    }
    const body = await req.json().catch(() => ({}));
    const user = await createUser(getDb(), { email: body.email, password: body.password, name: body.name });
    return NextResponse.json({ ok: true, email: user.email });
  } catch (e) {
    const err = toPublicError(e);
    return NextResponse.json({ error: err.message, code: err.code }, { status: err.status });
  }
}
