// Golden traces: PodDisruptionBudget status and a drain it blocks; ResourceQuota usage.
import { test } from "node:test";
import { Scenario } from "./scenario-golden.ts";

test("golden: PDB status follows the pods; drain evicts within the budget and retries", async () => {
  const s = new Scenario({ state: (s) => {
    const pdb = s.get("poddisruptionbudgets", "web");
    const st = pdb?.status ?? {};
    if (!pdb) return ["pdb web <none>", ...s.pods("web-")];
    return [`pdb web healthy=${st.currentHealthy}/${st.desiredHealthy} expected=${st.expectedPods} allowed=${st.disruptionsAllowed} ${(st.conditions ?? []).map((k: any) => `${k.type}=${k.status}(${k.reason})`).join(",")}`, ...s.pods("web-")];
  } });
  await s.run("kubectl create deployment web --image=nginx:1.27 --replicas=2");
  await s.run("kubectl create pdb web --selector=app=web --min-available=2");
  await s.wait(10);
  await s.run("kubectl drain node01 --ignore-daemonsets --timeout=20s", { exit: 1 });
  await s.run("kubectl patch pdb web -p '{\"spec\":{\"minAvailable\":1}}'");
  await s.wait(2);
  await s.run("kubectl drain node01 --ignore-daemonsets --timeout=60s");
  await s.wait(10);
  s.check("pdb-drain");
});

test("golden: ResourceQuota status tracks usage; a pod over the quota is refused", async () => {
  const s = new Scenario({ state: (s) => {
    const q = s.get("resourcequotas", "small");
    const keys = Object.keys(q?.status?.hard ?? {}).sort();
    return [`quota small ${keys.map((k) => `${k}=${q!.status.used?.[k]}/${q!.status.hard[k]}`).join(" ")}`];
  } });
  await s.run("kubectl create quota small --hard=pods=2,requests.cpu=500m,requests.memory=256Mi");
  await s.wait(2);
  await s.apply(pod("a", "200m"));
  await s.wait(2);
  await s.run(`kubectl apply -f - <<'EOF'\n${pod("b", "400m")}\nEOF`, { exit: 1 });
  await s.run("kubectl delete pod a --wait=false");
  await s.wait(5);
  s.check("quota-usage");
});

const pod = (name: string, cpu: string) => `apiVersion: v1
kind: Pod
metadata:
  name: ${name}
spec:
  containers:
  - name: c
    image: nginx:1.27
    resources:
      requests:
        cpu: ${cpu}
        memory: 64Mi`;
