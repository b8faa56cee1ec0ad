// kubectl delete: by name, type/name, -f, -l, --all, with --grace-period, --force, --now,
// --cascade and --wait (which waits for graceful termination and finalizers like the real one).

import type { KObject } from "../../api/types.ts";
import { qualifiedKind, type ResourceInfo } from "../../api/resources.ts";
import { ApiError } from "../../api/errors.ts";
import { parseLabelSelector, parseFieldSelector } from "../../api/selectors.ts";
import type { FlagDef } from "../flags.ts";
import type { Invocation } from "../invocation.ts";
import { kerror, KubectlError } from "../errors.ts";
import { parseResourceArgs } from "../resource-args.ts";
import { readManifests } from "../manifests.ts";
import { DRY_RUN_FLAG, OUTPUT_FLAG, dryRunOf, dryRunSuffix, riOf } from "./common.ts";

export const deleteFlags: FlagDef[] = [
  { name: "filename", short: "f", type: "strings" },
  { name: "recursive", short: "R", type: "bool" },
  { name: "selector", short: "l", type: "string" },
  { name: "field-selector", type: "string" },
  { name: "all", type: "bool" },
  { name: "all-namespaces", short: "A", type: "bool" },
  { name: "grace-period", type: "int", default: -1 },
  { name: "force", type: "bool" },
  { name: "now", type: "bool" },
  { name: "cascade", type: "string", default: "background", noOptDefault: "background" },
  { name: "wait", type: "bool", default: true },
  { name: "timeout", type: "string" },
  { name: "ignore-not-found", type: "bool" },
  { name: "interactive", short: "i", type: "bool" },
  { name: "raw", type: "string" },
  OUTPUT_FLAG,
  DRY_RUN_FLAG,
];

interface Target {
  ri: ResourceInfo;
  ns: string | undefined;
  name: string;
}

function propagation(inv: Invocation): "Background" | "Foreground" | "Orphan" {
  const c = String(inv.flags.cascade).toLowerCase();
  if (c === "background" || c === "true") return "Background";
  if (c === "foreground") return "Foreground";
  if (c === "orphan" || c === "false") return "Orphan";
  throw kerror(`invalid cascade value (${inv.flags.cascade}). Must be "background", "foreground", or "orphan".`);
}

export async function runDelete(inv: Invocation): Promise<number> {
  const dry = dryRunOf(inv);
  let grace: number | undefined = inv.flags["grace-period"] >= 0 ? inv.flags["grace-period"] : undefined;
  if (inv.flags.now) {
    if (grace !== undefined) throw kerror(`--now and --grace-period cannot be specified together`);
    grace = 1;
  }
  if (inv.flags.force) {
    if (grace === undefined || grace === 0) grace = 0;
    if (grace === 0) inv.err("Warning: Immediate deletion does not wait for confirmation that the running resource has been terminated. The resource may continue to run on the cluster indefinitely.\n");
  } else if (grace === 0) {
    // kubectl turns --grace-period=0 without --force into 1 second.
    grace = 1;
  }
  const prop = propagation(inv);
  const targets: Target[] = [];
  const errors: string[] = [];
  const files: string[] = inv.flags.filename ?? [];
  const allNs = !!inv.flags["all-namespaces"];
  if (files.length) {
    for (const { obj, source } of readManifests(inv, files, !!inv.flags.recursive)) {
      const ri = riOf(obj, source);
      targets.push({ ri, ns: ri.namespaced ? obj.metadata?.namespace || inv.namespace : undefined, name: obj.metadata.name });
    }
  } else {
    if (inv.args.length === 0) {
      throw new KubectlError(`error: You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'`);
    }
    const refs = parseResourceArgs(inv.args, "kubectl delete");
    const sel = inv.flags.selector !== undefined ? parseLabelSelector(inv.flags.selector) : undefined;
    const fsel = inv.flags["field-selector"] !== undefined ? parseFieldSelector(inv.flags["field-selector"]) : undefined;
    for (const { ri, names } of refs) {
      const ns = ri.namespaced ? (allNs ? undefined : inv.namespace) : undefined;
      if (names.length) {
        if (sel || inv.flags.all) throw kerror(`name cannot be provided when a selector is specified`);
        for (const n of names) targets.push({ ri, ns, name: n });
      } else {
        if (!sel && !fsel && !inv.flags.all) {
          throw kerror(`resource(s) were provided, but no name was specified`);
        }
        for (const o of inv.cluster.api.list(ri.plural, ns, { labelSelector: sel, fieldSelector: fsel })) {
          targets.push({ ri, ns: o.metadata.namespace, name: o.metadata.name });
        }
      }
    }
    if (targets.length === 0 && (sel || fsel || inv.flags.all)) {
      const namespaced = refs.some((r) => r.ri.namespaced);
      inv.out(namespaced && !allNs ? `No resources found\n` : `No resources found\n`);
      return 0;
    }
  }
  const waitFor: { ri: ResourceInfo; obj: KObject }[] = [];
  for (const t of targets) {
    try {
      inv.cluster.authorize(inv.user, "delete", t.ri, t.ns, t.name);
      const cur = inv.cluster.api.get(t.ri.plural, t.ns, t.name);
      if (dry === "none") {
        inv.cluster.api.delete(t.ri.plural, t.ns, t.name, { propagationPolicy: prop, gracePeriodSeconds: grace, user: inv.user });
        if (grace === 0 && t.ri.plural === "pods") {
          // --force --grace-period=0: the pod object goes at once, whatever the kubelet does.
          const still = inv.cluster.store.get("pods", t.ns, t.name);
          if (still) inv.cluster.store.remove("pods", t.ns, t.name);
        }
        waitFor.push({ ri: t.ri, obj: cur });
      }
      if (inv.flags.output === "name") inv.out(`${qualifiedKind(t.ri)}/${t.name}\n`);
      else inv.out(`${qualifiedKind(t.ri)} "${t.name}" ${grace === 0 && inv.flags.force ? "force deleted" : "deleted"}${dryRunSuffix(dry)}\n`);
    } catch (e) {
      if (e instanceof ApiError && e.reason === "NotFound" && inv.flags["ignore-not-found"]) continue;
      if (e instanceof ApiError) errors.push(e.kubectlText());
      else throw e;
    }
  }
  if (inv.flags.wait && dry === "none" && waitFor.length) await waitGone(inv, waitFor);
  for (const e of errors) inv.err(e + "\n");
  return errors.length ? 1 : 0;
}

/** Block until the deleted objects are really gone (uid no longer present). */
async function waitGone(inv: Invocation, items: { ri: ResourceInfo; obj: KObject }[]): Promise<void> {
  const gone = () => items.every(({ ri, obj }) => {
    const cur = inv.cluster.store.get(ri.plural, obj.metadata.namespace, obj.metadata.name);
    return !cur || cur.metadata.uid !== obj.metadata.uid;
  });
  const deadline = inv.cluster.now + 3600_000;
  while (!gone() && !inv.ctx.signal.aborted && inv.cluster.now < deadline) {
    if (inv.ctx.host.clock.mode === "virtual") {
      // Let the controllers (kubelet, GC) see the delete first: otherwise the next due moment may be
      // an unrelated timer (up to the 30 s grace period) and a 150 ms nginx shutdown waits for it.
      inv.cluster.reconcile();
      if (gone()) break;
      const next = inv.cluster.nextDue();
      if (next === undefined) break;
      await inv.host.sleep(Math.max(1, next - inv.cluster.now), inv.ctx);
    } else {
      await inv.host.sleep(200, inv.ctx);
      inv.host.sync();
    }
  }
}
