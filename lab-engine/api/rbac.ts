// The RBAC authorizer (Roles, ClusterRoles and their bindings) installed as Cluster.authorizer,
// with the API server's 1.32 denial texts. Also answers `kubectl auth can-i` and `--list`.

import { Cluster } from "../cluster/cluster.ts";
import type { KObject } from "./types.ts";
import type { ResourceInfo } from "./resources.ts";

export interface Rule {
  apiGroups?: string[];
  resources?: string[];
  resourceNames?: string[];
  nonResourceURLs?: string[];
  verbs: string[];
}

/** Groups a username belongs to: service accounts get their namespace group; everyone is authenticated. */
export function groupsOf(user: string): string[] {
  const m = /^system:serviceaccount:([^:]+):([^:]+)$/.exec(user);
  if (m) return ["system:serviceaccounts", `system:serviceaccounts:${m[1]}`, "system:authenticated"];
  if (user === "kubernetes-admin") return ["kubeadm:cluster-admins", "system:authenticated"];
  if (user === "system:anonymous") return ["system:unauthenticated"];
  return ["system:authenticated"];
}

function subjectMatches(s: any, user: string, groups: string[], bindingNs: string | undefined): boolean {
  if (s.kind === "User") return s.name === user;
  if (s.kind === "Group") return groups.includes(s.name);
  if (s.kind === "ServiceAccount") return user === `system:serviceaccount:${s.namespace ?? bindingNs ?? ""}:${s.name}`;
  return false;
}

function roleRules(c: Cluster, ref: any, bindingNs: string | undefined): Rule[] {
  if (ref?.kind === "ClusterRole") return c.store.get("clusterroles", undefined, ref.name)?.rules ?? [];
  if (ref?.kind === "Role" && bindingNs) return c.store.get("roles", bindingNs, ref.name)?.rules ?? [];
  return [];
}

/** Every rule that applies to `user` in namespace `ns` (undefined: cluster-wide bindings only). */
export function rulesFor(c: Cluster, user: string, ns: string | undefined): Rule[] {
  const groups = groupsOf(user);
  const out: Rule[] = [];
  for (const b of c.store.list("clusterrolebindings")) {
    if ((b.subjects ?? []).some((s: any) => subjectMatches(s, user, groups, undefined))) out.push(...roleRules(c, b.roleRef, undefined));
  }
  if (ns) {
    for (const b of c.store.list("rolebindings", ns)) {
      if ((b.subjects ?? []).some((s: any) => subjectMatches(s, user, groups, ns))) out.push(...roleRules(c, b.roleRef, ns));
    }
  }
  return out;
}

const has = (list: string[] | undefined, v: string) => !!list && (list.includes("*") || list.includes(v));

function resourceMatches(list: string[] | undefined, resource: string): boolean {
  if (!list) return false;
  if (list.includes("*") || list.includes(resource)) return true;
  const [r, sub] = resource.split("/");
  return !!sub && (list.includes(`${r}/*`) || list.includes(`*/${sub}`));
}

export interface Request {
  verb: string;
  group: string;
  /** `pods` or `pods/log`. */
  resource: string;
  name?: string;
}

export function ruleAllows(r: Rule, q: Request): boolean {
  if (!has(r.verbs, q.verb) || !has(r.apiGroups, q.group) || !resourceMatches(r.resources, q.resource)) return false;
  if (r.resourceNames?.length) return !!q.name && r.resourceNames.includes(q.name);
  return true;
}

/** Superusers: the kubeadm admin identity and system:masters bypass RBAC as on a real cluster. */
export function allowed(c: Cluster, user: string | undefined, ns: string | undefined, q: Request): boolean {
  if (!user) return true;
  const groups = groupsOf(user);
  if (groups.includes("system:masters") || groups.includes("kubeadm:cluster-admins")) return true;
  return rulesFor(c, user, ns).some((r) => ruleAllows(r, q));
}

/** The API server's Forbidden text. */
export function forbiddenText(user: string, q: Request, ns: string | undefined): string {
  const [base] = q.resource.split("/");
  const qual = q.group ? `${base}.${q.group}` : base;
  const what = q.name ? `${qual} "${q.name}"` : qual;
  const where = ns ? `in the namespace "${ns}"` : "at the cluster scope";
  return `${what} is forbidden: User "${user}" cannot ${q.verb} resource "${q.resource}" in API group "${q.group}" ${where}`;
}

export function installRbac(): void {
  Cluster.authorizer = (c: Cluster, user: string | undefined, verb: string, ri: ResourceInfo, ns: string | undefined, name?: string) => {
    // A create is a POST to the collection: the request carries no name, so neither does the text.
    const q: Request = { verb, group: ri.group ?? "", resource: ri.plural, name: verb === "create" && !ri.plural.includes("/") ? undefined : name };
    const scope = ri.namespaced ? ns : undefined;
    return allowed(c, user, scope, q) ? undefined : forbiddenText(user!, q, scope);
  };
}

installRbac();

export type { KObject };
