import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { toKubectlJson, toGoJsonCompact } from "../../../lab-engine/kubectl/output/json.ts";

const fx = (n: string) => readFileSync(new URL(`./fixtures/${n}`, import.meta.url), "utf8");

test("kubectl get -o json: sorted keys, 4-space indent (real kubectl against kubectl-probe seed)", () => {
  // shuffle key order to prove we sort
  const pods = JSON.parse(fx("pods.json"));
  const rev = (v: any): any => Array.isArray(v) ? v.map(rev) : v && typeof v === "object"
    ? Object.fromEntries(Object.entries(v).reverse().map(([k, x]) => [k, rev(x)])) : v;
  assert.equal(toKubectlJson(rev(pods)), fx("pods.json"));
  assert.equal(toKubectlJson(JSON.parse(fx("misc.json"))), fx("misc.json"));
});

test("Go HTML-safe escaping (<none> → \\u003cnone\\u003e, U+2028)", () => {
  const out = fx("yaml-strings.out.json");
  assert.equal(toKubectlJson(JSON.parse(out)), out);
  assert.equal(toGoJsonCompact({ b: "<x>", a: [1, true, null] }), '{"a":[1,true,null],"b":"\\u003cx\\u003e"}');
});

test("typed order for client-side objects (kubectl create/run --dry-run=client -o json)", () => {
  for (const n of [
    "cj", "cm", "deploy", "job", "ns", "pod", "secret", "svc", "clusterrole", "crb", "deploy2", "dockersecret", "hpa",
    "ing", "pc", "pdb", "quota", "role", "rolebinding", "sa", "svc-cip", "svc-en", "svc-lb",
  ]) {
    const sorted = JSON.parse(fx(`typed/${n}.sorted.json`));
    delete sorted.metadata.labels.zz; // added by `kubectl label --local` to get the sorted form
    if (Object.keys(sorted.metadata.labels).length === 0) delete sorted.metadata.labels;
    assert.equal(toKubectlJson(sorted, { order: "typed" }), fx(`typed/${n}.typed.json`), n);
  }
});
