// nslookup / host / dig as learners run them: busybox nslookup in pods (1.28's old format for
// busybox:1.28, the k8s docs' DNS-debugging image), GNU dnsutils on the workstation, whose
// resolver is the node's (systemd-resolved, 127.0.0.53): node names only, unless the cluster
// DNS server is named explicitly (`nslookup web.default.svc.cluster.local 10.96.0.10`).

import { DNS_SERVER, lookupZone, resolveOnNode, searchList, type DnsAnswer } from "./dns.ts";
import { resolveFrom, type NetEnv, type ToolIo } from "./client.ts";

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
    // nslookup shows an ExternalName's CNAME even when its target does not resolve here.
    let r = resolveFrom(env, name, false);
    if (typeof r !== "string" && r.cname && !r.ips.length) {
      const t = resolveFrom(env, r.cname + ".");
      if (typeof t !== "string") r = { ...r, ips: t.ips };
    }
    return { server: DNS_SERVER, ans: r, tried: searchList(name, env.ns ?? "default") };
  }
  return { server: NODE_RESOLVER, ans: resolveOnNode(env.c, name) ?? "nxdomain", tried: [name] };
}

export function nslookupTool(io: ToolIo, e: NetEnv): number {
  {
    const args = io.argv.slice(1).filter((a) => !a.startsWith("-"));
    const name = args[0];
    if (!name) {
      if (e.flavor === "busybox") {
        io.err("BusyBox v1.36.1 (2023-05-18 22:34:17 UTC) multi-call binary.\n\nUsage: nslookup [-type=QUERY_TYPE] [-debug] HOST [DNS_SERVER]\n\nQuery DNS about HOST\n\nQUERY_TYPE: soa,ns,a,aaaa,cname,mx,txt,ptr,srv,any\n");
        return 1;
      }
      io.err("nslookup: interactive mode is not available in this terminal\n");
      return 1;
    }
    const { server, ans, tried } = lookup(e, name.replace(/\.$/, "") + (name.endsWith(".") ? "." : ""), args[1]);
    if (ans === "dns-timeout") io.wait(15_000);
    if (e.flavor === "busybox" && e.busyboxOld) {
      io.out(`Server:    ${server}\nAddress 1: ${server} kube-dns.kube-system.svc.cluster.local\n\n`);
      if (typeof ans === "string") {
        io.err(`nslookup: can't resolve '${name}'\n`);
        return 1;
      }
      io.out(`Name:      ${name}\n${ans.ips.map((ip, i) => `Address ${i + 1}: ${ip}${ans.cname ? "" : ` ${ans.fqdn}`}\n`).join("")}`);
      return 0;
    }
    if (e.flavor === "busybox") {
      if (ans === "dns-timeout") {
        io.out(`;; connection timed out; no servers could be reached\n\n`);
        return 1;
      }
      io.out(`Server:\t\t${server}\nAddress:\t${server}:53\n\n`);
      if (ans === "nxdomain") {
        for (const t of tried) io.out(`** server can't find ${t}: NXDOMAIN\n\n`);
        return 1;
      }
      if (ans.cname) io.out(`${ans.fqdn}\tcanonical name = ${ans.cname}\n`);
      for (const ip of ans.ips) io.out(`Name:\t${ans.cname ?? ans.fqdn}\nAddress: ${ip}\n`);
      io.out("\n");
      return 0;
    }
    if (ans === "dns-timeout") {
      io.out(`;; connection timed out; no servers could be reached\n\n`);
      return 1;
    }
    io.out(`Server:\t\t${server}\nAddress:\t${server}#53\n\n`);
    if (ans === "nxdomain") {
      io.out(`** server can't find ${name}: NXDOMAIN\n\n`);
      return 1;
    }
    // Answers from the cluster's own zone are authoritative; the node stub resolver's are not.
    if (server === NODE_RESOLVER) io.out("Non-authoritative answer:\n");
    if (ans.cname) io.out(`${ans.fqdn}\tcanonical name = ${ans.cname}.\n`);
    for (const ip of ans.ips) io.out(`Name:\t${ans.cname ?? ans.fqdn}\nAddress: ${ip}\n`);
    io.out("\n");
    return 0;
  }
}

export function hostTool(io: ToolIo, e: NetEnv): number {
  {
    const args = io.argv.slice(1).filter((a) => !a.startsWith("-"));
    if (!args[0]) {
      io.err("Usage: host [-aCdilrTvVw] [-c class] [-N ndots] [-t type] [-W time]\n            [-R number] [-m flag] [-p port] hostname [server]\n");
      return 1;
    }
    const { ans } = lookup(e, args[0], args[1]);
    if (ans === "dns-timeout") {
      io.wait(10_000);
      io.out(";; connection timed out; no servers could be reached\n");
      return 1;
    }
    if (ans === "nxdomain") {
      io.out(`Host ${args[0]} not found: 3(NXDOMAIN)\n`);
      return 1;
    }
    if (ans.cname) io.out(`${ans.fqdn} is an alias for ${ans.cname}.\n`);
    for (const ip of ans.ips) io.out(`${ans.cname ?? ans.fqdn} has address ${ip}\n`);
    return 0;
  }
}

export function digTool(io: ToolIo, e: NetEnv): number {
  {
    const args = io.argv.slice(1);
    const short = args.includes("+short");
    const server = args.find((a) => a.startsWith("@"))?.slice(1);
    const name = args.find((a) => !a.startsWith("+") && !a.startsWith("@") && !a.startsWith("-") && !/^(A|AAAA|CNAME|SRV|ANY|MX|TXT|NS)$/i.test(a));
    if (!name) return 0;
    // dig does not apply the search list (+search is off by default).
    const ans: DnsAnswer | "nxdomain" =
      server === DNS_SERVER || e.from.pod ? lookupZone(e.c, name) ?? "nxdomain" : (resolveOnNode(e.c, name) ?? "nxdomain");
    if (ans === "nxdomain") {
      if (!short) io.out(`\n; <<>> DiG 9.18.30-0ubuntu0.24.04.1-Ubuntu <<>> ${args.join(" ")}\n;; global options: +cmd\n;; Got answer:\n;; ->>HEADER<<- opcode: QUERY, status: NXDOMAIN, id: 41217\n\n`);
      return 0;
    }
    const fq = ans.fqdn + ".";
    const rrs = [...(ans.cname ? [`${fq}\t\t5\tIN\tCNAME\t${ans.cname}.`] : []), ...ans.ips.map((ip) => `${ans.cname ? ans.cname + "." : fq}\t\t5\tIN\tA\t${ip}`)];
    if (short) {
      io.out([...(ans.cname ? [ans.cname + "."] : []), ...ans.ips].map((l) => l + "\n").join(""));
      return 0;
    }
    const srv = server ?? (e.from.pod ? DNS_SERVER : NODE_RESOLVER);
    io.out(
      `\n; <<>> DiG 9.18.30-0ubuntu0.24.04.1-Ubuntu <<>> ${args.join(" ")}\n;; global options: +cmd\n;; Got answer:\n;; ->>HEADER<<- opcode: QUERY, status: NOERROR, id: 41217\n;; flags: qr aa rd; QUERY: 1, ANSWER: ${rrs.length}, AUTHORITY: 0, ADDITIONAL: 1\n\n;; QUESTION SECTION:\n;${fq}\t\t\tIN\tA\n\n;; ANSWER SECTION:\n${rrs.join("\n")}\n\n;; Query time: 0 msec\n;; SERVER: ${srv}#53(${srv}) (UDP)\n;; MSG SIZE  rcvd: 100\n\n`,
    );
    return 0;
  }
}
