// kubectl auth can-i / whoami, answered by the RBAC authorizer (api/rbac.ts) as the
// SelfSubjectAccessReview / SelfSubjectRulesReview / SelfSubjectReview APIs would.

import { resolveResource } from "../../api/resources.ts";
import { allowed, groupsOf, rulesFor, type Rule } from "../../api/rbac.ts";
import type { Invocation } from "../invocation.ts";
import { kerror } from "../errors.ts";
import { formatTable } from "../output/tabwriter.ts";
import { parseOutput, printStructured } from "../printers/print-objects.ts";
import { b64decode } from "../../util/base64.ts";
import type { KObject } from "../../api/types.ts";
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

/** The JWT claims of a bearer token (--token or the kubeconfig user's), if it is one. */
function tokenClaims(token: string | undefined): any {
  const part = token?.split(".")[1];
  if (!part) return undefined;
  try {
    return JSON.parse(b64decode(part.replace(/-/g, "+").replace(/_/g, "/") + "=".repeat((4 - (part.length % 4)) % 4)) ?? "");
  } catch {
    return undefined;
  }
}

/** A stable stand-in for the SHA-256 fingerprint of a client certificate (64 hex digits). */
function certFingerprint(seed: string): string {
  let out = "";
  let h = 2166136261;
  for (let round = 0; out.length < 64; round++) {
    for (let i = 0; i < seed.length; i++) h = Math.imul(h ^ seed.charCodeAt(i), 16777619) >>> 0;
    h = Math.imul(h ^ round, 2246822519) >>> 0;
    out += h.toString(16).padStart(8, "0");
  }
  return out.slice(0, 64);
}

interface UserInfo {
  username: string;
  uid?: string;
  groups: string[];
  extra?: Record<string, string[]>;
}

/**
 * What the API server's authenticators make of this request (SelfSubjectReview status):
 * impersonation replaces the user (no extra); a service account token gives the account's UID
 * and its JTI as credential id; a client certificate gives its fingerprint (kube-apiserver 1.31+).
 */
function authenticatedUser(inv: Invocation): UserInfo {
  const asUser: string | undefined = inv.flags.as;
  if (asUser) {
    const asGroups: string[] = inv.flags["as-group"] ?? [];
    const groups = asGroups.length ? [...asGroups, ...(asGroups.includes("system:authenticated") ? [] : ["system:authenticated"])] : groupsOf(asUser);
    return { username: asUser, ...(inv.flags["as-uid"] ? { uid: String(inv.flags["as-uid"]) } : {}), groups };
  }
  const kc = inv.host.kubeconfig;
  const kctx = kc.contexts.find((c) => c.name === (inv.flags.context ?? kc.currentContext));
  const kuser = kc.users.find((u) => u.name === (inv.flags.user ?? kctx?.user));
  const claims = tokenClaims(inv.flags.token ?? kuser?.token);
  const user = inv.user ?? "kubernetes-admin";
  if (claims && typeof claims.sub === "string") {
    const uid = claims["kubernetes.io"]?.serviceaccount?.uid;
    return { username: user, ...(uid ? { uid } : {}), groups: groupsOf(user), ...(claims.jti ? { extra: { "authentication.kubernetes.io/credential-id": [`JTI=${claims.jti}`] } } : {}) };
  }
  const clusterId = inv.cluster.store.get("namespaces", undefined, "kube-system")?.metadata.uid ?? "";
  return { username: user, groups: groupsOf(user), extra: { "authentication.kubernetes.io/credential-id": [`X509SHA256=${certFingerprint(`${clusterId}/${user}`)}`] } };
}

function runWhoami(inv: Invocation): number {
  // PrintFlags("").WithTypeSetter: the write-command formats; checked before the request.
  const fmt = inv.flags.output ? parseOutput(inv.flags.output, {}) : undefined;
  const ui = authenticatedUser(inv);
  if (fmt) {
    if (fmt.kind === "name") {
      inv.out("selfsubjectreview.authentication.k8s.io/<unknown>\n");
      return 0;
    }
    const review = { kind: "SelfSubjectReview", apiVersion: "authentication.k8s.io/v1", metadata: { creationTimestamp: inv.cluster.isoNow() }, status: { userInfo: ui } } as unknown as KObject;
    inv.out(printStructured([review], fmt, false, (p) => inv.ctx.fs.readFile(inv.ctx.fs.resolve(inv.ctx.cwd, p)), "typed"));
    return 0;
  }
  // printTableSelfSubjectAccessReview: Username, UID, Groups, then each extra key sorted.
  const rows: string[][] = [["ATTRIBUTE", "VALUE"], ["Username", ui.username]];
  if (ui.uid) rows.push(["UID", ui.uid]);
  if (ui.groups.length) rows.push(["Groups", `[${ui.groups.join(" ")}]`]);
  for (const k of Object.keys(ui.extra ?? {}).sort()) rows.push([`Extra: ${k}`, `[${ui.extra![k].join(" ")}]`]);
  inv.out(formatTable(rows));
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
