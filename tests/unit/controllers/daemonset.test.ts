import { test } from "node:test";
import assert from "node:assert/strict";
import { cluster, create, get, eventLines, T0 } from "./helpers.ts";
import { bootstrapCluster } from "../../../lab-engine/cluster/bootstrap.ts";
import type { Cluster } from "../../../lab-engine/cluster/cluster.ts";

function ds(name: string, image: string, extra: any = {}, podExtra: any = {}): any {
  return {
    apiVersion: "apps/v1",
    kind: "DaemonSet",
    metadata: { name },
    spec: {
      selector: { matchLabels: { app: name } },
      template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: "agent", image }], ...podExtra } },
      ...extra,
    },
  };
}

function podsOf(c: Cluster, name: string) {
  return c.store.list("pods", "default").filter((p) => p.metadata.ownerReferences?.some((r) => r.kind === "DaemonSet" && r.name === name));
}

test("default cluster: kube-proxy and calico-node on all 3 nodes, coredns and metrics-server Running", () => {
  const c = bootstrapCluster({ now: T0, seed: 1 });
  c.advanceTo(T0 + 60_000);
  const ks = c.store.list("pods", "kube-system");
  for (const app of ["kube-proxy", "calico-node"]) {
    const ps = ks.filter((p) => p.metadata.name.startsWith(`${app}-`));
    assert.deepEqual(ps.map((p) => p.spec.nodeName).sort(), ["controlplane", "node01", "node02"]);
    assert.ok(ps.every((p) => p.status.phase === "Running"));
    const st = get(c, "daemonsets", app, "kube-system").status;
    assert.deepEqual([st.desiredNumberScheduled, st.currentNumberScheduled, st.numberReady, st.updatedNumberScheduled, st.numberAvailable], [3, 3, 3, 3, 3]);
  }
  assert.equal(ks.filter((p) => p.metadata.name.startsWith("coredns-") && p.status.phase === "Running").length, 2);
  assert.equal(ks.filter((p) => p.metadata.name.startsWith("metrics-server-") && p.status.phase === "Running").length, 1);
});

test("one pod per worker, not on the tainted control plane; pinned by matchFields; daemon tolerations", () => {
  const c = cluster();
  create(c, "daemonsets", ds("agent", "busybox:1.36", {}, { containers: [{ name: "agent", image: "busybox:1.36", command: ["sleep", "3600"] }] }));
  c.advanceTo(T0 + 30_000);
  const ps = podsOf(c, "agent");
  assert.deepEqual(ps.map((p) => p.spec.nodeName).sort(), ["node01", "node02"]);
  const p = ps.find((x) => x.spec.nodeName === "node01")!;
  assert.match(p.metadata.name, /^agent-[a-z0-9]{5}$/);
  assert.deepEqual(p.spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms, [
    { matchFields: [{ key: "metadata.name", operator: "In", values: ["node01"] }] },
  ]);
  assert.deepEqual(p.spec.tolerations.map((t: any) => `${t.key}:${t.effect}`), [
    "node.kubernetes.io/not-ready:NoExecute",
    "node.kubernetes.io/unreachable:NoExecute",
    "node.kubernetes.io/disk-pressure:NoSchedule",
    "node.kubernetes.io/memory-pressure:NoSchedule",
    "node.kubernetes.io/pid-pressure:NoSchedule",
    "node.kubernetes.io/unschedulable:NoSchedule",
  ]);
  const hash = p.metadata.labels!["controller-revision-hash"];
  const rev = get(c, "controllerrevisions", `agent-${hash}`);
  assert.equal(rev.revision, 1);
  const st = get(c, "daemonsets", "agent").status;
  assert.deepEqual(
    { d: st.desiredNumberScheduled, cur: st.currentNumberScheduled, r: st.numberReady, u: st.updatedNumberScheduled, a: st.numberAvailable, m: st.numberMisscheduled },
    { d: 2, cur: 2, r: 2, u: 2, a: 2, m: 0 },
  );
  assert.deepEqual(eventLines(c, "agent").map((l) => l.replace(/-[a-z0-9]{5}$/, "-xxxxx")), [
    "Normal SuccessfulCreate daemonset-controller: Created pod: agent-xxxxx",
    "Normal SuccessfulCreate daemonset-controller: Created pod: agent-xxxxx",
  ]);
});

test("tolerating the control-plane taint runs everywhere; nodeSelector narrows", () => {
  const c = cluster();
  create(c, "daemonsets", ds("all", "nginx:1.27", {}, { tolerations: [{ key: "node-role.kubernetes.io/control-plane", operator: "Exists", effect: "NoSchedule" }] }));
  create(c, "daemonsets", ds("one", "nginx:1.27", {}, { nodeSelector: { "kubernetes.io/hostname": "node02" } }));
  c.advanceTo(T0 + 30_000);
  assert.equal(podsOf(c, "all").length, 3);
  assert.deepEqual(podsOf(c, "one").map((p) => p.spec.nodeName), ["node02"]);
});

test("rolling update replaces one node at a time (maxUnavailable 1) and bumps the revision", () => {
  const c = cluster();
  create(c, "daemonsets", ds("web", "nginx:1.27"));
  c.advanceTo(T0 + 30_000);
  const d = JSON.parse(JSON.stringify(get(c, "daemonsets", "web")));
  d.spec.template.spec.containers[0].image = "nginx:1.26";
  c.api.update("daemonsets", d);
  for (let s = 31; s <= 120; s++) {
    c.advanceTo(T0 + s * 1000);
    const ready = podsOf(c, "web").filter((p) => !p.metadata.deletionTimestamp && p.status.conditions?.some((k: any) => k.type === "Ready" && k.status === "True")).length;
    assert.ok(ready >= 1, `at ${s}s only ${ready} ready`);
  }
  const ps = podsOf(c, "web");
  assert.equal(ps.length, 2);
  assert.ok(ps.every((p) => p.spec.containers[0].image === "nginx:1.26"));
  const revs = c.store.list("controllerrevisions", "default").filter((r) => r.metadata.name.startsWith("web-")).map((r) => r.revision).sort();
  assert.deepEqual(revs, [1, 2]);
  assert.equal(get(c, "daemonsets", "web").status.updatedNumberScheduled, 2);
});

test("OnDelete keeps old pods until they are deleted", () => {
  const c = cluster();
  create(c, "daemonsets", ds("web", "nginx:1.27", { updateStrategy: { type: "OnDelete" } }));
  c.advanceTo(T0 + 30_000);
  const d = JSON.parse(JSON.stringify(get(c, "daemonsets", "web")));
  d.spec.template.spec.containers[0].image = "nginx:1.26";
  c.api.update("daemonsets", d);
  c.advanceTo(T0 + 60_000);
  assert.ok(podsOf(c, "web").every((p) => p.spec.containers[0].image === "nginx:1.27"));
  assert.equal(get(c, "daemonsets", "web").status.updatedNumberScheduled, 0);
});
