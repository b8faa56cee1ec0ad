// Hostile programs stop with an error instead of hanging; the host budget is charged.
import { test } from "node:test";
import assert from "node:assert/strict";
import { run, MemFS } from "./harness.ts";

test("awk infinite loop hits the step limit", async () => {
  const r = await run(["awk", "BEGIN { while (1) x++ }"]);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /^awk: cmd\. line:1: fatal: program exceeded the step limit\n$/);
});

test("awk runaway recursion stops", async () => {
  const r = await run(["awk", "function f(n) { return f(n+1) } BEGIN { f(1) }"]);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /fatal: function call nesting too deep/);
});

test("sed branch loop hits the step limit", async () => {
  const r = await run(["sed", ":a;ba"], "x\n");
  assert.equal(r.code, 4);
  assert.match(r.stderr, /step limit/);
});

test("jq infinite generators stop", async () => {
  const r = await run(["jq", "-n", "[range(1e9)] | length"]);
  assert.equal(r.code, 5);
  assert.match(r.stderr, /^jq: error \(at <unknown>\): program exceeded the step limit\n$/);
  const r2 = await run(["jq", "-n", "[repeat(1)]"]);
  assert.equal(r2.code, 5);
});

test("jq deep recursion reports an error", async () => {
  const r = await run(["jq", "-n", "def f: 1 + f; f"]);
  assert.equal(r.code, 5);
});

test("commands charge the host budget", async () => {
  let units = 0;
  const fs = new MemFS();
  const { textCommands } = await import("../../../lab-engine/shell/commands/text/index.ts");
  let out = "";
  const code = await textCommands.awk({
    argv: ["awk", "{ n++ } END { print n }"],
    stdin: "a\n".repeat(100),
    stdinIsTTY: false,
    stdout: { write: (s) => void (out += s) },
    stderr: { write: () => {} },
    stdoutIsTTY: false,
    env: {},
    cwd: "/root",
    fs,
    host: { clock: { mode: "virtual", now: () => 0, sleep: async () => {} }, charge: (n) => void (units += n) },
    signal: { aborted: false },
    exec: async () => ({ stdout: "", stderr: "", exitCode: 0 }),
  });
  assert.equal(code, 0);
  assert.equal(out, "100\n");
  assert.ok(units >= 100);
});

test("a charge that throws aborts the command", async () => {
  const { textCommands } = await import("../../../lab-engine/shell/commands/text/index.ts");
  // grep runs synchronously (the kubelet's scripts rely on it): the budget error is thrown at once.
  await assert.rejects(async () =>
    textCommands.grep({
      argv: ["grep", "x"],
      stdin: "x\n".repeat(10),
      stdinIsTTY: false,
      stdout: { write: () => {} },
      stderr: { write: () => {} },
      stdoutIsTTY: false,
      env: {},
      cwd: "/root",
      fs: new MemFS(),
      host: {
        clock: { mode: "virtual", now: () => 0, sleep: async () => {} },
        charge: () => {
          throw new Error("budget exceeded");
        },
      },
      signal: { aborted: false },
      exec: async () => ({ stdout: "", stderr: "", exitCode: 0 }),
    }),
    /budget exceeded/,
  );
});
