import { test } from "node:test";
import assert from "node:assert/strict";
import { Learner } from "./harness.ts";

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
  replicas: 2
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
        volumeMounts:
        - name: data
          mountPath: /usr/share/nginx/html
  volumeClaimTemplates:
  - metadata:
      name: data
    spec:
      accessModes: ["ReadWriteOnce"]
      resources:
        requests:
          storage: 1Gi`;

test("a StatefulSet with volumeClaimTemplates starts web-0 then web-1, each with a Bound PVC data-web-N", async () => {
  const l = new Learner(15);
  await l.write("web.yaml", STS);
  assert.equal(await l.ok("kubectl apply -f web.yaml"), "service/web created\nstatefulset.apps/web created\n");
  await l.sleep(1);
  // OrderedReady: web-1 is not created before web-0 is Ready.
  const early = await l.rows("pods");
  assert.deepEqual(early.map((r) => r[0]), ["web-0"]);
  await l.sleep(30);
  const pods = await l.rows("pods");
  assert.deepEqual(pods.map((r) => [r[0], r[1], r[2]]), [["web-0", "1/1", "Running"], ["web-1", "1/1", "Running"]]);
  const c0 = await l.ok("kubectl get pod web-0 -o jsonpath='{.metadata.creationTimestamp}'");
  const c1 = await l.ok("kubectl get pod web-1 -o jsonpath='{.metadata.creationTimestamp}'");
  assert.ok(Date.parse(c0) < Date.parse(c1), `${c0} < ${c1}`);

  const pvc = await l.ok("kubectl get pvc");
  assert.match(pvc, /^NAME +STATUS +VOLUME +CAPACITY +ACCESS MODES +STORAGECLASS +VOLUMEATTRIBUTESCLASS +AGE\n/);
  assert.match(pvc, /^data-web-0 +Bound +pvc-[0-9a-f-]{36} +1Gi +RWO +standard +<unset> +\d+s$/m);
  assert.match(pvc, /^data-web-1 +Bound +pvc-[0-9a-f-]{36} +1Gi +RWO +standard +<unset> +\d+s$/m);
  assert.equal(await l.ok("kubectl get pod web-1 -o jsonpath='{.spec.volumes[0].persistentVolumeClaim.claimName}'"), "data-web-1");
  assert.match(await l.ok("kubectl get sts web"), /^web +2\/2 +\d+s$/m);
  const pv = await l.ok("kubectl get pvc data-web-0 -o jsonpath='{.spec.volumeName}'");
  assert.match(await l.ok(`kubectl get pv ${pv}`), new RegExp(`^${pv} +1Gi +RWO +Delete +Bound +default/data-web-0 +standard +<unset> +\\d+s$`, "m"));
  assert.equal(await l.ok("kubectl get pods web-0 -o jsonpath='{.spec.hostname}/{.spec.subdomain}'"), "web-0/web");

  // Scaling down removes the highest ordinal first and keeps its claim.
  assert.equal(await l.ok("kubectl scale sts web --replicas=1"), "statefulset.apps/web scaled\n");
  await l.sleep(10);
  assert.deepEqual((await l.rows("pods")).map((r) => r[0]), ["web-0"]);
  assert.equal((await l.rows("pvc")).length, 2);
  // Deleting a pod brings it back with the same name and the same claim.
  await l.ok("kubectl delete pod web-0");
  await l.sleep(10);
  assert.deepEqual((await l.rows("pods")).map((r) => [r[0], r[2]]), [["web-0", "Running"]]);
  assert.equal(await l.ok("kubectl get pvc data-web-0 -o jsonpath='{.spec.volumeName}'"), pv);
});
