// What a container answers on HTTP: nginx and httpd serve the container's files (the image's web
// root with the welcome page, volumes, files written by kubectl exec or the process); app images
// answer their catalogue pages. Used by probes here and by curl/wget/Services in the network module.

import type { Cluster } from "../cluster/cluster.ts";
import type { KObject } from "../api/types.ts";
import { IMAGES } from "./images.ts";
import { filesAt } from "./probes.ts";
import type { Instance } from "./state.ts";

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

function nginxPage(status: number, title: string): string {
  return `<html>\n<head><title>${status} ${title}</title></head>\n<body>\n<center><h1>${status} ${title}</h1></center>\n<hr><center>nginx/1.27.3</center>\n</body>\n</html>\n`;
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
function serveFiles(kind: "nginx" | "httpd", files: Record<string, string>, root: string, p: string): HttpResponse {
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

export function httpAnswer(c: Cluster, pod: KObject, ctr: any, inst: Instance, path: string): HttpResponse {
  const info = IMAGES[inst.prog.serve];
  const p = path.split("?")[0] || "/";
  const sub = (s: string) => s.replace(/\{hostname\}/g, pod.metadata.name).replace(/\{podIP\}/g, pod.status?.podIP ?? "").replace(/\{date\}/g, new Date(c.now).toISOString());
  if (info?.behaviour === "nginx" || info?.behaviour === "httpd") {
    const kind = info.behaviour;
    const files = filesAt(c, pod, ctr, inst, c.now);
    const root = kind === "nginx" ? nginxRoot(filesAt(c, pod, ctr, inst, inst.startedAt)) : WEB_ROOT.httpd;
    return serveFiles(kind, files, root, p.startsWith("/") ? p : "/" + p);
  }
  const pages = info?.pages ?? {};
  if (pages[p] !== undefined) return { status: 200, body: sub(pages[p]), contentType: "text/html" };
  if (info?.catchAll && pages["/"] !== undefined) return { status: 200, body: sub(pages["/"]), contentType: "text/html" };
  return { status: 404, body: "Cannot GET " + p + "\n", contentType: "text/html" };
}
