import { test } from "node:test";
import assert from "node:assert/strict";
import { cluster, pod, getPod, eventLines, podStatus, restarts, T0 } from "./helpers.ts";
import { getLogs, containerFs, containerEnv, podUsage, stopNode, startNode } from "../../../lab-engine/kubelet/api.ts";

const one = () => cluster({ nodes: [{ name: "node01" }], systemPods: false });

test("liveness exec probe: the touch/rm example restarts the container after the grace period", () => {
  const c = one();
  pod(c, "liveness-exec", {
    containers: [{ name: "liveness", image: "registry.k8s.io/busybox", args: ["/bin/sh", "-c", "touch /tmp/healthy; sleep 30; rm -f /tmp/healthy; sleep 600"], livenessProbe: { exec: { command: ["cat", "/tmp/healthy"] }, initialDelaySeconds: 5, periodSeconds: 5 } }],
  });
  c.advanceTo(T0 + 30_000);
  assert.equal(podStatus(getPod(c, "liveness-exec")), "Running");
  c.advanceTo(T0 + 50_000);
  const ev = eventLines(c, "liveness-exec");
  assert.ok(ev.includes("Warning Unhealthy kubelet: Liveness probe failed: cat: can't open '/tmp/healthy': No such file or directory (x3)"), ev.join("\n"));
  assert.ok(ev.includes("Normal Killing kubelet: Container liveness failed liveness probe, will be restarted"));
  assert.equal(restarts(getPod(c, "liveness-exec")), 0); // sleep ignores SIGTERM: 30 s grace
  c.advanceTo(T0 + 90_000);
  const p = getPod(c, "liveness-exec");
  assert.equal(restarts(p), 1);
  assert.equal(p.status.containerStatuses[0].lastState.terminated.exitCode, 137);
});

test("httpGet liveness on a missing path: 404 message, restarts grow to CrashLoopBackOff", () => {
  const c = one();
  pod(c, "web", { containers: [{ name: "nginx", image: "nginx", livenessProbe: { httpGet: { path: "/healthz", port: 80 }, periodSeconds: 3, failureThreshold: 1 } }] });
  c.advanceTo(T0 + 120_000);
  const ev = eventLines(c, "web");
  assert.ok(ev.some((l) => l.startsWith("Warning Unhealthy kubelet: Liveness probe failed: HTTP probe failed with statuscode: 404")));
  const p = getPod(c, "web");
  assert.ok(restarts(p) >= 3, `restarts ${restarts(p)}`);
  assert.equal(p.status.containerStatuses[0].lastState.terminated.reason, "Completed"); // nginx exits 0 on SIGTERM
  let sawBackoff = false;
  for (let t = 120_000; t < 400_000 && !sawBackoff; t += 1000) {
    c.advanceTo(T0 + t);
    sawBackoff = podStatus(getPod(c, "web")) === "CrashLoopBackOff";
  }
  assert.ok(sawBackoff);
});

test("readiness probe on a closed port: Running but not Ready, with the exact condition message", () => {
  const c = one();
  pod(c, "web", { containers: [{ name: "web", image: "nginx", readinessProbe: { httpGet: { path: "/healthz", port: 8080 }, periodSeconds: 5 } }] });
  c.advanceTo(T0 + 30_000);
  const p = getPod(c, "web");
  assert.equal(podStatus(p), "Running");
  const ready = p.status.conditions.find((x: any) => x.type === "Ready");
  assert.deepEqual([ready.status, ready.reason, ready.message], ["False", "ContainersNotReady", "containers with unready status: [web]"]);
  const ip = p.status.podIP;
  assert.ok(eventLines(c, "web").some((l) => l.startsWith(`Warning Unhealthy kubelet: Readiness probe failed: Get "http://${ip}:8080/healthz": dial tcp ${ip}:8080: connect: connection refused`)));
});

test("graceful termination: nginx goes quickly, a sleeping shell waits the whole grace period", () => {
  const c = one();
  pod(c, "web", { containers: [{ name: "nginx", image: "nginx" }] });
  pod(c, "sleeper", { containers: [{ name: "c", image: "busybox", command: ["sleep", "3600"] }] });
  c.advanceTo(T0 + 10_000);
  c.api.delete("pods", "default", "web");
  c.api.delete("pods", "default", "sleeper");
  c.advanceTo(c.now);
  assert.equal(podStatus(getPod(c, "web")), "Terminating");
  assert.ok(eventLines(c, "web").includes("Normal Killing kubelet: Stopping container nginx"));
  c.advanceTo(T0 + 11_000);
  assert.equal(c.store.get("pods", "default", "web"), undefined);
  c.advanceTo(T0 + 39_000);
  assert.equal(podStatus(getPod(c, "sleeper")), "Terminating");
  c.advanceTo(T0 + 40_001);
  assert.equal(c.store.get("pods", "default", "sleeper"), undefined);
});

test("init containers run in order; Init:0/1 then Running", () => {
  const c = one();
  pod(c, "app", {
    initContainers: [{ name: "init", image: "busybox", command: ["sh", "-c", "sleep 5"] }],
    containers: [{ name: "app", image: "nginx" }],
  });
  c.advanceTo(T0 + 3000);
  const p = getPod(c, "app");
  assert.equal(podStatus(p), "Init:0/1");
  assert.equal(p.status.containerStatuses[0].state.waiting.reason, "PodInitializing");
  const init = p.status.conditions.find((x: any) => x.type === "Initialized");
  assert.deepEqual([init.status, init.reason, init.message], ["False", "ContainersNotInitialized", "containers with incomplete status: [init]"]);
  c.advanceTo(T0 + 15_000);
  assert.equal(podStatus(getPod(c, "app")), "Running");
  const bad = pod(c, "bad", { initContainers: [{ name: "init", image: "busybox", command: ["sh", "-c", "exit 1"] }], containers: [{ name: "app", image: "nginx" }] });
  c.advanceTo(c.now + 3000);
  assert.match(podStatus(getPod(c, "bad")), /^Init:(Error|CrashLoopBackOff)$/);
  c.advanceTo(c.now + 60_000);
  assert.equal(podStatus(getPod(c, "bad")), "Init:CrashLoopBackOff");
  assert.ok(bad);
});

test("CreateContainerConfigError with exact messages, fixed by creating the ConfigMap", () => {
  const c = one();
  pod(c, "cfg", { containers: [{ name: "app", image: "nginx", env: [{ name: "MODE", valueFrom: { configMapKeyRef: { name: "app-config", key: "mode" } } }] }] });
  pod(c, "sec", { containers: [{ name: "app", image: "nginx", env: [{ name: "P", valueFrom: { secretKeyRef: { name: "db", key: "PASSWORD" } } }] }] });
  c.advanceTo(T0 + 5000);
  const w = getPod(c, "cfg").status.containerStatuses[0].state.waiting;
  assert.deepEqual([w.reason, w.message], ["CreateContainerConfigError", 'configmap "app-config" not found']);
  assert.equal(getPod(c, "sec").status.containerStatuses[0].state.waiting.message, 'secret "db" not found');
  assert.ok(eventLines(c, "cfg").includes('Warning Failed kubelet: Error: configmap "app-config" not found'));
  c.api.create("configmaps", { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "app-config" } as any, data: { other: "x" } });
  c.advanceTo(T0 + 6000);
  assert.equal(getPod(c, "cfg").status.containerStatuses[0].state.waiting.message, "couldn't find key mode in ConfigMap default/app-config");
  const cm = c.store.get("configmaps", "default", "app-config")!;
  c.store.put("configmaps", { ...cm, data: { mode: "prod" } });
  c.advanceTo(T0 + 8000);
  const p = getPod(c, "cfg");
  assert.equal(podStatus(p), "Running");
  const env = containerEnv(c, p, "app");
  assert.equal(env.MODE, "prod");
  assert.equal(env.KUBERNETES_SERVICE_HOST, "10.96.0.1");
  assert.equal(env.KUBERNETES_PORT_443_TCP, "tcp://10.96.0.1:443");
});

test("logs: loops are rendered from the clock, previous instance, tail and waiting errors", () => {
  const c = one();
  pod(c, "loop", { containers: [{ name: "c", image: "busybox", command: ["sh", "-c", "while true; do echo $(date); sleep 5; done"] }] });
  pod(c, "crash", { containers: [{ name: "crash", image: "busybox", command: ["sh", "-c", "echo boom; exit 1"] }] });
  assert.throws(() => getLogs(c, getPod(c, "loop"), "c"), /container "c" in pod "loop" is waiting to start: ContainerCreating/);
  c.advanceTo(T0 + 24 * 3600_000);
  const out = getLogs(c, getPod(c, "loop"), "c", { tail: 2 });
  assert.match(out, /^Sat Nov 22 21:59:5\d UTC 2026\nSat Nov 22 2[12]:\d\d:\d\d UTC 2026\n$/.source ? /^\w{3} Nov 2[12] \d\d:\d\d:\d\d UTC 2026\n\w{3} Nov 2[12] \d\d:\d\d:\d\d UTC 2026\n$/ : /x/);
  const crash = getPod(c, "crash");
  assert.equal(getLogs(c, crash, "crash", { previous: true }), "boom\n");
  assert.throws(() => getLogs(c, getPod(c, "loop"), "c", { previous: true }), /previous terminated container "c" in pod "loop" not found/);
});

test("mysql logs explain the missing password", () => {
  const c = one();
  pod(c, "db", { containers: [{ name: "mysql", image: "mysql:8" }] });
  c.advanceTo(T0 + 30_000);
  const out = getLogs(c, getPod(c, "db"), "mysql", { previous: true });
  assert.match(out, /\[ERROR\] \[Entrypoint\]: Database is uninitialized and password option is not specified\n    You need to specify one of the following as an environment variable:\n    - MYSQL_ROOT_PASSWORD\n    - MYSQL_ALLOW_EMPTY_PASSWORD\n    - MYSQL_RANDOM_ROOT_PASSWORD\n$/);
  pod(c, "db2", { containers: [{ name: "mysql", image: "mysql:8", env: [{ name: "MYSQL_ROOT_PASSWORD", value: "pw" }] }] });
  c.advanceTo(T0 + 60_000);
  assert.equal(podStatus(getPod(c, "db2")), "Running");
});

test("perl pi job prints 2000 digits and completes", () => {
  const c = one();
  pod(c, "pi", { restartPolicy: "Never", containers: [{ name: "pi", image: "perl:5.34.0", command: ["perl", "-Mbignum=bpi", "-wle", "print bpi(2000)"] }] });
  c.advanceTo(T0 + 30_000);
  const out = getLogs(c, getPod(c, "pi"), "pi");
  assert.ok(out.startsWith("3.14159265358979323846264338327950288419716939937510"));
  assert.equal(out.trim().length, 2001);
  assert.equal(out.slice(763, 769), "999999"); // the Feynman point
  assert.equal(getPod(c, "pi").status.phase, "Succeeded");
});

test("container files and usage", () => {
  const c = one();
  c.api.create("configmaps", { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "site" } as any, data: { "index.html": "<h1>hi</h1>\n" } });
  pod(c, "web", { containers: [{ name: "nginx", image: "nginx", volumeMounts: [{ name: "site", mountPath: "/usr/share/nginx/html" }] }], volumes: [{ name: "site", configMap: { name: "site" } }] });
  c.advanceTo(T0 + 10_000);
  const p = getPod(c, "web");
  const fs = containerFs(c, p, "nginx");
  assert.equal(fs["/usr/share/nginx/html/index.html"], "<h1>hi</h1>\n");
  assert.equal(fs["/etc/resolv.conf"], "search default.svc.cluster.local svc.cluster.local cluster.local\nnameserver 10.96.0.10\noptions ndots:5\n");
  assert.equal(fs["/etc/hostname"], "web\n");
  assert.equal(fs["/var/run/secrets/kubernetes.io/serviceaccount/namespace"], "default");
  const u = podUsage(c, p);
  assert.equal(u.length, 1);
  assert.ok(u[0].memoryBytes > 1024 * 1024);
});

test("node stops: NotReady/Unknown after 50 s, taints, eviction after 300 s leaves pods Terminating", () => {
  const c = cluster({ nodes: [{ name: "node01" }, { name: "node02" }], systemPods: false });
  pod(c, "a", { nodeName: "node01", containers: [{ name: "c", image: "nginx" }] });
  c.advanceTo(T0 + 10_000);
  stopNode(c, "node01");
  c.advanceTo(T0 + 59_000);
  let node = c.store.get("nodes", undefined, "node01")!;
  assert.equal(node.status.conditions.find((x: any) => x.type === "Ready").status, "True");
  c.advanceTo(T0 + 61_000);
  node = c.store.get("nodes", undefined, "node01")!;
  const ready = node.status.conditions.find((x: any) => x.type === "Ready");
  assert.deepEqual([ready.status, ready.reason, ready.message], ["Unknown", "NodeStatusUnknown", "Kubelet stopped posting node status."]);
  assert.deepEqual(node.spec.taints.map((t: any) => `${t.key}:${t.effect}`), ["node.kubernetes.io/unreachable:NoSchedule", "node.kubernetes.io/unreachable:NoExecute"]);
  c.advanceTo(T0 + 359_000);
  assert.equal(getPod(c, "a").metadata.deletionTimestamp, undefined);
  c.advanceTo(T0 + 361_000);
  assert.equal(podStatus(getPod(c, "a")), "Terminating");
  c.advanceTo(T0 + 1000_000);
  assert.equal(podStatus(getPod(c, "a")), "Terminating");
  startNode(c, "node01");
  c.advanceTo(c.now + 5000);
  assert.equal(c.store.get("pods", "default", "a"), undefined);
});

test("cordon adds the unschedulable taint and blocks scheduling; uncordon schedules", () => {
  const c = cluster({ nodes: [{ name: "node01" }], systemPods: false });
  const n = c.store.get("nodes", undefined, "node01")!;
  c.store.put("nodes", { ...n, spec: { ...n.spec, unschedulable: true } });
  pod(c, "p", { containers: [{ name: "c", image: "nginx" }] });
  c.advanceTo(T0 + 5000);
  assert.deepEqual(c.store.get("nodes", undefined, "node01")!.spec.taints.map((t: any) => t.key), ["node.kubernetes.io/unschedulable"]);
  assert.equal(getPod(c, "p").status.conditions[0].message, "0/1 nodes are available: 1 node(s) were unschedulable. preemption: 0/1 nodes are available: 1 Preemption is not helpful for scheduling.");
  const n2 = c.store.get("nodes", undefined, "node01")!;
  c.store.put("nodes", { ...n2, spec: { ...n2.spec, unschedulable: false } });
  c.advanceTo(T0 + 20_000);
  assert.equal(getPod(c, "p").spec.nodeName, "node01");
});

test("preemption: a high-priority pod evicts a low-priority one", () => {
  const c = cluster({ nodes: [{ name: "node01" }], systemPods: false });
  c.api.create("priorityclasses", { apiVersion: "scheduling.k8s.io/v1", kind: "PriorityClass", metadata: { name: "high" } as any, value: 1000 } as any);
  pod(c, "low", { containers: [{ name: "c", image: "nginx", resources: { requests: { cpu: "1500m" } } }] });
  c.advanceTo(T0 + 5000);
  const hi = pod(c, "hi", { priorityClassName: "high", containers: [{ name: "c", image: "nginx", resources: { requests: { cpu: "1500m" } } }] });
  c.advanceTo(c.now);
  assert.equal(getPod(c, "hi").status.nominatedNodeName, "node01");
  assert.deepEqual(eventLines(c, "hi"), ["Warning FailedScheduling default-scheduler: 0/1 nodes are available: 1 Insufficient cpu."]);
  assert.ok(eventLines(c, "low").includes(`Normal Preempted default-scheduler: Preempted by pod ${hi.metadata.uid} on node node01`));
  c.advanceTo(T0 + 20_000);
  assert.equal(c.store.get("pods", "default", "low"), undefined);
  assert.equal(getPod(c, "hi").spec.nodeName, "node01");
});

test("PVC prefilter messages", () => {
  const c = cluster({ nodes: [{ name: "node01" }], systemPods: false });
  pod(c, "p", { containers: [{ name: "c", image: "nginx" }], volumes: [{ name: "d", persistentVolumeClaim: { claimName: "data" } }] });
  c.advanceTo(T0 + 2000);
  assert.equal(getPod(c, "p").status.conditions[0].message, '0/1 nodes are available: persistentvolumeclaim "data" not found. preemption: 0/1 nodes are available: 1 Preemption is not helpful for scheduling.');
});

test("spreading: replicas of one owner go to different nodes; topology spread and anti-affinity", () => {
  const c = cluster({ nodes: [{ name: "node01" }, { name: "node02" }], systemPods: false });
  const rs = c.api.create("configmaps", { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "owner" } as any });
  const owner = { ownerReferences: [{ apiVersion: "v1", kind: "ConfigMap", name: "owner", uid: rs.metadata.uid, controller: true }], labels: { app: "web" } };
  pod(c, "w1", { containers: [{ name: "c", image: "nginx" }] }, owner);
  c.advanceTo(c.now + 100);
  pod(c, "w2", { containers: [{ name: "c", image: "nginx" }] }, owner);
  c.advanceTo(c.now + 100);
  assert.notEqual(getPod(c, "w1").spec.nodeName, getPod(c, "w2").spec.nodeName);
  const anti = { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ labelSelector: { matchLabels: { app: "web" } }, topologyKey: "kubernetes.io/hostname" }] } };
  pod(c, "w3", { affinity: anti, containers: [{ name: "c", image: "nginx" }] }, { labels: { app: "web" } });
  c.advanceTo(c.now + 1000);
  assert.equal(
    getPod(c, "w3").status.conditions[0].message,
    "0/2 nodes are available: 2 node(s) didn't match pod anti-affinity rules. preemption: 0/2 nodes are available: 2 No preemption victims found for incoming pod.",
  );
  const spread = { topologySpreadConstraints: [{ maxSkew: 1, topologyKey: "kubernetes.io/hostname", whenUnsatisfiable: "DoNotSchedule", labelSelector: { matchLabels: { app: "db" } } }] };
  for (const n of ["d1", "d2", "d3", "d4"]) {
    pod(c, n, { ...spread, containers: [{ name: "c", image: "nginx" }] }, { labels: { app: "db" } });
    c.advanceTo(c.now + 100);
  }
  const counts: Record<string, number> = {};
  for (const n of ["d1", "d2", "d3", "d4"]) counts[getPod(c, n).spec.nodeName] = (counts[getPod(c, n).spec.nodeName] ?? 0) + 1;
  assert.deepEqual(counts, { node01: 2, node02: 2 });
});

test("memory over the limit: OOMKilled (exit 137)", () => {
  const c = one();
  pod(c, "stress", { containers: [{ name: "s", image: "polinux/stress", command: ["stress"], args: ["--vm", "1", "--vm-bytes", "250M", "--vm-hang", "1"], resources: { limits: { memory: "100Mi" } } }] });
  let seen = false;
  for (let t = 0; t < 30_000 && !seen; t += 200) {
    c.advanceTo(T0 + t);
    seen = podStatus(getPod(c, "stress")) === "OOMKilled";
  }
  assert.ok(seen);
  c.advanceTo(T0 + 60_000);
  const st = getPod(c, "stress").status.containerStatuses[0];
  assert.deepEqual([st.lastState.terminated.reason, st.lastState.terminated.exitCode], ["OOMKilled", 137]);
});

test("native sidecar starts before the app and counts in READY", () => {
  const c = one();
  pod(c, "side", {
    initContainers: [{ name: "log", image: "busybox", restartPolicy: "Always", command: ["sh", "-c", "while true; do echo tick; sleep 10; done"] }],
    containers: [{ name: "app", image: "nginx" }],
  });
  c.advanceTo(T0 + 15_000);
  const p = getPod(c, "side");
  assert.equal(podStatus(p), "Running");
  assert.equal(p.status.initContainerStatuses[0].state.running !== undefined, true);
  assert.equal(p.status.initContainerStatuses[0].ready, true);
  const ev = eventLines(c, "side").map((l) => l.replace(/ \(x\d+\)$/, ""));
  assert.ok(ev.indexOf("Normal Started kubelet: Started container log") < ev.indexOf("Normal Started kubelet: Started container app"));
});

test("nodeName preset: the kubelet rejects a pod that does not fit (OutOfcpu); hostNetwork uses the node IP", () => {
  const c = cluster({ nodes: [{ name: "node01" }], systemPods: false });
  pod(c, "huge", { nodeName: "node01", containers: [{ name: "c", image: "nginx", resources: { requests: { cpu: "3" } } }] });
  pod(c, "host", { hostNetwork: true, containers: [{ name: "c", image: "nginx" }] });
  c.advanceTo(T0 + 10_000);
  const huge = getPod(c, "huge");
  assert.deepEqual([huge.status.phase, huge.status.reason, huge.status.message], ["Failed", "OutOfcpu", "Pod was rejected: Node didn't have enough resource: cpu, requested: 3000, used: 0, capacity: 2000"]);
  assert.equal(podStatus(huge), "OutOfcpu");
  const host = getPod(c, "host");
  assert.equal(host.status.podIP, host.status.hostIP);
});

test("pods of a deleted node are garbage-collected", () => {
  const c = cluster({ nodes: [{ name: "node01" }, { name: "node02" }], systemPods: false });
  pod(c, "a", { nodeName: "node02", containers: [{ name: "c", image: "nginx" }] });
  c.advanceTo(T0 + 5000);
  c.store.remove("nodes", undefined, "node02");
  c.advanceTo(T0 + 6000);
  assert.equal(c.store.get("pods", "default", "a"), undefined);
});

test("a Job-style pod with a native sidecar completes once the main container exits", () => {
  const c = one();
  pod(c, "job", {
    restartPolicy: "Never",
    initContainers: [{ name: "proxy", image: "nginx", restartPolicy: "Always" }],
    containers: [{ name: "main", image: "busybox", command: ["sh", "-c", "echo $HOSTNAME; sleep 3"] }],
  });
  c.advanceTo(T0 + 30_000);
  const p = getPod(c, "job");
  assert.equal(p.status.phase, "Succeeded");
  assert.equal(getLogs(c, p, "main"), "job\n");
  assert.ok(eventLines(c, "job").includes("Normal Killing kubelet: Stopping container proxy"));
});

test("missing ConfigMap volume: FailedMount and ContainerCreating until it exists", () => {
  const c = one();
  pod(c, "v", { containers: [{ name: "c", image: "nginx", volumeMounts: [{ name: "cfg", mountPath: "/etc/cfg" }] }], volumes: [{ name: "cfg", configMap: { name: "app-config" } }] });
  c.advanceTo(T0 + 5000);
  assert.equal(podStatus(getPod(c, "v")), "ContainerCreating");
  assert.ok(eventLines(c, "v").includes('Warning FailedMount kubelet: MountVolume.SetUp failed for volume "cfg" : configmap "app-config" not found'));
  c.api.create("configmaps", { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "app-config" } as any, data: { "a.conf": "x=1\n" } });
  c.advanceTo(T0 + 10_000);
  const p = getPod(c, "v");
  assert.equal(podStatus(p), "Running");
  assert.equal(containerFs(c, p, "c")["/etc/cfg/a.conf"], "x=1\n");
});
