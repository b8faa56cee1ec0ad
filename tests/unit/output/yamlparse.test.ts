import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { parseYamlDocuments, resolvePlainScalar, splitYamlDocuments } from "../../../lab-engine/kubectl/output/yamlparse.ts";
import { toKubectlJson } from "../../../lab-engine/kubectl/output/json.ts";

const fx = (n: string) => JSON.parse(readFileSync(new URL(`./fixtures/${n}`, import.meta.url), "utf8"));

// real kubectl: `kubectl label --local -f FILE zz=1 -o json` (kubectl-probe style offline run)
test("manifest parse errors and YAML 1.1 resolution match kubectl", () => {
  for (const c of fx("yaml-parse.json")) {
    const r = parseYamlDocuments(c.text, c.file);
    const wantErr = (c.stderr.match(/^error: (error parsing .*)$/m) ?? [])[1];
    if (wantErr) {
      assert.equal(r.error, wantErr, c.file);
    } else if (!c.stderr) {
      assert.equal(r.error, undefined, c.file);
      // compare decoded docs (minus the zz label kubectl added) with kubectl's JSON
      const want = c.stdout.trim() ? JSON.parse(c.stdout) : undefined;
      if (want && r.docs.length === 1) {
        delete want.metadata.labels.zz;
        if (Object.keys(want.metadata.labels).length === 0) delete want.metadata.labels;
        assert.equal(toKubectlJson(r.docs[0]), toKubectlJson(want), c.file);
      }
    }
  }
});

test("document splitting and scalar resolution", () => {
  assert.deepEqual(splitYamlDocuments("a: 1\n---\nb: 2\n--- # c\nc: 3").map((d) => d.text), ["a: 1\n", "b: 2\n", "c: 3"]);
  assert.equal(resolvePlainScalar("0644"), 420);
  assert.equal(resolvePlainScalar("on"), true);
  assert.equal(resolvePlainScalar("1:20"), "1:20");
  assert.equal(resolvePlainScalar("2026-01-01"), "2026-01-01");
  const r = parseYamlDocuments("a: &x [1]\nb: *x\n", "f.yaml");
  assert.deepEqual(r.docs, [{ a: [1], b: [1] }]);
});

test("alias bombs are stopped", () => {
  let y = "a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n";
  for (let i = 1; i < 9; i++) y += `a${i}: &a${i} [${Array(10).fill(`*a${i - 1}`).join(", ")}]\n`;
  const r = parseYamlDocuments(y, "bomb.yaml");
  assert.equal(r.error, "error parsing bomb.yaml: error converting YAML to JSON: yaml: document contains excessive aliasing");
});
