import { test } from "node:test";
import assert from "node:assert/strict";
import { Learner, events } from "./harness.ts";

const web = (path: string) => `apiVersion: apps/v1
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
      - name: nginx
        image: nginx:1.27
        ports:
        - containerPort: 80
        readinessProbe:
          httpGet:
            path: ${path}
            port: 80
          periodSeconds: 5`;

test("Service endpoints follow readiness: a failing readinessProbe leaves <none>, fixing it lists IP:80", async () => {
  const l = new Learner(3);
  await l.write("web.yaml", web("/healthz"));
  await l.ok("kubectl apply -f web.yaml");
  assert.equal(await l.ok("kubectl expose deployment web --port=80"), "service/web exposed\n");
  await l.sleep(30);
  const pods = await l.rows("pods");
  assert.equal(pods.length, 2);
  for (const r of pods) assert.deepEqual([r[1], r[2]], ["0/1", "Running"]);
  assert.equal(await l.ok("kubectl get endpoints web"), "NAME   ENDPOINTS   AGE\nweb    <none>      30s\n");
  const ev = events(await l.ok(`kubectl describe pod ${pods[0][0]}`));
  const unhealthy = ev.find((e) => e[1] === "Unhealthy")!;
  assert.equal(unhealthy[0], "Warning");
  assert.equal(unhealthy[4], "Readiness probe failed: HTTP probe failed with statuscode: 404");
  assert.match(await l.ok("kubectl describe svc web"), /^Endpoints:\s+$/m);

  // The kubelet's own event order for a healthy start: Scheduled, Pulling, Pulled, Created, Started.
  assert.deepEqual(ev.filter((e) => e[1] !== "Unhealthy").map((e) => e[1]), ["Scheduled", "Pulling", "Pulled", "Created", "Started"]);

  // Fix the probe path: the new pods become ready and the endpoints list them.
  await l.write("web.yaml", web("/"));
  assert.equal(await l.ok("kubectl apply -f web.yaml"), "deployment.apps/web configured\n");
  assert.match(await l.ok("kubectl rollout status deployment/web --timeout=120s"), /successfully rolled out\n$/);
  await l.sleep(5);
  const ready = await l.rows("pods -o wide");
  assert.equal(ready.length, 2);
  const ips = ready.map((r) => r[5]).sort();
  for (const r of ready) assert.deepEqual([r[1], r[2]], ["1/1", "Running"]);
  const ep = (await l.ok("kubectl get endpoints web --no-headers")).trim().split(/\s+/);
  assert.equal(ep[0], "web");
  assert.equal(ep[1], ips.map((ip) => `${ip}:80`).join(","));
  assert.equal(await l.ok("kubectl get endpoints web -o jsonpath='{.subsets[0].ports[0].port}'"), "80");
  assert.equal(await l.ok("kubectl get endpoints web -o jsonpath='{.subsets[0].notReadyAddresses}'"), "");
});

test("scaling the backing pods to zero empties the endpoints again", async () => {
  const l = new Learner(4);
  await l.write("web.yaml", web("/"));
  await l.ok("kubectl apply -f web.yaml");
  await l.ok("kubectl expose deployment web --port=80 --name=front");
  await l.sleep(20);
  const addrs = (await l.ok("kubectl get ep front -o jsonpath='{.subsets[0].addresses[*].ip}'")).split(" ");
  assert.equal(addrs.length, 2);
  await l.ok("kubectl scale deployment web --replicas=0");
  await l.sleep(10);
  assert.match(await l.ok("kubectl get ep front"), /^front +<none> +/m);
});

const EXEC_POD = `apiVersion: v1
kind: Pod
metadata:
  name: web
  labels:
    app: web
spec:
  containers:
  - name: nginx
    image: nginx:1.27
    readinessProbe:
      exec:
        command: ["cat", "/tmp/healthy"]
      periodSeconds: 5`;

test("an exec readinessProbe follows files the learner creates and removes with kubectl exec", async () => {
  const l = new Learner(31);
  await l.write("web.yaml", EXEC_POD);
  await l.ok("kubectl apply -f web.yaml");
  await l.ok("kubectl expose pod web --port=80");
  await l.sleep(20);
  assert.match(await l.ok("kubectl get ep web"), /^web +<none> +20s$/m);
  await l.ok("kubectl exec web -- touch /tmp/healthy");
  await l.sleep(10);
  assert.match(await l.ok("kubectl get pod web"), /^web +1\/1 +Running +0 +30s$/m);
  const ip = await l.ok("kubectl get pod web -o jsonpath='{.status.podIP}'");
  assert.match(await l.ok("kubectl get ep web"), new RegExp(`^web +${ip.replace(/\./g, "\\.")}:80 +30s$`, "m"));
  // Removing the file makes the probe fail again (failureThreshold 3 × 5 s).
  await l.ok("kubectl exec web -- rm /tmp/healthy");
  await l.sleep(20);
  assert.match(await l.ok("kubectl get pod web"), /^web +0\/1 +Running +0 +50s$/m);
  assert.match(await l.ok("kubectl get ep web"), /^web +<none> +50s$/m);
});

test("the exec probe's failure text is the image's own cat (GNU coreutils in Debian-based nginx)", async () => {
  const l = new Learner(32);
  await l.write("web.yaml", EXEC_POD);
  await l.ok("kubectl apply -f web.yaml");
  await l.sleep(20);
  const ev = events(await l.ok("kubectl describe pod web")).find((e) => e[1] === "Unhealthy")!;
  assert.equal(ev[4], "Readiness probe failed: cat: /tmp/healthy: No such file or directory");
});

test("files written into nginx's web root with kubectl exec are served (and satisfy an httpGet probe)", async () => {
  const l = new Learner(33);
  await l.write("web.yaml", web("/healthz"));
  await l.ok("kubectl apply -f web.yaml");
  await l.sleep(20);
  const pods = await l.rows("pods");
  assert.match(await l.ok(`kubectl exec ${pods[0][0]} -- ls /usr/share/nginx/html`), /^50x\.html\nindex\.html\n$/);
  await l.ok(`kubectl exec ${pods[0][0]} -- sh -c 'echo ok > /usr/share/nginx/html/healthz'`);
  await l.sleep(10);
  assert.equal((await l.rows(`pod ${pods[0][0]}`))[0][1], "1/1");
});
