// Probe evaluation (pkg/probe): httpGet, tcpSocket, exec and grpc, answered from what the
// container's program does at the probe time. Messages are the kubelet's/Go's exact texts.

import type { Cluster } from "../cluster/cluster.ts";
import type { KObject } from "../api/types.ts";
import type { Instance } from "./state.ts";
import { httpAnswer, listening } from "./http.ts";
import { staticFiles } from "./fs.ts";
import { compileScript, quoteArgv } from "./shell-sim.ts";

export interface ProbeResult {
  ok: boolean;
  message: string;
}

/** Files visible in the container at time t: static ones plus those the process created. */
export function filesAt(c: Cluster, pod: KObject, ctr: any, inst: Instance | undefined, t: number): Record<string, string> {
  const files = staticFiles(c, pod, ctr);
  if (!inst) return files;
  for (const op of inst.prog.files) {
    if (inst.startedAt + op.at > t) break;
    if (op.op === "add") files[op.path] = op.content ?? "";
    else delete files[op.path];
  }
  return files;
}

function resolvePort(ctr: any, port: any): number {
  if (typeof port === "number") return port;
  if (/^\d+$/.test(String(port))) return Number(port);
  const p = (ctr.ports ?? []).find((x: any) => x.name === port);
  return p ? p.containerPort : 0;
}

export function evalProbe(c: Cluster, pod: KObject, ctr: any, inst: Instance, probe: any, t: number): ProbeResult {
  const ip = pod.status?.podIP ?? "";
  if (probe.httpGet) {
    const g = probe.httpGet;
    const port = resolvePort(ctr, g.port);
    const host = g.host || ip;
    const path = g.path ?? "/";
    const scheme = (g.scheme ?? "HTTP").toLowerCase();
    const url = `${scheme}://${host}:${port}${path.startsWith("/") ? path : "/" + path}`;
    if (!listening(inst, port, t)) return { ok: false, message: `Get "${url}": dial tcp ${host}:${port}: connect: connection refused` };
    const res = httpAnswer(c, pod, ctr, inst, path);
    if (res.status >= 200 && res.status < 400) return { ok: true, message: "" };
    return { ok: false, message: `HTTP probe failed with statuscode: ${res.status}` };
  }
  if (probe.tcpSocket) {
    const port = resolvePort(ctr, probe.tcpSocket.port);
    const host = probe.tcpSocket.host || ip;
    if (!listening(inst, port, t)) return { ok: false, message: `dial tcp ${host}:${port}: connect: connection refused` };
    return { ok: true, message: "" };
  }
  if (probe.grpc) {
    const port = probe.grpc.port;
    if (!listening(inst, port, t)) return { ok: false, message: `timeout: failed to connect service "${ip}:${port}" within ${probe.timeoutSeconds ?? 1}s` };
    return { ok: true, message: "" };
  }
  if (probe.exec) {
    const argv: string[] = probe.exec.command ?? [];
    const files = filesAt(c, pod, ctr, inst, t);
    const script = argv.length >= 3 && /(^|\/)(sh|bash|ash)$/.test(argv[0]) && argv[1] === "-c" ? argv[2] : quoteArgv(argv);
    const tl = compileScript(script, { vars: {}, hostname: pod.metadata.name, readFile: (p) => files[p] });
    // ExecProbeTimeout (GA): the runtime's ExecSync deadline is timeoutSeconds.
    const timeout = (probe.timeoutSeconds ?? 1) * 1000;
    if (tl.exitAt === undefined || tl.exitAt > timeout) return { ok: false, message: `command "${argv.join(" ")}" timed out` };
    const out = tl.lines.map((l) => l.text).join("\n");
    if (tl.exitCode === 0) return { ok: true, message: "" };
    return { ok: false, message: out };
  }
  return { ok: true, message: "" };
}

/** Probe result can no longer change after this instance time (files/ports settle). */
export function settledAt(inst: Instance): number {
  // A live script can still create or remove files whenever it continues.
  if (inst.prog.live) return 8.64e15;
  let t = inst.startedAt + inst.prog.listenAt;
  const ops = inst.prog.files;
  if (ops.length) t = Math.max(t, inst.startedAt + ops[ops.length - 1].at);
  return t;
}
