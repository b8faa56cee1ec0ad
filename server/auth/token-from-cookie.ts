// Verifies the next-auth session JWT from a raw Cookie header, for the Socket.IO handshake.
// next-auth v4's getToken reads req.cookies, not the header, so parse it here (gotcha 23).
import { getToken } from "next-auth/jwt";

export function parseCookieHeader(header: string | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of (header ?? "").split(";")) {
    const i = part.indexOf("=");
    if (i < 0) continue;
    const k = part.slice(0, i).trim();
    if (!k || k in out) continue;
    try {
      out[k] = decodeURIComponent(part.slice(i + 1).trim());
    } catch {
      out[k] = part.slice(i + 1).trim();
    }
  }
  return out;
}

export type TokenUser = { id: string; email: string; role: string };

export async function userFromCookieHeader(cookieHeader: string | undefined, secret: string): Promise<TokenUser | null> {
  const cookies = parseCookieHeader(cookieHeader);
  const secureCookie = "__Secure-next-auth.session-token" in cookies || Object.keys(cookies).some((k) => k.startsWith("__Secure-next-auth.session-token."));
  const token = await getToken({ req: { headers: { cookie: cookieHeader ?? "" }, cookies } as any, secret, secureCookie });
  if (!token || typeof token.uid !== "string" || !token.uid) return null;
  return { id: token.uid, email: String(token.email ?? ""), role: String(token.role ?? "STUDENT") };
}
