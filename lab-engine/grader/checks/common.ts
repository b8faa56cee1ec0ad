// Shared helpers for checks: reading objects (never writing), field paths, expected values,
// and the Korean result shape.

import type { Sandbox } from "../../sandbox/sandbox.ts";
import type { Cluster } from "../../cluster/cluster.ts";
import type { KObject } from "../../api/types.ts";
import { resolveResource, type ResourceInfo } from "../../api/resources.ts";
import { parseLabelSelector, matchesLabels } from "../../api/selectors.ts";
import type { Expected } from "../lab-schema.ts";

export interface CheckResult {
  checkId: string;
  /** What the check verifies (Korean). */
  title?: string;
  passed: boolean;
  /** What was expected, in Korean. */
  expected: string;
  /** What the cluster or shell shows now, in Korean. */
  found: string;
  /** Hint when failed (Korean); empty when passed. */
  hint: string;
}

export interface CheckContext {
  sb: Sandbox;
  /** A throwaway copy of the sandbox for command checks (never the learner's). */
  clone(): Promise<Sandbox>;
}

export function result(check: { id: string; title?: string; hint?: string }, passed: boolean, expected: string, found: string, hint = ""): CheckResult {
  return { checkId: check.id, ...(check.title ? { title: check.title } : {}), passed, expected, found, hint: passed ? "" : check.hint ?? hint };
}

export function clusterOf(ctx: CheckContext, name?: string): Cluster | undefined {
  if (!name) return ctx.sb.cluster;
  const kc = ctx.sb.kubeconfig;
  const c = kc.contexts.find((x) => x.name === name);
  return ctx.sb.clusters.get(c ? c.cluster : name);
}

/** Namespace a check reads: explicit, else the current context's namespace, else default. */
export function nsOf(ctx: CheckContext, ns: string | undefined): string {
  if (ns) return ns;
  return "default";
}

export function resource(typed: string): ResourceInfo {
  const ri = resolveResource(typed);
  if (!ri) throw new Error(`grader: unknown resource type ${typed}`);
  return ri;
}

export function kindKo(ri: ResourceInfo): string {
  return KIND_KO[ri.kind] ?? ri.kind;
}

const KIND_KO: Record<string, string> = {
  Pod: "파드", Service: "서비스", Deployment: "디플로이먼트", ReplicaSet: "레플리카셋",
  ReplicationController: "레플리케이션컨트롤러", StatefulSet: "스테이트풀셋", DaemonSet: "데몬셋",
  Job: "잡", CronJob: "크론잡", ConfigMap: "컨피그맵", Secret: "시크릿", Namespace: "네임스페이스",
  Node: "노드", PersistentVolume: "퍼시스턴트볼륨", PersistentVolumeClaim: "퍼시스턴트볼륨클레임",
  Ingress: "인그레스", ServiceAccount: "서비스어카운트", Role: "롤", RoleBinding: "롤바인딩",
  ClusterRole: "클러스터롤", ClusterRoleBinding: "클러스터롤바인딩", HorizontalPodAutoscaler: "HPA",
  StorageClass: "스토리지클래스", Endpoints: "엔드포인트", NetworkPolicy: "네트워크폴리시",
};

/** Objects of a type (namespace ignored for cluster-scoped types), optionally filtered by a label selector. */
export function listObjects(c: Cluster, ri: ResourceInfo, ns: string | undefined, selector?: string): KObject[] {
  const all = c.store.list(ri.plural, ri.namespaced ? ns : undefined);
  if (!selector) return all;
  const sel = parseLabelSelector(selector);
  return all.filter((o) => matchesLabels(sel, o.metadata.labels));
}

export function getObject(c: Cluster, ri: ResourceInfo, ns: string, name: string): KObject | undefined {
  return c.store.get(ri.plural, ri.namespaced ? ns : undefined, name);
}

export function where(ri: ResourceInfo, ns: string, name?: string): string {
  const n = name ? `${kindKo(ri)} ${name}` : kindKo(ri);
  return ri.namespaced ? `${n}(네임스페이스 ${ns})` : n;
}

// ---------- field paths ----------

type Seg = { key: string } | { index: number } | { match: [string, string] } | { all: true };

export function parsePath(path: string): Seg[] {
  const segs: Seg[] = [];
  let i = 0;
  while (i < path.length) {
    const ch = path[i];
    if (ch === ".") {
      i++;
      continue;
    }
    if (ch === "[") {
      const end = path.indexOf("]", i);
      if (end < 0) throw new Error(`grader: bad path ${path}`);
      let inner = path.slice(i + 1, end).trim();
      i = end + 1;
      if (/^["'].*["']$/.test(inner)) segs.push({ key: inner.slice(1, -1) });
      else if (inner === "*") segs.push({ all: true });
      else if (/^\d+$/.test(inner)) segs.push({ index: Number(inner) });
      else {
        const eq = inner.indexOf("=");
        if (eq < 0) throw new Error(`grader: bad path ${path}`);
        let v = inner.slice(eq + 1).trim();
        if (/^["'].*["']$/.test(v)) v = v.slice(1, -1);
        segs.push({ match: [inner.slice(0, eq).trim(), v] });
      }
      continue;
    }
    let j = i;
    while (j < path.length && path[j] !== "." && path[j] !== "[") j++;
    segs.push({ key: path.slice(i, j) });
    i = j;
  }
  return segs;
}

/** Every value a path reaches (filters and [*] may reach several; a missing one reaches none). */
export function getPath(obj: unknown, path: string): unknown[] {
  let cur: unknown[] = [obj];
  for (const s of parsePath(path)) {
    const next: unknown[] = [];
    for (const v of cur) {
      if (v === null || v === undefined) continue;
      if ("key" in s) {
        if (typeof v === "object" && !Array.isArray(v) && s.key in (v as object)) next.push((v as any)[s.key]);
      } else if ("index" in s) {
        if (Array.isArray(v) && s.index < v.length) next.push(v[s.index]);
      } else if ("all" in s) {
        if (Array.isArray(v)) next.push(...v);
        else if (typeof v === "object") next.push(...Object.values(v as object));
      } else if (Array.isArray(v)) {
        for (const el of v) if (el && typeof el === "object" && String((el as any)[s.match[0]]) === s.match[1]) next.push(el);
      }
    }
    cur = next;
  }
  return cur;
}

export function show(v: unknown): string {
  if (v === undefined) return "(없음)";
  if (typeof v === "string") return JSON.stringify(v);
  return JSON.stringify(v);
}

export function describeExpected(e: Expected): string {
  if (e === null) return "null";
  if (typeof e !== "object") return show(String(e));
  if ("regex" in e) return `정규식 /${e.regex}/에 맞는 값`;
  if ("absent" in e) return "값 없음";
  if ("contains" in e) return `${show(String(e.contains))}을(를) 포함하는 값`;
  if ("default" in e) return `${show(String(e.default))}(기본값)`;
  return `${e.gte} 이상`;
}

/** Quantities and numbers compare as text, so 80 equals "80" (YAML may give either). */
export function matchesExpected(values: unknown[], e: Expected): boolean {
  if (e !== null && typeof e === "object" && "absent" in e) return values.length === 0 || values.every((v) => v === undefined || v === null);
  if (e !== null && typeof e === "object" && "default" in e) return values.length === 0 || values.some((v) => v === undefined || v === null || String(v) === String(e.default));
  return values.some((v) => matchOne(v, e));
}

function matchOne(v: unknown, e: Expected): boolean {
  if (e === null) return v === null;
  if (typeof e !== "object") return v !== undefined && v !== null && typeof v !== "object" && String(v) === String(e);
  if ("regex" in e) return v !== undefined && v !== null && new RegExp(e.regex).test(typeof v === "object" ? JSON.stringify(v) : String(v));
  if ("contains" in e) {
    if (Array.isArray(v)) return v.some((x) => String(x) === String(e.contains));
    return typeof v === "string" && v.includes(String(e.contains));
  }
  if ("gte" in e) return Number(v) >= e.gte;
  return false;
}

export function showFound(values: unknown[]): string {
  if (!values.length) return "(없음)";
  return values.map(show).join(", ");
}

// ---------- pods ----------

export function podReady(p: KObject): boolean {
  if (p.metadata.deletionTimestamp) return false;
  if (p.status?.phase !== "Running") return false;
  return !!p.status?.conditions?.some((c: any) => c.type === "Ready" && c.status === "True");
}

/** The STATUS column kubectl would show, enough for feedback (waiting/terminated reasons). */
export function podStatusText(p: KObject): string {
  if (p.metadata.deletionTimestamp) return "Terminating";
  for (const cs of [...(p.status?.initContainerStatuses ?? []), ...(p.status?.containerStatuses ?? [])]) {
    const w = cs.state?.waiting?.reason;
    if (w && w !== "PodInitializing") return w;
    const t = cs.state?.terminated?.reason;
    if (t && t !== "Completed") return t;
  }
  const unsched = p.status?.conditions?.find((c: any) => c.type === "PodScheduled" && c.status === "False");
  if (unsched) return `Pending(${unsched.message ?? unsched.reason ?? "스케줄 대기"})`;
  return p.status?.reason ?? p.status?.phase ?? "Unknown";
}

export function restarts(p: KObject): number {
  return (p.status?.containerStatuses ?? []).reduce((n: number, cs: any) => n + (cs.restartCount ?? 0), 0);
}
