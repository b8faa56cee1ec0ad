// Pod spec validation, after pkg/apis/core/validation/validation.go (1.32): ValidatePodSpec,
// validateContainers, validateContainerCommon, validateContainerPorts, ValidateVolumeMounts,
// ValidateResourceRequirements, validateProbe/validateHandler, ValidateVolumes.
// Runs on defaulted v1 objects (as the real server validates after defaulting).
import {
  type FieldError, invalid, required, forbidden, duplicate, notFound, notSupported, goStringMap,
} from "./field.ts";
import {
  isDNS1123Label, isDNS1123Subdomain, isValidPortName, isValidPortNum, isEnvVarName, isQualifiedName,
  validateLabels, validateAnnotations, IS_NEGATIVE_ERROR_MSG, INCLUSIVE_RANGE,
} from "./names.ts";
import { parseQuantity, quantityString, cmpQuantity } from "./quantity.ts";
import { cmpDiff } from "./cmpdiff.ts";

const PROTOCOLS = ["SCTP", "TCP", "UDP"];
const nonneg = (v: unknown, field: string): FieldError[] =>
  typeof v === "number" && v < 0 ? [invalid(field, v, IS_NEGATIVE_ERROR_MSG)] : [];

function dnsLabel(v: string, field: string): FieldError[] {
  return isDNS1123Label(v).map((m) => invalid(field, v, m));
}

/** ValidatePortNumOrName for intstr fields (probe ports, service targetPort). */
export function validatePortNumOrName(port: unknown, field: string): FieldError[] {
  if (typeof port === "number") return isValidPortNum(port).map((m) => invalid(field, port, m));
  if (typeof port === "string") {
    if (/^[0-9]+$/.test(port)) return []; // parsed as a name that is numeric? real intstr keeps it a string
    return isValidPortName(port).map((m) => invalid(field, port, m));
  }
  return [];
}

function validateVolumes(volumes: any[] | undefined, field: string): { errs: FieldError[]; names: Set<string> } {
  const errs: FieldError[] = [];
  const names = new Set<string>();
  (volumes ?? []).forEach((v: any, i: number) => {
    const p = `${field}[${i}]`;
    const name = v?.name ?? "";
    if (!name) errs.push(required(`${p}.name`));
    else {
      errs.push(...dnsLabel(name, `${p}.name`));
      if (names.has(name)) errs.push(duplicate(`${p}.name`, name));
    }
    const sources = Object.keys(v ?? {}).filter((k) => k !== "name" && v[k] !== null && v[k] !== undefined);
    if (sources.length === 0) errs.push(required(p, "must specify a volume type"));
    sources.slice(1).forEach((s) => errs.push(forbidden(`${p}.${s}`, "may not specify more than 1 volume type")));
    const src = sources[0];
    const sv = src ? v[src] : undefined;
    if (src === "configMap" && !sv?.name) errs.push(required(`${p}.configMap.name`));
    if (src === "secret" && !sv?.secretName) errs.push(required(`${p}.secret.secretName`));
    if (src === "persistentVolumeClaim" && !sv?.claimName) errs.push(required(`${p}.persistentVolumeClaim.claimName`));
    if (src === "hostPath" && !sv?.path) errs.push(required(`${p}.hostPath.path`));
    if (name && !names.has(name)) names.add(name);
  });
  return { errs, names };
}

function validateHandler(h: any, field: string): FieldError[] {
  const errs: FieldError[] = [];
  let n = 0;
  for (const kind of ["exec", "httpGet", "tcpSocket", "grpc", "sleep"]) {
    if (h?.[kind] == null) continue;
    if (n > 0) {
      errs.push(forbidden(`${field}.${kind}`, "may not specify more than 1 handler type"));
      continue;
    }
    n++;
    const a = h[kind];
    const p = `${field}.${kind}`;
    if (kind === "exec" && !(Array.isArray(a.command) && a.command.length)) errs.push(required(`${p}.command`));
    if (kind === "httpGet") {
      if (!a.path) errs.push(required(`${p}.path`));
      errs.push(...validatePortNumOrName(a.port, `${p}.port`));
      if (a.scheme && a.scheme !== "HTTP" && a.scheme !== "HTTPS") errs.push(notSupported(`${p}.scheme`, a.scheme, ["HTTP", "HTTPS"]));
    }
    if (kind === "tcpSocket") errs.push(...validatePortNumOrName(a.port, `${p}.port`));
    if (kind === "grpc") errs.push(...isValidPortNum(a.port).map((m) => invalid(`${p}.port`, a.port, m)));
  }
  if (n === 0) errs.push(required(field, "must specify a handler type"));
  return errs;
}

function validateProbe(probe: any, field: string, which: "liveness" | "readiness" | "startup"): FieldError[] {
  if (!probe) return [];
  const errs = validateHandler(probe, field);
  for (const f of ["initialDelaySeconds", "timeoutSeconds", "periodSeconds", "successThreshold", "failureThreshold"]) {
    errs.push(...nonneg(probe[f], `${field}.${f}`));
  }
  if (probe.terminationGracePeriodSeconds != null && probe.terminationGracePeriodSeconds <= 0) {
    errs.push(invalid(`${field}.terminationGracePeriodSeconds`, probe.terminationGracePeriodSeconds, "must be greater than 0"));
  }
  if (which === "readiness" && probe.terminationGracePeriodSeconds != null) {
    errs.push(invalid(`${field}.terminationGracePeriodSeconds`, probe.terminationGracePeriodSeconds, "must not be set for readinessProbes"));
  }
  if ((which === "liveness" || which === "startup") && probe.successThreshold != null && probe.successThreshold !== 1) {
    errs.push(invalid(`${field}.successThreshold`, probe.successThreshold, "must be 1"));
  }
  return errs;
}

const STANDARD_CONTAINER_RESOURCES = new Set(["cpu", "memory", "ephemeral-storage"]);
function isStandardContainerResource(name: string): boolean {
  return STANDARD_CONTAINER_RESOURCES.has(name) || name.startsWith("hugepages-") || (name.includes("/") && !name.startsWith("kubernetes.io/"));
}

/** ValidateResourceRequirements (containers). */
export function validateResources(res: any, field: string): FieldError[] {
  const errs: FieldError[] = [];
  const limits: Record<string, unknown> = res?.limits ?? {};
  const requests: Record<string, unknown> = res?.requests ?? {};
  const check = (name: string, val: unknown, p: string) => {
    for (const m of isQualifiedName(name)) errs.push(invalid(p, name, m));
    if (!isStandardContainerResource(name)) errs.push(invalid(p, name, "must be a standard resource for containers"));
    const q = parseQuantity(val);
    if (q && q.nano < 0n) errs.push(invalid(p, quantityString(q), IS_NEGATIVE_ERROR_MSG));
  };
  for (const name of Object.keys(limits).sort()) check(name, limits[name], `${field}.limits[${name}]`);
  for (const name of Object.keys(requests).sort()) {
    check(name, requests[name], `${field}.requests[${name}]`);
    const rq = parseQuantity(requests[name]);
    if (!(name in limits)) {
      if (name.startsWith("hugepages-")) errs.push(required(`${field}.limits`, "Limit must be set for non overcommitable resources"));
      continue;
    }
    const lq = parseQuantity(limits[name]);
    if (!rq || !lq) continue;
    const overcommit = STANDARD_CONTAINER_RESOURCES.has(name);
    if (cmpQuantity(rq, lq) !== 0 && !overcommit) {
      errs.push(invalid(`${field}.requests`, quantityString(rq), `must be equal to ${name} limit of ${quantityString(lq)}`));
    } else if (cmpQuantity(rq, lq) > 0) {
      errs.push(invalid(`${field}.requests`, quantityString(rq), `must be less than or equal to ${name} limit of ${quantityString(lq)}`));
    }
  }
  return errs;
}

function validateEnv(env: any[] | undefined, field: string): FieldError[] {
  const errs: FieldError[] = [];
  (env ?? []).forEach((e: any, i: number) => {
    const p = `${field}[${i}]`;
    if (!e?.name) errs.push(required(`${p}.name`));
    else for (const m of isEnvVarName(e.name)) errs.push(invalid(`${p}.name`, e.name, m));
    if (e?.valueFrom) {
      const vf = e.valueFrom;
      const n = ["fieldRef", "resourceFieldRef", "configMapKeyRef", "secretKeyRef"].filter((k) => vf[k] != null).length;
      if (e.value) errs.push(invalid(`${p}.valueFrom`, "", "may not be specified when `value` is not empty"));
      if (n === 0) errs.push(invalid(`${p}.valueFrom`, "", "must specify one of: `fieldRef`, `resourceFieldRef`, `configMapKeyRef` or `secretKeyRef`"));
      else if (n > 1) errs.push(invalid(`${p}.valueFrom`, "", "may not have more than one field specified at a time"));
      if (vf.configMapKeyRef) {
        if (!vf.configMapKeyRef.key) errs.push(required(`${p}.valueFrom.configMapKeyRef.key`));
        if (!vf.configMapKeyRef.name) errs.push(required(`${p}.valueFrom.configMapKeyRef.name`));
      }
      if (vf.secretKeyRef) {
        if (!vf.secretKeyRef.key) errs.push(required(`${p}.valueFrom.secretKeyRef.key`));
        if (!vf.secretKeyRef.name) errs.push(required(`${p}.valueFrom.secretKeyRef.name`));
      }
      if (vf.fieldRef && !vf.fieldRef.fieldPath) errs.push(required(`${p}.valueFrom.fieldRef.fieldPath`));
    }
  });
  return errs;
}

function validateContainerCommon(c: any, volumes: Set<string>, path: string): FieldError[] {
  const errs: FieldError[] = [];
  if (!c?.name) errs.push(required(`${path}.name`));
  else errs.push(...dnsLabel(c.name, `${path}.name`));
  if (!c?.image) errs.push(required(`${path}.image`));
  const tmp = c?.terminationMessagePolicy;
  if (tmp === "" || tmp === undefined) errs.push(required(`${path}.terminationMessagePolicy`));
  else if (tmp !== "File" && tmp !== "FallbackToLogsOnError") errs.push(notSupported(`${path}.terminationMessagePolicy`, tmp, ["File", "FallbackToLogsOnError"]));
  // ports
  const portNames = new Set<string>();
  (c?.ports ?? []).forEach((port: any, i: number) => {
    const p = `${path}.ports[${i}]`;
    if (port?.name) {
      const msgs = isValidPortName(port.name);
      if (msgs.length) msgs.forEach((m) => errs.push(invalid(`${p}.name`, port.name, m)));
      else if (portNames.has(port.name)) errs.push(duplicate(`${p}.name`, port.name));
      else portNames.add(port.name);
    }
    if (!port?.containerPort) errs.push(required(`${p}.containerPort`));
    else errs.push(...isValidPortNum(port.containerPort).map((m) => invalid(`${p}.containerPort`, port.containerPort, m)));
    if (port?.hostPort) errs.push(...isValidPortNum(port.hostPort).map((m) => invalid(`${p}.hostPort`, port.hostPort, m)));
    if (!port?.protocol) errs.push(required(`${p}.protocol`));
    else if (!PROTOCOLS.includes(port.protocol)) errs.push(notSupported(`${p}.protocol`, port.protocol, PROTOCOLS));
  });
  errs.push(...validateEnv(c?.env, `${path}.env`));
  // volume mounts
  const mountPaths = new Set<string>();
  (c?.volumeMounts ?? []).forEach((m: any, i: number) => {
    const p = `${path}.volumeMounts[${i}]`;
    if (!m?.name) errs.push(required(`${p}.name`));
    if (!volumes.has(m?.name ?? "")) errs.push(notFound(`${p}.name`, m?.name ?? ""));
    if (!m?.mountPath) errs.push(required(`${p}.mountPath`));
    if (m?.mountPath && mountPaths.has(m.mountPath)) errs.push(invalid(`${p}.mountPath`, m.mountPath, "must be unique"));
    if (m?.mountPath) mountPaths.add(m.mountPath);
    if (m?.subPath && (m.subPath.startsWith("/") || m.subPath.split("/").includes(".."))) {
      errs.push(invalid(`${p}.subPath`, m.subPath, m.subPath.startsWith("/") ? "must be a relative path" : "must not contain '..'"));
    }
  });
  // pull policy
  const pp = c?.imagePullPolicy;
  if (pp === "" || pp === undefined) errs.push(required(`${path}.imagePullPolicy`));
  else if (!["Always", "IfNotPresent", "Never"].includes(pp)) errs.push(notSupported(`${path}.imagePullPolicy`, pp, ["Always", "IfNotPresent", "Never"]));
  errs.push(...validateResources(c?.resources, `${path}.resources`));
  return errs;
}

function validateContainers(containers: any[] | undefined, volumes: Set<string>, field: string): FieldError[] {
  if (!Array.isArray(containers) || containers.length === 0) return [required(field)];
  const errs: FieldError[] = [];
  const names = new Set<string>();
  containers.forEach((c, i) => {
    const path = `${field}[${i}]`;
    errs.push(...validateContainerCommon(c, volumes, path));
    if (names.has(c?.name)) errs.push(duplicate(`${path}.name`, c.name));
    else names.add(c?.name);
    errs.push(...validateProbe(c?.livenessProbe, `${path}.livenessProbe`, "liveness"));
    errs.push(...validateProbe(c?.readinessProbe, `${path}.readinessProbe`, "readiness"));
    errs.push(...validateProbe(c?.startupProbe, `${path}.startupProbe`, "startup"));
    if (c?.restartPolicy != null) errs.push(forbidden(`${path}.restartPolicy`, "may not be set for non-init containers"));
  });
  return errs;
}

function validateInitContainers(inits: any[] | undefined, containers: any[] | undefined, volumes: Set<string>, field: string): FieldError[] {
  const errs: FieldError[] = [];
  const others = new Set<string>((containers ?? []).map((c: any) => c?.name));
  const names = new Set<string>();
  (inits ?? []).forEach((c: any, i: number) => {
    const path = `${field}[${i}]`;
    errs.push(...validateContainerCommon(c, volumes, path));
    if (names.has(c?.name) || others.has(c?.name)) errs.push(duplicate(`${path}.name`, c.name));
    else names.add(c?.name);
    const sidecar = c?.restartPolicy === "Always";
    if (c?.restartPolicy != null && !sidecar) errs.push(notSupported(`${path}.restartPolicy`, c.restartPolicy, ["Always"]));
    if (!sidecar) {
      if (c?.lifecycle) errs.push(forbidden(`${path}.lifecycle`, "may not be set for init containers without restartPolicy=Always"));
      if (c?.livenessProbe) errs.push(forbidden(`${path}.livenessProbe`, "may not be set for init containers without restartPolicy=Always"));
      if (c?.readinessProbe) errs.push(forbidden(`${path}.readinessProbe`, "may not be set for init containers without restartPolicy=Always"));
      if (c?.startupProbe) errs.push(forbidden(`${path}.startupProbe`, "may not be set for init containers without restartPolicy=Always"));
    } else {
      errs.push(...validateProbe(c?.livenessProbe, `${path}.livenessProbe`, "liveness"));
      errs.push(...validateProbe(c?.readinessProbe, `${path}.readinessProbe`, "readiness"));
      errs.push(...validateProbe(c?.startupProbe, `${path}.startupProbe`, "startup"));
    }
  });
  return errs;
}

const TOLERATION_OPS = ["Equal", "Exists"];
const TAINT_EFFECTS = ["NoExecute", "NoSchedule", "PreferNoSchedule"];

function validateTolerations(tols: any[] | undefined, field: string): FieldError[] {
  const errs: FieldError[] = [];
  (tols ?? []).forEach((t: any, i: number) => {
    const p = `${field}[${i}]`;
    if (t?.key) for (const m of isQualifiedName(t.key)) errs.push(invalid(`${p}.key`, t.key, m));
    if (!t?.key && t?.operator !== "Exists") errs.push(invalid(`${p}.operator`, t?.operator ?? "", "operator must be Exists when `key` is empty, which means \"match all values and all keys\""));
    if (t?.tolerationSeconds != null && t?.effect !== "NoExecute") errs.push(invalid(`${p}.effect`, t?.effect ?? "", "effect must be 'NoExecute' when `tolerationSeconds` is set"));
    if (t?.operator && !TOLERATION_OPS.includes(t.operator)) errs.push(notSupported(`${p}.operator`, t.operator, TOLERATION_OPS));
    if (t?.operator === "Exists" && t?.value) errs.push(invalid(`${p}.operator`, t.operator, "value must be empty when `operator` is 'Exists'"));
    if (t?.effect && !TAINT_EFFECTS.includes(t.effect)) errs.push(notSupported(`${p}.effect`, t.effect, TAINT_EFFECTS));
  });
  return errs;
}

/** ValidatePodSpec on a v1 (defaulted) pod spec. */
export function validatePodSpec(spec: any, field: string): FieldError[] {
  spec = spec ?? {};
  const errs: FieldError[] = [];
  const vols = validateVolumes(spec.volumes, `${field}.volumes`);
  errs.push(...vols.errs);
  errs.push(...validateContainers(spec.containers, vols.names, `${field}.containers`));
  errs.push(...validateInitContainers(spec.initContainers, spec.containers, vols.names, `${field}.initContainers`));
  const rp = spec.restartPolicy;
  if (rp === "" || rp === undefined) errs.push(required(`${field}.restartPolicy`));
  else if (!["Always", "OnFailure", "Never"].includes(rp)) errs.push(notSupported(`${field}.restartPolicy`, rp, ["Always", "OnFailure", "Never"]));
  const dp = spec.dnsPolicy;
  if (dp === "" || dp === undefined) errs.push(required(`${field}.dnsPolicy`));
  else if (!["ClusterFirstWithHostNet", "ClusterFirst", "Default", "None"].includes(dp)) {
    errs.push(notSupported(`${field}.dnsPolicy`, dp, ["ClusterFirstWithHostNet", "ClusterFirst", "Default", "None"]));
  }
  errs.push(...validateLabels(spec.nodeSelector, `${field}.nodeSelector`));
  if (spec.serviceAccountName) for (const m of isDNS1123Subdomain(spec.serviceAccountName)) errs.push(invalid(`${field}.serviceAccountName`, spec.serviceAccountName, m));
  if (spec.nodeName) for (const m of isDNS1123Subdomain(spec.nodeName)) errs.push(invalid(`${field}.nodeName`, spec.nodeName, m));
  if (spec.activeDeadlineSeconds != null && (spec.activeDeadlineSeconds < 1 || spec.activeDeadlineSeconds > 2147483647)) {
    errs.push(invalid(`${field}.activeDeadlineSeconds`, spec.activeDeadlineSeconds, INCLUSIVE_RANGE(1, 2147483647)));
  }
  if (spec.hostname) errs.push(...dnsLabel(spec.hostname, `${field}.hostname`));
  if (spec.subdomain) errs.push(...dnsLabel(spec.subdomain, `${field}.subdomain`));
  errs.push(...validateTolerations(spec.tolerations, `${field}.tolerations`));
  if (spec.priorityClassName) for (const m of isDNS1123Subdomain(spec.priorityClassName)) errs.push(invalid(`${field}.priorityClassName`, spec.priorityClassName, m));
  if (spec.preemptionPolicy != null && !["Never", "PreemptLowerPriority"].includes(spec.preemptionPolicy)) {
    errs.push(notSupported(`${field}.preemptionPolicy`, spec.preemptionPolicy, ["Never", "PreemptLowerPriority"]));
  }
  return errs;
}

/** ValidatePodTemplateSpec: labels/annotations at `<field>.labels` (sic, as upstream), then the pod spec. */
export function validatePodTemplateSpec(tpl: any, field: string): FieldError[] {
  const errs: FieldError[] = [];
  errs.push(...validateLabels(tpl?.metadata?.labels, `${field}.labels`));
  errs.push(...validateAnnotations(tpl?.metadata?.annotations, `${field}.annotations`));
  errs.push(...validatePodSpec(tpl?.spec, `${field}.spec`));
  return errs;
}

export const UPDATABLE_POD_SPEC_FIELDS = [
  "`spec.containers[*].image`",
  "`spec.initContainers[*].image`",
  "`spec.activeDeadlineSeconds`",
  "`spec.tolerations` (only additions to existing tolerations)",
  "`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)",
];

function stable(v: unknown): string {
  if (Array.isArray(v)) return "[" + v.map(stable).join(",") + "]";
  if (v && typeof v === "object") return "{" + Object.keys(v).sort().filter((k) => (v as any)[k] !== undefined).map((k) => JSON.stringify(k) + ":" + stable((v as any)[k])).join(",") + "}";
  return JSON.stringify(v);
}

/**
 * ValidatePodUpdate's spec check. The real message ends with a go-cmp diff of the internal
 * core.PodSpec; cmpdiff.ts renders an approximation of it.
 */
export function validatePodSpecUpdate(spec: any, old: any): FieldError[] {
  const munged = JSON.parse(JSON.stringify(spec ?? {}));
  const o = old ?? {};
  const copyImages = (key: string) => {
    if (!Array.isArray(munged[key]) || !Array.isArray(o[key])) return;
    munged[key].forEach((c: any, i: number) => {
      if (o[key][i]) c.image = o[key][i].image;
    });
  };
  copyImages("containers");
  copyImages("initContainers");
  munged.activeDeadlineSeconds = o.activeDeadlineSeconds;
  // tolerations: additions allowed
  const oldTols = (o.tolerations ?? []).map(stable);
  if (Array.isArray(munged.tolerations) && oldTols.every((t: string) => munged.tolerations.map(stable).includes(t))) munged.tolerations = o.tolerations;
  if (o.terminationGracePeriodSeconds < 0 && munged.terminationGracePeriodSeconds === 1) munged.terminationGracePeriodSeconds = o.terminationGracePeriodSeconds;
  // fields the server owns / fills
  munged.nodeName = munged.nodeName ?? o.nodeName;
  if (stable(munged) === stable(o)) return [];
  return [forbidden("spec", `pod updates may not change fields other than ${UPDATABLE_POD_SPEC_FIELDS.join(",")}\n${cmpDiff("core.PodSpec", o, munged)}`)];
}

export { goStringMap };
