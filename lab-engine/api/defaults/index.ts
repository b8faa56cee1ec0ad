// Defaulting as the 1.32 API server's SetDefaults_* functions do it (pkg/apis/*/v1/defaults.go,
// run by the generated defaulters on every decode), plus the few PrepareForCreate steps that
// shape what `-o yaml` shows (Job selector/labels, Namespace finalizers, Service IP families).
// Pure and deterministic: anything random (clusterIP, nodePort, uid) comes from the caller.
import type { KObject } from "../types.ts";

export interface DefaultsContext {
  /** uid for Job selector generation; defaults to obj.metadata.uid (the server assigns it before defaulting). */
  uid?: string;
}

const DEFAULT_TERMINATION_MESSAGE_PATH = "/dev/termination-log";

/** parsers.ParseImageName's tag: "latest" when neither tag nor digest is given. */
export function imageTag(image: string): string {
  if (!image) return "latest";
  if (image.includes("@")) {
    const before = image.split("@")[0];
    const lastSlash = before.lastIndexOf("/");
    const colon = before.lastIndexOf(":");
    return colon > lastSlash ? before.slice(colon + 1) : "";
  }
  const lastSlash = image.lastIndexOf("/");
  const colon = image.lastIndexOf(":");
  return colon > lastSlash ? image.slice(colon + 1) : "latest";
}

export function defaultImagePullPolicy(image: string): "Always" | "IfNotPresent" {
  return imageTag(image) === "latest" ? "Always" : "IfNotPresent";
}

function defaultHTTPGet(h: any) {
  if (!h) return;
  if (!h.path) h.path = "/";
  if (!h.scheme) h.scheme = "HTTP";
}

function defaultProbe(p: any) {
  if (!p) return;
  p.timeoutSeconds ??= 1;
  p.periodSeconds ??= 10;
  p.successThreshold ??= 1;
  p.failureThreshold ??= 3;
  if (!p.timeoutSeconds) p.timeoutSeconds = 1;
  if (!p.periodSeconds) p.periodSeconds = 10;
  if (!p.successThreshold) p.successThreshold = 1;
  if (!p.failureThreshold) p.failureThreshold = 3;
  defaultHTTPGet(p.httpGet);
}

function defaultEnv(env: any[] | undefined) {
  for (const e of env ?? []) {
    const fr = e?.valueFrom?.fieldRef;
    if (fr && !fr.apiVersion) fr.apiVersion = "v1";
    const rf = e?.valueFrom?.resourceFieldRef;
    if (rf && rf.divisor === undefined) rf.divisor = "0";
  }
}

function defaultContainer(c: any) {
  if (!c || typeof c !== "object") return;
  if (!c.imagePullPolicy) c.imagePullPolicy = defaultImagePullPolicy(c.image ?? "");
  if (!c.terminationMessagePath) c.terminationMessagePath = DEFAULT_TERMINATION_MESSAGE_PATH;
  if (!c.terminationMessagePolicy) c.terminationMessagePolicy = "File";
  if (c.resources === undefined) c.resources = {};
  for (const p of c.ports ?? []) if (p && !p.protocol) p.protocol = "TCP";
  defaultProbe(c.livenessProbe);
  defaultProbe(c.readinessProbe);
  defaultProbe(c.startupProbe);
  for (const h of [c.lifecycle?.postStart, c.lifecycle?.preStop]) defaultHTTPGet(h?.httpGet);
  defaultEnv(c.env);
}

function defaultVolume(v: any) {
  if (!v || typeof v !== "object") return;
  const sources = Object.keys(v).filter((k) => k !== "name" && v[k] != null);
  if (sources.length === 0) v.emptyDir = {};
  if (v.secret) v.secret.defaultMode ??= 420;
  if (v.configMap) v.configMap.defaultMode ??= 420;
  if (v.projected) v.projected.defaultMode ??= 420;
  if (v.downwardAPI) {
    v.downwardAPI.defaultMode ??= 420;
    for (const it of v.downwardAPI.items ?? []) if (it?.fieldRef && !it.fieldRef.apiVersion) it.fieldRef.apiVersion = "v1";
  }
  if (v.hostPath) v.hostPath.type ??= "";
  if (v.projected) {
    for (const s of v.projected.sources ?? []) {
      for (const it of s?.downwardAPI?.items ?? []) if (it?.fieldRef && !it.fieldRef.apiVersion) it.fieldRef.apiVersion = "v1";
      if (s?.serviceAccountToken) s.serviceAccountToken.expirationSeconds ??= 3600;
    }
  }
}

/** SetDefaults_PodSpec + containers/volumes (applies to pods and pod templates). */
export function defaultPodSpec(spec: any) {
  if (!spec || typeof spec !== "object") return;
  if (!spec.dnsPolicy) spec.dnsPolicy = "ClusterFirst";
  if (!spec.restartPolicy) spec.restartPolicy = "Always";
  if (spec.securityContext == null) spec.securityContext = {};
  if (spec.terminationGracePeriodSeconds == null) spec.terminationGracePeriodSeconds = 30;
  if (!spec.schedulerName) spec.schedulerName = "default-scheduler";
  for (const c of spec.containers ?? []) defaultContainer(c);
  for (const c of spec.initContainers ?? []) defaultContainer(c);
  for (const c of spec.ephemeralContainers ?? []) defaultContainer(c);
  for (const v of spec.volumes ?? []) defaultVolume(v);
  if (spec.hostNetwork) {
    for (const c of [...(spec.containers ?? []), ...(spec.initContainers ?? [])]) {
      for (const p of c?.ports ?? []) if (p && !p.hostPort) p.hostPort = p.containerPort;
    }
  }
}

/** SetDefaults_Pod: requests default to limits (pods only, not templates), enableServiceLinks. */
export function defaultPod(pod: any) {
  const spec = pod.spec ?? (pod.spec = {});
  for (const c of [...(spec.containers ?? []), ...(spec.initContainers ?? [])]) {
    const lim = c?.resources?.limits;
    if (lim) {
      c.resources.requests ??= {};
      for (const k of Object.keys(lim)) if (!(k in c.resources.requests)) c.resources.requests[k] = lim[k];
    }
  }
  if (spec.enableServiceLinks == null) spec.enableServiceLinks = true;
  defaultPodSpec(spec);
}

/** Embedded ObjectMeta serializes a zero creationTimestamp as null in 1.32 (`creationTimestamp: null`). */
function templateMeta(t: any) {
  t.metadata ??= {};
  if (t.metadata.creationTimestamp === undefined) t.metadata.creationTimestamp = null;
}

function defaultTemplate(tpl: any) {
  if (!tpl) return;
  templateMeta(tpl);
  tpl.spec ??= {};
  defaultPodSpec(tpl.spec);
}

function defaultPVCSpec(spec: any) {
  if (!spec) return;
  if (!spec.volumeMode) spec.volumeMode = "Filesystem";
}

const DEFAULTERS: Record<string, (o: any, ctx: DefaultsContext) => void> = {
  pods: (o) => defaultPod(o),
  podtemplates: (o) => defaultTemplate(o.template),
  replicationcontrollers: (o) => {
    const spec = (o.spec ??= {});
    const labels = spec.template?.metadata?.labels;
    if (labels && Object.keys(labels).length) {
      if (!spec.selector || Object.keys(spec.selector).length === 0) spec.selector = { ...labels };
      if (!o.metadata.labels || Object.keys(o.metadata.labels).length === 0) o.metadata.labels = { ...labels };
    }
    spec.replicas ??= 1;
    defaultTemplate(spec.template);
  },
  services: (o) => {
    const spec = (o.spec ??= {});
    if (!spec.sessionAffinity) spec.sessionAffinity = "None";
    if (spec.sessionAffinity === "None") delete spec.sessionAffinityConfig;
    if (spec.sessionAffinity === "ClientIP" && spec.sessionAffinityConfig?.clientIP?.timeoutSeconds == null) {
      spec.sessionAffinityConfig = { clientIP: { timeoutSeconds: 10800 } };
    }
    if (!spec.type) spec.type = "ClusterIP";
    for (const p of spec.ports ?? []) {
      if (!p) continue;
      if (!p.protocol) p.protocol = "TCP";
      if (p.targetPort === undefined || p.targetPort === 0 || p.targetPort === "") p.targetPort = p.port;
    }
    const external = spec.type === "LoadBalancer" || spec.type === "NodePort" || (spec.type === "ClusterIP" && (spec.externalIPs ?? []).length > 0);
    if (external && !spec.externalTrafficPolicy) spec.externalTrafficPolicy = "Cluster";
    if (spec.internalTrafficPolicy == null && ["NodePort", "LoadBalancer", "ClusterIP"].includes(spec.type)) spec.internalTrafficPolicy = "Cluster";
    if (spec.type === "LoadBalancer" && spec.allocateLoadBalancerNodePorts == null) spec.allocateLoadBalancerNodePorts = true;
    // IP families (set by the service REST storage on a single-stack IPv4 cluster)
    if (spec.type !== "ExternalName") {
      spec.ipFamilies ??= ["IPv4"];
      spec.ipFamilyPolicy ??= "SingleStack";
    }
  },
  secrets: (o) => {
    if (!o.type) o.type = "Opaque";
  },
  namespaces: (o) => {
    o.metadata.labels ??= {};
    o.metadata.labels["kubernetes.io/metadata.name"] = o.metadata.name;
    o.spec ??= {};
    if (!o.spec.finalizers) o.spec.finalizers = ["kubernetes"];
    o.status ??= {};
    if (!o.status.phase) o.status.phase = "Active";
  },
  persistentvolumes: (o) => {
    const spec = (o.spec ??= {});
    if (!spec.persistentVolumeReclaimPolicy) spec.persistentVolumeReclaimPolicy = "Retain";
    if (!spec.volumeMode) spec.volumeMode = "Filesystem";
    o.status ??= {};
    if (!o.status.phase) o.status.phase = "Pending";
  },
  persistentvolumeclaims: (o) => {
    defaultPVCSpec((o.spec ??= {}));
    o.status ??= {};
    if (!o.status.phase) o.status.phase = "Pending";
  },
  endpoints: (o) => {
    for (const s of o.subsets ?? []) for (const p of s?.ports ?? []) if (p && !p.protocol) p.protocol = "TCP";
  },
  limitranges: (o) => {
    for (const item of o.spec?.limits ?? []) {
      if (item?.type !== "Container") continue;
      item.default ??= {};
      item.defaultRequest ??= {};
      for (const [k, v] of Object.entries(item.max ?? {})) if (!(k in item.default)) item.default[k] = v;
      for (const [k, v] of Object.entries(item.default)) if (!(k in item.defaultRequest)) item.defaultRequest[k] = v;
      for (const [k, v] of Object.entries(item.min ?? {})) if (!(k in item.defaultRequest)) item.defaultRequest[k] = v;
    }
  },
  deployments: (o) => {
    const spec = (o.spec ??= {});
    spec.replicas ??= 1;
    spec.strategy ??= {};
    if (!spec.strategy.type) spec.strategy.type = "RollingUpdate";
    if (spec.strategy.type === "RollingUpdate") {
      spec.strategy.rollingUpdate ??= {};
      spec.strategy.rollingUpdate.maxUnavailable ??= "25%";
      spec.strategy.rollingUpdate.maxSurge ??= "25%";
    }
    spec.revisionHistoryLimit ??= 10;
    spec.progressDeadlineSeconds ??= 600;
    defaultTemplate((spec.template ??= {}));
  },
  replicasets: (o) => {
    const spec = (o.spec ??= {});
    spec.replicas ??= 1;
    defaultTemplate((spec.template ??= {}));
  },
  daemonsets: (o) => {
    const spec = (o.spec ??= {});
    spec.updateStrategy ??= {};
    if (!spec.updateStrategy.type) spec.updateStrategy.type = "RollingUpdate";
    if (spec.updateStrategy.type === "RollingUpdate") {
      spec.updateStrategy.rollingUpdate ??= {};
      spec.updateStrategy.rollingUpdate.maxUnavailable ??= 1;
      spec.updateStrategy.rollingUpdate.maxSurge ??= 0;
    }
    spec.revisionHistoryLimit ??= 10;
    defaultTemplate((spec.template ??= {}));
  },
  statefulsets: (o) => {
    const spec = (o.spec ??= {});
    if (!spec.podManagementPolicy) spec.podManagementPolicy = "OrderedReady";
    spec.updateStrategy ??= {};
    if (!spec.updateStrategy.type) spec.updateStrategy.type = "RollingUpdate";
    if (spec.updateStrategy.type === "RollingUpdate") {
      spec.updateStrategy.rollingUpdate ??= {};
      spec.updateStrategy.rollingUpdate.partition ??= 0;
    }
    spec.persistentVolumeClaimRetentionPolicy ??= {};
    spec.persistentVolumeClaimRetentionPolicy.whenDeleted ??= "Retain";
    spec.persistentVolumeClaimRetentionPolicy.whenScaled ??= "Retain";
    spec.replicas ??= 1;
    spec.revisionHistoryLimit ??= 10;
    for (const t of spec.volumeClaimTemplates ?? []) {
      if (!t) continue;
      t.apiVersion ??= "v1";
      t.kind ??= "PersistentVolumeClaim";
      templateMeta(t);
      defaultPVCSpec((t.spec ??= {}));
      t.status ??= {};
      if (!t.status.phase) t.status.phase = "Pending";
    }
    defaultTemplate((spec.template ??= {}));
  },
  jobs: (o, ctx) => {
    const spec = (o.spec ??= {});
    if (spec.completions == null && spec.parallelism == null) {
      spec.completions = 1;
      spec.parallelism = 1;
    }
    spec.parallelism ??= 1;
    if (spec.backoffLimit == null) spec.backoffLimit = spec.backoffLimitPerIndex != null ? 2147483647 : 6;
    if (!spec.completionMode) spec.completionMode = "NonIndexed";
    spec.suspend ??= false;
    if (!spec.podReplacementPolicy) spec.podReplacementPolicy = spec.podFailurePolicy ? "Failed" : "TerminatingOrFailed";
    for (const r of spec.podFailurePolicy?.rules ?? []) for (const c of r?.onPodConditions ?? []) c.status ??= "True";
    const tpl = (spec.template ??= {});
    tpl.metadata ??= {};
    // PrepareForCreate: generateSelector (unless manualSelector)
    const uid = ctx.uid ?? o.metadata?.uid;
    if (spec.manualSelector !== true && uid && !spec.selector) {
      const name = o.metadata?.name ?? "";
      tpl.metadata.labels = {
        ...(tpl.metadata.labels ?? {}),
        "batch.kubernetes.io/controller-uid": uid,
        "batch.kubernetes.io/job-name": name,
        "controller-uid": uid,
        "job-name": name,
      };
      spec.selector = { matchLabels: { "batch.kubernetes.io/controller-uid": uid } };
    }
    // SetDefaults_Job: metadata labels from the template labels when unset
    const tl = tpl.metadata.labels;
    if (tl && Object.keys(tl).length && (!o.metadata.labels || Object.keys(o.metadata.labels).length === 0)) o.metadata.labels = { ...tl };
    defaultTemplate(tpl);
  },
  cronjobs: (o) => {
    const spec = (o.spec ??= {});
    if (!spec.concurrencyPolicy) spec.concurrencyPolicy = "Allow";
    spec.suspend ??= false;
    spec.successfulJobsHistoryLimit ??= 3;
    spec.failedJobsHistoryLimit ??= 1;
    spec.jobTemplate ??= {};
    templateMeta(spec.jobTemplate);
    spec.jobTemplate.spec ??= {};
    defaultTemplate((spec.jobTemplate.spec.template ??= {}));
  },
  networkpolicies: (o) => {
    const spec = (o.spec ??= {});
    for (const r of [...(spec.ingress ?? []), ...(spec.egress ?? [])]) for (const p of r?.ports ?? []) if (p && !p.protocol) p.protocol = "TCP";
    if (!spec.policyTypes || spec.policyTypes.length === 0) {
      spec.policyTypes = ["Ingress"];
      if ((spec.egress ?? []).length > 0) spec.policyTypes.push("Egress");
    }
  },
  rolebindings: (o) => defaultBinding(o),
  clusterrolebindings: (o) => defaultBinding(o),
  storageclasses: (o) => {
    if (!o.reclaimPolicy) o.reclaimPolicy = "Delete";
    if (!o.volumeBindingMode) o.volumeBindingMode = "Immediate";
  },
  priorityclasses: (o) => {
    if (!o.preemptionPolicy) o.preemptionPolicy = "PreemptLowerPriority";
  },
  horizontalpodautoscalers: (o) => {
    const spec = (o.spec ??= {});
    spec.minReplicas ??= 1;
    if (o.apiVersion === "autoscaling/v1") return;
    if (!spec.metrics || spec.metrics.length === 0) {
      spec.metrics = [{ type: "Resource", resource: { name: "cpu", target: { type: "Utilization", averageUtilization: 80 } } }];
    }
    if (spec.behavior) {
      const up = (spec.behavior.scaleUp ??= {});
      up.stabilizationWindowSeconds ??= 0;
      up.selectPolicy ??= "Max";
      up.policies ??= [
        { type: "Pods", value: 4, periodSeconds: 15 },
        { type: "Percent", value: 100, periodSeconds: 15 },
      ];
      const down = (spec.behavior.scaleDown ??= {});
      down.stabilizationWindowSeconds ??= 300;
      down.selectPolicy ??= "Max";
      down.policies ??= [{ type: "Percent", value: 100, periodSeconds: 15 }];
    }
  },
};

function defaultBinding(o: any) {
  o.roleRef ??= {};
  if (!o.roleRef.apiGroup) o.roleRef.apiGroup = "rbac.authorization.k8s.io";
  for (const s of o.subjects ?? []) {
    if (!s || s.apiGroup) continue;
    if (s.kind === "ServiceAccount") s.apiGroup = "";
    else if (s.kind === "User" || s.kind === "Group") s.apiGroup = "rbac.authorization.k8s.io";
  }
  for (const s of o.subjects ?? []) if (s?.kind === "ServiceAccount" && s.apiGroup === "") delete s.apiGroup;
}

/** Apply the server's defaults for `resource` (plural) to `obj` in place. Returns obj. */
export function applyDefaults<T extends KObject>(resource: string, obj: T, ctx: DefaultsContext = {}): T {
  obj.metadata ??= {} as any;
  DEFAULTERS[resource]?.(obj, ctx);
  return obj;
}

export type QoSClass = "Guaranteed" | "Burstable" | "BestEffort";

/**
 * v1 qos.GetPodQOS (1.32): only cpu and memory count; init containers included.
 * BestEffort: no requests/limits at all. Guaranteed: every container has cpu+memory limits
 * and requests equal to them (requests default to limits for pods). Otherwise Burstable.
 */
export function qosClass(podSpec: any): QoSClass {
  const requests: Record<string, bigint> = {};
  const limits: Record<string, bigint> = {};
  let isGuaranteed = true;
  const containers = [...(podSpec?.containers ?? []), ...(podSpec?.initContainers ?? [])];
  const q = (v: unknown) => parseQ(v);
  for (const c of containers) {
    const reqs = c?.resources?.requests ?? {};
    const lims = c?.resources?.limits ?? {};
    for (const name of ["cpu", "memory"]) {
      if (name in reqs) {
        const v = q(reqs[name]);
        if (v !== 0n) requests[name] = (requests[name] ?? 0n) + v;
      }
    }
    const seenLimits = new Set<string>();
    for (const name of ["cpu", "memory"]) {
      if (name in lims) {
        const v = q(lims[name]);
        if (v !== 0n) {
          seenLimits.add(name);
          limits[name] = (limits[name] ?? 0n) + v;
        }
      }
    }
    if (!seenLimits.has("cpu") || !seenLimits.has("memory")) isGuaranteed = false;
  }
  if (Object.keys(requests).length === 0 && Object.keys(limits).length === 0) return "BestEffort";
  if (isGuaranteed) {
    for (const [k, v] of Object.entries(requests)) {
      if (limits[k] === undefined || limits[k] !== v) {
        isGuaranteed = false;
        break;
      }
    }
  }
  if (isGuaranteed && Object.keys(requests).length === Object.keys(limits).length) return "Guaranteed";
  return "Burstable";
}

// Local quantity parse to nano units (kept here so defaults/ has no dependency on validation/).
function parseQ(v: unknown): bigint {
  const s = typeof v === "number" ? String(v) : typeof v === "string" ? v : "";
  const m = /^([+-]?)([0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:([eE][+-]?[0-9]+)|(Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|M|G|T|P|E))?$/.exec(s);
  if (!m) return 0n;
  const [ip, fp = ""] = m[2].split(".");
  const digits = BigInt((ip || "0") + fp);
  let scale = -fp.length + 9;
  let mult = 1n;
  const BIN: Record<string, bigint> = { Ki: 1n << 10n, Mi: 1n << 20n, Gi: 1n << 30n, Ti: 1n << 40n, Pi: 1n << 50n, Ei: 1n << 60n };
  const DEC: Record<string, number> = { n: -9, u: -6, m: -3, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 };
  if (m[3]) scale += parseInt(m[3].slice(1), 10);
  else if (m[4] && BIN[m[4]]) mult = BIN[m[4]];
  else if (m[4]) scale += DEC[m[4]];
  let n = scale >= 0 ? digits * mult * 10n ** BigInt(scale) : (digits * mult) / 10n ** BigInt(-scale);
  if (m[1] === "-") n = -n;
  return n;
}
