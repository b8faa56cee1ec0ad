// Golden: every `kubectl create <generator>` / `kubectl run` with --dry-run=client (yaml, json,
// name, table), plus their flag and usage errors. Ground truth: fixtures/generators.txt,
// captured from the real kubectl 1.32 by `node capture.mjs generators` (see capture.mjs).
import { test } from "node:test";
import { loadFixture, goldenSandbox, expectGolden } from "./golden-helpers.ts";

const cases = loadFixture("generators");

test("generators: --dry-run=client output is byte-identical to kubectl 1.32", async (t) => {
  const sb = goldenSandbox();
  for (const g of cases) await t.test(`kubectl ${g.args}`, () => expectGolden(sb, g));
});
