// What every network tool shares: where it runs (a pod, or the workstation = controlplane
// node), how that place resolves names, and one HTTP exchange from URL to outcome. Local
// listeners (`kubectl proxy`, port-forward) answer on the workstation's localhost first.

import type { Cluster } from "../cluster/cluster.ts";
import type { KObject } from "../api/types.ts";
import type { HttpResponse } from "../kubelet/http.ts";
import type { CommandImpl } from "../shell/types.ts";
import { parseImage } from "../kubelet/images.ts";
import { dnsAllowed } from "./netpol.ts";
import { resolveInPod, resolveOnNode, isIPv4, type DnsAnswer } from "./dns.ts";
import { connect, type Origin, type Outcome } from "./route.ts";
import { localListeners } from "./http-client.ts";

/** Which userland prints the messages: GNU tools on the Ubuntu workstation, busybox in small images. */
export type Flavor = "gnu" | "busybox";

export interface NetEnv {
  c: Cluster;
  from: Origin;
  /** Namespace of the pod (search path); undefined on a node. */
  ns?: string;
  workstation: boolean;
  flavor: Flavor;
  /** busybox version matters for nslookup's output format (1.28 prints the old one). */
  busyboxOld?: boolean;
  /** The image the tool runs in (pods): which curl/wget build, for the User-Agent. */
  image?: string;
}

/**
 * The User-Agent header a tool sends: curl/wget of the workstation (Ubuntu 24.04), of the
 * image's distribution (nginx and other Debian bookworm images: curl 7.88.1, wget 1.21.3), or
 * busybox's plain `Wget`.
 */
export function userAgent(tool: "curl" | "wget", env: NetEnv): string {
  if (tool === "wget") return env.flavor === "busybox" ? "Wget" : env.workstation ? "Wget/1.21.4" : "Wget/1.21.3";
  if (env.workstation) return "curl/8.5.0";
  const ref = parseImage(env.image ?? "");
  if (/curlimages\/curl$/.test(ref.repo)) return `curl/${/^\d+\.\d+\.\d+$/.test(ref.tag) ? ref.tag : "8.11.0"}`;
  if (/netshoot|network-multitool/.test(ref.repo)) return "curl/8.7.1";
  if (/alpine/.test(ref.tag) || /alpine/.test(ref.repo)) return "curl/8.11.1";
  return "curl/7.88.1";
}

export function workstationEnv(c: Cluster): NetEnv {
  return { c, from: { node: controlPlaneName(c) }, workstation: true, flavor: "gnu" };
}

function controlPlaneName(c: Cluster): string {
  const cp = c.store.list("nodes").find((n) => n.metadata.labels?.["node-role.kubernetes.io/control-plane"] !== undefined);
  return cp?.metadata.name ?? "controlplane";
}

export function podEnv(c: Cluster, pod: KObject, container?: string): NetEnv {
  const all = [...(pod.spec?.containers ?? []), ...(pod.spec?.initContainers ?? []), ...(pod.spec?.ephemeralContainers ?? [])];
  const ctr = all.find((x: any) => x.name === container) ?? pod.spec?.containers?.[0];
  const img = parseImage(ctr?.image ?? "");
  const bb = /busybox|alpine/.test(img.repo) || /alpine/.test(img.tag);
  const old = /busybox$/.test(img.repo) && /^1\.(2\d)(\.|$)/.test(img.tag);
  const from: Origin = pod.spec?.hostNetwork ? { node: pod.spec?.nodeName } : { pod, node: pod.spec?.nodeName };
  return { c, from, ns: pod.metadata.namespace ?? "default", workstation: false, flavor: bb ? "busybox" : "gnu", busyboxOld: old, image: ctr?.image };
}

export type Resolved = DnsAnswer | "nxdomain" | "dns-timeout";

/** Resolve like the origin does: pods use cluster DNS (unless egress policy blocks it), nodes /etc/hosts. */
export function resolveFrom(env: NetEnv, name: string, followCname = true): Resolved {
  const { c } = env;
  const pod = env.from.pod;
  if (pod) {
    // /etc/hosts in a pod: its own hostname and hostAliases.
    const own = [pod.spec?.hostname ?? pod.metadata.name];
    if (own.includes(name) && pod.status?.podIP) return { fqdn: name, ips: [pod.status.podIP] };
    for (const ha of pod.spec?.hostAliases ?? []) if ((ha.hostnames ?? []).includes(name)) return { fqdn: name, ips: [ha.ip] };
    if (!isIPv4(name) && name !== "localhost" && !dnsAllowed(c, pod)) return "dns-timeout";
    const a = resolveInPod(c, name, env.ns ?? "default");
    if (!a) return "nxdomain";
    if (!a.ips.length && a.cname && followCname) {
      const t = resolveInPod(c, a.cname + ".", env.ns ?? "default");
      return t ? { ...a, ips: t.ips } : "nxdomain";
    }
    return a;
  }
  return resolveOnNode(c, name) ?? "nxdomain";
}

export interface Url {
  scheme: string;
  host: string;
  port: number;
  path: string;
  /** Whether the port was written in the URL (Host header carries it then). */
  explicitPort: boolean;
}

export function parseUrl(raw: string): Url | undefined {
  const m = /^(?:([a-zA-Z][a-zA-Z0-9+.-]*):\/\/)?(?:[^@/]*@)?(\[[^\]]*\]|[^/:?#]*)(?::(\d*))?([^#]*)/.exec(raw);
  if (!m || !m[2]) return undefined;
  const scheme = (m[1] ?? "http").toLowerCase();
  const def = scheme === "https" ? 443 : 80;
  let path = m[4] || "/";
  if (!path.startsWith("/")) path = "/" + path;
  return { scheme, host: m[2].toLowerCase(), port: m[3] ? Number(m[3]) : def, path, explicitPort: !!m[3] };
}

export type Exchange =
  | { kind: "resolve"; why: "nxdomain" | "dns-timeout" }
  | { kind: "conn"; ip: string; outcome: Outcome };

/** One HTTP exchange. `resolveOverride`: curl --resolve. */
export function exchange(env: NetEnv, u: Url, opts: { hostHeader?: string; method?: string; headers?: Record<string, string>; resolveOverride?: string } = {}): Exchange {
  let ip = opts.resolveOverride;
  if (!ip) {
    const r = resolveFrom(env, u.host);
    if (typeof r === "string") return { kind: "resolve", why: r };
    if (!r.ips.length) return { kind: "resolve", why: "nxdomain" };
    ip = r.ips[0];
  }
  const host = opts.hostHeader ?? (u.explicitPort ? `${u.host}:${u.port}` : u.host);
  const req = { path: u.path, host, method: opts.method, headers: opts.headers };
  if (env.workstation && (ip === "127.0.0.1" || ip === "0.0.0.0")) {
    const h = localListeners.get(env.c.state.name)?.get(u.port);
    if (h) {
      const ans = h(u.path);
      return { kind: "conn", ip, outcome: ans ? { ok: ans } : { err: "refused" } };
    }
  }
  return { kind: "conn", ip, outcome: connect(env.c, env.from, ip, u.port, req) };
}

/** Status line reason phrases. */
export const REASONS: Record<number, string> = {
  200: "OK",
  201: "Created",
  204: "No Content",
  301: "Moved Permanently",
  302: "Found",
  304: "Not Modified",
  400: "Bad Request",
  401: "Unauthorized",
  403: "Forbidden",
  404: "Not Found",
  405: "Not Allowed",
  500: "Internal Server Error",
  502: "Bad Gateway",
  503: "Service Temporarily Unavailable",
  504: "Gateway Time-out",
};

/** The Server header a response plausibly carries (nginx pages name themselves). */
export function serverHeader(r: HttpResponse): string | undefined {
  const m = /<center>(nginx(?:\/[\d.]+)?)<\/center>/.exec(r.body);
  if (m) return m[1];
  if (/Welcome to nginx!/.test(r.body)) return "nginx/1.27.3";
  if (/It works!/.test(r.body)) return "Apache/2.4.62 (Unix)";
  return undefined;
}

/**
 * The tools are synchronous over this interface so that the same code serves an interactive
 * command (output replayed with real waits) and a container's boot script, which the kubelet
 * compiles into a timeline at start (waits become time offsets).
 */
export interface ToolIo {
  argv: string[];
  out(s: string): void;
  err(s: string): void;
  /** Time the tool spends (timeouts, ping intervals) before its next output. */
  wait(ms: number): void;
  aborted(): boolean;
  fs: { exists(p: string): boolean; writeFile(p: string, content: string): void; resolve(cwd: string, p: string, home?: string): string };
  cwd: string;
  env: Record<string, string>;
  stdoutIsTTY: boolean;
}

export type SyncTool = (io: ToolIo, env: NetEnv) => number;
export type ToolEvent = { k: "out" | "err"; s: string } | { k: "wait"; ms: number };

/** A shell command over a tool: output is replayed in order, waits sleep in sandbox time. */
export function asCommand(tool: SyncTool, env: () => NetEnv): CommandImpl {
  return async (ctx) => {
    const events: ToolEvent[] = [];
    const io: ToolIo = {
      argv: ctx.argv,
      out: (s) => events.push({ k: "out", s }),
      err: (s) => events.push({ k: "err", s }),
      wait: (ms) => events.push({ k: "wait", ms }),
      aborted: () => !!ctx.signal.aborted,
      fs: { exists: (p) => ctx.fs.exists(p), writeFile: (p, c) => ctx.fs.writeFile(p, c), resolve: (cwd, p, home) => ctx.fs.resolve(cwd, p, home) },
      cwd: ctx.cwd,
      env: ctx.env,
      stdoutIsTTY: ctx.stdoutIsTTY,
    };
    const code = tool(io, env());
    for (const ev of events) {
      if (ev.k === "wait") {
        try {
          await ctx.host.clock.sleep(ev.ms, ctx.signal);
        } catch {
          // Ctrl-C during a wait ends the command like SIGINT.
        }
        ctx.host.sync?.();
        if (ctx.signal.aborted) return 130;
      } else (ev.k === "out" ? ctx.stdout : ctx.stderr).write(ev.s);
    }
    return code;
  };
}

/** Run a tool inside a container's boot script: events, exit code and the files it wrote. */
export function runToolSync(tool: SyncTool, env: NetEnv, argv: string[], readFile: (p: string) => string | undefined): { events: ToolEvent[]; code: number; files: { path: string; content: string }[] } {
  const events: ToolEvent[] = [];
  const files: { path: string; content: string }[] = [];
  const io: ToolIo = {
    argv,
    out: (s) => events.push({ k: "out", s }),
    err: (s) => events.push({ k: "err", s }),
    wait: (ms) => events.push({ k: "wait", ms }),
    aborted: () => false,
    fs: {
      exists: (p) => files.some((f) => f.path === p) || readFile(p) !== undefined,
      writeFile: (p, content) => void files.push({ path: p, content }),
      resolve: (cwd, p) => (p.startsWith("/") ? p : `${cwd.replace(/\/$/, "")}/${p}`),
    },
    cwd: "/",
    env: { HOME: "/root" },
    stdoutIsTTY: false,
  };
  const code = tool(io, env);
  return { events, code, files };
}
