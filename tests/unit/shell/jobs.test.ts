// Background jobs: `cmd &` prints `[N] PID` and does not block; jobs, wait, kill %N, $!.
import assert from "node:assert/strict";
import { test } from "node:test";
import { makeShell } from "./harness.ts";

test("cmd & on a virtual clock: notice, output with the input, Done reported once", async () => {
  const { run, clock } = makeShell();
  const t0 = clock.now();
  assert.deepEqual(await run("sleep 600 & echo fg"), { stdout: "fg\n", stderr: "[1] 4330\n", exitCode: 0 });
  // A background sleep does not move simulated time.
  assert.equal(clock.now(), t0);
  assert.deepEqual(await run("echo $!"), { stdout: "4330\n", stderr: "[1]+  Done                    sleep 600\n", exitCode: 0 });
  assert.deepEqual(await run("jobs"), { stdout: "", stderr: "", exitCode: 0 });
  const r = await run("(echo out; exit 3) &");
  assert.equal(r.stdout, "out\n");
  assert.equal((await run("true")).stderr, "[1]+  Exit 3                  (echo out; exit 3)\n");
  // A background job is a subshell: its assignments stay there.
  await run("X=1 &");
  assert.equal((await run("echo ${X:-unset}")).stdout, "unset\n");
});

test("jobs, wait and kill texts", async () => {
  const { run } = makeShell();
  assert.deepEqual(await run("kill %3"), { stdout: "", stderr: "bash: kill: %3: no such job\n", exitCode: 1 });
  assert.deepEqual(await run("kill 99999"), { stdout: "", stderr: "bash: kill: (99999) - No such process\n", exitCode: 1 });
  assert.equal((await run("kill")).exitCode, 2);
  assert.deepEqual(await run("wait %2"), { stdout: "", stderr: "bash: wait: %2: no such job\n", exitCode: 127 });
  assert.deepEqual(await run("wait"), { stdout: "", stderr: "", exitCode: 0 });
});

test("real clock: a running job is listed, killed, then reported as Terminated", async () => {
  let wake: (() => void) | undefined;
  const clock = {
    mode: "real" as const,
    now: () => 0,
    sleep: (_ms: number, signal?: { aborted: boolean; addEventListener(t: "abort", cb: () => void): void }) =>
      new Promise<void>((resolve) => {
        wake = resolve;
        signal?.addEventListener("abort", () => resolve());
      }),
  };
  const { sh } = makeShell();
  (sh as any).host = { clock };
  const run = (l: string) => sh.runCapture(l);
  assert.equal((await run("sleep 100 &")).stderr, "[1] 4330\n");
  assert.deepEqual(await run("jobs"), { stdout: "[1]+  Running                 sleep 100 &\n", stderr: "", exitCode: 0 });
  assert.equal((await run("kill %1; wait %1; echo $?")).stdout, "143\n");
  assert.ok(wake);
});
