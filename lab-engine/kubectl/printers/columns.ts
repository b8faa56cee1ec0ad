// `kubectl get` columns per resource, as the 1.32 API server's table printers produce them
// (pkg/printers/internalversion/printers.go). `wide` columns come after the normal ones.
// A table of cases by design: one entry per resource kind.

import type { KObject } from "../../api/types.ts";
import { ageSince } from "../../util/duration.ts";
import { fromLabelSelector, fromMap, selectorString } from "../../api/selectors.ts";
import { podCells } from "./pod-status.ts";

export interface Columns {
  headers: string[];
  wide?: string[];
  row(o: KObject, now: number, all?: KObject[]): string[];
  wideRow?(o: KObject, now: number): string[];
}

const age = (o: KObject, now: number) => ageSince(o.metadata.creationTimestamp, now);
const none = (s: string | undefined | null) => (s === undefined || s === null || s === "" ? "<none>" : s);
const joinOr = (xs: string[], dflt = "<none>") => (xs.length ? xs.join(",") : dflt);

function containersImages(tmplSpec: any): string[] {
  const cs: any[] = tmplSpec?.containers ?? [];
  return [cs.map((c) => c.name).join(","), cs.map((c) => c.image).join(",")];
}

function labelSelectorStr(sel: any): string {
  if (!sel) return "<none>";
  const s = selectorString(fromLabelSelector(sel));
  return s || "<none>";
}

export function servicePorts(svc: KObject): string {
  const ports: any[] = svc.spec?.ports ?? [];
  if (!ports.length) return "<none>";
  return ports.map((p) => (p.nodePort ? `${p.port}:${p.nodePort}/${p.protocol ?? "TCP"}` : `${p.port}/${p.protocol ?? "TCP"}`)).join(",");
}

function serviceExternalIP(svc: KObject, wide: boolean): string {
  const type = svc.spec?.type ?? "ClusterIP";
  const ext: string[] = svc.spec?.externalIPs ?? [];
  if (type === "ClusterIP" || type === "NodePort") return ext.length ? ext.join(",") : "<none>";
  if (type === "ExternalName") return svc.spec?.externalName ?? "<none>";
  const ing: string[] = (svc.status?.loadBalancer?.ingress ?? []).map((i: any) => i.ip || i.hostname).filter(Boolean);
  const all = [...ing, ...ext];
  if (!all.length) return "<pending>";
  const s = all.join(",");
  return !wide && s.length > 16 ? s.slice(0, 13) + "..." : s;
}

function nodeStatus(n: KObject): string {
  const ready = (n.status?.conditions ?? []).find((c: any) => c.type === "Ready");
  let s = !ready ? "Unknown" : ready.status === "True" ? "Ready" : "NotReady";
  if (n.spec?.unschedulable) s += ",SchedulingDisabled";
  return s;
}

function nodeRoles(n: KObject): string {
  const roles = new Set<string>();
  for (const [k, v] of Object.entries(n.metadata.labels ?? {})) {
    if (k.startsWith("node-role.kubernetes.io/")) roles.add(k.slice("node-role.kubernetes.io/".length));
    else if (k === "kubernetes.io/role") roles.add(v);
  }
  return roles.size ? [...roles].sort().join(",") : "<none>";
}

function endpointsCell(ep: KObject): string {
  const addrs: string[] = [];
  for (const ss of ep.subsets ?? []) {
    for (const port of ss.ports ?? [{ port: undefined }]) {
      for (const a of ss.addresses ?? []) addrs.push(port.port !== undefined ? `${a.ip}:${port.port}` : a.ip);
    }
  }
  if (!addrs.length) return "<none>";
  if (addrs.length > 3) return `${addrs.slice(0, 3).join(",")} + ${addrs.length - 3} more...`;
  return addrs.join(",");
}

const accessModes = (modes: string[] | undefined) =>
  (modes ?? []).map((m) => ({ ReadWriteOnce: "RWO", ReadOnlyMany: "ROX", ReadWriteMany: "RWX", ReadWriteOncePod: "RWOP" })[m] ?? m).join(",");

function jobStatus(j: KObject): string {
  const conds: any[] = (j.status?.conditions ?? []).filter((c: any) => c.status === "True");
  const has = (t: string) => conds.some((c) => c.type === t);
  if (has("Complete")) return "Complete";
  if (has("Failed")) return "Failed";
  if (j.metadata.deletionTimestamp) return "Terminating";
  if (has("Suspended")) return "Suspended";
  if (has("FailureTarget")) return "FailureTarget";
  return "Running";
}

function jobCompletions(j: KObject): string {
  const succ = j.status?.succeeded ?? 0;
  if (j.spec?.completions !== undefined && j.spec?.completions !== null) return `${succ}/${j.spec.completions}`;
  const par = j.spec?.parallelism ?? 0;
  return par > 1 ? `${succ}/1 of ${par}` : `${succ}/1`;
}

function jobDuration(j: KObject, now: number): string {
  const start = j.status?.startTime;
  if (!start) return "";
  const end = j.status?.completionTime ? Date.parse(j.status.completionTime) : now;
  return ageSince(start, end);
}

function hpaTargets(h: KObject): string {
  const metrics: any[] = h.spec?.metrics ?? [];
  const current: any[] = h.status?.currentMetrics ?? [];
  if (!metrics.length && h.spec?.targetCPUUtilizationPercentage !== undefined) {
    const cur = h.status?.currentCPUUtilizationPercentage;
    return `cpu: ${cur ?? "<unknown>"}${cur !== undefined ? "%" : ""}/${h.spec.targetCPUUtilizationPercentage}%`;
  }
  if (!metrics.length) return "<none>";
  const parts = metrics.map((m, i) => {
    if (m.type === "Resource") {
      const name = m.resource.name;
      const t = m.resource.target;
      const cur = current[i]?.resource?.current;
      if (t.type === "Utilization") {
        const c = cur?.averageUtilization;
        return `${name}: ${c === undefined ? "<unknown>" : c + "%"}/${t.averageUtilization}%`;
      }
      const c = cur?.averageValue;
      return `${name}: ${c ?? "<unknown>"}/${t.averageValue ?? t.value}`;
    }
    return `<unknown>/${JSON.stringify(m)}`;
  });
  if (parts.length > 2) return `${parts.slice(0, 2).join(", ")} + ${parts.length - 2} more...`;
  return parts.join(", ");
}

function eventLastSeen(e: KObject, now: number): string {
  const t = e.series?.lastObservedTime ?? e.lastTimestamp ?? e.eventTime ?? e.firstTimestamp;
  return ageSince(t, now);
}

function cronLastSchedule(cj: KObject, now: number): string {
  return cj.status?.lastScheduleTime ? ageSince(cj.status.lastScheduleTime, now) : "<none>";
}

function ingressHosts(ing: KObject): string {
  const hosts: string[] = [];
  for (const r of ing.spec?.rules ?? []) hosts.push(r.host || "*");
  if (!hosts.length) return "*";
  if (hosts.length > 3) return `${hosts.slice(0, 3).join(",")} + ${hosts.length - 3} more...`;
  return hosts.join(",");
}

function ingressAddress(ing: KObject): string {
  return (ing.status?.loadBalancer?.ingress ?? []).map((i: any) => i.ip || i.hostname).join(",");
}

const bindingSubjects = (b: KObject, kind: string) =>
  (b.subjects ?? [])
    .filter((s: any) => s.kind === kind)
    .map((s: any) => (kind === "ServiceAccount" ? `${s.namespace ?? ""}/${s.name}` : s.name))
    .join(", ");

export const COLUMNS: Record<string, Columns> = {
  pods: {
    headers: ["NAME", "READY", "STATUS", "RESTARTS", "AGE"],
    wide: ["IP", "NODE", "NOMINATED NODE", "READINESS GATES"],
    row(o, now) {
      const p = podCells(o, now);
      return [o.metadata.name, p.ready, p.status, p.restarts, age(o, now)];
    },
    wideRow(o) {
      const gates: any[] = o.spec?.readinessGates ?? [];
      const trueGates = gates.filter((g) => (o.status?.conditions ?? []).some((c: any) => c.type === g.conditionType && c.status === "True")).length;
      return [none(o.status?.podIPs?.[0]?.ip), none(o.spec?.nodeName), none(o.status?.nominatedNodeName), gates.length ? `${trueGates}/${gates.length}` : "<none>"];
    },
  },
  deployments: {
    headers: ["NAME", "READY", "UP-TO-DATE", "AVAILABLE", "AGE"],
    wide: ["CONTAINERS", "IMAGES", "SELECTOR"],
    row: (o, now) => [o.metadata.name, `${o.status?.readyReplicas ?? 0}/${o.spec?.replicas ?? 0}`, String(o.status?.updatedReplicas ?? 0), String(o.status?.availableReplicas ?? 0), age(o, now)],
    wideRow: (o) => [...containersImages(o.spec?.template?.spec), labelSelectorStr(o.spec?.selector)],
  },
  replicasets: {
    headers: ["NAME", "DESIRED", "CURRENT", "READY", "AGE"],
    wide: ["CONTAINERS", "IMAGES", "SELECTOR"],
    row: (o, now) => [o.metadata.name, String(o.spec?.replicas ?? 0), String(o.status?.replicas ?? 0), String(o.status?.readyReplicas ?? 0), age(o, now)],
    wideRow: (o) => [...containersImages(o.spec?.template?.spec), labelSelectorStr(o.spec?.selector)],
  },
  replicationcontrollers: {
    headers: ["NAME", "DESIRED", "CURRENT", "READY", "AGE"],
    wide: ["CONTAINERS", "IMAGES", "SELECTOR"],
    row: (o, now) => [o.metadata.name, String(o.spec?.replicas ?? 0), String(o.status?.replicas ?? 0), String(o.status?.readyReplicas ?? 0), age(o, now)],
    wideRow: (o) => [...containersImages(o.spec?.template?.spec), none(selectorString(fromMap(o.spec?.selector)))],
  },
  statefulsets: {
    headers: ["NAME", "READY", "AGE"],
    wide: ["CONTAINERS", "IMAGES"],
    row: (o, now) => [o.metadata.name, `${o.status?.readyReplicas ?? 0}/${o.spec?.replicas ?? 0}`, age(o, now)],
    wideRow: (o) => containersImages(o.spec?.template?.spec),
  },
  daemonsets: {
    headers: ["NAME", "DESIRED", "CURRENT", "READY", "UP-TO-DATE", "AVAILABLE", "NODE SELECTOR", "AGE"],
    wide: ["CONTAINERS", "IMAGES", "SELECTOR"],
    row: (o, now) => {
      const s = o.status ?? {};
      const ns = selectorString(fromMap(o.spec?.template?.spec?.nodeSelector));
      return [o.metadata.name, String(s.desiredNumberScheduled ?? 0), String(s.currentNumberScheduled ?? 0), String(s.numberReady ?? 0), String(s.updatedNumberScheduled ?? 0), String(s.numberAvailable ?? 0), none(ns), age(o, now)];
    },
    wideRow: (o) => [...containersImages(o.spec?.template?.spec), labelSelectorStr(o.spec?.selector)],
  },
  jobs: {
    headers: ["NAME", "STATUS", "COMPLETIONS", "DURATION", "AGE"],
    wide: ["CONTAINERS", "IMAGES", "SELECTOR"],
    row: (o, now) => [o.metadata.name, jobStatus(o), jobCompletions(o), jobDuration(o, now), age(o, now)],
    wideRow: (o) => [...containersImages(o.spec?.template?.spec), labelSelectorStr(o.spec?.selector)],
  },
  cronjobs: {
    headers: ["NAME", "SCHEDULE", "TIMEZONE", "SUSPEND", "ACTIVE", "LAST SCHEDULE", "AGE"],
    wide: ["CONTAINERS", "IMAGES", "SELECTOR"],
    row: (o, now) => [
      o.metadata.name,
      o.spec?.schedule ?? "",
      none(o.spec?.timeZone),
      o.spec?.suspend === undefined ? "<unset>" : o.spec.suspend ? "True" : "False",
      String((o.status?.active ?? []).length),
      cronLastSchedule(o, now),
      age(o, now),
    ],
    wideRow: (o) => [...containersImages(o.spec?.jobTemplate?.spec?.template?.spec), labelSelectorStr(o.spec?.jobTemplate?.spec?.selector)],
  },
  services: {
    headers: ["NAME", "TYPE", "CLUSTER-IP", "EXTERNAL-IP", "PORT(S)", "AGE"],
    wide: ["SELECTOR"],
    row: (o, now) => [o.metadata.name, o.spec?.type ?? "ClusterIP", none(o.spec?.clusterIPs?.[0] ?? o.spec?.clusterIP), serviceExternalIP(o, false), servicePorts(o), age(o, now)],
    wideRow: (o) => [none(selectorString(fromMap(o.spec?.selector)))],
  },
  endpoints: {
    headers: ["NAME", "ENDPOINTS", "AGE"],
    row: (o, now) => [o.metadata.name, endpointsCell(o), age(o, now)],
  },
  endpointslices: {
    headers: ["NAME", "ADDRESSTYPE", "PORTS", "ENDPOINTS", "AGE"],
    row: (o, now) => {
      const ports = (o.ports ?? []).map((p: any) => String(p.port)).join(",");
      const eps: string[] = (o.endpoints ?? []).flatMap((e: any) => e.addresses ?? []);
      const epStr = eps.length ? (eps.length > 3 ? `${eps.slice(0, 3).join(",")} + ${eps.length - 3} more...` : eps.join(",")) : "<unset>";
      return [o.metadata.name, o.addressType ?? "IPv4", ports || "<unset>", epStr, age(o, now)];
    },
  },
  nodes: {
    headers: ["NAME", "STATUS", "ROLES", "AGE", "VERSION"],
    wide: ["INTERNAL-IP", "EXTERNAL-IP", "OS-IMAGE", "KERNEL-VERSION", "CONTAINER-RUNTIME"],
    row: (o, now) => [o.metadata.name, nodeStatus(o), nodeRoles(o), age(o, now), o.status?.nodeInfo?.kubeletVersion ?? ""],
    wideRow: (o) => {
      const addr = (t: string) => (o.status?.addresses ?? []).find((a: any) => a.type === t)?.address;
      const ni = o.status?.nodeInfo ?? {};
      return [addr("InternalIP") ?? "<none>", addr("ExternalIP") ?? "<none>", ni.osImage || "<unknown>", ni.kernelVersion || "<unknown>", ni.containerRuntimeVersion || "<unknown>"];
    },
  },
  namespaces: {
    headers: ["NAME", "STATUS", "AGE"],
    row: (o, now) => [o.metadata.name, o.status?.phase ?? "Active", age(o, now)],
  },
  configmaps: {
    headers: ["NAME", "DATA", "AGE"],
    row: (o, now) => [o.metadata.name, String(Object.keys(o.data ?? {}).length + Object.keys(o.binaryData ?? {}).length), age(o, now)],
  },
  secrets: {
    headers: ["NAME", "TYPE", "DATA", "AGE"],
    row: (o, now) => [o.metadata.name, o.type ?? "Opaque", String(Object.keys(o.data ?? {}).length), age(o, now)],
  },
  serviceaccounts: {
    headers: ["NAME", "SECRETS", "AGE"],
    row: (o, now) => [o.metadata.name, String((o.secrets ?? []).length), age(o, now)],
  },
  persistentvolumes: {
    headers: ["NAME", "CAPACITY", "ACCESS MODES", "RECLAIM POLICY", "STATUS", "CLAIM", "STORAGECLASS", "VOLUMEATTRIBUTESCLASS", "REASON", "AGE"],
    wide: ["VOLUMEMODE"],
    row: (o, now) => {
      const claim = o.spec?.claimRef ? `${o.spec.claimRef.namespace}/${o.spec.claimRef.name}` : "";
      const status = o.metadata.deletionTimestamp ? "Terminating" : (o.status?.phase ?? "Pending");
      return [o.metadata.name, o.spec?.capacity?.storage ?? "", accessModes(o.spec?.accessModes), o.spec?.persistentVolumeReclaimPolicy ?? "Retain", status, claim, o.spec?.storageClassName ?? "", none(o.spec?.volumeAttributesClassName).replace("<none>", "<unset>"), o.status?.reason ?? "", age(o, now)];
    },
    wideRow: (o) => [o.spec?.volumeMode ?? "<unset>"],
  },
  persistentvolumeclaims: {
    headers: ["NAME", "STATUS", "VOLUME", "CAPACITY", "ACCESS MODES", "STORAGECLASS", "VOLUMEATTRIBUTESCLASS", "AGE"],
    wide: ["VOLUMEMODE"],
    row: (o, now) => {
      const bound = o.status?.phase === "Bound";
      const status = o.metadata.deletionTimestamp ? "Terminating" : (o.status?.phase ?? "Pending");
      return [o.metadata.name, status, o.spec?.volumeName ?? "", bound ? (o.status?.capacity?.storage ?? "") : "", bound ? accessModes(o.status?.accessModes) : "", o.spec?.storageClassName ?? "", o.spec?.volumeAttributesClassName ?? "<unset>", age(o, now)];
    },
    wideRow: (o) => [o.spec?.volumeMode ?? "<unset>"],
  },
  ingresses: {
    headers: ["NAME", "CLASS", "HOSTS", "ADDRESS", "PORTS", "AGE"],
    row: (o, now) => [o.metadata.name, none(o.spec?.ingressClassName), ingressHosts(o), ingressAddress(o), o.spec?.tls?.length ? "80, 443" : "80", age(o, now)],
  },
  ingressclasses: {
    headers: ["NAME", "CONTROLLER", "PARAMETERS", "AGE"],
    row: (o, now) => [o.metadata.name, o.spec?.controller ?? "", "<none>", age(o, now)],
  },
  horizontalpodautoscalers: {
    headers: ["NAME", "REFERENCE", "TARGETS", "MINPODS", "MAXPODS", "REPLICAS", "AGE"],
    row: (o, now) => [
      o.metadata.name,
      `${o.spec?.scaleTargetRef?.kind}/${o.spec?.scaleTargetRef?.name}`,
      hpaTargets(o),
      o.spec?.minReplicas === undefined ? "<unset>" : String(o.spec.minReplicas),
      String(o.spec?.maxReplicas ?? 0),
      String(o.status?.currentReplicas ?? 0),
      age(o, now),
    ],
  },
  events: {
    headers: ["LAST SEEN", "TYPE", "REASON", "OBJECT", "MESSAGE"],
    wide: ["SUBOBJECT", "SOURCE", "MESSAGE", "FIRST SEEN", "COUNT", "NAME"],
    row: (o, now) => [eventLastSeen(o, now), o.type ?? "", o.reason ?? "", `${String(o.involvedObject?.kind ?? "").toLowerCase()}/${o.involvedObject?.name}`, String(o.message ?? "").trim()],
  },
  storageclasses: {
    headers: ["NAME", "PROVISIONER", "RECLAIMPOLICY", "VOLUMEBINDINGMODE", "ALLOWVOLUMEEXPANSION", "AGE"],
    row: (o, now) => {
      const def = o.metadata.annotations?.["storageclass.kubernetes.io/is-default-class"] === "true" || o.metadata.annotations?.["storageclass.beta.kubernetes.io/is-default-class"] === "true";
      return [o.metadata.name + (def ? " (default)" : ""), o.provisioner ?? "", o.reclaimPolicy ?? "Delete", o.volumeBindingMode ?? "Immediate", String(o.allowVolumeExpansion ?? false), age(o, now)];
    },
  },
  rolebindings: {
    headers: ["NAME", "ROLE", "AGE"],
    wide: ["USERS", "GROUPS", "SERVICEACCOUNTS"],
    row: (o, now) => [o.metadata.name, `${o.roleRef?.kind}/${o.roleRef?.name}`, age(o, now)],
    wideRow: (o) => [bindingSubjects(o, "User"), bindingSubjects(o, "Group"), bindingSubjects(o, "ServiceAccount")],
  },
  clusterrolebindings: {
    headers: ["NAME", "ROLE", "AGE"],
    wide: ["USERS", "GROUPS", "SERVICEACCOUNTS"],
    row: (o, now) => [o.metadata.name, `${o.roleRef?.kind}/${o.roleRef?.name}`, age(o, now)],
    wideRow: (o) => [bindingSubjects(o, "User"), bindingSubjects(o, "Group"), bindingSubjects(o, "ServiceAccount")],
  },
  priorityclasses: {
    headers: ["NAME", "VALUE", "GLOBAL-DEFAULT", "AGE", "PREEMPTIONPOLICY"],
    row: (o, now) => [o.metadata.name, String(o.value ?? 0), String(o.globalDefault ?? false), age(o, now), o.preemptionPolicy ?? "PreemptLowerPriority"],
  },
  poddisruptionbudgets: {
    headers: ["NAME", "MIN AVAILABLE", "MAX UNAVAILABLE", "ALLOWED DISRUPTIONS", "AGE"],
    row: (o, now) => [o.metadata.name, o.spec?.minAvailable !== undefined ? String(o.spec.minAvailable) : "N/A", o.spec?.maxUnavailable !== undefined ? String(o.spec.maxUnavailable) : "N/A", String(o.status?.disruptionsAllowed ?? 0), age(o, now)],
  },
  networkpolicies: {
    headers: ["NAME", "POD-SELECTOR", "AGE"],
    row: (o, now) => [o.metadata.name, labelSelectorStr(o.spec?.podSelector).replace("<none>", "<none>"), age(o, now)],
  },
  resourcequotas: {
    // printers.go resourceQuotaColumnDefinitions (1.32): Name, Age, Request, Limit.
    headers: ["NAME", "AGE", "REQUEST", "LIMIT"],
    row: (o, now) => {
      const hard = o.status?.hard ?? o.spec?.hard ?? {};
      const used = o.status?.used ?? {};
      const keys = Object.keys(hard).sort();
      const req = keys.filter((k) => !k.startsWith("limits.")).map((k) => `${k}: ${used[k] ?? "0"}/${hard[k]}`).join(", ");
      const lim = keys.filter((k) => k.startsWith("limits.")).map((k) => `${k}: ${used[k] ?? "0"}/${hard[k]}`).join(", ");
      return [o.metadata.name, age(o, now), req, lim];
    },
  },
  leases: {
    headers: ["NAME", "HOLDER", "AGE"],
    row: (o, now) => [o.metadata.name, o.spec?.holderIdentity ?? "", age(o, now)],
  },
  controllerrevisions: {
    headers: ["NAME", "CONTROLLER", "REVISION", "AGE"],
    row: (o, now) => {
      const ref = (o.metadata.ownerReferences ?? []).find((r: any) => r.controller);
      return [o.metadata.name, ref ? `${ref.kind.toLowerCase()}.${ref.apiVersion.split("/")[0]}/${ref.name}` : "<none>", String(o.revision ?? 0), age(o, now)];
    },
  },
};

/** Resources without a server printer: `NAME  CREATED AT`. */
export const DEFAULT_COLUMNS: Columns = {
  headers: ["NAME", "CREATED AT"],
  row: (o) => [o.metadata.name, o.metadata.creationTimestamp ?? ""],
};

export function columnsFor(plural: string): Columns {
  return COLUMNS[plural] ?? DEFAULT_COLUMNS;
}
