// postStart hooks (exec, httpGet, sleep; FailedPostStartHook), exec probe timeouts, and the
// nginx/httpd images' own files served as they change.

import { test } from "node:test";
import assert from "node:assert/strict";
import "../../../lab-engine/network/commands.ts";
import { cluster, pod, getPod, eventLines, podStatus, T0 } from "./helpers.ts";
import { containerFs, httpGetPod } from "../../../lab-engine/kubelet/api.ts";
import { NGINX_WELCOME } from "../../../lab-engine/kubelet/images.ts";
import { Sandbox } from "../../../lab-engine/sandbox/sandbox.ts";
import { VirtualClock } from "../../../lab-engine/clock/clock.ts";

const one = () => cluster({ nodes: [{ name: "node01" }], systemPods: false });

test("postStart exec (the k8s docs example): ContainerCreating while it runs, its file stays in the container", () => {
  const c = one();
  pod(c, "lifecycle-demo", {
    containers: [{ name: "lifecycle-demo-container", image: "nginx", lifecycle: { postStart: { exec: { command: ["/bin/sh", "-c", "echo Hello from the postStart handler > /usr/share/message; sleep 5"] } } } }],
  });
  c.advanceTo(T0 + 4000);
  const p = getPod(c, "lifecycle-demo");
  assert.equal(podStatus(p), "ContainerCreating");
  assert.deepEqual(p.status.containerStatuses[0].state, { waiting: { reason: "ContainerCreating" } });
  assert.ok(eventLines(c, "lifecycle-demo").includes("Normal Started kubelet: Started container lifecycle-demo-container"));
  c.advanceTo(T0 + 10_000);
  assert.equal(podStatus(getPod(c, "lifecycle-demo")), "Running");
  assert.equal(containerFs(c, getPod(c, "lifecycle-demo"))["/usr/share/message"], "Hello from the postStart handler\n");
});

test("a failing postStart exec: FailedPostStartHook, Killing, PostStartHookError with the handler message, then CrashLoopBackOff", () => {
  const c = one();
  const p0 = pod(c, "bad", { containers: [{ name: "c", image: "busybox:1.36", command: ["sleep", "3600"], lifecycle: { postStart: { exec: { command: ["/bin/sh", "-c", "echo oops >&2; exit 3"] } } } }] });
  c.advanceTo(T0 + 5000);
  const p = getPod(c, "bad");
  assert.equal(podStatus(p), "PostStartHookError");
  assert.deepEqual(p.status.containerStatuses[0].state.waiting, {
    reason: "PostStartHookError",
    message: `Exec lifecycle hook ([/bin/sh -c echo oops >&2; exit 3]) for Container "c" in Pod "bad_default(${p0.metadata.uid})" failed - error: command '/bin/sh -c echo oops >&2; exit 3' exited with 3: oops\n, message: "oops\\n"`,
  });
  const ev = eventLines(c, "bad");
  assert.deepEqual(ev.slice(-2), ["Warning FailedPostStartHook kubelet: PostStartHook failed", "Normal Killing kubelet: FailedPostStartHook"]);
  // `sleep` ignores SIGTERM as PID 1: killed at the end of the 30 s grace period, then restarted with back-off.
  c.advanceTo(T0 + 120_000);
  const after = getPod(c, "bad").status.containerStatuses[0];
  assert.equal(after.lastState.terminated.exitCode, 137);
  assert.ok(after.restartCount >= 1);
  assert.equal(podStatus(getPod(c, "bad")), after.state.waiting?.reason ?? podStatus(getPod(c, "bad")));
});

test("postStart httpGet on a port nothing listens on: the Go client's connection refused in the handler message", () => {
  const c = one();
  const p0 = pod(c, "hook-http", { containers: [{ name: "web", image: "nginx:1.27", lifecycle: { postStart: { httpGet: { path: "/started", port: 8080 } } } }] });
  // nginx exits at once on SIGTERM: PostStartHookError shows only while the kill is under way.
  for (let t = 500; t < 5000; t += 10) {
    c.advanceTo(T0 + t);
    const p = getPod(c, "hook-http");
    const w = p.status.containerStatuses?.[0]?.state?.waiting;
    if (w?.reason !== "PostStartHookError") continue;
    const ip = p.status.podIP;
    assert.equal(w.message, `HTTP lifecycle hook (/started) for Container "web" in Pod "hook-http_default(${p0.metadata.uid})" failed - error: Get "http://${ip}:8080/started": dial tcp ${ip}:8080: connect: connection refused`);
    assert.deepEqual(eventLines(c, "hook-http").slice(-2), ["Warning FailedPostStartHook kubelet: PostStartHook failed", "Normal Killing kubelet: FailedPostStartHook"]);
    return;
  }
  assert.fail("never PostStartHookError");
});

test("postStart httpGet to the container's own nginx port and a sleep hook succeed (the handler ignores the status code)", () => {
  const c = one();
  pod(c, "ok-http", { containers: [{ name: "web", image: "nginx:1.27", lifecycle: { postStart: { httpGet: { path: "/nope", port: 80 } } } }] });
  pod(c, "ok-sleep", { containers: [{ name: "web", image: "nginx:1.27", lifecycle: { postStart: { sleep: { seconds: 3 } } } }] });
  c.advanceTo(T0 + 4000);
  assert.equal(podStatus(getPod(c, "ok-http")), "Running");
  assert.equal(podStatus(getPod(c, "ok-sleep")), "ContainerCreating");
  c.advanceTo(T0 + 8000);
  assert.equal(podStatus(getPod(c, "ok-sleep")), "Running");
  assert.ok(!eventLines(c, "ok-http").some((l) => l.includes("FailedPostStartHook")));
});

test("exec probe slower than timeoutSeconds: `command \"...\" timed out`, and the liveness kill", () => {
  const c = one();
  pod(c, "slow", { containers: [{ name: "c", image: "busybox:1.36", command: ["sleep", "3600"], livenessProbe: { exec: { command: ["sh", "-c", "sleep 2"] }, timeoutSeconds: 1, periodSeconds: 5 } }] });
  pod(c, "patient", { containers: [{ name: "c", image: "busybox:1.36", command: ["sleep", "3600"], livenessProbe: { exec: { command: ["sh", "-c", "sleep 2"] }, timeoutSeconds: 3, periodSeconds: 5 } }] });
  c.advanceTo(T0 + 20_000);
  const ev = eventLines(c, "slow");
  assert.ok(ev.includes('Warning Unhealthy kubelet: Liveness probe failed: command "sh -c sleep 2" timed out (x3)'), ev.join("\n"));
  assert.ok(ev.includes("Normal Killing kubelet: Container c failed liveness probe, will be restarted"));
  assert.ok(!eventLines(c, "patient").some((l) => l.includes("Unhealthy")));
});

test("nginx image files: welcome page and 50x.html in the web root, default.conf, and nginx serves what is there now", () => {
  const c = one();
  pod(c, "web", { containers: [{ name: "nginx", image: "nginx:1.27" }] });
  c.advanceTo(T0 + 5000);
  const p = getPod(c, "web");
  const fs = containerFs(c, p);
  assert.equal(fs["/usr/share/nginx/html/index.html"], NGINX_WELCOME);
  assert.match(fs["/usr/share/nginx/html/50x.html"], /<h1>An error occurred\.<\/h1>/);
  assert.match(fs["/etc/nginx/conf.d/default.conf"], /location \/ \{\n        root   \/usr\/share\/nginx\/html;\n        index  index.html index.htm;\n    \}/);
  assert.equal(httpGetPod(c, p, 80, "/")?.body, NGINX_WELCOME);
  assert.equal(httpGetPod(c, p, 80, "/50x.html")?.status, 200);
  assert.equal(httpGetPod(c, p, 80, "/ready.html")?.status, 404);
  assert.equal(httpGetPod(c, p, 80, "/ready.html")?.body, "<html>\n<head><title>404 Not Found</title></head>\n<body>\n<center><h1>404 Not Found</h1></center>\n<hr><center>nginx/1.27.3</center>\n</body>\n</html>\n");
});

test("httpd image: htdocs/index.html is \"It works!\", and a ConfigMap mounted over the web root replaces it", () => {
  const c = one();
  pod(c, "h", { containers: [{ name: "httpd", image: "httpd:2.4" }] });
  c.api.create("configmaps", { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "site" }, data: { "index.html": "custom\n" } } as any);
  pod(c, "h2", { volumes: [{ name: "site", configMap: { name: "site" } }], containers: [{ name: "httpd", image: "httpd:2.4", volumeMounts: [{ name: "site", mountPath: "/usr/local/apache2/htdocs" }] }] });
  c.advanceTo(T0 + 5000);
  assert.equal(containerFs(c, getPod(c, "h"))["/usr/local/apache2/htdocs/index.html"], "<html><body><h1>It works!</h1></body></html>\n");
  assert.equal(httpGetPod(c, getPod(c, "h"), 80, "/")?.body, "<html><body><h1>It works!</h1></body></html>\n");
  assert.equal(httpGetPod(c, getPod(c, "h2"), 80, "/")?.body, "custom\n");
});

test("kubectl exec writes into nginx's web root: curl returns the file, a removed index gives 403, readiness on /ready.html passes", async () => {
  const sb = Sandbox.create({ seed: 5, clock: new VirtualClock(T0) });
  const sh = async (line: string) => {
    const r = await sb.run(line);
    return r.stdout + r.stderr;
  };
  await sh(`kubectl run web --image=nginx:1.27 --overrides='{"spec":{"containers":[{"name":"web","image":"nginx:1.27","readinessProbe":{"httpGet":{"path":"/ready.html","port":80},"periodSeconds":3}}]}}'`);
  await sh("sleep 10");
  assert.match(await sh("kubectl get pod web --no-headers"), /^web\s+0\/1\s+Running\s+0/);
  assert.equal(await sh("kubectl exec web -- ls /usr/share/nginx/html"), "50x.html\nindex.html\n");
  assert.equal(await sh("kubectl exec web -- sh -c 'echo ok > /usr/share/nginx/html/ready.html'"), "");
  assert.equal(await sh("kubectl exec web -- curl -s localhost/ready.html"), "ok\n");
  await sh("sleep 5");
  assert.match(await sh("kubectl get pod web --no-headers"), /^web\s+1\/1\s+Running\s+0/);
  await sh("kubectl exec web -- rm /usr/share/nginx/html/index.html");
  assert.equal(await sh("kubectl exec web -- curl -s -o /dev/null -w '%{http_code}' localhost/"), "403");
  assert.equal(await sh("kubectl exec web -- curl -s -o /dev/null -w '%{http_code}' localhost/50x.html"), "200");
});
