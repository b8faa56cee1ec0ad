// Behaviour the Korean lessons rely on, as real Kubernetes 1.32 clusters show it: `nc -l`
// servers in container scripts, nginx access logs (stdout, or a file under a volume mounted at
// /var/log/nginx), writable volumes shared between containers and kept by PVs, probes and hooks
// writing into the container, the mysql client's passwords, nginx versions per tag, kube-proxy's
// node IP and kubeadm's bootstrap token.

import { test } from "node:test";
import assert from "node:assert/strict";
import { Learner } from "../scenarios/harness.ts";

const USERS_AUTH = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: users-auth
spec:
  replicas: 1
  selector:
    matchLabels:
      app: users-auth
  template:
    metadata:
      labels:
        app: users-auth
    spec:
      containers:
      - name: users-api
        image: nginx:1.27
        ports:
        - containerPort: 80
      - name: auth-api
        image: busybox:1.36
        command: ["sh", "-c", "while true; do echo -e 'HTTP/1.1 200 OK\\r\\n\\r\\nauth ok' | nc -l -p 8081; done"]
        ports:
        - containerPort: 8081`;

test("a busybox `nc -l -p 8081` loop serves the pod's localhost; nc prints each request; nginx logs its requests in the combined format", async () => {
  const l = new Learner(1);
  await l.write("users-auth.yaml", USERS_AUTH);
  await l.ok("kubectl apply -f users-auth.yaml");
  await l.sleep(15);
  assert.equal(await l.ok("kubectl exec deploy/users-auth -c users-api -- curl -s localhost:8081"), "auth ok\n");
  assert.equal(await l.ok("kubectl exec deploy/users-auth -c auth-api -- wget -qO- localhost:8081"), "auth ok\n");
  assert.equal(await l.ok("kubectl logs deploy/users-auth -c auth-api"), "GET / HTTP/1.1\nHost: localhost:8081\nUser-Agent: curl/7.88.1\nAccept: */*\n\nGET / HTTP/1.1\nHost: localhost:8081\nUser-Agent: Wget\nConnection: close\n\n");
  await l.ok("kubectl exec deploy/users-auth -c users-api -- curl -s -o /dev/null localhost/nope");
  const logs = (await l.ok("kubectl logs deploy/users-auth -c users-api --tail=1")).trimEnd();
  assert.equal(logs, '127.0.0.1 - - [21/Nov/2026:22:00:15 +0000] "GET /nope HTTP/1.1" 404 153 "-" "curl/7.88.1" "-"');
  // From the workstation through a Service: kube-proxy masquerades to the node's pod-network address.
  await l.ok("kubectl expose deploy users-auth --port=80");
  const ip = await l.ok("kubectl get svc users-auth -o jsonpath='{.spec.clusterIP}'");
  await l.ok(`curl -s -o /dev/null ${ip}`);
  assert.match(await l.ok("kubectl logs deploy/users-auth -c users-api --tail=1"), /^10\.244\.0\.0 - - \[21\/Nov\/2026:22:00:15 \+0000\] "GET \/ HTTP\/1\.1" 200 615 "-" "curl\/8\.5\.0" "-"\n$/);
});

test("nginx with a volume on /var/log/nginx writes access.log there; a `tail -F` sidecar ships it (lesson 07 web-with-logger)", async () => {
  const l = new Learner(2);
  await l.write("sidecar-pod.yaml", `apiVersion: v1
kind: Pod
metadata:
  name: web-with-logger
spec:
  volumes:
  - name: logs
    emptyDir: {}
  initContainers:
  - name: log-shipper
    image: busybox:1.36
    restartPolicy: Always
    command: ["sh", "-c", "touch /var/log/nginx/access.log; tail -F /var/log/nginx/access.log"]
    volumeMounts:
    - name: logs
      mountPath: /var/log/nginx
  containers:
  - name: web
    image: nginx:1.27
    volumeMounts:
    - name: logs
      mountPath: /var/log/nginx`);
  await l.ok("kubectl apply -f sidecar-pod.yaml");
  await l.sleep(15);
  assert.equal(await l.ok("kubectl exec web-with-logger -c web -- curl -s -o /dev/null localhost"), "");
  assert.equal(await l.ok("kubectl logs web-with-logger -c log-shipper"), '127.0.0.1 - - [21/Nov/2026:22:00:15 +0000] "GET / HTTP/1.1" 200 615 "-" "curl/7.88.1" "-"\n');
  // The notices went to error.log; stdout keeps only the entrypoint's lines.
  const web = await l.ok("kubectl logs web-with-logger -c web");
  assert.equal(web.split("\n").at(-2), "/docker-entrypoint.sh: Configuration complete; ready for start up");
  assert.equal(await l.ok("kubectl exec web-with-logger -c web -- ls /var/log/nginx"), "access.log\nerror.log\n");
  assert.match(await l.ok("kubectl exec web-with-logger -c log-shipper -- cat /var/log/nginx/error.log"), /^2026\/11\/21 22:00:0\d \[notice\] 1#1: using the "epoll" event method\n/);
});

test("an emptyDir written by one container is read by another; PVC data outlives the pod; shells word redirection errors their own way", async () => {
  const l = new Learner(3);
  await l.write("shared.yaml", `apiVersion: v1
kind: Pod
metadata:
  name: shared
spec:
  volumes:
  - name: html
    emptyDir: {}
  containers:
  - name: writer
    image: busybox:1.36
    command: ["sh", "-c", "while true; do date > /data/index.html; sleep 5; done"]
    volumeMounts:
    - name: html
      mountPath: /data
  - name: web
    image: nginx:1.27
    volumeMounts:
    - name: html
      mountPath: /usr/share/nginx/html`);
  await l.ok("kubectl apply -f shared.yaml");
  await l.ok("kubectl wait --for=condition=Ready pod/shared --timeout=60s");
  assert.equal(await l.ok("kubectl exec shared -c web -- cat /usr/share/nginx/html/index.html"), "Sat Nov 21 22:00:01 UTC 2026\n");
  await l.sleep(12);
  assert.equal(await l.ok("kubectl exec shared -c web -- curl -s localhost"), "Sat Nov 21 22:00:11 UTC 2026\n");
  assert.equal((await l.run("kubectl exec shared -c web -- sh -c 'echo x > /nonexistent/a'")).stderr, "sh: 1: cannot create /nonexistent/a: Directory nonexistent\ncommand terminated with exit code 2\n");
  assert.equal((await l.run("kubectl exec shared -c writer -- sh -c 'echo x > /nonexistent/a'")).stderr, "sh: can't create /nonexistent/a: nonexistent directory\ncommand terminated with exit code 1\n");
  // An empty emptyDir is still a directory in the container.
  await l.write("empty.yaml", `apiVersion: v1
kind: Pod
metadata:
  name: empty
spec:
  volumes:
  - name: scratch
    emptyDir: {}
  containers:
  - name: c
    image: nginx:1.27
    volumeMounts:
    - name: scratch
      mountPath: /scratch`);
  await l.ok("kubectl apply -f empty.yaml");
  await l.sleep(5);
  assert.equal(await l.ok("kubectl exec empty -- sh -c 'echo hi > /scratch/x; cat /scratch/x'"), "hi\n");
});

test("a StatefulSet pod's write to its PVC mount survives the pod; other pods have their own claim", async () => {
  const l = new Learner(4);
  await l.write("my-app.yaml", `apiVersion: v1
kind: Service
metadata:
  name: my-app
spec:
  clusterIP: None
  selector:
    app: my-app
  ports:
  - port: 80
---
apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: my-app
spec:
  serviceName: my-app
  replicas: 2
  selector:
    matchLabels:
      app: my-app
  template:
    metadata:
      labels:
        app: my-app
    spec:
      containers:
      - name: my-app-container
        image: nginx:1.27
        volumeMounts:
        - name: my-storage
          mountPath: /data
  volumeClaimTemplates:
  - metadata:
      name: my-storage
    spec:
      accessModes: ["ReadWriteOnce"]
      resources:
        requests:
          storage: 1Gi`);
  await l.ok("kubectl apply -f my-app.yaml");
  await l.ok("kubectl rollout status statefulset/my-app");
  assert.equal(await l.ok(`kubectl exec my-app-1 -- sh -c 'echo "I am my-app-1" > /data/id.txt'`), "");
  await l.ok("kubectl delete pod my-app-1");
  await l.sleep(10);
  assert.equal(await l.ok("kubectl exec my-app-1 -- cat /data/id.txt"), "I am my-app-1\n");
  assert.equal((await l.run("kubectl exec my-app-0 -- cat /data/id.txt")).stderr, "cat: /data/id.txt: No such file or directory\ncommand terminated with exit code 1\n");
});

test("the container command, postStart and exec probes write into the container's /timing at their simulated times (lesson 16)", async () => {
  const l = new Learner(5);
  await l.write("lifecycle.yaml", `apiVersion: apps/v1
kind: Deployment
metadata:
  name: lifecycle
spec:
  replicas: 1
  selector:
    matchLabels:
      app: lifecycle
  template:
    metadata:
      labels:
        app: lifecycle
    spec:
      initContainers:
      - name: init
        image: busybox:1.36
        command: ['sh', '-c', 'sleep 10']
      containers:
      - name: lifecycle-container
        image: busybox:1.36
        command: ['sh', '-c', 'echo $(date +%s): Running >> /timing && echo "The app is running!" && /bin/sleep 120']
        readinessProbe:
          exec:
            command: ['sh', '-c', 'echo $(date +%s): readinessProbe >> /timing']
          initialDelaySeconds: 35
        livenessProbe:
          exec:
            command: ['sh', '-c', 'echo $(date +%s): livenessProbe >> /timing']
          initialDelaySeconds: 35
          timeoutSeconds: 30
        lifecycle:
          postStart:
            exec:
              command: ['sh', '-c', 'echo $(date +%s): postStart >> /timing && sleep 10 && echo $(date +%s): end postStart >> /timing']`);
  await l.ok("kubectl apply -f lifecycle.yaml");
  await l.sleep(60);
  assert.equal(
    await l.ok("kubectl exec deploy/lifecycle -- cat /timing"),
    "1795298411: Running\n1795298411: postStart\n1795298421: end postStart\n1795298446: livenessProbe\n1795298446: readinessProbe\n1795298456: livenessProbe\n1795298456: readinessProbe\n",
  );
});

test("the mysql client checks the root password from the container's environment", async () => {
  const l = new Learner(6);
  await l.ok("kubectl run mysql-pod --image=mysql:8.0 --env=MYSQL_ROOT_PASSWORD='k8spass#'");
  await l.ok("kubectl wait --for=condition=Ready pod/mysql-pod --timeout=120s");
  const warn = "mysql: [Warning] Using a password on the command line interface can be insecure.\n";
  assert.deepEqual(await l.run(`kubectl exec mysql-pod -- mysql -uroot -p'k8spass#' -e "select 1"`), { stdout: "1\n1\n", stderr: warn, exitCode: 0 });
  assert.deepEqual(await l.run(`kubectl exec mysql-pod -- mysql -u root --password='k8spass#' -e "SELECT VERSION();"`), { stdout: "VERSION()\n8.0.40\n", stderr: warn, exitCode: 0 });
  assert.deepEqual(await l.run(`kubectl exec mysql-pod -- mysql -uroot -pwrong -e "select 1"`), { stdout: "", stderr: `${warn}ERROR 1045 (28000): Access denied for user 'root'@'localhost' (using password: YES)\ncommand terminated with exit code 1\n`, exitCode: 1 });
  assert.deepEqual(await l.run(`kubectl exec mysql-pod -- mysql -uroot -e "select 1"`), { stdout: "", stderr: `ERROR 1045 (28000): Access denied for user 'root'@'localhost' (using password: NO)\ncommand terminated with exit code 1\n`, exitCode: 1 });
});

test("nginx logs the release of its tag (nginx:1.25.3-alpine: Alpine's gcc); kube-proxy logs its own node's IP; kubeadm's bootstrap token is a Secret", async () => {
  const l = new Learner(7);
  await l.ok("kubectl run alp --image=nginx:1.25.3-alpine");
  await l.sleep(5);
  const logs = await l.ok("kubectl logs alp");
  assert.match(logs, /\[notice\] 1#1: nginx\/1\.25\.3\n.*\[notice\] 1#1: built by gcc 12\.2\.1 20220924 \(Alpine 12\.2\.1_git20220924-r10\) \n/);
  assert.match(await l.ok("kubectl exec alp -- curl -s localhost/x"), /<hr><center>nginx\/1\.25\.3<\/center>/);
  const rows = await l.rows("pods -n kube-system -l k8s-app=kube-proxy -o wide");
  assert.equal(rows.length, 3);
  for (const r of rows) {
    const line = (await l.ok(`kubectl logs -n kube-system ${r[0]}`)).split("\n").find((x) => x.includes("node IP"));
    assert.equal(line, `I1121 21:00:05.245318       1 server.go:698] "Successfully retrieved node IP(s)" IPs=["${r[5]}"]`);
  }
  assert.equal(await l.ok("kubectl -n kube-system get secrets --field-selector type=bootstrap.kubernetes.io/token"), "NAME                     TYPE                            DATA   AGE\nbootstrap-token-7c2nai   bootstrap.kubernetes.io/token   6      60m\n");
  assert.equal(await l.ok("kubectl -n kube-system get secret bootstrap-token-7c2nai -o jsonpath='{.data.expiration}' | base64 -d"), "2026-11-22T21:00:00Z");
  assert.equal(await l.ok("kubectl -n kube-system get secret bootstrap-token-7c2nai -o jsonpath='{.data.auth-extra-groups}' | base64 -d"), "system:bootstrappers:kubeadm:default-node-token");
});

test("nginx logs every probe request from the node's pod-network address with kube-probe/1.32, also once the probe result has settled", async () => {
  const l = new Learner(11);
  await l.write("p.yaml", `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containers:
  - name: nginx
    image: nginx:1.27
    readinessProbe:
      httpGet:
        path: /
        port: 80
      periodSeconds: 5`);
  await l.ok("kubectl apply -f p.yaml");
  await l.sleep(22);
  assert.equal((await l.rows("pod web -o wide"))[0][6], "node01");
  assert.equal(
    await l.ok("kubectl logs web --tail=4"),
    [3, 8, 13, 18].map((s) => `10.244.1.1 - - [21/Nov/2026:22:00:${String(s).padStart(2, "0")} +0000] "GET / HTTP/1.1" 200 615 "-" "kube-probe/1.32" "-"\n`).join(""),
  );
});
