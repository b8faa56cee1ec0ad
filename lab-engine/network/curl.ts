// curl 8.5 (Ubuntu 24.04 workstation; the same binary in images that ship curl): the flags
// learners use, curl's exact error lines and exit codes (6 resolve, 7 refused, 28 timeout,
// 22 with -f, 35/60 TLS), the progress meter when output is not a terminal, -w variables.

import type { HttpResponse } from "../kubelet/http.ts";
import { exchange, parseUrl, REASONS, serverHeader, userAgent, type NetEnv, type ToolIo } from "./client.ts";

const TLS_HELP =
  "More details here: https://curl.se/docs/sslcerts.html\n\ncurl failed to verify the legitimacy of the server and therefore could not\nestablish a secure connection to it. To learn more about this situation and\nhow to fix it, please visit the web page mentioned above.\n";

/** Linux gives up on an unanswered SYN after ~2 minutes (tcp_syn_retries=6). */
const KERNEL_CONNECT_TIMEOUT_MS = 134_000;

interface Opts {
  silent: boolean;
  showErr: boolean;
  include: boolean;
  head: boolean;
  verbose: boolean;
  fail: boolean;
  insecure: boolean;
  out?: string;
  remoteName: boolean;
  maxTime?: number;
  connectTimeout?: number;
  headers: Record<string, string>;
  method?: string;
  data?: string;
  writeOut?: string;
  resolve: Record<string, string>;
  urls: string[];
}

const WITH_ARG = new Set(["-o", "-m", "-H", "-X", "-d", "-w", "-u", "-A", "-e", "-b", "-c", "-T", "-F", "-x", "-r", "-K", "-E"]);

function parseArgs(argv: string[]): Opts | string {
  const o: Opts = { silent: false, showErr: false, include: false, head: false, verbose: false, fail: false, insecure: false, remoteName: false, headers: {}, resolve: {}, urls: [] };
  const setArg = (flag: string, v: string) => {
    switch (flag) {
      case "-o":
      case "--output":
        o.out = v;
        break;
      case "-m":
      case "--max-time":
        o.maxTime = Number(v);
        break;
      case "--connect-timeout":
        o.connectTimeout = Number(v);
        break;
      case "-H":
      case "--header": {
        const i = v.indexOf(":");
        if (i > 0) o.headers[v.slice(0, i).trim().toLowerCase()] = v.slice(i + 1).trim();
        break;
      }
      case "-X":
      case "--request":
        o.method = v;
        break;
      case "-d":
      case "--data":
      case "--data-raw":
      case "--data-binary":
        o.data = v;
        break;
      case "-w":
      case "--write-out":
        o.writeOut = v;
        break;
      case "--resolve": {
        const [h, p, addr] = v.split(":");
        if (addr) o.resolve[`${h.toLowerCase()}:${p}`] = addr;
        break;
      }
      case "-A":
      case "--user-agent":
        o.headers["user-agent"] = v;
        break;
    }
  };
  const long = new Set(["--output", "--max-time", "--connect-timeout", "--header", "--request", "--data", "--data-raw", "--data-binary", "--write-out", "--resolve", "--user-agent", "--user", "--cacert", "--cert", "--key", "--retry", "--url"]);
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a.startsWith("--")) {
      const eq = a.indexOf("=");
      const name = eq > 0 ? a.slice(0, eq) : a;
      if (long.has(name)) {
        const v = eq > 0 ? a.slice(eq + 1) : argv[++i];
        if (v === undefined) return `curl: option ${name}: requires parameter\ncurl: try 'curl --help' or 'curl --manual' for more information\n`;
        if (name === "--url") o.urls.push(v);
        else setArg(name, v);
        continue;
      }
      const flags: Record<string, () => void> = {
        "--silent": () => (o.silent = true),
        "--show-error": () => (o.showErr = true),
        "--include": () => (o.include = true),
        "--head": () => (o.head = true),
        "--verbose": () => (o.verbose = true),
        "--fail": () => (o.fail = true),
        "--insecure": () => (o.insecure = true),
        "--location": () => {},
        "--remote-name": () => (o.remoteName = true),
        "--compressed": () => {},
        "--no-progress-meter": () => (o.silent = o.silent),
        "--http1.1": () => {},
      };
      if (flags[a]) flags[a]();
      else return `curl: option ${a}: is unknown\ncurl: try 'curl --help' or 'curl --manual' for more information\n`;
      continue;
    }
    if (a.startsWith("-") && a.length > 1) {
      for (let j = 1; j < a.length; j++) {
        const ch = "-" + a[j];
        if (WITH_ARG.has(ch)) {
          const v = j + 1 < a.length ? a.slice(j + 1) : argv[++i];
          if (v === undefined) return `curl: option ${ch}: requires parameter\ncurl: try 'curl --help' or 'curl --manual' for more information\n`;
          setArg(ch, v);
          break;
        }
        switch (a[j]) {
          case "s": o.silent = true; break;
          case "S": o.showErr = true; break;
          case "i": o.include = true; break;
          case "I": o.head = true; break;
          case "v": o.verbose = true; break;
          case "f": o.fail = true; break;
          case "k": o.insecure = true; break;
          case "L": case "4": case "N": case "g": case "#": break;
          case "O": o.remoteName = true; break;
          default:
            return `curl: option ${a}: is unknown\ncurl: try 'curl --help' or 'curl --manual' for more information\n`;
        }
      }
      continue;
    }
    o.urls.push(a);
  }
  return o;
}

function headerBlock(r: HttpResponse, date: string, head: boolean): string {
  const lines = [`HTTP/1.1 ${r.status} ${REASONS[r.status] ?? ""}`.trimEnd()];
  const server = serverHeader(r);
  if (server) lines.push(`Server: ${server}`);
  lines.push(`Date: ${date}`, `Content-Type: ${r.contentType}`, `Content-Length: ${r.body.length}`, "Connection: keep-alive");
  if (head && server?.startsWith("nginx/") && r.status === 200) lines.push("Accept-Ranges: bytes");
  return lines.map((l) => l + "\r\n").join("") + "\r\n";
}

function httpDate(ms: number): string {
  const d = new Date(ms);
  const day = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"][d.getUTCDay()];
  const mon = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"][d.getUTCMonth()];
  const p = (n: number) => String(n).padStart(2, "0");
  return `${day}, ${p(d.getUTCDate())} ${mon} ${d.getUTCFullYear()} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())} GMT`;
}

function meter(size: number): string {
  const s = String(size).padStart(5);
  return `  % Total    % Received % Xferd  Average Speed   Time    Time     Time  Current\n                                 Dload  Upload   Total   Spent    Left  Speed\n\r  0     0    0     0    0     0      0      0 --:--:-- --:--:-- --:--:--     0\r100 ${s}  100 ${s}    0     0   600k      0 --:--:-- --:--:-- --:--:--  600k\n`;
}

function writeOut(fmt: string, v: Record<string, string>): string {
  return fmt
    .replace(/%\{(\w+)\}/g, (m, k) => v[k] ?? "")
    .replace(/\\n/g, "\n")
    .replace(/\\t/g, "\t")
    .replace(/\\r/g, "\r");
}

export function curlTool(io: ToolIo, e: NetEnv): number {
  {
    const o = parseArgs(io.argv.slice(1));
    if (typeof o === "string") {
      io.err(o);
      return 2;
    }
    if (!o.urls.length) {
      io.err("curl: try 'curl --help' or 'curl --manual' for more information\n");
      return 2;
    }
    let code = 0;
    for (const raw of o.urls) code = one(io, e, o, raw);
    return code;
  }
}

function one(io: ToolIo, env: NetEnv, o: Opts, raw: string): number {
  const quietErr = o.silent && !o.showErr;
  const err = (n: number, msg: string) => {
    if (!quietErr) io.err(`curl: (${n}) ${msg}\n`);
    if (o.writeOut) io.out(writeOut(o.writeOut, { http_code: "000", response_code: "000", size_download: "0", remote_ip: "", time_total: "0.000000", url_effective: raw, exitcode: String(n) }));
    return n;
  };
  const u = parseUrl(raw);
  if (!u) return err(3, "URL rejected: Malformed input to a URL function");
  if (u.scheme !== "http" && u.scheme !== "https") return err(1, `Protocol "${u.scheme}" not supported`);
  const method = o.method ?? (o.head ? "HEAD" : o.data !== undefined ? "POST" : "GET");
  const { host: _host, ...extra } = o.headers;
  const reqHeaders = { "user-agent": userAgent("curl", env), accept: "*/*", ...extra };
  const x = exchange(env, u, { hostHeader: o.headers.host, method, headers: reqHeaders, resolveOverride: o.resolve[`${u.host}:${u.port}`] });
  if (x.kind === "resolve") {
    if (x.why === "dns-timeout") io.wait(Math.min(10_000, (o.maxTime ?? 10) * 1000));
    return err(6, `Could not resolve host: ${u.host}`);
  }
  const shownHost = u.host;
  if (o.verbose) io.err(`*   Trying ${x.ip}:${u.port}...\n`);
  const out = x.outcome;
  if ("err" in out) {
    if (out.err === "refused") return err(7, `Failed to connect to ${shownHost} port ${u.port} after 0 ms: Couldn't connect to server`);
    if (out.err === "not-http") return err(1, "Received HTTP/0.9 when not allowed");
    const limit = [o.connectTimeout, o.maxTime].filter((n): n is number => n !== undefined && n > 0);
    if (limit.length) {
      const ms = Math.min(...limit) * 1000;
      io.wait(ms);
      return err(28, `Connection timed out after ${ms + 1} milliseconds`);
    }
    io.wait(KERNEL_CONNECT_TIMEOUT_MS);
    return err(28, `Failed to connect to ${shownHost} port ${u.port} after ${KERNEL_CONNECT_TIMEOUT_MS} ms: Couldn't connect to server`);
  }
  let r = out.ok;
  // nginx serves static files: other methods than GET/HEAD get its 405 page.
  if (method !== "GET" && method !== "HEAD" && serverHeader(r)?.startsWith("nginx")) {
    r = { status: 405, body: `<html>\n<head><title>405 Not Allowed</title></head>\n<body>\n<center><h1>405 Not Allowed</h1></center>\n<hr><center>${serverHeader(r)}</center>\n</body>\n</html>\n`, contentType: "text/html" };
  }
  if (u.scheme === "https" && !out.secure) return err(35, "OpenSSL/3.0.13: error:0A00010B:SSL routines::wrong version number");
  if (u.scheme === "https" && !o.insecure) {
    if (!quietErr) io.err(`curl: (60) SSL certificate problem: ${u.host === x.ip || /kubernetes/.test(u.host) ? "unable to get local issuer certificate" : "self-signed certificate"}\n${TLS_HELP}`);
    return 60;
  }
  if (u.scheme === "http" && out.secure) {
    r = /kubernetes|^10\.96\.0\.1$/.test(u.host) || u.port === 6443
      ? { status: 400, body: "Client sent an HTTP request to an HTTPS server.\n", contentType: "text/plain; charset=utf-8" }
      : { status: 400, body: "<html>\n<head><title>400 The plain HTTP request was sent to HTTPS port</title></head>\n<body>\n<center><h1>400 Bad Request</h1></center>\n<center>The plain HTTP request was sent to HTTPS port</center>\n<hr><center>nginx</center>\n</body>\n</html>\n", contentType: "text/html" };
  }
  const headers = headerBlock(r, httpDate(env.c.now), o.head);
  if (o.verbose) {
    io.err(`* Connected to ${shownHost} (${x.ip}) port ${u.port}\n`);
    const hostH = o.headers.host ?? (u.explicitPort ? `${u.host}:${u.port}` : u.host);
    io.err(`> ${method} ${u.path} HTTP/1.1\n> Host: ${hostH}\n> User-Agent: ${o.headers["user-agent"] ?? userAgent("curl", env)}\n> Accept: */*\n> \n`);
    io.err(headers.split("\r\n").filter((l, i, a) => i < a.length - 1).map((l) => `< ${l}\n`).join(""));
  }
  if (o.fail && r.status >= 400) return err(22, `The requested URL returned error: ${r.status}`);
  let payload = o.head ? "" : r.body;
  if (o.include || o.head) payload = (o.verbose ? "" : headers) + payload;
  const target = o.out ?? (o.remoteName ? (u.path.split("?")[0].split("/").pop() || "") : undefined);
  if (o.remoteName && !target) return err(23, "Failed writing received data to disk/application");
  if (target !== undefined && target !== "-") {
    try {
      io.fs.writeFile(io.fs.resolve(io.cwd, target, io.env.HOME), payload);
    } catch {
      return err(23, `Failure writing output to destination, passed ${payload.length} returned 0`);
    }
  } else io.out(payload);
  if (!o.silent && !o.verbose && (target !== undefined && target !== "-" || !io.stdoutIsTTY)) io.err(meter(payload.length));
  if (o.verbose) io.err(`* Connection #0 to host ${shownHost} left intact\n`);
  if (o.writeOut) {
    io.out(writeOut(o.writeOut, { http_code: String(r.status), response_code: String(r.status), size_download: String(o.head ? 0 : r.body.length), remote_ip: x.ip, remote_port: String(u.port), time_total: "0.002154", time_connect: "0.000512", url_effective: raw, content_type: r.contentType, exitcode: "0" }));
  }
  return 0;
}
