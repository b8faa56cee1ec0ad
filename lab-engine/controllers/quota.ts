// LimitRanger + ResourceQuota: admission (defaults, min/max/ratio checks, quota rejections with
// the real 1.32 texts) and the quota status controller (status.hard / status.used). Registered as
// admission plugins, so pods created by controllers (ReplicaSet, Job...) are checked too and a
// rejection becomes their FailedCreate event.

import type { Controller } from "../cluster/controllers.ts";
import type { Cluster } from "../cluster/cluster.ts";
import type { KObject } from "../api/types.ts";
import { ApiError } from "../api/errors.ts";
import { registerAdmitter } from "../api/admission/admit.ts";
import { resourceForKind } from "../api/resources.ts";
import { formatQuantity, parseQuantity, type Quantity } from "../util/quantity.ts";
import { idle, settle } from "./workload-util.ts";

const NAME = "resourcequota";
const COMPUTE = ["cpu", "memory", "ephemeral-storage"];

function q(s: any): Quantity | undefined {
  if (s === undefined || s === null || s === "") return undefined;
  try {
    return parseQuantity(String(s));
  } catch {
    return undefined;
  }
}

function fmt(x: Quantity): string {
  return formatQuantity(x);
}

function add(a: Quantity | undefined, b: Quantity | undefined): Quantity | undefined {
  if (!a) return b;
  if (!b) return a;
  return { nanos: a.nanos + b.nanos, format: a.format };
}

function containers(pod: KObject): any[] {
  return pod.spec?.containers ?? [];
}

// ---------------------------------------------------------------------------------------------
// LimitRanger

function forbidden(plural: string, name: string, msgs: string[]): ApiError {
  const body = msgs.length === 1 ? msgs[0] : `[${msgs.join(", ")}]`;
  return new ApiError("Forbidden", `${plural} "${name}" is forbidden: ${body}`);
}

/** Apply Container defaults from every LimitRange; returns the annotation text parts. */
function applyLimitRangeDefaults(c: Cluster, pod: KObject): void {
  const ranges = c.store.list("limitranges", pod.metadata.namespace);
  if (!ranges.length) return;
  const setReq: Record<string, string[]> = {};
  const setLim: Record<string, string[]> = {};
  for (const lr of ranges) {
    for (const item of lr.spec?.limits ?? []) {
      if (item.type !== "Container") continue;
      for (const ctr of [...containers(pod), ...(pod.spec?.initContainers ?? [])]) {
        ctr.resources ??= {};
        for (const [res, v] of Object.entries(item.default ?? {})) {
          if (ctr.resources.limits?.[res] === undefined) {
            ctr.resources.limits = { ...(ctr.resources.limits ?? {}), [res]: v };
            (setLim[ctr.name] ??= []).push(res);
          }
        }
        for (const [res, v] of Object.entries(item.defaultRequest ?? {})) {
          if (ctr.resources.requests?.[res] === undefined) {
            ctr.resources.requests = { ...(ctr.resources.requests ?? {}), [res]: v };
            (setReq[ctr.name] ??= []).push(res);
          }
        }
      }
    }
  }
  const parts: string[] = [];
  for (const ctr of containers(pod)) {
    if (setReq[ctr.name]?.length) parts.push(`${setReq[ctr.name].join(", ")} request for container ${ctr.name}`);
    if (setLim[ctr.name]?.length) parts.push(`${setLim[ctr.name].join(", ")} limit for container ${ctr.name}`);
  }
  for (const ctr of pod.spec?.initContainers ?? []) {
    if (setReq[ctr.name]?.length) parts.push(`${setReq[ctr.name].join(", ")} request for init container ${ctr.name}`);
    if (setLim[ctr.name]?.length) parts.push(`${setLim[ctr.name].join(", ")} limit for init container ${ctr.name}`);
  }
  if (parts.length) pod.metadata.annotations = { ...(pod.metadata.annotations ?? {}), "kubernetes.io/limit-ranger": `LimitRanger plugin set: ${parts.join("; ")}` };
}

/** min/max/maxLimitRequestRatio checks for one resource list (limitrange/admission.go texts). */
function checkItem(item: any, kind: string, requests: Record<string, any>, limits: Record<string, any>, out: string[]): void {
  for (const [res, minV] of Object.entries(item.min ?? {})) {
    const r = q(requests[res]);
    const m = q(minV)!;
    if (!r) out.push(`minimum ${res} usage per ${kind} is ${fmt(m)}.  No request is specified`);
    else if (r.nanos < m.nanos) out.push(`minimum ${res} usage per ${kind} is ${fmt(m)}, but request is ${fmt(r)}`);
  }
  for (const [res, maxV] of Object.entries(item.max ?? {})) {
    const l = q(limits[res]);
    const m = q(maxV)!;
    if (!l) out.push(`maximum ${res} usage per ${kind} is ${fmt(m)}.  No limit is specified`);
    else if (l.nanos > m.nanos) out.push(`maximum ${res} usage per ${kind} is ${fmt(m)}, but limit is ${fmt(l)}`);
  }
  for (const [res, ratioV] of Object.entries(item.maxLimitRequestRatio ?? {})) {
    const l = q(limits[res]);
    const r = q(requests[res]);
    const ratio = q(ratioV)!;
    if (!l || !r) {
      if (!l) out.push(`${res} max limit to request ratio per ${kind} is ${fmt(ratio)}, but no limit is specified`);
      else out.push(`${res} max limit to request ratio per ${kind} is ${fmt(ratio)}, but no request is specified or request is 0`);
      continue;
    }
    if (r.nanos === 0n) continue;
    const actual = Number(l.nanos) / Number(r.nanos);
    if (actual > Number(ratio.nanos) / 1e9) out.push(`${res} max limit to request ratio per ${kind} is ${fmt(ratio)}, but provided ratio is ${actual.toFixed(6)}`);
  }
}

function validateLimitRanges(c: Cluster, pod: KObject): void {
  const ranges = c.store.list("limitranges", pod.metadata.namespace);
  if (!ranges.length) return;
  const errs: string[] = [];
  for (const lr of ranges) {
    for (const item of lr.spec?.limits ?? []) {
      if (item.type === "Container") {
        for (const ctr of [...containers(pod), ...(pod.spec?.initContainers ?? [])]) checkItem(item, "Container", ctr.resources?.requests ?? {}, ctr.resources?.limits ?? {}, errs);
      } else if (item.type === "Pod") {
        const req: Record<string, any> = {};
        const lim: Record<string, any> = {};
        for (const res of COMPUTE) {
          let r: Quantity | undefined;
          let l: Quantity | undefined;
          for (const ctr of containers(pod)) {
            r = add(r, q(ctr.resources?.requests?.[res]));
            l = add(l, q(ctr.resources?.limits?.[res]));
          }
          if (r) req[res] = fmt(r);
          if (l) lim[res] = fmt(l);
        }
        checkItem(item, "Pod", req, lim, errs);
      }
    }
  }
  if (errs.length) throw forbidden("pods", pod.metadata.name, errs);
}

function validatePvcLimits(c: Cluster, pvc: KObject): void {
  const errs: string[] = [];
  for (const lr of c.store.list("limitranges", pvc.metadata.namespace)) {
    for (const item of lr.spec?.limits ?? []) {
      if (item.type !== "PersistentVolumeClaim") continue;
      const req = pvc.spec?.resources?.requests ?? {};
      for (const [res, minV] of Object.entries(item.min ?? {})) {
        const r = q(req[res]);
        if (r && r.nanos < q(minV)!.nanos) errs.push(`minimum ${res} usage per PersistentVolumeClaim is ${fmt(q(minV)!)}, but request is ${fmt(r)}`);
      }
      for (const [res, maxV] of Object.entries(item.max ?? {})) {
        const r = q(req[res]);
        if (r && r.nanos > q(maxV)!.nanos) errs.push(`maximum ${res} usage per PersistentVolumeClaim is ${fmt(q(maxV)!)}, but request is ${fmt(r)}`);
      }
    }
  }
  if (errs.length) throw forbidden("persistentvolumeclaims", pvc.metadata.name, errs);
}

// ---------------------------------------------------------------------------------------------
// ResourceQuota usage

/** QuotaV1Pod: terminal pods stop counting; terminating ones count until their grace period ends. */
function podActive(c: Cluster, p: KObject): boolean {
  if (p.status?.phase === "Succeeded" || p.status?.phase === "Failed") return false;
  const dt = p.metadata.deletionTimestamp;
  return !dt || Date.parse(dt) > c.now;
}

function isBestEffort(p: KObject): boolean {
  return [...containers(p), ...(p.spec?.initContainers ?? [])].every((ctr) => !Object.keys(ctr.resources?.requests ?? {}).length && !Object.keys(ctr.resources?.limits ?? {}).length);
}

function matchesScopes(quota: KObject, p: KObject): boolean {
  for (const s of quota.spec?.scopes ?? []) {
    if (s === "BestEffort" && !isBestEffort(p)) return false;
    if (s === "NotBestEffort" && isBestEffort(p)) return false;
    if (s === "Terminating" && p.spec?.activeDeadlineSeconds == null) return false;
    if (s === "NotTerminating" && p.spec?.activeDeadlineSeconds != null) return false;
  }
  for (const e of quota.spec?.scopeSelector?.matchExpressions ?? []) {
    if (e.scopeName !== "PriorityClass") continue;
    const pc = p.spec?.priorityClassName ?? "";
    if (e.operator === "In" && !(e.values ?? []).includes(pc)) return false;
    if (e.operator === "NotIn" && (e.values ?? []).includes(pc)) return false;
    if (e.operator === "Exists" && !pc) return false;
    if (e.operator === "DoesNotExist" && pc) return false;
  }
  return true;
}

/** One pod's usage of a quota resource name (undefined: the pod does not count for it). */
function podUsage(p: KObject, res: string): Quantity | undefined {
  if (res === "pods" || res === "count/pods") return parseQuantity("1");
  let kind: "requests" | "limits";
  let base: string;
  if (res.startsWith("requests.")) {
    kind = "requests";
    base = res.slice(9);
  } else if (res.startsWith("limits.")) {
    kind = "limits";
    base = res.slice(7);
  } else if (COMPUTE.includes(res)) {
    kind = "requests";
    base = res;
  } else return undefined;
  let sum: Quantity | undefined;
  for (const ctr of containers(p)) sum = add(sum, q(ctr.resources?.[kind]?.[base]));
  // Init containers run one at a time: the pod needs the largest of them if that is bigger.
  for (const ctr of p.spec?.initContainers ?? []) {
    const v = q(ctr.resources?.[kind]?.[base]);
    if (v && (!sum || v.nanos > sum.nanos)) sum = v;
  }
  return sum ?? { nanos: 0n, format: base === "cpu" ? "DecimalSI" : "BinarySI" };
}

/** Containers missing a value a compute quota needs: `must specify ...` (1.32 wording). */
function missing(p: KObject, hard: Record<string, any>): string[] {
  const out: string[] = [];
  for (const res of Object.keys(hard).sort()) {
    let kind: string | undefined;
    let base = "";
    if (res.startsWith("requests.")) [kind, base] = ["requests", res.slice(9)];
    else if (res.startsWith("limits.")) [kind, base] = ["limits", res.slice(7)];
    else if (COMPUTE.includes(res)) [kind, base] = ["requests", res];
    // Only cpu and memory force every container to declare a value (backward compatibility).
    if (!kind || (base !== "cpu" && base !== "memory")) continue;
    const names = [...containers(p), ...(p.spec?.initContainers ?? [])]
      .filter((ctr) => ctr.resources?.[kind!]?.[base] === undefined)
      .map((ctr) => ctr.name)
      .sort();
    if (names.length) out.push(`${res} for: ${names.join(",")}`);
  }
  return out;
}

/** `count/<plural>.<group>` and the legacy names an object counts against. */
function countNames(plural: string, group: string): string[] {
  const names = [group ? `count/${plural}.${group}` : `count/${plural}`];
  if (!group && ["pods", "services", "secrets", "configmaps", "persistentvolumeclaims", "replicationcontrollers", "resourcequotas"].includes(plural)) names.push(plural);
  return names;
}

function objectUsage(o: KObject, plural: string, res: string): Quantity | undefined {
  if (plural === "services") {
    if (res === "services.nodeports") {
      const n = o.spec?.type === "NodePort" || o.spec?.type === "LoadBalancer" ? (o.spec?.ports ?? []).length : 0;
      return parseQuantity(String(n));
    }
    if (res === "services.loadbalancers") return parseQuantity(o.spec?.type === "LoadBalancer" ? "1" : "0");
  }
  if (plural === "persistentvolumeclaims") {
    const cls = o.spec?.storageClassName ?? "";
    const storage = q(o.spec?.resources?.requests?.storage) ?? parseQuantity("0");
    if (res === "requests.storage" || res === `${cls}.storageclass.storage.k8s.io/requests.storage`) return storage;
    if (res === `${cls}.storageclass.storage.k8s.io/persistentvolumeclaims`) return parseQuantity("1");
  }
  return undefined;
}

/** Usage of every hard resource by the objects currently stored in the namespace. */
function computeUsed(c: Cluster, quota: KObject): Record<string, Quantity> {
  const ns = quota.metadata.namespace;
  const hard: Record<string, any> = quota.spec?.hard ?? {};
  const used: Record<string, Quantity> = {};
  const pods = c.store.list("pods", ns).filter((p) => podActive(c, p) && matchesScopes(quota, p));
  for (const res of Object.keys(hard)) {
    let sum: Quantity | undefined;
    if (res === "pods" || res === "count/pods" || COMPUTE.includes(res) || res.startsWith("requests.") || res.startsWith("limits.")) {
      if (res !== "requests.storage") {
        for (const p of pods) sum = add(sum, podUsage(p, res));
        used[res] = sum ?? zeroLike(hard[res]);
        continue;
      }
    }
    const m = /^count\/([^.]+)(?:\.(.+))?$/.exec(res);
    if (m) {
      used[res] = parseQuantity(String(c.store.list(m[1], ns).length));
      continue;
    }
    if (["services", "secrets", "configmaps", "persistentvolumeclaims", "replicationcontrollers", "resourcequotas"].includes(res)) {
      used[res] = parseQuantity(String(c.store.list(res, ns).length));
      continue;
    }
    const plural = res.startsWith("services.") ? "services" : "persistentvolumeclaims";
    for (const o of c.store.list(plural, ns)) sum = add(sum, objectUsage(o, plural, res));
    used[res] = sum ?? zeroLike(hard[res]);
  }
  return used;
}

function zeroLike(_hard: any): Quantity {
  return { nanos: 0n, format: "DecimalSI" };
}

function quotaAdmit(c: Cluster, obj: KObject, plural: string, group: string): void {
  const ns = obj.metadata.namespace;
  if (!ns) return;
  const quotas = c.store.list("resourcequotas", ns);
  if (!quotas.length) return;
  const qname = group ? `${plural}.${group}` : plural;
  for (const quota of quotas) {
    const hard: Record<string, any> = quota.spec?.hard ?? {};
    if (plural === "pods" && !matchesScopes(quota, obj)) continue;
    // What this object adds, per constrained resource.
    const delta: Record<string, Quantity> = {};
    for (const res of Object.keys(hard)) {
      let d: Quantity | undefined;
      if (countNames(plural, group).includes(res)) d = parseQuantity("1");
      else if (plural === "pods") d = podUsage(obj, res);
      else d = objectUsage(obj, plural, res);
      if (d) delta[res] = d;
    }
    if (!Object.keys(delta).length) continue;
    if (plural === "pods") {
      const miss = missing(obj, Object.fromEntries(Object.keys(hard).filter((k) => k in delta).map((k) => [k, hard[k]])));
      if (miss.length) throw new ApiError("Forbidden", `${qname} "${obj.metadata.name}" is forbidden: failed quota: ${quota.metadata.name}: must specify ${miss.join("; ")}`);
    }
    const used = computeUsed(c, quota);
    const over = Object.keys(delta)
      .filter((res) => {
        const lim = q(hard[res]);
        if (!lim) return false;
        return (used[res]?.nanos ?? 0n) + delta[res].nanos > lim.nanos;
      })
      .sort();
    if (over.length) {
      const list = (f: (r: string) => string) => over.map((r) => `${r}=${f(r)}`).join(",");
      throw new ApiError(
        "Forbidden",
        `${qname} "${obj.metadata.name}" is forbidden: exceeded quota: ${quota.metadata.name}, requested: ${list((r) => fmt(delta[r]))}, used: ${list((r) => fmt(used[r] ?? zeroLike(0)))}, limited: ${list((r) => fmt(q(hard[r])!))}`,
      );
    }
  }
}

// Admission: LimitRanger (mutate, then validate) before ResourceQuota, as the real plugin order.
registerAdmitter("pods", (c, pod) => {
  applyLimitRangeDefaults(c, pod);
  validateLimitRanges(c, pod);
  quotaAdmit(c, pod, "pods", "");
});
registerAdmitter("persistentvolumeclaims", (c, pvc) => validatePvcLimits(c, pvc));
registerAdmitter("*", (c, obj) => {
  const ri = resourceForKind(obj.apiVersion, obj.kind);
  if (!ri || !ri.namespaced || ri.plural === "pods" || ri.plural === "events") return;
  quotaAdmit(c, obj, ri.plural, ri.group ?? "");
});

export const resourceQuotaController: Controller = {
  name: NAME,
  sync(c: Cluster) {
    if (idle(c, NAME)) return;
    for (const quota of c.store.list("resourcequotas")) {
      const hard: Record<string, any> = quota.spec?.hard ?? {};
      const used = computeUsed(c, quota);
      const st: any = { hard: {}, used: {} };
      for (const k of Object.keys(hard).sort()) {
        const h = q(hard[k]);
        st.hard[k] = h ? fmt(h) : String(hard[k]);
        st.used[k] = fmt(used[k] ?? zeroLike(0));
      }
      c.api.writeStatus("resourcequotas", quota, st);
    }
    settle(c, NAME, undefined);
  },
};
