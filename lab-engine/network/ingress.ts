// The ingress-nginx controller's data path: a request on a node's port 80/443 is matched
// against every Ingress of class nginx by host, then by path (Exact beats Prefix, longest
// first, Prefix matches whole path elements), optionally rewritten (rewrite-target), and sent
// to the backend Service. No match: the controller's 404 page; a backend without ready
// endpoints: its 503 page. The pages are ingress-nginx's own (server token "nginx").

import type { Cluster } from "../cluster/cluster.ts";
import type { KObject } from "../api/types.ts";
import { viaService, type Origin, type Outcome, type Request } from "./route.ts";

const page = (code: string) =>
  `<html>\n<head><title>${code}</title></head>\n<body>\n<center><h1>${code}</h1></center>\n<hr><center>nginx</center>\n</body>\n</html>\n`;
export const INGRESS_404 = page("404 Not Found");
export const INGRESS_503 = page("503 Service Temporarily Unavailable");

/** Whether the nginx controller serves this Ingress (class nginx, or no class while nginx is the default). */
export function servedByNginx(c: Cluster, ing: KObject): boolean {
  const cls = ing.spec?.ingressClassName ?? ing.metadata.annotations?.["kubernetes.io/ingress.class"];
  if (cls) {
    const ic = c.store.get("ingressclasses", undefined, cls);
    return cls === "nginx" || ic?.spec?.controller === "k8s.io/ingress-nginx";
  }
  return c.store.list("ingressclasses").some((ic) => ic.spec?.controller === "k8s.io/ingress-nginx" && ic.metadata.annotations?.["ingressclass.kubernetes.io/is-default-class"] === "true");
}

function hostMatches(ruleHost: string | undefined, host: string): boolean {
  if (!ruleHost) return true;
  if (ruleHost.startsWith("*.")) {
    const rest = host.split(".").slice(1).join(".");
    return host.includes(".") && rest === ruleHost.slice(2);
  }
  return ruleHost.toLowerCase() === host.toLowerCase();
}

interface Match {
  ing: KObject;
  backend: any;
  path: string;
  type: string;
  score: number;
  regex?: RegExp;
}

function useRegex(ing: KObject): boolean {
  const a = ing.metadata.annotations ?? {};
  return a["nginx.ingress.kubernetes.io/use-regex"] === "true" || a["nginx.ingress.kubernetes.io/rewrite-target"] !== undefined;
}

function pathMatch(ing: KObject, p: any, reqPath: string): Match | undefined {
  const path: string = p.path ?? "/";
  const type: string = p.pathType ?? "ImplementationSpecific";
  const base = { ing, backend: p.backend, path, type };
  if (useRegex(ing) && /[()\[\]*+?^$|]/.test(path)) {
    try {
      const re = new RegExp("^" + path, "i");
      return re.test(reqPath) ? { ...base, score: path.length, regex: re } : undefined;
    } catch {
      return undefined;
    }
  }
  if (type === "Exact") return reqPath === path ? { ...base, score: path.length * 2 + 1 } : undefined;
  const pre = path.replace(/\/+$/, "");
  if (type === "Prefix") {
    const ok = pre === "" || reqPath === pre || reqPath.startsWith(pre + "/");
    return ok ? { ...base, score: pre.length * 2 } : undefined;
  }
  return reqPath.startsWith(pre) ? { ...base, score: pre.length * 2 } : undefined;
}

function rewrite(m: Match, reqPath: string): string {
  const target = m.ing.metadata.annotations?.["nginx.ingress.kubernetes.io/rewrite-target"];
  if (target === undefined) return reqPath;
  const re = m.regex ?? new RegExp("^" + m.path.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"));
  const mm = re.exec(reqPath);
  if (!mm) return target;
  const out = target.replace(/\$(\d)/g, (_: string, d: string) => mm[Number(d)] ?? "");
  return out.startsWith("/") ? out : "/" + out;
}

/** Answer a request that reached the ingress controller. */
export function ingressAnswer(c: Cluster, from: Origin, req: Request, depth: number): Outcome {
  const [reqPath, query] = [req.path.split("?")[0] || "/", req.path.includes("?") ? req.path.slice(req.path.indexOf("?")) : ""];
  const host = req.host.replace(/:\d+$/, "");
  const ings = c.store.list("ingresses").filter((i) => servedByNginx(c, i));
  let best: Match | undefined;
  let hostSpecific = false;
  for (const ing of ings) {
    for (const rule of ing.spec?.rules ?? []) {
      if (!hostMatches(rule.host, host)) continue;
      for (const p of rule.http?.paths ?? []) {
        const m = pathMatch(ing, p, reqPath);
        if (!m) continue;
        // A rule for this exact host beats catch-all rules, as nginx server blocks do.
        const specific = !!rule.host;
        if (!best || (specific && !hostSpecific) || (specific === hostSpecific && m.score > best.score)) {
          best = m;
          hostSpecific = specific;
        }
      }
    }
  }
  let backend = best?.backend;
  let ns = best?.ing.metadata.namespace;
  let path = best ? rewrite(best, reqPath) + query : req.path;
  if (!best) {
    const dflt = ings.find((i) => i.spec?.defaultBackend);
    if (!dflt) return { ok: { status: 404, body: INGRESS_404, contentType: "text/html" } };
    backend = dflt.spec.defaultBackend;
    ns = dflt.metadata.namespace;
    path = req.path;
  }
  const svcRef = backend?.service;
  const svc = svcRef ? c.store.get("services", ns, svcRef.name) : undefined;
  const sp = svc && (svc.spec?.ports ?? []).find((p: any) => (svcRef.port?.number !== undefined ? p.port === svcRef.port.number : p.name === svcRef.port?.name));
  if (!svc || !sp) return { ok: { status: 503, body: INGRESS_503, contentType: "text/html" } };
  const out = viaService(c, from, svc, sp, { ...req, path }, undefined, depth);
  if ("ok" in out) return out;
  // The controller answers for the backend: refused/timeouts become nginx error pages.
  if (out.err === "timeout") return { ok: { status: 504, body: page("504 Gateway Time-out"), contentType: "text/html" } };
  if (out.err === "not-http") return { ok: { status: 502, body: page("502 Bad Gateway"), contentType: "text/html" } };
  return { ok: { status: 503, body: INGRESS_503, contentType: "text/html" } };
}
