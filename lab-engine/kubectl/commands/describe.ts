// kubectl describe: TYPE NAME..., TYPE/NAME, TYPE (all), TYPE NAME_PREFIX, -l, -A, -f,
// --show-events. Objects are printed by lab-engine/kubectl/describe/.

import type { KObject } from "../../api/types.ts";
import type { ResourceInfo } from "../../api/resources.ts";
import { ApiError } from "../../api/errors.ts";
import { parseLabelSelector } from "../../api/selectors.ts";
import { qualifiedPlural } from "../../api/server.ts";
import type { FlagDef } from "../flags.ts";
import type { Invocation } from "../invocation.ts";
import { KubectlError, kerror } from "../errors.ts";
import { expandTypes, parseResourceArgs, type ResourceRef } from "../resource-args.ts";
import { readManifests } from "../manifests.ts";
import { riOf } from "./common.ts";
import { describeObject } from "../describe/index.ts";
import { DESCRIBE_HELP } from "../describe/help.ts";
import type { KubectlCommand } from "./registry.ts";

export const describeFlags: FlagDef[] = [
  { name: "selector", short: "l", type: "string" },
  { name: "all-namespaces", short: "A", type: "bool" },
  { name: "show-events", type: "bool", default: true },
  { name: "filename", short: "f", type: "strings" },
  { name: "recursive", short: "R", type: "bool" },
  { name: "kustomize", short: "k", type: "string" },
  { name: "chunk-size", type: "int", default: 500 },
];

interface Target {
  ri: ResourceInfo;
  obj: KObject;
}

function notFoundText(ri: ResourceInfo, name: string): string {
  return `Error from server (NotFound): ${qualifiedPlural(ri)} "${name}" not found`;
}

function apiText(e: unknown): string {
  if (e instanceof ApiError) return e.kubectlText();
  throw e;
}

/** Like parseResourceArgs, but `TYPE1,TYPE2 NAME...` is allowed (the builder accepts it for describe). */
function describeRefs(args: string[]): ResourceRef[] {
  if (args.length > 1 && !args.some((a) => a.includes("/")) && args[0].includes(",")) {
    return expandTypes(args[0]).map((ri) => ({ ri, names: args.slice(1) }));
  }
  return args.length ? parseResourceArgs(args, "kubectl describe") : [];
}

export async function runDescribe(inv: Invocation): Promise<number> {
  const files: string[] = inv.flags.filename ?? [];
  if (inv.args.length === 0 && files.length === 0) {
    throw new KubectlError(`error: You must specify the type of resource to describe. Use "kubectl api-resources" for a complete list of supported resources.\n`);
  }
  const allNs = !!inv.flags["all-namespaces"];
  const labelSel = inv.flags.selector !== undefined ? parseLabelSelector(inv.flags.selector) : undefined;
  const settings = { showEvents: inv.flags["show-events"] !== false, now: inv.cluster.now };
  const targets: Target[] = [];
  const errors: string[] = [];

  if (files.length) {
    for (const { obj, source } of readManifests(inv, files, !!inv.flags.recursive)) {
      const ri = riOf(obj, source);
      const ns = ri.namespaced ? obj.metadata?.namespace || inv.namespace : undefined;
      try {
        inv.cluster.authorize(inv.user, "get", ri, ns, obj.metadata?.name);
        const o = inv.cluster.api.tryGet(ri.plural, ns, obj.metadata?.name);
        if (o) targets.push({ ri, obj: o });
        else errors.push(notFoundText(ri, obj.metadata?.name));
      } catch (e) {
        errors.push(apiText(e));
      }
    }
  }
  const refs = describeRefs(inv.args);
  if (allNs && refs.some((r) => r.names.length > 0)) throw kerror("a resource cannot be retrieved by name across all namespaces");
  let notFound: string | undefined;
  for (const { ri, names } of refs) {
    const ns = ri.namespaced ? (allNs && names.length === 0 ? undefined : inv.namespace) : undefined;
    try {
      if (names.length === 0) {
        inv.cluster.authorize(inv.user, "list", ri, ns);
        for (const o of inv.cluster.api.list(ri.plural, ns, { labelSelector: labelSel })) targets.push({ ri, obj: o });
        continue;
      }
      for (const n of names) {
        inv.cluster.authorize(inv.user, "get", ri, ns, n);
        const o = inv.cluster.api.tryGet(ri.plural, ns, n);
        if (o) targets.push({ ri, obj: o });
        else {
          const e = notFoundText(ri, n);
          notFound ??= e;
          errors.push(e);
        }
      }
    } catch (e) {
      errors.push(apiText(e));
    }
  }

  // Only a single NotFound error (ContinueOnErrorVisitor returns it unwrapped) switches to
  // prefix matching; two or more come back as an aggregate, which is not "NotFound".
  if (notFound !== undefined && errors.length === 1 && inv.args.length === 2 && files.length === 0) {
    // DescribeMatchingResources: `kubectl describe TYPE PREFIX` describes every object of the
    // first argument whose name starts with the second, each followed by a blank line; the
    // original NotFound error when none match (also for `pod/a pod/b`: no name has a "/").
    const [first] = parseResourceArgs([inv.args[0]], "kubectl describe");
    const ns = first.ri.namespaced ? inv.namespace : undefined;
    let candidates: KObject[];
    if (first.names.length === 0) candidates = inv.cluster.api.list(first.ri.plural, ns);
    else {
      candidates = [];
      for (const n of first.names) {
        const o = inv.cluster.api.tryGet(first.ri.plural, ns, n);
        if (!o) {
          inv.err(notFoundText(first.ri, n) + "\n");
          return 1;
        }
        candidates.push(o);
      }
    }
    const matches = candidates.filter((o) => o.metadata.name.startsWith(inv.args[1]));
    if (matches.length === 0) {
      inv.err(notFound + "\n");
      return 1;
    }
    for (const o of matches) inv.out(describeObject(inv.cluster, first.ri.plural, o, settings) + "\n");
    return 0;
  }

  let first = true;
  for (const t of targets) {
    const s = describeObject(inv.cluster, t.ri.plural, t.obj, settings);
    inv.out(first ? s : `\n\n${s}`);
    first = false;
  }
  if (targets.length === 0 && errors.length === 0) {
    inv.err(allNs ? "No resources found\n" : `No resources found in ${inv.namespace} namespace.\n`);
  }
  for (const e of errors) inv.err(e + "\n");
  return errors.length ? 1 : 0;
}

export const describeCommand: KubectlCommand = {
  name: "describe",
  short: "Show details of a specific resource or group of resources",
  help: DESCRIBE_HELP,
  flags: describeFlags,
  run: runDescribe,
};
