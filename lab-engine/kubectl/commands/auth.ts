// kubectl auth can-i / whoami, answered by the RBAC authorizer (api/rbac.ts) as the
// SelfSubjectAccessReview / SelfSubjectRulesReview / SelfSubjectReview APIs would.

import { resolveResource } from "../../api/resources.ts";
import { allowed, groupsOf, rulesFor, type Rule } from "../../api/rbac.ts";
import type { Invocation } from "../invocation.ts";
import { kerror } from "../errors.ts";
import { formatTable } from "../output/tabwriter.ts";
import type { KubectlCommand } from "./registry.ts";

const ADMIN_RULES: Rule[] = [
  { apiGroups: ["*"], resources: ["*"], verbs: ["*"] },
  { nonResourceURLs: ["*"], verbs: ["*"] },
];

/** Rules every authenticated user has through system:basic-user / system:discovery / system:public-info-viewer. */
const BASE_RULES: Rule[] = [
  { apiGroups: ["authentication.k8s.io"], resources: ["selfsubjectreviews"], verbs: ["create"] },
  { apiGroups: ["authorization.k8s.io"], resources: ["selfsubjectaccessreviews"], verbs: ["create"] },
  { apiGroups: ["authorization.k8s.io"], resources: ["selfsubjectrulesreviews"], verbs: ["create"] },
  { nonResourceURLs: ["/api", "/api/*", "/apis", "/apis/*", "/healthz", "/livez", "/openapi", "/openapi/*", "/readyz", "/version", "/version/"], verbs: ["get"] },
  { nonResourceURLs: ["/healthz", "/livez", "/readyz", "/version", "/version/"], verbs: ["get"] },
];

function listTable(rules: Rule[]): string {
  const rows: string[][] = [["Resources", "Non-Resource URLs", "Resource Names", "Verbs"]];
  const seen = new Set<string>();
  const body: string[][] = [];
  for (const r of rules) {
    const urls = r.nonResourceURLs ?? [];
    const names = `[${(r.resourceNames ?? []).join(" ")}]`;
    const verbs = `[${r.verbs.join(" ")}]`;
    if (urls.length) {
      for (const u of urls) body.push(["", `[${u}]`, names, verbs]);
      continue;
    }
    for (const res of r.resources ?? []) {
      for (const g of r.apiGroups ?? [""]) {
        const cell = g ? `${res}.${g}` : res;
        body.push([cell, "[]", names, verbs]);
      }
    }
  }
  for (const b of body) {
    const k = b.join("\u0000");
    if (seen.has(k)) continue;
    seen.add(k);
    rows.push(b);
  }
  return formatTable(rows);
}

function runCanI(inv: Invocation): number {
  const user = inv.user;
  const ns = inv.flags["all-namespaces"] ? undefined : inv.namespace;
  if (inv.flags.list) {
    const rules = !user || groupsOf(user).includes("kubeadm:cluster-admins") ? [...ADMIN_RULES, ...BASE_RULES] : [...rulesFor(inv.cluster, user, ns), ...BASE_RULES];
    inv.out(listTable(rules));
    return 0;
  }
  if (inv.args.length < 2) {
    if (inv.args.length === 1 && inv.args[0].startsWith("/")) {
      // Non-resource URL, e.g. `kubectl auth can-i get /logs`.
    } else throw kerror(`you must specify two arguments: verb resource or verb resource/resourceName.\nSee 'kubectl auth can-i -h' for help and examples`);
  }
  const verb = inv.args[0];
  let target = inv.args[1];
  let name = inv.args[2];
  if (target.startsWith("/")) {
    const ok = !user || groupsOf(user).includes("kubeadm:cluster-admins") || [...rulesFor(inv.cluster, user, undefined), ...BASE_RULES].some((r) => (r.nonResourceURLs ?? []).some((u) => u === "*" || u === target || (u.endsWith("*") && target.startsWith(u.slice(0, -1)))) && (r.verbs.includes("*") || r.verbs.includes(verb)));
    if (!inv.flags.quiet) inv.out(ok ? "yes\n" : "no\n");
    return ok ? 0 : 1;
  }
  const slash = target.indexOf("/");
  if (slash > 0) {
    name = target.slice(slash + 1);
    target = target.slice(0, slash);
  }
  let resource = target;
  let group = "";
  let namespaced = true;
  if (target !== "*") {
    const ri = resolveResource(target);
    if (ri) {
      resource = ri.plural;
      group = ri.group;
      namespaced = ri.namespaced;
    } else {
      inv.err(`Warning: the server doesn't have a resource type '${target}'\n\n`);
      const dot = target.indexOf(".");
      if (dot > 0) {
        resource = target.slice(0, dot);
        group = target.slice(dot + 1);
      }
    }
  }
  if (inv.flags.subresource) resource = `${resource}/${inv.flags.subresource}`;
  const ok = allowed(inv.cluster, user, namespaced ? ns : undefined, { verb, group, resource, name });
  if (!inv.flags.quiet) inv.out(ok ? "yes\n" : "no\n");
  return ok ? 0 : 1;
}

function runWhoami(inv: Invocation): number {
  const user = inv.user ?? "kubernetes-admin";
  const groups = groupsOf(user);
  const fmt = inv.flags.output;
  if (fmt === "json" || fmt === "yaml") {
    const obj = { kind: "SelfSubjectReview", apiVersion: "authentication.k8s.io/v1", metadata: { creationTimestamp: null }, status: { userInfo: { username: user, groups } } };
    if (fmt === "json") inv.out(JSON.stringify(obj, null, 4) + "\n");
    else inv.out(`apiVersion: authentication.k8s.io/v1\nkind: SelfSubjectReview\nmetadata:\n  creationTimestamp: null\nstatus:\n  userInfo:\n    groups:\n${groups.map((g) => `    - ${g}\n`).join("")}    username: ${user}\n`);
    return 0;
  }
  inv.out(formatTable([["ATTRIBUTE", "VALUE"], ["Username", user], ["Groups", `[${groups.join(" ")}]`]]));
  return 0;
}

export const authCommand: KubectlCommand = {
  name: "auth",
  help: `Inspect authorization.

Available Commands:
  can-i         Check whether an action is allowed
  reconcile     Reconciles rules for RBAC role, role binding, cluster role, and cluster role binding objects
  whoami        Experimental: Check self subject attributes

Usage:
  kubectl auth [flags] [options]

Use "kubectl auth <command> --help" for more information about a given command.
Use "kubectl options" for a list of global command-line options (applies to all commands).
`,
  subcommands: {
    "can-i": {
      name: "can-i",
      flags: [
        { name: "all-namespaces", short: "A", type: "bool" },
        { name: "list", type: "bool" },
        { name: "no-headers", type: "bool" },
        { name: "quiet", short: "q", type: "bool" },
        { name: "subresource", type: "string" },
      ],
      run: runCanI,
    },
    whoami: { name: "whoami", flags: [{ name: "output", short: "o", type: "string" }], run: runWhoami },
  },
};
