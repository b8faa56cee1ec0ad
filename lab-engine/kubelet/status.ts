// Pod status as the kubelet reports it (status_manager + kubelet_pods.go generateAPIPodStatus):
// phase, the five conditions in the real order, IPs, QoS class and per-container states.

import type { Cluster } from "../cluster/cluster.ts";
import type { KObject } from "../api/types.ts";
import { qosClass } from "../scheduler/resources.ts";
import { parseImage, imageID } from "./images.ts";
import type { CtrRt, Instance, PodRt } from "./state.ts";

/** RFC 3339, second precision (metav1.Time); local copy keeps this module free of value imports from cluster.ts. */
function iso(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace(/\.\d{3}Z$/, "Z");
}

function terminated(inst: Instance): any {
  return {
    containerID: `containerd://${inst.id}`,
    exitCode: inst.exitCode ?? 0,
    finishedAt: iso(inst.finishedAt ?? inst.startedAt),
    reason: inst.reason ?? "Completed",
    startedAt: iso(inst.startedAt),
  };
}

function ctrStatus(spec: any, rt: CtrRt, initRunning: boolean): any {
  // A running container reports the image it runs, not a newer one the spec already names.
  const running = rt.cur && rt.cur.finishedAt === undefined ? rt.cur.image : undefined;
  const ref = parseImage(running ?? spec.image ?? "");
  const out: any = {};
  const id = rt.cur?.id ?? rt.last?.id;
  if (id) out.containerID = `containerd://${id}`;
  out.image = rt.resolved ? ref.full : (running ?? spec.image);
  out.imageID = rt.resolved ? imageID(ref) : "";
  out.lastState = rt.last ? { terminated: terminated(rt.last) } : {};
  out.name = rt.name;
  out.ready = rt.ready;
  out.restartCount = rt.restarts;
  out.started = rt.started;
  // 1.32 reports the mounts (RecursiveReadOnlyMounts).
  if (spec.volumeMounts?.length) {
    out.volumeMounts = spec.volumeMounts.map((m: any) => ({ mountPath: m.mountPath, name: m.name, ...(m.readOnly ? { readOnly: true, recursiveReadOnly: "Disabled" } : {}) }));
  }
  const cur = rt.cur;
  if (cur && cur.finishedAt === undefined && rt.st === "postStart") {
    // The kubelet reports the container only after its postStart handler returned.
    out.state = { waiting: { reason: rt.init || initRunning ? "PodInitializing" : "ContainerCreating" } };
  } else if (cur && cur.finishedAt === undefined && rt.kill === "postStart" && rt.hookErr) {
    out.state = { waiting: { reason: "PostStartHookError", message: rt.hookErr } };
  } else if (cur && cur.finishedAt === undefined) out.state = { running: { startedAt: iso(cur.startedAt) } };
  else if (cur) out.state = { terminated: terminated(cur) };
  else {
    // convertToAPIContainerStatuses: a pod with init containers reports PodInitializing by default.
    const reason = rt.reason ?? (rt.init || initRunning ? "PodInitializing" : "ContainerCreating");
    out.state = { waiting: { reason, ...(rt.msg ? { message: rt.msg } : {}) } };
  }
  return out;
}

function cond(type: string, ok: boolean, since: string, reason?: string, message?: string): any {
  return { lastProbeTime: null, lastTransitionTime: since, status: ok ? "True" : "False", type, ...(!ok && reason ? { reason } : {}), ...(!ok && message ? { message } : {}) };
}

export function computePhase(pod: KObject, rt: PodRt): string {
  const inits = rt.ctrs.filter((x) => x.init && !x.sidecar);
  const regular = rt.ctrs.filter((x) => !x.init);
  // A failed init container with no restart coming fails the pod.
  if (inits.some((x) => x.final && x.cur?.finishedAt !== undefined && x.cur.exitCode !== 0)) return "Failed";
  if (rt.rejected) return "Failed";
  if (!regular.some((x) => x.cur || x.last)) return "Pending";
  const allDone = regular.every((x) => x.final && (x.cur?.finishedAt !== undefined || (!x.cur && x.last)));
  if (allDone) return regular.every((x) => (x.cur ?? x.last)?.exitCode === 0) ? "Succeeded" : "Failed";
  return "Running";
}

/** Build the status object for a pod from its runtime record. */
export function buildStatus(c: Cluster, pod: KObject, rt: PodRt): any {
  const prev = pod.status ?? {};
  const now = c.isoNow();
  const prevConds: any[] = prev.conditions ?? [];
  const since = (type: string, ok: boolean) => {
    const p = prevConds.find((x) => x.type === type);
    return p && p.status === (ok ? "True" : "False") ? p.lastTransitionTime : now;
  };
  const specs = new Map<string, any>([...(pod.spec?.initContainers ?? []), ...(pod.spec?.containers ?? [])].map((x: any) => [x.name, x]));
  const inits = rt.ctrs.filter((x) => x.init);
  const regular = rt.ctrs.filter((x) => !x.init);
  const initDone = inits.every((x) => (x.sidecar ? x.started : x.cur?.finishedAt !== undefined && x.cur.exitCode === 0) || (x.final && x.cur?.exitCode === 0));
  const incomplete = inits.filter((x) => !(x.sidecar ? x.started : x.cur?.finishedAt !== undefined && x.cur.exitCode === 0)).map((x) => x.name);
  const phase = computePhase(pod, rt);
  const unready = regular.filter((x) => !x.ready).map((x) => x.name);
  const sidecarsUnready = inits.filter((x) => x.sidecar && !x.ready).map((x) => x.name);
  const allUnready = [...sidecarsUnready, ...unready];
  const terminal = phase === "Succeeded" || phase === "Failed";
  const containersReady = allUnready.length === 0 && !terminal;
  const readinessGates: any[] = pod.spec?.readinessGates ?? [];
  const gatesOk = readinessGates.every((g) => prevConds.find((x) => x.type === g.conditionType)?.status === "True");
  const ready = containersReady && gatesOk;
  const readyReason = terminal ? "PodCompleted" : "ContainersNotReady";
  const unreadyMsg = `containers with unready status: [${allUnready.join(" ")}]`;
  const conditions: any[] = [
    cond("PodReadyToStartContainers", rt.sandboxReady && !(terminal && rt.terminating), since("PodReadyToStartContainers", rt.sandboxReady)),
    cond("Initialized", initDone, since("Initialized", initDone), terminal && initDone ? "PodCompleted" : "ContainersNotInitialized", `containers with incomplete status: [${incomplete.join(" ")}]`),
    cond("Ready", ready, since("Ready", ready), readyReason, terminal ? undefined : containersReady ? `the status of pod readiness gate ${readinessGates.filter((g) => prevConds.find((x) => x.type === g.conditionType)?.status !== "True").map((g) => `"${g.conditionType}"`).join(", ")} is not "True", but False` : unreadyMsg),
    cond("ContainersReady", containersReady, since("ContainersReady", containersReady), readyReason, terminal ? undefined : unreadyMsg),
  ];
  if (terminal) {
    conditions[2] = { ...conditions[2], reason: "PodCompleted" };
    conditions[3] = { ...conditions[3], reason: "PodCompleted" };
    delete conditions[2].message;
    delete conditions[3].message;
    if (initDone) conditions[1] = { ...conditions[1] };
  }
  // Keep conditions other controllers own (PodScheduled, DisruptionTarget, readiness gates).
  const kept = prevConds.filter((x) => !["PodReadyToStartContainers", "Initialized", "Ready", "ContainersReady"].includes(x.type));
  const scheduled = kept.find((x) => x.type === "PodScheduled") ?? cond("PodScheduled", true, now);
  const others = kept.filter((x) => x.type !== "PodScheduled");
  const status: any = {
    ...(others.length ? {} : {}),
    conditions: [...conditions, scheduled, ...others],
    hostIP: rt.hostIP,
    hostIPs: [{ ip: rt.hostIP }],
    phase,
  };
  if (rt.sandboxReady && rt.ip) {
    status.podIP = rt.ip;
    status.podIPs = [{ ip: rt.ip }];
  }
  status.qosClass = qosClass(pod);
  status.startTime = iso(rt.startTime);
  const initRunning = !initDone;
  if (inits.length) status.initContainerStatuses = inits.map((x) => ctrStatus(specs.get(x.name) ?? {}, x, false));
  status.containerStatuses = regular.map((x) => ctrStatus(specs.get(x.name) ?? {}, x, inits.length > 0));
  if (prev.nominatedNodeName) status.nominatedNodeName = prev.nominatedNodeName;
  if (prev.reason) status.reason = prev.reason;
  if (prev.message) status.message = prev.message;
  return status;
}
