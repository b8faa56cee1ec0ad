// `httpThroughService`: an HTTP GET through a Service (or an Ingress rule leading to one)
// answers with a matching body. Computed from state, as kube-proxy would route it: the
// Service's ready endpoints (EndpointSlices), each asked through the kubelet's HTTP model.
// Every ready endpoint must answer, since a real client may land on any of them.

import type { z } from "zod";
import type { HttpCheck } from "../lab-schema.ts";
import type { Cluster } from "../../cluster/cluster.ts";
import { httpGetPod } from "../../kubelet/api.ts";
import { readyEndpoints } from "./service-endpoints.ts";
import { clusterOf, nsOf, result, type CheckContext, type CheckResult } from "./common.ts";

interface Route {
  service: string;
  port?: number | string;
  why: string;
}

function pathMatches(type: string, rulePath: string, reqPath: string): number {
  const rp = rulePath || "/";
  if (type === "Exact") return reqPath === rp ? rp.length + 1000 : -1;
  // Prefix (and ImplementationSpecific, as ingress-nginx treats it): element-wise prefix.
  const a = rp.replace(/\/+$/, "").split("/");
  const b = reqPath.split("/");
  if (rp === "/") return 1;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return -1;
  return rp.length;
}

export function routeIngress(c: Cluster, ns: string, name: string | undefined, host: string | undefined, path: string): Route | string {
  const ings = c.store.list("ingresses", ns).filter((i) => !name || i.metadata.name === name);
  if (!ings.length) return name ? `인그레스 ${name}이(가) 없습니다` : "인그레스가 없습니다";
  let best: { score: number; route: Route } | undefined;
  for (const ing of ings as any[]) {
    for (const rule of ing.spec?.rules ?? []) {
      if (rule.host && rule.host !== host) continue;
      for (const p of rule.http?.paths ?? []) {
        const s = pathMatches(p.pathType ?? "Prefix", p.path ?? "/", path) + (rule.host ? 0.5 : 0);
        if (s < 0 || !p.backend?.service) continue;
        if (!best || s > best.score) best = { score: s, route: { service: p.backend.service.name, port: p.backend.service.port?.number ?? p.backend.service.port?.name, why: `${ing.metadata.name}: ${rule.host ?? "*"}${p.path ?? "/"}` } };
      }
    }
    const d = ing.spec?.defaultBackend?.service;
    if (!best && d) best = { score: 0, route: { service: d.name, port: d.port?.number ?? d.port?.name, why: `${ing.metadata.name}: defaultBackend` } };
  }
  return best ? best.route : `호스트 ${host ?? "(없음)"}, 경로 ${path}에 맞는 인그레스 규칙이 없습니다`;
}

export function checkHttp(ch: z.infer<typeof HttpCheck>, ctx: CheckContext): CheckResult {
  const c = clusterOf(ctx, ch.cluster)!;
  const ns = nsOf(ctx, ch.namespace);
  const path = ch.path ?? "/";
  const body = new RegExp(ch.expect);
  const via = ch.ingress ? `인그레스${ch.ingress.name ? ` ${ch.ingress.name}` : ""}(호스트 ${ch.ingress.host ?? "*"}, 경로 ${path})` : `서비스 ${ch.service}${ch.port ? `:${ch.port}` : ""}${path}`;
  const expected = `${via}로 보낸 요청의 응답이 /${ch.expect}/에 맞음${ch.status ? ` (상태 ${ch.status})` : ""}`;
  let route: Route;
  if (ch.ingress) {
    const r = routeIngress(c, ns, ch.ingress.name, ch.ingress.host, path);
    if (typeof r === "string") return result(ch, false, expected, r, "인그레스의 rules(host, path, pathType, backend)를 확인하세요.");
    route = r;
  } else {
    if (!ch.service) throw new Error("grader: httpThroughService needs service or ingress");
    route = { service: ch.service, port: ch.port, why: "" };
  }
  const svc = c.store.get("services", ns, route.service) as any;
  if (!svc) return result(ch, false, expected, `${route.why ? route.why + " → " : ""}서비스 ${route.service}이(가) 없습니다`, `서비스 ${route.service}을(를) 만드세요.`);
  const sports: any[] = svc.spec?.ports ?? [];
  const sp = route.port === undefined ? sports[0] : sports.find((p) => p.port === route.port || p.name === route.port);
  if (!sp) return result(ch, false, expected, `서비스 ${route.service}에 포트 ${route.port}이(가) 없습니다 (있는 포트: ${sports.map((p) => p.port).join(", ") || "없음"})`, "서비스의 port와 요청하는 포트를 맞추세요.");
  const eps = readyEndpoints(c, ns, route.service).filter((e) => sports.length <= 1 || (e.portName ?? "") === (sp.name ?? ""));
  if (!eps.length) return result(ch, false, expected, `서비스 ${route.service}에 준비된 엔드포인트가 없어 연결할 수 없습니다`, "서비스 셀렉터가 Ready 파드를 선택하는지 확인하세요 (kubectl get endpoints).");
  const answers: string[] = [];
  let ok = true;
  for (const e of eps) {
    const res = e.pod && e.port !== undefined ? httpGetPod(c, e.pod, e.port, path) : undefined;
    if (!res) {
      ok = false;
      answers.push(`${e.ip}:${e.port}: 연결 거부(connection refused)`);
      continue;
    }
    const good = body.test(res.body) && (ch.status === undefined || res.status === ch.status);
    if (!good) ok = false;
    answers.push(`${e.ip}:${e.port}: ${res.status} ${res.body.replace(/\s+/g, " ").trim().slice(0, 80)}`);
  }
  const found = (route.why ? `${route.why} → 서비스 ${route.service} → ` : "") + answers.join("; ");
  return result(ch, ok, expected, found, ok ? "" : `응답이 다릅니다. 서비스 ${route.service}의 targetPort가 컨테이너 포트와 맞는지, 셀렉터가 의도한 파드만 고르는지 확인하세요.`);
}
