// Golden: write commands (apply, create -f, delete, label, annotate, scale, expose, set image,
// rollout). Expected texts are real kubectl 1.32 output: transcripts/apply.txt,
// create-then-apply.txt and imperative.txt of /work/shared/reference/kubectl-probe (manifests
// copied to fixtures/manifests), and, for label/annotate/delete, output captured for this test
// from the real kubectl 1.32.5 against that folder's fakeapi.js (a pod `x` labelled run=x).
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { Sandbox } from "../../../lab-engine/sandbox/sandbox.ts";
import { VirtualClock } from "../../../lab-engine/clock/clock.ts";

const here = dirname(fileURLToPath(import.meta.url));

function sandbox(): Sandbox {
  const sb = Sandbox.create({ seed: 1, clock: new VirtualClock() });
  sb.fs.mkdir("/root/manifests", { parents: true });
  for (const f of ["deploy-v1.yaml", "deploy-v2.yaml"]) sb.fs.writeFile(`/root/manifests/${f}`, readFileSync(join(here, "fixtures/manifests", f), "utf8"));
  return sb;
}

type Case = [string, string, string, number];

async function check(t: any, sb: Sandbox, cases: Case[]): Promise<void> {
  for (const [args, stdout, stderr, exitCode] of cases) {
    await t.test(args, async () => {
      const r = await sb.run(args);
      assert.deepEqual({ stdout: r.stdout, stderr: r.stderr, exitCode: r.exitCode }, { stdout, stderr, exitCode });
    });
  }
}

const MISSING_LAST_APPLIED =
  "Warning: resource deployments/app is missing the kubectl.kubernetes.io/last-applied-configuration annotation which is required by kubectl apply. kubectl apply should only be used on resources created declaratively by either kubectl create --save-config or kubectl apply. The missing annotation will be patched automatically.\n";
const FORCE_WARNING = "Warning: Immediate deletion does not wait for confirmation that the running resource has been terminated. The resource may continue to run on the cluster indefinitely.\n";

test("apply: created, configured, unchanged (transcripts/apply.txt)", async (t) => {
  await check(t, sandbox(), [
    ["kubectl apply -f manifests/deploy-v1.yaml", "deployment.apps/app created\n", "", 0],
    ["kubectl apply -f manifests/deploy-v2.yaml", "deployment.apps/app configured\n", "", 0],
    ["kubectl apply -f manifests/deploy-v2.yaml", "deployment.apps/app unchanged\n", "", 0],
    // after an imperative change the live object differs from the manifest again
    ["kubectl scale deploy app --replicas=1", "deployment.apps/app scaled\n", "", 0],
    ["kubectl apply -f manifests/deploy-v2.yaml", "deployment.apps/app configured\n", "", 0],
    ["kubectl apply -f manifests/deploy-v2.yaml", "deployment.apps/app unchanged\n", "", 0],
  ]);
});

test("create then apply (transcripts/create-then-apply.txt)", async (t) => {
  await check(t, sandbox(), [
    ["kubectl create -f manifests/deploy-v1.yaml", "deployment.apps/app created\n", "", 0],
    ["kubectl create -f manifests/deploy-v1.yaml", "", 'Error from server (AlreadyExists): error when creating "manifests/deploy-v1.yaml": deployments.apps "app" already exists\n', 1],
    ["kubectl apply -f manifests/deploy-v1.yaml", "deployment.apps/app configured\n", MISSING_LAST_APPLIED, 0],
    ["kubectl apply -f manifests/deploy-v1.yaml", "deployment.apps/app unchanged\n", "", 0],
  ]);
});

test("imperative writes (transcripts/imperative.txt)", async (t) => {
  await check(t, sandbox(), [
    ["kubectl create deployment web --image=nginx", "deployment.apps/web created\n", "", 0],
    ["kubectl expose deployment web --port=80", "service/web exposed\n", "", 0],
    ["kubectl scale deploy web --replicas=3", "deployment.apps/web scaled\n", "", 0],
    ["kubectl set image deploy/web nginx=nginx:1.28", "deployment.apps/web image updated\n", "", 0],
    ["kubectl rollout undo deploy/web", "deployment.apps/web rolled back\n", "", 0],
    ["kubectl rollout undo deploy/web --to-revision=9", "", "error: unable to find specified revision 9 in history\n", 1],
  ]);
});

test("label, annotate, delete (real kubectl 1.32.5 against fakeapi.js)", async (t) => {
  const sb = sandbox();
  await sb.run("kubectl run x --image=nginx");
  await check(t, sb, [
    ["kubectl label pod x run=y", "", "error: 'run' already has a value (x), and --overwrite is false\n", 1],
    ["kubectl label pod x run=x", "pod/x not labeled\n", "", 0],
    ["kubectl label pod x run=y --overwrite", "pod/x labeled\n", "", 0],
    ["kubectl label pod x run-", "pod/x unlabeled\n", "", 0],
    ["kubectl annotate pod x a=b", "pod/x annotated\n", "", 0],
    ["kubectl label pod x a=b c=d", "pod/x labeled\n", "", 0],
    ["kubectl label pod x a=b c", "", "error: all resources must be specified before label changes: c\n", 1],
    ["kubectl delete pod x y", 'pod "x" deleted\n', 'Error from server (NotFound): pods "y" not found\n', 1],
    ["kubectl delete pods -l run=x", "No resources found\n", "", 0],
    ["kubectl delete pod nope", "", 'Error from server (NotFound): pods "nope" not found\n', 1],
    ["kubectl run z --image=nginx", "pod/z created\n", "", 0],
    ["kubectl delete pod z --force --grace-period=0", 'pod "z" force deleted\n', FORCE_WARNING, 0],
    ["kubectl delete pod z --force", "", FORCE_WARNING + 'Error from server (NotFound): pods "z" not found\n', 1],
    ["kubectl delete pods --all", "No resources found\n", "", 0],
  ]);
});

// patch/replace: message formats from kubectl 1.32's patch.go ("patched (no change)" when the
// server returns the object unchanged) and replace.go (--force: delete message, then
// "replaced"); not captured (the fake API server does not implement PATCH semantics).
test("patch (three types, no change) and replace --force", async (t) => {
  const sb = sandbox();
  await sb.run("kubectl run x --image=nginx");
  await check(t, sb, [
    [`kubectl patch pod x -p '{"metadata":{"labels":{"run":"x"}}}'`, "pod/x patched (no change)\n", "", 0],
    [`kubectl patch pod x --type=merge -p '{"metadata":{"labels":{"a":"b"}}}'`, "pod/x patched\n", "", 0],
    [`kubectl patch pod x --type=json -p '[{"op":"remove","path":"/metadata/labels/a"}]'`, "pod/x patched\n", "", 0],
    [`kubectl patch pod x --type=json -p '[]'`, "pod/x patched (no change)\n", "", 0],
    ["kubectl get pod x -o yaml > p.yaml", "", "", 0],
    ["kubectl replace --force -f p.yaml", 'pod "x" deleted\npod/x replaced\n', "", 0],
    ["kubectl scale deploy nope --replicas=2", "", 'Error from server (NotFound): deployments.apps "nope" not found\n', 1],
  ]);
});
