import { test } from "node:test";
import assert from "node:assert/strict";
import { cluster, create, get, eventLines, deployment, T0 } from "./helpers.ts";
import { Trace } from "./golden.ts";
import type { Cluster } from "../../../lab-engine/cluster/cluster.ts";

const REV = "deployment.kubernetes.io/revision";

function rsByRev(c: Cluster, name = "web") {
  return c.store
    .list("replicasets", "default")
    .filter((r) => r.metadata.ownerReferences?.some((o) => o.name === name))
    .sort((a, b) => Number(a.metadata.annotations![REV]) - Number(b.metadata.annotations![REV]));
}

function edit(c: Cluster, f: (d: any) => void, name = "web") {
  const d = JSON.parse(JSON.stringify(get(c, "deployments", name)));
  f(d);
  c.api.update("deployments", d);
}

const line = (c: Cluster) => rsByRev(c).map((r) => `rev${r.metadata.annotations![REV]}=${r.spec.replicas}/${r.status?.availableReplicas ?? 0}`).join(" ");
const ann = (c: Cluster) =>
  rsByRev(c).map((r) => `rev${r.metadata.annotations![REV]} desired=${r.metadata.annotations!["deployment.kubernetes.io/desired-replicas"]} max=${r.metadata.annotations!["deployment.kubernetes.io/max-replicas"]}`);

// The example of the Deployment docs ("Proportional scaling"): 10 replicas, maxSurge 3,
// maxUnavailable 2, a rollout to an image that cannot be pulled stalls at 8 old + 5 new; scaling
// to 15 spreads the 5 extra replicas 3 to the old and 2 to the new ReplicaSet.
test("scaling in the middle of a rollout distributes replicas proportionally (golden trace)", () => {
  const c = cluster();
  create(c, "deployments", deployment("web", 10, "nginx:1.27", { strategy: { type: "RollingUpdate", rollingUpdate: { maxSurge: 3, maxUnavailable: 2 } } }));
  c.advanceTo(T0 + 30_000);
  const tr = new Trace(c);
  tr.step(line(c));
  edit(c, (d) => (d.spec.template.spec.containers[0].image = "nginx:sometag"));
  for (let s = 31; s <= 60; s++) {
    c.advanceTo(T0 + s * 1000);
    tr.step(line(c));
  }
  assert.equal(line(c), "rev1=8/8 rev2=5/0");
  const [old, neu] = rsByRev(c);

  edit(c, (d) => (d.spec.replicas = 15));
  for (let s = 61; s <= 90; s++) {
    c.advanceTo(T0 + s * 1000);
    tr.step(line(c));
  }
  assert.equal(line(c), "rev1=11/11 rev2=7/0");
  assert.deepEqual(ann(c), ["rev1 desired=15 max=18", "rev2 desired=15 max=18"]);
  assert.deepEqual(eventLines(c, "web").slice(-2), [
    `Normal ScalingReplicaSet deployment-controller: Scaled up replica set ${old.metadata.name} from 8 to 11`,
    `Normal ScalingReplicaSet deployment-controller: Scaled up replica set ${neu.metadata.name} from 5 to 7`,
  ]);

  // Scaling down: 8 allowed (5 + surge 3) out of 18: old 11*8/18 -> 5, new the remaining -4 -> 3.
  edit(c, (d) => (d.spec.replicas = 5));
  for (let s = 91; s <= 120; s++) {
    c.advanceTo(T0 + s * 1000);
    tr.step(line(c));
  }
  // Then the rolling update goes on within the new bounds (min available 3, at most 8 pods):
  // the old ReplicaSet gives up 2 more available pods and the new one takes the room.
  assert.equal(line(c), "rev1=3/3 rev2=5/0");
  assert.deepEqual(eventLines(c, "web").slice(-4), [
    `Normal ScalingReplicaSet deployment-controller: Scaled down replica set ${old.metadata.name} from 11 to 5`,
    `Normal ScalingReplicaSet deployment-controller: Scaled down replica set ${neu.metadata.name} from 7 to 3`,
    `Normal ScalingReplicaSet deployment-controller: Scaled down replica set ${old.metadata.name} from 5 to 3`,
    // The same message was recorded when the rollout began: the event is counted again, not repeated.
    `Normal ScalingReplicaSet deployment-controller: Scaled up replica set ${neu.metadata.name} from 3 to 5 (x2)`,
  ]);

  // A fixed image finishes the rollout; the stuck RS of revision 2 stays in history (limit 10).
  edit(c, (d) => (d.spec.template.spec.containers[0].image = "nginx:1.26"));
  for (let s = 121; s <= 180; s++) {
    c.advanceTo(T0 + s * 1000);
    tr.step(line(c));
  }
  assert.equal(line(c), "rev1=0/0 rev2=0/0 rev3=5/5");
  const d = get(c, "deployments", "web");
  assert.deepEqual(
    d.status.conditions.map((k: any) => `${k.type} ${k.status} ${k.reason}`),
    ["Available True MinimumReplicasAvailable", "Progressing True NewReplicaSetAvailable"],
  );
  tr.check("deployment-proportional");
});

test("scaling a paused deployment in the middle of a rollout is proportional too; resume continues", () => {
  const c = cluster();
  create(c, "deployments", deployment("web", 4, "nginx:1.27", { strategy: { type: "RollingUpdate", rollingUpdate: { maxSurge: 1, maxUnavailable: 0 } } }));
  c.advanceTo(T0 + 30_000);
  edit(c, (d) => (d.spec.template.spec.containers[0].image = "nginx:sometag"));
  c.advanceTo(T0 + 40_000);
  assert.equal(line(c), "rev1=4/4 rev2=1/0");
  edit(c, (d) => (d.spec.paused = true));
  c.advanceTo(T0 + 41_000);
  // 8 + 1 surge = 9 allowed, 5 exist: old 4*9/5 = 7.2 -> +3 (bigger first), new 1*9/5 = 1.8 -> +1.
  edit(c, (d) => (d.spec.replicas = 8));
  c.advanceTo(T0 + 60_000);
  assert.equal(line(c), "rev1=7/7 rev2=2/0");
  const p = get(c, "deployments", "web").status.conditions.find((k: any) => k.type === "Progressing");
  assert.equal(`${p.status} ${p.reason} ${p.message}`, "Unknown DeploymentPaused Deployment is paused");
  edit(c, (d) => {
    d.spec.paused = false;
    d.spec.template.spec.containers[0].image = "nginx:1.26";
  });
  c.advanceTo(T0 + 120_000);
  assert.equal(line(c), "rev1=0/0 rev2=0/0 rev3=8/8");
});

test("revisionHistoryLimit counts every old ReplicaSet and deletes only idle ones, oldest revision first", () => {
  const c = cluster();
  create(c, "deployments", deployment("web", 2, "nginx:1.27", { revisionHistoryLimit: 2 }));
  c.advanceTo(T0 + 20_000);
  for (const [i, tag] of ["1.26", "1.25", "1.24", "1.23"].entries()) {
    edit(c, (d) => (d.spec.template.spec.containers[0].image = `nginx:${tag}`));
    c.advanceTo(T0 + 20_000 + (i + 1) * 40_000);
  }
  assert.deepEqual(rsByRev(c).map((r) => `${r.metadata.annotations![REV]}:${r.spec.template.spec.containers[0].image}:${r.spec.replicas}`), [
    "3:nginx:1.25:0",
    "4:nginx:1.24:0",
    "5:nginx:1.23:2",
  ]);
  // revisionHistoryLimit 0: the old ReplicaSets go once the rollout completes.
  edit(c, (d) => {
    d.spec.revisionHistoryLimit = 0;
    d.spec.template.spec.containers[0].image = "nginx:1.27";
  });
  c.advanceTo(T0 + 300_000);
  assert.deepEqual(rsByRev(c).map((r) => `${r.metadata.annotations![REV]}:${r.spec.replicas}`), ["6:2"]);
});

test("rollback to an old ReplicaSet records its earlier revision in revision-history", () => {
  const c = cluster();
  create(c, "deployments", deployment("web", 1, "nginx:1.27"));
  c.advanceTo(T0 + 20_000);
  edit(c, (d) => (d.spec.template.spec.containers[0].image = "nginx:1.26"));
  c.advanceTo(T0 + 60_000);
  edit(c, (d) => (d.spec.template.spec.containers[0].image = "nginx:1.27"));
  c.advanceTo(T0 + 100_000);
  edit(c, (d) => (d.spec.template.spec.containers[0].image = "nginx:1.26"));
  c.advanceTo(T0 + 140_000);
  const [a, b] = rsByRev(c);
  assert.deepEqual(
    [a, b].map((r) => `${r.spec.template.spec.containers[0].image} rev=${r.metadata.annotations![REV]} history=${r.metadata.annotations!["deployment.kubernetes.io/revision-history"]}`),
    ["nginx:1.27 rev=3 history=1", "nginx:1.26 rev=4 history=2"],
  );
});

test("progress deadline: Progressing=False ProgressDeadlineExceeded one second after the deadline, rollout status message", () => {
  const c = cluster();
  create(c, "deployments", deployment("web", 2, "nginx:1.27", { progressDeadlineSeconds: 20 }));
  c.advanceTo(T0 + 30_000);
  edit(c, (d) => (d.spec.template.spec.containers[0].image = "nginx:sometag"));
  c.advanceTo(T0 + 30_500);
  const p0 = get(c, "deployments", "web").status.conditions.find((k: any) => k.type === "Progressing");
  const rs = rsByRev(c)[1].metadata.name;
  assert.equal(`${p0.status} ${p0.reason} ${p0.message}`, `True ReplicaSetUpdated ReplicaSet "${rs}" is progressing.`);
  const from = Date.parse(p0.lastUpdateTime);
  c.advanceTo(from + 20_000);
  assert.equal(get(c, "deployments", "web").status.conditions.find((k: any) => k.type === "Progressing").reason, "ReplicaSetUpdated");
  c.advanceTo(from + 21_000);
  const d = get(c, "deployments", "web");
  const p = d.status.conditions.find((k: any) => k.type === "Progressing");
  assert.equal(`${p.status} ${p.reason} ${p.message}`, `False ProgressDeadlineExceeded ReplicaSet "${rs}" has timed out progressing.`);
  assert.equal(p.lastTransitionTime, new Date(from + 21_000).toISOString().replace(".000Z", "Z"));
  // The rollout itself goes on trying (the condition is informational).
  assert.equal(line(c), "rev1=2/2 rev2=1/0");
});
