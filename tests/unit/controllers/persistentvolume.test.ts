import { test } from "node:test";
import assert from "node:assert/strict";
import { cluster, create, get, eventLines, T0 } from "./helpers.ts";

function pv(name: string, size: string, extra: any = {}): any {
  return { apiVersion: "v1", kind: "PersistentVolume", metadata: { name, ...(extra.metadata ?? {}) }, spec: { capacity: { storage: size }, accessModes: ["ReadWriteOnce"], hostPath: { path: `/mnt/${name}` }, storageClassName: "manual", persistentVolumeReclaimPolicy: "Retain", ...(extra.spec ?? {}) } };
}

function pvc(name: string, size: string, spec: any = {}): any {
  return { apiVersion: "v1", kind: "PersistentVolumeClaim", metadata: { name }, spec: { accessModes: ["ReadWriteOnce"], resources: { requests: { storage: size } }, ...spec } };
}

test("static binding picks the smallest fitting volume; annotations, claimRef, phases", () => {
  const c = cluster();
  create(c, "persistentvolumes", pv("big", "10Gi"));
  create(c, "persistentvolumes", pv("small", "1Gi"));
  create(c, "persistentvolumes", pv("mid", "2Gi"));
  create(c, "persistentvolumeclaims", pvc("claim", "1500Mi", { storageClassName: "manual" }));
  c.advanceTo(T0 + 1000);
  const claim = get(c, "persistentvolumeclaims", "claim");
  assert.equal(claim.spec.volumeName, "mid");
  assert.equal(claim.status.phase, "Bound");
  assert.deepEqual(claim.status.capacity, { storage: "2Gi" });
  assert.equal(claim.metadata.annotations!["pv.kubernetes.io/bind-completed"], "yes");
  assert.deepEqual(claim.metadata.finalizers, ["kubernetes.io/pvc-protection"]);
  const mid = get(c, "persistentvolumes", "mid");
  assert.equal(mid.status.phase, "Bound");
  assert.equal(mid.spec.claimRef.name, "claim");
  assert.deepEqual(mid.metadata.finalizers, ["kubernetes.io/pv-protection"]);
  assert.equal(get(c, "persistentvolumes", "big").status.phase, "Available");
  // Deleting the claim releases a Retain volume.
  c.api.delete("persistentvolumeclaims", "default", "claim");
  c.advanceTo(T0 + 2000);
  assert.equal(c.store.get("persistentvolumeclaims", "default", "claim"), undefined);
  assert.equal(get(c, "persistentvolumes", "mid").status.phase, "Released");
});

test("default class standard: WaitForFirstConsumer, then provisioned on the pod's node", () => {
  const c = cluster();
  create(c, "persistentvolumeclaims", pvc("data", "1Gi"));
  c.advanceTo(T0 + 1000);
  let claim = get(c, "persistentvolumeclaims", "data");
  assert.equal(claim.spec.storageClassName, "standard");
  assert.equal(claim.status.phase, "Pending");
  assert.deepEqual(eventLines(c, "data"), ["Normal WaitForFirstConsumer persistentvolume-controller: waiting for first consumer to be created before binding"]);
  create(c, "pods", { apiVersion: "v1", kind: "Pod", metadata: { name: "user" }, spec: { containers: [{ name: "c", image: "nginx:1.27" }], volumes: [{ name: "d", persistentVolumeClaim: { claimName: "data" } }] } });
  c.advanceTo(T0 + 10_000);
  claim = get(c, "persistentvolumeclaims", "data");
  assert.equal(claim.status.phase, "Bound");
  assert.equal(claim.spec.volumeName, `pvc-${claim.metadata.uid}`);
  const vol = get(c, "persistentvolumes", claim.spec.volumeName);
  assert.equal(vol.spec.persistentVolumeReclaimPolicy, "Delete");
  assert.equal(vol.spec.storageClassName, "standard");
  const node = get(c, "pods", "user").spec.nodeName;
  assert.deepEqual(vol.spec.nodeAffinity.required.nodeSelectorTerms[0].matchExpressions[0].values, [node]);
  assert.ok(eventLines(c, "data").some((l) => l.endsWith(`: Successfully provisioned volume ${vol.metadata.name}`)));
  // pvc-protection: deleting the claim while the pod uses it leaves it Terminating.
  c.api.delete("persistentvolumeclaims", "default", "data");
  c.advanceTo(T0 + 11_000);
  assert.ok(get(c, "persistentvolumeclaims", "data").metadata.deletionTimestamp);
  c.api.delete("pods", "default", "user", { gracePeriodSeconds: 0 });
  c.advanceTo(T0 + 20_000);
  assert.equal(c.store.get("persistentvolumeclaims", "default", "data"), undefined);
  // Reclaim Delete removes the provisioned volume.
  assert.equal(c.store.get("persistentvolumes", undefined, vol.metadata.name), undefined);
});

test("StatefulSet volumeClaimTemplates create per-ordinal claims that get bound", () => {
  const c = cluster();
  create(c, "statefulsets", {
    apiVersion: "apps/v1",
    kind: "StatefulSet",
    metadata: { name: "db" },
    spec: {
      replicas: 2,
      serviceName: "db",
      selector: { matchLabels: { app: "db" } },
      template: { metadata: { labels: { app: "db" } }, spec: { containers: [{ name: "c", image: "nginx:1.27" }] } },
      volumeClaimTemplates: [{ metadata: { name: "data" }, spec: { accessModes: ["ReadWriteOnce"], resources: { requests: { storage: "1Gi" } } } }],
    },
  });
  c.advanceTo(T0 + 60_000);
  for (const n of ["data-db-0", "data-db-1"]) assert.equal(get(c, "persistentvolumeclaims", n).status.phase, "Bound");
  assert.ok(eventLines(c, "db").includes("Normal SuccessfulCreate statefulset-controller: create Claim data-db-0 Pod db-0 in StatefulSet db success"));
  assert.equal(get(c, "pods", "db-1").status.phase, "Running");
  // Scale to 0: claims are retained.
  const s = JSON.parse(JSON.stringify(get(c, "statefulsets", "db")));
  s.spec.replicas = 0;
  c.api.update("statefulsets", s);
  c.advanceTo(T0 + 150_000);
  assert.equal(c.store.list("pods", "default").length, 0);
  assert.equal(c.store.list("persistentvolumeclaims", "default").length, 2);
});

test("PersistentVolumeClaimResize admission: growing a claim needs a class with allowVolumeExpansion", () => {
  const c = cluster();
  create(c, "persistentvolumes", pv("pv-1", "1Gi"));
  create(c, "persistentvolumeclaims", pvc("claim-1", "1Gi", { storageClassName: "manual" }));
  c.advanceTo(T0 + 1000);
  assert.equal(get(c, "persistentvolumeclaims", "claim-1").status.phase, "Bound");
  const grow = (name: string, size: string) => {
    const cur = JSON.parse(JSON.stringify(get(c, "persistentvolumeclaims", name)));
    cur.spec.resources.requests.storage = size;
    return () => c.api.update("persistentvolumeclaims", cur);
  };
  const refused = 'persistentvolumeclaims "claim-1" is forbidden: only dynamically provisioned pvc can be resized and the storageclass that provisions the pvc must support resize';
  // No StorageClass "manual" at all, then one without allowVolumeExpansion: both refused (Forbidden).
  assert.throws(grow("claim-1", "2Gi"), (e: any) => e.reason === "Forbidden" && e.message === refused);
  create(c, "storageclasses", { apiVersion: "storage.k8s.io/v1", kind: "StorageClass", metadata: { name: "manual" }, provisioner: "kubernetes.io/no-provisioner" });
  assert.throws(grow("claim-1", "2Gi"), (e: any) => e.reason === "Forbidden" && e.message === refused);
  // A class that allows expansion lets the request grow; an unchanged size is no resize at all.
  const sc = JSON.parse(JSON.stringify(get(c, "storageclasses", "manual")));
  sc.allowVolumeExpansion = true;
  c.api.update("storageclasses", sc);
  grow("claim-1", "1Gi")();
  grow("claim-1", "2Gi")();
  assert.equal(get(c, "persistentvolumeclaims", "claim-1").spec.resources.requests.storage, "2Gi");
});
