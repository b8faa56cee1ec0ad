import { test } from "node:test";
import assert from "node:assert/strict";
import { bootstrapCluster } from "../../lab-engine/cluster/bootstrap.ts";

test("default cluster has three nodes and the four namespaces", () => {
  const c = bootstrapCluster({ now: Date.UTC(2026, 10, 21, 22, 0, 0), seed: 1 });
  assert.deepEqual(c.store.list("nodes").map((n) => n.metadata.name), ["controlplane", "node01", "node02"]);
  assert.deepEqual(c.store.list("namespaces").map((n) => n.metadata.name), ["default", "kube-node-lease", "kube-public", "kube-system"]);
});

test("creating an object twice is AlreadyExists; missing is NotFound", () => {
  const c = bootstrapCluster({ now: 0, seed: 1, topology: { nodes: [{ name: "n1" }], systemPods: false } });
  c.api.create("configmaps", { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "a" } as any, data: { k: "v" } });
  assert.throws(() => c.api.create("configmaps", { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "a" } as any }), /configmaps "a" already exists/);
  assert.throws(() => c.api.get("configmaps", "default", "nope"), /configmaps "nope" not found/);
});
