import { test } from "node:test";
import assert from "node:assert/strict";
import { Learner, events } from "./harness.ts";

const podWith = (name: string, res: string) => `kubectl run ${name} -n team --image=nginx:1.27 --overrides='{"spec":{"containers":[{"name":"${name}","image":"nginx:1.27","resources":${res}}]}}'`;

test("ResourceQuota rejections: missing requests, exceeded cpu, exceeded pod count; describe shows usage", async () => {
  const l = new Learner(23);
  await l.ok("kubectl create namespace team");
  assert.equal(await l.ok("kubectl create quota q1 --hard=pods=2,requests.cpu=1 -n team"), "resourcequota/q1 created\n");
  assert.equal(await l.fails("kubectl run p1 --image=nginx:1.27 -n team"), 'Error from server (Forbidden): pods "p1" is forbidden: failed quota: q1: must specify requests.cpu for: p1\n');
  assert.equal(await l.ok(podWith("p2", '{"requests":{"cpu":"200m"}}')), "pod/p2 created\n");
  assert.equal(await l.fails(podWith("p3", '{"requests":{"cpu":"900m"}}')), 'Error from server (Forbidden): pods "p3" is forbidden: exceeded quota: q1, requested: requests.cpu=900m, used: requests.cpu=200m, limited: requests.cpu=1\n');
  assert.equal(await l.ok(podWith("p4", '{"requests":{"cpu":"300m"}}')), "pod/p4 created\n");
  assert.equal(await l.fails(podWith("p5", '{"requests":{"cpu":"100m"}}')), 'Error from server (Forbidden): pods "p5" is forbidden: exceeded quota: q1, requested: pods=1, used: pods=2, limited: pods=2\n');
  assert.equal(await l.ok("kubectl describe quota q1 -n team"), "Name:         q1\nNamespace:    team\nResource      Used  Hard\n--------      ----  ----\npods          2     2\nrequests.cpu  500m  1\n");
  assert.match(await l.ok("kubectl get quota -n team"), /^NAME +AGE +REQUEST +LIMIT\nq1 +\d+s +pods: 2\/2, requests\.cpu: 500m\/1 *\n$/);

  // A Deployment under the quota: its ReplicaSet reports FailedCreate with the admission text.
  await l.ok("kubectl delete pod p2 p4 -n team");
  await l.ok("kubectl create deployment web -n team --image=nginx:1.27 --replicas=3");
  await l.sleep(5);
  const rs = (await l.rows("rs -n team"))[0];
  assert.deepEqual(rs.slice(1, 3), ["3", "0"]);
  const fc = events(await l.ok(`kubectl describe rs ${rs[0]} -n team`)).filter((e) => e[1] === "FailedCreate");
  assert.ok(fc.length >= 1);
  assert.equal(fc[0][0], "Warning");
  assert.equal(fc[0][3], "replicaset-controller");
  assert.match(fc[0][4], new RegExp(`^Error creating: pods "${rs[0]}-[a-z0-9]{5}" is forbidden: failed quota: q1: must specify requests\\.cpu for: nginx$`));
  // Fix: give the template a request.
  await l.ok("kubectl set resources deployment web -n team --requests=cpu=100m");
  await l.sleep(20);
  const pods = await l.rows("pods -n team");
  assert.equal(pods.length, 2); // the pods=2 quota caps it
  for (const p of pods) assert.equal(p[2], "Running");
});

test("LimitRange: defaults are applied, max and min are enforced with the admission texts", async () => {
  const l = new Learner(24);
  await l.ok("kubectl create namespace team");
  await l.write("lr.yaml", `apiVersion: v1
kind: LimitRange
metadata:
  name: lim
spec:
  limits:
  - type: Container
    max:
      cpu: 500m
      memory: 256Mi
    min:
      cpu: 50m
    default:
      cpu: 200m
      memory: 128Mi
    defaultRequest:
      cpu: 100m
      memory: 64Mi`);
  assert.equal(await l.ok("kubectl apply -n team -f lr.yaml"), "limitrange/lim created\n");
  assert.equal(await l.ok("kubectl describe limitrange lim -n team"), `Name:       lim
Namespace:  team
Type        Resource  Min  Max    Default Request  Default Limit  Max Limit/Request Ratio
----        --------  ---  ---    ---------------  -------------  -----------------------
Container   cpu       50m  500m   100m             200m           -
Container   memory    -    256Mi  64Mi             128Mi          -
`);
  assert.equal(await l.fails(podWith("big", '{"limits":{"cpu":"1"}}')), 'Error from server (Forbidden): pods "big" is forbidden: maximum cpu usage per Container is 500m, but limit is 1\n');
  assert.equal(await l.fails(podWith("small", '{"requests":{"cpu":"10m"}}')), 'Error from server (Forbidden): pods "small" is forbidden: minimum cpu usage per Container is 50m, but request is 10m\n');
  assert.equal(await l.fails(podWith("fat", '{"limits":{"memory":"1Gi"}}')), 'Error from server (Forbidden): pods "fat" is forbidden: maximum memory usage per Container is 256Mi, but limit is 1Gi\n');
  assert.equal(await l.ok("kubectl run ok -n team --image=nginx:1.27"), "pod/ok created\n");
  assert.equal(await l.ok("kubectl get pod ok -n team -o jsonpath='{.spec.containers[0].resources}'"), '{"limits":{"cpu":"200m","memory":"128Mi"},"requests":{"cpu":"100m","memory":"64Mi"}}');
  assert.equal(await l.ok("kubectl get pod ok -n team -o jsonpath='{.metadata.annotations.kubernetes\\.io/limit-ranger}'"), "LimitRanger plugin set: cpu, memory request for container ok; cpu, memory limit for container ok");
});
