// Golden traces: Endpoints and EndpointSlices follow pod readiness; LoadBalancer IP assignment.
import { test } from "node:test";
import { Scenario } from "./scenario-golden.ts";

function epState(s: Scenario): string[] {
  const ep = s.get("endpoints", "web");
  const subsets = (ep?.subsets ?? []).map((x: any) => `ready=[${(x.addresses ?? []).map((a: any) => a.ip).join(",")}] notReady=[${(x.notReadyAddresses ?? []).map((a: any) => a.ip).join(",")}] ports=${(x.ports ?? []).map((p: any) => p.port).join(",")}`);
  const slices = s.c.store.list("endpointslices", "default").filter((x) => x.metadata.labels?.["kubernetes.io/service-name"] === "web");
  return [
    `endpoints web ${subsets.join(" | ") || "<none>"}`,
    ...slices.map((sl) => `slice ${s.mask(sl.metadata.name)} ${(sl.endpoints ?? []).map((e: any) => `${e.addresses[0]}(ready=${e.conditions?.ready},serving=${e.conditions?.serving},terminating=${e.conditions?.terminating})`).join(" ")}`),
    ...s.pods("web-"),
  ];
}

test("golden: Endpoints and EndpointSlice follow readiness and termination", async () => {
  const s = new Scenario({ state: epState });
  await s.apply(`apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 2
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
      - name: web
        image: nginx:1.27
        readinessProbe:
          httpGet:
            path: /
            port: 80
          initialDelaySeconds: 5
          periodSeconds: 5
---
apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  selector:
    app: web
  ports:
  - port: 80`);
  await s.wait(15);
  await s.run("kubectl scale deployment web --replicas=1");
  await s.wait(5);
  s.check("endpoints-readiness");
});

test("golden: LoadBalancer Service gets an external IP", async () => {
  const s = new Scenario({ state: (s) => {
    const svc = s.get("services", "lb");
    return [`svc lb type=${svc?.spec.type} ingress=${(svc?.status?.loadBalancer?.ingress ?? []).map((i: any) => i.ip).join(",") || "<pending>"}`];
  } });
  await s.run("kubectl create deployment lb --image=nginx:1.27");
  await s.run("kubectl expose deployment lb --type=LoadBalancer --port=80");
  await s.wait(5);
  await s.run("kubectl get svc lb");
  s.check("service-loadbalancer");
});
