// Probe evaluation (pkg/probe): httpGet, tcpSocket, exec and grpc, answered from what the
// container's program does at the probe time. Messages are the kubelet's/Go's exact texts.

import type { Cluster } from "../cluster/cluster.ts";
import type { KObject } from "../api/types.ts";
import type { Instance } from "./state.ts";
import { httpAnswer, listening, serveRequest, type Client } from "./http.ts";
import { staticFiles } from "./fs.ts";
import { compileScript, quoteArgv, type FileOp } from "./shell-sim.ts";
import { applyOp, instanceOps, mountOf, volumeFilesAt, volumeOpsOn, writableMounts } from "./volumes.ts";
import { renderMarkers } from "./markers.ts";
import { parseImage } from "./images.ts";

export interface ProbeResult {
  ok: boolean;
  message: string;
}

/**
 * Files visible in the container at time t: the image's and Kubernetes' (static), the writable
 * volumes it mounts (with what every container wrote there), and what this instance wrote
 * elsewhere (its writable layer). A mount point is listed as `<path>/` (an empty directory).
 */
export function filesAt(c: Cluster, pod: KObject, ctr: any, inst: Instance | undefined, t: number): Record<string, string> {
  const files = staticFiles(c, pod, ctr);
  const mounts = inst?.mounts ?? writableMounts(c, pod, ctr);
  for (const m of mounts) {
    const vf = volumeFilesAt(c, m.key, t);
    const prefix = m.sub ? "/" + m.sub : "";
    if (!prefix || vf[prefix] === undefined) files[m.path + "/"] = "";
    for (const [rel, content] of Object.entries(vf)) {
      if (prefix && rel !== prefix && !rel.startsWith(prefix + "/")) continue;
      files[m.path + rel.slice(prefix.length)] = content;
    }
  }
  if (!inst) return files;
  for (const op of instanceOps(inst, t)) {
    if (mounts.length && mountOf(mounts, op.path)) continue;
    applyOp(files, op.path, op.op, op.content, op.at);
  }
  return files;
}

/** Add file operations (offsets from the instance start) to an instance, in time order. */
export function addFileOps(inst: Instance, ops: FileOp[]): void {
  const list = inst.prog.files;
  for (const op of ops) {
    let i = list.length;
    while (i > 0 && list[i - 1].at > op.at) i--;
    list.splice(i, 0, op);
  }
}

/** The lines `tail -f FILE` printed up to `end`: the file's last lines at the start, then what was written. */
export function followLines(c: Cluster, pod: KObject, ctr: any, inst: Instance, end: number): { t: number; text: string }[] {
  const f = inst.prog.follow;
  if (!f) return [];
  const start = inst.startedAt + f.at;
  if (end < start) return [];
  const out: { t: number; text: string }[] = [];
  const split = (s: string) => {
    const ls = s.split("\n");
    if (ls[ls.length - 1] === "") ls.pop();
    return ls;
  };
  let prev = filesAt(c, pod, ctr, inst, start)[f.path] ?? "";
  for (const l of f.lines > 0 ? split(prev).slice(-f.lines) : []) out.push({ t: start, text: l });
  const hit = mountOf(inst.mounts, f.path);
  const ops = hit ? volumeOpsOn(c, hit.m.key, hit.rel, start, end) : instanceOps(inst, end).filter((o) => o.path === f.path && o.at > start);
  for (const o of ops) {
    const text = renderMarkers(o.content ?? "", o.at);
    let added: string;
    if (o.op === "append") {
      added = text;
      prev += text;
    } else if (o.op === "add") {
      added = text.startsWith(prev) ? text.slice(prev.length) : text;
      prev = text;
    } else {
      prev = "";
      continue;
    }
    for (const l of split(added)) out.push({ t: o.at, text: l });
    if (out.length > 12_000) out.splice(0, out.length - 10_000);
  }
  return out;
}

/** Whose error messages a container's `sh -c` prints: busybox in busybox/alpine images, dash + GNU coreutils otherwise. */
export function userlandOf(ctr: any): "busybox" | "gnu" {
  const ref = parseImage(ctr?.image ?? "");
  return /busybox|alpine/.test(ref.repo) || /alpine/.test(ref.tag) ? "busybox" : "gnu";
}

/** The kubelet's prober as an HTTP client: from the node's pod-network address, `kube-probe/1.32`. */
export function probeClient(c: Cluster, pod: KObject, probe: any, host: string, port: number): Client {
  const g = probe.httpGet ?? {};
  const hostHeader = (g.httpHeaders ?? []).find((h: any) => String(h.name).toLowerCase() === "host")?.value ?? `${host}:${port}`;
  return { ip: nodeGateway(c, pod), headers: { host: hostHeader, "user-agent": "kube-probe/1.32", accept: "*/*", connection: "close" } };
}

/** The address the kubelet's probes come from: the node's side of its pod network (`10.244.N.1`). */
export function nodeGateway(c: Cluster, pod: KObject): string {
  const node = c.store.get("nodes", undefined, pod.spec?.nodeName ?? "");
  const m = /^(\d+\.\d+\.\d+)\.\d+\//.exec(node?.spec?.podCIDR ?? "");
  return m ? `${m[1]}.1` : (pod.status?.hostIP ?? "");
}

function resolvePort(ctr: any, port: any): number {
  if (typeof port === "number") return port;
  if (/^\d+$/.test(String(port))) return Number(port);
  const p = (ctr.ports ?? []).find((x: any) => x.name === port);
  return p ? p.containerPort : 0;
}

export function evalProbe(c: Cluster, pod: KObject, ctr: any, inst: Instance, probe: any, t: number, env: Record<string, string> = {}): ProbeResult {
  const ip = pod.status?.podIP ?? "";
  if (probe.httpGet) {
    const g = probe.httpGet;
    const port = resolvePort(ctr, g.port);
    const host = g.host || ip;
    const path = g.path ?? "/";
    const scheme = (g.scheme ?? "HTTP").toLowerCase();
    const url = `${scheme}://${host}:${port}${path.startsWith("/") ? path : "/" + path}`;
    if (!listening(inst, port, t)) return { ok: false, message: `Get "${url}": dial tcp ${host}:${port}: connect: connection refused` };
    const res = serveRequest(c, pod, ctr, inst, port, path, probeClient(c, pod, probe, host, port)) ?? httpAnswer(c, pod, ctr, inst, path);
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
    const tl = compileScript(script, { vars: { ...env }, hostname: pod.spec?.hostname ?? pod.metadata.name, readFile: (p) => files[p], listFiles: () => Object.keys(files), flavor: userlandOf(ctr) });
    // ExecProbeTimeout (GA): the runtime's ExecSync deadline is timeoutSeconds.
    const timeout = (probe.timeoutSeconds ?? 1) * 1000;
    // The probe's command runs in the container: what it writes stays there (until the deadline kills it).
    const at = t - inst.startedAt;
    const writes = tl.files.filter((f) => f.at <= timeout).map((f) => ({ ...f, at: at + f.at }));
    if (writes.length) addFileOps(inst, writes);
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
