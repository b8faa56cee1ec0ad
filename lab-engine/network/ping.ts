// ping: pod and node IPs answer ICMP (unless a NetworkPolicy isolates the pod); Service
// ClusterIPs never do (iptables kube-proxy only rewrites TCP/UDP to ports it knows). Bounded:
// without -c it sends 4 probes in this terminal, one per simulated second.

import type { Cluster } from "../cluster/cluster.ts";
import { resolveFrom, type NetEnv, type ToolIo } from "./client.ts";
import { originIP } from "./route.ts";
import { policyAllows } from "./netpol.ts";
import { nodeIP } from "./ipam.ts";

function answers(c: Cluster, env: NetEnv, ip: string): boolean {
  if (ip === "127.0.0.1") return true;
  if (c.store.list("nodes").some((n) => nodeIP(n) === ip)) return true;
  const pod = c.store.list("pods").find((p) => p.status?.podIP === ip && !p.spec?.hostNetwork && p.status?.phase === "Running");
  if (!pod) return false;
  return policyAllows(c, { pod: env.from.pod, ip: originIP(c, env.from) }, { pod, ip }, 0, "ICMP");
}

export function pingTool(io: ToolIo, e: NetEnv): number {
  {
    const args = io.argv.slice(1);
    let count = 4;
    let target: string | undefined;
    for (let i = 0; i < args.length; i++) {
      const a = args[i];
      if (a === "-c") count = Number(args[++i]);
      else if (/^-c\d+$/.test(a)) count = Number(a.slice(2));
      else if (a === "-W" || a === "-w" || a === "-i" || a === "-s") i++;
      else if (!a.startsWith("-")) target = a;
    }
    const bb = e.flavor === "busybox";
    if (!target) {
      io.err(bb ? "BusyBox v1.36.1 (2023-05-18 22:34:17 UTC) multi-call binary.\n\nUsage: ping [OPTIONS] HOST\n" : "ping: usage error: Destination address required\n");
      return bb ? 1 : 2;
    }
    count = Math.max(1, Math.min(Number.isFinite(count) ? count : 4, 20));
    const r = resolveFrom(e, target);
    if (typeof r === "string" || !r.ips.length) {
      io.err(bb ? `ping: bad address '${target}'\n` : `ping: ${target}: ${r === "dns-timeout" ? "Temporary failure in name resolution" : "Name or service not known"}\n`);
      return bb ? 1 : 2;
    }
    const ip = r.ips[0];
    const ok = answers(e.c, e, ip);
    io.out(bb ? `PING ${target} (${ip}): 56 data bytes\n` : `PING ${target} (${ip}) 56(84) bytes of data.\n`);
    const times: number[] = [];
    for (let i = 0; i < count && !io.aborted(); i++) {
      if (ok) {
        const t = 0.05 + ((i * 37 + ip.length * 11) % 50) / 1000;
        times.push(t);
        const ttl = ip === "127.0.0.1" ? 64 : 63;
        io.out(bb ? `64 bytes from ${ip}: seq=${i} ttl=${ttl} time=${t.toFixed(3)} ms\n` : `64 bytes from ${ip}: icmp_seq=${i + 1} ttl=${ttl} time=${t.toFixed(3)} ms\n`);
      }
      if (i < count - 1) io.wait(1000);
    }
    const n = ok ? times.length : 0;
    const sent = ok ? times.length : count;
    const loss = sent ? Math.round(((sent - n) / sent) * 100) : 0;
    io.out(`\n--- ${target} ping statistics ---\n`);
    if (bb) {
      io.out(`${sent} packets transmitted, ${n} packets received, ${loss}% packet loss\n`);
      if (n) io.out(`round-trip min/avg/max = ${Math.min(...times).toFixed(3)}/${(times.reduce((a, b) => a + b, 0) / n).toFixed(3)}/${Math.max(...times).toFixed(3)} ms\n`);
    } else {
      io.out(`${sent} packets transmitted, ${n} received, ${loss}% packet loss, time ${(sent - 1) * 1000 + 3}ms\n`);
      if (n) {
        const avg = times.reduce((a, b) => a + b, 0) / n;
        const mdev = Math.sqrt(times.reduce((a, b) => a + (b - avg) ** 2, 0) / n);
        io.out(`rtt min/avg/max/mdev = ${Math.min(...times).toFixed(3)}/${avg.toFixed(3)}/${Math.max(...times).toFixed(3)}/${mdev.toFixed(3)} ms\n`);
      }
    }
    return n ? 0 : 1;
  }
}
