// Cross-site WebSocket hijacking guard: a browser always sends Origin on the handshake, and the
// session cookie would ride along from any site, so only our own origin may connect.
export function originAllowed(origin: string | undefined, host: string | undefined, allowed: string[]): boolean {
  if (!origin) return false;
  let o: URL;
  try {
    o = new URL(origin);
  } catch {
    return false;
  }
  if (host && o.host === host) return true;
  return allowed.some((a) => {
    try {
      return new URL(a).origin === o.origin;
    } catch {
      return false;
    }
  });
}
