// kubectl cordon / uncordon / drain with kubectl 1.32's texts: drain cordons, sorts the node's
// pods through kubectl's filters (DaemonSet, mirror, local storage, unmanaged), evicts through
// PodDisruptionBudgets (retrying every 5 s on the clock) and waits for the pods to be gone.

import type { KObject } from "../../api/types.ts";
import { ApiError } from "../../api/errors.ts";
import { parseLabelSelector, matchesLabels } from "../../api/selectors.ts";
import { canEvict } from "../../controllers/disruption.ts";
import { parseGoDuration } from "../../util/duration.ts";
import type { Invocation } from "../invocation.ts";
import { kerror, KubectlError } from "../errors.ts";
import { DRY_RUN_FLAG, dryRunOf, dryRunSuffix, type DryRun } from "./common.ts";
import type { KubectlCommand } from "./registry.ts";

function targetNodes(inv: Invocation, verb: string): KObject[] {
  const api = inv.cluster.api;
  if (inv.flags.selector) {
    if (inv.args.length) throw kerror(`cannot specify both a node name and a --selector option`);
    return api.list("nodes", undefined, { labelSelector: parseLabelSelector(inv.flags.selector) });
  }
  if (!inv.args.length) throw kerror(`USAGE: ${verb} NODE [flags]\nSee 'kubectl ${verb} -h' for help and examples`);
  return inv.args.map((a) => api.get("nodes", undefined, a.replace(/^(nodes?|no)\//, "")));
}

/** Set spec.unschedulable; prints `node/x cordoned` or `node/x already cordoned`. */
function setUnschedulable(inv: Invocation, node: KObject, desired: boolean, dry: DryRun): void {
  const verb = desired ? "cordoned" : "uncordoned";
  if (!!node.spec?.unschedulable === desired) {
    inv.out(`node/${node.metadata.name} already ${verb}${dryRunSuffix(dry)}\n`);
    return;
  }
  if (dry !== "client") {
    const spec = { ...(node.spec ?? {}) };
    if (desired) spec.unschedulable = true;
    else delete spec.unschedulable;
    inv.cluster.api.update("nodes", { ...node, spec }, { dryRun: dry === "server", user: inv.user });
  }
  inv.out(`node/${node.metadata.name} ${verb}${dryRunSuffix(dry)}\n`);
}

function runCordon(desired: boolean) {
  return (inv: Invocation): number => {
    const dry = dryRunOf(inv);
    for (const n of targetNodes(inv, desired ? "cordon" : "uncordon")) setUnschedulable(inv, n, desired, dry);
    return 0;
  };
}

interface Verdict {
  pod: KObject;
  kind: "ok" | "skip" | "warn" | "error";
  msg?: string;
}

const DS_FATAL = "DaemonSet-managed Pods (use --ignore-daemonsets to ignore)";
const DS_WARN = "ignoring DaemonSet-managed Pods";
const LOCAL_FATAL = "Pods with local storage (use --delete-emptydir-data to override)";
const LOCAL_WARN = "deleting Pods with local storage";
const UNMANAGED_FATAL = "Pods that declare no controller (use --force to override)";
const UNMANAGED_WARN = "deleting Pods that declare no controller";

/** kubectl's drain filters, in its order; the first verdict that stops deletion wins. */
function classify(inv: Invocation, pod: KObject): Verdict {
  let v: Verdict = { pod, kind: "ok" };
  const done = pod.status?.phase === "Succeeded" || pod.status?.phase === "Failed";
  const owner = (pod.metadata.ownerReferences ?? []).find((o: any) => o.controller);
  if (owner?.kind === "DaemonSet") {
    if (!inv.flags["ignore-daemonsets"]) return { pod, kind: "error", msg: DS_FATAL };
    return { pod, kind: "warn", msg: DS_WARN };
  }
  if (pod.metadata.annotations?.["kubernetes.io/config.mirror"]) return { pod, kind: "skip" };
  if (!done && (pod.spec?.volumes ?? []).some((x: any) => x.emptyDir)) {
    if (!inv.flags["delete-emptydir-data"]) return { pod, kind: "error", msg: LOCAL_FATAL };
    v = { pod, kind: "warn", msg: LOCAL_WARN };
  }
  if (!owner && !done) {
    if (!inv.flags.force) return { pod, kind: "error", msg: UNMANAGED_FATAL };
    v = { pod, kind: "warn", msg: UNMANAGED_WARN };
  }
  return v;
}

function grouped(vs: Verdict[], kind: "warn" | "error"): string[] {
  const m = new Map<string, string[]>();
  for (const v of vs) if (v.kind === kind) m.set(v.msg!, [...(m.get(v.msg!) ?? []), `${v.pod.metadata.namespace}/${v.pod.metadata.name}`]);
  // Filter order (DaemonSet, local storage, unmanaged) rather than Go's random map order.
  const rank = (msg: string) => [DS_FATAL, DS_WARN, LOCAL_FATAL, LOCAL_WARN, UNMANAGED_FATAL, UNMANAGED_WARN].indexOf(msg);
  return [...m].sort((a, b) => rank(a[0]) - rank(b[0])).map(([msg, pods]) => `${kind === "error" ? "cannot delete " : ""}${msg}: ${pods.join(", ")}`);
}

class DrainError extends Error {
  constructor(readonly lines: string[]) {
    super(lines.length === 1 ? lines[0] : `[${lines.join(", ")}]`);
  }
}

async function drainNode(inv: Invocation, node: KObject, dry: DryRun): Promise<void> {
  const c = inv.cluster;
  const sel = inv.flags["pod-selector"] ? parseLabelSelector(inv.flags["pod-selector"]) : undefined;
  const pods = c.store
    .list("pods")
    .filter((p) => p.spec?.nodeName === node.metadata.name && (!sel || matchesLabels(sel, p.metadata.labels)))
    .sort((a, b) => (`${a.metadata.namespace}/${a.metadata.name}` < `${b.metadata.namespace}/${b.metadata.name}` ? -1 : 1));
  const verdicts = pods.map((p) => classify(inv, p));
  const errs = grouped(verdicts, "error");
  if (errs.length) throw new DrainError(errs);
  const warns = grouped(verdicts, "warn");
  if (warns.length) inv.err(`Warning: ${warns.join("; ")}\n`);
  const victims = verdicts.filter((v) => v.kind === "ok" || (v.kind === "warn" && v.msg !== DS_WARN)).map((v) => v.pod);
  if (dry === "client") {
    for (const p of victims) inv.out(`evicting pod ${p.metadata.namespace}/${p.metadata.name} (dry run)\n`);
    return;
  }
  const evict = !inv.flags["disable-eviction"];
  const grace: number = inv.flags["grace-period"];
  const timeoutMs = inv.flags.timeout ? parseGoDuration(String(inv.flags.timeout)) : 0;
  const start = c.now;
  // Without --timeout kubectl retries forever; a virtual clock gives up after an hour.
  const deadline = timeoutMs > 0 ? start + timeoutMs : start + 3600_000;
  const pending = new Map(victims.map((p) => [p.metadata.uid, p]));
  for (const p of victims) inv.out(`${evict ? "evicting" : "deleting"} pod ${p.metadata.namespace}/${p.metadata.name}\n`);
  const requested = new Set<string>();
  const failures: string[] = [];
  while (pending.size) {
    const expired = c.now >= deadline;
    for (const p of [...pending.values()]) {
      if (requested.has(p.metadata.uid) || expired) continue;
      const live = c.store.get("pods", p.metadata.namespace, p.metadata.name);
      if (!live || live.metadata.uid !== p.metadata.uid) continue;
      const blocked = evict ? canEvict(c, live) : undefined;
      if (blocked) {
        inv.err(`error when evicting pods/"${p.metadata.name}" -n "${p.metadata.namespace}" (will retry after 5s): ${blocked}\n`);
        continue;
      }
      try {
        c.api.delete("pods", p.metadata.namespace, p.metadata.name!, { ...(grace >= 0 ? { gracePeriodSeconds: grace } : {}), user: inv.user });
      } catch (e) {
        if (!(e instanceof ApiError && e.reason === "NotFound")) throw e;
      }
      requested.add(p.metadata.uid);
    }
    // Pods whose eviction was accepted: report each once it is gone.
    for (const p of [...pending.values()]) {
      const live = c.store.get("pods", p.metadata.namespace, p.metadata.name);
      if (!live || live.metadata.uid !== p.metadata.uid) {
        inv.out(`pod/${p.metadata.name} ${evict ? "evicted" : "deleted"}\n`);
        pending.delete(p.metadata.uid);
      }
    }
    if (!pending.size) break;
    if (c.now >= deadline || inv.ctx.signal.aborted) {
      for (const p of pending.values()) failures.push(`error when evicting pods/"${p.metadata.name}" -n "${p.metadata.namespace}": global timeout reached: ${String(inv.flags.timeout ?? "1h0m0s")}`);
      break;
    }
    const anyBlocked = [...pending.values()].some((p) => !requested.has(p.metadata.uid));
    await inv.host.sleep(Math.min(anyBlocked ? 5000 : 1000, Math.max(1, deadline - c.now)), inv.ctx);
    inv.host.sync();
  }
  if (failures.length) throw new DrainError(failures);
}

async function runDrain(inv: Invocation): Promise<number> {
  const dry = dryRunOf(inv);
  const nodes = targetNodes(inv, "drain");
  for (const n of nodes) setUnschedulable(inv, n, true, dry);
  const remaining: string[] = [];
  const fatal: DrainError[] = [];
  for (const n of nodes) {
    try {
      await drainNode(inv, n, dry);
      inv.out(`node/${n.metadata.name} drained${dryRunSuffix(dry)}\n`);
    } catch (e) {
      if (!(e instanceof DrainError)) throw e;
      inv.err(`error: unable to drain node "${n.metadata.name}" due to error: ${e.message}, continuing command...\n`);
      remaining.push(n.metadata.name!);
      fatal.push(e);
    }
  }
  if (!remaining.length) return 0;
  inv.err(`There are pending nodes to be drained:\n${remaining.map((r) => ` ${r}\n`).join("")}`);
  // cmdutil prints each error of the (flattened) aggregate on its own line.
  throw new KubectlError(fatal.flatMap((f) => f.lines).join("\n"));
}

export const cordonCommand: KubectlCommand = { name: "cordon", flags: [{ name: "selector", short: "l", type: "string" }, DRY_RUN_FLAG], run: runCordon(true) };
export const uncordonCommand: KubectlCommand = { name: "uncordon", flags: [{ name: "selector", short: "l", type: "string" }, DRY_RUN_FLAG], run: runCordon(false) };
export const drainCommand: KubectlCommand = {
  name: "drain",
  flags: [
    { name: "selector", short: "l", type: "string" },
    DRY_RUN_FLAG,
    { name: "ignore-daemonsets", type: "bool" },
    { name: "delete-emptydir-data", type: "bool" },
    { name: "delete-local-data", type: "bool" },
    { name: "force", type: "bool" },
    { name: "grace-period", type: "int", default: -1 },
    { name: "timeout", type: "string" },
    { name: "disable-eviction", type: "bool" },
    { name: "pod-selector", type: "string" },
    { name: "skip-wait-for-delete-timeout", type: "int", default: 0 },
    { name: "chunk-size", type: "int", default: 500 },
  ],
  run: runDrain,
};
