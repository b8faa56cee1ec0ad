import { test } from "node:test";
import assert from "node:assert/strict";
import { Sandbox } from "../../../lab-engine/sandbox/sandbox.ts";
import { VirtualClock } from "../../../lab-engine/clock/clock.ts";

async function sandbox() {
  const sb = Sandbox.create({ seed: 1, clock: new VirtualClock() });
  await sb.run("kubectl create deploy web --image=nginx --replicas=2");
  await sb.run("sleep 5");
  return sb;
}

test("describe TYPE NAME_PREFIX describes every match, each followed by a blank line", async () => {
  const sb = await sandbox();
  const r = await sb.run("kubectl describe pods web");
  assert.equal(r.exitCode, 0);
  const names = [...r.stdout.matchAll(/^Name:\s+(web-\S+)$/gm)].map((m) => m[1]);
  assert.equal(names.length, 2);
  assert.ok(r.stdout.endsWith("\n\n"));
  assert.match(r.stdout, /^Controlled By:\s+ReplicaSet\/web-/m);
});

test("describe TYPE/NAME and TYPE separate objects with two newlines", async () => {
  const sb = await sandbox();
  const one = await sb.run("kubectl describe deploy/web");
  assert.equal(one.exitCode, 0);
  assert.match(one.stdout, /^Name:\s+web\nNamespace:\s+default\nCreationTimestamp:/);
  assert.match(one.stdout, /^NewReplicaSet:\s+web-\S+ \(2\/2 replicas created\)$/m);
  const all = await sb.run("kubectl describe pods");
  assert.equal(all.stdout.split("\n\n\nName:").length, 2);
});

test("describe errors and empty results", async () => {
  const sb = await sandbox();
  let r = await sb.run("kubectl describe pod nope");
  assert.equal(r.stderr, 'Error from server (NotFound): pods "nope" not found\n');
  assert.equal(r.exitCode, 1);
  r = await sb.run("kubectl describe pods -l app=zzz");
  assert.equal(r.stderr, "No resources found in default namespace.\n");
  assert.equal(r.exitCode, 0);
  r = await sb.run("kubectl describe deploy/nope");
  assert.equal(r.stderr, 'Error from server (NotFound): deployments.apps "nope" not found\n');
  r = await sb.run("kubectl describe");
  assert.equal(r.stderr, 'error: You must specify the type of resource to describe. Use "kubectl api-resources" for a complete list of supported resources.\n');
  assert.equal(r.exitCode, 1);
});

test("--show-events=false omits the Events section", async () => {
  const sb = await sandbox();
  const r = await sb.run("kubectl describe deploy web --show-events=false");
  assert.doesNotMatch(r.stdout, /Events:/);
});

test("describe -f manifest describes the live objects it names", async () => {
  const sb = await sandbox();
  sb.fs.writeFile("/root/cm.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\ndata:\n  mode: fast\n");
  await sb.run("kubectl apply -f /root/cm.yaml");
  const r = await sb.run("kubectl describe -f /root/cm.yaml");
  assert.equal(r.exitCode, 0, r.stderr);
  assert.match(r.stdout, /^Name:\s+settings\nNamespace:\s+default\n/);
  assert.match(r.stdout, /\nData\n====\nmode:\n----\nfast\n\n\nBinaryData\n====\n\nEvents:  <none>\n$/);
});

test("describe --help prints kubectl's help", async () => {
  const sb = Sandbox.create({ seed: 1, clock: new VirtualClock() });
  const r = await sb.run("kubectl describe --help");
  assert.match(r.stdout, /^Show details of a specific resource or group of resources\.\n/);
  assert.match(r.stdout, /Usage:\n  kubectl describe \(-f FILENAME \| TYPE \[NAME_PREFIX \| -l label\] \| TYPE\/NAME\) \[options\]\n/);
});

test("describe node lists the pods on the node with percent of allocatable", async () => {
  const sb = Sandbox.create({ seed: 1, clock: new VirtualClock() });
  const r = await sb.run("kubectl describe node controlplane");
  assert.equal(r.exitCode, 0);
  assert.match(r.stdout, /^Non-terminated Pods:\s+\(\d+ in total\)$/m);
  assert.match(r.stdout, /^Allocated resources:\n  \(Total limits may be over 100 percent, i\.e\., overcommitted\.\)\n  Resource\s+Requests\s+Limits\n/m);
});

test("-A with a name, empty namespaces and cluster-scoped selectors (as real kubectl 1.32)", async () => {
  const sb = await sandbox();
  let r = await sb.run("kubectl describe pod x -A");
  assert.equal(r.stderr, "error: a resource cannot be retrieved by name across all namespaces\n");
  assert.equal(r.exitCode, 1);
  r = await sb.run("kubectl describe pods -n kube-public");
  assert.equal(r.stderr, "No resources found in kube-public namespace.\n");
  r = await sb.run("kubectl describe pods -A -l x=y");
  assert.equal(r.stderr, "No resources found\n");
  r = await sb.run("kubectl describe nodes -l x=y");
  assert.equal(r.stderr, "No resources found in default namespace.\n");
});
