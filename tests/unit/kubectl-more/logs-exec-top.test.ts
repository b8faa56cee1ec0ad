import { test } from "node:test";
import assert from "node:assert/strict";
import { Sandbox } from "../../../lab-engine/sandbox/sandbox.ts";
import { VirtualClock } from "../../../lab-engine/clock/clock.ts";

async function sandbox() {
  const sb = Sandbox.create({ seed: 1, clock: new VirtualClock() });
  await sb.run("kubectl run w --image=nginx");
  await sb.run("kubectl run m --image=mysql:5.7 --env=MYSQL_ROOT_PASSWORD=k8spass#");
  await sb.run("sleep 30");
  return sb;
}

test("exec: output, exit codes and kubectl's error texts", async () => {
  const sb = await sandbox();
  assert.deepEqual(await sb.run("kubectl exec w -- sh -c 'echo hi; exit 3'"), { stdout: "hi\n", stderr: "command terminated with exit code 3\n", exitCode: 3 });
  const pw = await sb.run("true | kubectl exec -it m -- bash -c 'echo $MYSQL_ROOT_PASSWORD'");
  assert.equal(pw.stdout, "k8spass#\n");
  assert.equal(pw.stderr, "Unable to use a TTY - input is not a terminal or the right kind of file\n");
  assert.deepEqual(await sb.run("kubectl exec -n kube-system etcd-controlplane -- etcdctl version"), { stdout: "etcdctl version: 3.5.16\nAPI version: 3.5\n", stderr: "", exitCode: 0 });
  const nosh = await sb.run("kubectl exec -n kube-system etcd-controlplane -- sh");
  assert.match(nosh.stderr, /^error: Internal error occurred: .*exec: "sh": executable file not found in \$PATH: unknown\n$/);
  assert.equal(nosh.exitCode, 1);
  assert.equal((await sb.run("kubectl exec w")).stderr, "error: you must specify at least one command for the container\n");
  assert.equal((await sb.run("kubectl exec w ls")).stderr, "error: exec [POD] [COMMAND] is not supported anymore. Use exec [POD] -- [COMMAND] instead\nSee 'kubectl exec -h' for help and examples\n");
  assert.equal((await sb.run("kubectl exec w -- hostname")).stdout, "w\n");
  assert.equal((await sb.run("kubectl exec w -c nope -- ls")).stderr, "Error from server (BadRequest): container nope is not valid for pod w\n");
});

test("exec deploy/NAME sees secret volumes", async () => {
  const sb = Sandbox.create({ seed: 1, clock: new VirtualClock() });
  await sb.run("kubectl create secret generic db --from-literal=username=root --from-literal=password=pw");
  await sb.run(`cat <<'EOF' | kubectl apply -f -
apiVersion: apps/v1
kind: Deployment
metadata: {name: hw}
spec:
  replicas: 2
  selector: {matchLabels: {app: hw}}
  template:
    metadata: {labels: {app: hw}}
    spec:
      containers:
      - {name: c, image: nginx, volumeMounts: [{name: v, mountPath: /etc/creds, readOnly: true}]}
      volumes: [{name: v, secret: {secretName: db}}]
EOF`);
  await sb.run("sleep 30");
  assert.equal((await sb.run("kubectl exec deploy/hw -- cat /etc/creds/username")).stdout, "root");
  assert.equal((await sb.run("kubectl exec deploy/hw -- ls /etc/creds")).stdout, "password\nusername\n");
});

test("logs: default container notice, selector, errors", async () => {
  const sb = await sandbox();
  const r = await sb.run("kubectl logs w --tail=1");
  assert.match(r.stdout, /^\d{4}\/\d\d\/\d\d \d\d:\d\d:\d\d \[notice\] 1#1: start worker process \d+\n$/);
  assert.equal((await sb.run("kubectl logs")).stderr, "error: expected 'logs [-f] [-p] (POD | TYPE/NAME) [-c CONTAINER]'.\nPOD or TYPE/NAME is a required argument for the logs command\nSee 'kubectl logs -h' for help and examples\n");
  assert.equal((await sb.run("kubectl logs nope")).stderr, 'Error from server (NotFound): pods "nope" not found\n');
  assert.equal((await sb.run("kubectl logs w -c x")).stderr, "Error from server (BadRequest): container x is not valid for pod w\n");
  assert.equal((await sb.run("kubectl logs -l app=none")).stderr, "No resources found in default namespace.\n");
  const p = await sb.run("kubectl logs -l run=w --prefix --tail=1");
  assert.match(p.stdout, /^\[pod\/w\/w\] \d{4}/);
});

test("top: pod and node tables padded like kubectl's tabwriter", async () => {
  const sb = await sandbox();
  const r = await sb.run("kubectl top pods");
  assert.equal(r.stdout.split("\n")[0], "NAME   CPU(cores)   MEMORY(bytes)   ");
  assert.equal(r.stdout.split("\n").length, 4);
  const n = await sb.run("kubectl top nodes --no-headers");
  assert.match(n.stdout, /^controlplane   \d+m +\d+% +\d+Mi +\d+% +\n/);
  await sb.run("kubectl -n kube-system scale deploy metrics-server --replicas=0");
  await sb.run("sleep 40");
  assert.equal((await sb.run("kubectl top pods")).stderr, "error: Metrics API not available\n");
});
