// What the rest of the engine uses from the kubelet side: logs, exec hooks, container files
// and environment, HTTP answers (Services, curl, probes), usage for `kubectl top`/HPA, and
// node power control for labs.

import type { Cluster } from "../cluster/cluster.ts";
import type { KObject } from "../api/types.ts";
import { kstate, type CtrRt, type Instance } from "./state.ts";
import { filesAt, userlandOf } from "./probes.ts";
import { listening, serveRequest, type Client, type HttpResponse } from "./http.ts";
import { containerEnv, findContainer } from "./env.ts";
import { compileScript, quoteArgv, setScriptCompiler } from "./shell-sim.ts";
import { defaultContainer } from "./logs.ts";
import { invalidateDue } from "./kubelet.ts";

export { getLogs, type LogOptions } from "./logs.ts";
export { podUsage, nodeUsage, setLoad, type ContainerUsage } from "./usage.ts";
export { containerEnv } from "./env.ts";
export { stopNode, startNode, isNodeStopped } from "../controllers/node-lifecycle.ts";
export { setScriptCompiler };
export { IMAGES, parseImage } from "./images.ts";

function ctrRt(c: Cluster, pod: KObject, container?: string): CtrRt | undefined {
  const name = container ?? defaultContainer(pod);
  return kstate(c).pods[pod.metadata.uid]?.ctrs.find((x) => x.name === name);
}

/** The running instance of a container, if its process is alive now. */
export function runningInstance(c: Cluster, pod: KObject, container?: string): Instance | undefined {
  const x = ctrRt(c, pod, container);
  return x?.cur && x.cur.finishedAt === undefined ? x.cur : undefined;
}

/** Files the container sees now: volumes, /etc/hosts..., plus files its process created. */
export function containerFs(c: Cluster, pod: KObject, container?: string): Record<string, string> {
  const spec = findContainer(pod, container);
  return filesAt(c, pod, spec, ctrRt(c, pod, container)?.cur, c.now);
}

/**
 * HTTP GET to a pod's IP:port as another pod/curl would see it; undefined = connection refused
 * or not HTTP. `client`: who sends it (servers log requests: nginx's access log, `nc -l`).
 */
export function httpGetPod(c: Cluster, pod: KObject, port: number, path: string, client?: Client): HttpResponse | undefined {
  const rt = kstate(c).pods[pod.metadata.uid];
  if (!rt) return undefined;
  for (const x of rt.ctrs) {
    const inst = x.cur;
    if (inst && listening(inst, port, c.now)) {
      const spec = findContainer(pod, x.name);
      return serveRequest(c, pod, spec, inst, port, path, client);
    }
  }
  return undefined;
}

/** Whether anything in the pod accepts TCP on `port` now (Services, nc, probes). */
export function podListens(c: Cluster, pod: KObject, port: number): boolean {
  const rt = kstate(c).pods[pod.metadata.uid];
  return !!rt?.ctrs.some((x) => listening(x.cur, port, c.now));
}

export interface ExecResult {
  stdout: string;
  stderr: string;
  exitCode: number;
}

export type ExecHook = (c: Cluster, pod: KObject, container: string, argv: string[]) => ExecResult | undefined;
let execHook: ExecHook | undefined;
/** kubectl exec plugs the full shell in here; the fallback below covers simple commands. */
export function setExecHook(h: ExecHook | undefined): void {
  execHook = h;
}

/** Run a command in a running container (no state change except what the hook does). */
export function execInContainer(c: Cluster, pod: KObject, container: string | undefined, argv: string[]): ExecResult {
  const name = container ?? defaultContainer(pod) ?? "";
  if (!runningInstance(c, pod, name)) {
    return { stdout: "", stderr: `error: unable to upgrade connection: container not found ("${name}")\n`, exitCode: 1 };
  }
  const hooked = execHook?.(c, pod, name, argv);
  if (hooked) return hooked;
  const files = containerFs(c, pod, name);
  const env = containerEnv(c, pod, name);
  const script = argv.length >= 3 && /(^|\/)(sh|bash|ash)$/.test(argv[0]) && argv[1] === "-c" ? argv[2] : quoteArgv(argv);
  const tl = compileScript(script, { vars: env, hostname: pod.spec?.hostname ?? pod.metadata.name, readFile: (p) => files[p], listFiles: () => Object.keys(files), flavor: userlandOf(findContainer(pod, name)) });
  const out = tl.lines.filter((l) => !l.err).map((l) => l.text + "\n").join("");
  const err = tl.lines.filter((l) => l.err).map((l) => l.text + "\n").join("");
  return { stdout: out, stderr: err, exitCode: tl.exitCode };
}

/**
 * The main process of a container whose stdin a user attached to (`kubectl run -it -- sh`)
 * exits now with `code`, as when they type `exit` in it. False if it is not running.
 */
export function endMainProcess(c: Cluster, pod: KObject, container: string | undefined, code: number): boolean {
  const x = ctrRt(c, pod, container);
  const inst = x?.cur;
  if (!x || !inst || inst.finishedAt !== undefined) return false;
  x.cur = { ...inst, prog: { ...inst.prog, exitAt: Math.max(0, c.now - inst.startedAt), exitCode: code } };
  x.due = c.now;
  invalidateDue(c);
  return true;
}
