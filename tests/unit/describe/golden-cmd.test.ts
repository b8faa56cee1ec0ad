// Whole `kubectl describe ...` invocations (stdout, stderr, exit code) compared with a real
// kubectl 1.32 run against kubectl-probe/fakeapi.js (discovery patched with
// fixtures/fakeapi-resources.patch) seeded with kubectl-probe/seed-kind.js.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { parseFlags } from "../../../lab-engine/kubectl/flags.ts";
import { describeFlags, runDescribe } from "../../../lab-engine/kubectl/commands/describe.ts";
import { KubectlError } from "../../../lab-engine/kubectl/errors.ts";
import { MORE, seededCluster } from "./golden-helpers.ts";

const DIR = `${MORE}golden-cmd/`;
const NOW = Date.parse(readFileSync(`${DIR}NOW`, "utf8").trim());

// [fixture number, argv after `kubectl`, ms after the seed at which real kubectl ran, exit code]
// (fixture 2, `-l run`, is not used: fakeapi.js ignores "exists" selectors.)
const cases: [number, string, number, number?][] = [
  [1, "describe pods web", 500],
  [3, "describe lease kind-worker -n kube-node-lease", 500],
  [4, "describe ep web", 500],
  [5, "describe endpointslice web-hx2lq", 500],
  [6, "describe svc kubernetes", 500],
  [7, "describe node kind-control-plane", 500],
  [8, "describe pod nope", 500, 1],
  [9, "describe pods -l x=y", 500],
  [10, "describe pods nope", 500, 1],
  [11, "describe pod/crash pod/nope", 500, 1],
  [12, "describe ev crash.181a2b3c4d5e6f21", 500],
  [13, "describe pod crash --show-events=false", 500],
  [14, "describe ns kube-system", 500],
];

async function run(argv: string[], offset: number): Promise<{ out: string; err: string; code: number }> {
  const c = seededCluster(NOW, offset);
  const parsed = parseFlags(argv.slice(1), describeFlags, "kubectl describe");
  let out = "";
  let err = "";
  const inv: any = { ...parsed, cluster: c, namespace: parsed.flags.namespace ?? "default", nsExplicit: parsed.flags.namespace !== undefined, user: undefined, out: (s: string) => (out += s), err: (s: string) => (err += s) };
  let code: number;
  try {
    code = await runDescribe(inv);
  } catch (e) {
    if (!(e instanceof KubectlError)) throw e;
    err += e.message.endsWith("\n") ? e.message : e.message + "\n";
    code = e.exitCode;
  }
  return { out, err, code };
}

/** resourceVersions are assigned by the API server (fakeapi.js vs our store), not by describe. */
const maskRV = (t: string) => t.replace(/^(\s*Resource Version:\s+)\d+$/gm, "$1<rv>");

for (const [n, line, offset, rc = 0] of cases) {
  test(`kubectl ${line} matches real kubectl (fixture ${n})`, async () => {
    const r = await run(line.split(" "), offset);
    assert.equal(maskRV(r.out), maskRV(readFileSync(`${DIR}${n}.out`, "utf8")));
    assert.equal(r.err, readFileSync(`${DIR}${n}.err`, "utf8"));
    assert.equal(r.code, rc);
  });
}
