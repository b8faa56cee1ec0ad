import { test } from "node:test";
import assert from "node:assert/strict";
import { cluster, create, get, eventLines, deployment, T0 } from "./helpers.ts";
import { Trace } from "./golden.ts";
import { computeHash } from "../../../lab-engine/controllers/workload-util.ts";
import type { Cluster } from "../../../lab-engine/cluster/cluster.ts";

function rsOf(c: Cluster, name = "web") {
  return c.store.list("replicasets", "default").filter((r) => r.metadata.ownerReferences?.some((o) => o.name === name));
}

function setImage(c: Cluster, image: string, name = "web") {
  const d = JSON.parse(JSON.stringify(get(c, "deployments", name)));
  d.spec.template.spec.containers[0].image = image;
  c.api.update("deployments", d);
}

function livePods(c: Cluster, name = "web") {
  return c.store.list("pods", "default").filter((p) => p.metadata.name.startsWith(`${name}-`) && !p.metadata.deletionTimestamp);
}

test("hash uses the SafeEncodeString alphabet and is stable", () => {
  const h = computeHash({ spec: { containers: [{ name: "nginx", image: "nginx" }] } });
  assert.match(h, /^[bcdfghjklmnpqrstvwxz2456789]{6,10}$/);
  assert.equal(h, computeHash({ spec: { containers: [{ image: "nginx", name: "nginx" }] } }));
});

test("deployment creates <name>-<hash> ReplicaSet with annotations, events, conditions", () => {
  const c = cluster();
  create(c, "deployments", deployment("web", 3, "nginx:1.27"));
  c.advanceTo(T0 + 20_000);
  const [rs] = rsOf(c);
  const hash = rs.metadata.labels!["pod-template-hash"];
  assert.equal(rs.metadata.name, `web-${hash}`);
  assert.deepEqual(rs.spec.selector.matchLabels, { app: "web", "pod-template-hash": hash });
  assert.equal(rs.spec.template.metadata.labels["pod-template-hash"], hash);
  assert.deepEqual(rs.metadata.annotations, { "deployment.kubernetes.io/desired-replicas": "3", "deployment.kubernetes.io/max-replicas": "4", "deployment.kubernetes.io/revision": "1" });
  const d = get(c, "deployments", "web");
  assert.equal(d.metadata.annotations!["deployment.kubernetes.io/revision"], "1");
  assert.deepEqual(
    { r: d.status.replicas, u: d.status.updatedReplicas, rd: d.status.readyReplicas, a: d.status.availableReplicas, g: d.status.observedGeneration },
    { r: 3, u: 3, rd: 3, a: 3, g: 1 },
  );
  assert.deepEqual(d.status.conditions.map((x: any) => `${x.type} ${x.status} ${x.reason} ${x.message}`), [
    "Available True MinimumReplicasAvailable Deployment has minimum availability.",
    `Progressing True NewReplicaSetAvailable ReplicaSet "${rs.metadata.name}" has successfully progressed.`,
  ]);
  assert.deepEqual(eventLines(c, "web"), [`Normal ScalingReplicaSet deployment-controller: Scaled up replica set ${rs.metadata.name} from 0 to 3`]);
});

test("rolling update respects maxSurge/maxUnavailable at every step (golden trace)", () => {
  const c = cluster();
  create(c, "deployments", deployment("web", 4, "nginx:1.27", { strategy: { type: "RollingUpdate", rollingUpdate: { maxSurge: 1, maxUnavailable: 1 } } }));
  c.advanceTo(T0 + 20_000);
  const tr = new Trace(c);
  const line = () =>
    rsOf(c)
      .sort((a, b) => a.metadata.annotations!["deployment.kubernetes.io/revision"].localeCompare(b.metadata.annotations!["deployment.kubernetes.io/revision"]))
      .map((r) => `rev${r.metadata.annotations!["deployment.kubernetes.io/revision"]}=${r.spec.replicas}/${r.status?.availableReplicas ?? 0}`)
      .join(" ");
  tr.step(line());
  setImage(c, "nginx:1.26");
  for (let s = 21; s <= 60; s++) {
    c.advanceTo(T0 + s * 1000);
    const total = rsOf(c).reduce((n, r) => n + r.spec.replicas, 0);
    assert.ok(total <= 5, `surge exceeded at ${s}s: ${total}`);
    const ready = livePods(c).filter((p) => p.status.conditions?.some((k: any) => k.type === "Ready" && k.status === "True")).length;
    assert.ok(ready >= 3, `unavailable exceeded at ${s}s: ${ready} ready`);
    tr.step(line());
  }
  const d = get(c, "deployments", "web");
  assert.equal(d.status.updatedReplicas, 4);
  assert.equal(d.metadata.annotations!["deployment.kubernetes.io/revision"], "2");
  tr.check("deployment-rolling");
});

test("Recreate scales old to zero before creating the new ReplicaSet", () => {
  const c = cluster();
  create(c, "deployments", deployment("web", 2, "nginx:1.27", { strategy: { type: "Recreate" } }));
  c.advanceTo(T0 + 20_000);
  const oldHash = rsOf(c)[0].metadata.labels!["pod-template-hash"];
  setImage(c, "nginx:1.26");
  for (let ms = 20_100; ms <= 40_000; ms += 100) {
    c.advanceTo(T0 + ms);
    const pods = c.store.list("pods", "default");
    const oldPods = pods.filter((p) => p.metadata.labels!["pod-template-hash"] === oldHash);
    const newPods = pods.filter((p) => p.metadata.labels!["pod-template-hash"] !== oldHash);
    assert.ok(!(oldPods.length && newPods.length), `old and new pods coexist at ${ms}ms`);
  }
  c.advanceTo(T0 + 80_000);
  const all = rsOf(c).sort((a, b) => a.metadata.annotations!["deployment.kubernetes.io/revision"].localeCompare(b.metadata.annotations!["deployment.kubernetes.io/revision"]));
  assert.deepEqual(all.map((r) => r.spec.replicas), [0, 2]);
  assert.equal(all[0].metadata.annotations!["deployment.kubernetes.io/max-replicas"], "2");
});

test("rollback reuses the old ReplicaSet with a new revision; history limit cleans up", () => {
  const c = cluster();
  create(c, "deployments", deployment("web", 1, "nginx:1.27", { revisionHistoryLimit: 1 }));
  c.advanceTo(T0 + 20_000);
  const first = rsOf(c)[0].metadata.name;
  setImage(c, "nginx:1.26");
  c.advanceTo(T0 + 60_000);
  setImage(c, "nginx:1.27");
  c.advanceTo(T0 + 100_000);
  const first2 = get(c, "replicasets", first);
  assert.equal(first2.metadata.annotations!["deployment.kubernetes.io/revision"], "3");
  assert.equal(first2.spec.replicas, 1);
  assert.equal(get(c, "deployments", "web").metadata.annotations!["deployment.kubernetes.io/revision"], "3");
  setImage(c, "nginx:1.25");
  c.advanceTo(T0 + 140_000);
  // Limit 1: only the newest old RS stays.
  assert.equal(rsOf(c).length, 2);
});

test("paused deployment does not roll; restart annotation creates a new RS; change-cause is copied", () => {
  const c = cluster();
  create(c, "deployments", deployment("web", 2, "nginx:1.27"));
  c.advanceTo(T0 + 20_000);
  let d = JSON.parse(JSON.stringify(get(c, "deployments", "web")));
  d.spec.paused = true;
  c.api.update("deployments", d);
  setImage(c, "nginx:1.26");
  c.advanceTo(T0 + 40_000);
  assert.equal(rsOf(c).length, 1);
  const pc = get(c, "deployments", "web").status.conditions.find((k: any) => k.type === "Progressing");
  assert.equal(`${pc.status} ${pc.reason} ${pc.message}`, "Unknown DeploymentPaused Deployment is paused");
  d = JSON.parse(JSON.stringify(get(c, "deployments", "web")));
  d.spec.paused = false;
  d.metadata.annotations = { ...d.metadata.annotations, "kubernetes.io/change-cause": "image 1.26" };
  d.spec.template.metadata.annotations = { "kubectl.kubernetes.io/restartedAt": "2026-11-21T22:00:40Z" };
  c.api.update("deployments", d);
  c.advanceTo(T0 + 80_000);
  const rs = rsOf(c);
  assert.equal(rs.length, 2);
  const newest = rs.find((r) => r.metadata.annotations!["deployment.kubernetes.io/revision"] === "2")!;
  assert.equal(newest.metadata.annotations!["kubernetes.io/change-cause"], "image 1.26");
  assert.equal(newest.spec.replicas, 2);
});

test("progress deadline exceeded when the new pods never become ready", () => {
  const c = cluster();
  create(c, "deployments", deployment("web", 1, "nginx:1.27", { progressDeadlineSeconds: 30 }));
  c.advanceTo(T0 + 20_000);
  setImage(c, "nginx:does-not-exist");
  c.advanceTo(T0 + 120_000);
  const d = get(c, "deployments", "web");
  const newRS = rsOf(c).find((r) => r.metadata.annotations!["deployment.kubernetes.io/revision"] === "2")!;
  const pc = d.status.conditions.find((k: any) => k.type === "Progressing");
  assert.equal(`${pc.status} ${pc.reason} ${pc.message}`, `False ProgressDeadlineExceeded ReplicaSet "${newRS.metadata.name}" has timed out progressing.`);
  assert.equal(d.status.unavailableReplicas, 1);
});
