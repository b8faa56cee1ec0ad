// The Events section of kubectl describe (DescribeEvents) and the event lookup
// (searchEvents: involvedObject name/namespace, plus kind and uid when known).

import type { Cluster } from "../../cluster/cluster.ts";
import type { KObject } from "../../api/types.ts";
import { humanDuration } from "../../util/duration.ts";
import { LEVEL_0, LEVEL_1, type PrefixWriter } from "./writer.ts";

export interface EventRef {
  name: string;
  /** "" for cluster-scoped objects (events are then searched in every namespace). */
  namespace: string;
  kind?: string;
  uid?: string;
}

/** Events whose involvedObject matches the reference, in API list order. */
export function searchEvents(c: Cluster, ref: EventRef): KObject[] {
  const all = c.store.list("events", ref.namespace || undefined);
  return all.filter((e) => {
    const io = e.involvedObject ?? {};
    if ((io.name ?? "") !== ref.name) return false;
    if ((io.namespace ?? "") !== ref.namespace) return false;
    if (ref.kind !== undefined && (io.kind ?? "") !== ref.kind) return false;
    if (ref.uid !== undefined && (io.uid ?? "") !== ref.uid) return false;
    return true;
  });
}

/** The usual reference for an object: pods search without kind (describe.go clears it). */
export function refFor(o: KObject, withKind = true): EventRef {
  return {
    name: o.metadata.name,
    namespace: o.metadata.namespace ?? "",
    kind: withKind ? o.kind : undefined,
    uid: o.metadata.uid || undefined,
  };
}

function ms(ts: unknown): number {
  if (!ts || typeof ts !== "string") return -Infinity; // zero time sorts first
  const t = Date.parse(ts);
  return Number.isNaN(t) ? -Infinity : t;
}

function sinceOrUnknown(ts: unknown, now: number): string {
  if (!ts || typeof ts !== "string") return "<unknown>";
  const t = Date.parse(ts);
  if (Number.isNaN(t)) return "<unknown>";
  return humanDuration(now - t);
}

/** DescribeEvents(el, w): `Events:  <none>` or the sorted table (after a tabwriter flush). */
export function describeEvents(events: KObject[], w: PrefixWriter, now: number): void {
  if (events.length === 0) {
    w.write(LEVEL_0, "Events:\t<none>\n");
    return;
  }
  w.flush();
  // SortableEvents by lastTimestamp. Go sort.Sort is an insertion sort (stable) up to 12 items;
  // beyond that its pdqsort may reorder equal timestamps differently than this stable sort.
  const sorted = events.map((e, i) => ({ e, i })).sort((a, b) => ms(a.e.lastTimestamp) - ms(b.e.lastTimestamp) || a.i - b.i).map((x) => x.e);
  w.write(LEVEL_0, "Events:\n  Type\tReason\tAge\tFrom\tMessage\n");
  w.write(LEVEL_1, "----\t------\t----\t----\t-------\n");
  for (const e of sorted) {
    const first = e.eventTime ? sinceOrUnknown(e.eventTime, now) : sinceOrUnknown(e.firstTimestamp, now);
    let interval: string;
    if (e.series) interval = `${sinceOrUnknown(e.series.lastObservedTime, now)} (x${e.series.count ?? 0} over ${first})`;
    else if ((e.count ?? 0) > 1) interval = `${sinceOrUnknown(e.lastTimestamp, now)} (x${e.count} over ${first})`;
    else interval = first;
    const source = e.source?.component || e.reportingComponent || "";
    w.write(LEVEL_1, `${e.type ?? ""}\t${e.reason ?? ""}\t${interval}\t${source}\t${String(e.message ?? "").trim()}\n`);
  }
}
