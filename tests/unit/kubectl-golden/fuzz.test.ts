// Fuzz: random and hostile input through `sb.run`. Every command must end in bounded time,
// no exception may escape, the exit code is a number, a failure says something, and the
// sandbox stays usable (kubectl get nodes works, the snapshot serialises to JSON).
import { test } from "node:test";
import assert from "node:assert/strict";
import { Sandbox } from "../../../lab-engine/sandbox/sandbox.ts";
import { VirtualClock } from "../../../lab-engine/clock/clock.ts";

const LIMIT_MS = 5000;

function rng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return { next, int: (n: number) => Math.floor(next() * n), pick: <T>(xs: T[]): T => xs[Math.floor(next() * xs.length)] };
}

async function runBounded(sb: Sandbox, line: string): Promise<{ stdout: string; stderr: string; exitCode: number }> {
  const t0 = Date.now();
  let r;
  try {
    r = await sb.run(line);
  } catch (e) {
    assert.fail(`exception escaped for ${JSON.stringify(line.slice(0, 200))}: ${(e as Error)?.stack ?? e}`);
  }
  const ms = Date.now() - t0;
  assert.ok(ms < LIMIT_MS, `took ${ms} ms: ${JSON.stringify(line.slice(0, 200))}`);
  assert.equal(typeof r.exitCode, "number", line.slice(0, 200));
  if (r.exitCode !== 0) assert.ok(r.stdout.length + r.stderr.length > 0, `silent failure (exit ${r.exitCode}): ${JSON.stringify(line.slice(0, 200))}`);
  return r;
}

async function assertHealthy(sb: Sandbox): Promise<void> {
  const r = await runBounded(sb, "kubectl get nodes");
  assert.equal(r.exitCode, 0, r.stderr);
  assert.match(r.stdout, /^NAME +STATUS +ROLES +AGE +VERSION\ncontrolplane +Ready /);
  const snap = JSON.stringify(sb.snapshot());
  assert.ok(snap.length > 0);
  JSON.parse(snap);
}

/** Single-quote for the sandbox shell. */
const q = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

const VERBS = ["get", "describe", "create", "apply", "delete", "run", "expose", "label", "annotate", "scale", "patch", "replace", "rollout", "set", "config", "version", "api-resources", "edit", "logs", "exec", "top", "explain", "wait", "auth", "create deployment", "create secret generic", "create service clusterip", "rollout status", "set image", "config set-context"];
const TYPES = ["pods", "po", "deploy", "svc", "all", "nodes", "ns", "cm,secret", "pods,svc", "deployment.apps", "foo", "pod/x", "deploy/", "/x", ",", "", "jobs.batch/x"];
const FLAGS = ["-o", "-o=yaml", "-ojson", "-o=jsonpath={.items[*]}", "-o=jsonpath={", "-o=custom-columns=N:.x[", "-o=go-template={{.x", "-l", "-l=a in (b", "-l=!a,b notin (c)", "--selector=a=", "--field-selector=status.phase!=", "--sort-by=.metadata.name", "--sort-by={", "-A", "-n", "-n=kube-system", "-w", "--watch=false", "--replicas=-5", "--replicas=abc", "--image=", "--dry-run", "--dry-run=server", "--dry-run=bogus", "--force", "--grace-period=-1", "--timeout=1s", "--", "-it", "-f", "-f=-", "--type=json", "-p", "-p={", "--all", "--show-labels", "-L=a,b", "--no-headers", "--show-kind", "-h", "--help", "--v=9", "--context=nope", "--kubeconfig=/nope"];
const WORDS = ["x", "web", "名前", "ü", "😀", "a=b", "a-", "=", "-", "--", "\u0000", "\u202e", "$(echo hi)", "`x`", "a b", "*", "?", "[", "{", "}", "\\", "..", "../../etc/passwd", "kube-system", "9".repeat(40), "-".repeat(3), "x".repeat(300)];

test("fuzz: random kubectl argv never hangs, throws, or fails silently", async () => {
  const r = rng(1234);
  const sb = Sandbox.create({ seed: 3, clock: new VirtualClock() });
  await runBounded(sb, "kubectl create deployment web --image=nginx");
  for (let i = 0; i < 250; i++) {
    const parts: string[] = [r.pick(VERBS)];
    const n = r.int(6);
    for (let j = 0; j < n; j++) {
      const k = r.int(3);
      parts.push(k === 0 ? r.pick(TYPES) : k === 1 ? r.pick(FLAGS) : r.pick(WORDS));
    }
    // -w would wait forever on a real terminal; in machine mode it must still return, but keep
    // the fuzz focused on parsing rather than watch timeouts.
    const line = "kubectl " + parts.map((p) => q(p)).join(" ").replace(/'-w'|'--watch=false'/g, "--watch=false") + " </dev/null";
    await runBounded(sb, line);
  }
  await assertHealthy(sb);
});

test("fuzz: very long arguments and unicode", async () => {
  const sb = Sandbox.create({ seed: 4, clock: new VirtualClock() });
  await runBounded(sb, `kubectl get pods ${q("ö".repeat(100_000))}`);
  await runBounded(sb, `kubectl get ${q("x".repeat(100_000))}`);
  await runBounded(sb, `kubectl create configmap big --from-literal=k=${q("v".repeat(200_000))}`);
  await runBounded(sb, `kubectl label pods --all ${q("a".repeat(70_000) + "=b")}`);
  await runBounded(sb, `kubectl run ${q("ü名😀")} --image=nginx`);
  await runBounded(sb, `kubectl create ns ${q("\u202e\u0000")}`);
  await runBounded(sb, `kubectl ${Array.from({ length: 5000 }, () => "--v=1").join(" ")} get nodes`);
  await assertHealthy(sb);
});

test("fuzz: YAML alias bombs are rejected quickly", async () => {
  const sb = Sandbox.create({ seed: 5, clock: new VirtualClock() });
  let bomb = "a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n";
  for (let i = 1; i < 12; i++) bomb += `a${i}: &a${i} [${Array(10).fill(`*a${i - 1}`).join(", ")}]\n`;
  sb.fs.writeFile("/root/bomb.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: bomb\ndata:\n  " + bomb.replace(/\n(?=.)/g, "\n  "));
  sb.fs.writeFile("/root/bomb2.yaml", bomb);
  for (const cmd of ["kubectl apply -f bomb.yaml", "kubectl create -f bomb.yaml", "kubectl apply -f bomb2.yaml", "kubectl replace -f bomb.yaml", "kubectl delete -f bomb.yaml", "cat bomb.yaml | kubectl apply -f -"]) {
    const r = await runBounded(sb, cmd);
    assert.notEqual(r.exitCode, 0, cmd);
  }
  await assertHealthy(sb);
});

test("fuzz: 2 MB manifests", async () => {
  const sb = Sandbox.create({ seed: 6, clock: new VirtualClock() });
  const big = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: big\ndata:\n  k: " + "x".repeat(2 * 1024 * 1024) + "\n";
  // The workstation's files are capped at 1 MiB (EFBIG), so 2 MB reaches kubectl on stdin.
  await runBounded(sb, "kubectl apply -f - <<'EOF'\n" + big + "EOF");
  let many = "";
  for (let i = 0; many.length < 2 * 1024 * 1024; i++) many += `---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c${i}\ndata:\n  k: "${"y".repeat(2000)}"\n`;
  await runBounded(sb, "kubectl create -f - --dry-run=client -o name <<'EOF'\n" + many + "EOF");
  await runBounded(sb, "kubectl apply -f - <<'EOF'\n" + many + "EOF");
  await runBounded(sb, "kubectl delete -f - <<'EOF'\n" + many + "EOF");
  await assertHealthy(sb);
});

test("fuzz: 10k-level nesting in YAML and JSON", async () => {
  const sb = Sandbox.create({ seed: 7, clock: new VirtualClock() });
  const depth = 10_000;
  const json = "[".repeat(depth) + "]".repeat(depth);
  const obj = '{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"deep","labels":' + '{"a":'.repeat(depth) + "1" + "}".repeat(depth) + "}}";
  sb.fs.writeFile("/root/deep.json", json);
  sb.fs.writeFile("/root/deep2.json", obj);
  sb.fs.writeFile("/root/deep.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: deep\ndata: " + "{a: ".repeat(depth) + "1" + "}".repeat(depth) + "\n");
  sb.fs.writeFile("/root/deep-block.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: deep\nspec:\n" + Array.from({ length: 1000 }, (_, i) => " ".repeat(i + 1) + "- ").join("\n") + "x\n");
  for (const f of ["deep.json", "deep2.json", "deep.yaml", "deep-block.yaml"]) {
    for (const verb of ["apply -f", "create -f", "create --dry-run=client -o yaml -f"]) await runBounded(sb, `kubectl ${verb} ${f}`);
  }
  await runBounded(sb, `kubectl patch deploy web -p ${q(obj)}`);
  await assertHealthy(sb);
});

test("fuzz: unterminated heredocs and binary garbage on stdin", async () => {
  const sb = Sandbox.create({ seed: 8, clock: new VirtualClock() });
  await runBounded(sb, "kubectl apply -f - <<EOF\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: h\n");
  await runBounded(sb, "kubectl apply -f - <<'EOF'\napiVersion: v1\nkind: Pod\nmetadata: {name: p\n");
  await runBounded(sb, "cat <<EOF | kubectl apply -f -\nkind: [\n");
  const r = rng(99);
  for (let i = 0; i < 20; i++) {
    const bytes = Array.from({ length: 1 + r.int(4000) }, () => String.fromCharCode(r.int(256))).join("");
    sb.fs.writeFile("/root/garbage.bin", bytes);
    for (const cmd of ["kubectl apply -f garbage.bin", "kubectl apply -f - < garbage.bin", "kubectl create -f garbage.bin", "kubectl create configmap g --from-file=garbage.bin --dry-run=client -o json", "kubectl replace -f garbage.bin", "kubectl delete -f garbage.bin"]) {
      await runBounded(sb, cmd);
    }
  }
  await assertHealthy(sb);
});
