// `kubectl create <generator>`: the objects kubectl 1.32 builds client-side, field for field
// (compare with `kubectl create ... --dry-run=client -o yaml` from the real binary).

import type { KObject } from "../../api/types.ts";
import type { FlagDef } from "../flags.ts";
import type { Invocation } from "../invocation.ts";
import { kerror, KubectlError, usageError } from "../errors.ts";
import { parseGoDuration } from "../../util/duration.ts";
import { DRY_RUN_FLAG, OUTPUT_FLAG, parseKeyValue, requiredFlagError } from "./common.ts";
import { finishGenerated } from "./create.ts";
import type { KubectlCommand } from "./registry.ts";
import { b64encode } from "../../util/base64.ts";

const COMMON: FlagDef[] = [OUTPUT_FLAG, DRY_RUN_FLAG, { name: "save-config", type: "bool" }, { name: "validate", type: "string", noOptDefault: "strict" }, { name: "field-manager", type: "string" }, { name: "template", type: "string" }, { name: "show-managed-fields", type: "bool" }, { name: "allow-missing-template-keys", type: "bool", default: true }];

function nameArg(inv: Invocation, usage: string): string {
  if (inv.args.length === 0) throw kerror(`exactly one NAME is required, got 0\nSee '${inv.cmdPath} -h' for help and examples`);
  if (inv.args.length > 1) throw kerror(`exactly one NAME is required, got ${inv.args.length}\nSee '${inv.cmdPath} -h' for help and examples`);
  void usage;
  return inv.args[0];
}

function md(inv: Invocation, name: string, extra: Record<string, any> = {}): any {
  return { creationTimestamp: null, ...extra, name, ...(inv.nsExplicit ? { namespace: inv.namespace } : {}) };
}

function sortKeys<T extends Record<string, any>>(o: T): T {
  return Object.fromEntries(Object.entries(o).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) as T;
}

const deployment: KubectlCommand = {
  name: "deployment",
  aliases: ["deploy"],
  flags: [...COMMON, { name: "image", type: "strings" }, { name: "replicas", short: "r", type: "int", default: 1 }, { name: "port", type: "int", default: -1 }],
  run(inv) {
    const images: string[] = inv.flags.image ?? [];
    if (!images.length) throw requiredFlagError(inv, "image");
    const name = nameArg(inv, "deployment NAME --image=image -- [COMMAND] [args...]");
    const containers = images.map((img) => {
      let cname = img.split("/").pop()!.split(":")[0].split("@")[0];
      cname = cname.replace(/[^a-z0-9-]/g, "-");
      const c: any = { image: img, name: cname };
      if (inv.dashArgs?.length) c.command = inv.dashArgs;
      if (inv.flags.port >= 0) c.ports = [{ containerPort: inv.flags.port }];
      c.resources = {};
      return c;
    });
    if (images.length > 1 && inv.dashArgs?.length) throw kerror("cannot specify multiple --image options and command");
    const labels = { app: name };
    const obj: KObject = {
      apiVersion: "apps/v1",
      kind: "Deployment",
      metadata: md(inv, name, { labels }),
      spec: {
        replicas: inv.flags.replicas,
        selector: { matchLabels: labels },
        strategy: {},
        template: { metadata: { creationTimestamp: null, labels }, spec: { containers } },
      },
      status: {},
    };
    return finishGenerated(inv, obj, "deployment");
  },
};

const namespace: KubectlCommand = {
  name: "namespace",
  aliases: ["ns"],
  flags: COMMON,
  run(inv) {
    const name = nameArg(inv, "namespace NAME");
    return finishGenerated(inv, { apiVersion: "v1", kind: "Namespace", metadata: { creationTimestamp: null, name } as any, spec: {}, status: {} }, "namespace");
  },
};

function readFromFile(inv: Invocation, spec: string): [string, string][] {
  const i = spec.indexOf("=");
  const key = i > 0 ? spec.slice(0, i) : undefined;
  const path = i > 0 ? spec.slice(i + 1) : spec;
  const fs = inv.ctx.fs;
  const abs = fs.resolve(inv.ctx.cwd, path);
  const st = fs.stat(abs);
  if (!st) throw kerror(`error reading ${path}: no such file or directory`);
  if (st.type === "dir") {
    if (key) throw kerror(`cannot give a key name for a directory path`);
    return fs.readdir(abs).filter((n) => fs.stat(`${abs}/${n}`)?.type === "file").map((n) => [n, fs.readFile(`${abs}/${n}`)]);
  }
  return [[key ?? path.split("/").pop()!, fs.readFile(abs)]];
}

function readEnvFile(inv: Invocation, path: string): [string, string][] {
  const fs = inv.ctx.fs;
  const abs = fs.resolve(inv.ctx.cwd, path);
  if (!fs.exists(abs)) throw kerror(`error reading ${path}: no such file or directory`);
  const out: [string, string][] = [];
  for (const line of fs.readFile(abs).split("\n")) {
    const t = line.replace(/^\s+/, "");
    if (!t || t.startsWith("#")) continue;
    const i = t.indexOf("=");
    if (i < 0) out.push([t, inv.ctx.env[t] ?? ""]);
    else out.push([t.slice(0, i), t.slice(i + 1)]);
  }
  return out;
}

function collectData(inv: Invocation): [string, string][] {
  const data: [string, string][] = [];
  const seen = new Set<string>();
  const add = (k: string, v: string) => {
    if (seen.has(k)) throw kerror(`cannot add key ${k}, another key by that name already exists in Data for ConfigMap "${inv.args[0]}"`);
    seen.add(k);
    data.push([k, v]);
  };
  for (const lit of inv.flags["from-literal"] ?? []) add(...parseKeyValue(lit, "from-literal"));
  for (const f of inv.flags["from-file"] ?? []) for (const [k, v] of readFromFile(inv, f)) add(k, v);
  for (const f of inv.flags["from-env-file"] ?? []) for (const [k, v] of readEnvFile(inv, f)) add(k, v);
  return data;
}

const DATA_FLAGS: FlagDef[] = [
  { name: "from-literal", type: "strings" },
  { name: "from-file", type: "strings" },
  { name: "from-env-file", type: "strings" },
  { name: "append-hash", type: "bool" },
];

const configmap: KubectlCommand = {
  name: "configmap",
  aliases: ["cm"],
  flags: [...COMMON, ...DATA_FLAGS],
  run(inv) {
    const name = nameArg(inv, "configmap NAME");
    const data = collectData(inv);
    const obj: KObject = { apiVersion: "v1", kind: "ConfigMap", metadata: md(inv, name) };
    if (data.length) obj.data = sortKeys(Object.fromEntries(data));
    return finishGenerated(inv, obj, "configmap");
  },
};

const secretGeneric: KubectlCommand = {
  name: "generic",
  flags: [...COMMON, ...DATA_FLAGS, { name: "type", type: "string" }],
  run(inv) {
    const name = nameArg(inv, "secret generic NAME");
    const data = collectData(inv);
    const obj: KObject = { apiVersion: "v1", kind: "Secret", metadata: md(inv, name) };
    if (data.length) obj.data = sortKeys(Object.fromEntries(data.map(([k, v]) => [k, b64encode(v)])));
    if (inv.flags.type) obj.type = inv.flags.type;
    return finishGenerated(inv, obj, "secret");
  },
};

const secretTls: KubectlCommand = {
  name: "tls",
  flags: [...COMMON, { name: "cert", type: "string" }, { name: "key", type: "string" }],
  run(inv) {
    const name = nameArg(inv, "secret tls NAME --cert=path/to/cert/file --key=path/to/key/file");
    if (!inv.flags.cert || !inv.flags.key) throw kerror(`key and cert must be specified`);
    const fs = inv.ctx.fs;
    const rd = (p: string) => {
      const abs = fs.resolve(inv.ctx.cwd, p);
      if (!fs.exists(abs)) throw kerror(`open ${p}: no such file or directory`);
      return fs.readFile(abs);
    };
    const obj: KObject = { apiVersion: "v1", kind: "Secret", metadata: md(inv, name), data: { "tls.crt": b64encode(rd(inv.flags.cert)), "tls.key": b64encode(rd(inv.flags.key)) }, type: "kubernetes.io/tls" };
    return finishGenerated(inv, obj, "secret");
  },
};

const secretDocker: KubectlCommand = {
  name: "docker-registry",
  flags: [...COMMON, { name: "docker-server", type: "string", default: "https://index.docker.io/v1/" }, { name: "docker-username", type: "string" }, { name: "docker-password", type: "string" }, { name: "docker-email", type: "string" }, { name: "from-file", type: "strings" }],
  run(inv) {
    const name = nameArg(inv, "secret docker-registry NAME");
    const u = inv.flags["docker-username"];
    const p = inv.flags["docker-password"];
    if (!u || !p) throw kerror(`missing username and password`);
    const auth = { auths: { [inv.flags["docker-server"]]: { username: u, password: p, ...(inv.flags["docker-email"] ? { email: inv.flags["docker-email"] } : {}), auth: b64encode(`${u}:${p}`) } } };
    const obj: KObject = { apiVersion: "v1", kind: "Secret", metadata: md(inv, name), data: { ".dockerconfigjson": b64encode(JSON.stringify(auth)) }, type: "kubernetes.io/dockerconfigjson" };
    return finishGenerated(inv, obj, "secret");
  },
};

function serviceGen(type: "ClusterIP" | "NodePort" | "LoadBalancer" | "ExternalName", sub: string): KubectlCommand {
  const flags: FlagDef[] = [...COMMON, { name: "tcp", type: "strings" }];
  if (type === "ClusterIP") flags.push({ name: "clusterip", type: "string" });
  if (type === "NodePort") flags.push({ name: "node-port", type: "int", default: 0 });
  if (type === "ExternalName") flags.push({ name: "external-name", type: "string" });
  return {
    name: sub,
    flags,
    run(inv) {
      if (type === "ExternalName" && !inv.flags["external-name"]) throw requiredFlagError(inv, "external-name");
      const name = nameArg(inv, `service ${sub} NAME`);
      const tcp: string[] = inv.flags.tcp ?? [];
      if (type !== "ExternalName" && !tcp.length && inv.flags.clusterip !== "None") throw kerror(`at least one tcp port specifier must be provided`);
      const ports = tcp.map((spec) => {
        const [p, t] = spec.split(":");
        // utilnet.ParsePort: strconv.ParseUint(p, 10, 16)
        if (!/^\d+$/.test(p)) throw kerror(`strconv.ParseUint: parsing ${JSON.stringify(p)}: invalid syntax`);
        if (Number(p) > 65535) throw kerror(`strconv.ParseUint: parsing ${JSON.stringify(p)}: value out of range`);
        const port = Number(p);
        const target = !t ? port : /^\d+$/.test(t) ? Number(t) : t;
        const o: any = { name: spec.replace(/:/g, "-"), port, protocol: "TCP", targetPort: target };
        if (type === "NodePort" && inv.flags["node-port"]) o.nodePort = inv.flags["node-port"];
        return o;
      });
      const spec: any = {};
      if (ports.length) spec.ports = ports;
      if (type === "ClusterIP" && inv.flags.clusterip) spec.clusterIP = inv.flags.clusterip;
      if (type === "ExternalName") {
        if (!inv.flags["external-name"]) throw requiredFlagError(inv, "external-name");
        spec.externalName = inv.flags["external-name"];
      }
      spec.selector = { app: name };
      spec.type = type;
      const obj: KObject = { apiVersion: "v1", kind: "Service", metadata: md(inv, name, { labels: { app: name } }), spec, status: { loadBalancer: {} } };
      return finishGenerated(inv, obj, `${type} service`);
    },
  };
}

const serviceaccount: KubectlCommand = {
  name: "serviceaccount",
  aliases: ["sa"],
  flags: COMMON,
  run(inv) {
    const name = nameArg(inv, "serviceaccount NAME");
    return finishGenerated(inv, { apiVersion: "v1", kind: "ServiceAccount", metadata: md(inv, name) }, "serviceaccount");
  },
};

function podTemplateSpec(inv: Invocation, name: string, restartPolicy: string): any {
  const c: any = { image: inv.flags.image, name };
  if (inv.dashArgs?.length) c.command = inv.dashArgs;
  c.resources = {};
  return { metadata: { creationTimestamp: null }, spec: { containers: [c], restartPolicy } };
}

const job: KubectlCommand = {
  name: "job",
  flags: [...COMMON, { name: "image", type: "string" }, { name: "from", type: "string" }],
  run(inv) {
    const name = nameArg(inv, "job NAME --image=image [--from=cronjob/name] -- [COMMAND] [args...]");
    if (inv.flags.from) {
      const [kind, cjName] = String(inv.flags.from).split("/");
      if (!["cronjob", "cj", "cronjobs", "cronjob.batch"].includes(kind) || !cjName) throw kerror(`from must be an existing cronjob: ${inv.flags.from}`);
      const cj = inv.cluster.api.get("cronjobs", inv.namespace, cjName);
      const tmpl = JSON.parse(JSON.stringify(cj.spec.jobTemplate));
      const obj: KObject = {
        apiVersion: "batch/v1",
        kind: "Job",
        metadata: {
          ...md(inv, name),
          annotations: { "cronjob.kubernetes.io/instantiate": "manual", ...(tmpl.metadata?.annotations ?? {}) },
          ...(tmpl.metadata?.labels ? { labels: tmpl.metadata.labels } : {}),
          ownerReferences: [{ apiVersion: "batch/v1", blockOwnerDeletion: true, controller: true, kind: "CronJob", name: cj.metadata.name, uid: cj.metadata.uid }],
        },
        spec: tmpl.spec,
        status: {},
      };
      return finishGenerated(inv, obj, "job");
    }
    if (!inv.flags.image) throw kerror(`either --image or --from must be specified`);
    const obj: KObject = { apiVersion: "batch/v1", kind: "Job", metadata: md(inv, name), spec: { template: podTemplateSpec(inv, name, "Never") }, status: {} };
    return finishGenerated(inv, obj, "job");
  },
};

const cronjob: KubectlCommand = {
  name: "cronjob",
  aliases: ["cj"],
  flags: [...COMMON, { name: "image", type: "string" }, { name: "schedule", type: "string" }, { name: "restart", type: "string" }],
  run(inv) {
    if (!inv.flags.image && !inv.flags.schedule) throw requiredFlagError(inv, "image", "schedule");
    if (!inv.flags.image) throw requiredFlagError(inv, "image");
    if (!inv.flags.schedule) throw requiredFlagError(inv, "schedule");
    const name = nameArg(inv, "cronjob NAME --image=image --schedule='0/5 * * * ?' -- [COMMAND] [args...]");
    const obj: KObject = {
      apiVersion: "batch/v1",
      kind: "CronJob",
      metadata: md(inv, name),
      spec: {
        jobTemplate: { metadata: { creationTimestamp: null, name }, spec: { template: podTemplateSpec(inv, name, inv.flags.restart || "OnFailure") } },
        schedule: inv.flags.schedule,
      },
      status: {},
    };
    return finishGenerated(inv, obj, "cronjob");
  },
};

const VERB_ALL = ["get", "list", "watch", "create", "update", "patch", "delete", "deletecollection", "*"];

function rulesFrom(inv: Invocation): any[] {
  const verbs: string[] = (inv.flags.verb ?? []).flatMap((v: string) => v.split(","));
  const resources: string[] = (inv.flags.resource ?? []).flatMap((v: string) => v.split(","));
  const names: string[] = (inv.flags["resource-name"] ?? []).flatMap((v: string) => v.split(","));
  if (!verbs.length) throw kerror(`at least one verb must be specified`);
  for (const v of verbs) if (!VERB_ALL.includes(v) && !["use", "bind", "escalate", "impersonate", "approve", "sign"].includes(v)) inv.err(`Warning: '${v}' is not a standard resource verb\n`);
  if (!resources.length && !(inv.flags["non-resource-url"] ?? []).length) throw kerror(`at least one resource must be specified`);
  // Group resources by API group, as kubectl does (core "" first, then by group name).
  const groups = new Map<string, string[]>();
  for (const r of resources) {
    // `pods/log`, `deployments.apps/scale`: the subresource follows the first "/", the group the first ".".
    const slash = r.indexOf("/");
    const sub = slash >= 0 ? r.slice(slash + 1) : "";
    const [res, ...g] = (slash >= 0 ? r.slice(0, slash) : r).split(".");
    const { resolveResource } = RES;
    const ri = resolveResource(res);
    if (!ri && res !== "*") throw kerror(`resource "${res}" not found`);
    const group = g.length ? g.join(".") : (ri?.group ?? "");
    const list = groups.get(group) ?? [];
    const name = (ri ? ri.plural : res) + (sub ? "/" + sub : "");
    if (!list.includes(name)) list.push(name);
    groups.set(group, list);
  }
  const rules: any[] = [];
  // One rule per API group, in sorted group order (sets.StringKeySet(...).List()).
  for (const [group, res] of [...groups].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const rule: any = { apiGroups: [group], resources: res };
    if (names.length) rule.resourceNames = names;
    rule.verbs = verbs;
    rules.push(rule);
  }
  if ((inv.flags["non-resource-url"] ?? []).length) rules.push({ nonResourceURLs: inv.flags["non-resource-url"], verbs });
  return rules;
}

import * as RES from "../../api/resources.ts";

const ROLE_FLAGS: FlagDef[] = [...COMMON, { name: "verb", type: "strings" }, { name: "resource", type: "strings" }, { name: "resource-name", type: "strings" }];

const role: KubectlCommand = {
  name: "role",
  flags: ROLE_FLAGS,
  run(inv) {
    const name = nameArg(inv, "role NAME --verb=verb --resource=resource.group/subresource");
    return finishGenerated(inv, { apiVersion: "rbac.authorization.k8s.io/v1", kind: "Role", metadata: md(inv, name), rules: rulesFrom(inv) }, "role");
  },
};

const clusterrole: KubectlCommand = {
  name: "clusterrole",
  flags: [...ROLE_FLAGS, { name: "non-resource-url", type: "strings" }, { name: "aggregation-rule", type: "string" }],
  run(inv) {
    const name = nameArg(inv, "clusterrole NAME");
    return finishGenerated(inv, { apiVersion: "rbac.authorization.k8s.io/v1", kind: "ClusterRole", metadata: { creationTimestamp: null, name } as any, rules: rulesFrom(inv) }, "clusterrole");
  },
};

function subjects(inv: Invocation): any[] {
  const out: any[] = [];
  for (const u of inv.flags.user ?? []) out.push({ apiGroup: "rbac.authorization.k8s.io", kind: "User", name: u });
  for (const g of inv.flags.group ?? []) out.push({ apiGroup: "rbac.authorization.k8s.io", kind: "Group", name: g });
  for (const sa of inv.flags.serviceaccount ?? []) {
    const [ns, n] = sa.split(":");
    if (!n) throw kerror(`serviceaccount must be <namespace>:<name>`);
    out.push({ kind: "ServiceAccount", name: n, namespace: ns });
  }
  return out;
}

const BINDING_FLAGS: FlagDef[] = [...COMMON, { name: "clusterrole", type: "string" }, { name: "role", type: "string" }, { name: "user", type: "strings" }, { name: "group", type: "strings" }, { name: "serviceaccount", type: "strings" }];

const rolebinding: KubectlCommand = {
  name: "rolebinding",
  flags: BINDING_FLAGS,
  run(inv) {
    const name = nameArg(inv, "rolebinding NAME --clusterrole=NAME|--role=NAME");
    if (!inv.flags.role && !inv.flags.clusterrole) throw kerror(`exactly one of clusterrole or role must be specified`);
    if (inv.flags.role && inv.flags.clusterrole) throw kerror(`exactly one of clusterrole or role must be specified`);
    const roleRef = { apiGroup: "rbac.authorization.k8s.io", kind: inv.flags.role ? "Role" : "ClusterRole", name: inv.flags.role ?? inv.flags.clusterrole };
    const subs = subjects(inv);
    const obj: KObject = { apiVersion: "rbac.authorization.k8s.io/v1", kind: "RoleBinding", metadata: md(inv, name), roleRef };
    if (subs.length) obj.subjects = subs;
    return finishGenerated(inv, obj, "rolebinding");
  },
};

const clusterrolebinding: KubectlCommand = {
  name: "clusterrolebinding",
  flags: BINDING_FLAGS,
  run(inv) {
    if (!inv.flags.clusterrole) throw requiredFlagError(inv, "clusterrole");
    const name = nameArg(inv, "clusterrolebinding NAME --clusterrole=NAME");
    const subs = subjects(inv);
    const obj: KObject = { apiVersion: "rbac.authorization.k8s.io/v1", kind: "ClusterRoleBinding", metadata: { creationTimestamp: null, name } as any, roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "ClusterRole", name: inv.flags.clusterrole } };
    if (subs.length) obj.subjects = subs;
    return finishGenerated(inv, obj, "clusterrolebinding");
  },
};

const quota: KubectlCommand = {
  name: "quota",
  aliases: ["resourcequota"],
  flags: [...COMMON, { name: "hard", type: "string" }, { name: "scopes", type: "string" }],
  run(inv) {
    const name = nameArg(inv, "quota NAME [--hard=key1=value1]");
    const hard: Record<string, string> = {};
    for (const kv of String(inv.flags.hard ?? "").split(",").filter(Boolean)) {
      const i = kv.indexOf("=");
      if (i <= 0) throw kerror(`Invalid argument syntax ${kv}, expected <resource>=<value>`);
      const v = kv.slice(i + 1);
      if (!/^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$/.test(v)) throw kerror(`quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'`);
      hard[kv.slice(0, i)] = v;
    }
    const spec: any = { hard: sortKeys(hard) };
    if (inv.flags.scopes) spec.scopes = String(inv.flags.scopes).split(",");
    return finishGenerated(inv, { apiVersion: "v1", kind: "ResourceQuota", metadata: md(inv, name), spec, status: {} }, "quota");
  },
};

const priorityclass: KubectlCommand = {
  name: "priorityclass",
  aliases: ["pc"],
  flags: [...COMMON, { name: "value", type: "int", default: 0 }, { name: "global-default", type: "bool" }, { name: "description", type: "string" }, { name: "preemption-policy", type: "string", default: "PreemptLowerPriority" }],
  run(inv) {
    const name = nameArg(inv, "priorityclass NAME --value=VALUE");
    const obj: KObject = {
      apiVersion: "scheduling.k8s.io/v1",
      kind: "PriorityClass",
      metadata: { creationTimestamp: null, name } as any,
      ...(inv.flags.description ? { description: inv.flags.description } : {}),
      ...(inv.flags["global-default"] ? { globalDefault: true } : {}),
      preemptionPolicy: inv.flags["preemption-policy"],
      value: inv.flags.value,
    };
    return finishGenerated(inv, obj, "priorityclass");
  },
};

const pdb: KubectlCommand = {
  name: "poddisruptionbudget",
  aliases: ["pdb"],
  flags: [...COMMON, { name: "selector", type: "string" }, { name: "min-available", type: "string" }, { name: "max-unavailable", type: "string" }],
  run(inv) {
    const name = nameArg(inv, "pdb NAME --selector=SELECTOR --min-available=N");
    if (!inv.flags.selector) throw kerror(`a selector must be specified`);
    if (!inv.flags["min-available"] && !inv.flags["max-unavailable"]) throw kerror(`one of min-available or max-unavailable must be specified`);
    const matchLabels: Record<string, string> = {};
    for (const kv of String(inv.flags.selector).split(",")) {
      const [k, v] = parseKeyValue(kv, "selector");
      matchLabels[k] = v;
    }
    const iv = (s: string) => (/^\d+$/.test(s) ? Number(s) : s);
    const spec: any = {};
    if (inv.flags["max-unavailable"]) spec.maxUnavailable = iv(inv.flags["max-unavailable"]);
    if (inv.flags["min-available"]) spec.minAvailable = iv(inv.flags["min-available"]);
    spec.selector = { matchLabels };
    return finishGenerated(inv, { apiVersion: "policy/v1", kind: "PodDisruptionBudget", metadata: md(inv, name), spec, status: { currentHealthy: 0, desiredHealthy: 0, disruptionsAllowed: 0, expectedPods: 0 } }, "poddisruptionbudget");
  },
};

const ingress: KubectlCommand = {
  name: "ingress",
  aliases: ["ing"],
  flags: [...COMMON, { name: "rule", type: "strings" }, { name: "class", type: "string" }, { name: "annotation", type: "strings" }, { name: "default-backend", type: "string" }],
  run(inv) {
    const name = nameArg(inv, "ingress NAME --rule=host/path=service:port[,tls[=secret]]");
    const rules: any[] = [];
    const tls: any[] = [];
    for (const r of inv.flags.rule ?? []) {
      const m = /^([^/]*)(\/[^=]*)=([^:]+):([^,]+)(,tls(=(.*))?)?$/.exec(r);
      if (!m) throw kerror(`rule ${r} is invalid and should be in format host/path=svcname:svcport[,tls[=secret]]`);
      const [, host, path, svc, port, tlsPart, , secret] = m;
      const pathType = path.endsWith("*") ? "Prefix" : "Exact";
      const backend = { service: { name: svc, port: /^\d+$/.test(port) ? { number: Number(port) } : { name: port } } };
      const existing = rules.find((x) => (x.host ?? "") === host);
      const p = { backend, path: path.replace(/\*$/, ""), pathType };
      if (existing) existing.http.paths.push(p);
      else rules.push({ ...(host ? { host } : {}), http: { paths: [p] } });
      if (tlsPart) tls.push({ ...(host ? { hosts: [host] } : {}), ...(secret ? { secretName: secret } : {}) });
    }
    const spec: any = {};
    if (inv.flags.class) spec.ingressClassName = inv.flags.class;
    if (inv.flags["default-backend"]) {
      const [svc, port] = String(inv.flags["default-backend"]).split(":");
      spec.defaultBackend = { service: { name: svc, port: /^\d+$/.test(port) ? { number: Number(port) } : { name: port } } };
    }
    if (rules.length) spec.rules = rules;
    if (tls.length) spec.tls = tls;
    const annotations = Object.fromEntries((inv.flags.annotation ?? []).map((a: string) => parseKeyValue(a, "annotation")));
    const obj: KObject = { apiVersion: "networking.k8s.io/v1", kind: "Ingress", metadata: md(inv, name, Object.keys(annotations).length ? { annotations } : {}), spec, status: { loadBalancer: {} } };
    return finishGenerated(inv, obj, "ingress");
  },
};

const token: KubectlCommand = {
  name: "token",
  // `create token` has no --dry-run, --save-config, --validate or --field-manager.
  flags: [OUTPUT_FLAG, { name: "template", type: "string" }, { name: "show-managed-fields", type: "bool" }, { name: "allow-missing-template-keys", type: "bool", default: true }, { name: "duration", type: "string" }, { name: "audience", type: "strings" }, { name: "bound-object-kind", type: "string" }, { name: "bound-object-name", type: "string" }, { name: "bound-object-uid", type: "string" }],
  run(inv) {
    const name = nameArg(inv, "token SERVICE_ACCOUNT_NAME");
    // --duration (a Go duration flag): create_token.go Validate, then spec.expirationSeconds;
    // without it the API server's default of one hour applies.
    let seconds = 3600;
    if (inv.flags.duration !== undefined) {
      const raw = String(inv.flags.duration);
      let ms: number;
      try {
        ms = parseGoDuration(raw);
      } catch (e) {
        throw new KubectlError(`Error: invalid argument "${raw}" for "--duration" flag: ${(e as Error).message}\nSee 'kubectl create token --help' for usage.`);
      }
      if (ms < 0) throw kerror("--duration must be greater than or equal to 0");
      if (ms % 1000 !== 0) throw kerror("--duration cannot be expressed in units less than seconds");
      if (ms > 0) seconds = ms / 1000;
    }
    // create_token.go wraps the TokenRequest error: "failed to create token: %v" (printed as "error: ...").
    let sa: KObject;
    try {
      sa = inv.cluster.api.get("serviceaccounts", inv.namespace, name);
    } catch (e) {
      throw kerror(`failed to create token: ${(e as Error).message}`);
    }
    // registry/core/serviceaccount/storage/token.go: ValidateTokenRequest after the account lookup,
    // errors.NewInvalid(gvk.GroupKind(), "", errs).
    const tooShort = seconds < 600 ? "may not specify a duration less than 10 minutes" : seconds > 2 ** 32 ? "may not specify a duration larger than 2^32 seconds" : "";
    if (tooShort) throw kerror(`failed to create token: TokenRequest.authentication.k8s.io "" is invalid: spec.expirationSeconds: Invalid value: ${seconds}: ${tooShort}`);
    const b64url = (s: string) => b64encode(s).replace(/=+$/, "").replace(/\+/g, "-").replace(/\//g, "_");
    const now = Math.floor(inv.cluster.now / 1000);
    const header = b64url(JSON.stringify({ alg: "RS256", kid: inv.cluster.rng.alnum(43) }));
    const payload = b64url(
      JSON.stringify({
        aud: ["https://kubernetes.default.svc.cluster.local"],
        exp: now + seconds,
        iat: now,
        iss: "https://kubernetes.default.svc.cluster.local",
        jti: inv.cluster.rng.uuid(),
        "kubernetes.io": { namespace: inv.namespace, serviceaccount: { name, uid: sa.metadata.uid } },
        nbf: now,
        sub: `system:serviceaccount:${inv.namespace}:${name}`,
      }),
    );
    const sig = inv.cluster.rng.alnum(342);
    inv.out(`${header}.${payload}.${sig}\n`);
    return 0;
  },
};

export const CREATE_SUBCOMMANDS: Record<string, KubectlCommand> = {};
for (const c of [deployment, namespace, configmap, serviceaccount, job, cronjob, role, clusterrole, rolebinding, clusterrolebinding, quota, priorityclass, pdb, ingress, token]) {
  CREATE_SUBCOMMANDS[c.name] = c;
  for (const a of c.aliases ?? []) CREATE_SUBCOMMANDS[a] = c;
}
// Help texts copied from `kubectl create secret --help` / `kubectl create service --help` (1.32).
const SECRET_HELP = "Create a secret with specified type.\n\n A docker-registry type secret is for accessing a container registry.\n\n A generic type secret indicate an Opaque secret type.\n\n A tls type secret holds TLS certificate and its associated key.\n\nAvailable Commands:\n  docker-registry   Create a secret for use with a Docker registry\n  generic           Create a secret from a local file, directory, or literal value\n  tls               Create a TLS secret\n\nUsage:\n  kubectl create secret (docker-registry | generic | tls) [options]\n\nUse \"kubectl create secret <command> --help\" for more information about a given command.\nUse \"kubectl options\" for a list of global command-line options (applies to all commands).\n";
const SERVICE_HELP = "Create a service using a specified subcommand.\n\nAliases:\nservice, svc\n\nAvailable Commands:\n  clusterip      Create a ClusterIP service\n  externalname   Create an ExternalName service\n  loadbalancer   Create a LoadBalancer service\n  nodeport       Create a NodePort service\n\nUsage:\n  kubectl create service [flags] [options]\n\nUse \"kubectl create service <command> --help\" for more information about a given command.\nUse \"kubectl options\" for a list of global command-line options (applies to all commands).\n";
const secret: KubectlCommand = { name: "secret", help: SECRET_HELP, subcommands: { generic: secretGeneric, tls: secretTls, "docker-registry": secretDocker } };
const service: KubectlCommand = {
  name: "service",
  aliases: ["svc"],
  help: SERVICE_HELP,
  subcommands: { clusterip: serviceGen("ClusterIP", "clusterip"), nodeport: serviceGen("NodePort", "nodeport"), loadbalancer: serviceGen("LoadBalancer", "loadbalancer"), externalname: serviceGen("ExternalName", "externalname") },
};
CREATE_SUBCOMMANDS.secret = secret;
CREATE_SUBCOMMANDS.service = service;
CREATE_SUBCOMMANDS.svc = service;

export { usageError };
