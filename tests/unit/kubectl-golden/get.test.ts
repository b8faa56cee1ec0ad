// Golden: kubectl get. The sandbox reproduces the fake API server's state of
// /work/shared/reference/kubectl-probe (one pod `x`, label run=x, image nginx, Running, 62m
// old, nothing else in `default` but the kubernetes service), and the expected texts are what
// the real kubectl 1.32 printed against that server: transcripts/getflags.txt for the first
// group; the second group was captured the same way (fakeapi.js on 127.0.0.1:18080 +
// kubeconfig.yaml, real kubectl 1.32.5) for this test, with the age (the fake server's
// wall-clock) written as the 62m the transcripts show.
import { test } from "node:test";
import assert from "node:assert/strict";
import { Sandbox } from "../../../lab-engine/sandbox/sandbox.ts";
import { VirtualClock } from "../../../lab-engine/clock/clock.ts";

async function podX(): Promise<Sandbox> {
  const sb = Sandbox.create({ seed: 1, clock: new VirtualClock() });
  assert.equal((await sb.run("kubectl run x --image=nginx")).exitCode, 0);
  await sb.run("sleep 3720");
  return sb;
}

const H = "NAME   READY   STATUS    RESTARTS   AGE\n";
const X = "x      1/1     Running   0          62m\n";

const CASES: [string, string, string, number][] = [
  // transcripts/getflags.txt
  ["get pods --show-labels", "NAME   READY   STATUS    RESTARTS   AGE   LABELS\nx      1/1     Running   0          62m   run=x\n", "", 0],
  ["get pods -L run", "NAME   READY   STATUS    RESTARTS   AGE   RUN\nx      1/1     Running   0          62m   x\n", "", 0],
  ["get pods --sort-by=.metadata.name", H + X, "", 0],
  ["get pods -o name", "pod/x\n", "", 0],
  ["get pods -o custom-columns=N:.metadata.name,IMG:.spec.containers[0].image", "N     IMG\nx     nginx\n", "", 0],
  ["get pods --no-headers", "x     1/1   Running   0     62m\n", "", 0],
  ["get pods,deploy", "NAME    READY   STATUS    RESTARTS   AGE\npod/x   1/1     Running   0          62m\n", "", 0],
  // captured against fakeapi.js with the real kubectl 1.32.5
  ["get pods,svc x", H + X, 'Error from server (NotFound): services "x" not found\n', 1],
  ["get pods x nope", H + X, 'Error from server (NotFound): pods "nope" not found\n', 1],
  ["get po/x svc/nope", H + X, 'Error from server (NotFound): services "nope" not found\n', 1],
  ["get pods --show-kind", "NAME    READY   STATUS    RESTARTS   AGE\npod/x   1/1     Running   0          62m\n", "", 0],
  ["get pods,deploy -o name", "pod/x\n", "", 0],
  ["get pods -o jsonpath='{.items[*].metadata.name}'", "x", "", 0],
  ["get pods --field-selector=status.phase=Running", H + X, "", 0],
  ["get pods -l 'run in (x,y)'", H + X, "", 0],
  ["get pod nope", "", 'Error from server (NotFound): pods "nope" not found\n', 1],
  ["get deploy", "", "No resources found in default namespace.\n", 0],
  ["get foo", "", 'error: the server doesn\'t have a resource type "foo"\n', 1],
];

test("get: whole stdout, stderr and exit code match kubectl 1.32", async (t) => {
  const sb = await podX();
  for (const [args, stdout, stderr, exitCode] of CASES) {
    await t.test(`kubectl ${args}`, async () => {
      const r = await sb.run("kubectl " + args);
      assert.deepEqual({ stdout: r.stdout, stderr: r.stderr, exitCode: r.exitCode }, { stdout, stderr, exitCode });
    });
  }
});
