// Event recording with the same de-duplication the client-go EventRecorder does: an identical
// (object, type, reason, message, source) bumps `count` and `lastTimestamp` instead of adding a row.

import type { KObject } from "../api/types.ts";
import type { Cluster } from "./cluster.ts";

export interface EventSource {
  component: string;
  host?: string;
}

export class EventRecorder {
  constructor(private readonly c: Cluster) {}

  record(obj: KObject, type: "Normal" | "Warning", reason: string, message: string, source: EventSource, fieldPath?: string): KObject {
    const c = this.c;
    const ns = obj.metadata.namespace || "default";
    const ts = c.isoNow();
    const existing = c.store
      .list("events", ns)
      .find(
        (e) =>
          e.involvedObject.uid === obj.metadata.uid &&
          e.reason === reason &&
          e.message === message &&
          e.type === type &&
          e.source?.component === source.component &&
          (e.involvedObject.fieldPath ?? "") === (fieldPath ?? ""),
      );
    if (existing) {
      const upd = { ...existing, count: (existing.count ?? 1) + 1, lastTimestamp: ts };
      return c.store.put("events", upd);
    }
    // client-go names an event `<object>.<hex UnixNano>`, so the API lists an object's events in the
    // order they happened (kubectl describe's stable sort keeps that order for equal timestamps). The
    // random draw only supplies sub-millisecond digits; later events of the same object stay later.
    const jitter = BigInt(parseInt(c.rng.hex(16).slice(0, 5), 16) % 1_000_000);
    let nanos = BigInt(Math.floor(c.now)) * 1_000_000n + jitter;
    const prefix = `${obj.metadata.name}.`;
    for (const e of c.store.list("events", ns)) {
      const n = e.metadata.name as string;
      if (!n.startsWith(prefix) || !/^[0-9a-f]+$/.test(n.slice(prefix.length))) continue;
      const v = BigInt("0x" + n.slice(prefix.length));
      if (v >= nanos) nanos = v + 1n;
    }
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
      message,
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
    return c.store.put("events", ev);
  }
}
