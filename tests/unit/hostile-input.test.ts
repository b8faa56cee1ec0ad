// Input that JavaScript treats specially must stay ordinary input.
// - Names that are also members of Object.prototype (`constructor`, `toString`, `__proto__`) are
//   ordinary words to bash and kubectl: `constructor` at the prompt once crashed the shell's
//   alias expansion, and a manifest's `spec.constructor` passed strict field validation.
// - Bytes that are not UTF-8 (secret data is arbitrary bytes) decode to U+FFFD.
import { test } from "node:test";
import assert from "node:assert/strict";
import { Sandbox } from "../../lab-engine/sandbox/sandbox.ts";
import { VirtualClock } from "../../lab-engine/clock/clock.ts";

const sandbox = () => Sandbox.create({ seed: 1, clock: new VirtualClock() });

test("shell: prototype member names are unknown commands, empty variables, plain alias names", async () => {
  const sb = sandbox();
  for (const name of ["toString", "constructor", "hasOwnProperty", "__proto__"]) {
    assert.deepEqual(await sb.run(name), { stdout: "", stderr: `bash: ${name}: command not found\n`, exitCode: 127 });
  }
  assert.deepEqual(await sb.run('echo "[$constructor][$toString]"'), { stdout: "[][]\n", stderr: "", exitCode: 0 });
  assert.deepEqual(await sb.run("type constructor"), { stdout: "", stderr: "bash: type: constructor: not found\n", exitCode: 1 });
  assert.deepEqual(await sb.run("unalias constructor"), { stdout: "", stderr: "bash: unalias: constructor: not found\n", exitCode: 1 });
  assert.equal((await sb.run("export constructor=1; env | grep constructor")).stdout, "constructor=1\n");
  assert.equal((await sb.run("alias toString='echo aliased'; toString")).stdout, "aliased\n");
  // Tables replaced after start-up stay prototype-free too: `unalias -a`, `bash script`.
  assert.deepEqual(await sb.run("unalias -a; constructor"), { stdout: "", stderr: "bash: constructor: command not found\n", exitCode: 127 });
  sb.fs.writeFile("/root/s.sh", "constructor\necho after\n");
  assert.equal((await sb.run("bash s.sh")).stdout, "after\n");
});

test("container shells: prototype member names are unknown commands and empty variables", async () => {
  const sb = sandbox();
  await sb.run("kubectl run b --image=busybox -- sleep 3600");
  await sb.run("sleep 10");
  assert.deepEqual(await sb.run(`kubectl exec b -- sh -c 'echo "[$constructor]"; constructor'`), {
    stdout: "[]\n",
    stderr: "sh: constructor: not found\ncommand terminated with exit code 127\n",
    exitCode: 127,
  });
});

test("shell: state restored from a snapshot keeps its tables prototype-free", async () => {
  const sb = sandbox();
  await sb.run("alias kk=kubectl");
  const back = Sandbox.restore(JSON.parse(JSON.stringify(sb.snapshot())), new VirtualClock());
  assert.deepEqual(await back.run("constructor"), { stdout: "", stderr: "bash: constructor: command not found\n", exitCode: 127 });
  assert.equal((await back.run("alias kk")).stdout, "alias kk='kubectl'\n");
});

test("kubectl: prototype member names are unknown commands, fields and labels", async () => {
  const sb = sandbox();
  assert.deepEqual(await sb.run("kubectl constructor"), {
    stdout: "",
    stderr: `Error: unknown command "constructor" for "kubectl"\nRun 'kubectl --help' for usage.\n`,
    exitCode: 1,
  });
  assert.deepEqual(await sb.run("kubectl set constructor"), {
    stdout: "",
    stderr: `error: unknown command "constructor"\nSee 'kubectl set -h' for help and examples\n`,
    exitCode: 1,
  });
  assert.deepEqual(await sb.run("kubectl explain pods.spec.toString"), { stdout: "", stderr: 'error: field "toString" does not exist\n', exitCode: 1 });
  const pod = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: q\nspec:\n  constructor: 1\n  containers:\n  - name: c\n    image: nginx\n";
  sb.fs.writeFile("/root/q.yaml", pod);
  const r = await sb.run("kubectl apply -f q.yaml");
  assert.equal(r.exitCode, 1);
  assert.match(r.stderr, /strict decoding error: unknown field "spec\.constructor"/);
  assert.deepEqual(await sb.run("kubectl label ns default constructor=x"), { stdout: "namespace/default labeled\n", stderr: "", exitCode: 0 });
  assert.match((await sb.run("kubectl get ns default --show-labels")).stdout, /constructor=x/);
});

test("secret data that is not UTF-8 decodes to U+FFFD everywhere instead of breaking the sandbox", async () => {
  // f7 bf bf bf would be code point 0x1FFFFF: the kubelet used to throw on it at every sync.
  const sb = sandbox();
  sb.fs.writeFile("/root/bad.yaml", "apiVersion: v1\nkind: Secret\nmetadata:\n  name: bad\ndata:\n  k: 97+/vw==\n");
  assert.equal((await sb.run("kubectl apply -f bad.yaml")).exitCode, 0);
  const pod = { apiVersion: "v1", kind: "Pod", metadata: { name: "e" }, spec: { restartPolicy: "Never", containers: [{ name: "e", image: "busybox", command: ["sh", "-c", "echo $K"], env: [{ name: "K", valueFrom: { secretKeyRef: { name: "bad", key: "k" } } }] }] } };
  sb.fs.writeFile("/root/e.json", JSON.stringify(pod));
  assert.equal((await sb.run("kubectl apply -f e.json")).exitCode, 0);
  await sb.run("sleep 10");
  assert.equal((await sb.run("kubectl logs e")).stdout, "\uFFFD".repeat(4) + "\n");
  assert.match((await sb.run("kubectl get pod e")).stdout, /e +0\/1 +Completed/);
  assert.deepEqual(await sb.run(`kubectl get secret bad -o go-template='{{.data.k | base64decode}}'`), { stdout: "\uFFFD".repeat(4), stderr: "", exitCode: 0 });
});
