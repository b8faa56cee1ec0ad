// The kubelets of all nodes plus containerd, as one controller. Each pod bound to a node gets a
// runtime record (state.ts) whose timestamps drive every transition: sandbox ready, image pull
// done, container start, process exit, probe ticks, back-offs, graceful stop. `sync` applies
// what is due and writes pod status; `nextDue` tells the cluster clock the next transition.

import type { Controller } from "../cluster/controllers.ts";
import type { Cluster } from "../cluster/cluster.ts";
import type { KObject } from "../api/types.ts";
import { goDuration } from "../util/duration.ts";
import { allocatePodIP, nodeIP, releasePodIP } from "../network/ipam.ts";
import { isNodeStopped } from "../controllers/node-lifecycle.ts";
import { podRequests, nodeAllocatable, isActiveOnNode } from "../scheduler/resources.ts";
import { effectivePullPolicy, imageSize, lookupImage, nginxStartLog, parseImage, pullError } from "./images.ts";
import { buildProgram, NGINX_DATE, resolveArgv, resumeProgram } from "./program.ts";
import { ConfigError, containerEnvOrThrow } from "./env.ts";
import { missingVolumeSources } from "./fs.ts";
import { addFileOps, evalProbe, filesAt, probeClient, settledAt, userlandOf } from "./probes.ts";
import { logProbeEvery } from "./http.ts";
import { dropPodVolumes, retireInstance, writableMounts, writeVolume } from "./volumes.ts";
import { buildStatus } from "./status.ts";
import { kstate, type CtrRt, type Instance, type PodRt } from "./state.ts";
import { compileScript, parseSleep, quoteArgv, withScriptNetContext } from "./shell-sim.ts";

/** "Never" as a JSON-safe number (Infinity would not survive a snapshot). */
export const NEVER = 8.64e15;
const SANDBOX_MS = 600;
const CREATE_MS = 150;
const RESTART_DELAY_MS = 1000;
const MAX_BACKOFF_MS = 300_000;
const BACKOFF_RESET_MS = 600_000;
const IMAGE_BACKOFF_MS = 10_000;
/** Pod re-sync interval while a container backs off (each sync re-records the BackOff event). */
const BACKOFF_EVENT_MS = 15_000;

type Ctx = { c: Cluster; pod: KObject; rt: PodRt };

function specOf(pod: KObject, x: CtrRt): any {
  const list = x.init ? pod.spec?.initContainers : pod.spec?.containers;
  return (list ?? []).find((s: any) => s.name === x.name) ?? {};
}

function fieldPath(x: CtrRt): string {
  return x.init ? `spec.initContainers{${x.name}}` : `spec.containers{${x.name}}`;
}

function ev(k: Ctx, x: CtrRt | undefined, type: "Normal" | "Warning", reason: string, message: string): void {
  const cur = k.c.store.get("pods", k.rt.ns, k.rt.name) ?? k.pod;
  k.c.events.record(cur, type, reason, message, { component: "kubelet", host: k.rt.node }, x ? fieldPath(x) : undefined);
}

function podKey(rt: PodRt): string {
  return `${rt.name}_${rt.ns}(${rt.uid})`;
}

// ---------- admission ----------

function admit(c: Cluster, pod: KObject, node: KObject): PodRt {
  const hostIP = nodeIP(node);
  const rt: PodRt = {
    uid: pod.metadata.uid,
    ns: pod.metadata.namespace ?? "default",
    name: pod.metadata.name,
    node: node.metadata.name,
    startTime: c.now,
    sandboxAt: c.now + SANDBOX_MS,
    sandboxReady: false,
    ip: pod.spec?.hostNetwork ? hostIP : allocatePodIP(c, node, pod.metadata.uid),
    hostIP,
    ctrs: [
      ...(pod.spec?.initContainers ?? []).map((s: any) => newCtr(s.name, true, s.restartPolicy === "Always")),
      ...(pod.spec?.containers ?? []).map((s: any) => newCtr(s.name, false, false)),
    ],
  };
  // Pods that bypassed the scheduler (spec.nodeName preset) are checked by the kubelet itself.
  const scheduled = (pod.status?.conditions ?? []).some((x: any) => x.type === "PodScheduled" && x.status === "True");
  if (!scheduled && !pod.metadata.annotations?.["kubernetes.io/config.source"]) {
    const alloc = nodeAllocatable(node);
    const used = { cpu: 0, memory: 0 };
    for (const p of c.store.list("pods")) {
      if (p.metadata.uid === pod.metadata.uid || !isActiveOnNode(p, node.metadata.name)) continue;
      const r = podRequests(p);
      used.cpu += r.cpu;
      used.memory += r.memory;
    }
    const req = podRequests(pod);
    for (const res of ["cpu", "memory"] as const) {
      if (req[res] > 0 && used[res] + req[res] > alloc[res]) {
        rt.rejected = true;
        const msg = `Node didn't have enough resource: ${res}, requested: ${req[res]}, used: ${used[res]}, capacity: ${alloc[res]}`;
        const reason = res === "cpu" ? "OutOfcpu" : "OutOfmemory";
        c.events.record(pod, "Warning", reason, msg, { component: "kubelet", host: node.metadata.name });
        c.store.put("pods", { ...pod, status: { ...(pod.status ?? {}), phase: "Failed", reason, message: `Pod was rejected: ${msg}`, startTime: c.isoNow() } });
        break;
      }
    }
  }
  return rt;
}

function newCtr(name: string, init: boolean, sidecar: boolean): CtrRt {
  return { name, init, sidecar, st: "new", restarts: 0, ready: false, started: false, backoff: 0, imgBackoff: 0, cfgBackoff: 0, resolved: false, probes: {} };
}

// ---------- starting containers ----------

function imagePresent(k: Ctx, full: string): boolean {
  if (k.rt.ns === "kube-system") return true; // preloaded by kubeadm
  return (kstate(k.c).images[k.rt.node] ?? []).includes(full);
}

function pullMs(k: Ctx, x: CtrRt, ref: ReturnType<typeof parseImage>, present: boolean): number {
  // Jitter from a hash of stable names (not the shared rng), so timings do not shift when other
  // controllers draw random numbers.
  let h = 2166136261;
  for (const ch of `${k.rt.ns}/${k.rt.name}/${x.name}/${x.restarts}/${x.imgBackoff}`) h = Math.imul(h ^ ch.charCodeAt(0), 16777619) >>> 0;
  const jitter = h % 400;
  if (pullError(ref)) return 700 + jitter;
  if (present) return 250 + jitter; // manifest check only
  const size = imageSize(ref);
  return Math.min(3400, 900 + Math.round((size / 100_000_000) * 1000)) + jitter;
}

function beginStart(k: Ctx, x: CtrRt): void {
  const spec = specOf(k.pod, x);
  const image: string = spec.image ?? "";
  const ref = parseImage(image);
  const now = k.c.now;
  if (!ref.valid || !image) {
    x.st = "imageErr";
    x.reason = "InvalidImageName";
    x.msg = `Failed to apply default image tag "${image}": couldn't parse image name "${image}": invalid reference format`;
    x.due = undefined;
    ev(k, x, "Warning", "InspectFailed", x.msg);
    ev(k, x, "Warning", "Failed", "Error: InvalidImageName");
    return;
  }
  const policy = effectivePullPolicy(spec);
  const present = imagePresent(k, ref.full);
  if (policy === "Never" && !present) {
    x.st = "imageErr";
    x.reason = "ErrImageNeverPull";
    x.msg = `Container image "${image}" is not present with pull policy of Never`;
    x.due = undefined;
    ev(k, x, "Warning", "ErrImageNeverPull", x.msg);
    ev(k, x, "Warning", "Failed", "Error: ErrImageNeverPull");
    return;
  }
  if (present && policy !== "Always") {
    ev(k, x, "Normal", "Pulled", `Container image "${image}" already present on machine`);
    x.st = "creating";
    x.due = now + CREATE_MS;
    return;
  }
  ev(k, x, "Normal", "Pulling", `Pulling image "${image}"`);
  x.st = "pulling";
  x.due = now + pullMs(k, x, ref, present);
  x.pullStart = now;
}

function finishPull(k: Ctx, x: CtrRt): void {
  const spec = specOf(k.pod, x);
  const image: string = spec.image ?? "";
  const ref = parseImage(image);
  const now = k.c.now;
  const err = pullError(ref);
  if (err) {
    ev(k, x, "Warning", "Failed", `Failed to pull image "${image}": ${err}`);
    ev(k, x, "Warning", "Failed", "Error: ErrImagePull");
    x.st = "pullErr";
    x.reason = "ErrImagePull";
    x.msg = err;
    x.imgBackoff = x.imgBackoff ? Math.min(x.imgBackoff * 2, MAX_BACKOFF_MS) : IMAGE_BACKOFF_MS;
    x.due = now + 1000;
    x.pullFailedAt = now;
    return;
  }
  const ks = kstate(k.c);
  const imgs = (ks.images[k.rt.node] ??= []);
  if (!imgs.includes(ref.full)) imgs.push(ref.full);
  const took = goDuration(now - (x.pullStart ?? now));
  ev(k, x, "Normal", "Pulled", `Successfully pulled image "${image}" in ${took} (${took} including waiting). Image size: ${imageSize(ref)} bytes.`);
  delete x.pullStart;
  x.imgBackoff = 0;
  x.st = "creating";
  x.due = now + CREATE_MS;
}

function memLimit(spec: any): number | undefined {
  const l = spec.resources?.limits?.memory;
  if (!l) return undefined;
  const m = /^(\d+(?:\.\d+)?)(Ki|Mi|Gi|Ti|k|M|G|T|m)?$/.exec(String(l));
  if (!m) return undefined;
  const mult: Record<string, number> = { "": 1, Ki: 1024, Mi: 1024 ** 2, Gi: 1024 ** 3, Ti: 1024 ** 4, k: 1e3, M: 1e6, G: 1e9, T: 1e12, m: 0.001 };
  return Number(m[1]) * mult[m[2] ?? ""];
}

function cpuLimit(spec: any): number | undefined {
  const l = spec.resources?.limits?.cpu;
  if (!l) return undefined;
  const s = String(l);
  return s.endsWith("m") ? Number(s.slice(0, -1)) : Number(s) * 1000;
}

function createAndStart(k: Ctx, x: CtrRt): void {
  const c = k.c;
  const spec = specOf(k.pod, x);
  let env: Map<string, string>;
  try {
    env = containerEnvOrThrow(c, k.pod, spec);
  } catch (e) {
    if (!(e instanceof ConfigError)) throw e;
    x.st = "configErr";
    x.reason = "CreateContainerConfigError";
    x.msg = e.message;
    x.cfgBackoff = x.cfgBackoff ? Math.min(x.cfgBackoff * 2, MAX_BACKOFF_MS) : 10_000;
    x.due = c.now + x.cfgBackoff;
    ev(k, x, "Warning", "Failed", `Error: ${e.message}`);
    return;
  }
  x.cfgBackoff = 0;
  const ref = parseImage(spec.image ?? "");
  const info = lookupImage(ref);
  const mounts = writableMounts(c, k.pod, spec);
  const files = filesAt(c, k.pod, spec, undefined, c.now);
  const prog = withScriptNetContext({ c, pod: k.pod, container: x.name }, () => buildProgram({
    argv: resolveArgv(spec, info),
    image: info,
    ref,
    env: { PATH: "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", HOSTNAME: k.pod.spec?.hostname ?? k.pod.metadata.name, HOME: "/root", ...Object.fromEntries(env) },
    hostname: k.pod.spec?.hostname ?? k.pod.metadata.name,
    readFile: (p) => files[p],
    listFiles: () => Object.keys(files),
    memLimit: memLimit(spec),
    cpuLimit: cpuLimit(spec),
    interactive: !!(spec.stdin && spec.tty) || !!spec.stdin,
    live: true,
    hostIP: k.rt.hostIP,
    nginxLogDir: mounts.some((m) => m.path === "/var/log/nginx"),
  }));
  const inst: Instance = { id: c.rng.hex(64), startedAt: c.now, prog, image: spec.image };
  if (mounts.length) inst.mounts = mounts;
  const logDir = info?.behaviour === "nginx" ? mounts.find((m) => m.path === "/var/log/nginx") : undefined;
  if (logDir) {
    // nginx opens its log files at start; its notices go to error.log (the image's symlinks are hidden).
    const dir = logDir.sub ? "/" + logDir.sub : "";
    const at = c.now + Math.min(prog.listenAt, 50);
    const notices = prog.exitAt === undefined || prog.exitAt > 50 ? nginxStartLog(ref.tag).filter((l) => l.includes("[notice]")).map((l) => l.split("{nginxdate}").join(NGINX_DATE) + "\n").join("") : "";
    writeVolume(inst, logDir.key, dir + "/access.log", "append", "", at);
    writeVolume(inst, logDir.key, dir + "/error.log", "append", notices, at);
  }
  x.cur = inst;
  x.resolved = true;
  x.st = "running";
  x.reason = undefined;
  x.msg = undefined;
  x.kill = undefined;
  x.hookErr = undefined;
  ev(k, x, "Normal", "Created", `Created container: ${x.name}`);
  ev(k, x, "Normal", "Started", `Started container ${x.name}`);
  const hook = spec.lifecycle?.postStart;
  if (hook) {
    // The kubelet runs the handler before it reports the container running (ContainerCreating).
    const r = runPostStart(k, x, spec, inst, hook);
    x.st = "postStart";
    x.started = false;
    x.ready = false;
    x.probes = {};
    x.hookErr = r.error;
    x.due = r.ms >= NEVER ? undefined : c.now + r.ms;
    return;
  }
  afterStart(k, x, spec, inst);
}

/** Probes and readiness once the container counts as running. */
function afterStart(k: Ctx, x: CtrRt, spec: any, inst: Instance): void {
  // Probes: startup first; liveness/readiness wait for it.
  x.st = "running";
  x.probes = {};
  const now = k.c.now;
  if (spec.startupProbe) {
    x.started = false;
    x.probes.startup = { next: now + firstProbeDelay(spec.startupProbe), fails: 0, succ: 0 };
  } else {
    x.started = true;
    armProbes(spec, x, inst.startedAt, now);
  }
  x.ready = x.started && !spec.readinessProbe && !(x.init && !x.sidecar);
  scheduleRun(x);
}

/**
 * Run a postStart handler (pkg/kubelet/lifecycle/handlers.go): exec in the container, HTTP GET
 * to the pod, or sleep. Returns how long it takes and, if it fails, the handler's message.
 * Files an exec handler writes stay in the container.
 */
function runPostStart(k: Ctx, x: CtrRt, spec: any, inst: Instance, hook: any): { ms: number; error?: string } {
  const c = k.c;
  const who = `for Container "${x.name}" in Pod "${podKey(k.rt)}"`;
  if (hook.exec) {
    const argv: string[] = hook.exec.command ?? [];
    const files = filesAt(c, k.pod, spec, inst, c.now);
    let env: Record<string, string> = {};
    try {
      env = Object.fromEntries(containerEnvOrThrow(c, k.pod, spec));
    } catch {
      // Already checked at start.
    }
    const script = argv.length >= 3 && /(^|\/)(sh|bash|ash)$/.test(argv[0]) && argv[1] === "-c" ? argv[2] : quoteArgv(argv);
    const tl = withScriptNetContext({ c, pod: k.pod, container: x.name }, () => compileScript(script, { vars: env, hostname: k.pod.spec?.hostname ?? k.pod.metadata.name, readFile: (p) => files[p], listFiles: () => Object.keys(files), flavor: userlandOf(spec) }));
    const at = c.now - inst.startedAt;
    addFileOps(inst, tl.files.map((op) => ({ ...op, at: at + op.at })));
    const ms = tl.exitAt === undefined ? NEVER : Math.max(tl.exitAt, 10);
    if (tl.exitCode === 0) return { ms };
    const stderr = tl.lines.filter((l) => l.err).map((l) => l.text + "\n").join("");
    const output = tl.lines.map((l) => l.text + "\n").join("");
    const err = `command '${argv.join(" ")}' exited with ${tl.exitCode}: ${stderr}`;
    return { ms, error: `Exec lifecycle hook ([${argv.join(" ")}]) ${who} failed - error: ${err}, message: ${JSON.stringify(output)}` };
  }
  if (hook.httpGet) {
    const g = hook.httpGet;
    const port = typeof g.port === "number" || /^\d+$/.test(String(g.port)) ? Number(g.port) : ((spec.ports ?? []).find((p: any) => p.name === g.port)?.containerPort ?? 0);
    const host = g.host || k.rt.ip;
    const path = g.path ?? "";
    const url = `${(g.scheme ?? "HTTP").toLowerCase()}://${host}:${port}${path.startsWith("/") || !path ? path : "/" + path}`;
    // The handler does not look at the status code, only whether the request went through.
    const own = !g.host || g.host === k.rt.ip;
    const listens = own && inst.prog.ports.includes(port) && (inst.prog.exitAt === undefined || inst.prog.exitAt > inst.prog.listenAt);
    if (listens) return { ms: Math.max(10, inst.startedAt + inst.prog.listenAt - c.now) };
    return { ms: 10, error: `HTTP lifecycle hook (${path}) ${who} failed - error: Get "${url}": dial tcp ${host}:${port}: connect: connection refused` };
  }
  if (hook.sleep) return { ms: Math.max(0, Number(hook.sleep.seconds ?? 0) * 1000) };
  return { ms: 0 };
}

/** The postStart handler finished: the container runs on, or is killed (FailedPostStartHook). */
function finishPostStart(k: Ctx, x: CtrRt): void {
  const spec = specOf(k.pod, x);
  const inst = x.cur!;
  if (x.hookErr === undefined) return afterStart(k, x, spec, inst);
  // The event leaves the handler's message out (it may hold secrets); the status carries it.
  ev(k, x, "Warning", "FailedPostStartHook", "PostStartHook failed");
  ev(k, x, "Normal", "Killing", "FailedPostStartHook");
  stopContainer(k, x, "postStart", graceMs(k, spec));
}

/** The prober worker's first tick comes a moment after the start, never before initialDelaySeconds. */
function firstProbeDelay(p: any): number {
  return Math.max((p.initialDelaySeconds ?? 0) * 1000, 1000);
}

/** Liveness/readiness begin after start (or after the startup probe succeeded). */
function armProbes(spec: any, x: CtrRt, startedAt: number, now: number): void {
  for (const kind of ["liveness", "readiness"] as const) {
    const p = spec[`${kind}Probe`];
    if (!p) continue;
    x.probes[kind] = { next: Math.max(now, startedAt + firstProbeDelay(p)), fails: 0, succ: 0 };
  }
}

function scheduleRun(x: CtrRt): void {
  const inst = x.cur!;
  let due = inst.prog.exitAt !== undefined ? inst.startedAt + inst.prog.exitAt : NEVER;
  if (inst.prog.live && inst.startedAt + inst.prog.live.at < due) due = inst.startedAt + inst.prog.live.at;
  for (const p of Object.values(x.probes)) if (p.next < due) due = p.next;
  x.due = due >= NEVER ? undefined : due;
}

// ---------- exits, restarts, kills ----------

function exitReason(inst: Instance): string {
  if (inst.prog.oom && inst.exitCode === 137) return "OOMKilled";
  return inst.exitCode === 0 ? "Completed" : "Error";
}

function onExit(k: Ctx, x: CtrRt, at: number, code: number): void {
  const inst = x.cur!;
  inst.finishedAt = at;
  inst.exitCode = code;
  inst.reason = exitReason(inst);
  x.ready = false;
  x.started = false;
  x.probes = {};
  const policy = k.pod.spec?.restartPolicy ?? "Always";
  let restart: boolean;
  if (k.rt.terminating || x.final) restart = false;
  else if (x.kill === "spec") {
    // Killed because its spec changed: started again at once whatever the restart policy, and
    // the back-off (keyed by the container's hash in the kubelet) starts afresh.
    x.backoff = 0;
    x.st = "exited";
    x.due = at;
    return;
  } else if (x.sidecar) restart = true;
  else if (x.init) restart = code !== 0 && policy !== "Never";
  else restart = policy === "Always" || (policy === "OnFailure" && code !== 0);
  if (!restart) {
    x.final = true;
    x.st = "exited";
    x.due = undefined;
    return;
  }
  if (at - inst.startedAt >= BACKOFF_RESET_MS) x.backoff = 0;
  x.st = "exited";
  x.due = at + RESTART_DELAY_MS;
}

function restart(k: Ctx, x: CtrRt): void {
  x.restarts++;
  if (x.cur) {
    if (x.last !== x.cur) retireInstance(k.c, x.last);
    x.last = x.cur;
    x.cur = undefined;
  }
  x.backoff = x.backoff ? Math.min(x.backoff * 2, MAX_BACKOFF_MS) : 10_000;
  beginStart(k, x);
}

function afterExitDelay(k: Ctx, x: CtrRt): void {
  const inst = x.cur!;
  if (x.backoff === 0) {
    restart(k, x);
    return;
  }
  // The dead instance becomes lastState; the container waits in CrashLoopBackOff.
  if (x.last !== inst) retireInstance(k.c, x.last);
  x.last = inst;
  x.cur = undefined;
  x.st = "crashBackoff";
  x.reason = "CrashLoopBackOff";
  x.msg = `back-off ${goDuration(x.backoff)} restarting failed container=${x.name} pod=${podKey(k.rt)}`;
  ev(k, x, "Warning", "BackOff", `Back-off restarting failed container ${x.name} in pod ${podKey(k.rt)}`);
  x.due = Math.max(k.c.now, (inst.finishedAt ?? k.c.now) + x.backoff);
  x.backoffEventAt = k.c.now + BACKOFF_EVENT_MS;
}

function graceMs(k: Ctx, spec: any, probe?: any): number {
  const g = probe?.terminationGracePeriodSeconds ?? k.pod.spec?.terminationGracePeriodSeconds ?? 30;
  return g * 1000;
}

function preStopMs(spec: any): number {
  const h = spec.lifecycle?.preStop;
  if (!h) return 0;
  if (h.sleep?.seconds) return h.sleep.seconds * 1000;
  const cmd: string[] = h.exec?.command ?? [];
  const text = cmd.join(" ");
  const m = /sleep\s+(\S+)/.exec(text);
  if (m) {
    const ms = parseSleep(m[1]);
    return Number.isFinite(ms) ? ms : NEVER;
  }
  return 100;
}

/** Send SIGTERM; the container stops when its process exits or the grace period ends. */
function stopContainer(k: Ctx, x: CtrRt, why: "liveness" | "startup" | "delete" | "postStart" | "spec", grace: number): void {
  const spec = specOf(k.pod, x);
  const inst = x.cur!;
  const pre = why === "delete" || why === "postStart" || why === "spec" ? preStopMs(spec) : 0;
  const sig = inst.prog.sigtermMs;
  const exitIn = sig === undefined ? NEVER : pre + sig;
  x.st = "stopping";
  x.kill = why;
  x.ready = false;
  x.probes = {};
  const natural = inst.prog.exitAt !== undefined ? inst.startedAt + inst.prog.exitAt : NEVER;
  x.due = Math.min(k.c.now + Math.min(grace, exitIn), natural);
  // Exit code: the process's own on SIGTERM (servers), else SIGKILL at the end of the grace period.
  const img = lookupImage(parseImage(spec.image ?? ""));
  x.stopCode = exitIn > grace ? 137 : img?.behaviour === "nginx" || img?.behaviour === "httpd" || img?.behaviour === "pause" ? 0 : 143;
}

function finishStop(k: Ctx, x: CtrRt): void {
  const inst = x.cur!;
  const now = k.c.now;
  const natural = inst.prog.exitAt !== undefined ? inst.startedAt + inst.prog.exitAt : NEVER;
  onExit(k, x, now, natural <= now ? inst.prog.exitCode : (x.stopCode ?? 137));
}

// ---------- probes ----------

function runProbes(k: Ctx, x: CtrRt): void {
  const spec = specOf(k.pod, x);
  const inst = x.cur!;
  const now = k.c.now;
  const label: Record<string, string> = { startup: "Startup", liveness: "Liveness", readiness: "Readiness" };
  for (const kind of ["startup", "liveness", "readiness"]) {
    const ps = x.probes[kind];
    if (!ps || ps.next > now) continue;
    const probe = spec[`${kind}Probe`];
    let env: Record<string, string> = {};
    if (probe.exec) {
      try {
        env = Object.fromEntries(containerEnvOrThrow(k.c, k.pod, spec));
      } catch {
        // Checked when the container started.
      }
    }
    const res = evalProbe(k.c, k.pod, spec, inst, probe, now, env);
    const period = (probe.periodSeconds ?? 10) * 1000;
    const failureThreshold = probe.failureThreshold ?? 3;
    const successThreshold = probe.successThreshold ?? 1;
    ps.next = now + period;
    if (res.ok) {
      ps.fails = 0;
      ps.succ++;
      if (kind === "startup") {
        delete x.probes.startup;
        x.started = true;
        armProbes(spec, x, inst.startedAt, now);
        if (!spec.readinessProbe) x.ready = true;
        continue;
      }
      if (kind === "readiness" && ps.succ >= successThreshold) x.ready = true;
      // Nothing in the container changes any more: the result is final until a restart. Not for
      // exec probes: `kubectl exec ... rm /tmp/healthy` rewrites the container's files at any time.
      if (now >= settledAt(inst) && (kind === "liveness" || x.ready) && !probe.exec) {
        ps.next = NEVER;
        if (probe.httpGet) {
          const port = typeof probe.httpGet.port === "number" || /^\d+$/.test(String(probe.httpGet.port)) ? Number(probe.httpGet.port) : ((spec.ports ?? []).find((p: any) => p.name === probe.httpGet.port)?.containerPort ?? 0);
          const host = probe.httpGet.host || k.rt.ip;
          logProbeEvery(k.c, k.pod, spec, inst, probe.httpGet.path ?? "/", probeClient(k.c, k.pod, probe, host, port), now + period, period);
        }
      }
      continue;
    }
    ps.succ = 0;
    ps.fails++;
    ev(k, x, "Warning", "Unhealthy", `${label[kind]} probe failed: ${res.message}`);
    if (kind === "readiness") {
      if (ps.fails >= failureThreshold) x.ready = false;
      continue;
    }
    if (ps.fails >= failureThreshold) {
      ev(k, x, "Normal", "Killing", `Container ${x.name} failed ${kind} probe, will be restarted`);
      stopContainer(k, x, kind as "liveness" | "startup", graceMs(k, spec, probe));
      return;
    }
  }
  if (x.st === "running") scheduleRun(x);
}

/** A live container script reached the time it waited for: run it on with the cluster as it is now. */
function resumeScript(k: Ctx, x: CtrRt, inst: Instance): void {
  const spec = specOf(k.pod, x);
  const files = filesAt(k.c, k.pod, spec, inst, k.c.now);
  withScriptNetContext({ c: k.c, pod: k.c.store.get("pods", k.rt.ns, k.rt.name) ?? k.pod, container: x.name }, () =>
    resumeProgram(inst.prog, k.c.now - inst.startedAt, (p) => files[p], () => Object.keys(files)),
  );
}

// ---------- per-pod step ----------

function step(k: Ctx, x: CtrRt): void {
  switch (x.st) {
    case "pulling":
      return finishPull(k, x);
    case "pullErr": {
      const spec = specOf(k.pod, x);
      x.st = "pullBackoff";
      x.reason = "ImagePullBackOff";
      x.msg = `Back-off pulling image "${spec.image}": ErrImagePull: ${x.msg}`;
      ev(k, x, "Normal", "BackOff", `Back-off pulling image "${spec.image}"`);
      ev(k, x, "Warning", "Failed", "Error: ImagePullBackOff");
      x.due = (x.pullFailedAt ?? k.c.now) + x.imgBackoff;
      x.backoffEventAt = k.c.now + BACKOFF_EVENT_MS;
      return;
    }
    case "pullBackoff":
    case "configErr":
      return beginStart(k, x);
    case "creating":
      return createAndStart(k, x);
    case "postStart": {
      const inst = x.cur!;
      const exitAt = inst.prog.exitAt !== undefined ? inst.startedAt + inst.prog.exitAt : NEVER;
      if (exitAt <= k.c.now) return onExit(k, x, exitAt, inst.prog.exitCode);
      return finishPostStart(k, x);
    }
    case "running": {
      const inst = x.cur!;
      if (inst.prog.live && inst.startedAt + inst.prog.live.at <= k.c.now) resumeScript(k, x, inst);
      const exitAt = inst.prog.exitAt !== undefined ? inst.startedAt + inst.prog.exitAt : NEVER;
      if (exitAt <= k.c.now) return onExit(k, x, exitAt, inst.prog.exitCode);
      return runProbes(k, x);
    }
    case "stopping":
      return finishStop(k, x);
    case "exited":
      if (x.final) {
        x.due = undefined;
        return;
      }
      return afterExitDelay(k, x);
    case "crashBackoff":
      return restart(k, x);
    default:
      x.due = undefined;
  }
}

function startContainers(k: Ctx): void {
  const { rt } = k;
  if (rt.terminating || !rt.sandboxReady || rt.mountBlocked || rt.rejected) return;
  for (const x of rt.ctrs.filter((y) => y.init)) {
    if (x.sidecar) {
      if (x.st === "new") beginStart(k, x);
      if (!x.started) return;
      continue;
    }
    if (x.cur?.finishedAt !== undefined && x.cur.exitCode === 0) continue;
    if (x.st === "new") beginStart(k, x);
    return;
  }
  let busy = false;
  for (const x of rt.ctrs.filter((y) => !y.init)) {
    if (x.st === "new" && !busy) beginStart(k, x);
    if (x.st === "pulling" || x.st === "creating") busy = true;
  }
}

function beginTermination(k: Ctx): void {
  const { rt, pod, c } = k;
  rt.terminating = true;
  const deadline = pod.metadata.deletionTimestamp ? Date.parse(pod.metadata.deletionTimestamp) : c.now;
  const grace = Math.max(0, Math.min(deadline - c.now, (pod.metadata.deletionGracePeriodSeconds ?? 30) * 1000));
  // Sidecars stop after the main containers in reality; the order of events is the spec order.
  for (const x of [...rt.ctrs.filter((y) => !y.init), ...rt.ctrs.filter((y) => y.init)]) {
    if ((x.st === "running" || x.st === "postStart" || x.st === "stopping") && x.cur && x.cur.finishedAt === undefined) {
      if (x.st !== "stopping") ev(k, x, "Normal", "Killing", `Stopping container ${x.name}`);
      stopContainer(k, x, "delete", grace);
    } else {
      x.final = true;
      if (x.st !== "exited") x.due = undefined;
      if (x.st === "exited" || x.st === "crashBackoff") x.due = undefined;
    }
  }
}

/**
 * `kubectl set image pod/x` / edit: a running container whose spec image changed is killed
 * ("Container x definition changed, will be restarted") and started again from the new image
 * (computePodActions compares the container hash).
 */
function restartChangedContainers(k: Ctx): void {
  for (const x of k.rt.ctrs) {
    const inst = x.cur;
    if ((x.init && !x.sidecar) || x.final || !inst || inst.finishedAt !== undefined || inst.image === undefined) continue;
    if (x.st !== "running" && x.st !== "postStart") continue;
    const spec = specOf(k.pod, x);
    if (spec.image === inst.image) continue;
    ev(k, x, "Normal", "Killing", `Container ${x.name} definition changed, will be restarted`);
    stopContainer(k, x, "spec", graceMs(k, spec));
  }
}

function removePod(k: Ctx): void {
  const { c, rt } = k;
  const cur = c.store.get("pods", rt.ns, rt.name);
  if (cur && cur.metadata.uid === rt.uid) {
    if (cur.metadata.finalizers?.length) return;
    c.store.remove("pods", rt.ns, rt.name);
    c.onDeleted("pods", cur);
  }
  releasePodIP(c, rt.uid);
  forgetPod(c, rt);
}

/** The pod is gone from the node: its containers' writes stay in persistent volumes, emptyDirs go. */
function forgetPod(c: Cluster, rt: PodRt): void {
  for (const x of rt.ctrs) {
    retireInstance(c, x.last);
    if (x.cur !== x.last) retireInstance(c, x.cur);
  }
  dropPodVolumes(c, rt.uid);
  delete kstate(c).pods[rt.uid];
}

function syncPod(c: Cluster, pod: KObject, rt: PodRt): void {
  const k: Ctx = { c, pod, rt };
  if (rt.rejected) return;
  if (pod.metadata.deletionTimestamp && !rt.terminating) beginTermination(k);
  if (!rt.sandboxReady && !rt.terminating && rt.sandboxAt <= c.now) {
    rt.sandboxReady = true;
  }
  if (rt.sandboxReady && !rt.terminating) {
    const missing = missingVolumeSources(c, pod);
    // A claim the PV controller has not bound yet: wait (the volume cannot be mounted).
    const unbound = (pod.spec?.volumes ?? []).some((v: any) => {
      const name = v.persistentVolumeClaim?.claimName;
      const pvc = name ? c.store.get("persistentvolumeclaims", rt.ns, name) : undefined;
      return pvc?.status?.phase === "Pending" || pvc?.status?.phase === "Lost";
    });
    if (unbound && !missing.length) rt.mountBlocked = true;
    else if (missing.length) {
      if (!rt.mountBlocked || (rt.mountRetry ?? 0) <= c.now) {
        for (const m of missing) ev(k, undefined, "Warning", "FailedMount", `MountVolume.SetUp failed for volume "${m.volume}" : ${m.error}`);
        rt.mountRetry = c.now + 120_000;
      }
      rt.mountBlocked = true;
    } else {
      rt.mountBlocked = false;
      delete rt.mountRetry;
    }
  }
  // A config error clears as soon as the ConfigMap/Secret appears.
  for (const x of rt.ctrs) {
    if (x.st === "configErr" && !rt.terminating) {
      try {
        containerEnvOrThrow(c, pod, specOf(pod, x));
        x.due = c.now;
      } catch (e) {
        // Still broken, but differently (key now missing instead of the map): report at once.
        if (e instanceof ConfigError && e.message !== x.msg) x.due = c.now;
      }
    }
  }
  for (const x of rt.ctrs) {
    if (x.backoffEventAt === undefined) continue;
    if (rt.terminating || (x.st !== "crashBackoff" && x.st !== "pullBackoff")) {
      delete x.backoffEventAt;
      continue;
    }
    if (x.backoffEventAt <= c.now && (x.due === undefined || x.backoffEventAt < x.due)) {
      const image = specOf(pod, x).image;
      if (x.st === "crashBackoff") ev(k, x, "Warning", "BackOff", `Back-off restarting failed container ${x.name} in pod ${podKey(rt)}`);
      else {
        ev(k, x, "Normal", "BackOff", `Back-off pulling image "${image}"`);
        ev(k, x, "Warning", "Failed", "Error: ImagePullBackOff");
      }
      x.backoffEventAt = c.now + BACKOFF_EVENT_MS;
    }
    if (x.due !== undefined && x.backoffEventAt >= x.due) delete x.backoffEventAt;
  }
  if (!rt.terminating) restartChangedContainers(k);
  for (let guard = 0; guard < 50; guard++) {
    let progressed = false;
    startContainers(k);
    for (const x of rt.ctrs) {
      if (x.due !== undefined && x.due <= c.now) {
        step(k, x);
        progressed = true;
      }
    }
    if (!progressed) break;
  }
  // Sidecars end once the main containers are done for good (Job pods with native sidecars).
  const regular = rt.ctrs.filter((x) => !x.init);
  if (!rt.terminating && regular.length && regular.every((x) => x.final)) {
    for (const x of rt.ctrs) {
      if (x.sidecar && !x.final && x.cur && x.cur.finishedAt === undefined && x.st === "running") {
        x.final = true;
        ev(k, x, "Normal", "Killing", `Stopping container ${x.name}`);
        stopContainer(k, x, "delete", graceMs(k, specOf(pod, x)));
      } else if (x.sidecar && !x.final && x.st !== "stopping") {
        x.final = true;
        x.due = undefined;
      }
    }
  }
  if (rt.terminating && !rt.ctrs.some((x) => x.st === "stopping")) {
    // The last status the kubelet posts has terminated containers and a terminal phase
    // (`kubectl get -w` shows Completed/Error just before the pod disappears).
    for (const x of rt.ctrs) x.final = true;
    if (rt.ctrs.some((x) => x.cur || x.last)) writeStatus(c, rt);
    removePod(k);
    return;
  }
  writeStatus(c, rt);
}

function writeStatus(c: Cluster, rt: PodRt): void {
  const pod = c.store.get("pods", rt.ns, rt.name);
  if (!pod || pod.metadata.uid !== rt.uid) return;
  const status = buildStatus(c, pod, rt);
  if (JSON.stringify(status) !== JSON.stringify(pod.status)) c.store.put("pods", { ...pod, status });
}

function podDue(rt: PodRt): number {
  let best = NEVER;
  if (!rt.sandboxReady && !rt.terminating) best = Math.min(best, rt.sandboxAt);
  if (rt.mountBlocked && rt.mountRetry !== undefined) best = Math.min(best, rt.mountRetry);
  for (const x of rt.ctrs) {
    if (x.due !== undefined) best = Math.min(best, x.due);
    if (x.backoffEventAt !== undefined) best = Math.min(best, x.backoffEventAt);
  }
  return best;
}

/**
 * Earliest podDue over running pods, valid while the store is at `rv` (pod runtimes only change
 * in syncPod, node stops only through the store). Transient: recomputed after a restore.
 * Every command reconciles the cluster a few times, so a 200-pod cluster at rest must not walk
 * all its pods on each pass.
 */
const dueCache = new WeakMap<object, { rv: number; due: number }>();

function earliestDue(c: Cluster, ks: ReturnType<typeof kstate>): number {
  const hit = dueCache.get(ks);
  if (hit && hit.rv === c.store.rv) return hit.due;
  let due = NEVER;
  for (const rt of Object.values(ks.pods)) if (!isNodeStopped(c, rt.node)) due = Math.min(due, podDue(rt));
  dueCache.set(ks, { rv: c.store.rv, due });
  return due;
}

/** Something outside the kubelet moved a container's next transition (api.ts endMainProcess). */
export function invalidateDue(c: Cluster): void {
  dueCache.delete(kstate(c));
}

export const kubelet: Controller = {
  name: "kubelet",
  sync(c: Cluster) {
    const ks = kstate(c);
    const now = c.now;
    if (c.store.rv === ks.lastRv && earliestDue(c, ks) > now) return;
    dueCache.delete(ks);
    const seen = new Set<string>();
    for (const pod of c.store.list("pods")) {
      const nodeName = pod.spec?.nodeName;
      if (!nodeName) continue;
      seen.add(pod.metadata.uid);
      if (isNodeStopped(c, nodeName)) continue;
      const node = c.store.get("nodes", undefined, nodeName);
      if (!node) continue;
      let rt = ks.pods[pod.metadata.uid];
      if (!rt) {
        if (pod.status?.phase === "Succeeded" || pod.status?.phase === "Failed") continue;
        rt = ks.pods[pod.metadata.uid] = admit(c, pod, node);
      }
      // Unchanged pod, nothing due, nothing waiting on other objects: skip (idle clusters stay cheap).
      const fresh = c.store.get("pods", pod.metadata.namespace, pod.metadata.name)!;
      if (rt.seenRv === fresh.metadata.resourceVersion && podDue(rt) > now && !rt.mountBlocked && !rt.ctrs.some((x) => x.st === "configErr")) continue;
      syncPod(c, fresh, rt);
      const after = c.store.get("pods", pod.metadata.namespace, pod.metadata.name);
      if (ks.pods[pod.metadata.uid]) rt.seenRv = after?.metadata.uid === rt.uid ? after.metadata.resourceVersion : undefined;
    }
    for (const uid of Object.keys(ks.pods)) {
      if (!seen.has(uid)) {
        releasePodIP(c, uid);
        forgetPod(c, ks.pods[uid]);
      }
    }
    ks.lastRv = c.store.rv;
  },
  nextDue(c: Cluster) {
    const ks = kstate(c);
    if (c.store.rv === ks.lastRv) {
      const due = earliestDue(c, ks);
      if (due > c.now) return due >= NEVER ? undefined : due;
    }
    let best = NEVER;
    for (const rt of Object.values(ks.pods)) {
      if (isNodeStopped(c, rt.node)) continue;
      const d = podDue(rt);
      if (d > c.now && d < best) best = d;
    }
    return best >= NEVER ? undefined : best;
  },
};
