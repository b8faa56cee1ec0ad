import { test } from "node:test";
import assert from "node:assert/strict";
import { cluster, create, get, eventLines, deployment, T0 } from "./helpers.ts";

function pod(name: string, resources: any = {}): any {
  return { apiVersion: "v1", kind: "Pod", metadata: { name }, spec: { containers: [{ name: "nginx", image: "nginx:1.27", resources }] } };
}

test("LimitRange defaults are applied with the limit-ranger annotation; max/min texts", () => {
  const c = cluster();
  create(c, "limitranges", {
    apiVersion: "v1",
    kind: "LimitRange",
    metadata: { name: "lr" },
    spec: { limits: [{ type: "Container", default: { cpu: "500m", memory: "256Mi" }, defaultRequest: { cpu: "100m", memory: "128Mi" }, max: { cpu: "500m" }, min: { cpu: "50m" } }] },
  });
  const p = create(c, "pods", pod("a"));
  assert.deepEqual(p.spec.containers[0].resources, { limits: { cpu: "500m", memory: "256Mi" }, requests: { cpu: "100m", memory: "128Mi" } });
  assert.equal(p.metadata.annotations!["kubernetes.io/limit-ranger"], "LimitRanger plugin set: cpu, memory request for container nginx; cpu, memory limit for container nginx");
  assert.throws(() => create(c, "pods", pod("big", { limits: { cpu: "1" } })), { message: 'pods "big" is forbidden: maximum cpu usage per Container is 500m, but limit is 1' });
  assert.throws(() => create(c, "pods", pod("tiny", { requests: { cpu: "10m" } })), { message: 'pods "tiny" is forbidden: minimum cpu usage per Container is 50m, but request is 10m' });
});

test("ResourceQuota: must specify, exceeded quota texts, status.used", () => {
  const c = cluster();
  create(c, "resourcequotas", { apiVersion: "v1", kind: "ResourceQuota", metadata: { name: "q" }, spec: { hard: { "requests.cpu": "2", "limits.memory": "1Gi", pods: "3" } } });
  assert.throws(() => create(c, "pods", pod("x")), { message: 'pods "x" is forbidden: failed quota: q: must specify limits.memory for: nginx; requests.cpu for: nginx' });
  create(c, "pods", pod("a", { requests: { cpu: "1500m" }, limits: { memory: "256Mi" } }));
  assert.throws(() => create(c, "pods", pod("b", { requests: { cpu: "1" }, limits: { memory: "256Mi" } })), {
    message: 'pods "b" is forbidden: exceeded quota: q, requested: requests.cpu=1, used: requests.cpu=1500m, limited: requests.cpu=2',
  });
  c.advanceTo(T0 + 1000);
  const st = get(c, "resourcequotas", "q").status;
  assert.deepEqual(st.hard, { "limits.memory": "1Gi", pods: "3", "requests.cpu": "2" });
  assert.deepEqual(st.used, { "limits.memory": "256Mi", pods: "1", "requests.cpu": "1500m" });
});

test("object-count quota and controller-created pods get FailedCreate", () => {
  const c = cluster();
  create(c, "resourcequotas", { apiVersion: "v1", kind: "ResourceQuota", metadata: { name: "counts" }, spec: { hard: { "count/deployments.apps": "1", pods: "2" } } });
  create(c, "deployments", deployment("web", 3, "nginx:1.27"));
  assert.throws(() => create(c, "deployments", deployment("two", 1, "nginx:1.27")), {
    message: 'deployments.apps "two" is forbidden: exceeded quota: counts, requested: count/deployments.apps=1, used: count/deployments.apps=1, limited: count/deployments.apps=1',
  });
  c.advanceTo(T0 + 5000);
  assert.equal(c.store.list("pods", "default").length, 2);
  const rs = c.store.list("replicasets", "default")[0];
  const failed = eventLines(c, rs.metadata.name).filter((l) => l.startsWith("Warning FailedCreate"));
  assert.ok(failed.length >= 1);
  assert.match(failed[0], new RegExp(`^Warning FailedCreate replicaset-controller: Error creating: pods "${rs.metadata.name}-[a-z0-9]{5}" is forbidden: exceeded quota: counts, requested: pods=1, used: pods=2, limited: pods=2`));
});
