import { test } from "node:test";
import assert from "node:assert/strict";
import { cluster, pod, getPod, eventLines, podStatus, restarts, T0 } from "./helpers.ts";

test("nginx pod: scheduled, pulled, started, Running and Ready with the five conditions", () => {
  const c = cluster();
  pod(c, "web", { containers: [{ name: "nginx", image: "nginx" }] });
  c.advanceTo(T0 + 10_000);
  const p = getPod(c, "web");
  assert.equal(p.status.phase, "Running");
  assert.equal(podStatus(p), "Running");
  assert.deepEqual(p.status.conditions.map((x: any) => `${x.type}=${x.status}`), [
    "PodReadyToStartContainers=True",
    "Initialized=True",
    "Ready=True",
    "ContainersReady=True",
    "PodScheduled=True",
  ]);
  assert.match(p.spec.nodeName, /^node0[12]$/);
  assert.match(p.status.podIP, /^10\.244\.[12]\.2$/);
  assert.equal(p.status.qosClass, "BestEffort");
  const cs = p.status.containerStatuses[0];
  assert.equal(cs.ready, true);
  assert.equal(cs.image, "docker.io/library/nginx:latest");
  assert.match(cs.imageID, /^docker\.io\/library\/nginx@sha256:[0-9a-f]{64}$/);
  assert.ok(cs.state.running.startedAt);
  const ev = eventLines(c, "web");
  assert.equal(ev[0], `Normal Scheduled default-scheduler: Successfully assigned default/web to ${p.spec.nodeName}`);
  assert.equal(ev[1], 'Normal Pulling kubelet: Pulling image "nginx"');
  assert.match(ev[2], /^Normal Pulled kubelet: Successfully pulled image "nginx" in (\d+\.\d+s|\d+ms) \(\1 including waiting\)\. Image size: 72195292 bytes\.$/);
  assert.equal(ev[3], "Normal Created kubelet: Created container: nginx");
  assert.equal(ev[4], "Normal Started kubelet: Started container nginx");
});

test("second pod on the same node finds the image already present", () => {
  const c = cluster({ nodes: [{ name: "node01" }], systemPods: false });
  pod(c, "a", { containers: [{ name: "nginx", image: "nginx:1.27" }] });
  c.advanceTo(T0 + 10_000);
  pod(c, "b", { containers: [{ name: "nginx", image: "nginx:1.27" }] });
  c.advanceTo(T0 + 20_000);
  assert.ok(eventLines(c, "b").includes('Normal Pulled kubelet: Container image "nginx:1.27" already present on machine'));
  assert.equal(getPod(c, "b").status.phase, "Running");
});

test("Insufficient cpu: exact FailedScheduling message; a smaller request schedules", () => {
  const c = cluster();
  const big = (name: string, cpu: string) => pod(c, name, { containers: [{ name: "app", image: "nginx", resources: { requests: { cpu } } }] });
  big("a", "1500m");
  big("b", "1500m");
  c.advanceTo(T0 + 5000);
  big("c", "1500m");
  c.advanceTo(T0 + 10_000);
  const p = getPod(c, "c");
  const msg =
    "0/3 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 2 Insufficient cpu. preemption: 0/3 nodes are available: 1 Preemption is not helpful for scheduling, 2 No preemption victims found for incoming pod.";
  assert.equal(p.spec.nodeName, undefined);
  const cond = p.status.conditions.find((x: any) => x.type === "PodScheduled");
  assert.deepEqual([cond.status, cond.reason, cond.message], ["False", "Unschedulable", msg]);
  assert.deepEqual(eventLines(c, "c"), [`Warning FailedScheduling default-scheduler: ${msg}`]);
  assert.equal(podStatus(p), "Pending");
  // Unchanged cluster: retried after 5 minutes, the event count grows.
  c.advanceTo(T0 + 10 * 60_000);
  assert.match(eventLines(c, "c")[0], /\(x\d+\)$/);
  c.api.delete("pods", "default", "c");
  big("c", "10m");
  c.advanceTo(c.now + 5000);
  assert.equal(getPod(c, "c").status.phase, "Running");
});

test("taints, tolerations, nodeSelector and node affinity", () => {
  const c = cluster({ nodes: [{ name: "node01", labels: { disk: "ssd" } }, { name: "node02", taints: [{ key: "team", value: "a", effect: "NoSchedule" }] }], systemPods: false });
  pod(c, "sel", { nodeSelector: { disk: "ssd" }, containers: [{ name: "c", image: "nginx" }] });
  pod(c, "tol", { tolerations: [{ key: "team", operator: "Equal", value: "a", effect: "NoSchedule" }], affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: "disk", operator: "DoesNotExist" }] }] } } }, containers: [{ name: "c", image: "nginx" }] });
  pod(c, "none", { nodeSelector: { disk: "hdd" }, containers: [{ name: "c", image: "nginx" }] });
  c.advanceTo(T0 + 5000);
  assert.equal(getPod(c, "sel").spec.nodeName, "node01");
  assert.equal(getPod(c, "tol").spec.nodeName, "node02");
  assert.equal(
    getPod(c, "none").status.conditions[0].message,
    "0/2 nodes are available: 1 node(s) didn't match Pod's node affinity/selector, 1 node(s) had untolerated taint {team: a}. preemption: 0/2 nodes are available: 2 Preemption is not helpful for scheduling.",
  );
});

test("bad tag: ErrImagePull then ImagePullBackOff with back-off events", () => {
  const c = cluster({ nodes: [{ name: "node01" }], systemPods: false });
  pod(c, "bad", { containers: [{ name: "nginx", image: "nginx:doesnotexist" }] });
  c.advanceTo(T0 + 2000);
  let p = getPod(c, "bad");
  assert.equal(podStatus(p), "ErrImagePull");
  const err =
    'rpc error: code = NotFound desc = failed to pull and unpack image "docker.io/library/nginx:doesnotexist": failed to resolve reference "docker.io/library/nginx:doesnotexist": docker.io/library/nginx:doesnotexist: not found';
  assert.equal(p.status.containerStatuses[0].state.waiting.message, err);
  c.advanceTo(T0 + 5000);
  p = getPod(c, "bad");
  assert.equal(podStatus(p), "ImagePullBackOff");
  assert.equal(p.status.containerStatuses[0].state.waiting.message, `Back-off pulling image "nginx:doesnotexist": ErrImagePull: ${err}`);
  const ev = eventLines(c, "bad");
  assert.deepEqual(ev.slice(1), [
    'Normal Pulling kubelet: Pulling image "nginx:doesnotexist"',
    `Warning Failed kubelet: Failed to pull image "nginx:doesnotexist": ${err}`,
    "Warning Failed kubelet: Error: ErrImagePull",
    'Normal BackOff kubelet: Back-off pulling image "nginx:doesnotexist"',
    "Warning Failed kubelet: Error: ImagePullBackOff",
  ]);
  c.advanceTo(T0 + 60_000);
  assert.match(eventLines(c, "bad")[1], /Pulling.*\(x[34]\)$/);
});

test("missing repository: pull access denied", () => {
  const c = cluster({ nodes: [{ name: "node01" }], systemPods: false });
  pod(c, "x", { containers: [{ name: "api", image: "my-docker-repo/users-api:latest" }] });
  c.advanceTo(T0 + 3000);
  assert.ok(
    getPod(c, "x").status.containerStatuses[0].state.waiting.message.endsWith('rpc error: code = Unknown desc = failed to pull and unpack image "docker.io/my-docker-repo/users-api:latest": failed to resolve reference "docker.io/my-docker-repo/users-api:latest": pull access denied, repository does not exist or may require authorization: server message: insufficient_scope: authorization failed'),
  );
});

test("mysql without a password crash-loops with the back-off message", () => {
  const c = cluster({ nodes: [{ name: "node01" }], systemPods: false });
  const created = pod(c, "db", { containers: [{ name: "mysql", image: "mysql:8" }] });
  c.advanceTo(T0 + 8000);
  let p = getPod(c, "db");
  assert.ok(restarts(p) >= 1);
  c.advanceTo(T0 + 30_000);
  p = getPod(c, "db");
  assert.equal(podStatus(p), "CrashLoopBackOff");
  const st = p.status.containerStatuses[0];
  assert.match(st.state.waiting.message, new RegExp(`^back-off (10|20)s restarting failed container=mysql pod=db_default\\(${created.metadata.uid}\\)$`));
  assert.equal(st.lastState.terminated.reason, "Error");
  assert.equal(st.lastState.terminated.exitCode, 1);
  assert.equal(p.status.phase, "Running");
  assert.ok(eventLines(c, "db").some((l) => l.startsWith(`Warning BackOff kubelet: Back-off restarting failed container mysql in pod db_default(${created.metadata.uid})`)));
});

test("restartPolicy Never: Completed/Succeeded and Error/Failed", () => {
  const c = cluster({ nodes: [{ name: "node01" }], systemPods: false });
  pod(c, "ok", { restartPolicy: "Never", containers: [{ name: "c", image: "busybox", command: ["sh", "-c", "echo hello; sleep 2"] }] });
  pod(c, "ko", { restartPolicy: "Never", containers: [{ name: "c", image: "busybox", command: ["sh", "-c", "echo boom; exit 3"] }] });
  c.advanceTo(T0 + 20_000);
  const ok = getPod(c, "ok");
  const ko = getPod(c, "ko");
  assert.deepEqual([ok.status.phase, podStatus(ok)], ["Succeeded", "Completed"]);
  assert.deepEqual([ko.status.phase, podStatus(ko)], ["Failed", "Error"]);
  assert.equal(ko.status.containerStatuses[0].state.terminated.exitCode, 3);
  const ready = ok.status.conditions.find((x: any) => x.type === "Ready");
  assert.deepEqual([ready.status, ready.reason], ["False", "PodCompleted"]);
});
