// `canI`: may a user or ServiceAccount do a verb on a resource? Answered as
// `kubectl auth can-i VERB RESOURCE --as USER -n NS` would: the cluster's authorizer when one
// is installed, else RBAC evaluated over the Role/ClusterRole bindings in the store.

import type { z } from "zod";
import type { CanICheck } from "../lab-schema.ts";
import type { Cluster } from "../../cluster/cluster.ts";
import { Cluster as ClusterClass } from "../../cluster/cluster.ts";
import { resolveResource } from "../../api/resources.ts";
import { result, type CheckContext, type CheckResult } from "./common.ts";

function subjectsMatch(subjects: any[] | undefined, user: string, groups: string[]): boolean {
  for (const s of subjects ?? []) {
    if (s.kind === "User" && s.name === user) return true;
    if (s.kind === "Group" && groups.includes(s.name)) return true;
    if (s.kind === "ServiceAccount" && user === `system:serviceaccount:${s.namespace}:${s.name}`) return true;
  }
  return false;
}

function ruleAllows(rule: any, verb: string, group: string, resource: string, sub: string | undefined, name: string | undefined): boolean {
  const has = (xs: string[] | undefined, x: string) => !!xs && (xs.includes("*") || xs.includes(x));
  if (!has(rule.verbs, verb)) return false;
  if (!has(rule.apiGroups, group)) return false;
  const full = sub ? `${resource}/${sub}` : resource;
  if (!(rule.resources ?? []).some((r: string) => r === "*" || r === full || (sub && r === `*/${sub}`) || (!sub && r === resource))) return false;
  if (rule.resourceNames?.length && (!name || !rule.resourceNames.includes(name))) return false;
  return true;
}

/** RBAC over the store. `user` "system:serviceaccount:ns:name" gets the ServiceAccount groups. */
export function rbacAllows(c: Cluster, user: string, verb: string, group: string, resource: string, sub: string | undefined, ns: string | undefined, name?: string): boolean {
  const groups = ["system:authenticated"];
  const m = /^system:serviceaccount:([^:]+):([^:]+)$/.exec(user);
  if (m) groups.push("system:serviceaccounts", `system:serviceaccounts:${m[1]}`);
  const clusterRole = (n: string) => c.store.get("clusterroles", undefined, n) as any;
  const rulesOf = (ref: any, bindingNs: string | undefined): any[] => {
    if (ref?.kind === "ClusterRole") return clusterRole(ref.name)?.rules ?? [];
    if (ref?.kind === "Role" && bindingNs) return (c.store.get("roles", bindingNs, ref.name) as any)?.rules ?? [];
    return [];
  };
  for (const b of c.store.list("clusterrolebindings") as any[]) {
    if (subjectsMatch(b.subjects, user, groups) && rulesOf(b.roleRef, undefined).some((r) => ruleAllows(r, verb, group, resource, sub, name))) return true;
  }
  if (ns) {
    for (const b of c.store.list("rolebindings", ns) as any[]) {
      if (subjectsMatch(b.subjects, user, groups) && rulesOf(b.roleRef, ns).some((r) => ruleAllows(r, verb, group, resource, sub, name))) return true;
    }
  }
  return false;
}

export function checkCanI(ch: z.infer<typeof CanICheck>, ctx: CheckContext): CheckResult {
  const c = ctx.sb.cluster;
  const ns = ch.namespace ?? "default";
  const [typed, sub] = ch.resource.split("/");
  const ri = resolveResource(typed);
  if (!ri) throw new Error(`grader: unknown resource ${ch.resource}`);
  let allowed: boolean;
  if (ClusterClass.authorizer) allowed = ClusterClass.authorizer(c, ch.as, ch.verb, ri, ri.namespaced ? ns : undefined) === undefined;
  else allowed = rbacAllows(c, ch.as, ch.verb, ri.group, ri.plural, sub, ri.namespaced ? ns : undefined);
  const cmd = `kubectl auth can-i ${ch.verb} ${ch.resource} --as=${ch.as} -n ${ns}`;
  const expected = `\`${cmd}\` → ${ch.expect ? "yes" : "no"}`;
  const ok = allowed === ch.expect;
  const hint = ch.expect
    ? `${ch.as}에게 ${ns} 네임스페이스의 ${ch.resource} ${ch.verb} 권한이 없습니다. Role의 verbs·resources·apiGroups와 RoleBinding의 subjects(종류, 이름, 네임스페이스)를 확인하세요.`
    : `${ch.as}에게 ${ch.resource} ${ch.verb} 권한이 너무 많이 주어졌습니다. 필요한 verb만 허용하세요(최소 권한).`;
  return result(ch, ok, expected, allowed ? "yes" : "no", hint);
}
