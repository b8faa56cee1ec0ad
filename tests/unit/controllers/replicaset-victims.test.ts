// Scale-down victim order (controller.ActivePodsWithRanks / getPodsToDelete, Kubernetes 1.32) and
// ReplicaSets under foreground deletion.
import { test } from "node:test";
import assert from "node:assert/strict";
import { cluster, create, get, deployment, eventLines, T0 } from "./helpers.ts";
import { getPodsToDelete } from "../../../lab-engine/controllers/replica-set.ts";
import type { KObject } from "../../../lab-engine/api/types.ts";

const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, "Z");
const NOW = T0 + 3600_000;

interface P {
  node?: string;
  phase?: string;
  ready?: boolean;
  readyAt?: number;
  created?: number;
  restarts?: number[];
  cost?: string;
  uid?: string;
}

function pod(name: string, o: P = {}): KObject {
  return {
    apiVersion: "v1",
    kind: "Pod",
    metadata: {
      name,
      namespace: "default",
      uid: o.uid ?? `uid-${name}`,
      creationTimestamp: iso(o.created ?? T0),
      ...(o.cost !== undefined ? { annotations: { "controller.kubernetes.io/pod-deletion-cost": o.cost } } : {}),
    },
    spec: { ...(o.node === "" ? {} : { nodeName: o.node ?? "node01" }), containers: [{ name: "c", image: "nginx" }] },
    status: {
      phase: o.phase ?? "Running",
      conditions: [{ type: "Ready", status: o.ready === false ? "False" : "True", lastTransitionTime: iso(o.readyAt ?? T0 + 5000) }],
      containerStatuses: (o.restarts ?? [0]).map((n, i) => ({ name: `c${i}`, restartCount: n })),
    },
  } as any;
}

const order = (pods: KObject[], related: KObject[] = []) => getPodsToDelete(pods, related, pods.length - 1, NOW).map((p) => p.metadata.name);

test("victim order: unassigned, then Pending < Unknown < Running, then not ready", () => {
  assert.deepEqual(order([pod("a"), pod("b", { node: "", phase: "Pending", ready: false }), pod("c")]), ["b", "a"]);
  assert.deepEqual(order([pod("run"), pod("unknown", { phase: "Unknown" }), pod("pending", { phase: "Pending", ready: false }), pod("keep")]), ["pending", "unknown", "run"]);
  assert.deepEqual(order([pod("ready"), pod("notready", { ready: false }), pod("keep")]), ["notready", "ready"]);
});

test("victim order: lower pod-deletion-cost first, an invalid cost counts as 0", () => {
  assert.deepEqual(order([pod("high", { cost: "100" }), pod("neg", { cost: "-5" }), pod("bad", { cost: "1.5" }), pod("zero")]), ["neg", "bad", "zero"]);
  // Cost ranks before readiness time and creation time, after readiness.
  assert.deepEqual(order([pod("old", { created: T0, cost: "-1" }), pod("new", { created: T0 + 3000_000, readyAt: T0 + 3001_000 }), pod("x", { ready: false, cost: "-9" })]), ["x", "old"]);
});

test("victim order: the node with more related pods gives one up first (ranks by colocation)", () => {
  const a = pod("a", { node: "node01" });
  const b = pod("b", { node: "node01" });
  const c = pod("c", { node: "node02" });
  // Newest is c, but a and b share node01.
  c.metadata.creationTimestamp = iso(T0 + 1800_000);
  assert.deepEqual(getPodsToDelete([a, b, c], [a, b, c], 2, NOW).map((p) => p.metadata.name), ["a", "b"]);
  // Without related pods (a ReplicaSet without a controller) every rank is 0: newer first.
  assert.deepEqual(getPodsToDelete([a, b, c], [], 1, NOW).map((p) => p.metadata.name), ["c"]);
  // Pods of a sibling ReplicaSet count too; inactive ones do not.
  const sib = pod("sib", { node: "node02" });
  const gone = { ...pod("gone", { node: "node01" }), status: { phase: "Succeeded" } } as KObject;
  assert.deepEqual(getPodsToDelete([a, c], [a, c, sib, gone], 1, NOW).map((p) => p.metadata.name), ["c"]);
});

test("victim order: ready more recently first in log2 buckets (UID breaks a tie in a bucket), then restarts, then newer", () => {
  // Ages 100 s and 3000 s are in different log2(ns) buckets: the recently ready one goes.
  assert.deepEqual(order([pod("early", { readyAt: NOW - 3000_000 }), pod("late", { readyAt: NOW - 100_000 }), pod("keep", { readyAt: NOW - 3500_000 })]), ["late", "early"]);
  // 40 s and 50 s: both floor(log2) = 35, so UID order decides, not the exact time.
  assert.deepEqual(order([pod("p1", { readyAt: NOW - 40_000, uid: "b" }), pod("p2", { readyAt: NOW - 50_000, uid: "a" }), pod("keep", { readyAt: NOW - 3000_000 })]), ["p2", "p1"]);
  // Equal ready times: the highest restart count of any container goes first (max, not sum).
  assert.deepEqual(order([pod("sum3", { restarts: [1, 1, 1] }), pod("max2", { restarts: [2] }), pod("none")]), ["max2", "sum3"]);
  // Everything equal but creation: newer first.
  assert.deepEqual(order([pod("old", { created: T0 }), pod("new", { created: T0 + 3000_000 }), pod("oldest", { created: T0 - 3000_000 })]), ["new", "old"]);
});

test("deployment scaled 3 -> 1 with two replicas on one node keeps the pod alone on its node", () => {
  const c = cluster();
  create(c, "deployments", deployment("web", 3, "nginx:1.27"));
  c.advanceTo(T0 + 10_000);
  const pods = c.store.list("pods", "default");
  assert.equal(pods.length, 3);
  const byNode = new Map<string, string[]>();
  for (const p of pods) byNode.set(p.spec.nodeName, [...(byNode.get(p.spec.nodeName) ?? []), p.metadata.name]);
  const alone = [...byNode.values()].find((v) => v.length === 1);
  const doubled = [...byNode.values()].find((v) => v.length === 2);
  assert.ok(alone && doubled, JSON.stringify([...byNode]));
  const d = get(c, "deployments", "web");
  c.api.update("deployments", { ...d, spec: { ...d.spec, replicas: 1 } });
  c.advanceTo(T0 + 40_000);
  assert.deepEqual(c.store.list("pods", "default").map((p) => p.metadata.name), alone);
  const rs = c.store.list("replicasets", "default")[0];
  assert.deepEqual(
    eventLines(c, rs.metadata.name).filter((l) => l.includes("SuccessfulDelete")).sort(),
    doubled.map((n) => `Normal SuccessfulDelete replicaset-controller: Deleted pod: ${n}`).sort(),
  );
});

test("bare ReplicaSet scaled 3 -> 1 keeps the pod with the highest pod-deletion-cost", () => {
  const c = cluster();
  create(c, "replicasets", {
    apiVersion: "apps/v1",
    kind: "ReplicaSet",
    metadata: { name: "fe" },
    spec: { replicas: 3, selector: { matchLabels: { app: "fe" } }, template: { metadata: { labels: { app: "fe" } }, spec: { containers: [{ name: "nginx", image: "nginx:1.27" }] } } },
  });
  c.advanceTo(T0 + 10_000);
  const names = c.store.list("pods", "default").map((p) => p.metadata.name).sort();
  assert.equal(names.length, 3);
  const keep = names[1];
  const p = get(c, "pods", keep);
  c.api.update("pods", { ...p, metadata: { ...p.metadata, annotations: { "controller.kubernetes.io/pod-deletion-cost": "10" } } });
  const rs = get(c, "replicasets", "fe");
  c.api.update("replicasets", { ...rs, spec: { ...rs.spec, replicas: 1 } });
  c.advanceTo(T0 + 40_000);
  assert.deepEqual(c.store.list("pods", "default").map((x) => x.metadata.name), [keep]);
});

test("foreground deletion of a ReplicaSet: no scale-down, no SuccessfulDelete; the GC deletes the pods, then the set", () => {
  const c = cluster();
  create(c, "replicasets", {
    apiVersion: "apps/v1",
    kind: "ReplicaSet",
    metadata: { name: "fe" },
    spec: { replicas: 2, selector: { matchLabels: { app: "fe" } }, template: { metadata: { labels: { app: "fe" } }, spec: { containers: [{ name: "nginx", image: "nginx:1.27" }] } } },
  });
  c.advanceTo(T0 + 10_000);
  c.api.delete("replicasets", "default", "fe", { propagationPolicy: "Foreground" });
  c.advanceTo(T0 + 10_000);
  const rs = get(c, "replicasets", "fe");
  assert.deepEqual(rs.metadata.finalizers, ["foregroundDeletion"]);
  assert.equal(rs.spec.replicas, 2);
  assert.equal(rs.status.replicas, 0);
  const pods = c.store.list("pods", "default");
  assert.equal(pods.length, 2);
  for (const p of pods) {
    assert.ok(p.metadata.deletionTimestamp, p.metadata.name);
    assert.equal(p.metadata.finalizers, undefined);
  }
  assert.deepEqual(eventLines(c, "fe").filter((l) => !l.includes("SuccessfulCreate")), []);
  c.advanceTo(T0 + 45_000);
  assert.equal(c.api.tryGet("replicasets", "default", "fe"), undefined);
  assert.equal(c.store.list("pods", "default").length, 0);
});
