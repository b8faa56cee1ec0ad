import { test } from "node:test";
import assert from "node:assert/strict";
import { Learner, events } from "./harness.ts";

test("a failing liveness probe restarts the container into CrashLoopBackOff with Unhealthy/Killing/BackOff events", async () => {
  const l = new Learner(8);
  await l.write("live.yaml", `apiVersion: v1
kind: Pod
metadata:
  name: live
spec:
  containers:
  - name: nginx
    image: nginx:1.27
    livenessProbe:
      httpGet:
        path: /healthz
        port: 80
      initialDelaySeconds: 3
      periodSeconds: 3
      failureThreshold: 2`);
  assert.equal(await l.ok("kubectl apply -f live.yaml"), "pod/live created\n");
  await l.sleep(15);
  const first = await l.ok("kubectl get pod live");
  assert.match(first, /^NAME +READY +STATUS +RESTARTS +AGE\nlive +1\/1 +Running +1 \(\d+s ago\) +15s\n$/);
  await l.sleep(120);
  const out = await l.ok("kubectl get pod live");
  const m = /^live +0\/1 +CrashLoopBackOff +(\d+) \((\d+)s ago\) +2m15s$/m.exec(out);
  assert.ok(m, out);
  assert.ok(Number(m[1]) >= 3, `restarts ${m[1]}`);
  // The RESTARTS header widens to fit `N (Xs ago)`.
  assert.match(out, /^NAME +READY +STATUS +RESTARTS +AGE$/m);

  const d = await l.ok("kubectl describe pod live");
  assert.match(d, /^    State: +Waiting\n      Reason: +CrashLoopBackOff\n    Last State: +Terminated\n      Reason: +Completed\n      Exit Code: +0\n/m);
  assert.match(d, new RegExp(`^    Restart Count:  ${m[1]}$`, "m"));
  assert.match(d, /^    Liveness: +http-get http:\/\/:80\/healthz delay=3s timeout=1s period=3s #success=1 #failure=2$/m);
  const ev = events(d);
  const by = (reason: string) => ev.filter((e) => e[1] === reason);
  assert.equal(by("Unhealthy")[0][0], "Warning");
  assert.equal(by("Unhealthy")[0][4], "Liveness probe failed: HTTP probe failed with statuscode: 404");
  assert.equal(by("Killing")[0][0], "Normal");
  assert.equal(by("Killing")[0][4], "Container nginx failed liveness probe, will be restarted");
  assert.match(by("Killing")[0][2], /^\d+s \(x\d+ over \d+m?\d*s\)$/);
  const uid = await l.ok("kubectl get pod live -o jsonpath='{.metadata.uid}'");
  assert.equal(by("BackOff")[0][0], "Warning");
  assert.equal(by("BackOff")[0][4], `Back-off restarting failed container nginx in pod live_default(${uid})`);
  assert.deepEqual(by("Pulled").map((e) => e[4]), [
    'Successfully pulled image "nginx:1.27" in ' + /in (\S+) \(/.exec(by("Pulled")[0][4])![1] + " (" + /in (\S+) \(/.exec(by("Pulled")[0][4])![1] + ' including waiting). Image size: 72195292 bytes.',
    'Container image "nginx:1.27" already present on machine',
  ]);
  assert.equal(by("Created")[0][4], "Created container: nginx");
  assert.equal(by("Started")[0][4], "Started container nginx");
  // The waiting message carries the back-off.
  assert.match(await l.ok("kubectl get pod live -o jsonpath='{.status.containerStatuses[0].state.waiting.message}'"), new RegExp(`^back-off (10s|20s|40s|1m20s|2m40s|5m0s) restarting failed container=nginx pod=live_default\\(${uid}\\)$`));
});
