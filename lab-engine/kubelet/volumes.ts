// Writable volumes shared by containers: emptyDir (one pod, gone with it), persistentVolumeClaim
// (the bound PV's data, kept across pods) and hostPath (the node's directory). A container's
// writes land in its program record (`inst.prog.files`, offsets from its start) wherever they
// go; a path under one of its writable mounts belongs to the volume, so every container that
// mounts the volume sees it. Reading a volume gathers the writes of the running (and last)
// instances that mount it plus what retired instances left (`KubeletState.vols`, plain data).

import type { Cluster } from "../cluster/cluster.ts";
import type { KObject } from "../api/types.ts";
import type { FileOp } from "./shell-sim.ts";
import { kstate, type Instance, type VolOp } from "./state.ts";
import { renderMarkers } from "./markers.ts";

export interface Mount {
  /** Mount path in the container, without a trailing slash. */
  path: string;
  /** Volume identity (see volumeKey). */
  key: string;
  /** subPath inside the volume ("" = the whole volume). */
  sub: string;
}

/** Which storage a pod volume is: undefined for read-only projections (configMap, secret...). */
export function volumeKey(c: Cluster, pod: KObject, vol: any): string | undefined {
  if (vol.emptyDir) return `e:${pod.metadata.uid}:${vol.name}`;
  if (vol.hostPath) return `h:${pod.spec?.nodeName ?? ""}:${String(vol.hostPath.path ?? "").replace(/\/+$/, "")}`;
  if (vol.persistentVolumeClaim) {
    const ns = pod.metadata.namespace ?? "default";
    const pvc = c.store.get("persistentvolumeclaims", ns, vol.persistentVolumeClaim.claimName);
    const pvName = pvc?.spec?.volumeName;
    const pv = pvName ? c.store.get("persistentvolumes", undefined, pvName) : undefined;
    // A hostPath/local PV is a directory of the node the pod runs on.
    if (pv?.spec?.hostPath) return `h:${pod.spec?.nodeName ?? ""}:${String(pv.spec.hostPath.path ?? "").replace(/\/+$/, "")}`;
    return pvName ? `pv:${pvName}` : `pvc:${ns}/${vol.persistentVolumeClaim.claimName}`;
  }
  return undefined;
}

/** The writable mounts of a container (resolved when it starts: PVCs are bound by then). */
export function writableMounts(c: Cluster, pod: KObject, ctr: any): Mount[] {
  const vols = new Map<string, any>((pod.spec?.volumes ?? []).map((v: any) => [v.name, v]));
  const out: Mount[] = [];
  for (const m of ctr?.volumeMounts ?? []) {
    const vol = vols.get(m.name);
    const key = vol ? volumeKey(c, pod, vol) : undefined;
    if (!key) continue;
    out.push({ path: String(m.mountPath ?? "").replace(/\/+$/, ""), key, sub: String(m.subPath ?? "").replace(/^\/+|\/+$/g, "") });
  }
  return out;
}

/** The mount a container path falls in (the deepest one), and the path inside the volume. */
export function mountOf(mounts: Mount[] | undefined, path: string): { m: Mount; rel: string } | undefined {
  let best: { m: Mount; rel: string } | undefined;
  for (const m of mounts ?? []) {
    if (path !== m.path && !path.startsWith(m.path + "/")) continue;
    if (best && best.m.path.length >= m.path.length) continue;
    const inner = path.slice(m.path.length);
    best = { m, rel: (m.sub ? "/" + m.sub : "") + inner };
  }
  return best;
}

/** Apply one file operation to a path → content map. */
export function applyOp(files: Record<string, string>, path: string, op: FileOp["op"], content: string | undefined, t: number): void {
  const text = renderMarkers(content ?? "", t);
  if (op === "add") files[path] = text;
  else if (op === "append") files[path] = (files[path] ?? "") + text;
  else delete files[path];
}

/** Every operation of an instance up to `until` (absolute ms), its endless loop's iterations included. */
export function instanceOps(inst: Instance, until: number): VolOp[] {
  const end = Math.min(until, inst.finishedAt ?? until);
  const out: VolOp[] = [];
  for (const op of inst.prog.files) {
    const at = inst.startedAt + op.at;
    if (at > end) break;
    out.push({ at, path: op.path, op: op.op, ...(op.content !== undefined ? { content: op.content } : {}) });
  }
  const loop = inst.prog.loop;
  if (loop?.files?.length) {
    const rel = end - inst.startedAt;
    if (rel >= loop.from) {
      const iters = Math.floor((rel - loop.from) / loop.period) + 1;
      // Replacing writes: only the latest iteration matters; appends: every iteration (bounded).
      const appends = loop.files.some((f) => f.op === "append");
      const first = appends ? Math.max(0, iters - 1000) : Math.max(0, iters - 2);
      for (let k = first; k < iters; k++) {
        for (const f of loop.files) {
          const at = inst.startedAt + loop.from + k * loop.period + f.at;
          if (at > end) break;
          out.push({ at, path: f.path, op: f.op, ...(f.content !== undefined ? { content: f.content } : {}) });
        }
      }
    }
    out.sort((a, b) => a.at - b.at);
  }
  return out;
}

/** Instances of the cluster's pods (running and last terminated) that mount `key`. */
function writersOf(c: Cluster, key: string): { inst: Instance; mounts: Mount[] }[] {
  const out: { inst: Instance; mounts: Mount[] }[] = [];
  const podPrefix = key.startsWith("e:") ? key.split(":")[1] : undefined;
  const ks = kstate(c);
  const rts = podPrefix ? [ks.pods[podPrefix]].filter(Boolean) : Object.values(ks.pods);
  for (const rt of rts) {
    for (const x of rt.ctrs) {
      for (const inst of [x.last, x.cur]) {
        if (inst?.mounts?.some((m) => m.key === key)) out.push({ inst, mounts: inst.mounts });
      }
    }
  }
  return out;
}

/** The volume's files (paths inside the volume, leading "/") at time t. */
export function volumeFilesAt(c: Cluster, key: string, t: number): Record<string, string> {
  const ops: VolOp[] = (kstate(c).vols?.[key] ?? []).filter((o) => o.at <= t);
  for (const { inst, mounts } of writersOf(c, key)) {
    for (const op of instanceOps(inst, t)) {
      const hit = mountOf(mounts, op.path);
      if (hit && hit.m.key === key) ops.push({ ...op, path: hit.rel });
    }
    for (const o of inst.vout ?? []) if (o.key === key && o.at <= t) ops.push(o);
  }
  ops.sort((a, b) => a.at - b.at);
  const files: Record<string, string> = {};
  for (const o of ops) applyOp(files, o.path, o.op, o.content, o.at);
  return files;
}

/** All the writes of one volume path after `from` up to `to` (for `tail -f`). */
export function volumeOpsOn(c: Cluster, key: string, rel: string, from: number, to: number): VolOp[] {
  const ops: VolOp[] = (kstate(c).vols?.[key] ?? []).filter((o) => o.path === rel && o.at > from && o.at <= to);
  for (const { inst, mounts } of writersOf(c, key)) {
    for (const op of instanceOps(inst, to)) {
      if (op.at <= from) continue;
      const hit = mountOf(mounts, op.path);
      if (hit && hit.m.key === key && hit.rel === rel) ops.push({ ...op, path: rel });
    }
    for (const o of inst.vout ?? []) if (o.key === key && o.path === rel && o.at > from && o.at <= to) ops.push(o);
  }
  return ops.sort((a, b) => a.at - b.at);
}

/** A process writes into a volume directly (nginx's access log): kept with the instance. */
export function writeVolume(inst: Instance, key: string, rel: string, op: VolOp["op"], content: string, at: number): void {
  const list = (inst.vout ??= []);
  list.push({ at, key, path: rel, op, content });
  // Bound the record: an access log of a busy server keeps its latest lines.
  if (list.length > 2000) list.splice(0, list.length - 1000);
}

/**
 * An instance goes away for good (replaced as lastState, or its pod removed): what it wrote
 * into volumes stays with them (an emptyDir until its pod goes, see dropPodVolumes).
 */
export function retireInstance(c: Cluster, inst: Instance | undefined): void {
  if (!inst?.mounts?.length) return;
  const ks = kstate(c);
  const end = inst.finishedAt ?? c.now;
  const push = (o: VolOp) => {
    const list = ((ks.vols ??= {})[o.key!] ??= []);
    list.push({ at: o.at, path: o.path, op: o.op, ...(o.content !== undefined ? { content: o.content } : {}) });
  };
  for (const op of instanceOps(inst, end)) {
    const hit = mountOf(inst.mounts, op.path);
    if (hit) push({ ...op, key: hit.m.key, path: hit.rel });
  }
  for (const o of inst.vout ?? []) if (o.at <= end) push(o);
  for (const list of Object.values(ks.vols ?? {})) list.sort((a, b) => a.at - b.at);
  inst.mounts = undefined;
  inst.vout = undefined;
}

/** Drop an emptyDir's data (its pod is gone). */
export function dropPodVolumes(c: Cluster, uid: string): void {
  const vols = kstate(c).vols;
  if (!vols) return;
  for (const k of Object.keys(vols)) if (k.startsWith(`e:${uid}:`)) delete vols[k];
}
