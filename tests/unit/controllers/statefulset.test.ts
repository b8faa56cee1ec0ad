import { test } from "node:test";
import assert from "node:assert/strict";
import { cluster, create, get, eventLines, T0 } from "./helpers.ts";
import type { Cluster } from "../../../lab-engine/cluster/cluster.ts";

function sts(name: string, replicas: number, extra: any = {}, image = "nginx:1.27"): any {
  return {
    apiVersion: "apps/v1",
    kind: "StatefulSet",
    metadata: { name },
    spec: {
      replicas,
      serviceName: name,
      selector: { matchLabels: { app: name } },
      template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: "nginx", image }] } },
      ...extra,
    },
  };
}

function podsOf(c: Cluster, name: string) {
  return c.store.list("pods", "default").filter((p) => p.metadata.ownerReferences?.some((r) => r.kind === "StatefulSet" && r.name === name));
}

const ready = (p: any) => p.status.conditions?.some((k: any) => k.type === "Ready" && k.status === "True");

test("OrderedReady: web-0 Running and Ready before web-1 is created; labels, hostname, status", () => {
  const c = cluster();
  create(c, "statefulsets", sts("web", 3));
  let seen: string[] = [];
  for (let ms = 0; ms <= 30_000; ms += 250) {
    c.advanceTo(T0 + ms);
    const ps = podsOf(c, "web").sort((a, b) => a.metadata.name.localeCompare(b.metadata.name));
    // Never a pod N while a lower one is not Ready.
    for (let i = 1; i < ps.length; i++) assert.ok(ready(ps[i - 1]), `${ps[i].metadata.name} exists while ${ps[i - 1].metadata.name} not ready at ${ms}`);
    seen = ps.map((p) => p.metadata.name);
  }
  assert.deepEqual(seen, ["web-0", "web-1", "web-2"]);
  const p = get(c, "pods", "web-1");
  assert.equal(p.spec.hostname, "web-1");
  assert.equal(p.spec.subdomain, "web");
  assert.equal(p.metadata.labels!["statefulset.kubernetes.io/pod-name"], "web-1");
  assert.equal(p.metadata.labels!["apps.kubernetes.io/pod-index"], "1");
  const s = get(c, "statefulsets", "web");
  assert.match(p.metadata.labels!["controller-revision-hash"], /^web-[bcdfghjklmnpqrstvwxz2456789]+$/);
  assert.equal(s.status.currentRevision, p.metadata.labels!["controller-revision-hash"]);
  assert.deepEqual([s.status.replicas, s.status.readyReplicas, s.status.currentReplicas, s.status.updatedReplicas, s.status.availableReplicas], [3, 3, 3, 3, 3]);
  assert.deepEqual(eventLines(c, "web"), [
    "Normal SuccessfulCreate statefulset-controller: create Pod web-0 in StatefulSet web successful",
    "Normal SuccessfulCreate statefulset-controller: create Pod web-1 in StatefulSet web successful",
    "Normal SuccessfulCreate statefulset-controller: create Pod web-2 in StatefulSet web successful",
  ]);
});

test("scale down removes the highest ordinal first, one at a time", () => {
  const c = cluster();
  create(c, "statefulsets", sts("web", 3));
  c.advanceTo(T0 + 30_000);
  const s = JSON.parse(JSON.stringify(get(c, "statefulsets", "web")));
  s.spec.replicas = 1;
  c.api.update("statefulsets", s);
  c.advanceTo(T0 + 90_000);
  assert.deepEqual(podsOf(c, "web").map((p) => p.metadata.name), ["web-0"]);
  const dels = eventLines(c, "web").filter((l) => l.includes("delete Pod"));
  assert.deepEqual(dels, [
    "Normal SuccessfulDelete statefulset-controller: delete Pod web-2 in StatefulSet web successful",
    "Normal SuccessfulDelete statefulset-controller: delete Pod web-1 in StatefulSet web successful",
  ]);
});

test("Parallel creates all pods at once", () => {
  const c = cluster();
  create(c, "statefulsets", sts("par", 3, { podManagementPolicy: "Parallel" }));
  c.advanceTo(T0 + 100);
  assert.equal(podsOf(c, "par").length, 3);
});

test("rolling update from the highest ordinal honours the partition", () => {
  const c = cluster();
  create(c, "statefulsets", sts("web", 3, { updateStrategy: { type: "RollingUpdate", rollingUpdate: { partition: 1 } } }));
  c.advanceTo(T0 + 30_000);
  const oldRev = get(c, "statefulsets", "web").status.currentRevision;
  const s = JSON.parse(JSON.stringify(get(c, "statefulsets", "web")));
  s.spec.template.spec.containers[0].image = "nginx:1.26";
  c.api.update("statefulsets", s);
  c.advanceTo(T0 + 120_000);
  const img = (n: string) => get(c, "pods", n).spec.containers[0].image;
  assert.deepEqual([img("web-0"), img("web-1"), img("web-2")], ["nginx:1.27", "nginx:1.26", "nginx:1.26"]);
  const st = get(c, "statefulsets", "web").status;
  assert.equal(st.currentRevision, oldRev);
  assert.notEqual(st.updateRevision, oldRev);
  assert.equal(st.updatedReplicas, 2);
  assert.equal(st.currentReplicas, 1);
  const dels = eventLines(c, "web").filter((l) => l.includes("delete Pod")).map((l) => l.split(": ")[1]);
  assert.deepEqual(dels, ["delete Pod web-2 in StatefulSet web successful", "delete Pod web-1 in StatefulSet web successful"]);
  // Partition 0 finishes the rollout; the current revision moves.
  const s2 = JSON.parse(JSON.stringify(get(c, "statefulsets", "web")));
  s2.spec.updateStrategy.rollingUpdate.partition = 0;
  c.api.update("statefulsets", s2);
  c.advanceTo(T0 + 200_000);
  const st2 = get(c, "statefulsets", "web").status;
  assert.equal(img("web-0"), "nginx:1.26");
  assert.equal(st2.currentRevision, st2.updateRevision);
  assert.equal(st2.currentReplicas, 3);
});
