import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { printGoTemplate, goSprintf, goBase64Decode } from "../../../lab-engine/kubectl/output/gotemplate.ts";

const fx = (n: string) => JSON.parse(readFileSync(new URL(`./fixtures/${n}`, import.meta.url), "utf8"));

test("go-template matches real kubectl get pods -o go-template (105 cases incl. errors)", () => {
  const pods = fx("pods.json");
  for (const c of fx("gotemplate-pods.json")) {
    const r = printGoTemplate(c.template, pods);
    assert.equal(r.out, c.stdout, c.template);
    const stderr = r.error ? `error: ${r.error}${r.error.endsWith("\n") ? "" : "\n"}` : "";
    assert.equal(stderr, c.stderr, c.template);
  }
});

test("printf and base64decode helpers", () => {
  assert.equal(goSprintf("%s=%d%%", ["a", 3]), "a=3%");
  assert.equal(goBase64Decode("aGVsbG8="), "hello");
  assert.throws(() => goBase64Decode("!!"), { message: "base64 decode failed: illegal base64 data at input byte 0" });
});
