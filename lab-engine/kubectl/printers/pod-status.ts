// Pod READY / STATUS / RESTARTS exactly as the 1.32 server-side printer (printPod) derives them.
// See shared/reference/k8s-1.32-fidelity.md §2.2 for the algorithm this follows step by step.

import type { KObject } from "../../api/types.ts";
import { humanDuration } from "../../util/duration.ts";

export interface PodCells {
  ready: string;
  status: string;
  restarts: string;
}

export function podCells(pod: KObject, now: number): PodCells {
  const spec = pod.spec ?? {};
  const st = pod.status ?? {};
  let restarts = 0;
  let lastRestart = 0;
  let readyContainers = 0;
  let total = (spec.containers ?? []).length;
  let reason: string = st.phase ?? "";
  if (st.reason) reason = st.reason;
  if ((st.conditions ?? []).some((c: any) => c.type === "PodScheduled" && c.reason === "SchedulingGated")) reason = "SchedulingGated";

  const initSpecs: any[] = spec.initContainers ?? [];
  const sidecars = new Set(initSpecs.filter((c) => c.restartPolicy === "Always").map((c) => c.name));
  total += sidecars.size;

  const noteRestart = (cs: any) => {
    restarts += cs.restartCount ?? 0;
    const fin = cs.lastState?.terminated?.finishedAt;
    if (fin) lastRestart = Math.max(lastRestart, Date.parse(fin));
  };

  let initializing = false;
  const initStatuses: any[] = st.initContainerStatuses ?? [];
  for (let i = 0; i < initStatuses.length; i++) {
    const cs = initStatuses[i];
    noteRestart(cs);
    const term = cs.state?.terminated;
    const wait = cs.state?.waiting;
    if (term && term.exitCode === 0) continue;
    if (sidecars.has(cs.name) && cs.started) {
      if (cs.ready) readyContainers++;
      continue;
    }
    if (term) {
      reason = term.reason ? `Init:${term.reason}` : term.signal ? `Init:Signal:${term.signal}` : `Init:ExitCode:${term.exitCode}`;
      initializing = true;
    } else if (wait?.reason && wait.reason !== "PodInitializing") {
      reason = `Init:${wait.reason}`;
      initializing = true;
    } else {
      reason = `Init:${i}/${initSpecs.length}`;
      initializing = true;
    }
    break;
  }

  const initializedTrue = (st.conditions ?? []).some((c: any) => c.type === "Initialized" && c.status === "True");
  if (!initializing || initializedTrue) {
    restarts = 0;
    lastRestart = 0;
    for (const cs of initStatuses) if (sidecars.has(cs.name)) noteRestart(cs);
    let hasRunning = false;
    const statuses: any[] = st.containerStatuses ?? [];
    for (let i = statuses.length - 1; i >= 0; i--) {
      const cs = statuses[i];
      noteRestart(cs);
      const wait = cs.state?.waiting;
      const term = cs.state?.terminated;
      if (wait?.reason) reason = wait.reason;
      else if (term?.reason) reason = term.reason;
      else if (term) reason = term.signal ? `Signal:${term.signal}` : `ExitCode:${term.exitCode}`;
      else if (cs.ready && cs.state?.running) {
        hasRunning = true;
        readyContainers++;
      } else if (cs.state?.running) hasRunning = true;
    }
    if (reason === "Completed" && hasRunning) {
      const ready = (st.conditions ?? []).some((c: any) => c.type === "Ready" && c.status === "True");
      reason = ready ? "Running" : "NotReady";
    }
  }

  if (pod.metadata.deletionTimestamp && st.reason === "NodeLost") reason = "Unknown";
  else if (pod.metadata.deletionTimestamp && st.phase !== "Succeeded" && st.phase !== "Failed") reason = "Terminating";

  let restartsStr = String(restarts);
  if (restarts > 0 && lastRestart > 0) restartsStr = `${restarts} (${humanDuration(now - lastRestart)} ago)`;
  return { ready: `${readyContainers}/${total}`, status: reason, restarts: restartsStr };
}
