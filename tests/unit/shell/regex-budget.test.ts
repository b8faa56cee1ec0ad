// Catastrophic backtracking: a hostile grep/sed regex ends with the work-budget error instead
// of hanging the engine (one JS regex exec cannot be interrupted).
import assert from "node:assert/strict";
import { test } from "node:test";
import { Sandbox } from "../../../lab-engine/sandbox/sandbox.ts";
import { VirtualClock } from "../../../lab-engine/clock/clock.ts";
import { guardRegex, isRiskyRegex } from "../../../lab-engine/shell/commands/text/posix-regex.ts";

test("risky patterns are recognised, ordinary ones are not", () => {
  for (const s of ["(a+)+b", "(a*)*", "(.*)*x", "(a|aa)+$", "(\\w+\\s?)+$", "(x+x+)+y"]) assert.equal(isRiskyRegex(guardRegex(new RegExp(s))), true, s);
  for (const s of ["([a-z]+\\.)+com", "(a|b)+", "1/1|2/2|Completed|Running", "^[0-9]+$", "([0-9]+\\.){3}[0-9]+", "node0(1|2)"]) assert.equal(isRiskyRegex(guardRegex(new RegExp(s))), false, s);
});

test("fuzz: hostile regexes on long lines stop with a clear error; short lines still match", async () => {
  const sb = Sandbox.create({ seed: 1, clock: new VirtualClock() });
  const long = "a".repeat(60) + "c";
  for (const cmd of [`echo ${long} | grep -E '(a+)+b'`, `echo ${long} | grep -cE '(a|aa)+$'`, `echo ${long} | sed -E 's/(a*)*b/x/'`, `echo ${long} | sed -nE '/(x+x+)+y/p'`, `echo ${long} | grep -P '(a+)+b'`]) {
    const t0 = Date.now();
    const r = await sb.run(cmd);
    assert.equal(r.stderr, "bash: command exceeded its work budget and was stopped\n", cmd);
    assert.ok(Date.now() - t0 < 5000, cmd);
  }
  assert.deepEqual(await sb.run("echo aaab | grep -E '(a+)+b'"), { stdout: "aaab\n", stderr: "", exitCode: 0 });
  assert.deepEqual(await sb.run("kubectl get nodes --no-headers | grep -cE 'node0(1|2)'"), { stdout: "2\n", stderr: "", exitCode: 0 });
});
