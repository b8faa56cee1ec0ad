// What a container answers on HTTP: nginx and httpd serve the container's files (the image's web
// root with the welcome page, volumes, files written by kubectl exec or the process); app images
// answer their catalogue pages. Used by probes here and by curl/wget/Services in the network module.

import type { Cluster } from "../cluster/cluster.ts";
import type { KObject } from "../api/types.ts";
import { IMAGES, nginxVersion, parseImage } from "./images.ts";
import { filesAt } from "./probes.ts";
import type { Instance } from "./state.ts";
import { strftime } from "./markers.ts";
import { DATEF } from "./shell-sim.ts";
import { writeVolume } from "./volumes.ts";

/** Who sends a request, as the server sees it (access logs, `nc -l` output). */
export interface Client {
  ip: string;
  method?: string;
  /** Header names in lower case (`user-agent`, `host`, `referer`). */
  headers?: Record<string, string>;
}

export interface HttpResponse {
  status: number;
  body: string;
  contentType: string;
}

const WEB_ROOT: Record<string, string> = {
  nginx: "/usr/share/nginx/html",
  httpd: "/usr/local/apache2/htdocs",
};

/** Whether the instance accepts TCP connections on `port` at time `t`. */
export function listening(inst: Instance | undefined, port: number, t: number): boolean {
  if (!inst || inst.finishedAt !== undefined) return false;
  return inst.prog.ports.includes(port) && t >= inst.startedAt + inst.prog.listenAt;
}

function nginxPageOf(status: number, title: string, version = "1.27.3"): string {
  return `<html>\n<head><title>${status} ${title}</title></head>\n<body>\n<center><h1>${status} ${title}</h1></center>\n<hr><center>nginx/${version}</center>\n</body>\n</html>\n`;
}

const HTTPD_404 = `<!DOCTYPE HTML PUBLIC "-//IETF//DTD HTML 2.0//EN">\n<html><head>\n<title>404 Not Found</title>\n</head><body>\n<h1>Not Found</h1>\n<p>The requested URL was not found on this server.</p>\n</body></html>\n`;

function mime(path: string): string {
  const ext = /\.([A-Za-z0-9]+)$/.exec(path)?.[1]?.toLowerCase() ?? "";
  const types: Record<string, string> = { html: "text/html", htm: "text/html", txt: "text/plain", css: "text/css", js: "application/javascript", json: "application/json", xml: "text/xml", png: "image/png", jpg: "image/jpeg", svg: "image/svg+xml" };
  return types[ext] ?? "application/octet-stream";
}

/** The document root nginx read from its config when it started (`root` of `location /`). */
function nginxRoot(files: Record<string, string>): string {
  const conf = Object.entries(files)
    .filter(([p]) => p.startsWith("/etc/nginx/conf.d/") && p.endsWith(".conf"))
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([, t]) => t.replace(/#.*$/gm, ""))
    .join("\n");
  const loc = /location\s+\/\s*\{([^}]*)\}/.exec(conf);
  const root = (loc && /\broot\s+([^;\s]+)\s*;/.exec(loc[1])) ?? /\broot\s+([^;\s]+)\s*;/.exec(conf);
  return root ? root[1].replace(/\/+$/, "") : WEB_ROOT.nginx;
}

/**
 * A static web server answering from the container's files as they are now: the image's web
 * root (index.html, 50x.html), mounted volumes, and what `kubectl exec`/the process wrote.
 */
function serveFiles(kind: "nginx" | "httpd", files: Record<string, string>, root: string, p: string, version: string): HttpResponse {
  const nginxPage = (status: number, title: string) => nginxPageOf(status, title, version);
  const notFound = (): HttpResponse => (kind === "nginx" ? { status: 404, body: nginxPage(404, "Not Found"), contentType: "text/html" } : { status: 404, body: HTTPD_404, contentType: "text/html; charset=iso-8859-1" });
  let path: string;
  try {
    path = decodeURIComponent(p);
  } catch {
    return kind === "nginx" ? { status: 400, body: nginxPage(400, "Bad Request"), contentType: "text/html" } : notFound();
  }
  const full = root + path;
  const isDir = (d: string) => Object.keys(files).some((f) => f.startsWith(d.endsWith("/") ? d : d + "/"));
  if (!path.endsWith("/")) {
    if (files[full] !== undefined) return { status: 200, body: files[full], contentType: mime(full) };
    if (isDir(full)) return kind === "nginx" ? { status: 301, body: nginxPage(301, "Moved Permanently"), contentType: "text/html" } : notFound();
    return notFound();
  }
  if (!isDir(full)) return notFound();
  for (const index of ["index.html", "index.htm"]) {
    if (files[full + index] !== undefined) return { status: 200, body: files[full + index], contentType: "text/html" };
  }
  // nginx has no autoindex: a directory without an index page is forbidden.
  return kind === "nginx" ? { status: 403, body: nginxPage(403, "Forbidden"), contentType: "text/html" } : notFound();
}

/** The raw reply of a `nc -l` server, as an HTTP response (undefined: not HTTP). */
function rawReply(reply: string): HttpResponse | undefined {
  const m = /^HTTP\/\d(?:\.\d)? (\d{3})[^\n]*\n/.exec(reply);
  if (!m) return undefined;
  const sep = /\r?\n\r?\n/.exec(reply);
  const body = sep ? reply.slice(sep.index + sep[0].length) : "";
  const ct = /^content-type:\s*([^\r\n]*)/im.exec(sep ? reply.slice(0, sep.index) : reply);
  return { status: Number(m[1]), body, contentType: ct?.[1] ?? "" };
}

/** UTF-8 size of a body ($body_bytes_sent). */
function bytes(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const ch = s.charCodeAt(i);
    n += ch < 0x80 ? 1 : ch < 0x800 ? 2 : ch >= 0xd800 && ch < 0xdc00 ? (i++, 4) : 3;
  }
  return n;
}

/** The request line and headers a client sends, as `nc -l` prints them. */
function requestText(path: string, client: Client): string[] {
  const h = client.headers ?? {};
  const lines = [`${client.method ?? "GET"} ${path} HTTP/1.1`];
  if (h.host) lines.push(`Host: ${h.host}`);
  for (const [k, v] of Object.entries(h)) if (k !== "host") lines.push(`${k.replace(/(^|-)([a-z])/g, (_m, d, ch) => d + ch.toUpperCase())}: ${v}`);
  return [...lines, ""];
}

/** nginx's `main` log format (the image's nginx.conf). */
function accessLine(c: Cluster, path: string, client: Client, res: HttpResponse): string {
  const h = client.headers ?? {};
  const method = client.method ?? "GET";
  // nginx's own status pages end their lines with CRLF (the bodies here use LF).
  const crlf = res.status >= 300 && res.body.startsWith("<html>\n<head><title>") ? (res.body.match(/\n/g) ?? []).length : 0;
  const sent = method === "HEAD" ? 0 : bytes(res.body) + crlf;
  return `${client.ip} - - [${strftime("%d/%b/%Y:%H:%M:%S +0000", c.now)}] "${method} ${path} HTTP/1.1" ${res.status} ${sent} "${h.referer ?? "-"}" "${h["user-agent"] ?? "-"}" "${h["x-forwarded-for"] ?? "-"}"`;
}

/** A line the process prints to stdout now (kept with the instance, bounded). */
function printOut(c: Cluster, inst: Instance, lines: string[]): void {
  const out = (inst.out ??= []);
  for (const text of lines) out.push({ at: c.now - inst.startedAt, text });
  if (out.length > 2000) out.splice(0, out.length - 1000);
}

/** nginx writes its access log to stdout, or to /var/log/nginx/access.log when a volume hides the image's symlink. */
function logAccess(c: Cluster, inst: Instance, line: string): void {
  const m = inst.mounts?.find((x) => x.path === "/var/log/nginx");
  if (m) writeVolume(inst, m.key, (m.sub ? "/" + m.sub : "") + "/access.log", "append", line + "\n", c.now);
  else printOut(c, inst, [line]);
}

/**
 * What the container answers to an HTTP request on `port` (`client`: who asks; servers that
 * log requests log it). undefined: the listener does not speak HTTP.
 */
export function serveRequest(c: Cluster, pod: KObject, ctr: any, inst: Instance, port: number, path: string, client?: Client): HttpResponse | undefined {
  const nc = inst.prog.listens?.find((l) => l.port === port);
  if (nc) {
    // busybox nc prints what the client sent, then sends its stdin.
    if (client) printOut(c, inst, requestText(path, client));
    return rawReply(nc.reply);
  }
  if (!inst.prog.serve) return undefined;
  const res = httpAnswer(c, pod, ctr, inst, path);
  if (client && IMAGES[inst.prog.serve]?.behaviour === "nginx") logAccess(c, inst, accessLine(c, path, client, res));
  return res;
}

/**
 * A probe whose answer can no longer change stops being evaluated here, but the kubelet keeps
 * sending it every period: nginx's log gets its line every period from `from` (rendered lazily).
 */
export function logProbeEvery(c: Cluster, pod: KObject, ctr: any, inst: Instance, path: string, client: Client, from: number, period: number): void {
  if (IMAGES[inst.prog.serve]?.behaviour !== "nginx" || inst.mounts?.some((m) => m.path === "/var/log/nginx")) return;
  const line = accessLine(c, path, client, httpAnswer(c, pod, ctr, inst, path)).replace(/\[[^\]]*\]/, `[${DATEF}%d/%b/%Y:%H:%M:%S +0000\u0001]`);
  (inst.every ??= []).push({ from: from - inst.startedAt, period, text: line });
}

export function httpAnswer(c: Cluster, pod: KObject, ctr: any, inst: Instance, path: string): HttpResponse {
  const info = IMAGES[inst.prog.serve];
  const p = path.split("?")[0] || "/";
  const sub = (s: string) => s.replace(/\{hostname\}/g, pod.metadata.name).replace(/\{podIP\}/g, pod.status?.podIP ?? "").replace(/\{date\}/g, new Date(c.now).toISOString());
  if (info?.behaviour === "nginx" || info?.behaviour === "httpd") {
    const kind = info.behaviour;
    const files = filesAt(c, pod, ctr, inst, c.now);
    const root = kind === "nginx" ? nginxRoot(filesAt(c, pod, ctr, inst, inst.startedAt)) : WEB_ROOT.httpd;
    return serveFiles(kind, files, root, p.startsWith("/") ? p : "/" + p, nginxVersion(parseImage(ctr?.image ?? "").tag));
  }
  const pages = info?.pages ?? {};
  if (pages[p] !== undefined) return { status: 200, body: sub(pages[p]), contentType: "text/html" };
  if (info?.catchAll && pages["/"] !== undefined) return { status: 200, body: sub(pages["/"]), contentType: "text/html" };
  return { status: 404, body: "Cannot GET " + p + "\n", contentType: "text/html" };
}
