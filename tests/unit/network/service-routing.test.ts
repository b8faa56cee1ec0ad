import { test } from "node:test";
import assert from "node:assert/strict";
import { Sandbox } from "../../../lab-engine/sandbox/sandbox.ts";
import { VirtualClock } from "../../../lab-engine/clock/clock.ts";

async function withWeb(extra = "") {
  const sb = Sandbox.create({ seed: 7, clock: new VirtualClock() });
  await sb.run("kubectl create deploy web --image=nginx --replicas=2 --port=80");
  await sb.run("kubectl expose deploy web --port=80 --type=NodePort" + extra);
  await sb.run("kubectl run bb --image=busybox --restart=Never -- sleep 3600");
  await sb.run("sleep 30");
  return sb;
}
const out = async (sb: Sandbox, line: string) => (await sb.run(line)).stdout.trim();

test("ClusterIP with ready pods answers the nginx welcome page; the workstation has no cluster DNS", async () => {
  const sb = await withWeb();
  const ip = await out(sb, "kubectl get svc web -o jsonpath='{.spec.clusterIP}'");
  const r = await sb.run(`curl -s http://${ip}/`);
  assert.equal(r.exitCode, 0);
  assert.match(r.stdout, /<title>Welcome to nginx!<\/title>/);
  assert.equal(await out(sb, `curl -s -o /dev/null -w '%{http_code}' http://${ip}/nope`), "404");
  assert.deepEqual(await sb.run("curl web"), { stdout: "", stderr: "curl: (6) Could not resolve host: web\n", exitCode: 6 });
  const ns = await sb.run("nslookup web");
  assert.equal(ns.stdout, "Server:\t\t127.0.0.53\nAddress:\t127.0.0.53#53\n\n** server can't find web: NXDOMAIN\n\n");
  assert.equal(ns.exitCode, 1);
  assert.equal((await sb.run("curl -s --max-time 3 http://" + ip + ":8080")).exitCode, 28);
});

test("NodePort on localhost and every node IP; headers with -I", async () => {
  const sb = await withWeb();
  const np = await out(sb, "kubectl get svc web -o jsonpath='{.spec.ports[0].nodePort}'");
  assert.equal(await out(sb, `curl -s -o /dev/null -w '%{http_code}' localhost:${np}`), "200");
  const nodeIP = await out(sb, "kubectl get node node02 -o jsonpath='{.status.addresses[0].address}'");
  assert.match(await out(sb, `curl -s http://${nodeIP}:${np}`), /Welcome to nginx!/);
  assert.match(await out(sb, `curl -s node01:${np}`), /Welcome to nginx!/);
  assert.match(await out(sb, `curl -sI localhost:${np}`), /^HTTP\/1\.1 200 OK\r\nServer: nginx\/1\.27\.3\r\n/);
  const refused = await sb.run("curl localhost:30999");
  assert.equal(refused.stderr, "curl: (7) Failed to connect to localhost port 30999 after 0 ms: Couldn't connect to server\n");
});

test("pods resolve service names through the search path; busybox wget and nslookup formats", async () => {
  const sb = await withWeb();
  const ip = await out(sb, "kubectl get svc web -o jsonpath='{.spec.clusterIP}'");
  for (const name of ["web", "web.default", "web.default.svc", "web.default.svc.cluster.local"]) {
    assert.match(await out(sb, `kubectl exec bb -- wget -qO- http://${name}`), /Welcome to nginx!/, name);
  }
  const w = await sb.run("kubectl exec bb -- wget -O- http://web");
  assert.equal(w.stderr, `Connecting to web (${ip}:80)\nwriting to stdout\n-                    100% |********************************|   615  0:00:00 ETA\nwritten to stdout\n`);
  assert.equal(await out(sb, "kubectl exec bb -- nslookup web"), `Server:\t\t10.96.0.10\nAddress:\t10.96.0.10:53\n\nName:\tweb.default.svc.cluster.local\nAddress: ${ip}`);
  const podIP = await out(sb, "kubectl get pod bb -o jsonpath='{.status.podIP}'");
  assert.match(await out(sb, `kubectl exec bb -- nslookup ${podIP.replace(/\./g, "-")}.default.pod.cluster.local`), new RegExp(`Address: ${podIP.replace(/\./g, "\\.")}$`));
  const bad = await sb.run("kubectl exec bb -- wget -qO- http://nope");
  assert.equal(bad.stderr, "wget: bad address 'nope'\ncommand terminated with exit code 1\n");
  // busybox has no curl; nginx has curl but no wget.
  assert.match((await sb.run("kubectl exec bb -- curl web")).stderr, /exec: "curl": executable file not found/);
  const pod = await out(sb, "kubectl get pods -l app=web -o name | head -1");
  assert.match(await out(sb, `kubectl exec ${pod} -- curl -s web.default`), /Welcome to nginx!/);
});

test("a Service whose pods are not ready refuses connections", async () => {
  const sb = Sandbox.create({ seed: 3, clock: new VirtualClock() });
  await sb.run(`cat <<'EOF' | kubectl apply -f -
apiVersion: apps/v1
kind: Deployment
metadata: {name: sick}
spec:
  replicas: 1
  selector: {matchLabels: {app: sick}}
  template:
    metadata: {labels: {app: sick}}
    spec:
      containers:
      - name: c
        image: nginx
        readinessProbe: {httpGet: {path: /healthz, port: 80}, periodSeconds: 2}
EOF`);
  await sb.run("kubectl expose deploy sick --port=80");
  await sb.run("sleep 20");
  const ip = await out(sb, "kubectl get svc sick -o jsonpath='{.spec.clusterIP}'");
  assert.equal((await out(sb, "kubectl get ep sick -o jsonpath='{.subsets[0].addresses}'")), "");
  assert.deepEqual(await sb.run(`curl http://${ip}`), { stdout: "", stderr: `curl: (7) Failed to connect to ${ip} port 80 after 0 ms: Couldn't connect to server\n`, exitCode: 7 });
  // The pod itself still answers on its IP.
  const podIP = await out(sb, "kubectl get pods -l app=sick -o jsonpath='{.items[0].status.podIP}'");
  assert.match(await out(sb, `curl -s ${podIP}`), /Welcome to nginx!/);
});
