// describe node: roles, taints, lease, conditions, addresses, capacity, system info and the
// Non-terminated Pods / Allocated resources tables (percent of allocatable).

import type { KObject } from "../../api/types.ts";
import { addQuantities, formatQuantity, milliValue, parseQuantity, value, type Quantity } from "../../util/quantity.ts";
import { describeEvents, searchEvents } from "./events.ts";
import type { Describer } from "./types.ts";
import { LEVEL_0, LEVEL_1, goLess, printAnnotationsMultiline, printLabelsMultiline, printTaintsMultilineWithIndent, qty, since, sortedKeys, tabbed, timeRFC1123Z, type PrefixWriter } from "./writer.ts";

type ResourceList = Record<string, Quantity>;

function q(v: unknown): Quantity {
  try {
    return parseQuantity(String(v));
  } catch {
    return { nanos: 0n, format: "DecimalSI" };
  }
}

const ZERO: Quantity = { nanos: 0n, format: "DecimalSI" };

function addList(into: ResourceList, src: Record<string, unknown> | undefined): void {
  for (const [k, v] of Object.entries(src ?? {})) into[k] = into[k] ? addQuantities(into[k], q(v)) : q(v);
}

function maxList(into: ResourceList, src: ResourceList): void {
  for (const [k, v] of Object.entries(src)) if (!into[k] || v.nanos > into[k].nanos) into[k] = v;
}

function podSide(pod: any, field: "requests" | "limits"): ResourceList {
  const out: ResourceList = {};
  for (const c of pod.spec?.containers ?? []) addList(out, c.resources?.[field]);
  const restartable: ResourceList = {};
  const init: ResourceList = {};
  for (const c of pod.spec?.initContainers ?? []) {
    let cur: ResourceList;
    if (c.restartPolicy === "Always") {
      addList(out, c.resources?.[field]);
      addList(restartable, c.resources?.[field]);
      cur = { ...restartable };
    } else {
      cur = {};
      addList(cur, c.resources?.[field]);
      for (const [k, v] of Object.entries(restartable)) cur[k] = cur[k] ? addQuantities(cur[k], v) : v;
    }
    maxList(init, cur);
  }
  maxList(out, init);
  if (pod.spec?.overhead) addList(out, pod.spec.overhead);
  return out;
}

/** resourcehelper.PodRequestsAndLimits */
export function podRequestsAndLimits(pod: any): { reqs: ResourceList; limits: ResourceList } {
  return { reqs: podSide(pod, "requests"), limits: podSide(pod, "limits") };
}

const qs = (x: Quantity | undefined) => formatQuantity(x ?? ZERO);
const pct = (num: number, den: number) => (den ? Math.trunc((num / den) * 100) : 0);
const cpuM = (x: Quantity | undefined) => (x ? milliValue(x) : 0);
const val = (x: Quantity | undefined) => (x ? value(x) : 0);

function findNodeRoles(node: KObject): string[] {
  const roles = new Set<string>();
  for (const [k, v] of Object.entries(node.metadata.labels ?? {})) {
    if (k.startsWith("node-role.kubernetes.io/")) {
      const r = k.slice("node-role.kubernetes.io/".length);
      if (r) roles.add(r);
    } else if (k === "kubernetes.io/role" && v !== "") roles.add(v);
  }
  return [...roles].sort(goLess);
}

function describeNodeResource(pods: KObject[], node: KObject, w: PrefixWriter, now: number): void {
  w.write(LEVEL_0, `Non-terminated Pods:\t(${pods.length} in total)\n`);
  w.write(LEVEL_1, "Namespace\tName\t\tCPU Requests\tCPU Limits\tMemory Requests\tMemory Limits\tAge\n");
  w.write(LEVEL_1, "---------\t----\t\t------------\t----------\t---------------\t-------------\t---\n");
  const allocRaw = Object.keys(node.status?.allocatable ?? {}).length ? node.status.allocatable : (node.status?.capacity ?? {});
  const alloc: ResourceList = {};
  for (const [k, v] of Object.entries(allocRaw)) alloc[k] = q(v);
  const allocCpu = cpuM(alloc.cpu);
  const allocMem = val(alloc.memory);
  for (const pod of pods) {
    const { reqs, limits } = podRequestsAndLimits(pod);
    // Go float division by zero gives +Inf/NaN; int64() of those is platform-defined — print 0.
    w.write(
      LEVEL_1,
      `${pod.metadata.namespace}\t${pod.metadata.name}\t\t${qs(reqs.cpu)} (${pct(cpuM(reqs.cpu), allocCpu)}%)\t${qs(limits.cpu)} (${pct(cpuM(limits.cpu), allocCpu)}%)\t` +
        `${qs(reqs.memory)} (${pct(val(reqs.memory), allocMem)}%)\t${qs(limits.memory)} (${pct(val(limits.memory), allocMem)}%)\t${since(pod.metadata.creationTimestamp, now)}\n`,
    );
  }
  w.write(LEVEL_0, "Allocated resources:\n  (Total limits may be over 100 percent, i.e., overcommitted.)\n");
  w.write(LEVEL_1, "Resource\tRequests\tLimits\n");
  w.write(LEVEL_1, "--------\t--------\t------\n");
  const reqs: ResourceList = {};
  const limits: ResourceList = {};
  for (const pod of pods) {
    const rl = podRequestsAndLimits(pod);
    for (const [k, v] of Object.entries(rl.reqs)) reqs[k] = reqs[k] ? addQuantities(reqs[k], v) : v;
    for (const [k, v] of Object.entries(rl.limits)) limits[k] = limits[k] ? addQuantities(limits[k], v) : v;
  }
  w.write(LEVEL_1, `cpu\t${qs(reqs.cpu)} (${pct(cpuM(reqs.cpu), allocCpu)}%)\t${qs(limits.cpu)} (${pct(cpuM(limits.cpu), allocCpu)}%)\n`);
  w.write(LEVEL_1, `memory\t${qs(reqs.memory)} (${pct(val(reqs.memory), allocMem)}%)\t${qs(limits.memory)} (${pct(val(limits.memory), allocMem)}%)\n`);
  const allocEph = val(alloc["ephemeral-storage"]);
  w.write(LEVEL_1, `ephemeral-storage\t${qs(reqs["ephemeral-storage"])} (${pct(val(reqs["ephemeral-storage"]), allocEph)}%)\t${qs(limits["ephemeral-storage"])} (${pct(val(limits["ephemeral-storage"]), allocEph)}%)\n`);
  const keys = Object.keys(alloc).sort(goLess);
  const huge = keys.filter((k) => k.startsWith("hugepages-"));
  const ext = keys.filter((k) => !k.startsWith("hugepages-") && !["cpu", "memory", "ephemeral-storage", "pods"].includes(k) && !k.startsWith("requests.") && k.includes("/"));
  for (const r of huge) {
    const a = val(alloc[r]);
    w.write(LEVEL_1, `${r}\t${qs(reqs[r])} (${pct(val(reqs[r]), a)}%)\t${qs(limits[r])} (${pct(val(limits[r]), a)}%)\n`);
  }
  for (const r of ext) w.write(LEVEL_1, `${r}\t${qs(reqs[r])}\t${qs(limits[r])}\n`);
}

export const describeNode: Describer = (c, node, s) => {
  const spec = node.spec ?? {};
  const st = node.status ?? {};
  const pods = c.store.list("pods").filter((p) => p.spec?.nodeName === node.metadata.name && p.status?.phase !== "Succeeded" && p.status?.phase !== "Failed");
  let events: KObject[] | undefined;
  if (s.showEvents) {
    events = searchEvents(c, { name: node.metadata.name, namespace: "", kind: "Node", uid: node.metadata.uid || undefined });
    if (node.metadata.uid !== node.metadata.name) events = events.concat(searchEvents(c, { name: node.metadata.name, namespace: "", kind: "Node", uid: node.metadata.name }));
  }
  const lease = c.store.get("leases", "kube-node-lease", node.metadata.name);
  return tabbed((w) => {
    w.write(LEVEL_0, `Name:\t${node.metadata.name}\n`);
    const roles = findNodeRoles(node);
    w.write(LEVEL_0, `Roles:\t${roles.length ? roles.join(",") : "<none>"}\n`);
    printLabelsMultiline(w, "Labels", node.metadata.labels);
    printAnnotationsMultiline(w, "Annotations", node.metadata.annotations);
    w.write(LEVEL_0, `CreationTimestamp:\t${timeRFC1123Z(node.metadata.creationTimestamp)}\n`);
    printTaintsMultilineWithIndent(w, "", "Taints", "\t", spec.taints);
    w.write(LEVEL_0, `Unschedulable:\t${spec.unschedulable === true}\n`);
    if (lease) {
      w.write(LEVEL_0, "Lease:\n");
      w.write(LEVEL_1, `HolderIdentity:\t${lease.spec?.holderIdentity ?? "<unset>"}\n`);
      w.write(LEVEL_1, `AcquireTime:\t${lease.spec?.acquireTime ? timeRFC1123Z(lease.spec.acquireTime) : "<unset>"}\n`);
      w.write(LEVEL_1, `RenewTime:\t${lease.spec?.renewTime ? timeRFC1123Z(lease.spec.renewTime) : "<unset>"}\n`);
    } else {
      w.write(LEVEL_0, `Lease:\tFailed to get lease: leases.coordination.k8s.io "${node.metadata.name}" not found\n`);
    }
    const conds: any[] = st.conditions ?? [];
    if (conds.length) {
      w.write(LEVEL_0, "Conditions:\n  Type\tStatus\tLastHeartbeatTime\tLastTransitionTime\tReason\tMessage\n");
      w.write(LEVEL_1, "----\t------\t-----------------\t------------------\t------\t-------\n");
      for (const cd of conds) {
        w.write(LEVEL_1, `${cd.type} \t${cd.status} \t${timeRFC1123Z(cd.lastHeartbeatTime)} \t${timeRFC1123Z(cd.lastTransitionTime)} \t${cd.reason ?? ""} \t${cd.message ?? ""}\n`);
      }
    }
    w.write(LEVEL_0, "Addresses:\n");
    for (const a of st.addresses ?? []) w.write(LEVEL_1, `${a.type}:\t${a.address}\n`);
    const printResourceList = (rl: Record<string, unknown>) => {
      for (const k of sortedKeys(rl)) w.write(LEVEL_0, `  ${k}:\t${qty(rl[k])}\n`);
    };
    if (Object.keys(st.capacity ?? {}).length) {
      w.write(LEVEL_0, "Capacity:\n");
      printResourceList(st.capacity);
    }
    if (Object.keys(st.allocatable ?? {}).length) {
      w.write(LEVEL_0, "Allocatable:\n");
      printResourceList(st.allocatable);
    }
    const ni = st.nodeInfo ?? {};
    w.write(LEVEL_0, "System Info:\n");
    w.write(LEVEL_0, `  Machine ID:\t${ni.machineID ?? ""}\n`);
    w.write(LEVEL_0, `  System UUID:\t${ni.systemUUID ?? ""}\n`);
    w.write(LEVEL_0, `  Boot ID:\t${ni.bootID ?? ""}\n`);
    w.write(LEVEL_0, `  Kernel Version:\t${ni.kernelVersion ?? ""}\n`);
    w.write(LEVEL_0, `  OS Image:\t${ni.osImage ?? ""}\n`);
    w.write(LEVEL_0, `  Operating System:\t${ni.operatingSystem ?? ""}\n`);
    w.write(LEVEL_0, `  Architecture:\t${ni.architecture ?? ""}\n`);
    w.write(LEVEL_0, `  Container Runtime Version:\t${ni.containerRuntimeVersion ?? ""}\n`);
    w.write(LEVEL_0, `  Kubelet Version:\t${ni.kubeletVersion ?? ""}\n`);
    w.write(LEVEL_0, `  Kube-Proxy Version:\t${ni.kubeProxyVersion ?? ""}\n`);
    if (spec.podCIDR) w.write(LEVEL_0, `PodCIDR:\t${spec.podCIDR}\n`);
    if (spec.podCIDRs?.length) w.write(LEVEL_0, `PodCIDRs:\t${spec.podCIDRs.join(",")}\n`);
    if (spec.providerID) w.write(LEVEL_0, `ProviderID:\t${spec.providerID}\n`);
    describeNodeResource(pods, node, w, s.now);
    if (events) describeEvents(events, w, s.now);
  });
};
