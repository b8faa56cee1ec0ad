// kubectl wait --for=condition=X[=value] | delete | jsonpath='{...}'[=value], polling the
// cluster on the clock (a virtual clock jumps straight to the moment the condition holds).

import type { KObject } from "../../api/types.ts";
import { parseLabelSelector } from "../../api/selectors.ts";
import { qualifiedKind, type ResourceInfo } from "../../api/resources.ts";
import { qualifiedPlural } from "../../api/server.ts";
import { parseGoDuration } from "../../util/duration.ts";
import { findJsonPathValues } from "../output/jsonpath.ts";
import type { Invocation } from "../invocation.ts";
import { kerror, KubectlError } from "../errors.ts";
import { parseResourceArgs } from "../resource-args.ts";
import type { KubectlCommand } from "./registry.ts";

type Cond = { kind: "delete" } | { kind: "condition"; name: string; value: string } | { kind: "jsonpath"; path: string; value?: string } | { kind: "create" };

function parseFor(s: string | undefined): Cond {
  if (!s) throw kerror("--for must be specified");
  const low = s.toLowerCase();
  if (low === "delete") return { kind: "delete" };
  if (low === "create") return { kind: "create" };
  if (low.startsWith("condition=")) {
    const rest = s.slice(10);
    const i = rest.indexOf("=");
    return i < 0 ? { kind: "condition", name: rest, value: "true" } : { kind: "condition", name: rest.slice(0, i), value: rest.slice(i + 1) };
  }
  if (low.startsWith("jsonpath=")) {
    const rest = s.slice(9);
    const close = rest.lastIndexOf("}");
    if (!rest.startsWith("{") || close < 0) throw kerror(`unrecognized condition: "${s}"`);
    const path = rest.slice(0, close + 1);
    const tail = rest.slice(close + 1);
    if (tail && !tail.startsWith("=")) throw kerror(`unrecognized condition: "${s}"`);
    return { kind: "jsonpath", path, value: tail ? tail.slice(1) : undefined };
  }
  throw kerror(`unrecognized condition: "${s}"`);
}

function met(c: Cond, obj: KObject): boolean {
  if (c.kind === "condition") {
    const cond = (obj.status?.conditions ?? []).find((x: any) => String(x.type).toLowerCase() === c.name.toLowerCase());
    return !!cond && String(cond.status).toLowerCase() === c.value.toLowerCase();
  }
  if (c.kind === "jsonpath") {
    let vals: unknown[][];
    try {
      vals = findJsonPathValues(c.path, obj);
    } catch {
      return false;
    }
    const flat = vals.flat();
    if (c.value === undefined) return flat.length > 0 && flat[0] !== undefined;
    return flat.length === 1 && String(typeof flat[0] === "object" ? JSON.stringify(flat[0]) : flat[0]) === c.value;
  }
  return true;
}

interface Target {
  ri: ResourceInfo;
  name: string;
  uid?: string;
}

export async function runWait(inv: Invocation): Promise<number> {
  const cond = parseFor(inv.flags.for);
  let timeoutMs = 30_000;
  if (inv.flags.timeout !== undefined) {
    try {
      timeoutMs = parseGoDuration(String(inv.flags.timeout));
    } catch {
      throw new KubectlError(`Error: invalid argument "${inv.flags.timeout}" for "--timeout" flag: time: invalid duration "${inv.flags.timeout}"\nSee 'kubectl wait --help' for usage.`);
    }
  }
  if (!inv.args.length) throw kerror(`resource(s) were provided, but no name was specified`);
  const refs = parseResourceArgs(inv.args, "kubectl wait");
  const api = inv.cluster.api;
  const targets: Target[] = [];
  for (const ref of refs) {
    const ns = ref.ri.namespaced ? (inv.flags["all-namespaces"] ? undefined : inv.namespace) : undefined;
    if (ref.names.length) {
      for (const name of ref.names) {
        const obj = api.tryGet(ref.ri.plural, ns, name);
        if (!obj) {
          if (cond.kind === "delete") continue;
          if (cond.kind === "create") {
            targets.push({ ri: ref.ri, name });
            continue;
          }
          throw new KubectlError(`Error from server (NotFound): ${qualifiedPlural(ref.ri)} "${name}" not found`);
        }
        targets.push({ ri: ref.ri, name, uid: obj.metadata.uid });
      }
    } else {
      if (!inv.flags.selector && !inv.flags.all && !inv.flags["field-selector"]) throw kerror(`resource(s) were provided, but no name was specified`);
      const sel = inv.flags.selector ? parseLabelSelector(inv.flags.selector) : undefined;
      for (const obj of api.list(ref.ri.plural, ns, sel ? { labelSelector: sel } : {})) targets.push({ ri: ref.ri, name: obj.metadata.name!, uid: obj.metadata.uid });
    }
  }
  if (!targets.length) {
    if (cond.kind === "delete") return 0;
    throw kerror("no matching resources found");
  }
  const deadline = inv.cluster.now + timeoutMs;
  for (const t of targets) {
    const ns = t.ri.namespaced ? inv.namespace : undefined;
    for (;;) {
      inv.host.sync();
      const obj = api.tryGet(t.ri.plural, ns, t.name);
      const ok = cond.kind === "delete" ? !obj || obj.metadata.uid !== t.uid : cond.kind === "create" ? !!obj : !!obj && met(cond, obj);
      if (ok) {
        inv.out(`${qualifiedKind(t.ri)}/${t.name} condition met\n`);
        break;
      }
      if (inv.cluster.now >= deadline || inv.ctx.signal.aborted) {
        // wait.go: fmt.Errorf("%w on %s/%s", ErrWaitTimeout, mapping.Resource.Resource, name): no group.
        throw kerror(`timed out waiting for the condition on ${t.ri.plural}/${t.name}`);
      }
      await inv.host.sleep(Math.min(1000, deadline - inv.cluster.now), inv.ctx);
    }
  }
  return 0;
}

export const waitCommand: KubectlCommand = {
  name: "wait",
  flags: [
    { name: "for", type: "string" },
    { name: "timeout", type: "string" },
    { name: "selector", short: "l", type: "string" },
    { name: "all", type: "bool" },
    { name: "all-namespaces", short: "A", type: "bool" },
    { name: "field-selector", type: "string" },
    { name: "filename", short: "f", type: "strings" },
    { name: "output", short: "o", type: "string" },
    { name: "local", type: "bool" },
  ],
  run: runWait,
};
