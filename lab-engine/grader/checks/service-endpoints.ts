// `serviceEndpoints`: a Service exists, selects the intended pods and has ready endpoints.

import type { z } from "zod";
import type { ServiceEndpointsCheck } from "../lab-schema.ts";
import type { KObject } from "../../api/types.ts";
import type { Cluster } from "../../cluster/cluster.ts";
import { parseLabelSelector, matchesLabels } from "../../api/selectors.ts";
import { clusterOf, nsOf, result, type CheckContext, type CheckResult } from "./common.ts";

export interface ReadyEndpoint {
  ip: string;
  port: number | undefined;
  portName: string | undefined;
  pod: KObject | undefined;
}

/** Ready endpoints of a Service from its EndpointSlices (or the Endpoints object), sorted by IP. */
export function readyEndpoints(c: Cluster, ns: string, svc: string): ReadyEndpoint[] {
  const out: ReadyEndpoint[] = [];
  const pods = c.store.list("pods", ns);
  const byName = new Map(pods.map((p) => [p.metadata.name, p]));
  const slices = c.store.list("endpointslices", ns).filter((s) => s.metadata.labels?.["kubernetes.io/service-name"] === svc);
  if (slices.length) {
    for (const s of slices) {
      const ports = (s as any).ports ?? [];
      for (const ep of (s as any).endpoints ?? []) {
        if (ep.conditions?.ready === false) continue;
        const pod = ep.targetRef?.kind === "Pod" ? byName.get(ep.targetRef.name) : undefined;
        for (const ip of ep.addresses ?? []) {
          if (!ports.length) out.push({ ip, port: undefined, portName: undefined, pod });
          for (const p of ports) out.push({ ip, port: p.port, portName: p.name || undefined, pod });
        }
      }
    }
  } else {
    const e = c.store.get("endpoints", ns, svc) as any;
    for (const sub of e?.subsets ?? []) {
      for (const a of sub.addresses ?? []) {
        const pod = a.targetRef?.kind === "Pod" ? byName.get(a.targetRef.name) : undefined;
        for (const p of sub.ports ?? [{}]) out.push({ ip: a.ip, port: p.port, portName: p.name || undefined, pod });
      }
    }
  }
  return out.sort((a, b) => (a.ip < b.ip ? -1 : a.ip > b.ip ? 1 : (a.port ?? 0) - (b.port ?? 0)));
}

export function checkServiceEndpoints(ch: z.infer<typeof ServiceEndpointsCheck>, ctx: CheckContext): CheckResult {
  const c = clusterOf(ctx, ch.cluster)!;
  const ns = nsOf(ctx, ch.namespace);
  const svc = c.store.get("services", ns, ch.service);
  const min = ch.exactly ?? ch.min ?? 1;
  const parts = [`서비스 ${ch.service}(네임스페이스 ${ns})`];
  if (ch.port !== undefined) parts.push(`포트 ${ch.port}`);
  if (ch.selects) parts.push(`셀렉터가 ${ch.selects} 파드를 선택`);
  parts.push(`${ch.exactly !== undefined ? "정확히" : "최소"} ${min}개의 준비된 엔드포인트${ch.targetPort !== undefined ? `(포트 ${ch.targetPort})` : ""}`);
  const expected = parts.join(", ");
  if (!svc) return result(ch, false, expected, "서비스가 없습니다", `kubectl expose 또는 매니페스트로 서비스 ${ch.service}을(를) 만드세요.`);
  const spec = (svc as any).spec ?? {};
  if (ch.port !== undefined && !(spec.ports ?? []).some((p: any) => p.port === ch.port)) {
    return result(ch, false, expected, `서비스 포트: ${(spec.ports ?? []).map((p: any) => p.port).join(", ") || "(없음)"}`, `서비스의 port를 ${ch.port}(으)로 설정하세요.`);
  }
  const pods = c.store.list("pods", ns).filter((p) => !p.metadata.deletionTimestamp);
  const selector = spec.selector as Record<string, string> | undefined;
  const selectorText = selector ? Object.entries(selector).map(([k, v]) => `${k}=${v}`).join(",") : "(없음)";
  if (ch.selects) {
    const want = parseLabelSelector(ch.selects);
    const intended = pods.filter((p) => matchesLabels(want, p.metadata.labels));
    const selected = selector ? pods.filter((p) => Object.entries(selector).every(([k, v]) => p.metadata.labels?.[k] === v)) : [];
    const missing = intended.filter((p) => !selected.includes(p));
    const extra = selected.filter((p) => !matchesLabels(want, p.metadata.labels));
    if (!selector || missing.length || extra.length || !selected.length) {
      const found = `서비스 셀렉터 ${selectorText}가 선택한 파드: ${selected.map((p) => p.metadata.name).join(", ") || "없음"}`;
      const hint = !selector
        ? "서비스에 selector가 없습니다. 파드의 레이블과 같은 selector를 지정하세요."
        : missing.length
          ? `셀렉터가 ${missing.map((p) => p.metadata.name).join(", ")}을(를) 선택하지 않습니다. kubectl get pods --show-labels로 파드 레이블을 확인하세요.`
          : extra.length
            ? `셀렉터가 의도하지 않은 파드 ${extra.map((p) => p.metadata.name).join(", ")}까지 선택합니다. 레이블을 하나 더 지정하세요.`
            : "셀렉터에 맞는 파드가 없습니다. 레이블의 키와 값을 확인하세요.";
      return result(ch, false, expected, found, hint);
    }
  }
  const eps = readyEndpoints(c, ns, ch.service);
  const ips = [...new Set(eps.map((e) => e.ip))];
  const portsOk = ch.targetPort === undefined || eps.every((e) => e.port === ch.targetPort);
  const countOk = ch.exactly !== undefined ? ips.length === ch.exactly : ips.length >= min;
  const found = eps.length ? `준비된 엔드포인트 ${ips.length}개: ${[...new Set(eps.map((e) => `${e.ip}:${e.port ?? "?"}`))].join(", ")}` : `준비된 엔드포인트가 없습니다(셀렉터 ${selectorText})`;
  if (!portsOk) return result(ch, false, expected, found, `엔드포인트 포트가 ${ch.targetPort}이(가) 아닙니다. 서비스의 targetPort를 컨테이너가 듣는 포트(${ch.targetPort})로 설정하세요.`);
  if (!countOk) {
    const notReady = pods.filter((p) => selector && Object.entries(selector).every(([k, v]) => p.metadata.labels?.[k] === v) && !ips.includes(p.status?.podIP));
    const hint = !eps.length && !notReady.length
      ? `서비스 셀렉터(${selectorText})에 맞는 파드가 없습니다. 파드 레이블과 셀렉터를 비교하세요.`
      : notReady.length
        ? `셀렉터에 맞지만 준비되지 않은 파드: ${notReady.map((p) => p.metadata.name).join(", ")}. kubectl describe pod로 Ready 조건과 프로브를 확인하세요.`
        : `준비된 엔드포인트가 ${ips.length}개입니다.`;
    return result(ch, false, expected, found, hint);
  }
  return result(ch, true, expected, found);
}
