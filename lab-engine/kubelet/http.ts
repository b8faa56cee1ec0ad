// What a container answers on HTTP: the image's pages (nginx welcome page, httpd "It works!",
// app images from the catalogue), with files mounted into the web root served too. Used by
// probes here and by curl/wget/Services in the network module.

import type { Cluster } from "../cluster/cluster.ts";
import type { KObject } from "../api/types.ts";
import { IMAGES, NGINX_404, NGINX_WELCOME } from "./images.ts";
import { staticFiles } from "./fs.ts";
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

export function httpAnswer(c: Cluster, pod: KObject, ctr: any, inst: Instance, path: string): HttpResponse {
  const info = IMAGES[inst.prog.serve];
  const p = path.split("?")[0] || "/";
  const sub = (s: string) => s.replace(/\{hostname\}/g, pod.metadata.name).replace(/\{podIP\}/g, pod.status?.podIP ?? "").replace(/\{date\}/g, new Date(c.now).toISOString());
  if (info?.behaviour === "nginx" || info?.behaviour === "httpd") {
    const root = WEB_ROOT[info.behaviour];
    const mounted = (ctr?.volumeMounts ?? []).some((m: any) => root.startsWith(m.mountPath) || m.mountPath.startsWith(root));
    const files: Record<string, string> = mounted ? staticFiles(c, pod, ctr) : {};
    const file = p.endsWith("/") ? `${root}${p}index.html` : `${root}${p}`;
    if (files[file] !== undefined) return { status: 200, body: files[file], contentType: "text/html" };
    if (p === "/" || p === "/index.html") {
      if (info.behaviour === "httpd") return { status: 200, body: info.pages!["/"], contentType: "text/html" };
      return { status: 200, body: NGINX_WELCOME_BODY(), contentType: "text/html" };
    }
    if (info.behaviour === "httpd") return { status: 404, body: `<!DOCTYPE HTML PUBLIC "-//IETF//DTD HTML 2.0//EN">\n<html><head>\n<title>404 Not Found</title>\n</head><body>\n<h1>Not Found</h1>\n<p>The requested URL was not found on this server.</p>\n</body></html>\n`, contentType: "text/html" };
    return { status: 404, body: NGINX_404, contentType: "text/html" };
  }
  const pages = info?.pages ?? {};
  if (pages[p] !== undefined) return { status: 200, body: sub(pages[p]), contentType: "text/html" };
  if (info?.catchAll && pages["/"] !== undefined) return { status: 200, body: sub(pages["/"]), contentType: "text/html" };
  return { status: 404, body: "Cannot GET " + p + "\n", contentType: "text/html" };
}

function NGINX_WELCOME_BODY(): string {
  return NGINX_WELCOME;
}
