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
  // Native sidecars (restartPolicy Always init containers); most pods have none.
  const sidecars: string[] = [];
  for (const c of initSpecs) if (c.restartPolicy === "Always") sidecars.push(c.name);
  total += sidecars.length;

  // (No closure here: this runs for every row of `kubectl get pods`.)
  const acc = { restarts: 0, last: 0 };

  let initializing = false;
  const initStatuses: any[] = st.initContainerStatuses ?? [];
  for (let i = 0; i < initStatuses.length; i++) {
    const cs = initStatuses[i];
    noteRestart(acc, cs);
    const term = cs.state?.terminated;
    const wait = cs.state?.waiting;
    if (term && term.exitCode === 0) continue;
    if (sidecars.includes(cs.name) && cs.started) {
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
    acc.restarts = 0;
    acc.last = 0;
    for (const cs of initStatuses) if (sidecars.includes(cs.name)) noteRestart(acc, cs);
    let hasRunning = false;
    const statuses: any[] = st.containerStatuses ?? [];
    for (let i = statuses.length - 1; i >= 0; i--) {
      const cs = statuses[i];
      noteRestart(acc, cs);
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

  restarts = acc.restarts;
  lastRestart = acc.last;
  let restartsStr = String(restarts);
  if (restarts > 0 && lastRestart > 0) restartsStr = `${restarts} (${humanDuration(now - lastRestart)} ago)`;
  return { ready: `${readyContainers}/${total}`, status: reason, restarts: restartsStr };
}

function noteRestart(acc: { restarts: number; last: number }, cs: any): void {
  acc.restarts += cs.restartCount ?? 0;
  const fin = cs.lastState?.terminated?.finishedAt;
  if (fin) acc.last = Math.max(acc.last, Date.parse(fin));
}
