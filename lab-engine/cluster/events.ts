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
    const ev: KObject = {
      apiVersion: "v1",
      kind: "Event",
      metadata: {
        name: `${obj.metadata.name}.${c.rng.hex(16)}`,
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
