// Edge cases (fixtures/seed-edge.cjs) rendered by a real kubectl 1.32 against the patched
// kubectl-probe/fakeapi.js, compared byte-for-byte (whole invocations).
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { parseFlags } from "../../../lab-engine/kubectl/flags.ts";
import { describeFlags, runDescribe } from "../../../lab-engine/kubectl/commands/describe.ts";
import { KubectlError } from "../../../lab-engine/kubectl/errors.ts";
import { MORE, seededCluster } from "./golden-helpers.ts";

const DIR = `${MORE}golden-edge/`;
const NOW = Date.parse(readFileSync(`${DIR}NOW`, "utf8").trim());

const cases: [number, string, number?][] = [
  [1, "describe rc node-js"],
  [2, "describe svc node-js"],
  [3, "describe svc front"],
  [4, "describe pod going"],
  [5, "describe deploy api"],
  [6, "describe node lonely"],
  [7, "describe pods -A"],
  [8, "describe pods,svc nope", 1],
];

function sortBlocks(text: string): string {
  const key = (b: string) => (/^Namespace:\s+(\S+)/m.exec(b)?.[1] ?? "") + "/" + (/^Name:\s+(\S+)/m.exec(b)?.[1] ?? "");
  return text
    .split(/\n\n(?=Name:)/)
    .sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0))
    .join("\n\n");
}

for (const [n, line, rc = 0] of cases) {
  test(`kubectl ${line} matches real kubectl (edge ${n})`, async () => {
    const c = seededCluster(NOW, 500, `${MORE}seed-edge.cjs`);
    const parsed = parseFlags(line.split(" ").slice(1), describeFlags, "kubectl describe");
    let out = "";
    let err = "";
    const inv: any = { ...parsed, cluster: c, namespace: parsed.flags.namespace ?? "default", nsExplicit: false, user: undefined, out: (s: string) => (out += s), err: (s: string) => (err += s) };
    let code: number;
    try {
      code = await runDescribe(inv);
    } catch (e) {
      if (!(e instanceof KubectlError)) throw e;
      err += e.message.endsWith("\n") ? e.message : e.message + "\n";
      code = e.exitCode;
    }
    let want = readFileSync(`${DIR}${n}.out`, "utf8");
    // fakeapi.js lists in insertion order; a real API server (and ours) lists by namespace/name.
    if (n === 7) want = sortBlocks(want);
    assert.equal(n === 7 ? sortBlocks(out) : out, want);
    assert.equal(err, readFileSync(`${DIR}${n}.err`, "utf8"));
    assert.equal(code, rc);
  });
}
