import { test } from "node:test";
import { cluster, pod } from "./helpers.ts";
import { trace, assertGolden } from "./trace.ts";

const one = () => cluster({ nodes: [{ name: "node01" }, { name: "node02" }], systemPods: false }, 11);

test("golden: nginx comes up", () => {
  const c = one();
  pod(c, "web", { containers: [{ name: "nginx", image: "nginx:1.27", ports: [{ containerPort: 80 }], readinessProbe: { httpGet: { path: "/", port: 80 }, periodSeconds: 5 } }] });
  assertGolden("nginx", trace(c, ["web"], 20_000));
});

test("golden: crash loop back-off timing", () => {
  const c = one();
  pod(c, "crash", { containers: [{ name: "crash", image: "busybox", command: ["sh", "-c", "echo boom; exit 1"] }] });
  assertGolden("crashloop", trace(c, ["crash"], 400_000, 500));
});

test("golden: image pull back-off", () => {
  const c = one();
  pod(c, "bad", { containers: [{ name: "nginx", image: "nginx:doesnotexist" }] });
  assertGolden("imagepull", trace(c, ["bad"], 200_000, 500));
});

test("golden: init container, then app; job-like pod completes", () => {
  const c = one();
  pod(c, "app", { initContainers: [{ name: "wait", image: "busybox:1.36", command: ["sh", "-c", "echo waiting; sleep 4"] }], containers: [{ name: "app", image: "nginx:1.27" }] });
  pod(c, "once", { restartPolicy: "OnFailure", containers: [{ name: "c", image: "busybox:1.36", command: ["sh", "-c", "echo hello; sleep 10"] }] });
  assertGolden("init-and-job", trace(c, ["app", "once"], 30_000, 250));
});

test("golden: delete a pod (grace period)", () => {
  const c = one();
  pod(c, "sleeper", { terminationGracePeriodSeconds: 10, containers: [{ name: "c", image: "busybox:1.36", command: ["sleep", "3600"] }] });
  c.advanceTo(c.now + 5000);
  c.api.delete("pods", "default", "sleeper");
  assertGolden("delete-grace", trace(c, ["sleeper"], 15_000, 500));
});
