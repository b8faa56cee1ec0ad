// Validation of the non-workload kinds (core Service/ConfigMap/Secret/PVC/PV/Namespace/
// ResourceQuota/LimitRange, networking Ingress/NetworkPolicy, rbac, autoscaling HPA, policy PDB,
// storage StorageClass), after the 1.32 validation packages. Coverage is what labs exercise.
import {
  type FieldError, invalid, required, forbidden, duplicate, notSupported, tooLong, goQuote,
} from "./field.ts";
import {
  isDNS1123Label, isDNS1123Subdomain, isDNS1035Label, isValidPortNum, isValidPortName, isConfigMapKey, isQualifiedName, validateLabels,
  IS_NEGATIVE_ERROR_MSG, INCLUSIVE_RANGE,
} from "./names.ts";
import { validatePortNumOrName } from "./pod.ts";
import { validateLabelSelector } from "./selector.ts";
import { parseQuantity, quantityString } from "./quantity.ts";
import { cmpDiff } from "./cmpdiff.ts";

const PROTOCOLS = ["SCTP", "TCP", "UDP"];
const nonneg = (v: unknown, field: string): FieldError[] =>
  typeof v === "number" && v < 0 ? [invalid(field, v, IS_NEGATIVE_ERROR_MSG)] : [];

// ---- Service --------------------------------------------------------------------------------

export const NODE_PORT_RANGE = { base: 30000, size: 2768 };

function isHeadless(svc: any): boolean {
  return svc?.spec?.clusterIP === "None";
}

export function validateService(svc: any): FieldError[] {
  const spec = svc?.spec ?? {};
  const errs: FieldError[] = [];
  const ports: any[] = spec.ports ?? [];
  if (ports.length === 0 && !isHeadless(svc) && spec.type !== "ExternalName") errs.push(required("spec.ports"));
  if (spec.type === "ExternalName") {
    if (!spec.externalName) errs.push(required("spec.externalName"));
    else for (const m of isDNS1123Subdomain(spec.externalName.replace(/\.$/, ""))) errs.push(invalid("spec.externalName", spec.externalName, m));
  }
  const names = new Set<string>();
  ports.forEach((sp: any, i: number) => {
    const p = `spec.ports[${i}]`;
    if (ports.length > 1 && !sp?.name) errs.push(required(`${p}.name`));
    else if (sp?.name) {
      for (const m of isDNS1123Label(sp.name)) errs.push(invalid(`${p}.name`, sp.name, m));
      if (names.has(sp.name)) errs.push(duplicate(`${p}.name`, sp.name));
      else names.add(sp.name);
    }
    for (const m of isValidPortNum(sp?.port ?? 0)) errs.push(invalid(`${p}.port`, sp?.port ?? 0, m));
    if (!sp?.protocol) errs.push(required(`${p}.protocol`));
    else if (!PROTOCOLS.includes(sp.protocol)) errs.push(notSupported(`${p}.protocol`, sp.protocol, PROTOCOLS));
    errs.push(...validatePortNumOrName(sp?.targetPort, `${p}.targetPort`));
  });
  if (spec.selector) errs.push(...validateLabels(spec.selector, "spec.selector"));
  if (!spec.sessionAffinity) errs.push(required("spec.sessionAffinity"));
  else if (!["ClientIP", "None"].includes(spec.sessionAffinity)) errs.push(notSupported("spec.sessionAffinity", spec.sessionAffinity, ["ClientIP", "None"]));
  const types = ["ClusterIP", "ExternalName", "LoadBalancer", "NodePort"];
  if (!spec.type) errs.push(required("spec.type"));
  else if (!types.includes(spec.type)) errs.push(notSupported("spec.type", spec.type, types));
  if (spec.type === "ClusterIP") {
    ports.forEach((sp: any, i: number) => {
      if (sp?.nodePort) errs.push(forbidden(`spec.ports[${i}].nodePort`, "may not be used when `type` is 'ClusterIP'"));
    });
  }
  // duplicate nodePorts and ports by (protocol, port)
  const nodePorts = new Set<string>();
  ports.forEach((sp: any, i: number) => {
    if (!sp?.nodePort) return;
    const key = `${sp.protocol}/${sp.nodePort}`;
    if (nodePorts.has(key)) errs.push(duplicate(`spec.ports[${i}].nodePort`, sp.nodePort));
    nodePorts.add(key);
  });
  const seen = new Set<string>();
  ports.forEach((sp: any, i: number) => {
    const key = `${sp?.protocol}/${sp?.port}`;
    if (seen.has(key)) {
      errs.push({ type: "Duplicate", field: `spec.ports[${i}]`, valueText: `core.ServicePort{Name:"", Protocol:${goQuote(String(sp?.protocol ?? ""))}, AppProtocol:(*string)(nil), Port:${sp?.port}, TargetPort:intstr.IntOrString{Type:0, IntVal:0, StrVal:""}, NodePort:0}`, detail: "" });
    }
    seen.add(key);
  });
  if (spec.externalTrafficPolicy && !["Cluster", "Local"].includes(spec.externalTrafficPolicy)) {
    errs.push(notSupported("spec.externalTrafficPolicy", spec.externalTrafficPolicy, ["Cluster", "Local"]));
  }
  if (spec.internalTrafficPolicy && !["Cluster", "Local"].includes(spec.internalTrafficPolicy)) {
    errs.push(notSupported("spec.internalTrafficPolicy", spec.internalTrafficPolicy, ["Cluster", "Local"]));
  }
  return errs;
}

/** The node port allocator's range check (REST create/update), `provided port is not in the valid range...`. */
export function validateNodePortRange(svc: any, range = NODE_PORT_RANGE): FieldError[] {
  const errs: FieldError[] = [];
  const last = range.base + range.size - 1;
  (svc?.spec?.ports ?? []).forEach((sp: any, i: number) => {
    if (!sp?.nodePort) return;
    if (sp.nodePort < range.base || sp.nodePort > last) {
      errs.push(invalid(`spec.ports[${i}].nodePort`, sp.nodePort, `provided port is not in the valid range. The range of valid ports is ${range.base}-${last}`));
    }
  });
  return errs;
}

export function validateServiceUpdate(svc: any, old: any): FieldError[] {
  const errs: FieldError[] = [];
  const ns = svc?.spec ?? {};
  const os = old?.spec ?? {};
  if (ns.type !== "ExternalName" && os.type !== "ExternalName") {
    const oldIPs: string[] = os.clusterIPs ?? (os.clusterIP ? [os.clusterIP] : []);
    const newIPs: string[] = ns.clusterIP && ns.clusterIP !== oldIPs[0] ? [ns.clusterIP] : ns.clusterIPs ?? (ns.clusterIP ? [ns.clusterIP] : []);
    if (oldIPs.length > 0 && newIPs.length > 0 && newIPs[0] !== oldIPs[0]) {
      errs.push(invalid("spec.clusterIPs[0]", null, "may not change once set", "[]string{" + newIPs.map(goQuote).join(", ") + "}"));
    }
  }
  return errs.concat(validateService(svc));
}

// ---- ConfigMap / Secret ---------------------------------------------------------------------

const MAX_SIZE = 1024 * 1024;

export function validateConfigMap(cm: any): FieldError[] {
  const errs: FieldError[] = [];
  let total = 0;
  const data = cm?.data ?? {};
  const bin = cm?.binaryData ?? {};
  for (const k of Object.keys(data).sort()) {
    for (const m of isConfigMapKey(k)) errs.push(invalid("data", k, m));
    total += String(data[k]).length;
  }
  for (const k of Object.keys(bin).sort()) {
    for (const m of isConfigMapKey(k)) errs.push(invalid("binaryData", k, m));
    if (k in data) errs.push(invalid("binaryData", k, "duplicate of key present in data"));
    total += String(bin[k]).length;
  }
  if (total > MAX_SIZE) errs.push(tooLong("", MAX_SIZE));
  return errs;
}

export const SECRET_TYPES_REQUIRED_KEYS: Record<string, string[]> = {
  "kubernetes.io/dockerconfigjson": [".dockerconfigjson"],
  "kubernetes.io/dockercfg": [".dockercfg"],
  "kubernetes.io/tls": ["tls.crt", "tls.key"],
};

export function validateSecret(s: any): FieldError[] {
  const errs: FieldError[] = [];
  const data = s?.data ?? {};
  let total = 0;
  for (const k of Object.keys(data).sort()) {
    for (const m of isConfigMapKey(k)) errs.push(invalid("data", k, m));
    total += String(data[k]).length;
  }
  if (total > MAX_SIZE) errs.push(tooLong("data", MAX_SIZE));
  const type = s?.type ?? "Opaque";
  for (const key of SECRET_TYPES_REQUIRED_KEYS[type] ?? []) {
    if (!(key in data)) errs.push(required(`data[${key}]`));
  }
  if (type === "kubernetes.io/service-account-token") {
    if (!s?.metadata?.annotations?.["kubernetes.io/service-account.name"]) errs.push(required("metadata.annotations[kubernetes.io/service-account.name]"));
  }
  if (type === "kubernetes.io/basic-auth" && !("username" in data) && !("password" in data)) {
    errs.push(required("data[username]"));
    errs.push(required("data[password]"));
  }
  if (type === "kubernetes.io/ssh-auth" && !("ssh-privatekey" in data)) errs.push(required("data[ssh-privatekey]"));
  return errs;
}

export function validateImmutableData(obj: any, old: any): FieldError[] {
  if (old?.immutable === true) {
    const errs: FieldError[] = [];
    if (obj?.immutable !== true) errs.push(forbidden("immutable", "field is immutable when `immutable` is set"));
    if (JSON.stringify(obj?.data ?? {}) !== JSON.stringify(old?.data ?? {})) errs.push(forbidden("data", "field is immutable when `immutable` is set"));
    if (JSON.stringify(obj?.binaryData ?? {}) !== JSON.stringify(old?.binaryData ?? {}) && old.kind === "ConfigMap") errs.push(forbidden("binaryData", "field is immutable when `immutable` is set"));
    return errs;
  }
  return [];
}

// ---- Namespace ------------------------------------------------------------------------------

export function validateNamespace(ns: any): FieldError[] {
  const errs: FieldError[] = [];
  (ns?.spec?.finalizers ?? []).forEach((f: string, i: number) => {
    if (f !== "kubernetes" && !f.includes("/")) {
      errs.push(invalid(`spec.finalizers[${i}]`, f, "name is neither a standard finalizer name nor is it fully qualified"));
    }
  });
  return errs;
}

// ---- PVC / PV -------------------------------------------------------------------------------

const ACCESS_MODES = ["ReadOnlyMany", "ReadWriteMany", "ReadWriteOnce", "ReadWriteOncePod"];

function validateAccessModes(modes: any[] | undefined, field: string): FieldError[] {
  const errs: FieldError[] = [];
  if (!modes || modes.length === 0) errs.push(required(field, "at least 1 access mode is required"));
  for (const m of modes ?? []) if (!ACCESS_MODES.includes(m)) errs.push(notSupported(field, m, ACCESS_MODES));
  if ((modes ?? []).includes("ReadWriteOncePod") && modes!.length > 1) errs.push(forbidden(field, "may not use ReadWriteOncePod with other access modes"));
  return errs;
}

export function validatePVC(pvc: any): FieldError[] {
  const spec = pvc?.spec ?? {};
  const errs: FieldError[] = [];
  errs.push(...validateAccessModes(spec.accessModes, "spec.accessModes"));
  if (spec.selector) errs.push(...validateLabelSelector(spec.selector, "spec.selector"));
  const storage = spec.resources?.requests?.storage;
  if (storage === undefined) errs.push(required("spec.resources[storage]"));
  else {
    const q = parseQuantity(storage);
    if (q && q.nano <= 0n) errs.push(invalid("spec.resources[storage]", quantityString(q), "must be greater than zero"));
  }
  if (spec.volumeMode && !["Block", "Filesystem"].includes(spec.volumeMode)) errs.push(notSupported("spec.volumeMode", spec.volumeMode, ["Block", "Filesystem"]));
  return errs;
}

export const PVC_SPEC_IMMUTABLE = "spec is immutable after creation except resources.requests and volumeAttributesClassName for bound claims";

export function validatePVCUpdate(pvc: any, old: any): FieldError[] {
  const errs = validatePVC(pvc);
  const a = JSON.parse(JSON.stringify(pvc?.spec ?? {}));
  const b = JSON.parse(JSON.stringify(old?.spec ?? {}));
  // resources.requests may change (expansion) for bound claims; volumeName may be set once
  if (old?.status?.phase === "Bound") {
    if (a.resources) a.resources.requests = b.resources?.requests;
  }
  if (!b.volumeName) b.volumeName = a.volumeName;
  a.volumeAttributesClassName = b.volumeAttributesClassName;
  if (stable(a) !== stable(b)) {
    errs.push(forbidden("spec", PVC_SPEC_IMMUTABLE + "\n" + cmpDiff("core.PersistentVolumeClaimSpec", b, a)));
  }
  const oldStorage = parseQuantity(old?.spec?.resources?.requests?.storage);
  const newStorage = parseQuantity(pvc?.spec?.resources?.requests?.storage);
  if (old?.status?.phase === "Bound" && oldStorage && newStorage && newStorage.nano < oldStorage.nano) {
    errs.push(forbidden("spec.resources.requests.storage", "field can not be less than status.capacity"));
  }
  return errs;
}

function stable(v: unknown): string {
  if (Array.isArray(v)) return "[" + v.map(stable).join(",") + "]";
  if (v && typeof v === "object") return "{" + Object.keys(v).sort().filter((k) => (v as any)[k] !== undefined && (v as any)[k] !== null).map((k) => JSON.stringify(k) + ":" + stable((v as any)[k])).join(",") + "}";
  return JSON.stringify(v);
}

export function validatePV(pv: any): FieldError[] {
  const spec = pv?.spec ?? {};
  const errs: FieldError[] = [];
  errs.push(...validateAccessModes(spec.accessModes, "spec.accessModes"));
  if (spec.capacity?.storage === undefined) errs.push(required("spec.capacity"));
  const srcs = ["hostPath", "nfs", "local", "csi", "iscsi", "fc", "awsElasticBlockStore", "gcePersistentDisk", "azureDisk", "azureFile", "cephfs", "rbd"].filter((k) => spec[k] != null);
  if (srcs.length === 0) errs.push(required("spec", "must specify a volume type"));
  if (spec.persistentVolumeReclaimPolicy && !["Delete", "Recycle", "Retain"].includes(spec.persistentVolumeReclaimPolicy)) {
    errs.push(notSupported("spec.persistentVolumeReclaimPolicy", spec.persistentVolumeReclaimPolicy, ["Delete", "Recycle", "Retain"]));
  }
  if (spec.hostPath && !spec.hostPath.path) errs.push(required("spec.hostPath.path"));
  return errs;
}

// ---- ResourceQuota / LimitRange -------------------------------------------------------------

const STANDARD_QUOTA = new Set([
  "pods", "services", "replicationcontrollers", "resourcequotas", "secrets", "configmaps", "persistentvolumeclaims",
  "services.nodeports", "services.loadbalancers", "cpu", "memory", "ephemeral-storage", "storage",
  "requests.cpu", "requests.memory", "requests.storage", "requests.ephemeral-storage",
  "limits.cpu", "limits.memory", "limits.ephemeral-storage",
]);
function isStandardQuotaResource(k: string): boolean {
  return STANDARD_QUOTA.has(k) || k.startsWith("hugepages-") || k.startsWith("requests.hugepages-") || k.startsWith("count/");
}

export function validateResourceQuota(q: any): FieldError[] {
  const errs: FieldError[] = [];
  const hard = q?.spec?.hard ?? {};
  for (const k of Object.keys(hard).sort()) {
    const p = `spec.hard[${k}]`;
    for (const m of isQualifiedName(k)) errs.push(invalid(p, k, m));
    if (!isStandardQuotaResource(k) && !k.includes("/")) errs.push(invalid(p, k, "must be a standard resource type or fully qualified"));
    const v = parseQuantity(hard[k]);
    if (v && v.nano < 0n) errs.push(invalid(p, quantityString(v), IS_NEGATIVE_ERROR_MSG));
  }
  const scopes = ["BestEffort", "CrossNamespacePodAffinity", "NotBestEffort", "NotTerminating", "PriorityClass", "Terminating"];
  (q?.spec?.scopes ?? []).forEach((s: string) => {
    if (!scopes.includes(s)) errs.push(notSupported("spec.scopes", s, scopes));
  });
  return errs;
}

export function validateLimitRange(lr: any): FieldError[] {
  const errs: FieldError[] = [];
  const types = ["Container", "PersistentVolumeClaim", "Pod"];
  const seen = new Set<string>();
  (lr?.spec?.limits ?? []).forEach((item: any, i: number) => {
    const p = `spec.limits[${i}]`;
    if (!item?.type) errs.push(required(`${p}.type`));
    else if (seen.has(item.type)) errs.push(duplicate(`${p}.type`, item.type));
    seen.add(item?.type);
    const max = item?.max ?? {};
    const min = item?.min ?? {};
    const def = item?.default ?? {};
    const defReq = item?.defaultRequest ?? {};
    for (const k of Object.keys(def).sort()) {
      const d = parseQuantity(def[k]);
      const mx = parseQuantity(max[k]);
      const mn = parseQuantity(min[k]);
      if (d && mx && d.nano > mx.nano) errs.push(invalid(`${p}.default[${k}]`, quantityString(d), `default value ${quantityString(d)} is greater than max value ${quantityString(mx)}`));
      if (d && mn && d.nano < mn.nano) errs.push(invalid(`${p}.default[${k}]`, quantityString(d), `min value ${quantityString(mn)} is greater than default value ${quantityString(d)}`));
    }
    for (const k of Object.keys(defReq).sort()) {
      const d = parseQuantity(defReq[k]);
      const mx = parseQuantity(max[k]);
      const df = parseQuantity(def[k]);
      if (d && mx && d.nano > mx.nano) errs.push(invalid(`${p}.defaultRequest[${k}]`, quantityString(d), `default request value ${quantityString(d)} is greater than max value ${quantityString(mx)}`));
      if (d && df && d.nano > df.nano) errs.push(invalid(`${p}.defaultRequest[${k}]`, quantityString(d), `default request value ${quantityString(d)} is greater than default limit value ${quantityString(df)}`));
    }
    for (const k of Object.keys(min).sort()) {
      const mn = parseQuantity(min[k]);
      const mx = parseQuantity(max[k]);
      if (mn && mx && mn.nano > mx.nano) errs.push(invalid(`${p}.min[${k}]`, quantityString(mn), `min value ${quantityString(mn)} is greater than max value ${quantityString(mx)}`));
    }
    void types;
  });
  return errs;
}

// ---- networking -----------------------------------------------------------------------------

const PATH_TYPES = ["Exact", "ImplementationSpecific", "Prefix"];

export function validateIngress(ing: any): FieldError[] {
  const spec = ing?.spec ?? {};
  const errs: FieldError[] = [];
  const rules: any[] = spec.rules ?? [];
  if (!spec.defaultBackend && rules.length === 0) errs.push(invalid("spec", null, "either `defaultBackend` or `rules` must be specified", "[]networking.IngressRule(nil)"));
  const validateBackend = (b: any, p: string) => {
    const hasSvc = b?.service != null;
    const hasRes = b?.resource != null;
    if (hasSvc && hasRes) errs.push(invalid(p, null, "cannot set both resource and service backends", "networking.IngressBackend{...}"));
    else if (!hasSvc && !hasRes) errs.push(invalid(p, null, "resource or service backend is required", "networking.IngressBackend{Service:(*networking.IngressServiceBackend)(nil), Resource:(*core.TypedLocalObjectReference)(nil)}"));
    if (hasSvc) {
      if (!b.service.name) errs.push(required(`${p}.service.name`));
      else for (const m of isDNS1035Label(b.service.name)) errs.push(invalid(`${p}.service.name`, b.service.name, m));
      const port = b.service.port ?? {};
      const hasName = !!port.name;
      const hasNum = port.number != null && port.number !== 0;
      if (hasName && hasNum) errs.push(invalid(`${p}.service.port`, null, "cannot set both port name & port number", "networking.ServiceBackendPort{...}"));
      else if (hasName) for (const m of isValidPortName(port.name)) errs.push(invalid(`${p}.service.port.name`, port.name, m));
      else if (hasNum) for (const m of isValidPortNum(port.number)) errs.push(invalid(`${p}.service.port.number`, port.number, m));
      else errs.push(required(`${p}.service.port`, "port name or number is required"));
    }
  };
  if (spec.defaultBackend) validateBackend(spec.defaultBackend, "spec.defaultBackend");
  rules.forEach((r: any, i: number) => {
    const p = `spec.rules[${i}]`;
    if (r?.host) {
      const h = r.host.startsWith("*.") ? r.host.slice(2) : r.host;
      for (const m of isDNS1123Subdomain(h)) errs.push(invalid(`${p}.host`, r.host, m));
    }
    if (!r?.http) return;
    const paths: any[] = r.http.paths ?? [];
    if (paths.length === 0) errs.push(required(`${p}.http.paths`));
    paths.forEach((hp: any, j: number) => {
      const pp = `${p}.http.paths[${j}]`;
      if (!hp?.pathType) errs.push(required(`${pp}.pathType`, "pathType must be specified"));
      else if (!PATH_TYPES.includes(hp.pathType)) errs.push(notSupported(`${pp}.pathType`, hp.pathType, PATH_TYPES));
      if ((hp?.pathType === "Exact" || hp?.pathType === "Prefix") && !String(hp?.path ?? "").startsWith("/")) {
        errs.push(invalid(`${pp}.path`, hp?.path ?? "", "must be an absolute path"));
      }
      validateBackend(hp?.backend, `${pp}.backend`);
    });
  });
  (spec.tls ?? []).forEach((t: any, i: number) => {
    (t?.hosts ?? []).forEach((h: string, j: number) => {
      const hh = h.startsWith("*.") ? h.slice(2) : h;
      for (const m of isDNS1123Subdomain(hh)) errs.push(invalid(`spec.tls[${i}].hosts[${j}]`, h, m));
    });
  });
  return errs;
}

export function validateNetworkPolicy(np: any): FieldError[] {
  const spec = np?.spec ?? {};
  const errs: FieldError[] = [];
  errs.push(...validateLabelSelector(spec.podSelector, "spec.podSelector"));
  const peer = (pe: any, p: string) => {
    const n = ["podSelector", "namespaceSelector", "ipBlock"].filter((k) => pe?.[k] != null).length;
    if (n === 0) errs.push(required(p, "must specify a peer"));
    if (pe?.ipBlock && (pe.podSelector || pe.namespaceSelector)) errs.push(forbidden(p, "may not specify both ipBlock and another peer"));
    if (pe?.podSelector) errs.push(...validateLabelSelector(pe.podSelector, `${p}.podSelector`));
    if (pe?.namespaceSelector) errs.push(...validateLabelSelector(pe.namespaceSelector, `${p}.namespaceSelector`));
    if (pe?.ipBlock && !pe.ipBlock.cidr) errs.push(required(`${p}.ipBlock.cidr`));
  };
  const ports = (ps: any[] | undefined, p: string) =>
    (ps ?? []).forEach((port: any, i: number) => {
      if (port?.protocol && !PROTOCOLS.includes(port.protocol)) errs.push(notSupported(`${p}[${i}].protocol`, port.protocol, PROTOCOLS));
      if (port?.port != null) errs.push(...validatePortNumOrName(port.port, `${p}[${i}].port`));
      if (port?.endPort != null) {
        if (typeof port.port !== "number") errs.push(required(`${p}[${i}].port`, "must be specified when endPort is specified"));
        else if (port.endPort < port.port) errs.push(invalid(`${p}[${i}].endPort`, port.endPort, "must be greater than or equal to `port`"));
      }
    });
  (spec.ingress ?? []).forEach((r: any, i: number) => {
    ports(r?.ports, `spec.ingress[${i}].ports`);
    (r?.from ?? []).forEach((pe: any, j: number) => peer(pe, `spec.ingress[${i}].from[${j}]`));
  });
  (spec.egress ?? []).forEach((r: any, i: number) => {
    ports(r?.ports, `spec.egress[${i}].ports`);
    (r?.to ?? []).forEach((pe: any, j: number) => peer(pe, `spec.egress[${i}].to[${j}]`));
  });
  const pts: string[] = spec.policyTypes ?? [];
  if (pts.length > 2) errs.push(invalid("spec.policyTypes", null, "may not specify more than two policyTypes", "[]networking.PolicyType{...}"));
  pts.forEach((t, i) => {
    if (t !== "Ingress" && t !== "Egress") errs.push(notSupported(`spec.policyTypes[${i}]`, t, ["Ingress", "Egress"]));
  });
  return errs;
}

// ---- RBAC -----------------------------------------------------------------------------------

function validatePolicyRules(rules: any[] | undefined, isNamespaced: boolean): FieldError[] {
  const errs: FieldError[] = [];
  (rules ?? []).forEach((r: any, i: number) => {
    const p = `rules[${i}]`;
    if (!r?.verbs || r.verbs.length === 0) errs.push(required(`${p}.verbs`, "verbs must contain at least one value"));
    const nonRes = (r?.nonResourceURLs ?? []).length > 0;
    if (nonRes) {
      if (isNamespaced) errs.push(invalid(`${p}.nonResourceURLs`, null, "namespaced rules cannot apply to non-resource URLs", "[]string{" + r.nonResourceURLs.map(goQuote).join(", ") + "}"));
      if ((r.apiGroups ?? []).length || (r.resources ?? []).length || (r.resourceNames ?? []).length) {
        errs.push(invalid(`${p}.nonResourceURLs`, null, "rules cannot apply to both regular resources and non-resource URLs", "[]string{" + r.nonResourceURLs.map(goQuote).join(", ") + "}"));
      }
      return;
    }
    if (!r?.apiGroups || r.apiGroups.length === 0) errs.push(required(`${p}.apiGroups`, "resource rules must supply at least one api group"));
    if (!r?.resources || r.resources.length === 0) errs.push(required(`${p}.resources`, "resource rules must supply at least one resource"));
  });
  return errs;
}

export function validateRole(role: any, namespaced: boolean): FieldError[] {
  return validatePolicyRules(role?.rules, namespaced);
}

export function validateRoleBinding(rb: any, namespaced: boolean): FieldError[] {
  const errs: FieldError[] = [];
  const ref = rb?.roleRef ?? {};
  if (ref.apiGroup !== "rbac.authorization.k8s.io") errs.push(notSupported("roleRef.apiGroup", ref.apiGroup ?? "", ["rbac.authorization.k8s.io"]));
  const kinds = namespaced ? ["Role", "ClusterRole"] : ["ClusterRole"];
  if (!kinds.includes(ref.kind)) errs.push(notSupported("roleRef.kind", ref.kind ?? "", kinds));
  if (!ref.name) errs.push(required("roleRef.name"));
  (rb?.subjects ?? []).forEach((s: any, i: number) => {
    const p = `subjects[${i}]`;
    if (!s?.name) errs.push(required(`${p}.name`));
    switch (s?.kind) {
      case "ServiceAccount":
        if (s.name) for (const m of isDNS1123Subdomain(s.name)) errs.push(invalid(`${p}.name`, s.name, m));
        if (s.apiGroup) errs.push(notSupported(`${p}.apiGroup`, s.apiGroup, [""]));
        if (!namespaced && !s.namespace) errs.push(required(`${p}.namespace`));
        break;
      case "User":
      case "Group":
        if (s.apiGroup !== "rbac.authorization.k8s.io") errs.push(notSupported(`${p}.apiGroup`, s.apiGroup ?? "", ["rbac.authorization.k8s.io"]));
        break;
      default:
        errs.push(notSupported(`${p}.kind`, s?.kind ?? "", ["ServiceAccount", "User", "Group"]));
    }
  });
  return errs;
}

export function validateRoleBindingUpdate(rb: any, old: any): FieldError[] {
  const errs: FieldError[] = [];
  if (JSON.stringify(rb?.roleRef ?? {}) !== JSON.stringify(old?.roleRef ?? {})) {
    const r = rb?.roleRef ?? {};
    errs.push(invalid("roleRef", null, "cannot change roleRef", `rbac.RoleRef{APIGroup:${goQuote(r.apiGroup ?? "")}, Kind:${goQuote(r.kind ?? "")}, Name:${goQuote(r.name ?? "")}}`));
  }
  return errs;
}

// ---- autoscaling / policy -------------------------------------------------------------------

export function validateHPA(hpa: any): FieldError[] {
  const spec = hpa?.spec ?? {};
  const errs: FieldError[] = [];
  const ref = spec.scaleTargetRef ?? {};
  if (!ref.kind) errs.push(required("spec.scaleTargetRef.kind"));
  if (!ref.name) errs.push(required("spec.scaleTargetRef.name"));
  if (spec.minReplicas != null && spec.minReplicas < 1) errs.push(invalid("spec.minReplicas", spec.minReplicas, "must be greater than or equal to 1"));
  if (spec.maxReplicas == null || spec.maxReplicas < 1) errs.push(invalid("spec.maxReplicas", spec.maxReplicas ?? 0, "must be greater than 0"));
  if (spec.minReplicas != null && spec.maxReplicas != null && spec.maxReplicas < spec.minReplicas) {
    errs.push(invalid("spec.maxReplicas", spec.maxReplicas, "must be greater than or equal to `minReplicas`"));
  }
  (spec.metrics ?? []).forEach((m: any, i: number) => {
    const p = `spec.metrics[${i}]`;
    const types = ["ContainerResource", "External", "Object", "Pods", "Resource"];
    if (!m?.type) errs.push(required(`${p}.type`, "must specify a metric source type"));
    else if (!types.includes(m.type)) errs.push(notSupported(`${p}.type`, m.type, types));
    if (m?.type === "Resource") {
      const r = m.resource ?? {};
      if (!r.name) errs.push(required(`${p}.resource.name`, "must specify a resource name"));
      const t = r.target ?? {};
      if (!t.type) errs.push(required(`${p}.resource.target.type`, "must specify a metric target type"));
      else if (!["AverageValue", "Utilization", "Value"].includes(t.type)) errs.push(notSupported(`${p}.resource.target.type`, t.type, ["AverageValue", "Utilization", "Value"]));
      if (t.averageUtilization != null && t.averageUtilization < 1) errs.push(invalid(`${p}.resource.target.averageUtilization`, t.averageUtilization, "must be greater than 0"));
    }
  });
  return errs;
}

export function validatePDB(pdb: any): FieldError[] {
  const spec = pdb?.spec ?? {};
  const errs: FieldError[] = [];
  if (spec.minAvailable != null && spec.maxUnavailable != null) errs.push(invalid("spec", null, "minAvailable and maxUnavailable cannot be both set", "policy.PodDisruptionBudgetSpec{...}"));
  for (const f of ["minAvailable", "maxUnavailable"]) {
    const v = spec[f];
    if (v == null) continue;
    if (typeof v === "number" && v < 0) errs.push(invalid(`spec.${f}`, v, IS_NEGATIVE_ERROR_MSG));
    if (typeof v === "string") {
      if (!/^[0-9]+%$/.test(v)) errs.push(invalid(`spec.${f}`, v, "a valid percent string must be a numeric string followed by an ending '%' (e.g. '1%',  or '93%', regex used for validation is '[0-9]+%')"));
      else if (parseInt(v, 10) > 100) errs.push(invalid(`spec.${f}`, v, "must not be greater than 100%"));
    }
  }
  if (spec.selector) errs.push(...validateLabelSelector(spec.selector, "spec.selector"));
  if (spec.unhealthyPodEvictionPolicy != null && !["AlwaysAllow", "IfHealthyBudget"].includes(spec.unhealthyPodEvictionPolicy)) {
    errs.push(notSupported("spec.unhealthyPodEvictionPolicy", spec.unhealthyPodEvictionPolicy, ["AlwaysAllow", "IfHealthyBudget"]));
  }
  return errs;
}

// ---- storage / scheduling / core misc --------------------------------------------------------

export function validateStorageClass(sc: any): FieldError[] {
  const errs: FieldError[] = [];
  if (!sc?.provisioner) errs.push(required("provisioner"));
  else for (const m of isQualifiedName(sc.provisioner.toLowerCase())) errs.push(invalid("provisioner", sc.provisioner, m));
  if (sc?.reclaimPolicy && !["Delete", "Retain"].includes(sc.reclaimPolicy)) errs.push(notSupported("reclaimPolicy", sc.reclaimPolicy, ["Delete", "Retain"]));
  if (sc?.volumeBindingMode && !["Immediate", "WaitForFirstConsumer"].includes(sc.volumeBindingMode)) {
    errs.push(notSupported("volumeBindingMode", sc.volumeBindingMode, ["Immediate", "WaitForFirstConsumer"]));
  }
  return errs;
}

export function validatePriorityClass(pc: any): FieldError[] {
  const errs: FieldError[] = [];
  if (pc?.value != null && pc.value > 1000000000 && !String(pc?.metadata?.name ?? "").startsWith("system-")) {
    errs.push(forbidden("value", "maximum allowed value of a user defined priority is 1000000000"));
  }
  return errs;
}

export { INCLUSIVE_RANGE, nonneg };
