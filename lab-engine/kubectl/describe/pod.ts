// describe pod (describePod) and the pod template block shared by workloads
// (DescribePodTemplate).

import type { KObject } from "../../api/types.ts";
import { cpuMillis, memoryBytes } from "../../util/quantity.ts";
import { describeContainers, describeResources, envValueRetriever } from "./containers.ts";
import { describeVolumes } from "./volumes.ts";
import { describeEvents } from "./events.ts";
import {
  LEVEL_0,
  LEVEL_1,
  goLess,
  printAnnotationsMultiline,
  printController,
  printLabelsMultiline,
  printPodTolerationsMultiline,
  since,
  tabbed,
  timeRFC1123Z,
  type PrefixWriter,
} from "./writer.ts";

function describePodIPs(pod: any, w: PrefixWriter, space: string): void {
  const ips: any[] = pod.status?.podIPs ?? [];
  if (ips.length === 0) {
    w.write(LEVEL_0, `${space}IPs:\t<none>\n`);
    return;
  }
  w.write(LEVEL_0, `${space}IPs:\n`);
  for (const ip of ips) w.write(LEVEL_1, `IP:\t${ip.ip ?? ""}\n`);
}

/** metav1.FormatLabelSelector: the selector string, `<none>` when empty. */
export function formatLabelSelector(ls: any): string {
  return selectorString(ls) || "<none>";
}

/** LabelSelectorAsSelector(ls).String(): requirements sorted by key; "" for nil/empty. */
export function selectorString(ls: any): string {
  if (!ls) return "";
  const parts: { key: string; s: string }[] = [];
  for (const [k, v] of Object.entries(ls.matchLabels ?? {})) parts.push({ key: k, s: `${k}=${v}` });
  for (const e of ls.matchExpressions ?? []) {
    const vals = [...(e.values ?? [])].sort(goLess).join(",");
    if (e.operator === "In") parts.push({ key: e.key, s: `${e.key} in (${vals})` });
    else if (e.operator === "NotIn") parts.push({ key: e.key, s: `${e.key} notin (${vals})` });
    else if (e.operator === "Exists") parts.push({ key: e.key, s: e.key });
    else if (e.operator === "DoesNotExist") parts.push({ key: e.key, s: `!${e.key}` });
  }
  const s = parts
    .map((p, i) => ({ ...p, i }))
    .sort((a, b) => goLess(a.key, b.key) || a.i - b.i)
    .map((p) => p.s)
    .join(",");
  return s;
}

export function describeTopologySpreadConstraints(tscs: any[] | undefined, w: PrefixWriter, space: string): void {
  if (!tscs?.length) return;
  const sorted = [...tscs].sort((a, b) => goLess(a.topologyKey ?? "", b.topologyKey ?? ""));
  w.write(LEVEL_0, `${space}Topology Spread Constraints:\t`);
  sorted.forEach((t, i) => {
    if (i !== 0) {
      w.write(LEVEL_0, space);
      w.write(LEVEL_0, "\t");
    }
    let s = `${t.topologyKey}:${t.whenUnsatisfiable ?? ""} when max skew ${t.maxSkew ?? 0} is exceeded`;
    if (t.labelSelector) s += ` for selector ${formatLabelSelector(t.labelSelector)}`;
    w.write(LEVEL_0, s + "\n");
  });
}

/** qos.GetPodQOS: status.qosClass, else computed from the containers' requests/limits. */
export function podQOS(pod: any): string {
  if (pod.status?.qosClass) return pod.status.qosClass;
  const cs: any[] = [...(pod.spec?.containers ?? []), ...(pod.spec?.initContainers ?? [])];
  const req: Record<string, number> = {};
  const lim: Record<string, number> = {};
  let guaranteed = true;
  const val = (n: string, v: string) => (n === "cpu" ? cpuMillis(v) : memoryBytes(v));
  for (const c of cs) {
    for (const n of ["cpu", "memory"]) {
      const r = c.resources?.requests?.[n];
      if (r !== undefined && val(n, String(r)) > 0) req[n] = (req[n] ?? 0) + val(n, String(r));
      const l = c.resources?.limits?.[n];
      if (l !== undefined && val(n, String(l)) > 0) lim[n] = (lim[n] ?? 0) + val(n, String(l));
    }
    const hasCpu = c.resources?.limits?.cpu !== undefined && cpuMillis(String(c.resources.limits.cpu)) > 0;
    const hasMem = c.resources?.limits?.memory !== undefined && memoryBytes(String(c.resources.limits.memory)) > 0;
    if (!hasCpu || !hasMem) guaranteed = false;
  }
  if (Object.keys(req).length === 0 && Object.keys(lim).length === 0) return "BestEffort";
  if (guaranteed) {
    for (const n of Object.keys(req)) if (lim[n] !== req[n]) guaranteed = false;
  }
  if (guaranteed && Object.keys(lim).length === Object.keys(req).length) return "Guaranteed";
  return "Burstable";
}

export function describePod(pod: KObject, events: KObject[] | undefined, now: number): string {
  return tabbed((w) => {
    const spec = pod.spec ?? {};
    const status = pod.status ?? {};
    w.write(LEVEL_0, `Name:\t${pod.metadata.name}\n`);
    w.write(LEVEL_0, `Namespace:\t${pod.metadata.namespace ?? ""}\n`);
    if (spec.priority !== undefined && spec.priority !== null) w.write(LEVEL_0, `Priority:\t${spec.priority}\n`);
    if (spec.priorityClassName) w.write(LEVEL_0, `Priority Class Name:\t${spec.priorityClassName}\n`);
    if (spec.runtimeClassName) w.write(LEVEL_0, `Runtime Class Name:\t${spec.runtimeClassName}\n`);
    if (spec.serviceAccountName) w.write(LEVEL_0, `Service Account:\t${spec.serviceAccountName}\n`);
    if (!spec.nodeName) w.write(LEVEL_0, "Node:\t<none>\n");
    else w.write(LEVEL_0, `Node:\t${spec.nodeName}/${status.hostIP ?? ""}\n`);
    if (status.startTime) w.write(LEVEL_0, `Start Time:\t${timeRFC1123Z(status.startTime)}\n`);
    printLabelsMultiline(w, "Labels", pod.metadata.labels);
    printAnnotationsMultiline(w, "Annotations", pod.metadata.annotations);
    if (pod.metadata.deletionTimestamp && status.phase !== "Failed" && status.phase !== "Succeeded") {
      w.write(LEVEL_0, `Status:\tTerminating (lasts ${since(pod.metadata.deletionTimestamp, now)})\n`);
      w.write(LEVEL_0, `Termination Grace Period:\t${pod.metadata.deletionGracePeriodSeconds ?? 0}s\n`);
    } else {
      w.write(LEVEL_0, `Status:\t${status.phase ?? ""}\n`);
    }
    if (status.reason) w.write(LEVEL_0, `Reason:\t${status.reason}\n`);
    if (status.message) w.write(LEVEL_0, `Message:\t${status.message}\n`);
    const sp = spec.securityContext?.seccompProfile;
    if (sp) {
      w.write(LEVEL_0, `SeccompProfile:\t${sp.type ?? ""}\n`);
      if (sp.type === "Localhost") w.write(LEVEL_0, `LocalhostProfile:\t${sp.localhostProfile ?? ""}\n`);
    }
    w.write(LEVEL_0, `IP:\t${status.podIP ?? ""}\n`);
    describePodIPs(pod, w, "");
    const ctl = printController(pod);
    if (ctl) w.write(LEVEL_0, `Controlled By:\t${ctl}\n`);
    if (status.nominatedNodeName) w.write(LEVEL_0, `NominatedNodeName:\t${status.nominatedNodeName}\n`);
    if (spec.resources) {
      w.write(LEVEL_0, "Resources:\n");
      describeResources(spec.resources, w, LEVEL_1);
    }
    const resolver = envValueRetriever(pod);
    if (spec.initContainers?.length) describeContainers("Init Containers", spec.initContainers, status.initContainerStatuses, resolver, w, "");
    describeContainers("Containers", spec.containers, status.containerStatuses, resolver, w, "");
    if (spec.ephemeralContainers?.length) describeContainers("Ephemeral Containers", spec.ephemeralContainers, status.ephemeralContainerStatuses, resolver, w, "");
    const conds: any[] = status.conditions ?? [];
    if (spec.readinessGates?.length) {
      w.write(LEVEL_0, "Readiness Gates:\n  Type\tStatus\n");
      for (const g of spec.readinessGates) {
        const c = conds.find((x) => x.type === g.conditionType);
        w.write(LEVEL_1, `${g.conditionType} \t${c ? c.status : "<none>"} \n`);
      }
    }
    if (conds.length) {
      w.write(LEVEL_0, "Conditions:\n  Type\tStatus\n");
      for (const c of conds) w.write(LEVEL_1, `${c.type} \t${c.status} \n`);
    }
    describeVolumes(spec.volumes, w, "");
    w.write(LEVEL_0, `QoS Class:\t${podQOS(pod)}\n`);
    printLabelsMultiline(w, "Node-Selectors", spec.nodeSelector);
    printPodTolerationsMultiline(w, "Tolerations", spec.tolerations);
    describeTopologySpreadConstraints(spec.topologySpreadConstraints, w, "");
    if (events) describeEvents(events, w, now);
  });
}

/** DescribePodTemplate(template, w) */
export function describePodTemplate(template: any, w: PrefixWriter): void {
  w.write(LEVEL_0, "Pod Template:\n");
  if (!template) {
    w.write(LEVEL_1, "<unset>");
    return;
  }
  const spec = template.spec ?? {};
  printLabelsMultiline(w, "  Labels", template.metadata?.labels);
  if (Object.keys(template.metadata?.annotations ?? {}).length) printAnnotationsMultiline(w, "  Annotations", template.metadata.annotations);
  if (spec.serviceAccountName) w.write(LEVEL_1, `Service Account:\t${spec.serviceAccountName}\n`);
  if (spec.initContainers?.length) describeContainers("Init Containers", spec.initContainers, undefined, undefined, w, "  ");
  describeContainers("Containers", spec.containers, undefined, undefined, w, "  ");
  describeVolumes(spec.volumes, w, "  ");
  describeTopologySpreadConstraints(spec.topologySpreadConstraints, w, "  ");
  if (spec.priorityClassName) w.write(LEVEL_1, `Priority Class Name:\t${spec.priorityClassName}\n`);
  printLabelsMultiline(w, "  Node-Selectors", spec.nodeSelector);
  printPodTolerationsMultiline(w, "  Tolerations", spec.tolerations);
}
