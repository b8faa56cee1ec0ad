// Golden traces: DaemonSet rolling update, a node joining, a NoExecute taint.
import { test } from "node:test";
import { Scenario } from "./scenario-golden.ts";
import { nodeObject } from "../../../lab-engine/cluster/bootstrap.ts";

const DS = `apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: agent
spec:
  selector:
    matchLabels:
      app: agent
  updateStrategy:
    rollingUpdate:
      maxUnavailable: 1
  template:
    metadata:
      labels:
        app: agent
    spec:
      containers:
      - name: agent
        image: busybox:1.36
        command: ["sh", "-c", "sleep 3600"]`;

function dsState(s: Scenario): string[] {
  const d = s.get("daemonsets", "agent");
  const st = d?.status ?? {};
  return [
    `ds agent gen=${d?.metadata.generation}/${st.observedGeneration} desired=${st.desiredNumberScheduled} current=${st.currentNumberScheduled} ready=${st.numberReady} updated=${st.updatedNumberScheduled} available=${st.numberAvailable ?? 0} unavailable=${st.numberUnavailable ?? 0} misscheduled=${st.numberMisscheduled}`,
    ...s.pods("agent-").map((l) => {
      const p = s.c.store.get("pods", "default", realName(s, l.split(" ")[1])) as any;
      return `${l} ${p?.spec.containers[0].image}`;
    }),
  ];
}

test("golden: DaemonSet rolling update replaces one node's pod at a time", async () => {
  const s = new Scenario({ state: dsState });
  await s.apply(DS);
  await s.wait(10);
  await s.run("kubectl set image ds/agent agent=busybox:1.37");
  await s.wait(60);
  await s.run("kubectl rollout status ds/agent");
  s.check("daemonset-rolling-update");
});

test("golden: DaemonSet follows nodes: NoExecute taint evicts, untaint and a new node get a pod", async () => {
  const s = new Scenario({ state: dsState });
  await s.apply(DS);
  await s.wait(10);
  await s.run("kubectl taint node node02 dedicated=db:NoExecute");
  await s.wait(40);
  await s.run("kubectl taint node node02 dedicated=db:NoExecute-");
  await s.wait(10);
  s.note("node03 joins the cluster");
  s.c.store.put("nodes", nodeObject(s.c, { name: "node03" }, 3));
  await s.wait(10);
  s.check("daemonset-nodes");
});

function realName(s: Scenario, shown: string): string {
  try {
    return s.real(shown);
  } catch {
    return shown;
  }
}
