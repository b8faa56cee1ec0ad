// Output that depends on whether stdout is a terminal (jq colours, grep --color=auto).
import { test } from "node:test";
import assert from "node:assert/strict";
import { run, MemFS } from "./harness.ts";

test("jq colours its output on a terminal like jq 1.6", async () => {
  const r = await run("jq .", '{"a":[1,null]}\n', new MemFS(), { tty: true });
  assert.equal(
    r.stdout,
    "\x1b[1;39m{\n  \x1b[0m\x1b[34;1m\"a\"\x1b[0m\x1b[1;39m: \x1b[0m\x1b[1;39m[\n    \x1b[0;39m1\x1b[0m\x1b[1;39m,\n    \x1b[1;30mnull\x1b[0m\x1b[1;39m\n  \x1b[1;39m]\x1b[0m\x1b[1;39m\n\x1b[1;39m}\x1b[0m\n",
  );
});

test("jq -M and -r print plain text on a terminal", async () => {
  assert.equal((await run("jq -M .", "[1]\n", new MemFS(), { tty: true })).stdout, "[\n  1\n]\n");
  assert.equal((await run("jq -r .a", '{"a":"x"}\n', new MemFS(), { tty: true })).stdout, "x\n");
});

test("grep --color=auto highlights only on a terminal", async () => {
  const tty = await run("grep --color=auto Run", "Running\n", new MemFS(), { tty: true });
  assert.equal(tty.stdout, "\x1b[01;31m\x1b[KRun\x1b[m\x1b[Kning\n");
  const pipe = await run("grep --color=auto Run", "Running\n");
  assert.equal(pipe.stdout, "Running\n");
});
