import NextAuth from "next-auth";
import { getAuthOptions } from "@/server/auth/auth-options.ts";

export const dynamic = "force-dynamic";

// Options are built per request on first use: building them opens the database.
async function handler(req: Request, ctx: { params: Promise<{ nextauth: string[] }> }) {
  return (NextAuth(getAuthOptions()) as any)(req, { params: await ctx.params });
}

export { handler as GET, handler as POST };
