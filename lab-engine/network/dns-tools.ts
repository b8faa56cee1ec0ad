// nslookup / host / dig as learners run them: busybox nslookup in pods (1.28's old format for
// busybox:1.28, the k8s docs' DNS-debugging image), GNU dnsutils on the workstation, whose
// resolver is the node's (systemd-resolved, 127.0.0.53): node names only, unless the cluster
// DNS server is named explicitly (`nslookup web.default.svc.cluster.local 10.96.0.10`).

import type { CommandImpl } from "../shell/types.ts";
import { DNS_SERVER, lookupZone, resolveOnNode, searchList, type DnsAnswer } from "./dns.ts";
import { resolveFrom, waitMs, type NetEnv } from "./client.ts";

const NODE_RESOLVER = "127.0.0.53";

/** What a lookup from `env` answers, and through which server. */
function lookup(env: NetEnv, name: string, server?: string): { server: string; ans: DnsAnswer | "nxdomain" | "dns-timeout"; tried: string[] } {
  if (server && server !== DNS_SERVER && server !== NODE_RESOLVER && !/^kube-dns/.test(server)) return { server, ans: "dns-timeout", tried: [name] };
  if (env.from.pod || server === DNS_SERVER) {
    if (!env.from.pod) {
      // Explicit cluster DNS from a node: no search path, absolute names only.
      const a = lookupZone(env.c, name);
      return { server: DNS_SERVER, ans: a ?? "nxdomain", tried: [name] };
    }
    const r = resolveFrom(env, name);
    return { server: DNS_SERVER, ans: r, tried: searchList(name, env.ns ?? "default") };
  }
  return { server: NODE_RESOLVER, ans: resolveOnNode(env.c, name) ?? "nxdomain", tried: [name] };
}

export function nslookupCommand(env: () => NetEnv): CommandImpl {
  return async (ctx) => {
    const args = ctx.argv.slice(1).filter((a) => !a.startsWith("-"));
    const e = env();
    const name = args[0];
    if (!name) {
      if (e.flavor === "busybox") {
        ctx.stderr.write("BusyBox v1.36.1 (2023-05-18 22:34:17 UTC) multi-call binary.\n\nUsage: nslookup [-type=QUERY_TYPE] [-debug] HOST [DNS_SERVER]\n\nQuery DNS about HOST\n\nQUERY_TYPE: soa,ns,a,aaaa,cname,mx,txt,ptr,srv,any\n");
        return 1;
      }
      ctx.stderr.write("nslookup: interactive mode is not available in this terminal\n");
      return 1;
    }
    const { server, ans, tried } = lookup(e, name.replace(/\.$/, "") + (name.endsWith(".") ? "." : ""), args[1]);
    if (ans === "dns-timeout") await waitMs(ctx, 15_000);
    if (e.flavor === "busybox" && e.busyboxOld) {
      ctx.stdout.write(`Server:    ${server}\nAddress 1: ${server} kube-dns.kube-system.svc.cluster.local\n\n`);
      if (typeof ans === "string") {
        ctx.stderr.write(`nslookup: can't resolve '${name}'\n`);
        return 1;
      }
      ctx.stdout.write(`Name:      ${name}\n${ans.ips.map((ip, i) => `Address ${i + 1}: ${ip}${ans.cname ? "" : ` ${ans.fqdn}`}\n`).join("")}`);
      return 0;
    }
    if (e.flavor === "busybox") {
      if (ans === "dns-timeout") {
        ctx.stdout.write(`;; connection timed out; no servers could be reached\n\n`);
        return 1;
      }
      ctx.stdout.write(`Server:\t\t${server}\nAddress:\t${server}:53\n\n`);
      if (ans === "nxdomain") {
        for (const t of tried) ctx.stdout.write(`** server can't find ${t}: NXDOMAIN\n\n`);
        return 1;
      }
      if (ans.cname) ctx.stdout.write(`${ans.fqdn}\tcanonical name = ${ans.cname}\n`);
      for (const ip of ans.ips) ctx.stdout.write(`Name:\t${ans.cname ?? ans.fqdn}\nAddress: ${ip}\n`);
      ctx.stdout.write("\n");
      return 0;
    }
    if (ans === "dns-timeout") {
      ctx.stdout.write(`;; connection timed out; no servers could be reached\n\n`);
      return 1;
    }
    ctx.stdout.write(`Server:\t\t${server}\nAddress:\t${server}#53\n\n`);
    if (ans === "nxdomain") {
      ctx.stdout.write(`** server can't find ${name}: NXDOMAIN\n\n`);
      return 1;
    }
    // Answers from the cluster's own zone are authoritative; the node stub resolver's are not.
    if (server === NODE_RESOLVER) ctx.stdout.write("Non-authoritative answer:\n");
    if (ans.cname) ctx.stdout.write(`${ans.fqdn}\tcanonical name = ${ans.cname}.\n`);
    for (const ip of ans.ips) ctx.stdout.write(`Name:\t${ans.cname ?? ans.fqdn}\nAddress: ${ip}\n`);
    ctx.stdout.write("\n");
    return 0;
  };
}

export function hostCommand(env: () => NetEnv): CommandImpl {
  return async (ctx) => {
    const args = ctx.argv.slice(1).filter((a) => !a.startsWith("-"));
    if (!args[0]) {
      ctx.stderr.write("Usage: host [-aCdilrTvVw] [-c class] [-N ndots] [-t type] [-W time]\n            [-R number] [-m flag] [-p port] hostname [server]\n");
      return 1;
    }
    const { ans } = lookup(env(), args[0], args[1]);
    if (ans === "dns-timeout") {
      await waitMs(ctx, 10_000);
      ctx.stdout.write(";; connection timed out; no servers could be reached\n");
      return 1;
    }
    if (ans === "nxdomain") {
      ctx.stdout.write(`Host ${args[0]} not found: 3(NXDOMAIN)\n`);
      return 1;
    }
    if (ans.cname) ctx.stdout.write(`${ans.fqdn} is an alias for ${ans.cname}.\n`);
    for (const ip of ans.ips) ctx.stdout.write(`${ans.cname ?? ans.fqdn} has address ${ip}\n`);
    return 0;
  };
}

export function digCommand(env: () => NetEnv): CommandImpl {
  return async (ctx) => {
    const args = ctx.argv.slice(1);
    const short = args.includes("+short");
    const server = args.find((a) => a.startsWith("@"))?.slice(1);
    const name = args.find((a) => !a.startsWith("+") && !a.startsWith("@") && !a.startsWith("-") && !/^(A|AAAA|CNAME|SRV|ANY|MX|TXT|NS)$/i.test(a));
    if (!name) return 0;
    const e = env();
    // dig does not apply the search list (+search is off by default).
    const ans: DnsAnswer | "nxdomain" =
      server === DNS_SERVER || e.from.pod ? lookupZone(e.c, name) ?? "nxdomain" : (resolveOnNode(e.c, name) ?? "nxdomain");
    if (ans === "nxdomain") {
      if (!short) ctx.stdout.write(`\n; <<>> DiG 9.18.30-0ubuntu0.24.04.1-Ubuntu <<>> ${args.join(" ")}\n;; global options: +cmd\n;; Got answer:\n;; ->>HEADER<<- opcode: QUERY, status: NXDOMAIN, id: 41217\n\n`);
      return 0;
    }
    const fq = ans.fqdn + ".";
    const rrs = [...(ans.cname ? [`${fq}\t\t5\tIN\tCNAME\t${ans.cname}.`] : []), ...ans.ips.map((ip) => `${ans.cname ? ans.cname + "." : fq}\t\t5\tIN\tA\t${ip}`)];
    if (short) {
      ctx.stdout.write([...(ans.cname ? [ans.cname + "."] : []), ...ans.ips].map((l) => l + "\n").join(""));
      return 0;
    }
    const srv = server ?? (e.from.pod ? DNS_SERVER : NODE_RESOLVER);
    ctx.stdout.write(
      `\n; <<>> DiG 9.18.30-0ubuntu0.24.04.1-Ubuntu <<>> ${args.join(" ")}\n;; global options: +cmd\n;; Got answer:\n;; ->>HEADER<<- opcode: QUERY, status: NOERROR, id: 41217\n;; flags: qr aa rd; QUERY: 1, ANSWER: ${rrs.length}, AUTHORITY: 0, ADDITIONAL: 1\n\n;; QUESTION SECTION:\n;${fq}\t\t\tIN\tA\n\n;; ANSWER SECTION:\n${rrs.join("\n")}\n\n;; Query time: 0 msec\n;; SERVER: ${srv}#53(${srv}) (UDP)\n;; MSG SIZE  rcvd: 100\n\n`,
    );
    return 0;
  };
}
