// Golden trace: HorizontalPodAutoscaler scale up under load, stabilized scale down.
import { test } from "node:test";
import { Scenario, conds } from "./scenario-golden.ts";
import { setLoad } from "../../../lab-engine/kubelet/api.ts";

test("golden: HPA scales up on cpu, waits out the 300 s stabilization window, scales down", async () => {
  const s = new Scenario({ state: (s) => {
    const h = s.get("horizontalpodautoscalers", "web");
    const d = s.get("deployments", "web");
    const cur = h?.status?.currentMetrics?.[0]?.resource?.current?.averageUtilization;
    return [`hpa web current=${h?.status?.currentReplicas ?? "-"} desired=${h?.status?.desiredReplicas ?? "-"} cpu=${cur ?? "<unknown>"}% ${conds(h)}`, `deploy web spec=${d?.spec.replicas} ready=${d?.status?.readyReplicas ?? 0}`];
  } });
  await s.run("kubectl create deployment web --image=nginx:1.27");
  await s.run("kubectl set resources deployment web --requests=cpu=100m");
  await s.wait(10);
  await s.run("kubectl autoscale deployment web --min=1 --max=5 --cpu-percent=50");
  await s.wait(30, 5);
  s.note("load: every web pod burns 150m");
  for (const p of s.c.store.list("pods", "default")) if (p.metadata.name.startsWith("web-")) setLoad(s.c, p, 150);
  await s.wait(60, 5);
  s.note("load stops");
  for (const p of s.c.store.list("pods", "default")) if (p.metadata.name.startsWith("web-")) setLoad(s.c, p, 0);
  await s.wait(360, 15);
  await s.run("kubectl get hpa web");
  s.check("hpa-scale");
});
