// kubectl set image | env | resources | selector | serviceaccount (with --local -f for
// client-side edits), on anything with a pod template or a pod spec.

import type { KObject } from "../../api/types.ts";
import { resourceForKind } from "../../api/resources.ts";
import type { FlagDef } from "../flags.ts";
import type { Invocation } from "../invocation.ts";
import { kerror, KubectlError } from "../errors.ts";
import { parseResourceArgs } from "../resource-args.ts";
import { readManifests } from "../manifests.ts";
import { DRY_RUN_FLAG, OUTPUT_FLAG, dryRunOf, reportWrite, riOf } from "./common.ts";
import type { KubectlCommand } from "./registry.ts";

const COMMON: FlagDef[] = [
  OUTPUT_FLAG,
  DRY_RUN_FLAG,
  { name: "local", type: "bool" },
  { name: "filename", short: "f", type: "strings" },
  { name: "recursive", short: "R", type: "bool" },
  { name: "selector", short: "l", type: "string" },
  { name: "all", type: "bool" },
  { name: "containers", short: "c", type: "string", default: "*" },
  { name: "field-manager", type: "string" },
  { name: "record", type: "bool" },
];

/** Objects to change, and the positional args left after the resource part. */
function collect(inv: Invocation, isChange: (a: string) => boolean): { objs: KObject[]; rest: string[] } {
  const files: string[] = inv.flags.filename ?? [];
  const resArgs: string[] = [];
  const rest: string[] = [];
  for (const a of inv.args) (isChange(a) ? rest : resArgs).push(a);
  const objs: KObject[] = [];
  if (files.length) {
    for (const { obj, source } of readManifests(inv, files, !!inv.flags.recursive)) {
      if (inv.flags.local) objs.push(obj);
      else {
        const ri = riOf(obj, source);
        objs.push(inv.cluster.api.get(ri.plural, ri.namespaced ? obj.metadata.namespace || inv.namespace : undefined, obj.metadata.name));
      }
    }
  } else {
    if (inv.flags.local) throw kerror(`--local requires -f`);
    const refs = parseResourceArgs(resArgs, inv.cmdPath);
    if (!refs.length) throw new KubectlError(`error: You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'`);
    for (const { ri, names } of refs) {
      if (names.length) for (const n of names) objs.push(inv.cluster.api.get(ri.plural, inv.namespace, n));
      else if (inv.flags.all || inv.flags.selector) {
        const { parseLabelSelector } = SEL;
        objs.push(...inv.cluster.api.list(ri.plural, inv.namespace, { labelSelector: inv.flags.selector ? parseLabelSelector(inv.flags.selector) : undefined }));
      } else throw kerror(`resource(s) were provided, but no name was specified`);
    }
  }
  return { objs, rest };
}

import * as SEL from "../../api/selectors.ts";

function podSpecOf(o: KObject): any {
  if (o.kind === "Pod") return o.spec;
  if (o.kind === "CronJob") return o.spec?.jobTemplate?.spec?.template?.spec;
  return o.spec?.template?.spec;
}

function containersOf(o: KObject, includeInit = true): any[] {
  const ps = podSpecOf(o);
  if (!ps) return [];
  return [...(includeInit ? (ps.initContainers ?? []) : []), ...(ps.containers ?? [])];
}

function matchContainer(pattern: string, name: string): boolean {
  if (pattern === "*") return true;
  const re = new RegExp("^" + pattern.replace(/[.+^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*").replace(/\?/g, ".") + "$");
  return re.test(name);
}

function finish(inv: Invocation, obj: KObject, next: KObject, verb: string): void {
  const dry = dryRunOf(inv);
  if (inv.flags.local || dry === "client") {
    reportWrite(inv, next, verb, inv.flags.local ? "none" : dry);
    return;
  }
  const ri = resourceForKind(obj.apiVersion, obj.kind)!;
  const same = JSON.stringify(next) === JSON.stringify(obj);
  const stored = same ? obj : inv.cluster.api.update(ri.plural, next, { namespace: obj.metadata.namespace, user: inv.user, dryRun: dry === "server" });
  reportWrite(inv, stored, verb, dry);
}

const image: KubectlCommand = {
  name: "image",
  flags: COMMON,
  run(inv) {
    const { objs, rest } = collect(inv, (a) => a.includes("=") && !a.includes("/") || /^[^/]+=.+/.test(a));
    if (!rest.length) throw kerror(`at least one image update is required`);
    const updates = rest.map((r) => {
      const i = r.indexOf("=");
      return { name: r.slice(0, i), image: r.slice(i + 1) };
    });
    for (const obj of objs) {
      const next = JSON.parse(JSON.stringify(obj));
      for (const u of updates) {
        const cs = containersOf(next).filter((c) => u.name === "*" || c.name === u.name);
        if (!cs.length) {
          inv.err(`error: unable to find container named "${u.name}"\n`);
          return 1;
        }
        for (const c of cs) c.image = u.image;
      }
      finish(inv, obj, next, "image updated");
    }
    return 0;
  },
};

const env: KubectlCommand = {
  name: "env",
  flags: [...COMMON, { name: "env", short: "e", type: "strings" }, { name: "from", type: "string" }, { name: "prefix", type: "string" }, { name: "keys", type: "strings" }, { name: "list", type: "bool" }, { name: "resolve", type: "bool" }, { name: "overwrite", type: "bool", default: true }],
  run(inv) {
    const { objs, rest } = collect(inv, (a) => /^[A-Za-z_][A-Za-z0-9_]*(=.*|-)$/.test(a));
    const sets: { name: string; value?: string; remove?: boolean }[] = [];
    for (const r of [...rest, ...(inv.flags.env ?? [])]) {
      if (r.endsWith("-") && !r.includes("=")) sets.push({ name: r.slice(0, -1), remove: true });
      else {
        const i = r.indexOf("=");
        sets.push({ name: r.slice(0, i), value: r.slice(i + 1) });
      }
    }
    for (const obj of objs) {
      if (inv.flags.list) {
        for (const c of containersOf(obj, false)) {
          inv.out(`# ${obj.kind.toLowerCase()}s/${obj.metadata.name}, container ${c.name}\n`);
          for (const e of c.env ?? []) {
            if (e.value !== undefined) inv.out(`${e.name}=${e.value}\n`);
            else if (e.valueFrom?.configMapKeyRef) inv.out(`# ${e.name} from configmap ${e.valueFrom.configMapKeyRef.name}, key ${e.valueFrom.configMapKeyRef.key}\n`);
            else if (e.valueFrom?.secretKeyRef) inv.out(`# ${e.name} from secret ${e.valueFrom.secretKeyRef.name}, key ${e.valueFrom.secretKeyRef.key}\n`);
            else if (e.valueFrom?.fieldRef) inv.out(`# ${e.name} from field path ${e.valueFrom.fieldRef.fieldPath}\n`);
          }
        }
        continue;
      }
      const next = JSON.parse(JSON.stringify(obj));
      let fromEnv: any[] = [];
      if (inv.flags.from) {
        const [kind, name] = String(inv.flags.from).split("/");
        const isSecret = kind.startsWith("secret");
        const src = inv.cluster.api.get(isSecret ? "secrets" : "configmaps", inv.namespace, name);
        const keys = Object.keys(src.data ?? {}).filter((k) => !(inv.flags.keys ?? []).length || inv.flags.keys.includes(k)).sort();
        fromEnv = keys.map((k) => ({
          name: (inv.flags.prefix ?? "") + k.toUpperCase().replace(/[^A-Z0-9_]/g, "_"),
          valueFrom: isSecret ? { secretKeyRef: { key: k, name } } : { configMapKeyRef: { key: k, name } },
        }));
      }
      for (const c of containersOf(next, false).filter((c) => matchContainer(inv.flags.containers, c.name))) {
        let list: any[] = c.env ?? [];
        for (const s of sets) {
          if (s.remove) list = list.filter((e) => e.name !== s.name);
          else {
            const i = list.findIndex((e) => e.name === s.name);
            if (i >= 0) list[i] = { name: s.name, value: s.value };
            else list.push({ name: s.name, value: s.value });
          }
        }
        for (const f of fromEnv) {
          const i = list.findIndex((e) => e.name === f.name);
          if (i >= 0) list[i] = f;
          else list.push(f);
        }
        if (list.length) c.env = list;
        else delete c.env;
      }
      finish(inv, obj, next, "env updated");
    }
    return 0;
  },
};

const resources: KubectlCommand = {
  name: "resources",
  flags: [...COMMON, { name: "limits", type: "string" }, { name: "requests", type: "string" }],
  run(inv) {
    const { objs } = collect(inv, () => false);
    if (!inv.flags.limits && !inv.flags.requests) throw kerror(`you must specify an update to requests or limits (in the form of --requests/--limits)`);
    const parse = (s: string | undefined) => Object.fromEntries(String(s ?? "").split(",").filter(Boolean).map((kv) => kv.split("=")));
    for (const obj of objs) {
      const next = JSON.parse(JSON.stringify(obj));
      const cs = containersOf(next, false).filter((c) => matchContainer(inv.flags.containers, c.name));
      if (!cs.length) throw kerror(`unable to find container named ${inv.flags.containers}`);
      for (const c of cs) {
        c.resources ??= {};
        if (inv.flags.limits) c.resources.limits = { ...(c.resources.limits ?? {}), ...parse(inv.flags.limits) };
        if (inv.flags.requests) c.resources.requests = { ...(c.resources.requests ?? {}), ...parse(inv.flags.requests) };
      }
      finish(inv, obj, next, "resource requirements updated");
    }
    return 0;
  },
};

const serviceaccount: KubectlCommand = {
  name: "serviceaccount",
  aliases: ["sa"],
  flags: COMMON,
  run(inv) {
    const { objs, rest } = collect(inv, (a) => false || a === inv.args[inv.args.length - 1]);
    const sa = rest[rest.length - 1];
    if (!sa) throw kerror(`serviceaccount is required`);
    for (const obj of objs) {
      const next = JSON.parse(JSON.stringify(obj));
      const ps = podSpecOf(next);
      ps.serviceAccountName = sa;
      delete ps.serviceAccount;
      finish(inv, obj, next, "serviceaccount updated");
    }
    return 0;
  },
};

const selector: KubectlCommand = {
  name: "selector",
  flags: [...COMMON, { name: "resource-version", type: "string" }],
  run(inv) {
    const spec = inv.args[inv.args.length - 1];
    const { objs } = collect(inv, (a) => a === spec);
    const sel: Record<string, string> = {};
    for (const kv of String(spec ?? "").split(",").filter(Boolean)) {
      const [k, v] = kv.split("=");
      sel[k] = v ?? "";
    }
    for (const obj of objs) {
      const next = JSON.parse(JSON.stringify(obj));
      if (obj.kind === "Service") next.spec.selector = sel;
      else next.spec.selector = { matchLabels: sel };
      finish(inv, obj, next, "selector updated");
    }
    return 0;
  },
};

export const setCommand: KubectlCommand = {
  name: "set",
  subcommands: { image, env, resources, serviceaccount, sa: serviceaccount, selector },
  help: `Configure application resources.\n\n These commands help you make changes to existing application resources.\n\nAvailable Commands:\n  env              Update environment variables on a pod template\n  image            Update the image of a pod template\n  resources        Update resource requests/limits on objects with pod templates\n  selector         Set the selector on a resource\n  serviceaccount   Update the service account of a resource\n  subject          Update the user, group, or service account in a role binding or cluster role binding\n\nUsage:\n  kubectl set SUBCOMMAND [options]\n`,
};
