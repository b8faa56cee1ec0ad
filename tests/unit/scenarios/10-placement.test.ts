import { test } from "node:test";
import assert from "node:assert/strict";
import { Learner, events } from "./harness.ts";

const nodeOf = async (l: Learner, pod: string) => (await l.rows(`pod ${pod} -o wide`))[0][6];

test("taints, tolerations, nodeSelector and node affinity decide the NODE column", async () => {
  const l = new Learner(18);
  assert.equal(await l.ok("kubectl taint nodes node01 dedicated=gpu:NoSchedule"), "node/node01 tainted\n");
  await l.ok("kubectl run a --image=nginx:1.27");
  await l.ok("kubectl run a2 --image=nginx:1.27");
  await l.sleep(10);
  assert.equal(await nodeOf(l, "a"), "node02");
  assert.equal(await nodeOf(l, "a2"), "node02");

  assert.equal(await l.ok("kubectl label node node01 disk=ssd"), "node/node01 labeled\n");
  await l.ok(`kubectl run b --image=nginx:1.27 --overrides='{"spec":{"nodeSelector":{"disk":"ssd"}}}'`);
  await l.sleep(10);
  assert.match(await l.ok("kubectl get pod b -o wide"), /^b +0\/1 +Pending +0 +10s +<none> +<none> +<none> +<none>$/m);
  const ev = events(await l.ok("kubectl describe pod b")).find((e) => e[1] === "FailedScheduling")!;
  assert.equal(ev[4], "0/3 nodes are available: 1 node(s) didn't match Pod's node affinity/selector, 1 node(s) had untolerated taint {dedicated: gpu}, 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.");

  // Tolerating the taint lets the selector place it on node01.
  await l.write("c.yaml", `apiVersion: v1
kind: Pod
metadata:
  name: c
spec:
  nodeSelector:
    disk: ssd
  tolerations:
  - key: dedicated
    operator: Equal
    value: gpu
    effect: NoSchedule
  containers:
  - name: c
    image: nginx:1.27`);
  await l.ok("kubectl apply -f c.yaml");
  await l.sleep(10);
  assert.equal(await nodeOf(l, "c"), "node01");

  // Removing the taint lets the pending pod schedule.
  assert.equal(await l.ok("kubectl taint nodes node01 dedicated=gpu:NoSchedule-"), "node/node01 untainted\n");
  await l.sleep(15);
  assert.equal(await nodeOf(l, "b"), "node01");
  assert.equal((await l.rows("pod b"))[0][2], "Running");
});

test("required node affinity (In / NotIn) and its FailedScheduling text", async () => {
  const l = new Learner(19);
  await l.ok("kubectl label node node02 zone=b");
  const pod = (name: string, op: string, values: string[]) => `apiVersion: v1
kind: Pod
metadata:
  name: ${name}
spec:
  affinity:
    nodeAffinity:
      requiredDuringSchedulingIgnoredDuringExecution:
        nodeSelectorTerms:
        - matchExpressions:
          - key: zone
            operator: ${op}
            values: [${values.join(", ")}]
  containers:
  - name: app
    image: nginx:1.27`;
  await l.write("in.yaml", pod("inb", "In", ["b"]));
  await l.write("notin.yaml", pod("notb", "NotIn", ["b"]));
  await l.write("none.yaml", pod("nowhere", "In", ["z"]));
  await l.ok("kubectl apply -f in.yaml -f notin.yaml -f none.yaml");
  await l.sleep(10);
  assert.equal(await nodeOf(l, "inb"), "node02");
  assert.equal(await nodeOf(l, "notb"), "node01");
  assert.equal(await nodeOf(l, "nowhere"), "<none>");
  const ev = events(await l.ok("kubectl describe pod nowhere")).find((e) => e[1] === "FailedScheduling")!;
  assert.equal(ev[4], "0/3 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 2 node(s) didn't match Pod's node affinity/selector. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.");
  assert.match(await l.ok("kubectl describe pod inb"), /^Node-Selectors: +<none>$/m);
  // nodeName bypasses the scheduler (and its taint checks).
  await l.ok(`kubectl run pinned --image=nginx:1.27 --overrides='{"spec":{"nodeName":"controlplane"}}'`);
  await l.sleep(10);
  assert.equal(await nodeOf(l, "pinned"), "controlplane");
});

test("a taint removed at the same instant the pod failed still re-queues it after its back-off", async () => {
  const l = new Learner(20);
  await l.ok("kubectl taint nodes node01 spray=mortein:NoSchedule");
  await l.ok("kubectl taint nodes node02 spray=mortein:NoSchedule");
  await l.ok("kubectl run mosquito --image=nginx");
  // No time passes between the failed attempt and the change.
  assert.equal((await l.rows("pod mosquito"))[0][2], "Pending");
  assert.equal(await l.ok("kubectl taint nodes node01 spray=mortein:NoSchedule-"), "node/node01 untainted\n");
  await l.sleep(2);
  assert.equal(await l.ok("kubectl get pod mosquito -o jsonpath='{.spec.nodeName}'"), "node01");
});

test("self anti-affinity: the pending replica reports its own anti-affinity term first (interpodaffinity Filter order)", async () => {
  const l = new Learner(7);
  await l.write(
    "spread.yaml",
    `apiVersion: apps/v1
kind: Deployment
metadata:
  name: spread
spec:
  replicas: 3
  selector:
    matchLabels: {app: spread}
  template:
    metadata:
      labels: {app: spread}
    spec:
      affinity:
        podAntiAffinity:
          requiredDuringSchedulingIgnoredDuringExecution:
          - labelSelector:
              matchLabels: {app: spread}
            topologyKey: kubernetes.io/hostname
      containers:
      - name: nginx
        image: nginx`,
  );
  await l.ok("kubectl apply -f spread.yaml");
  await l.sleep(20);
  assert.equal(
    await l.ok("kubectl get events --field-selector reason=FailedScheduling -o jsonpath='{.items[0].message}'"),
    "0/3 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 2 node(s) didn't match pod anti-affinity rules. preemption: 0/3 nodes are available: 1 Preemption is not helpful for scheduling, 2 No preemption victims found for incoming pod.",
  );
});
