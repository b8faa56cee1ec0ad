import { test } from "node:test";
import assert from "node:assert/strict";
import { Learner } from "../scenarios/harness.ts";

// kuberuntime computePodActions: a changed container hash kills the container ("definition
// changed, will be restarted") and starts it again, whatever the restart policy.
test("kubectl set image on a running pod restarts that container from the new image", async () => {
  const l = new Learner(31);
  await l.ok("kubectl run nginx --image=nginx --restart=Never --port=80");
  await l.ok("kubectl wait --for=condition=Ready pod/nginx --timeout=90s");
  assert.equal(await l.ok("kubectl set image pod/nginx nginx=nginx:1.24.0"), "pod/nginx image updated\n");
  // Until the restart, the status reports the image that runs.
  assert.equal(await l.ok("kubectl get po nginx -o jsonpath='{.status.containerStatuses[0].image}'"), "docker.io/library/nginx:latest");
  await l.sleep(5);
  assert.equal(
    await l.ok("kubectl get po nginx -o jsonpath='{.status.containerStatuses[0].restartCount} {.status.containerStatuses[0].image} {.status.containerStatuses[0].lastState.terminated.exitCode} {.status.phase}'"),
    "1 docker.io/library/nginx:1.24.0 0 Running",
  );
  const events = await l.ok("kubectl get events --field-selector involvedObject.name=nginx --sort-by=.metadata.creationTimestamp -o custom-columns=REASON:.reason,MESSAGE:.message --no-headers");
  const after = events.split("\n").map((x) => x.replace(/ {2,}/, "|")).filter(Boolean);
  const k = after.findIndex((x) => x.startsWith("Killing|"));
  assert.equal(after[k], "Killing|Container nginx definition changed, will be restarted");
  assert.deepEqual(after.slice(k + 1).map((x) => x.split("|")[0]), ["Pulling", "Pulled"]);
  assert.match(after[k + 1], /Pulling image "nginx:1\.24\.0"/);
  // Created/Started of the new container are the same events again (count 2).
  assert.equal(await l.ok("kubectl get events --field-selector involvedObject.name=nginx,reason=Started -o jsonpath='{.items[0].count}'"), "2");
  assert.equal(await l.ok("kubectl get events --field-selector involvedObject.name=nginx,reason=Created -o jsonpath='{.items[0].count}'"), "2");
  assert.equal(await l.ok("kubectl get po nginx -o jsonpath='{.status.containerStatuses[0].ready}'"), "true");
});

test("ls of a missing path in a container command: busybox/GNU error on stderr reaches kubectl logs", async () => {
  const l = new Learner(32);
  await l.ok("kubectl run busybox --restart=Never --image=busybox -- /bin/sh -c 'ls /notexist'");
  await l.ok("kubectl run deb --restart=Never --image=nginx -- sh -c 'ls /nope'");
  await l.ok("kubectl run fine --restart=Never --image=busybox -- sh -c 'ls /etc/hostname /tmp /usr/bin'");
  await l.sleep(10);
  assert.equal(await l.ok("kubectl logs busybox"), "ls: /notexist: No such file or directory\n");
  assert.equal(await l.ok("kubectl get po busybox -o jsonpath='{.status.containerStatuses[0].state.terminated.exitCode}'"), "1");
  assert.equal(await l.ok("kubectl logs deb"), "ls: cannot access '/nope': No such file or directory\n");
  assert.equal(await l.ok("kubectl get po deb -o jsonpath='{.status.containerStatuses[0].state.terminated.exitCode}'"), "2");
  assert.equal(await l.ok("kubectl logs fine"), "/etc/hostname\n");
  assert.equal((await l.rows("po fine"))[0][2], "Completed");
});

test("a loop appending a counter to a file writes each iteration's value", async () => {
  const l = new Learner(33);
  await l.ok(`kubectl run c --image=busybox -- /bin/sh -c 'i=0; while true; do echo "$i: tick" >> /tmp/1.log; i=$((i+1)); sleep 1; done'`);
  await l.sleep(8);
  assert.equal(await l.ok("kubectl exec c -- head -3 /tmp/1.log"), "0: tick\n1: tick\n2: tick\n");
});

test("busybox ships its /etc/passwd (cut and write it into a shared emptyDir)", async () => {
  const l = new Learner(34);
  await l.ok("kubectl run b --image=busybox -- sleep 3600");
  await l.ok("kubectl wait --for=condition=Ready pod/b --timeout=90s");
  assert.equal(await l.ok("kubectl exec b -- head -1 /etc/passwd"), "root:x:0:0:root:/root:/bin/sh\n");
  assert.equal(await l.ok("kubectl exec b -- sh -c \"cut -f 1 -d ':' /etc/passwd | tail -1\""), "nobody\n");
});
