// What `kubectl proxy` serves on localhost: the API server's REST paths, answered from the
// store as JSON. The API server pretty-prints (2-space indent) for curl/wget user agents.

import type { Cluster } from "../cluster/cluster.ts";
import { RESOURCES, type ResourceInfo } from "../api/resources.ts";
import { toKubectlJson } from "../kubectl/output/json.ts";
import { K8S_VERSION } from "../cluster/bootstrap.ts";
import type { HttpResult } from "./http-client.ts";

const json = (status: number, body: unknown): HttpResult => ({ status, body: toKubectlJson(body, { order: "typed", indent: "  " }).replace(/\n$/, ""), contentType: "application/json" });

function status(code: number, reason: string, message: string, details?: any): HttpResult {
  return json(code, { kind: "Status", apiVersion: "v1", metadata: {}, status: "Failure", message, reason, ...(details ? { details } : {}), code });
}

function findRi(group: string, version: string, plural: string): ResourceInfo | undefined {
  return RESOURCES.find((r) => r.group === group && r.plural === plural && (r.version === version || group !== ""));
}

export function apiProxy(c: Cluster, rawPath: string): HttpResult {
  const path = rawPath.split("?")[0].replace(/\/+$/, "") || "/";
  if (path === "/version") {
    return json(200, { major: "1", minor: "32", gitVersion: K8S_VERSION, gitCommit: "70d3cc986aa8221cd1dfb1121852688902d3bf53", gitTreeState: "clean", buildDate: "2024-12-11T17:59:15Z", goVersion: "go1.23.3", compiler: "gc", platform: "linux/amd64" });
  }
  if (path === "/healthz" || path === "/livez" || path === "/readyz") return { status: 200, body: "ok", contentType: "text/plain" };
  if (path === "/api") return json(200, { kind: "APIVersions", versions: ["v1"], serverAddressByClientCIDRs: [{ clientCIDR: "0.0.0.0/0", serverAddress: "172.30.1.2:6443" }] });
  const parts = path.split("/").filter(Boolean);
  let group = "";
  let version: string;
  let rest: string[];
  if (parts[0] === "api" && parts[1]) {
    version = parts[1];
    rest = parts.slice(2);
  } else if (parts[0] === "apis" && parts[1] && parts[2]) {
    group = parts[1];
    version = parts[2];
    rest = parts.slice(3);
  } else {
    return status(404, "NotFound", "the server could not find the requested resource", {});
  }
  let ns: string | undefined;
  if (rest[0] === "namespaces" && rest.length >= 3) {
    ns = rest[1];
    rest = rest.slice(2);
  }
  const plural = rest[0];
  const name = rest[1];
  const ri = plural ? findRi(group, version, plural) : undefined;
  if (!ri) return status(404, "NotFound", "the server could not find the requested resource", {});
  if (name) {
    const obj = c.store.get(ri.plural, ri.namespaced ? ns : undefined, name);
    if (!obj) return status(404, "NotFound", `${ri.group ? `${ri.plural}.${ri.group}` : ri.plural} "${name}" not found`, { name, ...(ri.group ? { group: ri.group } : {}), kind: ri.plural });
    return json(200, obj);
  }
  const items = c.store.list(ri.plural, ri.namespaced ? ns : undefined);
  return json(200, { kind: `${ri.kind}List`, apiVersion: ri.group ? `${ri.group}/${ri.version}` : ri.version, metadata: { resourceVersion: String(c.store.state.rv ?? "") }, items });
}
