import { test } from "node:test";
import assert from "node:assert/strict";
import { Learner } from "./harness.ts";

test("drain is blocked by a PodDisruptionBudget, then succeeds after scaling up", async () => {
  const l = new Learner(20);
  await l.ok("kubectl create deployment web --image=nginx:1.27 --replicas=1");
  assert.equal(await l.ok("kubectl create pdb web-pdb --selector=app=web --min-available=1"), "poddisruptionbudget.policy/web-pdb created\n");
  await l.sleep(10);
  const pod = (await l.rows("pods -o wide"))[0];
  assert.equal(pod[6], "node01");
  assert.equal(await l.ok("kubectl get pdb"), "NAME      MIN AVAILABLE   MAX UNAVAILABLE   ALLOWED DISRUPTIONS   AGE\nweb-pdb   1               N/A               0                     10s\n");

  const r = await l.run("kubectl drain node01 --ignore-daemonsets --timeout=30s");
  assert.equal(r.exitCode, 1);
  const out = r.stdout.split("\n");
  assert.equal(out[0], "node/node01 cordoned");
  assert.ok(out.includes(`evicting pod default/${pod[0]}`), r.stdout);
  const err = r.stderr.split("\n");
  assert.match(err[0], /^Warning: ignoring DaemonSet-managed Pods: kube-system\/calico-node-[a-z0-9]{5}, kube-system\/kube-proxy-[a-z0-9]{5}$/);
  const retry = `error when evicting pods/"${pod[0]}" -n "default" (will retry after 5s): Cannot evict pod as it would violate the pod's disruption budget.`;
  const retries = err.filter((x) => x === retry).length;
  assert.ok(retries >= 5 && retries <= 7, `${retries} retries:\n${r.stderr}`);
  assert.ok(err.includes(`error: unable to drain node "node01" due to error: error when evicting pods/"${pod[0]}" -n "default": global timeout reached: 30s, continuing command...`), r.stderr);
  assert.ok(r.stderr.includes("There are pending nodes to be drained:\n node01\n"), r.stderr);
  // The pod survived and the node stays cordoned.
  assert.equal((await l.rows("pods"))[0][0], pod[0]);
  assert.match(await l.ok("kubectl get node node01"), /^node01 +Ready,SchedulingDisabled +<none> /m);

  assert.equal(await l.ok("kubectl scale deployment web --replicas=3"), "deployment.apps/web scaled\n");
  await l.sleep(10);
  assert.match(await l.ok("kubectl get pdb web-pdb"), /^web-pdb +1 +N\/A +2 +\d+s$/m);
  // New pods avoid the cordoned node.
  for (const p of await l.rows("pods -o wide")) if (p[0] !== pod[0]) assert.equal(p[6], "node02");

  const ok = await l.run("kubectl drain node01 --ignore-daemonsets");
  assert.equal(ok.exitCode, 0, ok.stderr);
  assert.equal(ok.stdout, `node/node01 already cordoned\nevicting pod default/${pod[0]}\npod/${pod[0]} evicted\nnode/node01 drained\n`);
  await l.sleep(10);
  const after = await l.rows("pods -o wide");
  assert.equal(after.length, 3);
  for (const p of after) assert.deepEqual([p[2], p[6]], ["Running", "node02"]);
  assert.equal(await l.ok("kubectl uncordon node01"), "node/node01 uncordoned\n");
  assert.match(await l.ok("kubectl get node node01"), /^node01 +Ready +<none> /m);
});

test("drain without --ignore-daemonsets refuses with the DaemonSet error", async () => {
  const l = new Learner(21);
  const r = await l.run("kubectl drain node02");
  assert.equal(r.exitCode, 1);
  assert.equal(r.stdout, "node/node02 cordoned\n");
  assert.match(r.stderr, /^error: unable to drain node "node02" due to error: cannot delete DaemonSet-managed Pods \(use --ignore-daemonsets to ignore\): kube-system\/calico-node-[a-z0-9]{5}, kube-system\/kube-proxy-[a-z0-9]{5}, continuing command\.\.\.\nThere are pending nodes to be drained:\n node02\ncannot delete DaemonSet-managed Pods \(use --ignore-daemonsets to ignore\): kube-system\/calico-node-[a-z0-9]{5}, kube-system\/kube-proxy-[a-z0-9]{5}\n$/);
});
