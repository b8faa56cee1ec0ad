// Golden traces: node lifecycle (NotReady, taints, eviction after 300 s) and the scheduler
// (FailedScheduling until resources are freed, preemption).
import { test } from "node:test";
import { Scenario } from "./scenario-golden.ts";
import { stopNode } from "../../../lab-engine/kubelet/api.ts";

test("golden: a stopped kubelet: NotReady after 50 s, unreachable taints, eviction after 300 s", async () => {
  const s = new Scenario({ state: (s) => {
    const n = s.get("nodes", "node01", "");
    const ready = (n?.status?.conditions ?? []).find((k: any) => k.type === "Ready");
    return [`node node01 Ready=${ready?.status}(${ready?.reason}) taints=${(n?.spec?.taints ?? []).map((t: any) => `${t.key}:${t.effect}`).join(",") || "-"}`, ...s.pods("web-")];
  } });
  await s.run("kubectl create deployment web --image=nginx:1.27 --replicas=2");
  await s.wait(10);
  s.note("the kubelet on node01 stops");
  stopNode(s.c, "node01");
  await s.wait(360, 5);
  s.check("node-lifecycle-eviction");
});

const podYaml = (name: string, cpu: string, extra = "") => `apiVersion: v1
kind: Pod
metadata:
  name: ${name}
spec:
${extra}  containers:
  - name: c
    image: nginx:1.27
    resources:
      requests:
        cpu: ${cpu}`;

test("golden: Pending with FailedScheduling, scheduled once resources are freed", async () => {
  const s = new Scenario({ state: (s) => s.pods("") });
  await s.apply(podYaml("big1", "1500m"));
  await s.apply(podYaml("big2", "1500m"));
  await s.wait(3);
  await s.apply(podYaml("big3", "1500m"));
  await s.wait(20);
  await s.run("kubectl delete pod big1");
  await s.wait(10);
  s.check("scheduler-pending-then-scheduled");
});

test("golden: a higher-priority pod preempts a lower-priority one", async () => {
  const s = new Scenario({ state: (s) => s.pods("") });
  await s.apply(`apiVersion: scheduling.k8s.io/v1
kind: PriorityClass
metadata:
  name: high
value: 1000`);
  await s.apply(podYaml("low1", "1500m"));
  await s.apply(podYaml("low2", "1500m"));
  await s.wait(3);
  await s.apply(podYaml("vip", "1500m", "  priorityClassName: high\n"));
  await s.wait(40);
  s.check("scheduler-preemption");
});
