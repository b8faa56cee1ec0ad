// Golden traces: namespace deletion, garbage collection cascade modes, ServiceAccount/root CA.
import { test } from "node:test";
import { Scenario } from "./scenario-golden.ts";

test("golden: new namespace gets its default ServiceAccount and kube-root-ca.crt; deletion empties it first", async () => {
  const s = new Scenario({ state: (s) => {
    const ns = s.get("namespaces", "team", "");
    return [
      `ns team ${ns ? ns.status?.phase : "<deleted>"} finalizers=${(ns?.spec?.finalizers ?? []).join(",") || "-"} conditions=${(ns?.status?.conditions ?? []).map((k: any) => `${k.type}=${k.status}(${k.reason})`).join(",") || "-"}`,
      ...(ns?.status?.conditions ?? []).filter((k: any) => k.status === "True").map((k: any) => `  ${k.type}: ${k.message}`),
      ...["serviceaccounts", "configmaps", "secrets", "deployments", "replicasets", "pods"].map((p) => `${p}: ${s.c.store.list(p, "team").map((o) => s.mask(o.metadata.name)).sort().join(",") || "-"}`),
    ];
  } });
  await s.run("kubectl create namespace team");
  await s.run("kubectl -n team create deployment api --image=nginx:1.27");
  await s.wait(5);
  await s.run("kubectl delete namespace team --wait=false");
  await s.wait(40);
  await s.run("kubectl get ns team", { exit: 1 });
  s.check("namespace-lifecycle");
});

function gcState(s: Scenario): string[] {
  const d = s.get("deployments", "web");
  return [
    `deploy web ${d ? (d.metadata.deletionTimestamp ? `deleting finalizers=${(d.metadata.finalizers ?? []).join(",")}` : "present") : "<deleted>"}`,
    ...s.c.store.list("replicasets", "default").map((r) => `rs ${r.metadata.name} spec=${r.spec?.replicas} replicas=${r.status?.replicas ?? 0} owners=${(r.metadata.ownerReferences ?? []).map((o) => o.name).join(",") || "-"}${r.metadata.deletionTimestamp ? ` deleting finalizers=${(r.metadata.finalizers ?? []).join(",") || "-"}` : ""}`),
    ...s.pods("web-"),
  ];
}

for (const mode of ["background", "foreground", "orphan"]) {
  test(`golden: kubectl delete deployment --cascade=${mode}`, async () => {
    // A ReplicaSet under foreground deletion is not managed by the ReplicaSet controller in
    // 1.32 (manageReplicas only runs when DeletionTimestamp is nil): the garbage collector
    // deletes its pods silently, so the trace has no SuccessfulDelete events.
    const s = new Scenario({ state: gcState });
    await s.run("kubectl create deployment web --image=nginx:1.27 --replicas=2");
    await s.wait(5);
    await s.run(`kubectl delete deployment web --cascade=${mode} --wait=false`);
    await s.wait(10);
    s.check(`gc-cascade-${mode}`);
  });
}
