// Golden traces: StatefulSet ordered start and stop, scale down, volumeClaimTemplates.
import { test } from "node:test";
import { Scenario } from "./scenario-golden.ts";

const STS = `apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  clusterIP: None
  selector:
    app: web
  ports:
  - port: 80
---
apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: web
spec:
  serviceName: web
  replicas: 3
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
      - name: nginx
        image: nginx:1.27
        readinessProbe:
          httpGet:
            path: /
            port: 80
          periodSeconds: 2
        volumeMounts:
        - name: www
          mountPath: /data
  volumeClaimTemplates:
  - metadata:
      name: www
    spec:
      accessModes: ["ReadWriteOnce"]
      resources:
        requests:
          storage: 1Gi`;

function stsState(s: Scenario): string[] {
  const st = s.get("statefulsets", "web");
  const x = st?.status ?? {};
  return [
    `sts web replicas=${x.replicas ?? 0} ready=${x.readyReplicas ?? 0} current=${x.currentReplicas ?? 0} updated=${x.updatedReplicas ?? 0} available=${x.availableReplicas ?? 0}`,
    ...s.pods("web-"),
    ...s.c.store.list("persistentvolumeclaims", "default").map((c) => `pvc ${c.metadata.name} ${c.status?.phase} ${c.spec.volumeName ? "bound" : "-"}`),
  ];
}

test("golden: StatefulSet starts pods in order with their claims, scales down from the top", async () => {
  const s = new Scenario({ state: stsState });
  await s.apply(STS);
  await s.wait(30);
  await s.run("kubectl scale sts web --replicas=1");
  await s.wait(90);
  await s.run("kubectl get pvc");
  s.check("statefulset-ordered");
});
