// Resource usage for `kubectl top` and the HPA: idle baseline per image, plus the load that
// load-generator loops in other pods put on it, plus an injected load (setLoad), capped by the
// container's cpu limit.
//
// The load model (documented for learners' expectations, deliberately simple):
//  - a container loop that sends HTTP requests more often than once a second
//    (`while sleep 0.01; do wget -q -O- http://php-apache; done`) is a load generator; its
//    program records the requests of one iteration and the iteration's own time (sleeps plus
//    a few ms per request);
//  - each request also waits for the server, which needs `cpuPerRequestMs` of one core (the
//    image catalogue: hpa-example ~10 ms, static servers ~0.2 ms); so one loop sends
//    1000 / (iteration ms + sum of server ms) iterations per second, sequentially;
//  - the requests of a Service spread evenly over its ready endpoints; a backend burns
//    requests/s x cpuPerRequestMs millicores. E.g. the HPA walkthrough's loop against
//    hpa-example: 1000 / (10 + 5 + 10) = 40 req/s x 10 ms = 400m, 200% of a 200m request, so
//    the HPA asks for 4 replicas, each then at ~50%.
//  - when the loop's pod stops, or the Service has no ready endpoints, the load is gone.

import type { Cluster } from "../cluster/cluster.ts";
import type { KObject } from "../api/types.ts";
import { kstate } from "./state.ts";
import { cpuMillis } from "../util/quantity.ts";
import { IMAGES } from "./images.ts";
import { requestBackends } from "../network/load.ts";

/** Server CPU per request when the image does not say (a static page). */
const DEFAULT_REQUEST_MS = 0.2;

/** Server CPU (ms of one core) one request costs the pod: its serving container's image. */
function requestMs(c: Cluster, pod: KObject): number {
  const rt = kstate(c).pods[pod.metadata.uid];
  for (const x of rt?.ctrs ?? []) {
    const serve = x.cur && x.cur.finishedAt === undefined ? x.cur.prog.serve : "";
    if (serve) return IMAGES[serve]?.cpuPerRequestMs ?? DEFAULT_REQUEST_MS;
  }
  return DEFAULT_REQUEST_MS;
}

const trafficCache = new WeakMap<Cluster, { key: string; load: Map<string, number> }>();

/** Millicores each pod (by uid) burns serving the load-generator loops running now. */
export function trafficLoad(c: Cluster): Map<string, number> {
  const key = `${c.now}/${c.store.rv}`;
  const hit = trafficCache.get(c);
  if (hit && hit.key === key) return hit.load;
  const load = new Map<string, number>();
  for (const rt of Object.values(kstate(c).pods)) {
    for (const x of rt.ctrs) {
      const inst = x.cur;
      const tr = inst && inst.finishedAt === undefined ? inst.prog.traffic : undefined;
      if (!tr) continue;
      const from = c.store.get("pods", rt.ns, rt.name);
      if (!from || from.metadata.uid !== rt.uid) continue;
      const targets = tr.reqs.map((argv) => requestBackends(c, from, x.name, argv).map((p) => ({ p, ms: requestMs(c, p) })));
      // One iteration: the loop's own time plus, per request, the average server time.
      const iterMs = tr.period + targets.reduce((s, ts) => s + (ts.length ? ts.reduce((a, t) => a + t.ms, 0) / ts.length : 0), 0);
      const perSec = 1000 / Math.max(iterMs, 1);
      for (const ts of targets) {
        for (const t of ts) load.set(t.p.metadata.uid, (load.get(t.p.metadata.uid) ?? 0) + (perSec / ts.length) * t.ms);
      }
    }
  }
  trafficCache.set(c, { key, load });
  return load;
}

export interface ContainerUsage {
  name: string;
  cpuMilli: number;
  memoryBytes: number;
}

function loads(c: Cluster): Record<string, number> {
  return (c.state.ctrl.kubeletLoad ??= {});
}

/** Extra cpu (millicores) a pod's first container burns, e.g. under `hey`/busybox wget load. */
export function setLoad(c: Cluster, pod: KObject, cpuMilli: number): void {
  if (cpuMilli > 0) loads(c)[pod.metadata.uid] = cpuMilli;
  else delete loads(c)[pod.metadata.uid];
}

function wobble(uid: string, name: string, now: number): number {
  // Deterministic small variation (±3%) that changes per metrics window (15 s).
  let h = Math.floor(now / 15000);
  for (const ch of uid + name) h = Math.imul(h ^ ch.charCodeAt(0), 16777619) >>> 0;
  return 0.97 + (h % 61) / 1000;
}

/** Per running container usage; [] when the pod has no running containers (top: "no metrics"). */
export function podUsage(c: Cluster, pod: KObject): ContainerUsage[] {
  const rt = kstate(c).pods[pod.metadata.uid];
  if (!rt) return [];
  const out: ContainerUsage[] = [];
  const load = (loads(c)[pod.metadata.uid] ?? 0) + Math.round(trafficLoad(c).get(pod.metadata.uid) ?? 0);
  let first = true;
  for (const x of rt.ctrs) {
    const inst = x.cur;
    if (!inst || inst.finishedAt !== undefined) continue;
    const spec = [...(pod.spec?.containers ?? []), ...(pod.spec?.initContainers ?? [])].find((s: any) => s.name === x.name) ?? {};
    const w = wobble(pod.metadata.uid, x.name, c.now);
    let cpu = Math.round(inst.prog.cpuMilli * w) + (first && !x.init ? load : 0);
    const lim = spec.resources?.limits?.cpu;
    if (lim) cpu = Math.min(cpu, cpuMillis(String(lim)));
    out.push({ name: x.name, cpuMilli: Math.max(0, cpu), memoryBytes: Math.round(inst.prog.memBytes * w) });
    if (!x.init) first = false;
  }
  return out;
}

/** Node usage: its pods plus the system overhead (kubelet, containerd, OS). */
export function nodeUsage(c: Cluster, node: KObject): { cpuMilli: number; memoryBytes: number } {
  let cpu = 60;
  let mem = 650 * 1024 * 1024;
  for (const pod of c.store.list("pods")) {
    if (pod.spec?.nodeName !== node.metadata.name) continue;
    for (const u of podUsage(c, pod)) {
      cpu += u.cpuMilli;
      mem += u.memoryBytes;
    }
  }
  return { cpuMilli: cpu, memoryBytes: mem };
}
