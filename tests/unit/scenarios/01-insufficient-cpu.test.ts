import { test } from "node:test";
import assert from "node:assert/strict";
import { Learner, events } from "./harness.ts";

const FIT = "0/3 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 2 Insufficient cpu. preemption: 0/3 nodes are available: 1 Preemption is not helpful for scheduling, 2 No preemption victims found for incoming pod.";

const deployment = (cpu: string) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
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
        resources:
          requests:
            cpu: ${cpu}`;

test("a Deployment asking for more CPU than the workers have leaves a pod Pending with the 1.32 FailedScheduling text; lowering the request fixes it", async () => {
  const l = new Learner(1);
  await l.write("web.yaml", deployment("1200m"));
  assert.equal(await l.ok("kubectl apply -f web.yaml"), "deployment.apps/web created\n");
  await l.sleep(10);
  const pods = await l.rows("pods");
  assert.equal(pods.length, 3);
  assert.deepEqual(pods.map((r) => r[2]).sort(), ["Pending", "Running", "Running"]);
  const pending = pods.find((r) => r[2] === "Pending")![0];
  assert.equal(pods.find((r) => r[2] === "Pending")![1], "0/1");

  const d = await l.ok(`kubectl describe pod ${pending}`);
  assert.match(d, /^Status:\s+Pending$/m);
  assert.match(d, /^Node:\s+<none>$/m);
  assert.match(d, new RegExp(`^  PodScheduled +False $`, "m"));
  const fs = events(d).filter((e) => e[1] === "FailedScheduling");
  assert.equal(fs.length, 1);
  assert.equal(fs[0][0], "Warning");
  assert.equal(fs[0][3], "default-scheduler");
  assert.equal(fs[0][4], FIT);
  // The same message is the PodScheduled condition's.
  assert.equal(await l.ok(`kubectl get pod ${pending} -o jsonpath='{.status.conditions[?(@.type=="PodScheduled")].message}'`), FIT);
  assert.equal(await l.ok(`kubectl get pod ${pending} -o jsonpath='{.status.conditions[?(@.type=="PodScheduled")].reason}'`), "Unschedulable");

  assert.equal(await l.ok("kubectl get deploy web --no-headers | awk '{print $2}'"), "2/3\n");

  // Fix: lower the request. The rollout completes and every pod runs.
  assert.equal(await l.ok("kubectl set resources deployment web --requests=cpu=200m"), "deployment.apps/web resource requirements updated\n");
  const st = await l.ok("kubectl rollout status deployment/web --timeout=120s");
  assert.match(st, /deployment "web" successfully rolled out\n$/);
  await l.sleep(5);
  const after = await l.rows("pods");
  assert.equal(after.length, 3);
  for (const r of after) assert.deepEqual([r[1], r[2]], ["1/1", "Running"]);
  assert.equal(await l.ok("kubectl get deploy web -o jsonpath='{.spec.template.spec.containers[0].resources.requests.cpu}'"), "200m");
  assert.equal(await l.ok("kubectl get rs --no-headers | wc -l"), "2\n");
});

test("a ReplicationController over-asking for CPU: same message, fixed by editing the request with apply", async () => {
  const l = new Learner(2);
  const rc = (cpu: string) => `apiVersion: v1
kind: ReplicationController
metadata:
  name: rc
spec:
  replicas: 3
  selector:
    app: rc
  template:
    metadata:
      labels:
        app: rc
    spec:
      containers:
      - name: nginx
        image: nginx:1.27
        resources:
          requests:
            cpu: ${cpu}`;
  await l.write("rc.yaml", rc("1500m"));
  assert.equal(await l.ok("kubectl apply -f rc.yaml"), "replicationcontroller/rc created\n");
  await l.sleep(10);
  const pods = await l.rows("pods");
  const pending = pods.filter((r) => r[2] === "Pending");
  assert.equal(pending.length, 1);
  const ev = events(await l.ok(`kubectl describe pod ${pending[0][0]}`)).filter((e) => e[1] === "FailedScheduling");
  assert.equal(ev[0][4], FIT);
  // An RC does not roll its pods: the learner lowers the request and recreates the pending pod.
  await l.write("rc.yaml", rc("500m"));
  assert.equal(await l.ok("kubectl apply -f rc.yaml"), "replicationcontroller/rc configured\n");
  await l.ok("kubectl delete pods -l app=rc");
  await l.sleep(15);
  const after = await l.rows("pods");
  assert.equal(after.length, 3);
  for (const r of after) assert.equal(r[2], "Running");
});
