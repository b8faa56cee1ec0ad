// kubectl events: the event table of kubectl 1.32's events command (kind/name as stored,
// `5s (x3 over 1m)` intervals, oldest first), with --for, --types, -A and -w.

import type { KObject } from "../../api/types.ts";
import { ageSince } from "../../util/duration.ts";
import type { Invocation } from "../invocation.ts";
import { kerror } from "../errors.ts";
import { lookupType } from "../resource-args.ts";
import { formatTable } from "../output/tabwriter.ts";
import { parseOutput, printStructured } from "../printers/print-objects.ts";
import type { KubectlCommand } from "./registry.ts";

function lastTime(e: KObject): string {
  return e.series?.lastObservedTime ?? e.lastTimestamp ?? e.eventTime ?? e.metadata.creationTimestamp ?? "";
}

function interval(e: KObject, now: number): string {
  const first = ageSince(e.eventTime ?? e.firstTimestamp ?? e.metadata.creationTimestamp, now);
  if (e.series) return `${ageSince(e.series.lastObservedTime, now)} (x${e.series.count} over ${first})`;
  if ((e.count ?? 1) > 1) return `${ageSince(e.lastTimestamp, now)} (x${e.count} over ${first})`;
  return first;
}

function selectEvents(inv: Invocation): KObject[] {
  const all = !!inv.flags["all-namespaces"];
  let evs = inv.cluster.store.list("events", all ? undefined : inv.namespace);
  if (inv.flags.for) {
    const f: string = inv.flags.for;
    const i = f.indexOf("/");
    if (i < 0) throw kerror(`--for must be in resource/name form`);
    const ri = lookupType(f.slice(0, i));
    const name = f.slice(i + 1);
    evs = evs.filter((e) => e.involvedObject?.kind === ri.kind && e.involvedObject?.name === name);
  }
  const types: string[] = inv.flags.types ?? [];
  for (const t of types) if (t !== "Normal" && t !== "Warning") throw kerror(`valid --types are Normal or Warning`);
  if (types.length) evs = evs.filter((e) => types.includes(e.type));
  return [...evs].sort((a, b) => (lastTime(a) < lastTime(b) ? -1 : lastTime(a) > lastTime(b) ? 1 : 0));
}

function rows(inv: Invocation, evs: KObject[]): string[][] {
  const all = !!inv.flags["all-namespaces"];
  const now = inv.cluster.now;
  return evs.map((e) => [...(all ? [e.metadata.namespace ?? ""] : []), interval(e, now), e.type ?? "", e.reason ?? "", `${e.involvedObject?.kind}/${e.involvedObject?.name}`, String(e.message ?? "").trim()]);
}

/** An event as kubectl's typed corev1.Event prints it (zero values of fields without omitempty). */
function typedEvent(e: KObject): KObject {
  return { eventTime: null, reportingComponent: "", reportingInstance: "", firstTimestamp: null, lastTimestamp: null, source: {}, ...e, kind: "Event", apiVersion: "v1" };
}

/**
 * `-o` of kubectl events: the printer gets the client-built EventList (empty ListMeta), and its
 * error is ignored, so `-o name` (which refuses lists) prints nothing and exits 0.
 */
function printEvents(inv: Invocation, evs: KObject[]): void {
  const fmt = parseOutput(inv.flags.output, {});
  if (fmt.kind === "name") return;
  const list = { kind: "EventList", apiVersion: "v1", metadata: {}, items: evs.map(typedEvent) } as unknown as KObject;
  try {
    inv.out(printStructured([list], fmt, false, (p) => inv.ctx.fs.readFile(inv.ctx.fs.resolve(inv.ctx.cwd, p)), "typed"));
  } catch {
    // PrintObj's error is dropped by EventsOptions.Run.
  }
}

async function runEvents(inv: Invocation): Promise<number> {
  const all = !!inv.flags["all-namespaces"];
  if (inv.flags.output) parseOutput(inv.flags.output, {});
  const evs = selectEvents(inv);
  const head = [...(all ? ["NAMESPACE"] : []), "LAST SEEN", "TYPE", "REASON", "OBJECT", "MESSAGE"];
  if (!evs.length && !inv.flags.watch) {
    inv.err(all ? "No events found.\n" : `No events found in ${inv.namespace} namespace.\n`);
    return 0;
  }
  if (inv.flags.output) {
    printEvents(inv, evs);
    return 0;
  }
  inv.out(formatTable([...(inv.flags["no-headers"] ? [] : [head]), ...rows(inv, evs)]));
  if (!inv.flags.watch || inv.ctx.host.clock.mode !== "real") return 0;
  const seen = new Set(evs.map((e) => `${e.metadata.uid}/${e.count ?? 1}`));
  while (!inv.ctx.signal.aborted) {
    await inv.host.sleep(1000, inv.ctx);
    inv.host.sync();
    const fresh = selectEvents(inv).filter((e) => !seen.has(`${e.metadata.uid}/${e.count ?? 1}`));
    for (const e of fresh) seen.add(`${e.metadata.uid}/${e.count ?? 1}`);
    if (fresh.length) inv.out(formatTable(rows(inv, fresh)));
  }
  return 0;
}

export const eventsCommand: KubectlCommand = {
  name: "events",
  flags: [
    { name: "all-namespaces", short: "A", type: "bool" },
    { name: "for", type: "string" },
    { name: "types", type: "strings" },
    { name: "watch", short: "w", type: "bool" },
    { name: "no-headers", type: "bool" },
    { name: "output", short: "o", type: "string" },
    { name: "chunk-size", type: "int", default: 500 },
  ],
  run: runEvents,
};
