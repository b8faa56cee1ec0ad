// Plain-data runtime state of the simulated kubelets + containerd, kept in
// c.state.ctrl.kubelet so a snapshot restores running processes and pending timers exactly.

import type { Cluster } from "../cluster/cluster.ts";
import type { Program } from "./program.ts";
import type { FileOp } from "./shell-sim.ts";
import type { Mount } from "./volumes.ts";

/** A write into a volume: absolute time, path inside the volume (leading "/"). */
export interface VolOp {
  at: number;
  path: string;
  op: FileOp["op"];
  content?: string;
  /** Which volume (only on writes kept with an instance). */
  key?: string;
}

/** One run of a container (containerd task). */
export interface Instance {
  id: string; // 64 hex
  startedAt: number;
  finishedAt?: number;
  exitCode?: number;
  reason?: string; // Completed | Error | OOMKilled
  /** The spec image it was started from (a changed spec image restarts the container). */
  image?: string;
  prog: Program;
  /** Writable volumes the container mounts (resolved at start). */
  mounts?: Mount[];
  /** Lines the process printed because something happened to it (a server logging requests), offsets from start. */
  out?: { at: number; text: string }[];
  /** Writes the process made straight into a volume (nginx's access.log), absolute times. */
  vout?: VolOp[];
  /** Lines printed every `period` ms from offset `from` (a server logging a settled probe's requests). */
  every?: { from: number; period: number; text: string }[];
}

export type CtrPhase =
  | "new" // not started yet (ContainerCreating / PodInitializing)
  | "pulling"
  | "pullErr" // ErrImagePull shown, back-off next
  | "pullBackoff" // ImagePullBackOff
  | "creating"
  | "configErr" // CreateContainerConfigError
  | "imageErr" // InvalidImageName / ErrImageNeverPull (no retry timer)
  | "postStart" // started, the postStart hook runs (status still ContainerCreating)
  | "running"
  | "stopping" // SIGTERM sent (liveness/startup failure or pod deletion)
  | "exited" // terminated, maybe restarting soon
  | "crashBackoff"; // CrashLoopBackOff

export interface ProbeState {
  next: number; // Infinity = quiet (result can no longer change)
  fails: number;
  succ: number;
}

export interface CtrRt {
  name: string;
  init: boolean;
  sidecar: boolean;
  st: CtrPhase;
  due?: number;
  reason?: string;
  msg?: string;
  restarts: number;
  cur?: Instance;
  last?: Instance;
  ready: boolean;
  started: boolean;
  /** Crash back-off to apply before the next restart (ms); 0 = restart at once. */
  backoff: number;
  imgBackoff: number;
  cfgBackoff: number;
  /** Image was resolved on the node at least once (status shows the full image + imageID). */
  resolved: boolean;
  probes: Record<string, ProbeState>;
  kill?: "liveness" | "startup" | "delete" | "postStart" | "spec";
  /** The postStart handler's failure message (PostStartHookError), once it failed. */
  hookErr?: string;
  /** Exit code the process will have when the stop completes. */
  stopCode?: number;
  pullStart?: number;
  pullFailedAt?: number;
  /** While backing off, the kubelet keeps re-syncing and re-recording the BackOff event. */
  backoffEventAt?: number;
  /** Final: container will not run again (restartPolicy or pod terminating). */
  final?: boolean;
}

export interface PodRt {
  uid: string;
  ns: string;
  name: string;
  node: string;
  startTime: number;
  /** Sandbox (network) ready at; containers start after it. */
  sandboxAt: number;
  sandboxReady: boolean;
  ip: string;
  hostIP: string;
  ctrs: CtrRt[];
  terminating?: boolean;
  /** All containers gone and pod deleted from the store at this time. */
  removeAt?: number;
  /** FailedMount retry timer (volumes whose source is missing). */
  mountRetry?: number;
  mountBlocked?: boolean;
  /** Pod resourceVersion after the last sync (skip unchanged pods). */
  seenRv?: string;
  /** Rejected at admission (OutOfcpu...). */
  rejected?: boolean;
}

export interface KubeletState {
  lastRv: number;
  pods: Record<string, PodRt>;
  /** Images present per node (full refs). */
  images: Record<string, string[]>;
  /** Data of writable volumes left by containers that are gone (volumes.ts), by volume key. */
  vols?: Record<string, VolOp[]>;
}

export function kstate(c: Cluster): KubeletState {
  return (c.state.ctrl.kubelet ??= { lastRv: -1, pods: {}, images: {} });
}

export function podRt(c: Cluster, uid: string): PodRt | undefined {
  return kstate(c).pods[uid];
}
