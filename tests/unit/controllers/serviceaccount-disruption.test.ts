import { test } from "node:test";
import assert from "node:assert/strict";
import { cluster, create, get, deployment, T0 } from "./helpers.ts";
import { canEvict } from "../../../lab-engine/controllers/disruption.ts";

test("a new namespace gets ServiceAccount default and kube-root-ca.crt in the same reconcile", () => {
  const c = cluster();
  c.advanceTo(T0 + 1000);
  for (const ns of ["default", "kube-system", "kube-public", "kube-node-lease"]) {
    assert.ok(c.store.get("serviceaccounts", ns, "default"), ns);
    assert.ok(c.store.get("configmaps", ns, "kube-root-ca.crt"), ns);
  }
  create(c, "namespaces", { apiVersion: "v1", kind: "Namespace", metadata: { name: "team-a" } });
  c.reconcile();
  assert.ok(get(c, "serviceaccounts", "default", "team-a"));
  const cm = get(c, "configmaps", "kube-root-ca.crt", "team-a");
  assert.match(cm.data["ca.crt"], /^-----BEGIN CERTIFICATE-----\n([A-Za-z0-9+/]{64}\n){17}[A-Za-z0-9+/]{24}==\n-----END CERTIFICATE-----\n$/);
  // Deleted default SA comes back.
  c.api.delete("serviceaccounts", "team-a", "default");
  c.reconcile();
  assert.ok(get(c, "serviceaccounts", "default", "team-a"));
});

test("PDB status and canEvict", () => {
  const c = cluster();
  create(c, "deployments", deployment("web", 3, "nginx:1.27"));
  create(c, "poddisruptionbudgets", { apiVersion: "policy/v1", kind: "PodDisruptionBudget", metadata: { name: "web-pdb" }, spec: { minAvailable: 2, selector: { matchLabels: { app: "web" } } } });
  c.advanceTo(T0 + 20_000);
  const st = get(c, "poddisruptionbudgets", "web-pdb").status;
  assert.deepEqual([st.currentHealthy, st.desiredHealthy, st.disruptionsAllowed, st.expectedPods], [3, 2, 1, 3]);
  assert.deepEqual(st.conditions.map((k: any) => `${k.type} ${k.status} ${k.reason}`), ["DisruptionAllowed True SufficientPods"]);
  const pods = c.store.list("pods", "default");
  assert.equal(canEvict(c, pods[0]), undefined);
  assert.equal(canEvict(c, pods[1]), "Cannot evict pod as it would violate the pod's disruption budget.");
  // maxUnavailable percentage uses the deployment's scale.
  create(c, "poddisruptionbudgets", { apiVersion: "policy/v1", kind: "PodDisruptionBudget", metadata: { name: "pct" }, spec: { maxUnavailable: "50%", selector: { matchLabels: { app: "web" } } } });
  c.advanceTo(T0 + 21_000);
  const s2 = get(c, "poddisruptionbudgets", "pct").status;
  assert.deepEqual([s2.expectedPods, s2.desiredHealthy], [3, 1]);
  const none = { apiVersion: "policy/v1", kind: "PodDisruptionBudget", metadata: { name: "strict" }, spec: { minAvailable: "100%", selector: { matchLabels: { app: "web" } } } };
  create(c, "poddisruptionbudgets", none);
  c.advanceTo(T0 + 22_000);
  const s3 = get(c, "poddisruptionbudgets", "strict").status;
  assert.deepEqual(s3.conditions.map((k: any) => `${k.status} ${k.reason}`), ["False InsufficientPods"]);
  assert.equal(canEvict(c, c.store.list("pods", "default")[2]), "This pod has more than one PodDisruptionBudget, which the eviction subresource does not support.");
});
