import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { printJsonPath } from "../../../lab-engine/kubectl/output/jsonpath.ts";

const fx = (n: string) => JSON.parse(readFileSync(new URL(`./fixtures/${n}`, import.meta.url), "utf8"));
interface Case { template: string; stdout: string; stderr: string; rc: number }

function check(cases: Case[], obj: unknown) {
  for (const c of cases) {
    const r = printJsonPath(c.template, obj);
    if (c.template.includes("..name")) {
      // Go iterates maps randomly under `..`: compare as multisets
      assert.deepEqual(r.out.split(" ").sort(), c.stdout.split(" ").sort(), c.template);
      continue;
    }
    assert.equal(r.out, c.stdout, c.template);
    assert.equal(r.error ? `error: ${r.error}` : "", c.stderr, c.template);
  }
}

test("jsonpath on kubectl get pods (List) matches real kubectl", () => {
  check(fx("jsonpath-pods.json"), fx("pods.json"));
});

test("jsonpath edge cases match kubectl label --local -o jsonpath", () => {
  const obj = fx("yaml-layout.json");
  obj.metadata.labels = { a: "b" };
  check(fx("jsonpath-local.json"), obj);
});

test("jsonpath-as-json", () => {
  for (const c of fx("jsonpath-as-json.json")) {
    assert.equal(printJsonPath(c.template, fx("pods.json"), { allowMissingKeys: true, outputJson: true }).out, c.stdout, c.template);
  }
});

test("missing keys error without allowMissingKeys", () => {
  assert.match(printJsonPath("{.nope}", { a: 1 }, { allowMissingKeys: false }).error!, /Error executing template: nope is not found\./);
});
