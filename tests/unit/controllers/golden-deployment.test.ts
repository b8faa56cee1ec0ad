// Golden traces: Deployment strategies and rollout commands, driven through kubectl.
import { test } from "node:test";
import { Scenario, conds } from "./scenario-golden.ts";

function deployState(name: string) {
  return (s: Scenario) => {
    const d = s.get("deployments", name);
    const st = d?.status ?? {};
    const rss = s.c.store
      .list("replicasets", "default")
      .filter((r) => r.metadata.ownerReferences?.some((o) => o.name === name))
      .sort((a, b) => Number(a.metadata.annotations?.["deployment.kubernetes.io/revision"]) - Number(b.metadata.annotations?.["deployment.kubernetes.io/revision"]));
    return [
      `deploy ${name} gen=${d?.metadata.generation}/${st.observedGeneration} replicas=${st.replicas ?? 0} updated=${st.updatedReplicas ?? 0} ready=${st.readyReplicas ?? 0} available=${st.availableReplicas ?? 0} unavailable=${st.unavailableReplicas ?? 0} ${conds(d)}`,
      ...rss.map((r) => `rs ${r.metadata.name} rev=${r.metadata.annotations?.["deployment.kubernetes.io/revision"]} spec=${r.spec.replicas} ready=${r.status?.readyReplicas ?? 0} available=${r.status?.availableReplicas ?? 0}`),
    ];
  };
}

test("golden: Deployment Recreate stops every old pod before the new ReplicaSet scales up", async () => {
  const s = new Scenario({ state: deployState("web") });
  await s.run("kubectl create deployment web --image=nginx:1.27 --replicas=2");
  await s.run(`kubectl patch deployment web -p '{"spec":{"strategy":{"type":"Recreate","rollingUpdate":null}}}'`);
  await s.wait(10);
  await s.run("kubectl set image deployment/web nginx=nginx:1.26");
  await s.wait(30);
  s.check("deployment-recreate");
});

test("golden: rollout undo goes back to the previous ReplicaSet (revision renumbered)", async () => {
  const s = new Scenario({ state: deployState("web") });
  await s.run("kubectl create deployment web --image=nginx:1.27 --replicas=2");
  await s.wait(10);
  await s.run("kubectl set image deployment/web nginx=nginx:1.26");
  await s.wait(20);
  await s.run("kubectl rollout history deployment/web");
  await s.run("kubectl rollout undo deployment/web");
  await s.wait(20);
  await s.run("kubectl rollout history deployment/web");
  await s.run("kubectl rollout undo deployment/web --to-revision=3", { exit: 0 });
  await s.run("kubectl rollout undo deployment/web --to-revision=9", { exit: 1 });
  s.check("deployment-undo");
});

test("golden: paused Deployment does not roll out until resumed", async () => {
  const s = new Scenario({ state: deployState("web") });
  await s.run("kubectl create deployment web --image=nginx:1.27 --replicas=2");
  await s.wait(10);
  await s.run("kubectl rollout pause deployment/web");
  await s.run("kubectl set image deployment/web nginx=nginx:1.26");
  await s.run("kubectl set env deployment/web MODE=blue");
  await s.wait(10);
  await s.run("kubectl rollout resume deployment/web");
  await s.wait(20);
  s.check("deployment-pause-resume");
});

test("golden: progress deadline exceeded with a broken image", async () => {
  const s = new Scenario({ state: deployState("web") });
  await s.run("kubectl create deployment web --image=nginx:1.27 --replicas=2");
  await s.run(`kubectl patch deployment web -p '{"spec":{"progressDeadlineSeconds":30}}'`);
  await s.wait(10);
  await s.run("kubectl set image deployment/web nginx=nginx:doesnotexist");
  await s.wait(45);
  await s.run("kubectl rollout status deployment/web", { exit: 1 });
  s.check("deployment-progress-deadline");
});
