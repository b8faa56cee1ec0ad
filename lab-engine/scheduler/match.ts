// Matching helpers shared by scheduler plugins and the kubelet: tolerations vs taints and
// node selector terms, with the operators of the v1 API.

import type { KObject } from "../api/types.ts";

export interface Taint {
  key: string;
  value?: string;
  effect: string;
}

export function tolerates(tol: any, taint: Taint): boolean {
  if (tol.effect && tol.effect !== taint.effect) return false;
  if (tol.key && tol.key !== taint.key) return false;
  if (!tol.key && tol.operator !== "Exists") return false;
  if (tol.operator === "Exists") return true;
  return (tol.value ?? "") === (taint.value ?? "");
}

export function podToleratesTaint(pod: KObject, taint: Taint): boolean {
  return (pod.spec?.tolerations ?? []).some((t: any) => tolerates(t, taint));
}

/** The first NoSchedule/NoExecute taint the pod does not tolerate (TaintToleration Filter). */
export function firstUntoleratedTaint(pod: KObject, node: KObject, effects = ["NoSchedule", "NoExecute"]): Taint | undefined {
  for (const t of node.spec?.taints ?? []) {
    if (!effects.includes(t.effect)) continue;
    if (!podToleratesTaint(pod, t)) return t;
  }
  return undefined;
}

function matchExpr(expr: any, labels: Record<string, string>): boolean {
  const has = Object.prototype.hasOwnProperty.call(labels, expr.key);
  const v = labels[expr.key];
  const vals: string[] = expr.values ?? [];
  switch (expr.operator) {
    case "In":
      return has && vals.includes(v);
    case "NotIn":
      return !has || !vals.includes(v);
    case "Exists":
      return has;
    case "DoesNotExist":
      return !has;
    case "Gt":
    case "Lt": {
      if (!has || vals.length !== 1) return false;
      const a = Number.parseInt(v, 10);
      const b = Number.parseInt(vals[0], 10);
      if (Number.isNaN(a) || Number.isNaN(b)) return false;
      return expr.operator === "Gt" ? a > b : a < b;
    }
  }
  return false;
}

/** One NodeSelectorTerm: all expressions and fields must match; an empty term matches nothing. */
export function matchNodeSelectorTerm(term: any, node: KObject): boolean {
  const exprs = term?.matchExpressions ?? [];
  const fields = term?.matchFields ?? [];
  if (exprs.length === 0 && fields.length === 0) return false;
  const labels = node.metadata.labels ?? {};
  if (!exprs.every((e: any) => matchExpr(e, labels))) return false;
  return fields.every((f: any) => matchExpr(f, { "metadata.name": node.metadata.name }));
}

/** nodeSelector map AND required node affinity (terms ORed). */
export function podMatchesNode(pod: KObject, node: KObject): boolean {
  const sel = pod.spec?.nodeSelector ?? {};
  const labels = node.metadata.labels ?? {};
  for (const k of Object.keys(sel)) if (labels[k] !== sel[k]) return false;
  const req = pod.spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution;
  if (req?.nodeSelectorTerms) {
    if (!req.nodeSelectorTerms.some((t: any) => matchNodeSelectorTerm(t, node))) return false;
  }
  return true;
}

/** metav1.LabelSelector: matchLabels + matchExpressions (In/NotIn/Exists/DoesNotExist). null matches nothing, {} everything. */
export function matchLabelSelector(sel: any, labels: Record<string, string> | undefined): boolean {
  if (!sel) return false;
  const l = labels ?? {};
  for (const k of Object.keys(sel.matchLabels ?? {})) if (l[k] !== sel.matchLabels[k]) return false;
  return (sel.matchExpressions ?? []).every((e: any) => matchExpr(e, l));
}
