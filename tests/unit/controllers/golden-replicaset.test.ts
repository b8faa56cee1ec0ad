// Golden traces: ReplicaSet and ReplicationController (scale up/down, replacement of a deleted pod).
import { test } from "node:test";
import { Scenario } from "./scenario-golden.ts";

test("golden: ReplicaSet scale up, pod deletion replaced, scale down", async () => {
  const s = new Scenario({ state: (s) => {
    const rs = s.get("replicasets", "frontend");
    return [`rs frontend spec=${rs?.spec.replicas} status=${rs?.status?.replicas ?? 0}/${rs?.status?.readyReplicas ?? 0}/${rs?.status?.availableReplicas ?? 0}`, ...s.pods("frontend-")];
  } });
  await s.apply(`apiVersion: apps/v1
kind: ReplicaSet
metadata:
  name: frontend
spec:
  replicas: 2
  selector:
    matchLabels:
      tier: frontend
  template:
    metadata:
      labels:
        tier: frontend
    spec:
      containers:
      - name: nginx
        image: nginx:1.27`);
  await s.wait(10);
  await s.run("kubectl scale rs frontend --replicas=4");
  await s.wait(10);
  await s.run(`kubectl delete pod ${s.real("frontend-<2>")} --wait=false`);
  await s.wait(40);
  await s.run("kubectl scale rs frontend --replicas=1");
  await s.wait(40);
  s.check("replicaset-scale");
});

test("golden: ReplicationController keeps its replicas", async () => {
  const s = new Scenario({ state: (s) => {
    const rc = s.get("replicationcontrollers", "nginx");
    return [`rc nginx spec=${rc?.spec.replicas} status=${rc?.status?.replicas ?? 0}/${rc?.status?.readyReplicas ?? 0}/${rc?.status?.availableReplicas ?? 0}`, ...s.pods("nginx-")];
  } });
  await s.apply(`apiVersion: v1
kind: ReplicationController
metadata:
  name: nginx
spec:
  replicas: 2
  selector:
    app: nginx
  template:
    metadata:
      labels:
        app: nginx
    spec:
      containers:
      - name: nginx
        image: nginx:1.27`);
  await s.wait(10);
  await s.run("kubectl scale rc nginx --replicas=3");
  await s.wait(20);
  // The pod on the node holding two replicas, ready most recently, goes first.
  await s.run("kubectl scale rc nginx --replicas=2");
  await s.wait(20);
  s.check("replicationcontroller-scale");
});
