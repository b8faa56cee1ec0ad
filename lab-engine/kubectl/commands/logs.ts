// kubectl logs: one pod (or the first pod of a workload), a label selector, all containers,
// --previous/--tail/--since/--timestamps/--prefix. `-f` follows on a real clock until Ctrl-C;
// on a virtual clock nothing more can arrive, so it prints what exists and returns.

import type { KObject } from "../../api/types.ts";
import { ApiError } from "../../api/errors.ts";
import { parseLabelSelector } from "../../api/selectors.ts";
import { parseGoDuration } from "../../util/duration.ts";
import type { FlagDef } from "../flags.ts";
import type { Invocation } from "../invocation.ts";
import { kerror, KubectlError } from "../errors.ts";
import { getLogs, type LogOptions } from "../../kubelet/api.ts";
import { lookupType } from "../resource-args.ts";
import { defaultContainerOf, NoPodsError, resolvePod, sortByLogging } from "./pod-target.ts";
import type { KubectlCommand } from "./registry.ts";

export const logsFlags: FlagDef[] = [
  { name: "container", short: "c", type: "string" },
  { name: "follow", short: "f", type: "bool" },
  { name: "previous", short: "p", type: "bool" },
  { name: "tail", type: "int", default: -1 },
  { name: "since", type: "string" },
  { name: "since-time", type: "string" },
  { name: "timestamps", type: "bool" },
  { name: "selector", short: "l", type: "string" },
  { name: "all-containers", type: "bool" },
  { name: "all-pods", type: "bool" },
  { name: "max-log-requests", type: "int", default: 5 },
  { name: "prefix", type: "bool" },
  { name: "limit-bytes", type: "int", default: 0 },
  { name: "ignore-errors", type: "bool" },
  { name: "pod-running-timeout", type: "string" },
  { name: "insecure-skip-tls-verify-backend", type: "bool" },
];

interface Source {
  pod: KObject;
  container: string;
}

function allContainerNames(pod: KObject): string[] {
  return [...(pod.spec?.initContainers ?? []), ...(pod.spec?.containers ?? []), ...(pod.spec?.ephemeralContainers ?? [])].map((c: any) => c.name);
}

function logOptions(inv: Invocation, selector: boolean): LogOptions {
  const o: LogOptions = {};
  if (inv.flags.previous) o.previous = true;
  if (inv.flags.timestamps) o.timestamps = true;
  // With a selector kubectl defaults --tail to 10 lines per container.
  const tail = inv.set.has("tail") ? inv.flags.tail : selector ? 10 : -1;
  if (tail >= 0) o.tail = tail;
  if (inv.flags["limit-bytes"] > 0) o.limitBytes = inv.flags["limit-bytes"];
  if (inv.flags.since !== undefined && inv.flags["since-time"] !== undefined) throw kerror("at most one of `sinceTime` or `sinceSeconds` may be specified");
  if (inv.flags.since !== undefined) {
    let ms: number;
    try {
      ms = parseGoDuration(inv.flags.since);
    } catch {
      throw new KubectlError(`Error: invalid argument "${inv.flags.since}" for "--since" flag: time: invalid duration "${inv.flags.since}"\nSee 'kubectl logs --help' for usage.`);
    }
    o.sinceSeconds = Math.max(1, Math.ceil(ms / 1000));
  }
  if (inv.flags["since-time"] !== undefined) {
    if (Number.isNaN(Date.parse(inv.flags["since-time"]))) throw kerror(`--since-time must be a valid RFC3339 timestamp`);
    o.sinceTime = inv.flags["since-time"];
  }
  return o;
}

export async function runLogs(inv: Invocation): Promise<number> {
  const selText: string | undefined = inv.flags.selector;
  if (!inv.args.length && selText === undefined) {
    throw kerror(`expected 'logs [-f] [-p] (POD | TYPE/NAME) [-c CONTAINER]'.\nPOD or TYPE/NAME is a required argument for the logs command\nSee 'kubectl logs -h' for help and examples`);
  }
  if (inv.args.length && selText !== undefined) throw kerror(`only a selector (-l) or a POD name is allowed\nSee 'kubectl logs -h' for help and examples`);
  if (inv.args.length > 2) throw kerror(`expected 'logs [-f] [-p] (POD | TYPE/NAME) [-c CONTAINER]'.\nPOD or TYPE/NAME is a required argument for the logs command\nSee 'kubectl logs -h' for help and examples`);
  let container: string | undefined = inv.flags.container ?? inv.args[1];
  if (inv.flags["all-containers"] && container) throw kerror(`--all-containers=true should not be specified with container name ${container}`);
  const opts = logOptions(inv, selText !== undefined);

  let pods: KObject[];
  if (selText !== undefined) {
    inv.cluster.authorize(inv.user, "list", lookupType("pods"), inv.namespace);
    pods = sortByLogging(inv.cluster.api.list("pods", inv.namespace, { labelSelector: parseLabelSelector(selText) }));
    if (!pods.length) {
      inv.err(`No resources found in ${inv.namespace} namespace.\n`);
      return 0;
    }
  } else {
    try {
      const t = resolvePod(inv, inv.args[0]);
      if (t.found > 1) inv.err(`Found ${t.found} pods, using pod/${t.pod.metadata.name}\n`);
      pods = [t.pod];
    } catch (e) {
      if (e instanceof NoPodsError) {
        await inv.host.sleep(20_000, inv.ctx);
        throw kerror("timed out waiting for the condition");
      }
      throw e;
    }
  }

  const sources: Source[] = [];
  for (const pod of pods) {
    if (inv.flags["all-containers"]) for (const c of allContainerNames(pod)) sources.push({ pod, container: c });
    else sources.push({ pod, container: container ?? defaultContainerOf(pod, inv) });
  }
  if (inv.flags.follow && sources.length > inv.flags["max-log-requests"]) {
    throw kerror(`you are attempting to follow ${sources.length} log streams, but maximum allowed concurrency is ${inv.flags["max-log-requests"]}, use --max-log-requests to increase the limit`);
  }
  const prefix = (s: Source) => (inv.flags.prefix ? `[pod/${s.pod.metadata.name}/${s.container}] ` : "");
  const print = (s: Source, text: string) => {
    if (!text) return;
    const p = prefix(s);
    inv.out(p ? text.replace(/^(?=.)/gm, p) : text);
  };

  const printed: string[] = [];
  let failed = false;
  for (const s of sources) {
    inv.cluster.authorize(inv.user, "get", { ...lookupType("pods"), plural: "pods/log" } as any, inv.namespace, s.pod.metadata.name);
    try {
      const text = getLogs(inv.cluster, s.pod, s.container, opts);
      print(s, text);
      printed.push(text);
    } catch (e) {
      if (e instanceof ApiError && (inv.flags["ignore-errors"] || sources.length > 1)) {
        inv.err(`${e.kubectlText()}\n`);
        printed.push("");
        failed = true;
        continue;
      }
      throw e;
    }
  }

  // Follow: on a real clock, poll once a second and print what was appended, until Ctrl-C.
  if (inv.flags.follow && inv.ctx.host.clock.mode === "real") {
    const fopts: LogOptions = { ...opts, tail: undefined, sinceSeconds: undefined, sinceTime: undefined };
    const seen = sources.map((s) => {
      try {
        return getLogs(inv.cluster, s.pod, s.container, fopts).length;
      } catch {
        return 0;
      }
    });
    while (!inv.ctx.signal.aborted) {
      await inv.host.sleep(1000, inv.ctx);
      if (inv.ctx.signal.aborted) break;
      inv.host.sync();
      let alive = false;
      sources.forEach((s, i) => {
        const pod = inv.cluster.api.tryGet("pods", s.pod.metadata.namespace, s.pod.metadata.name);
        if (!pod || pod.metadata.uid !== s.pod.metadata.uid) return;
        let all: string;
        try {
          all = getLogs(inv.cluster, pod, s.container, fopts);
        } catch {
          return;
        }
        const st = [...(pod.status?.containerStatuses ?? []), ...(pod.status?.initContainerStatuses ?? [])].find((x: any) => x.name === s.container);
        if (!st || st.state?.running || st.state?.waiting) alive = true;
        if (all.length > seen[i]) print(s, all.slice(seen[i]));
        seen[i] = all.length;
      });
      // kubectl -f returns when every followed container has terminated.
      if (!alive) break;
    }
  }
  void failed;
  return 0;
}

export const logsCommand: KubectlCommand = { name: "logs", flags: logsFlags, run: runLogs };
