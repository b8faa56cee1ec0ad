import { test } from "node:test";
import assert from "node:assert/strict";
import { Learner } from "./harness.ts";

const DS = (tolerate: boolean) => `apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: agent
spec:
  selector:
    matchLabels:
      app: agent
  template:
    metadata:
      labels:
        app: agent
    spec:${tolerate ? `
      tolerations:
      - key: node-role.kubernetes.io/control-plane
        operator: Exists
        effect: NoSchedule` : ""}
      containers:
      - name: agent
        image: nginx:1.27`;

test("a DaemonSet runs one pod per schedulable worker; tolerating the control-plane taint adds the third", async () => {
  const l = new Learner(16);
  await l.write("ds.yaml", DS(false));
  assert.equal(await l.ok("kubectl apply -f ds.yaml"), "daemonset.apps/agent created\n");
  await l.sleep(15);
  assert.equal(await l.ok("kubectl get ds agent"), "NAME    DESIRED   CURRENT   READY   UP-TO-DATE   AVAILABLE   NODE SELECTOR   AGE\nagent   2         2         2       2            2           <none>          15s\n");
  const pods = await l.rows("pods -o wide");
  assert.deepEqual(pods.map((r) => r[6]).sort(), ["node01", "node02"]);
  for (const r of pods) {
    assert.match(r[0], /^agent-[a-z0-9]{5}$/);
    assert.equal(r[2], "Running");
  }
  // The daemon pods carry the DaemonSet controller's default tolerations.
  const tol = await l.ok(`kubectl get pod ${pods[0][0]} -o jsonpath='{range .spec.tolerations[*]}{.key}:{.effect} {end}'`);
  for (const k of ["node.kubernetes.io/not-ready:NoExecute", "node.kubernetes.io/unreachable:NoExecute", "node.kubernetes.io/disk-pressure:NoSchedule", "node.kubernetes.io/memory-pressure:NoSchedule", "node.kubernetes.io/pid-pressure:NoSchedule", "node.kubernetes.io/unschedulable:NoSchedule"]) {
    assert.ok(tol.includes(k), `${k} in ${tol}`);
  }

  await l.write("ds.yaml", DS(true));
  assert.equal(await l.ok("kubectl apply -f ds.yaml"), "daemonset.apps/agent configured\n");
  assert.match(await l.ok("kubectl rollout status ds/agent --timeout=120s"), /daemon set "agent" successfully rolled out\n$/);
  await l.sleep(5);
  const all = await l.rows("pods -o wide");
  assert.deepEqual(all.map((r) => r[6]).sort(), ["controlplane", "node01", "node02"]);
  assert.match(await l.ok("kubectl get ds agent"), /^agent +3 +3 +3 +3 +3 +<none> +\d+s$/m);
});

test("a DaemonSet with a nodeSelector only covers the labelled nodes", async () => {
  const l = new Learner(17);
  await l.ok("kubectl label node node02 role=edge");
  await l.write("ds.yaml", DS(false).replace("    spec:", "    spec:\n      nodeSelector:\n        role: edge"));
  await l.ok("kubectl apply -f ds.yaml");
  await l.sleep(10);
  assert.match(await l.ok("kubectl get ds agent"), /^agent +1 +1 +1 +1 +1 +role=edge +10s$/m);
  assert.deepEqual((await l.rows("pods -o wide")).map((r) => r[6]), ["node02"]);
});
