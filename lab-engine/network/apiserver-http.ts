// The API server as an anonymous HTTPS client sees it (`curl -k https://10.96.0.1/version`):
// the public-info paths answer (system:public-info-viewer), everything else is 403 for
// system:anonymous. Authenticated access goes through kubectl or `kubectl proxy`.

import type { Cluster } from "../cluster/cluster.ts";
import type { HttpResponse } from "../kubelet/http.ts";

const VERSION = {
  major: "1",
  minor: "32",
  // Literal rather than bootstrap.ts's constant: this module loads while cluster.ts is still evaluating.
  gitVersion: "v1.32.0",
  gitCommit: "70d3cc986aa8221cd1dfb1121852688902d3bf53",
  gitTreeState: "clean",
  buildDate: "2024-12-11T17:59:15Z",
  goVersion: "go1.23.3",
  compiler: "gc",
  platform: "linux/amd64",
};

export function apiServerAnswer(c: Cluster, req: { path: string; method?: string }): HttpResponse {
  void c;
  const p = req.path.split("?")[0];
  if (p === "/version" || p === "/version/") return { status: 200, body: JSON.stringify(VERSION, null, 2), contentType: "application/json" };
  if (p === "/healthz" || p === "/livez" || p === "/readyz") return { status: 200, body: "ok", contentType: "text/plain; charset=utf-8" };
  const verb = (req.method ?? "GET").toLowerCase();
  const body = {
    kind: "Status",
    apiVersion: "v1",
    metadata: {},
    status: "Failure",
    message: `forbidden: User "system:anonymous" cannot ${verb} path "${p}"`,
    reason: "Forbidden",
    details: {},
    code: 403,
  };
  return { status: 403, body: JSON.stringify(body, null, 2) + "\n", contentType: "application/json" };
}
