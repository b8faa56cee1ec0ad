// Golden: kubectl config (view, -o json, --minify, get-contexts, use-context, set-context
// --current --namespace, rename/delete-context, errors). Ground truth: fixtures/config.txt,
// captured from the real kubectl 1.32 (`node capture.mjs config`) with
// KUBECONFIG=/tmp/gq/kcwork/config, a fresh copy of the sandbox's own kubeconfig
// (fixtures/inputs/sandbox-kubeconfig.yaml = `kubectl config view --raw` in a new sandbox).
// kubectl names that file in "deleted context ... from <path>"; the sandbox's is /root/.kube/config.
import { test } from "node:test";
import { loadFixture, goldenSandbox, expectGolden } from "./golden-helpers.ts";

const cases = loadFixture("config").map((g) => ({ ...g, stdout: g.stdout.replaceAll("/tmp/gq/kcwork/config", "/root/.kube/config") }));

test("config: byte-identical to kubectl 1.32 on the same kubeconfig", async (t) => {
  const sb = goldenSandbox();
  for (const g of cases) await t.test(`kubectl ${g.args}`, () => expectGolden(sb, g));
});
