// Container scripts that talk to the cluster while they run (kubelet/shell-sim.ts live mode):
// an init container's `until nslookup` loop waits for the Service, a load-generator loop turns
// into CPU on the Service's backends and the HPA scales on it, snapshots replay the script.

import { test } from "node:test";
import assert from "node:assert/strict";
import "../../../lab-engine/network/commands.ts";
import { cluster, pod, getPod, eventLines, podStatus, T0 } from "./helpers.ts";
import { getLogs, podUsage } from "../../../lab-engine/kubelet/api.ts";
import { Cluster } from "../../../lab-engine/cluster/cluster.ts";
import { Sandbox } from "../../../lab-engine/sandbox/sandbox.ts";
import { VirtualClock } from "../../../lab-engine/clock/clock.ts";

const one = () => cluster({ nodes: [{ name: "node01" }], systemPods: false });

const WAIT = "until nslookup db-service; do echo waiting for db-service; sleep 2; done";

function webWait(c: Cluster): void {
  pod(c, "web-wait", {
    initContainers: [{ name: "wait-for-db", image: "busybox:1.36", command: ["sh", "-c", WAIT] }],
    containers: [{ name: "web", image: "nginx:1.27" }],
  });
}

function service(c: Cluster, name: string, selector?: Record<string, string>): void {
  c.api.create("services", { apiVersion: "v1", kind: "Service", metadata: { name }, spec: { ...(selector ? { selector } : {}), ports: [{ port: selector ? 80 : 3306 }] } } as any);
}

const NX = [
  "Server:\t\t10.96.0.10",
  "Address:\t10.96.0.10:53",
  "",
  "** server can't find db-service.default.svc.cluster.local: NXDOMAIN",
  "",
  "** server can't find db-service.svc.cluster.local: NXDOMAIN",
  "",
  "** server can't find db-service.cluster.local: NXDOMAIN",
  "",
  "** server can't find db-service: NXDOMAIN",
  "",
  "waiting for db-service",
];

test("init container `until nslookup db-service`: NXDOMAIN every 2 s, Init:0/1 until the Service exists, then PodInitializing and Running", () => {
  const c = one();
  webWait(c);
  c.advanceTo(T0 + 60_000);
  const p = getPod(c, "web-wait");
  assert.equal(podStatus(p), "Init:0/1");
  assert.ok(p.status.initContainerStatuses[0].state.running);
  const logs = getLogs(c, p, "wait-for-db").split("\n");
  assert.deepEqual(logs.slice(0, NX.length), NX);
  // One lookup per 2 s sleep (plus the 5 ms each lookup takes), from the container start ~1.9 s on.
  const rounds = logs.filter((l) => l === "waiting for db-service").length;
  assert.ok(rounds >= 28 && rounds <= 30, `rounds ${rounds}`);

  service(c, "db-service");
  const ip = c.store.get("services", "default", "db-service")!.spec.clusterIP;
  let sawInitializing = false;
  let t = 60_000;
  for (; t < 75_000 && podStatus(getPod(c, "web-wait")) !== "Running"; t += 100) {
    c.advanceTo(T0 + t);
    if (podStatus(getPod(c, "web-wait")) === "PodInitializing") sawInitializing = true;
  }
  assert.equal(podStatus(getPod(c, "web-wait")), "Running");
  assert.ok(sawInitializing, "PodInitializing between the init container's exit and the web container's start");
  const init = getPod(c, "web-wait").status.initContainerStatuses[0];
  assert.equal(init.state.terminated.reason, "Completed");
  assert.equal(init.state.terminated.exitCode, 0);
  // The next lookup after the Service appeared resolves and ends the loop.
  const tail = getLogs(c, getPod(c, "web-wait"), "wait-for-db").split("\n").slice(-8);
  assert.deepEqual(tail, ["waiting for db-service", "Server:\t\t10.96.0.10", "Address:\t10.96.0.10:53", "", "Name:\tdb-service.default.svc.cluster.local", `Address: ${ip}`, "", ""]);
  const ev = eventLines(c, "web-wait");
  assert.ok(ev.includes("Normal Started kubelet: Started container web"), ev.join("\n"));
});

test("a waiting init container writes nothing while it waits (its status does not change)", () => {
  const c = one();
  webWait(c);
  c.advanceTo(T0 + 10_000);
  const rv = getPod(c, "web-wait").metadata.resourceVersion;
  c.advanceTo(T0 + 600_000);
  assert.equal(getPod(c, "web-wait").metadata.resourceVersion, rv);
  assert.equal(podStatus(getPod(c, "web-wait")), "Init:0/1");
  assert.ok(getLogs(c, getPod(c, "web-wait"), "wait-for-db", { tail: 1 }).startsWith("waiting for db-service"));
});

test("snapshot mid-wait: the restored cluster replays the script and continues identically", () => {
  const a = one();
  webWait(a);
  a.advanceTo(T0 + 20_000);
  const b = new Cluster(JSON.parse(JSON.stringify(a.state)));
  for (const c of [a, b]) {
    c.advanceTo(T0 + 30_000);
    service(c, "db-service");
    c.advanceTo(T0 + 45_000);
  }
  assert.equal(podStatus(getPod(b, "web-wait")), "Running");
  assert.equal(getLogs(b, getPod(b, "web-wait"), "wait-for-db"), getLogs(a, getPod(a, "web-wait"), "wait-for-db"));
  assert.deepEqual(getPod(b, "web-wait").status, getPod(a, "web-wait").status);
});

async function sandbox(): Promise<{ sb: Sandbox; sh: (line: string) => Promise<string> }> {
  const sb = Sandbox.create({ seed: 3, clock: new VirtualClock(T0) });
  const sh = async (line: string) => {
    const r = await sb.run(line);
    assert.equal(r.exitCode, 0, `${line}: ${r.stderr}`);
    return r.stdout;
  };
  return { sb, sh };
}

test("a polling loop sees the Service's endpoints change (each iteration asks the cluster again)", async () => {
  const { sb, sh } = await sandbox();
  await sh(`kubectl run client --image=busybox:1.36 -- sh -c "while true; do wget -q -O- -T 1 http://web || echo down; sleep 5; done"`);
  await sh("sleep 15");
  assert.equal(await sh("kubectl logs client --tail=2"), "wget: bad address 'web'\ndown\n");
  await sh("kubectl create deployment web --image=nginx:1.27 --port=80 && kubectl expose deployment web --port=80");
  await sh("sleep 20");
  const logs = await sh("kubectl logs client --tail=30");
  assert.ok(logs.includes("<title>Welcome to nginx!</title>"), logs);
  assert.ok(!logs.endsWith("down\n"), logs);
  assert.equal(podStatus(getPod(sb.cluster, "client")), "Running");
});

const LOAD = "while sleep 0.01; do wget -q -O- http://php-apache; done";

test("HPA walkthrough: the busybox wget loop loads hpa-example, the HPA scales 1 -> 4, and back to 1 after the 300 s window once the load stops", async () => {
  const { sb, sh } = await sandbox();
  const c = sb.cluster;
  await sh("kubectl create deployment php-apache --image=registry.k8s.io/hpa-example --port=80");
  await sh("kubectl set resources deployment php-apache --requests=cpu=200m --limits=cpu=500m");
  await sh("kubectl expose deployment php-apache --port=80");
  await sh("kubectl autoscale deployment php-apache --cpu-percent=50 --min=1 --max=10");
  await sh("sleep 60");
  assert.match(await sh("kubectl get hpa php-apache --no-headers"), /^php-apache\s+Deployment\/php-apache\s+cpu: 0%\/50%\s+1\s+10\s+1\s+/);
  // `kubectl top pods` rows of the backends: [name, cpu millicores].
  const top = async () =>
    (await sh("kubectl top pods --no-headers"))
      .split("\n")
      .filter((l) => l.startsWith("php-apache-"))
      .map((l) => Number(l.split(/\s+/)[1].replace("m", "")));

  await sh(`kubectl run load-generator --image=busybox:1.28 --restart=Never -- /bin/sh -c "${LOAD}"`);
  await sh("sleep 10");
  // 1000 / (10 ms sleep + 5 ms request + 10 ms of hpa-example CPU) = 40 req/s x 10 ms = 400m.
  const [loaded] = await top();
  assert.ok(loaded >= 385 && loaded <= 415, `loaded ${loaded}m`);
  await sh("sleep 30");
  await sh("true");
  assert.equal(c.store.get("deployments", "default", "php-apache")!.spec.replicas, 4);
  const hpaEvents = () => c.store.list("events", "default").filter((e) => e.involvedObject.kind === "HorizontalPodAutoscaler" && e.reason === "SuccessfulRescale").map((e) => `${e.reason}: ${e.message}`);
  assert.deepEqual(hpaEvents(), ["SuccessfulRescale: New size: 4; reason: cpu resource utilization (percentage of request) above target"]);
  await sh("sleep 90");
  // Spread over four ready endpoints: ~100m each, 50% of the request, within the 10% tolerance.
  const each = await top();
  assert.equal(each.length, 4);
  for (const m of each) assert.ok(m >= 95 && m <= 106, `per-pod ${each.join(",")}`);
  assert.match(await sh("kubectl get hpa php-apache --no-headers"), /cpu: (49|50|51)%\/50%\s+1\s+10\s+4\s+/);
  // The loop's output is hpa-example's answer, over and over.
  assert.equal(await sh("kubectl logs load-generator --tail=2"), "OK!\nOK!\n");

  await sh("kubectl delete pod load-generator");
  await sh("sleep 240");
  await sh("true");
  assert.equal(c.store.get("deployments", "default", "php-apache")!.spec.replicas, 4, "the scale-down stabilization window holds the replicas");
  await sh("sleep 120");
  await sh("true");
  assert.equal(c.store.get("deployments", "default", "php-apache")!.spec.replicas, 1);
  assert.deepEqual(hpaEvents().slice(1), ["SuccessfulRescale: New size: 1; reason: All metrics below target"]);
});

test("no ready endpoints: a load loop puts no load anywhere", () => {
  const c = one();
  service(c, "php-apache", { run: "php-apache" });
  pod(c, "load-generator", { containers: [{ name: "l", image: "busybox:1.36", command: ["/bin/sh", "-c", LOAD] }] });
  pod(c, "other", { containers: [{ name: "o", image: "registry.k8s.io/hpa-example" }] }, { labels: { run: "other" } });
  c.advanceTo(T0 + 30_000);
  assert.ok(podUsage(c, getPod(c, "other"))[0].cpuMilli <= 2);
  assert.equal(podStatus(getPod(c, "load-generator")), "Running");
});
