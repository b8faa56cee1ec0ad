// wget in two dialects: GNU Wget 1.21 on the Ubuntu workstation (and Debian images) and
// busybox wget in busybox/alpine images, each with its own progress lines, errors and exit
// codes (GNU: 4 network, 8 server error; busybox: 1).

import { exchange, parseUrl, REASONS, serverHeader, userAgent, type NetEnv, type ToolIo } from "./client.ts";

/** Linux gives up on an unanswered SYN after ~2 minutes (tcp_syn_retries=6). */
const KERNEL_CONNECT_TIMEOUT_MS = 127_000;

interface Opts {
  quiet: boolean;
  out?: string;
  spider: boolean;
  serverResp: boolean;
  timeout?: number;
  headers: Record<string, string>;
  urls: string[];
}

function parseArgs(argv: string[]): Opts {
  const o: Opts = { quiet: false, spider: false, serverResp: false, headers: {}, urls: [] };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === "--spider") o.spider = true;
    else if (a === "--quiet") o.quiet = true;
    else if (a === "--server-response") o.serverResp = true;
    else if (a.startsWith("--output-document=")) o.out = a.slice(18);
    else if (a === "--output-document") o.out = argv[++i];
    else if (a.startsWith("--timeout=")) o.timeout = Number(a.slice(10));
    else if (a === "--timeout") o.timeout = Number(argv[++i]);
    else if (a.startsWith("--header=")) addHeader(o, a.slice(9));
    else if (a === "--header") addHeader(o, argv[++i] ?? "");
    else if (a.startsWith("--")) continue;
    else if (a.startsWith("-") && a.length > 1) {
      for (let j = 1; j < a.length; j++) {
        const ch = a[j];
        if (ch === "q") o.quiet = true;
        else if (ch === "S") o.serverResp = true;
        else if (ch === "O" || ch === "T" || ch === "t" || ch === "U" || ch === "Y" || ch === "P") {
          const v = j + 1 < a.length ? a.slice(j + 1) : argv[++i];
          if (ch === "O") o.out = v;
          if (ch === "T") o.timeout = Number(v);
          break;
        }
      }
    } else o.urls.push(a);
  }
  return o;
}

function addHeader(o: Opts, h: string): void {
  const i = h.indexOf(":");
  if (i > 0) o.headers[h.slice(0, i).trim().toLowerCase()] = h.slice(i + 1).trim();
}

function stamp(ms: number): string {
  return new Date(ms).toISOString().replace("T", " ").slice(0, 19);
}

function fileName(path: string, exists: (p: string) => boolean): string {
  const base = path.split("?")[0].split("/").pop() || "index.html";
  if (!exists(base)) return base;
  for (let n = 1; ; n++) if (!exists(`${base}.${n}`)) return `${base}.${n}`;
}

export function wgetTool(io: ToolIo, e: NetEnv): number {
  {
    const o = parseArgs(io.argv.slice(1));
    if (!o.urls.length) {
      if (e.flavor === "busybox") {
        io.err("BusyBox v1.36.1 (2023-05-18 22:34:17 UTC) multi-call binary.\n\nUsage: wget [-cqS] [--spider] [-O FILE] [-o LOGFILE] [--header STR]\n\t[--post-data STR | --post-file FILE] [-Y on/off]\n\t[--no-check-certificate] [-P DIR] [-U AGENT] [-T SEC] URL...\n\nRetrieve files via HTTP or FTP\n");
        return 1;
      }
      io.err("wget: missing URL\nUsage: wget [OPTION]... [URL]...\n\nTry `wget --help' for more options.\n");
      return 1;
    }
    let code = 0;
    for (const raw of o.urls) code = e.flavor === "busybox" ? busybox(io, e, o, raw) : gnu(io, e, o, raw);
    return code;
  }
}

function save(io: ToolIo, o: Opts, path: string, body: string): { name: string; err?: string } {
  const exists = (p: string) => io.fs.exists(io.fs.resolve(io.cwd, p, io.env.HOME));
  const name = o.out ?? fileName(path, exists);
  if (name === "-") {
    io.out(body);
    return { name };
  }
  try {
    io.fs.writeFile(io.fs.resolve(io.cwd, name, io.env.HOME), body);
    return { name };
  } catch (e) {
    return { name, err: (e as Error).message };
  }
}

function busybox(io: ToolIo, env: NetEnv, o: Opts, raw: string): number {
  const u = parseUrl(raw);
  const say = (s: string) => void (!o.quiet && io.err(s));
  if (!u || (u.scheme !== "http" && u.scheme !== "https")) {
    io.err(`wget: not an http or ftp url: ${raw}\n`);
    return 1;
  }
  const x = exchange(env, u, { hostHeader: o.headers.host, headers: { "user-agent": userAgent("wget", env), connection: "close" } });
  if (x.kind === "resolve") {
    if (x.why === "dns-timeout") io.wait(10_000);
    io.err(`wget: bad address '${u.host}${u.explicitPort ? `:${u.port}` : ""}'\n`);
    return 1;
  }
  say(`Connecting to ${u.host}${u.explicitPort ? `:${u.port}` : ""} (${x.ip}:${u.port})\n`);
  const out = x.outcome;
  if ("err" in out) {
    if (out.err === "refused") io.err(`wget: can't connect to remote host (${x.ip}): Connection refused\n`);
    else if (out.err === "not-http") io.err("wget: error getting response: Connection reset by peer\n");
    else if (o.timeout !== undefined && o.timeout * 1000 < KERNEL_CONNECT_TIMEOUT_MS) {
      io.wait(o.timeout * 1000);
      io.err("wget: download timed out\n");
    } else {
      // No -T: the kernel gives up on the unanswered SYN first.
      io.wait(KERNEL_CONNECT_TIMEOUT_MS);
      io.err(`wget: can't connect to remote host (${x.ip}): Connection timed out\n`);
    }
    return 1;
  }
  const r = out.ok;
  if (u.scheme === "https") {
    io.err(out.secure ? "wget: note: TLS certificate validation not implemented\n" : "wget: error getting response: Connection reset by peer\n");
    if (!out.secure) return 1;
  }
  if (o.serverResp) say(`  HTTP/1.1 ${r.status} ${REASONS[r.status] ?? ""}\n${serverHeader(r) ? `  Server: ${serverHeader(r)}\n` : ""}  Content-Type: ${r.contentType}\n  Content-Length: ${r.body.length}\n  Connection: close\n  \n`);
  if (r.status >= 400) {
    io.err(`wget: server returned error: HTTP/1.1 ${r.status} ${REASONS[r.status] ?? ""}\n`);
    return 1;
  }
  if (o.spider) {
    say("remote file exists\n");
    return 0;
  }
  const name = o.out ?? fileName(u.path, (p) => io.fs.exists(io.fs.resolve(io.cwd, p, io.env.HOME)));
  if (name !== "-" && o.out === undefined && io.fs.exists(io.fs.resolve(io.cwd, name.replace(/\.\d+$/, ""), io.env.HOME))) {
    io.err(`wget: can't open '${name.replace(/\.\d+$/, "")}': File exists\n`);
    return 1;
  }
  say(name === "-" ? "writing to stdout\n" : `saving to '${name}'\n`);
  const s = save(io, { ...o, out: name }, u.path, r.body);
  if (s.err) {
    io.err(`wget: can't open '${name}': ${s.err}\n`);
    return 1;
  }
  const label = (name === "-" ? "-" : name).padEnd(20).slice(0, 20);
  say(`${label} 100% |********************************| ${String(r.body.length).padStart(5)}  0:00:00 ETA\n`);
  say(name === "-" ? "written to stdout\n" : `'${name}' saved\n`);
  return 0;
}

function gnu(io: ToolIo, env: NetEnv, o: Opts, raw: string): number {
  const u = parseUrl(raw);
  const say = (s: string) => void (!o.quiet && io.err(s));
  if (!u || (u.scheme !== "http" && u.scheme !== "https")) {
    io.err(`${raw}: Unsupported scheme.\n`);
    return 1;
  }
  const url = `${u.scheme}://${u.host}${u.explicitPort ? `:${u.port}` : ""}${u.path}`;
  say(`--${stamp(env.c.now)}--  ${url}\n`);
  const x = exchange(env, u, { hostHeader: o.headers.host, headers: { "user-agent": userAgent("wget", env), accept: "*/*", "accept-encoding": "identity", connection: "Keep-Alive" } });
  const isIP = /^\d+\.\d+\.\d+\.\d+$/.test(u.host);
  if (x.kind === "resolve") {
    if (x.why === "dns-timeout") io.wait(10_000);
    say(`Resolving ${u.host} (${u.host})... failed: ${x.why === "nxdomain" ? "Name or service not known" : "Temporary failure in name resolution"}.\n`);
    say(`wget: unable to resolve host address ‘${u.host}’\n`);
    return 4;
  }
  if (!isIP) say(`Resolving ${u.host} (${u.host})... ${x.ip}\n`);
  const connecting = isIP ? `Connecting to ${x.ip}:${u.port}... ` : `Connecting to ${u.host} (${u.host})|${x.ip}|:${u.port}... `;
  say(connecting);
  const out = x.outcome;
  if ("err" in out) {
    if (out.err === "refused") {
      say("failed: Connection refused.\n");
      return 4;
    }
    if (out.err === "not-http") {
      say("connected.\nHTTP request sent, awaiting response... No data received.\nGiving up.\n\n");
      return 4;
    }
    io.wait(Math.min((o.timeout ?? 900) * 1000, KERNEL_CONNECT_TIMEOUT_MS));
    // GNU wget would retry 20 times; one attempt keeps the terminal responsive.
    say("failed: Connection timed out.\nGiving up.\n\n");
    return 4;
  }
  say("connected.\n");
  if (u.scheme === "https") {
    if (!out.secure) {
      say("GnuTLS: An unexpected TLS packet was received.\nUnable to establish SSL connection.\n");
      return 4;
    }
    say(`ERROR: The certificate of ‘${u.host}’ is not trusted.\nERROR: The certificate of ‘${u.host}’ doesn't have a known issuer.\n`);
    return 5;
  }
  const r = out.ok;
  const reason = REASONS[r.status] ?? "";
  say(`HTTP request sent, awaiting response... ${o.serverResp ? "\n" + `  HTTP/1.1 ${r.status} ${reason}\n${serverHeader(r) ? `  Server: ${serverHeader(r)}\n` : ""}  Content-Type: ${r.contentType}\n  Content-Length: ${r.body.length}\n  Connection: keep-alive\n` : `${r.status} ${reason}\n`}`);
  if (r.status >= 400) {
    say(`${stamp(env.c.now)} ERROR ${r.status}: ${reason}.\n\n`);
    return 8;
  }
  const type = r.contentType.split(";")[0];
  if (o.spider) {
    say(`Length: ${r.body.length} [${type}]\nRemote file exists and could contain further links,\nbut recursion is disabled -- not retrieving.\n\n`);
    return 0;
  }
  const name = o.out ?? fileName(u.path, (p) => io.fs.exists(io.fs.resolve(io.cwd, p, io.env.HOME)));
  say(`Length: ${r.body.length} [${type}]\nSaving to: ‘${name === "-" ? "STDOUT" : name}’\n\n`);
  const s = save(io, { ...o, out: name }, u.path, r.body);
  if (s.err) {
    io.err(`${name}: ${s.err}\n`);
    return 3;
  }
  const label = (name === "-" ? "-" : name).padEnd(18).slice(0, 18);
  say(`${label}  100%[===================>] ${String(r.body.length).padStart(7)}  --.-KB/s    in 0s      \n\n`);
  say(`${stamp(env.c.now)} (58.7 MB/s) - ${name === "-" ? "written to stdout" : `‘${name}’ saved`} [${r.body.length}/${r.body.length}]\n\n`);
  return 0;
}
