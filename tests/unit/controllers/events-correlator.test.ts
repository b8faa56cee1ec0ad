import { test } from "node:test";
import assert from "node:assert/strict";
import { cluster, create, get, events, deployment, T0 } from "./helpers.ts";
import { Learner, events as describeEvents } from "../scenarios/harness.ts";

const SRC = { component: "test-controller" };

function cm(c: ReturnType<typeof cluster>) {
  return create(c, "configmaps", { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "cfg" }, data: {} });
}

// In creation order (event names carry the creation time), not by last update.
const rows = (c: ReturnType<typeof cluster>) =>
  events(c, "cfg")
    .sort((a, b) => (a.metadata.name < b.metadata.name ? -1 : 1))
    .map((e) => `${e.reason} x${e.count} ${e.firstTimestamp.slice(11, 19)}-${e.lastTimestamp.slice(11, 19)} ${e.message}`);

test("identical events are counted on one Event: count, firstTimestamp and lastTimestamp", () => {
  const c = cluster();
  const o = cm(c);
  for (let i = 0; i < 5; i++) {
    c.advanceTo(T0 + i * 30_000);
    c.events.record(o, "Warning", "Ping", "same text", SRC);
  }
  // Another fieldPath or source is another event.
  c.events.record(o, "Warning", "Ping", "same text", SRC, "spec.containers{a}");
  c.events.record(o, "Warning", "Ping", "same text", { component: "other" });
  assert.deepEqual(rows(c), ["Ping x5 22:00:00-22:02:00 same text", "Ping x1 22:02:00-22:02:00 same text", "Ping x1 22:02:00-22:02:00 same text"]);
});

test("the 10th distinct message of a reason within 10 minutes becomes the combined event", () => {
  const c = cluster();
  const o = cm(c);
  for (let i = 1; i <= 12; i++) {
    c.advanceTo(T0 + i * 1000);
    c.events.record(o, "Warning", "Failed", `attempt ${i}`, SRC);
  }
  // A message still in the similar set is an ordinary duplicate.
  c.events.record(o, "Warning", "Failed", "attempt 5", SRC);
  const r = rows(c);
  assert.equal(r.length, 10);
  assert.deepEqual(r.slice(0, 9), [1, 2, 3, 4, 5, 6, 7, 8, 9].map((i) => `Failed x${i === 5 ? 2 : 1} 22:00:${String(i).padStart(2, "0")}-22:00:${i === 5 ? 12 : String(i).padStart(2, "0")} attempt ${i}`));
  assert.equal(r[9], "Failed x3 22:00:10-22:00:12 (combined from similar events): attempt 12");
  // Another reason has its own set.
  c.events.record(o, "Warning", "Other", "attempt 13", SRC);
  assert.equal(rows(c).at(-1), "Other x1 22:00:12-22:00:12 attempt 13");
  // More than 10 minutes without a similar event: the set starts over.
  c.advanceTo(T0 + 12_000 + 600_001);
  c.events.record(o, "Warning", "Failed", "attempt 14", SRC);
  assert.equal(rows(c).at(-1), "Failed x1 22:10:12-22:10:12 attempt 14");
});

test("correlator state survives a snapshot of the cluster state and stays small", () => {
  const c = cluster();
  const o = cm(c);
  for (let i = 1; i <= 9; i++) c.events.record(o, "Warning", "Failed", `attempt ${i}`, SRC);
  const json = JSON.stringify(c.state.ctrl.events);
  assert.ok(json.length < 200, json);
  c.advanceTo(T0 + 700_000);
  c.events.record(o, "Normal", "Later", "x", SRC);
  // Records older than 10 minutes are pruned.
  assert.equal(Object.keys(c.state.ctrl.events.agg).length, 1);
});

test("ReplicaSet under a quota: FailedCreate with back-off, combined event, ReplicaFailure; cleared when the quota grows", () => {
  const c = cluster();
  create(c, "resourcequotas", { apiVersion: "v1", kind: "ResourceQuota", metadata: { name: "q" }, spec: { hard: { pods: "2" } } });
  c.advanceTo(T0 + 1000);
  create(c, "deployments", deployment("web", 4, "nginx:1.27"));
  c.advanceTo(T0 + 3_600_000);
  const rs = c.store.list("replicasets", "default")[0];
  const name = rs.metadata.name;
  const lines = events(c, name)
    .sort((a, b) => (a.metadata.name < b.metadata.name ? -1 : 1))
    .map((e) => `${e.type} ${e.reason} x${e.count} ${e.firstTimestamp.slice(11, 19)}-${e.lastTimestamp.slice(11, 19)} ${e.message.replace(new RegExp(`${name}-[a-z0-9]{5}`), "<pod>")}`);
  const quota = 'is forbidden: exceeded quota: q, requested: pods=1, used: pods=2, limited: pods=2';
  // Attempts at +0 (batch 1 ok, batch 2: one ok, one refused), then after 5 ms, 10 ms, 20 ms ...
  // doubling up to 1000 s; the pods' own status changes resync it at once a few times too.
  assert.deepEqual(lines, [
    "Normal SuccessfulCreate x1 22:00:01-22:00:01 Created pod: <pod>",
    "Normal SuccessfulCreate x1 22:00:01-22:00:01 Created pod: <pod>",
    ...Array.from({ length: 8 }, () => `Warning FailedCreate x1 22:00:01-22:00:01 Error creating: pods "<pod>" ${quota}`),
    `Warning FailedCreate x1 22:00:02-22:00:02 Error creating: pods "<pod>" ${quota}`,
    `Warning FailedCreate x9 22:00:03-22:10:48 (combined from similar events): Error creating: pods "<pod>" ${quota}`,
    // Retries 655 s and then 1000 s apart: more than 10 minutes between similar events, so each
    // one starts a new similar set and is written on its own again.
    `Warning FailedCreate x1 22:21:44-22:21:44 Error creating: pods "<pod>" ${quota}`,
    `Warning FailedCreate x1 22:38:24-22:38:24 Error creating: pods "<pod>" ${quota}`,
    `Warning FailedCreate x1 22:55:04-22:55:04 Error creating: pods "<pod>" ${quota}`,
  ]);
  const cond = get(c, "replicasets", name).status.conditions;
  assert.deepEqual(cond.map((k: any) => `${k.type} ${k.status} ${k.reason} ${k.message.replace(/-[a-z0-9]{5}"/, '-<x>"')}`), [`ReplicaFailure True FailedCreate pods "${name}-<x>" ${quota}`]);
  const d = get(c, "deployments", "web");
  assert.deepEqual(d.status.conditions.map((k: any) => `${k.type} ${k.status} ${k.reason}`), [
    "Available False MinimumReplicasUnavailable",
    "ReplicaFailure True FailedCreate",
    "Progressing False ProgressDeadlineExceeded",
  ]);

  // Raising the quota wakes nothing by itself: the next retry (back-off) creates the pods.
  const q = JSON.parse(JSON.stringify(get(c, "resourcequotas", "q")));
  q.spec.hard.pods = "10";
  c.api.update("resourcequotas", q);
  c.advanceTo(T0 + 3_600_000 + 1_100_000);
  const after = get(c, "replicasets", name);
  assert.equal(after.status.replicas, 4);
  assert.equal(after.status.conditions, undefined);
  assert.ok(!get(c, "deployments", "web").status.conditions.some((k: any) => k.type === "ReplicaFailure"));
});

test("kubectl describe rs under a quota shows the counted, combined FailedCreate event", async () => {
  const l = new Learner(5);
  await l.ok("kubectl create quota q --hard=pods=2");
  await l.ok("kubectl create deployment web --image=nginx:1.27 --replicas=4");
  await l.sleep(150);
  const rs = (await l.rows("rs"))[0][0];
  const out = await l.ok(`kubectl describe rs ${rs}`);
  assert.match(out, /\nConditions:\n  Type             Status  Reason\n  ----             ------  ------\n  ReplicaFailure   True    FailedCreate\nEvents:\n/);
  const ev = describeEvents(out);
  assert.equal(ev.length, 12);
  assert.deepEqual(ev.at(-1)!.slice(0, 4), ["Warning", "FailedCreate", "71s (x6 over 2m28s)", "replicaset-controller"]);
  assert.match(ev.at(-1)![4], new RegExp(`^\\(combined from similar events\\): Error creating: pods "${rs}-[a-z0-9]{5}" is forbidden: exceeded quota: q, requested: pods=1, used: pods=2, limited: pods=2$`));
  const wide = await l.ok("kubectl get events -o wide --field-selector reason=FailedCreate");
  assert.match(wide.split("\n")[0], /^LAST SEEN +TYPE +REASON +OBJECT +SUBOBJECT +SOURCE +MESSAGE +FIRST SEEN +COUNT +NAME$/);
  assert.match(wide.trimEnd().split("\n").at(-1)!, /^71s +Warning +FailedCreate +replicaset\/web-[a-z0-9]+ +replicaset-controller +\(combined from similar events\): .* +2m28s +6 +web-[a-z0-9]+\.[0-9a-f]+$/);
});
