// Golden traces: PersistentVolume binding (static, dynamic) and reclaim policies.
import { test } from "node:test";
import { Scenario } from "./scenario-golden.ts";

function pvState(s: Scenario): string[] {
  return [
    ...s.c.store.list("persistentvolumes").map((v) => `pv ${s.mask(v.metadata.name)} ${v.status?.phase} ${v.spec.persistentVolumeReclaimPolicy} claim=${v.spec.claimRef ? `${v.spec.claimRef.namespace}/${v.spec.claimRef.name}` : "-"}`),
    ...s.c.store.list("persistentvolumeclaims", "default").map((c) => `pvc ${c.metadata.name} ${c.status?.phase} volume=${s.mask(c.spec.volumeName ?? "-")}${c.metadata.deletionTimestamp ? " (deleting)" : ""}`),
  ];
}

test("golden: static PV binds to a matching claim; Retain keeps it Released after the claim goes", async () => {
  const s = new Scenario({ state: pvState });
  await s.apply(`apiVersion: v1
kind: PersistentVolume
metadata:
  name: pv-small
spec:
  capacity:
    storage: 1Gi
  accessModes: ["ReadWriteOnce"]
  persistentVolumeReclaimPolicy: Retain
  storageClassName: manual
  hostPath:
    path: /data/small
---
apiVersion: v1
kind: PersistentVolume
metadata:
  name: pv-big
spec:
  capacity:
    storage: 5Gi
  accessModes: ["ReadWriteOnce"]
  persistentVolumeReclaimPolicy: Retain
  storageClassName: manual
  hostPath:
    path: /data/big`);
  await s.wait(2);
  await s.apply(`apiVersion: v1
kind: PersistentVolumeClaim
metadata:
  name: data
spec:
  storageClassName: manual
  accessModes: ["ReadWriteOnce"]
  resources:
    requests:
      storage: 2Gi`);
  await s.wait(2);
  await s.run("kubectl get pv");
  await s.run("kubectl delete pvc data");
  await s.wait(5);
  await s.run("kubectl get pv pv-big");
  s.check("pv-static-retain");
});

test("golden: dynamic provisioning waits for a consumer; Delete removes the volume with the claim", async () => {
  const s = new Scenario({ state: (x) => [...pvState(x), ...x.pods("app")] });
  await s.apply(`apiVersion: v1
kind: PersistentVolumeClaim
metadata:
  name: cache
spec:
  accessModes: ["ReadWriteOnce"]
  resources:
    requests:
      storage: 1Gi`);
  await s.wait(5);
  await s.apply(`apiVersion: v1
kind: Pod
metadata:
  name: app
spec:
  containers:
  - name: app
    image: nginx:1.27
    volumeMounts:
    - name: cache
      mountPath: /cache
  volumes:
  - name: cache
    persistentVolumeClaim:
      claimName: cache`);
  await s.wait(5);
  await s.run("kubectl delete pvc cache --wait=false");
  await s.wait(3);
  await s.run("kubectl delete pod app");
  await s.wait(5);
  s.check("pv-dynamic-delete");
});
