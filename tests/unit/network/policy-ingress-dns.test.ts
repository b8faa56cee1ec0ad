import { test } from "node:test";
import assert from "node:assert/strict";
import { Sandbox } from "../../../lab-engine/sandbox/sandbox.ts";
import { VirtualClock } from "../../../lab-engine/clock/clock.ts";

const out = async (sb: Sandbox, line: string) => (await sb.run(line)).stdout.trim();

async function base() {
  const sb = Sandbox.create({ seed: 11, clock: new VirtualClock() });
  await sb.run("kubectl create deploy web --image=nginx --port=80");
  await sb.run("kubectl expose deploy web --port=80");
  await sb.run("kubectl run client --image=busybox --labels=role=client -- sleep 3600");
  await sb.run("kubectl run other --image=busybox -- sleep 3600");
  await sb.run("sleep 30");
  return sb;
}

test("NetworkPolicy: default deny times out, a podSelector rule lets the labelled client in", async () => {
  const sb = await base();
  assert.equal((await sb.run("kubectl exec client -- wget -qO- -T 2 http://web")).exitCode, 0);
  await sb.run(`cat <<'EOF' | kubectl apply -f -
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: deny-all}
spec:
  podSelector: {}
  policyTypes: [Ingress]
EOF`);
  const r = await sb.run("kubectl exec client -- wget -qO- -T 2 http://web");
  assert.equal(r.stderr, "wget: download timed out\ncommand terminated with exit code 1\n");
  const ip = await out(sb, "kubectl get svc web -o jsonpath='{.spec.clusterIP}'");
  const cr = await sb.run(`curl -sS -m 10 http://${ip}`);
  assert.deepEqual(cr, { stdout: "", stderr: "curl: (28) Connection timed out after 10001 milliseconds\n", exitCode: 28 });
  await sb.run(`cat <<'EOF' | kubectl apply -f -
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: allow-client}
spec:
  podSelector: {matchLabels: {app: web}}
  ingress:
  - from:
    - podSelector: {matchLabels: {role: client}}
    ports:
    - {port: 80, protocol: TCP}
EOF`);
  assert.match(await out(sb, "kubectl exec client -- wget -qO- -T 2 http://web"), /Welcome to nginx!/);
  assert.equal((await sb.run("kubectl exec other -- wget -qO- -T 2 http://web")).exitCode, 1);
  // Egress default deny also cuts DNS.
  await sb.run(`cat <<'EOF' | kubectl apply -f -
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: no-egress}
spec:
  podSelector: {matchLabels: {role: client}}
  policyTypes: [Egress]
EOF`);
  assert.equal((await sb.run("kubectl exec client -- wget -qO- -T 2 http://web")).stderr, "wget: bad address 'web'\ncommand terminated with exit code 1\n");
});

test("Ingress: two paths to two services, 404 page from ingress-nginx, address published", async () => {
  const sb = await base();
  await sb.run("kubectl create deploy api --image=hashicorp/http-echo --port=5678 -- /http-echo -text=api");
  await sb.run("kubectl create deploy shop --image=httpd --port=80");
  await sb.run("kubectl expose deploy shop --port=8080 --target-port=80");
  await sb.run("sleep 20");
  await sb.run(`cat <<'EOF' | kubectl apply -f -
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: site}
spec:
  ingressClassName: nginx
  rules:
  - host: shop.example.com
    http:
      paths:
      - {path: /, pathType: Prefix, backend: {service: {name: web, port: {number: 80}}}}
      - {path: /shop, pathType: Prefix, backend: {service: {name: shop, port: {number: 8080}}}}
EOF`);
  assert.equal(await out(sb, "kubectl get ing site -o jsonpath='{.status.loadBalancer.ingress[0].ip}'"), "");
  await sb.run("sleep 15");
  const addr = await out(sb, "kubectl get ing site -o jsonpath='{.status.loadBalancer.ingress[0].ip}'");
  assert.equal(addr, await out(sb, "kubectl get node node01 -o jsonpath='{.status.addresses[0].address}'"));
  assert.match(await out(sb, `curl -s -H 'Host: shop.example.com' http://${addr}/`), /Welcome to nginx!/);
  // /shop goes to httpd as is (no rewrite): httpd's own 404; /shopping is not under /shop.
  assert.match(await out(sb, `curl -s --resolve shop.example.com:80:${addr} http://shop.example.com/shop`), /The requested URL was not found on this server/);
  assert.match(await out(sb, `curl -s -H 'Host: shop.example.com' http://${addr}/shopping`), /<center>nginx\/1\.27\.3<\/center>/);
  await sb.run(`cat <<'EOF' | kubectl apply -f -
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: rw
  annotations: {nginx.ingress.kubernetes.io/rewrite-target: /}
spec:
  rules:
  - host: rw.example.com
    http:
      paths:
      - {path: /shop, pathType: Prefix, backend: {service: {name: shop, port: {number: 8080}}}}
EOF`);
  assert.match(await out(sb, `curl -s -H 'Host: rw.example.com' http://${addr}/shop/x`), /It works!/);
  const nf = await sb.run(`curl -s -H 'Host: other.example.com' http://${addr}/`);
  assert.equal(nf.stdout, "<html>\n<head><title>404 Not Found</title></head>\n<body>\n<center><h1>404 Not Found</h1></center>\n<hr><center>nginx</center>\n</body>\n</html>\n");
});

test("DNS: ExternalName CNAME, headless Service, StatefulSet pod hostnames, pod A records", async () => {
  const sb = await base();
  await sb.run("kubectl create service externalname ext --external-name=db.example.com");
  await sb.run(`cat <<'EOF' | kubectl apply -f -
apiVersion: v1
kind: Service
metadata: {name: nginx}
spec:
  clusterIP: None
  selector: {app: sts}
  ports: [{port: 80}]
---
apiVersion: apps/v1
kind: StatefulSet
metadata: {name: db}
spec:
  serviceName: nginx
  replicas: 2
  selector: {matchLabels: {app: sts}}
  template:
    metadata: {labels: {app: sts}}
    spec:
      containers: [{name: c, image: nginx}]
EOF`);
  await sb.run("sleep 40");
  const ext = await sb.run("kubectl exec client -- nslookup ext");
  assert.match(ext.stdout, /^Server:\t\t10\.96\.0\.10\nAddress:\t10\.96\.0\.10:53\n\next\.default\.svc\.cluster\.local\tcanonical name = db\.example\.com\n/);
  const ip0 = await out(sb, "kubectl get pod db-0 -o jsonpath='{.status.podIP}'");
  const ip1 = await out(sb, "kubectl get pod db-1 -o jsonpath='{.status.podIP}'");
  assert.match(await out(sb, "kubectl exec client -- nslookup db-0.nginx"), new RegExp(`Name:\tdb-0\\.nginx\\.default\\.svc\\.cluster\\.local\nAddress: ${ip0.replace(/\./g, "\\.")}$`));
  const headless = await out(sb, "kubectl exec client -- nslookup nginx.default.svc.cluster.local");
  assert.deepEqual(headless.match(/Address: [\d.]+/g), [ip0, ip1].sort().map((x) => `Address: ${x}`));
  assert.match(await out(sb, "kubectl exec client -- wget -qO- http://db-1.nginx"), /Welcome to nginx!/);
  const podIP = await out(sb, "kubectl get pod other -o jsonpath='{.status.podIP}'");
  assert.match(await out(sb, `kubectl exec client -- nslookup ${podIP.replace(/\./g, "-")}.default.pod.cluster.local`), new RegExp(`Address: ${podIP.replace(/\./g, "\\.")}$`));
  // From the workstation only node names resolve, unless cluster DNS is asked directly.
  assert.equal((await sb.run("host node01")).stdout, "node01 has address 172.30.2.3\n");
  assert.equal((await sb.run("host web")).stdout, "Host web not found: 3(NXDOMAIN)\n");
  assert.match((await sb.run("dig +short @10.96.0.10 web.default.svc.cluster.local")).stdout, /^10\.\d+\.\d+\.\d+\n$/);
});
