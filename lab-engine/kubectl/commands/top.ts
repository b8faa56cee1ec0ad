// kubectl top node|pod: usage from the kubelet's usage model, served only while metrics-server
// runs. kubectl's metrics printer writes every cell followed by a tab into a tabwriter
// (padding 3), so even the last column is padded with trailing spaces.

import type { KObject } from "../../api/types.ts";
import { parseLabelSelector } from "../../api/selectors.ts";
import { nodeUsage, podUsage } from "../../kubelet/api.ts";
import { cpuMillis, memoryBytes, topCpu, topMemory } from "../../util/quantity.ts";
import type { Invocation } from "../invocation.ts";
import { kerror, KubectlError } from "../errors.ts";
import type { KubectlCommand } from "./registry.ts";

/** Go tabwriter(minwidth 0, padding 3) where every cell, the last included, ends with a tab. */
export function padCells(rows: string[][]): string {
  const w: number[] = [];
  for (const r of rows) r.forEach((c, i) => (w[i] = Math.max(w[i] ?? 0, c.length)));
  return rows.map((r) => r.map((c, i) => c.padEnd(w[i] + 3)).join("") + "\n").join("");
}

function metricsAvailable(inv: Invocation): boolean {
  return inv.cluster.store
    .list("pods", "kube-system")
    .some((p) => p.metadata.labels?.["k8s-app"] === "metrics-server" && p.status?.phase === "Running" && (p.status?.conditions ?? []).some((c: any) => c.type === "Ready" && c.status === "True"));
}

function sortRows<T extends { cpu: number; mem: number }>(rows: T[], by: string | undefined): T[] {
  if (!by) return rows;
  if (by === "cpu") return [...rows].sort((a, b) => b.cpu - a.cpu);
  if (by === "memory") return [...rows].sort((a, b) => b.mem - a.mem);
  throw kerror(`--sort-by accepts only cpu or memory`);
}

const common = [
  { name: "selector", short: "l", type: "string" as const },
  { name: "sort-by", type: "string" as const },
  { name: "no-headers", type: "bool" as const },
  { name: "use-protocol-buffers", type: "bool" as const, default: true },
  { name: "field-selector", type: "string" as const },
];

function runTopPod(inv: Invocation): number {
  if (!metricsAvailable(inv)) throw kerror("Metrics API not available");
  const all = !!inv.flags["all-namespaces"];
  const sel = inv.flags.selector ? parseLabelSelector(inv.flags.selector) : undefined;
  let pods: KObject[];
  if (inv.args[0]) {
    const p = inv.cluster.api.tryGet("pods", inv.namespace, inv.args[0]);
    if (!p || !podUsage(inv.cluster, p).length) throw new KubectlError(`Error from server (NotFound): podmetrics.metrics.k8s.io "${inv.namespace}/${inv.args[0]}" not found`);
    pods = [p];
  } else {
    pods = inv.cluster.api.list("pods", all ? undefined : inv.namespace, sel ? { labelSelector: sel } : {});
    if (!pods.length) {
      inv.err(all ? "No resources found\n" : `No resources found in ${inv.namespace} namespace.\n`);
      return 0;
    }
    pods = pods.filter((p) => podUsage(inv.cluster, p).length);
    if (!pods.length) throw kerror("metrics not available yet");
  }
  const containers = !!inv.flags.containers;
  type Row = { cells: string[]; cpu: number; mem: number };
  let rows: Row[] = [];
  for (const p of pods) {
    const u = podUsage(inv.cluster, p);
    const ns = all ? [p.metadata.namespace!] : [];
    if (containers) {
      for (const c of u) rows.push({ cells: [...ns, p.metadata.name!, c.name, topCpu(c.cpuMilli), topMemory(c.memoryBytes)], cpu: c.cpuMilli, mem: c.memoryBytes });
    } else {
      const cpu = u.reduce((s, c) => s + c.cpuMilli, 0);
      const mem = u.reduce((s, c) => s + c.memoryBytes, 0);
      rows.push({ cells: [...ns, p.metadata.name!, topCpu(cpu), topMemory(mem)], cpu, mem });
    }
  }
  rows = sortRows(rows, inv.flags["sort-by"]);
  const head = [...(all ? ["NAMESPACE"] : []), ...(containers ? ["POD", "NAME"] : ["NAME"]), "CPU(cores)", "MEMORY(bytes)"];
  inv.out(padCells([...(inv.flags["no-headers"] ? [] : [head]), ...rows.map((r) => r.cells)]));
  return 0;
}

function runTopNode(inv: Invocation): number {
  if (!metricsAvailable(inv)) throw kerror("Metrics API not available");
  const sel = inv.flags.selector ? parseLabelSelector(inv.flags.selector) : undefined;
  let nodes: KObject[];
  if (inv.args[0]) nodes = [inv.cluster.api.get("nodes", undefined, inv.args[0])];
  else nodes = inv.cluster.api.list("nodes", undefined, sel ? { labelSelector: sel } : {});
  const rows = nodes.map((n) => {
    const ready = (n.status?.conditions ?? []).some((c: any) => c.type === "Ready" && c.status === "True");
    if (!ready) return { cells: [n.metadata.name!, "<unknown>", "<unknown>", "<unknown>", "<unknown>"], cpu: -1, mem: -1 };
    const u = nodeUsage(inv.cluster, n);
    const cap = inv.flags["show-capacity"] ? n.status?.capacity : n.status?.allocatable;
    const cpuPct = Math.trunc((u.cpuMilli / Math.max(1, cpuMillis(cap?.cpu))) * 100);
    const memPct = Math.trunc((u.memoryBytes / Math.max(1, memoryBytes(cap?.memory))) * 100);
    return { cells: [n.metadata.name!, topCpu(u.cpuMilli), `${cpuPct}%`, topMemory(u.memoryBytes), `${memPct}%`], cpu: u.cpuMilli, mem: u.memoryBytes };
  });
  const sorted = sortRows(rows, inv.flags["sort-by"]);
  // Nodes without metrics are listed last.
  const ordered = [...sorted.filter((r) => r.cpu >= 0), ...sorted.filter((r) => r.cpu < 0)];
  const head = ["NAME", "CPU(cores)", "CPU(%)", "MEMORY(bytes)", "MEMORY(%)"];
  inv.out(padCells([...(inv.flags["no-headers"] ? [] : [head]), ...ordered.map((r) => r.cells)]));
  return 0;
}

export const topCommand: KubectlCommand = {
  name: "top",
  help: `Display resource (CPU/memory) usage.

 The top command allows you to see the resource consumption for nodes or pods.

 This command requires Metrics Server to be correctly configured and working on the server.

Available Commands:
  node          Display resource (CPU/memory) usage of nodes
  pod           Display resource (CPU/memory) usage of pods

Usage:
  kubectl top [flags] [options]

Use "kubectl top <command> --help" for more information about a given command.
Use "kubectl options" for a list of global command-line options (applies to all commands).
`,
  subcommands: {
    pod: { name: "pod", aliases: ["pods", "po"], flags: [...common, { name: "all-namespaces", short: "A", type: "bool" }, { name: "containers", type: "bool" }, { name: "sum", type: "bool" }], run: runTopPod },
    node: { name: "node", aliases: ["nodes", "no"], flags: [...common, { name: "show-capacity", type: "bool" }], run: runTopNode },
  },
};
for (const k of ["pods", "po"]) topCommand.subcommands![k] = topCommand.subcommands!.pod;
for (const k of ["nodes", "no"]) topCommand.subcommands![k] = topCommand.subcommands!.node;
