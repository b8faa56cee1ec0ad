import { test } from "node:test";
import assert from "node:assert/strict";
import { Learner } from "./harness.ts";
import { stopNode, startNode } from "../../../lab-engine/kubelet/api.ts";

test("a stopped kubelet: NotReady after the 50 s grace, unreachable taints, pods evicted after 300 s and replaced", async () => {
  const l = new Learner(22);
  await l.ok("kubectl create deployment web --image=nginx:1.27 --replicas=2");
  await l.sleep(10);
  const pods = await l.rows("pods -o wide");
  const onNode01 = pods.find((p) => p[6] === "node01")!;
  assert.ok(onNode01, pods.join("\n"));

  stopNode(l.sb.cluster, "node01"); // the learner's lab would `systemctl stop kubelet` on node01
  await l.sleep(20);
  assert.match(await l.ok("kubectl get nodes"), /^node01 +Ready +<none> /m);
  await l.sleep(40);
  assert.match(await l.ok("kubectl get nodes"), /^node01 +NotReady +<none> +\d+m +v1\.32\.0$/m);
  const d = await l.ok("kubectl describe node node01");
  assert.match(d, /^Taints: +node\.kubernetes\.io\/unreachable:NoExecute\n +node\.kubernetes\.io\/unreachable:NoSchedule\n/m);
  assert.match(d, /^  Ready +Unknown +.+ +NodeStatusUnknown +Kubelet stopped posting node status\.$/m);
  assert.equal(await l.ok("kubectl get node node01 -o jsonpath='{range .spec.taints[*]}{.key}={.effect} {end}'"), "node.kubernetes.io/unreachable=NoSchedule node.kubernetes.io/unreachable=NoExecute ");
  // Within the toleration window the pod stays bound to node01.
  assert.equal((await l.rows(`pod ${onNode01[0]} -o wide`))[0][6], "node01");

  await l.sleep(300);
  const after = await l.rows("pods -o wide");
  const old = after.find((p) => p[0] === onNode01[0]);
  if (old) assert.equal(old[2], "Terminating");
  const running = after.filter((p) => p[2] === "Running");
  assert.equal(running.length, 2);
  for (const p of running) assert.equal(p[6], "node02");
  assert.match(await l.ok("kubectl get deploy web"), /^web +2\/2 +2 +2 /m);

  startNode(l.sb.cluster, "node01");
  await l.sleep(30);
  assert.match(await l.ok("kubectl get nodes"), /^node01 +Ready +<none> /m);
  assert.equal(await l.ok("kubectl get node node01 -o jsonpath='{.spec.taints}'"), "");
  // The kubelet cleans up the evicted pod once it is back.
  assert.equal((await l.rows("pods")).length, 2);
});
