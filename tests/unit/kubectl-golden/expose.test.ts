// Golden: kubectl expose --dry-run=client. Ground truth: fixtures/expose.txt, captured from the
// real kubectl 1.32 (`node capture.mjs expose`) against kubectl-probe's fakeapi.js, whose pod
// `x` (label run=x, image nginx) is what `kubectl run x --image=nginx` makes in the sandbox.
import { test } from "node:test";
import { loadFixture, goldenSandbox, expectGolden } from "./golden-helpers.ts";

test("expose: byte-identical to kubectl 1.32", async (t) => {
  const sb = goldenSandbox();
  await sb.run("kubectl run x --image=nginx");
  for (const g of loadFixture("expose")) await t.test(`kubectl ${g.args}`, () => expectGolden(sb, g));
});
