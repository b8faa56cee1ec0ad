// The custom server overwrites this header with the socket's address on every request, so a
// client cannot choose its own IP to dodge the log-in limit.
export const CLIENT_IP_HEADER = "x-kubelab-client-ip";

export function clientIpFromHeaders(headers: Record<string, unknown> | Headers): string {
  const v = headers instanceof Headers ? headers.get(CLIENT_IP_HEADER) : headers[CLIENT_IP_HEADER];
  return (Array.isArray(v) ? v[0] : typeof v === "string" ? v : "") || "unknown";
}
