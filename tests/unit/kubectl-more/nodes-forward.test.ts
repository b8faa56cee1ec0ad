import { test } from "node:test";
import assert from "node:assert/strict";
import { Sandbox } from "../../../lab-engine/sandbox/sandbox.ts";
import { VirtualClock } from "../../../lab-engine/clock/clock.ts";

const sandbox = () => Sandbox.create({ seed: 1, clock: new VirtualClock() });

test("cordon / uncordon / taint texts", async () => {
  const sb = sandbox();
  assert.equal((await sb.run("kubectl cordon node01")).stdout, "node/node01 cordoned\n");
  assert.equal((await sb.run("kubectl cordon node01")).stdout, "node/node01 already cordoned\n");
  assert.equal((await sb.run("kubectl uncordon node01")).stdout, "node/node01 uncordoned\n");
  assert.equal((await sb.run("kubectl uncordon node01")).stdout, "node/node01 already uncordoned\n");
  assert.equal((await sb.run("kubectl taint node node01 app=blue:NoSchedule")).stdout, "node/node01 tainted\n");
  assert.equal((await sb.run("kubectl taint node node01 app=red:NoSchedule")).stderr, "error: node node01 already has app taint(s) with same effect(s) and --overwrite is false\n");
  assert.equal((await sb.run("kubectl taint node node01 app=red:NoSchedule --overwrite")).stdout, "node/node01 modified\n");
  assert.equal((await sb.run("kubectl get node node01 -o jsonpath='{.spec.taints[0].value}'")).stdout, "red");
  assert.equal((await sb.run("kubectl taint node node01 app-")).stdout, "node/node01 untainted\n");
  assert.equal((await sb.run("kubectl taint node node01 app-")).stderr, 'error: taint "app" not found\n');
});

test("drain: filters, warnings, evictions", async () => {
  const sb = sandbox();
  await sb.run("kubectl create deploy web --image=nginx --replicas=4");
  await sb.run("kubectl run solo --image=nginx --overrides='{\"spec\":{\"nodeName\":\"node01\"}}'");
  await sb.run("sleep 20");
  const r = await sb.run("kubectl drain node01");
  assert.equal(r.exitCode, 1);
  assert.equal(r.stdout, "node/node01 cordoned\n");
  const lines = r.stderr.split("\n");
  assert.match(lines[0], /^error: unable to drain node "node01" due to error: \[cannot delete DaemonSet-managed Pods \(use --ignore-daemonsets to ignore\): kube-system\/calico-node-\w+, kube-system\/kube-proxy-\w+, cannot delete Pods that declare no controller \(use --force to override\): default\/solo\], continuing command\.\.\.$/);
  assert.equal(lines[1], "There are pending nodes to be drained:");
  assert.equal(lines[2], " node01");
  const ok = await sb.run("kubectl drain node01 --ignore-daemonsets --force");
  assert.equal(ok.exitCode, 0);
  assert.match(ok.stderr, /^Warning: ignoring DaemonSet-managed Pods: kube-system\/calico-node-\w+, kube-system\/kube-proxy-\w+; deleting Pods that declare no controller: default\/solo\n$/);
  assert.match(ok.stdout, /^node\/node01 already cordoned\nevicting pod default\/solo\n(evicting pod \S+\n)*(pod\/\S+ evicted\n)+node\/node01 drained\n$/);
});

test("drain retries on a PodDisruptionBudget until --timeout", async () => {
  const sb = sandbox();
  await sb.run("kubectl create deploy web --image=nginx --replicas=1");
  await sb.run("kubectl create pdb web --selector=app=web --min-available=1");
  await sb.run("sleep 20");
  const node = (await sb.run("kubectl get pods -l app=web -o jsonpath='{.items[0].spec.nodeName}'")).stdout;
  const r = await sb.run(`kubectl drain ${node} --ignore-daemonsets --timeout=12s`);
  assert.equal(r.exitCode, 1);
  assert.match(r.stderr, /^Warning: .*\nerror when evicting pods\/"web-\S+" -n "default" \(will retry after 5s\): Cannot evict pod as it would violate the pod's disruption budget\.\n/);
});

test("proxy and port-forward answer the workstation's curl", async () => {
  const sb = sandbox();
  assert.equal((await sb.run("kubectl proxy &")).stdout, "Starting to serve on 127.0.0.1:8001\n");
  assert.equal((await sb.run("curl -s http://localhost:8001/api/v1/namespaces/default | grep '\"kind\"'")).stdout, '  "kind": "Namespace",\n');
  await sb.run("kubectl run web --image=nginx");
  await sb.run("sleep 20");
  assert.equal((await sb.run("kubectl port-forward pod/web 8080:80")).stdout, "Forwarding from 127.0.0.1:8080 -> 80\nForwarding from [::1]:8080 -> 80\n");
  assert.match((await sb.run("curl -s localhost:8080")).stdout, /Welcome to nginx!/);
});
