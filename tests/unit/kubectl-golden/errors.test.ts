// Golden: flag errors, usage errors, unknown commands with suggestions, missing arguments,
// group commands without a subcommand, and --help texts. Ground truth: fixtures/errors.txt,
// captured from the real kubectl 1.32 by `node capture.mjs errors` (all client-side; the few
// commands needing discovery ran against kubectl-probe's fake API server, see capture.mjs).
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { loadFixture, goldenSandbox, expectGolden } from "./golden-helpers.ts";

const cases = loadFixture("errors");

test("errors and help: byte-identical to kubectl 1.32", async (t) => {
  const sb = goldenSandbox();
  for (const g of cases) await t.test(`kubectl ${g.args}`, () => expectGolden(sb, g));
});

test("kubectl with no arguments prints the top-level help (fixture: real `kubectl` > kubectl-noargs.txt)", async () => {
  const want = readFileSync(join(dirname(fileURLToPath(import.meta.url)), "fixtures/kubectl-noargs.txt"), "utf8");
  const r = await goldenSandbox().run("kubectl");
  assert.equal(r.stdout, want);
  assert.equal(r.stderr, "");
  assert.equal(r.exitCode, 0);
});
