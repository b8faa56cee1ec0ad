// Hostile input: every run must end quickly with output or an error, never throw or hang.
import assert from "node:assert/strict";
import { test } from "node:test";
import { Rng } from "../../../lab-engine/util/rng.ts";
import { isIncomplete } from "../../../lab-engine/shell/parser.ts";
import { makeShell } from "./harness.ts";

async function survives(input: string, ms = 30_000) {
  const { sh } = makeShell();
  const t0 = Date.now();
  isIncomplete(input);
  const r = await sh.runCapture(input);
  assert.equal(typeof r.exitCode, "number");
  assert.ok(Date.now() - t0 < ms, `slow: ${JSON.stringify(input.slice(0, 60))}`);
  return r;
}

test("random bytes and random shell-ish tokens", async () => {
  const rng = new Rng(42);
  const alphabet = "ab$(){}[]<>|&;'\"`\\\n #*?~=!-0123456789 ifthenfi do done EOF <<";
  for (let i = 0; i < 300; i++) {
    let s = "";
    const n = rng.int(80);
    for (let j = 0; j < n; j++) s += rng.next() < 0.2 ? String.fromCharCode(rng.int(256)) : alphabet[rng.int(alphabet.length)];
    await survives(s);
  }
});

test("pathological inputs", async () => {
  await survives("x".repeat(100_000));
  await survives("echo " + "a ".repeat(50_000));
  await survives("$(".repeat(500));
  await survives("$(((((".repeat(100));
  await survives("(".repeat(500) + ")".repeat(500));
  await survives("{ ".repeat(500));
  await survives("`".repeat(501));
  await survives('"'.repeat(1001));
  await survives("echo $((" + "(".repeat(500) + "1" + ")".repeat(500) + "))");
  await survives("cat <<EOF\n" + "line\n".repeat(1000));
  await survives("echo 'unterminated\n".repeat(100));
  await survives("if ".repeat(1000));
  await survives("a|".repeat(1000) + "a");
  assert.equal((await survives("echo " + "${x:-".repeat(3000) + "y" + "}".repeat(3000))).stderr, "bash: expansion nested too deeply\n");
  await survives("[[ " + "( ".repeat(3000) + "a" + " )".repeat(3000) + " ]]");
  await survives("[ " + "! ".repeat(50_000) + "]");
  await survives("[ " + "( ".repeat(50_000) + "]");
  await survives('a="$(cat <<EOF\n'.repeat(50));
});

test("runaway loops, recursion and output stop with an error", async () => {
  const loop = await survives("while true; do :; done; echo after", 120_000);
  assert.equal(loop.stderr, "bash: loop iteration limit exceeded (100000)\n");
  assert.equal(loop.stdout, "");
  const rec = await survives("f() { f; }; f", 120_000);
  assert.equal(rec.stderr, "bash: f: maximum function nesting level exceeded (100)\n");
  const out = await survives('x=$(yes); x=$x$x$x$x$x$x$x$x$x$x$x; echo "$x$x" > /tmp/o; echo ok', 120_000);
  assert.deepEqual(out, { stdout: "", stderr: "bash: output limit exceeded (4 MiB per command)\n", exitCode: 1 });
  const fill = await survives("x=$(yes); while true; do echo $x >> /tmp/big; done", 120_000);
  assert.match(fill.stderr, /^bash: \/tmp\/big: File too large\n[^]*bash: work limit exceeded\n$/);
});

test("the host's work budget stops a run", async () => {
  let units = 0;
  const { sh } = makeShell();
  (sh.host as { charge?: (n: number) => void }).charge = (n) => {
    units += n;
    if (units > 50) throw new Error("work budget exceeded");
  };
  const r = await sh.runCapture("for i in {1..1000}; do echo $i; done");
  assert.equal(r.stderr, "bash: work budget exceeded\n");
  assert.equal(r.exitCode, 1);
});

test("hostile patterns cannot backtrack exponentially", async () => {
  const long = "a".repeat(5000);
  const r1 = await survives(`x=${long}; case $x in *a*a*a*a*a*a*b) echo m;; *) echo no;; esac; [[ $x == *a*a*a*a*a*a*b ]] || echo no2`);
  assert.equal(r1.stdout, "no\nno2\n");
  const r2 = await survives(`x=${long}; y=\${x#*a*a*a*b}; echo \${#y}`);
  assert.deepEqual(r2, { stdout: "", stderr: "bash: pattern matching too expensive\n", exitCode: 1 });
  const r4 = await survives(`x=$(yes); y=\${x//y*n/}; echo \${#y}`);
  assert.equal(r4.stderr, "bash: pattern matching too expensive\n");
  const r3 = await survives(`[[ ${"a".repeat(40)}! =~ ^(a+)+$ ]]; echo $?`);
  assert.equal(r3.stdout, "2\n");
  await survives(`cd /tmp; touch ${long.slice(0, 200)}; echo *a*a*a*a*a*a*a*a*b`);
});
