// apps/v1 and batch/v1 validation after pkg/apis/apps/validation and pkg/apis/batch/validation (1.32).
import {
  type FieldError, invalid, required, forbidden, notSupported, goStringMap, goLabelSelector, FIELD_IMMUTABLE, goQuote,
} from "./field.ts";
import { IS_NEGATIVE_ERROR_MSG, regexError } from "./names.ts";
import { validatePodTemplateSpec } from "./pod.ts";
import { validateLabelSelector, selectorMatches, isEmptySelector, selectorParseable } from "./selector.ts";

const nonneg = (v: unknown, field: string): FieldError[] =>
  typeof v === "number" && v < 0 ? [invalid(field, v, IS_NEGATIVE_ERROR_MSG)] : [];

const SELECTOR_MISMATCH = "`selector` does not match template `labels`";

function mismatch(field: string, labels: any): FieldError {
  return invalid(field, labels ?? null, SELECTOR_MISMATCH, goStringMap(labels));
}

/** Go %#v of intstr.IntOrString (value receiver: not a Stringer). */
export function goIntOrString(v: unknown): string {
  if (typeof v === "string") return `intstr.IntOrString{Type:1, IntVal:0, StrVal:${goQuote(v)}}`;
  const n = typeof v === "number" ? v : 0;
  return `intstr.IntOrString{Type:0, IntVal:${n}, StrVal:""}`;
}

const PERCENT_FMT = "[0-9]+%";
function isValidPercent(s: string): string[] {
  return /^[0-9]+%$/.test(s) ? [] : [regexError("a valid percent string must be a numeric string followed by an ending '%'", PERCENT_FMT, "1%", "93%")];
}

function validatePositiveIntOrPercent(v: unknown, field: string): FieldError[] {
  if (typeof v === "string") return isValidPercent(v).map((m) => invalid(field, v, m, goIntOrString(v)));
  if (typeof v === "number" && v < 0) return [invalid(field, v, IS_NEGATIVE_ERROR_MSG)];
  return [];
}

function intOrPercentValue(v: unknown): number {
  if (typeof v === "number") return v;
  if (typeof v === "string" && /^[0-9]+%$/.test(v)) return parseInt(v, 10);
  return -1;
}

function isNotMoreThan100Percent(v: unknown, field: string): FieldError[] {
  if (typeof v === "string" && /^[0-9]+%$/.test(v) && parseInt(v, 10) > 100) return [invalid(field, v, "must not be greater than 100%", goIntOrString(v))];
  return [];
}

function selectorErrors(sel: any, field: string, kindWord: string, requireSel: boolean): FieldError[] {
  const errs: FieldError[] = [];
  if (sel == null) {
    if (requireSel) errs.push(required(field));
  } else {
    errs.push(...validateLabelSelector(sel, field));
    if (isEmptySelector(sel)) errs.push(invalid(field, null, `empty selector is invalid for ${kindWord}`, goLabelSelector(sel)));
  }
  return errs;
}

/** ValidatePodTemplateSpecForReplicaSet (Deployment, ReplicaSet). */
function templateForReplicaSet(spec: any, path: string, kindWord: string): FieldError[] {
  const errs: FieldError[] = [];
  const tpl = spec?.template;
  if (!selectorParseable(spec?.selector)) {
    return [invalid(`${path}.selector`, null, "invalid label selector", goLabelSelector(spec.selector))];
  }
  if (!tpl) return [required(`${path}.template`)];
  if (!isEmptySelector(spec.selector) && !selectorMatches(spec.selector, tpl.metadata?.labels)) {
    errs.push(mismatch(`${path}.template.metadata.labels`, tpl.metadata?.labels));
  }
  errs.push(...validatePodTemplateSpec(tpl, `${path}.template`));
  const rp = tpl.spec?.restartPolicy;
  if (rp !== "Always") errs.push(notSupported(`${path}.template.spec.restartPolicy`, rp ?? "", ["Always"]));
  if (tpl.spec?.activeDeadlineSeconds != null) {
    errs.push(invalid(`${path}.template.spec.activeDeadlineSeconds`, tpl.spec.activeDeadlineSeconds, `activeDeadlineSeconds in ${kindWord} is not Supported`));
  }
  return errs;
}

export function validateDeploymentSpec(spec: any): FieldError[] {
  spec = spec ?? {};
  const errs: FieldError[] = [];
  errs.push(...nonneg(spec.replicas, "spec.replicas"));
  errs.push(...selectorErrors(spec.selector, "spec.selector", "deployment", true));
  errs.push(...templateForReplicaSet(spec, "spec", "ReplicaSet"));
  // strategy
  const st = spec.strategy ?? {};
  if (st.type === "Recreate") {
    if (st.rollingUpdate != null) errs.push(forbidden("spec.strategy.rollingUpdate", "may not be specified when strategy `type` is 'Recreate'"));
  } else if (st.type === "RollingUpdate") {
    const ru = st.rollingUpdate;
    if (ru == null) errs.push(required("spec.strategy.rollingUpdate", "this should be defaulted and never be nil"));
    else {
      errs.push(...validatePositiveIntOrPercent(ru.maxUnavailable, "spec.strategy.rollingUpdate.maxUnavailable"));
      errs.push(...validatePositiveIntOrPercent(ru.maxSurge, "spec.strategy.rollingUpdate.maxSurge"));
      if (intOrPercentValue(ru.maxUnavailable) === 0 && intOrPercentValue(ru.maxSurge) === 0) {
        errs.push(invalid("spec.strategy.rollingUpdate.maxUnavailable", ru.maxUnavailable, "may not be 0 when `maxSurge` is 0", goIntOrString(ru.maxUnavailable)));
      }
      errs.push(...isNotMoreThan100Percent(ru.maxUnavailable, "spec.strategy.rollingUpdate.maxUnavailable"));
    }
  } else {
    const ruText = st.rollingUpdate == null ? "(*apps.RollingUpdateDeployment)(nil)" : "(*apps.RollingUpdateDeployment)(0xc000a1c0a0)";
    errs.push(notSupported("spec.strategy", null, ["Recreate", "RollingUpdate"]));
    errs[errs.length - 1].valueText = `apps.DeploymentStrategy{Type:${goQuote(String(st.type ?? ""))}, RollingUpdate:${ruText}}`;
  }
  errs.push(...nonneg(spec.minReadySeconds, "spec.minReadySeconds"));
  if (spec.revisionHistoryLimit != null) errs.push(...nonneg(spec.revisionHistoryLimit, "spec.revisionHistoryLimit"));
  if (spec.progressDeadlineSeconds != null) {
    errs.push(...nonneg(spec.progressDeadlineSeconds, "spec.progressDeadlineSeconds"));
    if (spec.progressDeadlineSeconds <= (spec.minReadySeconds ?? 0)) {
      errs.push(invalid("spec.progressDeadlineSeconds", spec.progressDeadlineSeconds, "must be greater than minReadySeconds"));
    }
  }
  return errs;
}

export function validateReplicaSetSpec(spec: any): FieldError[] {
  spec = spec ?? {};
  const errs: FieldError[] = [];
  errs.push(...nonneg(spec.replicas, "spec.replicas"));
  errs.push(...nonneg(spec.minReadySeconds, "spec.minReadySeconds"));
  errs.push(...selectorErrors(spec.selector, "spec.selector", "deployment", true));
  errs.push(...templateForReplicaSet(spec, "spec", "ReplicaSet"));
  return errs;
}

/** ReplicationController (core): selector is a plain map, defaulted from the template labels. */
export function validateReplicationControllerSpec(spec: any): FieldError[] {
  spec = spec ?? {};
  const errs: FieldError[] = [];
  errs.push(...nonneg(spec.replicas, "spec.replicas"));
  errs.push(...nonneg(spec.minReadySeconds, "spec.minReadySeconds"));
  const sel = spec.selector ?? {};
  if (Object.keys(sel).length === 0) errs.push(required("spec.selector"));
  const tpl = spec.template;
  if (!tpl) errs.push(required("spec.template"));
  else {
    const labels = tpl.metadata?.labels ?? {};
    if (Object.keys(sel).length && !Object.entries(sel).every(([k, v]) => labels[k] === v)) {
      errs.push(invalid("spec.template.metadata.labels", null, "`selector` does not match template `labels`", goStringMap(tpl.metadata?.labels)));
    }
    errs.push(...validatePodTemplateSpec(tpl, "spec.template"));
    if (tpl.spec?.restartPolicy !== "Always") errs.push(notSupported("spec.template.spec.restartPolicy", tpl.spec?.restartPolicy ?? "", ["Always"]));
  }
  return errs;
}

export function validateDaemonSetSpec(spec: any): FieldError[] {
  spec = spec ?? {};
  const errs: FieldError[] = [];
  if (spec.selector == null) errs.push(required("spec.selector"));
  else errs.push(...validateLabelSelector(spec.selector, "spec.selector"));
  const tpl = spec.template ?? {};
  if (selectorParseable(spec.selector) && !selectorMatches(spec.selector, tpl.metadata?.labels) && !isEmptySelector(spec.selector)) {
    errs.push(mismatch("spec.template.metadata.labels", tpl.metadata?.labels));
  }
  if (isEmptySelector(spec.selector)) errs.push(invalid("spec.selector", null, "empty selector is invalid for daemonset", goLabelSelector(spec.selector)));
  errs.push(...validatePodTemplateSpec(tpl, "spec.template"));
  if (tpl.spec?.restartPolicy !== "Always") errs.push(notSupported("spec.template.spec.restartPolicy", tpl.spec?.restartPolicy ?? "", ["Always"]));
  if (tpl.spec?.activeDeadlineSeconds != null) errs.push(invalid("spec.template.spec.activeDeadlineSeconds", tpl.spec.activeDeadlineSeconds, "activeDeadlineSeconds in DaemonSet is not Supported"));
  errs.push(...nonneg(spec.minReadySeconds, "spec.minReadySeconds"));
  const us = spec.updateStrategy ?? {};
  if (!us.type) errs.push(required("spec.updateStrategy.type"));
  else if (us.type !== "RollingUpdate" && us.type !== "OnDelete") errs.push(notSupported("spec.updateStrategy.type", us.type, ["OnDelete", "RollingUpdate"]));
  else if (us.type === "RollingUpdate" && us.rollingUpdate) {
    const ru = us.rollingUpdate;
    errs.push(...validatePositiveIntOrPercent(ru.maxUnavailable, "spec.updateStrategy.rollingUpdate.maxUnavailable"));
    errs.push(...validatePositiveIntOrPercent(ru.maxSurge, "spec.updateStrategy.rollingUpdate.maxSurge"));
    const mu = intOrPercentValue(ru.maxUnavailable);
    const ms = intOrPercentValue(ru.maxSurge);
    if (mu === 0 && ms === 0) errs.push(invalid("spec.updateStrategy.rollingUpdate.maxUnavailable", ru.maxUnavailable, "may not be 0 when `maxSurge` is 0", goIntOrString(ru.maxUnavailable)));
    errs.push(...isNotMoreThan100Percent(ru.maxUnavailable, "spec.updateStrategy.rollingUpdate.maxUnavailable"));
  }
  if (spec.revisionHistoryLimit != null) errs.push(...nonneg(spec.revisionHistoryLimit, "spec.revisionHistoryLimit"));
  return errs;
}

export function validateStatefulSetSpec(spec: any): FieldError[] {
  spec = spec ?? {};
  const errs: FieldError[] = [];
  const pmp = spec.podManagementPolicy;
  if (!pmp) errs.push(required("spec.podManagementPolicy"));
  else if (pmp !== "OrderedReady" && pmp !== "Parallel") errs.push(invalid("spec.podManagementPolicy", pmp, "must be 'OrderedReady' or 'Parallel'"));
  const us = spec.updateStrategy ?? {};
  if (!us.type) errs.push(required("spec.updateStrategy"));
  else if (us.type === "OnDelete") {
    if (us.rollingUpdate != null) errs.push(invalid("spec.updateStrategy.rollingUpdate", null, "only allowed for updateStrategy 'RollingUpdate'", "(*apps.RollingUpdateStatefulSetStrategy)(0xc000a1c0a0)"));
  } else if (us.type === "RollingUpdate") {
    if (us.rollingUpdate?.partition != null) errs.push(...nonneg(us.rollingUpdate.partition, "spec.updateStrategy.rollingUpdate.partition"));
  } else {
    errs.push(invalid("spec.updateStrategy", null, "must be 'RollingUpdate' or 'OnDelete'", `apps.StatefulSetUpdateStrategy{Type:${goQuote(String(us.type))}, RollingUpdate:(*apps.RollingUpdateStatefulSetStrategy)(nil)}`));
  }
  const pvc = spec.persistentVolumeClaimRetentionPolicy;
  if (pvc) {
    for (const f of ["whenDeleted", "whenScaled"]) {
      const v = pvc[f];
      if (v !== "Retain" && v !== "Delete") errs.push(notSupported(`spec.persistentVolumeClaimRetentionPolicy.${f}`, v ?? "", ["Retain", "Delete"]));
    }
  }
  errs.push(...nonneg(spec.replicas, "spec.replicas"));
  errs.push(...nonneg(spec.minReadySeconds, "spec.minReadySeconds"));
  errs.push(...selectorErrors(spec.selector, "spec.selector", "statefulset", true));
  const tpl = spec.template ?? {};
  if (!selectorParseable(spec.selector)) errs.push(invalid("spec.selector", null, "", goLabelSelector(spec.selector)));
  else {
    if (!isEmptySelector(spec.selector) && !selectorMatches(spec.selector, tpl.metadata?.labels)) errs.push(mismatch("spec.template.metadata.labels", tpl.metadata?.labels));
    // Mounts may name volumeClaimTemplates: the controller turns each into a PVC volume.
    const claims = (spec.volumeClaimTemplates ?? []).map((t: any) => ({ name: t?.metadata?.name, persistentVolumeClaim: { claimName: t?.metadata?.name } }));
    const withClaims = claims.length ? { ...tpl, spec: { ...tpl.spec, volumes: [...(tpl.spec?.volumes ?? []), ...claims] } } : tpl;
    errs.push(...validatePodTemplateSpec(withClaims, "spec.template"));
  }
  if (tpl.spec?.restartPolicy !== "Always") errs.push(notSupported("spec.template.spec.restartPolicy", tpl.spec?.restartPolicy ?? "", ["Always"]));
  if (tpl.spec?.activeDeadlineSeconds != null) errs.push(forbidden("spec.template.spec.activeDeadlineSeconds", "activeDeadlineSeconds in StatefulSet is not Supported"));
  return errs;
}

export const STATEFULSET_FORBIDDEN_UPDATE =
  "updates to statefulset spec for fields other than 'replicas', 'ordinals', 'template', 'updateStrategy', 'revisionHistoryLimit', 'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden";

// ---- batch ----------------------------------------------------------------------------------

function validateJobSpecCommon(spec: any, path: string): FieldError[] {
  spec = spec ?? {};
  const errs: FieldError[] = [];
  for (const f of ["parallelism", "completions", "activeDeadlineSeconds", "backoffLimit", "ttlSecondsAfterFinished"]) {
    if (spec[f] != null) errs.push(...nonneg(spec[f], `${path}.${f}`));
  }
  if (spec.completionMode != null && spec.completionMode !== "NonIndexed" && spec.completionMode !== "Indexed") {
    errs.push(notSupported(`${path}.completionMode`, spec.completionMode, ["NonIndexed", "Indexed"]));
  }
  if (spec.completionMode === "Indexed" && spec.completions == null) errs.push(required(`${path}.completions`, "when completion mode is Indexed"));
  if (spec.podReplacementPolicy != null && !["TerminatingOrFailed", "Failed"].includes(spec.podReplacementPolicy)) {
    errs.push(notSupported(`${path}.podReplacementPolicy`, spec.podReplacementPolicy, ["Failed", "TerminatingOrFailed"]));
  }
  const tpl = spec.template ?? {};
  errs.push(...validatePodTemplateSpec(tpl, `${path}.template`));
  const rp = tpl.spec?.restartPolicy;
  if (rp !== "OnFailure" && rp !== "Never") errs.push(notSupported(`${path}.template.spec.restartPolicy`, rp ?? "", ["OnFailure", "Never"]));
  return errs;
}

export function validateJobSpec(spec: any): FieldError[] {
  spec = spec ?? {};
  const errs = validateJobSpecCommon(spec, "spec");
  if (spec.selector == null) errs.push(required("spec.selector"));
  else errs.push(...validateLabelSelector(spec.selector, "spec.selector"));
  if (selectorParseable(spec.selector) && !selectorMatches(spec.selector, spec.template?.metadata?.labels) && !isEmptySelector(spec.selector)) {
    errs.push(mismatch("spec.template.metadata.labels", spec.template?.metadata?.labels));
  }
  return errs;
}

// robfig/cron ParseStandard errors (5 fields, ranges, names, descriptors).
const CRON_FIELDS: [number, number, Record<string, number>?][] = [
  [0, 59],
  [0, 23],
  [1, 31],
  [1, 12, { jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, oct: 10, nov: 11, dec: 12 }],
  [0, 6, { sun: 0, mon: 1, tue: 2, wed: 3, thu: 4, fri: 5, sat: 6 }],
];

function cronParseInt(s: string): number | string {
  if (!/^[+-]?[0-9]+$/.test(s)) return `failed to parse int from ${s}: strconv.Atoi: parsing ${goQuote(s)}: invalid syntax`;
  return parseInt(s, 10);
}

function cronField(field: string, [min, max, names]: [number, number, Record<string, number>?]): string | undefined {
  for (const expr of field.split(",")) {
    const [rangeAndStep, ...rest] = expr.split("/");
    if (rest.length > 1) return `too many slashes: ${expr}`;
    const lowAndHigh = rangeAndStep.split("-");
    let start: number;
    let end: number;
    const val = (s: string): number | string => {
      if (names && names[s.toLowerCase()] !== undefined) return names[s.toLowerCase()];
      return cronParseInt(s);
    };
    if (lowAndHigh[0] === "*" || lowAndHigh[0] === "?") {
      start = min;
      end = max;
    } else {
      const s = val(lowAndHigh[0]);
      if (typeof s === "string") return s;
      start = s;
      if (lowAndHigh.length === 1) end = s;
      else if (lowAndHigh.length === 2) {
        const e = val(lowAndHigh[1]);
        if (typeof e === "string") return e;
        end = e;
      } else return `too many hyphens: ${expr}`;
    }
    if (rest.length === 1) {
      const st = cronParseInt(rest[0]);
      if (typeof st === "string") return st;
      if (st === 0) return `step of range should be a positive number: ${expr}`;
    }
    if (start < min) return `beginning of range (${start}) below minimum (${min}): ${expr}`;
    if (end > max) return `end of range (${end}) above maximum (${max}): ${expr}`;
    if (start > end) return `beginning of range (${start}) beyond end of range (${end}): ${expr}`;
  }
  return undefined;
}

export function cronParseError(spec: string): string | undefined {
  if (spec.length === 0) return "empty spec string";
  let s = spec;
  if (s.startsWith("TZ=") || s.startsWith("CRON_TZ=")) {
    const i = s.indexOf(" ");
    s = i < 0 ? "" : s.slice(i).trim();
  }
  if (s.startsWith("@")) {
    if (["@yearly", "@annually", "@monthly", "@weekly", "@daily", "@midnight", "@hourly"].includes(s)) return undefined;
    if (s.startsWith("@every ")) return undefined;
    return `unrecognized descriptor: ${s}`;
  }
  const fields = s.split(/\s+/).filter((f) => f.length > 0);
  if (fields.length !== 5) return `expected exactly 5 fields, found ${fields.length}: [${fields.join(" ")}]`;
  for (let i = 0; i < 5; i++) {
    const e = cronField(fields[i], CRON_FIELDS[i]);
    if (e) return e;
  }
  return undefined;
}

export function validateCronJob(obj: any, oldSpec?: any): FieldError[] {
  const spec = obj.spec ?? {};
  const errs: FieldError[] = [];
  if (!oldSpec && (obj.metadata?.name ?? "").length > 52) errs.push(invalid("metadata.name", obj.metadata.name, "must be no more than 52 characters"));
  if (!spec.schedule) errs.push(required("spec.schedule"));
  else {
    const e = cronParseError(spec.schedule);
    if (e) errs.push(invalid("spec.schedule", spec.schedule, e));
    const allowTZ = !!oldSpec && String(oldSpec.schedule ?? "").includes("TZ");
    if (!allowTZ && spec.schedule.includes("TZ")) errs.push(invalid("spec.schedule", spec.schedule, "cannot use TZ or CRON_TZ in schedule, use timeZone field instead"));
  }
  if (spec.startingDeadlineSeconds != null) errs.push(...nonneg(spec.startingDeadlineSeconds, "spec.startingDeadlineSeconds"));
  const cp = spec.concurrencyPolicy;
  if (!cp) errs.push(required("spec.concurrencyPolicy"));
  else if (!["Allow", "Forbid", "Replace"].includes(cp)) errs.push(notSupported("spec.concurrencyPolicy", cp, ["Allow", "Forbid", "Replace"]));
  const jt = spec.jobTemplate ?? {};
  errs.push(...validateJobSpecCommon(jt.spec, "spec.jobTemplate.spec"));
  if (spec.successfulJobsHistoryLimit != null) errs.push(...nonneg(spec.successfulJobsHistoryLimit, "spec.successfulJobsHistoryLimit"));
  if (spec.failedJobsHistoryLimit != null) errs.push(...nonneg(spec.failedJobsHistoryLimit, "spec.failedJobsHistoryLimit"));
  return errs;
}

export { FIELD_IMMUTABLE };
