// `kubectl logs`: container output rendered from the stored program timeline. Lines of
// `while true` loops are computed from the loop period and the clock on read, so a pod that
// echoes every 5 s for a week costs no state. Errors are the API server's exact texts.

import type { Cluster } from "../cluster/cluster.ts";
import type { KObject } from "../api/types.ts";
import { ApiError } from "../api/errors.ts";
import { kstate, type CtrRt, type Instance } from "./state.ts";
import { renderMarkers, unixDate } from "./markers.ts";
import { findContainer } from "./env.ts";
import { followLines } from "./probes.ts";

export interface LogOptions {
  previous?: boolean;
  sinceSeconds?: number;
  sinceTime?: string;
  tail?: number;
  timestamps?: boolean;
  limitBytes?: number;
}

const MAX_LINES = 10_000;
export { unixDate };
const render = renderMarkers;

/** RFC3339Nano as the kubelet writes log timestamps; lines in the same millisecond stay ordered. */
function rfc3339Nano(ms: number, sameMsIndex: number): string {
  const base = new Date(Math.floor(ms)).toISOString().slice(0, 19);
  const sub = Math.min(999_999, 104_729 + sameMsIndex * 1_531 + (Math.floor(ms) % 97) * 7);
  const frac = (String(Math.floor(ms) % 1000).padStart(3, "0") + String(sub).padStart(6, "0")).replace(/0+$/, "");
  return `${base}${frac ? "." + frac : ""}Z`;
}

interface Line {
  t: number;
  text: string;
}

/** All output lines of an instance up to `end`, at most `limit` from the end. */
export function instanceLines(inst: Instance, end: number, limit = MAX_LINES): Line[] {
  const out: Line[] = [];
  const rel = end - inst.startedAt;
  for (const l of inst.prog.lines) {
    if (l.at > rel) break;
    out.push({ t: inst.startedAt + l.at, text: render(l.text, inst.startedAt + l.at) });
  }
  const loop = inst.prog.loop;
  if (loop && loop.body.length && rel >= loop.from) {
    const iters = Math.floor((rel - loop.from) / loop.period) + 1;
    const perIter = loop.body.length;
    const first = Math.max(0, iters - Math.ceil(limit / perIter) - 1);
    if (first > 0) out.length = 0; // the prefix is beyond the window anyway
    for (let k = first; k < iters; k++) {
      for (const l of loop.body) {
        const at = loop.from + k * loop.period + l.at;
        if (at > rel) break;
        const t = inst.startedAt + at;
        out.push({ t, text: render(l.text, t) });
      }
    }
  }
  // Output the process printed when something happened to it (requests a server logged).
  if (inst.out?.length || inst.every?.length) {
    for (const l of inst.out ?? []) if (l.at <= rel) out.push({ t: inst.startedAt + l.at, text: l.text });
    for (const e of inst.every ?? []) {
      if (rel < e.from) continue;
      const n = Math.floor((rel - e.from) / e.period) + 1;
      for (let k = Math.max(0, n - limit); k < n; k++) {
        const t = inst.startedAt + e.from + k * e.period;
        out.push({ t, text: render(e.text, t) });
      }
    }
    out.sort((a, b) => a.t - b.t);
  }
  return out.length > limit ? out.slice(out.length - limit) : out;
}

function waitingMessage(x: CtrRt, podName: string): string {
  const r = x.reason ?? "ContainerCreating";
  const why = r === "ErrImagePull" || r === "ImagePullBackOff" ? "trying and failing to pull image" : r === "PodInitializing" ? "PodInitializing" : r;
  return `container "${x.name}" in pod "${podName}" is waiting to start: ${why}`;
}

export function defaultContainer(pod: KObject): string | undefined {
  return pod.metadata.annotations?.["kubectl.kubernetes.io/default-container"] ?? pod.spec?.containers?.[0]?.name;
}

export function getLogs(c: Cluster, pod: KObject, container: string | undefined, opts: LogOptions = {}): string {
  const name = container ?? defaultContainer(pod);
  const all = [...(pod.spec?.initContainers ?? []), ...(pod.spec?.containers ?? []), ...(pod.spec?.ephemeralContainers ?? [])];
  if (!name || !all.some((x: any) => x.name === name)) {
    throw new ApiError("BadRequest", `container ${name} is not valid for pod ${pod.metadata.name}`);
  }
  const rt = kstate(c).pods[pod.metadata.uid];
  const x = rt?.ctrs.find((y) => y.name === name);
  if (!x) {
    const reason = pod.spec?.initContainers?.some((i: any) => i.name === name) || (pod.spec?.initContainers ?? []).length === 0 ? "ContainerCreating" : "PodInitializing";
    throw new ApiError("BadRequest", `container "${name}" in pod "${pod.metadata.name}" is waiting to start: ${reason}`);
  }
  let inst: Instance | undefined;
  if (opts.previous) {
    inst = x.cur ? x.last : x.last;
    if (!inst) throw new ApiError("BadRequest", `previous terminated container "${name}" in pod "${pod.metadata.name}" not found`);
  } else {
    inst = x.cur ?? x.last;
    if (!inst) throw new ApiError("BadRequest", waitingMessage(x, pod.metadata.name));
  }
  const end = Math.min(c.now, inst.finishedAt ?? c.now);
  let lines = instanceLines(inst, end, opts.tail !== undefined && opts.tail >= 0 ? Math.min(opts.tail, MAX_LINES) : MAX_LINES);
  // `tail -f FILE`: the file's lines as they were written.
  if (inst.prog.follow) {
    lines = [...lines, ...followLines(c, pod, findContainer(pod, name), inst, end)].sort((a, b) => a.t - b.t);
  }
  const since = opts.sinceSeconds !== undefined ? c.now - opts.sinceSeconds * 1000 : opts.sinceTime ? Date.parse(opts.sinceTime) : undefined;
  if (since !== undefined) lines = lines.filter((l) => l.t >= since);
  if (opts.tail !== undefined && opts.tail >= 0) lines = lines.slice(Math.max(0, lines.length - opts.tail));
  let same = 0;
  let out = lines
    .map((l, i) => {
      same = i > 0 && lines[i - 1].t === l.t ? same + 1 : 0;
      return (opts.timestamps ? `${rfc3339Nano(l.t, same)} ${l.text}` : l.text) + "\n";
    })
    .join("");
  if (opts.limitBytes !== undefined && opts.limitBytes >= 0 && out.length > opts.limitBytes) out = out.slice(0, opts.limitBytes);
  return out;
}
