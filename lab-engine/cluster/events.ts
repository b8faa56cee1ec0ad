// Event recording through the client-go EventCorrelator (tools/record/events_cache.go):
// - aggregation: events of one source and object with the same type and reason but different
//   messages are "similar"; once 10 distinct messages were seen with no gap over 10 minutes, the
//   next one is written as a single event whose message is prefixed "(combined from similar
//   events): " and which later similar events update (count, lastTimestamp, message);
// - de-duplication: an identical event (source, object, fieldPath, type, reason, message) is not
//   created again, its `count` goes up and `lastTimestamp` moves (describe's "x5 over 2m").
// The spam filter (25 events per object, then one per 5 minutes) is not simulated.
//
// The correlator's caches live in-process in real components. Here the aggregation records are
// cluster state (a snapshot must restore them), kept small: hashed keys, pruned after 10 minutes.
// The de-duplication cache is derived from the stored events themselves, so it needs no state.

import type { KObject } from "../api/types.ts";
import type { Cluster } from "./cluster.ts";

export interface EventSource {
  component: string;
  host?: string;
}

/** defaultAggregateMaxEvents, defaultAggregateIntervalInSeconds. */
const AGGREGATE_MAX_EVENTS = 10;
const AGGREGATE_INTERVAL_MS = 600_000;
export const COMBINED_PREFIX = "(combined from similar events): ";

/** Correlator state under `state.ctrl.events`: aggregate key hash -> [lastSeen ms, message hashes in insertion order]. */
interface CorrelatorState {
  agg: Record<string, (number | string)[]>;
  /** When the records were last pruned. */
  pruned?: number;
}

/** 53-bit string hash (two 32-bit multiplicative lanes), printed base 36. */
function hash(s: string): string {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < s.length; i++) {
    const ch = s.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(36);
}

interface Involved {
  kind: string;
  namespace?: string;
  name: string;
  uid: string;
  apiVersion: string;
  fieldPath?: string;
}

/** getEventKey: everything but the timestamps and count. */
function eventKey(src: EventSource, o: Involved, type: string, reason: string, message: string): string {
  return [src.component, src.host ?? "", o.kind, o.namespace ?? "", o.name, o.fieldPath ?? "", o.uid, o.apiVersion, type, reason, message].join("\0");
}

/** EventAggregatorByReasonFunc: the aggregate key leaves out message and fieldPath. */
function aggregateKey(src: EventSource, o: Involved, type: string, reason: string): string {
  return [src.component, src.host ?? "", o.kind, o.namespace ?? "", o.name, o.uid, o.apiVersion, type, reason, src.component, src.host ?? ""].join("\0");
}

function storedEventKey(e: KObject): string {
  const src = { component: e.source?.component ?? "", host: e.source?.host };
  if (typeof e.message === "string" && e.message.startsWith(COMBINED_PREFIX)) return "agg\0" + aggregateKey(src, e.involvedObject, e.type, e.reason);
  return eventKey(src, e.involvedObject, e.type, e.reason, e.message);
}

/**
 * The event logger's cache (key -> event name), rebuilt from the store when first needed: it is
 * derived data, so it lives beside the store and never in snapshots. Events written by others
 * (kubectl create, a learner's manifest) are not in it, as they would not be in a component's cache.
 */
const caches = new WeakMap<object, Map<string, string>>();

function cacheFor(c: Cluster): Map<string, string> {
  let m = caches.get(c.store);
  if (!m) {
    m = new Map();
    for (const e of c.store.list("events")) {
      if (!e.involvedObject || !e.source) continue;
      m.set(`${e.metadata.namespace}\0${storedEventKey(e)}`, e.metadata.name);
    }
    caches.set(c.store, m);
  }
  return m;
}

/**
 * Per namespace: event-name prefix ("<object>.") → the largest UnixNano suffix among the stored
 * events, so a new event's name sorts after its object's earlier ones without scanning every
 * event of the namespace (a 200-pod rollout records about a thousand). Kept exact through a
 * watch: additions raise the maximum, a removal drops the namespace's index (rebuilt on use).
 */
const nameIndexes = new WeakMap<object, Map<string, Map<string, bigint>>>();

function splitEventName(n: string): [string, bigint] | undefined {
  const dot = n.lastIndexOf(".");
  if (dot < 0) return undefined;
  const hex = n.slice(dot + 1);
  if (!/^[0-9a-f]+$/.test(hex)) return undefined;
  return [n.slice(0, dot + 1), BigInt("0x" + hex)];
}

function latestNanos(c: Cluster, ns: string): Map<string, bigint> {
  let byNs = nameIndexes.get(c.store);
  if (!byNs) {
    const m = new Map<string, Map<string, bigint>>();
    c.store.watch((ev) => {
      if (ev.resource !== "events") return;
      const evNs = ev.object.metadata.namespace ?? "";
      const idx = m.get(evNs);
      if (!idx) return;
      if (ev.type === "DELETED") m.delete(evNs);
      else {
        const p = splitEventName(ev.object.metadata.name);
        if (p && !(idx.get(p[0])! >= p[1])) idx.set(p[0], p[1]);
      }
    });
    nameIndexes.set(c.store, (byNs = m));
  }
  let idx = byNs.get(ns);
  if (!idx) {
    idx = new Map();
    for (const e of c.store.list("events", ns)) {
      const p = splitEventName(e.metadata.name);
      if (p && !(idx.get(p[0])! >= p[1])) idx.set(p[0], p[1]);
    }
    byNs.set(ns, idx);
  }
  return idx;
}

/**
 * Drop aggregation records that can no longer aggregate (older than 10 minutes at `now`). For
 * callers that freeze or snapshot a cluster (sandbox templates), to keep idle snapshots small.
 */
export function pruneEventCorrelator(c: Cluster): void {
  const st = c.state.ctrl.events as CorrelatorState | undefined;
  if (!st?.agg) return;
  for (const [k, r] of Object.entries(st.agg)) if (c.now - (r[0] as number) > AGGREGATE_INTERVAL_MS) delete st.agg[k];
  if (!Object.keys(st.agg).length) delete c.state.ctrl.events;
}

export class EventRecorder {
  constructor(private readonly c: Cluster) {}

  private state(): CorrelatorState {
    const st = (this.c.state.ctrl.events ??= { agg: {} }) as CorrelatorState;
    st.agg ??= {};
    return st;
  }

  /** EventAggregate: whether this event is to be written as the combined event of its kind. */
  private aggregate(aggKey: string, message: string): boolean {
    const c = this.c;
    const st = this.state();
    // Records older than the interval would be reset on their next use: drop them now and then.
    if (st.pruned === undefined || c.now - st.pruned >= AGGREGATE_INTERVAL_MS) {
      for (const [k, r] of Object.entries(st.agg)) if (c.now - (r[0] as number) > AGGREGATE_INTERVAL_MS) delete st.agg[k];
      st.pruned = c.now;
    }
    const k = hash(aggKey);
    const m = hash(message);
    let rec = st.agg[k];
    if (!rec || c.now - (rec[0] as number) > AGGREGATE_INTERVAL_MS) rec = [c.now];
    else rec = [...rec];
    if (!rec.includes(m, 1)) rec.push(m);
    rec[0] = c.now;
    let combined = false;
    if (rec.length - 1 >= AGGREGATE_MAX_EVENTS) {
      // The local key set never grows past the maximum (PopAny; the oldest here, for determinism).
      rec.splice(1, 1);
      combined = true;
    }
    st.agg[k] = rec;
    return combined;
  }

  record(obj: KObject, type: "Normal" | "Warning", reason: string, message: string, source: EventSource, fieldPath?: string): KObject {
    const c = this.c;
    const ns = obj.metadata.namespace || "default";
    const ts = c.isoNow();
    const involved: Involved = {
      apiVersion: obj.apiVersion,
      kind: obj.kind,
      name: obj.metadata.name,
      namespace: obj.metadata.namespace,
      uid: obj.metadata.uid,
      ...(fieldPath ? { fieldPath } : {}),
    };
    const aggKey = aggregateKey(source, involved, type, reason);
    const combined = this.aggregate(aggKey, message);
    const msg = combined ? COMBINED_PREFIX + message : message;
    const key = `${ns}\0${combined ? "agg\0" + aggKey : eventKey(source, involved, type, reason, message)}`;
    const cache = cacheFor(c);

    // eventObserve: a known event is patched (count, lastTimestamp, message), not created again.
    const name = cache.get(key);
    const existing = name ? c.store.get("events", ns, name) : undefined;
    if (existing) {
      const upd = { ...existing, count: (existing.count ?? 1) + 1, lastTimestamp: ts, message: msg };
      return c.store.put("events", upd);
    }
    // client-go names an event `<object>.<hex UnixNano>`, so the API lists an object's events in the
    // order they happened (kubectl describe's stable sort keeps that order for equal timestamps). The
    // random draw only supplies sub-millisecond digits; later events of the same object stay later.
    const jitter = BigInt(parseInt(c.rng.hex(16).slice(0, 5), 16) % 1_000_000);
    let nanos = BigInt(Math.floor(c.now)) * 1_000_000n + jitter;
    const prefix = `${obj.metadata.name}.`;
    const latest = latestNanos(c, ns).get(prefix);
    if (latest !== undefined && latest >= nanos) nanos = latest + 1n;
    const ev: KObject = {
      apiVersion: "v1",
      kind: "Event",
      metadata: {
        name: `${prefix}${nanos.toString(16)}`,
        namespace: ns,
        uid: c.rng.uuid(),
        resourceVersion: "",
        creationTimestamp: ts,
      },
      involvedObject: {
        apiVersion: obj.apiVersion,
        kind: obj.kind,
        name: obj.metadata.name,
        namespace: obj.metadata.namespace,
        uid: obj.metadata.uid,
        resourceVersion: obj.metadata.resourceVersion,
        ...(fieldPath ? { fieldPath } : {}),
      },
      reason,
      message: msg,
      source: source.host ? { component: source.component, host: source.host } : { component: source.component },
      firstTimestamp: ts,
      lastTimestamp: ts,
      count: 1,
      type,
      eventTime: null,
      reportingComponent: source.component,
      reportingInstance: source.host ?? "",
    };
    if (!obj.metadata.namespace) delete ev.involvedObject.namespace;
    const stored = c.store.put("events", ev);
    cache.set(key, stored.metadata.name);
    return stored;
  }
}
