import { test } from "node:test";
import assert from "node:assert/strict";
import { Learner } from "./harness.ts";

const SA = "system:serviceaccount:default:sa";

test("Role + RoleBinding for a ServiceAccount: auth can-i answers yes/no and the API enforces it", async () => {
  const l = new Learner(25);
  assert.equal(await l.ok("kubectl create serviceaccount sa"), "serviceaccount/sa created\n");
  const before = await l.run(`kubectl auth can-i list pods --as=${SA}`);
  assert.deepEqual([before.stdout, before.exitCode], ["no\n", 1]);

  assert.equal(await l.ok("kubectl create role pod-reader --verb=get,list,watch --resource=pods"), "role.rbac.authorization.k8s.io/pod-reader created\n");
  assert.equal(await l.ok("kubectl create rolebinding sa-read --role=pod-reader --serviceaccount=default:sa"), "rolebinding.rbac.authorization.k8s.io/sa-read created\n");
  assert.equal(await l.ok(`kubectl auth can-i list pods --as=${SA}`), "yes\n");
  assert.equal(await l.ok(`kubectl auth can-i get pods/web --as=${SA}`), "yes\n");
  for (const q of ["delete pods", "list pods -n kube-system", "list deployments", "create pods"]) {
    const r = await l.run(`kubectl auth can-i ${q} --as=${SA}`);
    assert.deepEqual([r.stdout, r.exitCode], ["no\n", 1], q);
  }
  assert.equal(await l.fails(`kubectl get pods -n kube-system --as=${SA}`), `Error from server (Forbidden): pods is forbidden: User "${SA}" cannot list resource "pods" in API group "" in the namespace "kube-system"\n`);
  assert.equal(await l.fails(`kubectl delete pod x --as=${SA}`), `Error from server (Forbidden): pods "x" is forbidden: User "${SA}" cannot delete resource "pods" in API group "" in the namespace "default"\n`);
  assert.equal(await l.fails(`kubectl get deploy --as=${SA}`), `Error from server (Forbidden): deployments.apps is forbidden: User "${SA}" cannot list resource "deployments" in API group "apps" in the namespace "default"\n`);
  const allowed = await l.run(`kubectl get pods --as=${SA}`);
  assert.deepEqual([allowed.stdout, allowed.stderr, allowed.exitCode], ["", "No resources found in default namespace.\n", 0]);

  // describe shows the binding's subject; removing the binding takes the permission away.
  assert.match(await l.ok("kubectl describe rolebinding sa-read"), /^  ServiceAccount  sa    default$/m);
  await l.ok("kubectl delete rolebinding sa-read");
  const after = await l.run(`kubectl auth can-i list pods --as=${SA}`);
  assert.deepEqual([after.stdout, after.exitCode], ["no\n", 1]);
  // The admin (no --as) can do everything.
  assert.equal(await l.ok("kubectl auth can-i '*' '*'"), "yes\n");
});

test("a ClusterRole bound with a RoleBinding is limited to that namespace", async () => {
  const l = new Learner(26);
  await l.ok("kubectl create namespace dev");
  await l.ok("kubectl create serviceaccount sa -n dev");
  await l.ok("kubectl create clusterrole deploy-admin --verb='*' --resource=deployments.apps");
  await l.ok("kubectl create rolebinding da --clusterrole=deploy-admin --serviceaccount=dev:sa -n dev");
  const as = "--as=system:serviceaccount:dev:sa";
  assert.equal(await l.ok(`kubectl auth can-i create deployments -n dev ${as}`), "yes\n");
  const r = await l.run(`kubectl auth can-i create deployments -n default ${as}`);
  assert.deepEqual([r.stdout, r.exitCode], ["no\n", 1]);
  assert.equal(await l.ok(`kubectl create deployment web --image=nginx:1.27 -n dev ${as}`), "deployment.apps/web created\n");
});

test("the built-in view ClusterRole reads workloads but not secrets, exec or writes (1.32 bootstrap policy)", async () => {
  const l = new Learner(25);
  await l.ok("kubectl create ns dev");
  await l.ok("kubectl create rolebinding alice-view -n dev --clusterrole=view --user=alice");
  for (const q of ["list deployments.apps", "get pods", "get pods/log", "list endpointslices.discovery.k8s.io", "list networkpolicies.networking.k8s.io"]) {
    assert.equal(await l.ok(`kubectl auth can-i ${q} -n dev --as=alice`), "yes\n", q);
  }
  for (const q of ["get secrets", "create pods/exec", "create pods", "delete deployments.apps", "list roles.rbac.authorization.k8s.io", "list deployments.apps -n default"]) {
    const r = await l.run(`kubectl auth can-i ${q.includes(" -n ") ? q : `${q} -n dev`} --as=alice`);
    assert.deepEqual([r.stdout, r.exitCode], ["no\n", 1], q);
  }
  assert.equal(await l.ok("kubectl get clusterrole view -o jsonpath='{.metadata.labels.rbac\\.authorization\\.k8s\\.io/aggregate-to-edit} {.aggregationRule.clusterRoleSelectors[0].matchLabels}'"), 'true {"rbac.authorization.k8s.io/aggregate-to-view":"true"}');
});
