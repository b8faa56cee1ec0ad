// kubectl taint: `key=value:Effect`, `key:Effect`, removals `key-`, `key:Effect-`, with
// kubectl's reorganizeTaints outcome words (tainted / untainted / modified) and errors.

import type { KObject } from "../../api/types.ts";
import { parseLabelSelector } from "../../api/selectors.ts";
import type { Invocation } from "../invocation.ts";
import { kerror } from "../errors.ts";
import { DRY_RUN_FLAG, dryRunOf, dryRunSuffix } from "./common.ts";
import type { KubectlCommand } from "./registry.ts";

interface Taint {
  key: string;
  value?: string;
  effect?: string;
  timeAdded?: string;
}

const EFFECTS = ["NoSchedule", "PreferNoSchedule", "NoExecute"];

function parseTaint(spec: string, removal: boolean): Taint {
  let rest = spec;
  let effect: string | undefined;
  const colon = rest.lastIndexOf(":");
  if (colon >= 0) {
    effect = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
  } else if (!removal) throw kerror(`invalid taint spec: ${spec}`);
  const eq = rest.indexOf("=");
  const key = eq >= 0 ? rest.slice(0, eq) : rest;
  const value = eq >= 0 ? rest.slice(eq + 1) : undefined;
  if (effect !== undefined && !EFFECTS.includes(effect)) throw kerror(`invalid taint effect: ${effect}, unsupported taint effect`);
  if (!key || !/^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\/)?[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/.test(key)) throw kerror(`invalid taint spec: ${spec}`);
  return { key, ...(value !== undefined && value !== "" ? { value } : {}), ...(effect ? { effect } : {}) };
}

const same = (a: Taint, b: Taint) => a.key === b.key && a.effect === b.effect;
const show = (t: Taint) => (t.effect ? `${t.key}:${t.effect}` : t.key);

async function runTaint(inv: Invocation): Promise<number> {
  const dry = dryRunOf(inv);
  const args = [...inv.args];
  const api = inv.cluster.api;
  let nodes: KObject[] = [];
  if (args[0] && /^(nodes?|no)$/.test(args[0])) args.shift();
  const names: string[] = [];
  const specs: string[] = [];
  for (const a of args) {
    if (/[=:]/.test(a) || a.endsWith("-")) specs.push(a);
    else names.push(a.replace(/^(nodes?|no)\//, ""));
  }
  if (inv.flags.all || inv.flags.selector) {
    nodes = api.list("nodes", undefined, inv.flags.selector ? { labelSelector: parseLabelSelector(inv.flags.selector) } : {});
  } else {
    if (!names.length) throw kerror(`at least one node is required\nSee 'kubectl taint -h' for help and examples`);
    nodes = names.map((n) => api.get("nodes", undefined, n));
  }
  if (!specs.length) throw kerror(`at least one taint update is required\nSee 'kubectl taint -h' for help and examples`);
  const add: Taint[] = [];
  const remove: Taint[] = [];
  for (const s of specs) {
    if (s.endsWith("-")) remove.push(parseTaint(s.slice(0, -1), true));
    else add.push(parseTaint(s, false));
  }
  for (const a of add) if (remove.some((r) => same(a, r))) throw kerror(`can not both modify and remove the following taint(s) in the same command: ${show(a)}`);
  for (const node of nodes) {
    const old: Taint[] = node.spec?.taints ?? [];
    if (!inv.flags.overwrite) {
      const exists = add.filter((t) => old.some((o) => o.key === t.key && o.effect === t.effect)).map((t) => t.key);
      if (exists.length) throw kerror(`node ${node.metadata.name} already has ${exists.join(",")} taint(s) with same effect(s) and --overwrite is false`);
    }
    // kubectl reorganizeTaints: new taints first, then old ones not replaced, then removals.
    const next: Taint[] = add.map((t) => (t.effect === "NoExecute" ? { ...t, timeAdded: inv.cluster.isoNow() } : { ...t }));
    for (const o of old) if (!next.some((t) => same(t, o))) next.push(o);
    const added = next.length !== old.length;
    let deleted = false;
    for (const r of remove) {
      const before = next.length;
      for (let i = next.length - 1; i >= 0; i--) if (next[i].key === r.key && (!r.effect || next[i].effect === r.effect)) next.splice(i, 1);
      if (next.length === before) throw kerror(`taint "${show(r)}" not found`);
      deleted = true;
    }
    const op = (added && deleted) || inv.flags.overwrite ? "modified" : added ? "tainted" : "untainted";
    if (dry !== "client") {
      const spec = { ...(node.spec ?? {}) };
      if (next.length) spec.taints = next;
      else delete spec.taints;
      api.update("nodes", { ...node, spec }, { dryRun: dry === "server", user: inv.user });
    }
    inv.out(`node/${node.metadata.name} ${op}${dryRunSuffix(dry)}\n`);
  }
  return 0;
}

export const taintCommand: KubectlCommand = {
  name: "taint",
  flags: [
    { name: "overwrite", type: "bool" },
    { name: "all", type: "bool" },
    { name: "selector", short: "l", type: "string" },
    { name: "output", short: "o", type: "string" },
    { name: "validate", type: "string", noOptDefault: "strict" },
    { name: "field-manager", type: "string" },
    DRY_RUN_FLAG,
  ],
  run: runTaint,
};
