// kubectl proxy and kubectl port-forward: they print kubectl's banner, register a listener
// on the workstation's localhost (the workstation curl reaches it) and, on a real clock, run
// until Ctrl-C. The shell has no job control, so on a virtual clock they return at once and
// the listener stays up as if the command ran in the background (`kubectl proxy &`). The
// workstation tools (network/client.ts) consult `localListeners` for localhost.

import { httpGetPod } from "../../kubelet/api.ts";
import { listen, localListeners } from "../../network/http-client.ts";
import { apiProxy } from "../../network/api-proxy.ts";
import type { Invocation } from "../invocation.ts";
import { kerror } from "../errors.ts";
import { NoPodsError, resolvePod } from "./pod-target.ts";
import type { KubectlCommand } from "./registry.ts";

async function serveUntilInterrupted(inv: Invocation, port: number): Promise<number> {
  if (inv.ctx.host.clock.mode !== "real") return 0;
  while (!inv.ctx.signal.aborted) await inv.host.sleep(1000, inv.ctx);
  localListeners.get(inv.cluster.state.name)?.delete(port);
  return 0;
}

function inUse(inv: Invocation, port: number): boolean {
  return !!localListeners.get(inv.cluster.state.name)?.has(port);
}

async function runProxy(inv: Invocation): Promise<number> {
  const port: number = inv.flags.port;
  const addr: string = inv.flags.address;
  if (inUse(inv, port)) throw kerror(`listen tcp ${addr}:${port}: bind: address already in use`);
  const cluster = inv.cluster;
  listen(cluster, port, (path) => apiProxy(cluster, path));
  inv.out(`Starting to serve on ${addr}:${port}\n`);
  return serveUntilInterrupted(inv, port);
}

function parsePortSpec(spec: string): { local: number; remote: string } {
  const [l, r] = spec.includes(":") ? spec.split(":") : [spec, spec];
  const local = l === "" ? 0 : Number(l);
  if (!Number.isInteger(local) || local < 0 || local > 65535) throw kerror(`Error parsing local port '${l}': strconv.ParseUint: parsing "${l}": invalid syntax`);
  return { local, remote: r };
}

async function runPortForward(inv: Invocation): Promise<number> {
  if (inv.args.length < 2) throw kerror(`TYPE/NAME and list of ports are required for port-forward\nSee 'kubectl port-forward -h' for help and examples`);
  const target = inv.args[0];
  let pod;
  try {
    pod = resolvePod(inv, target).pod;
  } catch (e) {
    if (e instanceof NoPodsError) throw kerror("timed out waiting for the condition");
    throw e;
  }
  const svc = /^(svc|service|services)\//i.test(target) ? inv.cluster.api.get("services", inv.namespace, target.slice(target.indexOf("/") + 1)) : undefined;
  if (pod.status?.phase !== "Running") throw kerror(`unable to forward port because pod is not running. Current status=${pod.status?.phase ?? "Pending"}`);
  const cluster = inv.cluster;
  const lines: string[] = [];
  for (const spec of inv.args.slice(1)) {
    const { local, remote } = parsePortSpec(spec);
    let remotePort = Number(remote);
    if (svc) {
      // A Service port maps to its targetPort (a named targetPort resolves against the pod).
      const sp = (svc.spec?.ports ?? []).find((p: any) => String(p.port) === remote || p.name === remote);
      if (!sp) throw kerror(`Service ${svc.metadata.name} does not have a service port ${remote}`);
      const tp = sp.targetPort ?? sp.port;
      remotePort = typeof tp === "number" ? tp : Number(tp) || (pod.spec?.containers ?? []).flatMap((c: any) => c.ports ?? []).find((p: any) => p.name === tp)?.containerPort;
    } else if (!Number.isInteger(remotePort)) {
      const named = (pod.spec?.containers ?? []).flatMap((c: any) => c.ports ?? []).find((p: any) => p.name === remote);
      if (!named) throw kerror(`Pod '${pod.metadata.name}' does not have a named port '${remote}'`);
      remotePort = named.containerPort;
    }
    const lp = local || 30000 + cluster.rng.int(30000);
    const addrs: string[] = inv.flags.address ?? ["localhost"];
    if (inUse(inv, lp)) throw kerror(`unable to listen on any of the requested ports: [{${lp} ${remotePort}}]`);
    const p = pod;
    listen(cluster, lp, (path) => {
      const live = cluster.store.get("pods", p.metadata.namespace, p.metadata.name);
      if (!live || live.metadata.uid !== p.metadata.uid) return undefined;
      return httpGetPod(cluster, live, remotePort, path);
    });
    for (const a of addrs) {
      if (a === "localhost") lines.push(`Forwarding from 127.0.0.1:${lp} -> ${remotePort}`, `Forwarding from [::1]:${lp} -> ${remotePort}`);
      else lines.push(`Forwarding from ${a}:${lp} -> ${remotePort}`);
    }
  }
  inv.out(lines.map((l) => l + "\n").join(""));
  return serveUntilInterrupted(inv, -1);
}

export const proxyCommand: KubectlCommand = {
  name: "proxy",
  flags: [
    { name: "port", short: "p", type: "int", default: 8001 },
    { name: "address", type: "string", default: "127.0.0.1" },
    { name: "accept-hosts", type: "string" },
    { name: "accept-paths", type: "string" },
    { name: "reject-paths", type: "string" },
    { name: "reject-methods", type: "string" },
    { name: "api-prefix", type: "string", default: "/" },
    { name: "www", short: "w", type: "string" },
    { name: "www-prefix", short: "P", type: "string" },
    { name: "disable-filter", type: "bool" },
    { name: "unix-socket", short: "u", type: "string" },
    { name: "keepalive", type: "string" },
    { name: "append-server-path", type: "bool" },
  ],
  run: runProxy,
};

export const portForwardCommand: KubectlCommand = {
  name: "port-forward",
  flags: [
    { name: "address", type: "strings" },
    { name: "pod-running-timeout", type: "string" },
  ],
  run: runPortForward,
};

