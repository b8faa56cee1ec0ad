// Label and field selectors with the grammar of k8s.io/apimachinery/pkg/labels:
// `a=b`, `a==b`, `a!=b`, `a in (x,y)`, `a notin (x)`, `a`, `!a`, comma = AND.

import { ApiError } from "./errors.ts";

export type Requirement =
  | { key: string; op: "=" | "!="; values: [string] }
  | { key: string; op: "in" | "notin"; values: string[] }
  | { key: string; op: "exists" | "!exists"; values: [] }
  | { key: string; op: "gt" | "lt"; values: [string] };

export type LabelSelector = Requirement[];

export function parseLabelSelector(text: string): LabelSelector {
  const reqs: Requirement[] = [];
  const s = text.trim();
  if (!s) return reqs;
  let i = 0;
  const fail = (): never => {
    throw new ApiError("BadRequest", `unable to parse requirement: found '${s}', expected: identifier`);
  };
  while (i < s.length) {
    while (s[i] === " ") i++;
    let negate = false;
    if (s[i] === "!") {
      negate = true;
      i++;
    }
    const keyMatch = /^[A-Za-z0-9._\/-]+/.exec(s.slice(i));
    if (!keyMatch) fail();
    const key = keyMatch![0];
    i += key.length;
    while (s[i] === " ") i++;
    if (negate) {
      reqs.push({ key, op: "!exists", values: [] });
    } else if (s.startsWith("!=", i)) {
      i += 2;
      const v = /^[A-Za-z0-9._-]*/.exec(s.slice(i))![0];
      i += v.length;
      reqs.push({ key, op: "!=", values: [v] });
    } else if (s.startsWith("==", i) || s[i] === "=") {
      i += s.startsWith("==", i) ? 2 : 1;
      const v = /^[A-Za-z0-9._-]*/.exec(s.slice(i))![0];
      i += v.length;
      reqs.push({ key, op: "=", values: [v] });
    } else if (/^(in|notin)\s*\(/.test(s.slice(i))) {
      const op = s.startsWith("notin", i) ? "notin" : "in";
      i = s.indexOf("(", i) + 1;
      const close = s.indexOf(")", i);
      if (close < 0) fail();
      const values = s
        .slice(i, close)
        .split(",")
        .map((v) => v.trim())
        .filter((v) => v !== "");
      i = close + 1;
      reqs.push({ key, op, values });
    } else if (s[i] === ">" || s[i] === "<") {
      const op = s[i] === ">" ? "gt" : "lt";
      i++;
      const v = /^[0-9]+/.exec(s.slice(i))?.[0] ?? fail();
      i += v.length;
      reqs.push({ key, op, values: [v] });
    } else {
      reqs.push({ key, op: "exists", values: [] });
    }
    while (s[i] === " ") i++;
    if (i < s.length) {
      if (s[i] !== ",") fail();
      i++;
    }
  }
  return reqs;
}

export function matchesLabels(sel: LabelSelector, labels: Record<string, string> | undefined): boolean {
  const l = labels ?? {};
  for (const r of sel) {
    const has = Object.prototype.hasOwnProperty.call(l, r.key);
    const v = l[r.key];
    switch (r.op) {
      case "=":
        if (!has || v !== r.values[0]) return false;
        break;
      case "!=":
        if (has && v === r.values[0]) return false;
        break;
      case "in":
        if (!has || !r.values.includes(v)) return false;
        break;
      case "notin":
        if (has && r.values.includes(v)) return false;
        break;
      case "exists":
        if (!has) return false;
        break;
      case "!exists":
        if (has) return false;
        break;
      case "gt":
        if (!has || !(Number(v) > Number(r.values[0]))) return false;
        break;
      case "lt":
        if (!has || !(Number(v) < Number(r.values[0]))) return false;
        break;
    }
  }
  return true;
}

/** metav1.LabelSelector (matchLabels + matchExpressions) → requirements. Empty selector matches everything. */
export function fromLabelSelector(ls: any): LabelSelector {
  const reqs: Requirement[] = [];
  for (const [k, v] of Object.entries(ls?.matchLabels ?? {})) reqs.push({ key: k, op: "=", values: [String(v)] });
  for (const e of ls?.matchExpressions ?? []) {
    const op = String(e.operator);
    if (op === "In") reqs.push({ key: e.key, op: "in", values: e.values ?? [] });
    else if (op === "NotIn") reqs.push({ key: e.key, op: "notin", values: e.values ?? [] });
    else if (op === "Exists") reqs.push({ key: e.key, op: "exists", values: [] });
    else if (op === "DoesNotExist") reqs.push({ key: e.key, op: "!exists", values: [] });
  }
  return reqs;
}

/** A plain map selector (Service, ReplicationController). Empty or missing map matches nothing for services. */
export function fromMap(m: Record<string, string> | undefined): LabelSelector {
  return Object.entries(m ?? {}).map(([key, v]) => ({ key, op: "=" as const, values: [v] as [string] }));
}

export function selectorString(sel: LabelSelector): string {
  return sel
    .map((r) => {
      switch (r.op) {
        case "=":
          return `${r.key}=${r.values[0]}`;
        case "!=":
          return `${r.key}!=${r.values[0]}`;
        case "in":
          return `${r.key} in (${[...r.values].sort().join(",")})`;
        case "notin":
          return `${r.key} notin (${[...r.values].sort().join(",")})`;
        case "exists":
          return r.key;
        case "!exists":
          return `!${r.key}`;
        case "gt":
          return `${r.key}>${r.values[0]}`;
        case "lt":
          return `${r.key}<${r.values[0]}`;
      }
    })
    .join(",");
}

// ---- field selectors -------------------------------------------------------------------------

export interface FieldRequirement {
  field: string;
  op: "=" | "!=";
  value: string;
}

export function parseFieldSelector(text: string): FieldRequirement[] {
  if (!text.trim()) return [];
  return text.split(",").map((part) => {
    const m = /^\s*([A-Za-z0-9._\[\]\/-]+)\s*(==|!=|=)\s*(.*?)\s*$/.exec(part);
    if (!m) throw new ApiError("BadRequest", `invalid selector: '${text}'; can't understand '${part}'`);
    return { field: m[1], op: m[2] === "!=" ? "!=" : "=", value: m[3] };
  });
}

function fieldValue(obj: any, path: string): string {
  let cur = obj;
  for (const p of path.split(".")) {
    if (cur == null) return "";
    cur = cur[p];
  }
  return cur == null ? "" : String(cur);
}

/** Fields every resource supports plus the per-kind ones the real server allows. */
const SUPPORTED: Record<string, string[]> = {
  pods: ["spec.nodeName", "spec.restartPolicy", "spec.schedulerName", "spec.serviceAccountName", "spec.hostNetwork", "status.phase", "status.podIP", "status.nominatedNodeName"],
  events: ["involvedObject.kind", "involvedObject.namespace", "involvedObject.name", "involvedObject.uid", "involvedObject.apiVersion", "involvedObject.resourceVersion", "involvedObject.fieldPath", "reason", "reportingComponent", "source", "type"],
  nodes: ["spec.unschedulable"],
  secrets: ["type"],
  namespaces: ["status.phase"],
  replicasets: ["status.replicas"],
  jobs: ["status.successful"],
};

export function validateFieldSelector(plural: string, reqs: FieldRequirement[], kindName: string, version = "v1"): void {
  for (const r of reqs) {
    if (r.field === "metadata.name" || r.field === "metadata.namespace") continue;
    if ((SUPPORTED[plural] ?? []).includes(r.field)) continue;
    throw new ApiError("BadRequest", `Unable to find "${plural === "events" ? "/" : ""}${version}, Resource=${plural}" that match label selector "", field selector "${r.field}${r.op}${r.value}": field label not supported: ${r.field}`.replace(`"/${version}`, `"/${version}`));
  }
}

export function matchesFields(reqs: FieldRequirement[], obj: any): boolean {
  for (const r of reqs) {
    const v = r.field === "source" ? (obj.source?.component ?? "") : fieldValue(obj, r.field);
    if (r.op === "=" ? v !== r.value : v === r.value) return false;
  }
  return true;
}
