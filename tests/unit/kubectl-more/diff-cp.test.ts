import { test } from "node:test";
import assert from "node:assert/strict";
import { Sandbox } from "../../../lab-engine/sandbox/sandbox.ts";
import { VirtualClock } from "../../../lab-engine/clock/clock.ts";
import { unifiedHunks } from "../../../lab-engine/kubectl/commands/unified-diff.ts";

test("unified diff hunks follow diffutils", () => {
  assert.equal(unifiedHunks("a\nb\nc\n", "a\nB\nc\n"), "@@ -1,3 +1,3 @@\n a\n-b\n+B\n c\n");
  assert.equal(unifiedHunks("", "x\n"), "@@ -0,0 +1 @@\n+x\n");
  assert.equal(unifiedHunks("same\n", "same\n"), "");
});

test("diff -f: exit 0 when equal, 1 with a unified diff when not", async () => {
  const sb = Sandbox.create({ seed: 1, clock: new VirtualClock() });
  await sb.run("kubectl create deploy web --image=nginx --dry-run=client -o yaml > d.yaml");
  await sb.run("kubectl apply -f d.yaml");
  await sb.run("sleep 5");
  assert.deepEqual(await sb.run("kubectl diff -f d.yaml"), { stdout: "", stderr: "", exitCode: 0 });
  await sb.run("sed -i 's/replicas: 1/replicas: 3/' d.yaml");
  const r = await sb.run("kubectl diff -f d.yaml");
  assert.equal(r.exitCode, 1);
  assert.match(r.stdout, /^diff -u -N \/tmp\/LIVE-\d+\/apps\.v1\.Deployment\.default\.web \/tmp\/MERGED-\d+\/apps\.v1\.Deployment\.default\.web\n--- \/tmp\/LIVE-\d+\/apps\.v1\.Deployment\.default\.web\t2026-11-21 22:00:05\.000000000 \+0000\n/);
  assert.match(r.stdout, /\n-  generation: 1\n\+  generation: 2\n/);
  assert.match(r.stdout, /\n-  replicas: 1\n\+  replicas: 3\n/);
});

test("cp both ways and exec writes persist in the running container", async () => {
  const sb = Sandbox.create({ seed: 1, clock: new VirtualClock() });
  await sb.run("kubectl run w --image=nginx");
  await sb.run("sleep 10");
  await sb.run("echo hi > f.txt");
  assert.deepEqual(await sb.run("kubectl cp f.txt w:/tmp/f.txt"), { stdout: "", stderr: "", exitCode: 0 });
  assert.equal((await sb.run("kubectl exec w -- cat /tmp/f.txt")).stdout, "hi\n");
  assert.deepEqual(await sb.run("kubectl cp w:/tmp/f.txt g.txt"), { stdout: "", stderr: "tar: Removing leading `/' from member names\n", exitCode: 0 });
  assert.equal((await sb.run("cat g.txt")).stdout, "hi\n");
  assert.equal((await sb.run("kubectl cp nope.txt w:/tmp/")).stderr, "error: nope.txt doesn't exist in local filesystem\n");
  await sb.run("kubectl exec w -- sh -c 'echo hello > /tmp/x'");
  assert.equal((await sb.run("kubectl exec w -- cat /tmp/x")).stdout, "hello\n");
});
