// Golden tests: expected strings captured from the real GNU tools (Debian) on the same input.
import { test } from "node:test";
import assert from "node:assert/strict";
import { run } from "./harness.ts";
import { fixtureFs } from "./fixtures.ts";

const cases: Array<{ cmd: string; stdin: string; stdout: string; stderr: string; code: number }> = [
  { cmd: "jq -C .", stdin: "{\"a\":[1,\"x\",null,true,{\"b\":false}],\"c\":{},\"d\":[]}\n", stdout: "\u001b[1;39m{\n  \u001b[0m\u001b[34;1m\"a\"\u001b[0m\u001b[1;39m: \u001b[0m\u001b[1;39m[\n    \u001b[0;39m1\u001b[0m\u001b[1;39m,\n    \u001b[0;32m\"x\"\u001b[0m\u001b[1;39m,\n    \u001b[1;30mnull\u001b[0m\u001b[1;39m,\n    \u001b[0;39mtrue\u001b[0m\u001b[1;39m,\n    \u001b[1;39m{\n      \u001b[0m\u001b[34;1m\"b\"\u001b[0m\u001b[1;39m: \u001b[0m\u001b[0;39mfalse\u001b[0m\u001b[1;39m\n    \u001b[1;39m}\u001b[0m\u001b[1;39m\n  \u001b[1;39m]\u001b[0m\u001b[1;39m,\n  \u001b[0m\u001b[34;1m\"c\"\u001b[0m\u001b[1;39m: \u001b[0m\u001b[1;39m{}\u001b[0m\u001b[1;39m,\n  \u001b[0m\u001b[34;1m\"d\"\u001b[0m\u001b[1;39m: \u001b[0m\u001b[1;39m[]\u001b[0m\u001b[1;39m\n\u001b[1;39m}\u001b[0m\n", stderr: "", code: 0 },
  { cmd: "jq -C -c .", stdin: "[1]\n", stdout: "\u001b[1;39m[\u001b[0;39m1\u001b[0m\u001b[1;39m\u001b[1;39m]\u001b[0m\n", stderr: "", code: 0 },
  { cmd: "jq -C .", stdin: "\"s\"\n", stdout: "\u001b[0;32m\"s\"\u001b[0m\n", stderr: "", code: 0 },
  { cmd: "jq -C '.items[0]' pod.json", stdin: "", stdout: "\u001b[1;39m{\n  \u001b[0m\u001b[34;1m\"metadata\"\u001b[0m\u001b[1;39m: \u001b[0m\u001b[1;39m{\n    \u001b[0m\u001b[34;1m\"name\"\u001b[0m\u001b[1;39m: \u001b[0m\u001b[0;32m\"web-1\"\u001b[0m\u001b[1;39m,\n    \u001b[0m\u001b[34;1m\"namespace\"\u001b[0m\u001b[1;39m: \u001b[0m\u001b[0;32m\"default\"\u001b[0m\u001b[1;39m,\n    \u001b[0m\u001b[34;1m\"labels\"\u001b[0m\u001b[1;39m: \u001b[0m\u001b[1;39m{\n      \u001b[0m\u001b[34;1m\"app\"\u001b[0m\u001b[1;39m: \u001b[0m\u001b[0;32m\"web\"\u001b[0m\u001b[1;39m\n    \u001b[1;39m}\u001b[0m\u001b[1;39m\n  \u001b[1;39m}\u001b[0m\u001b[1;39m,\n  \u001b[0m\u001b[34;1m\"status\"\u001b[0m\u001b[1;39m: \u001b[0m\u001b[1;39m{\n    \u001b[0m\u001b[34;1m\"phase\"\u001b[0m\u001b[1;39m: \u001b[0m\u001b[0;32m\"Running\"\u001b[0m\u001b[1;39m,\n    \u001b[0m\u001b[34;1m\"containerStatuses\"\u001b[0m\u001b[1;39m: \u001b[0m\u001b[1;39m[\n      \u001b[1;39m{\n        \u001b[0m\u001b[34;1m\"restartCount\"\u001b[0m\u001b[1;39m: \u001b[0m\u001b[0;39m0\u001b[0m\u001b[1;39m,\n        \u001b[0m\u001b[34;1m\"ready\"\u001b[0m\u001b[1;39m: \u001b[0m\u001b[0;39mtrue\u001b[0m\u001b[1;39m\n      \u001b[1;39m}\u001b[0m\u001b[1;39m\n    \u001b[1;39m]\u001b[0m\u001b[1;39m\n  \u001b[1;39m}\u001b[0m\u001b[1;39m,\n  \u001b[0m\u001b[34;1m\"spec\"\u001b[0m\u001b[1;39m: \u001b[0m\u001b[1;39m{\n    \u001b[0m\u001b[34;1m\"containers\"\u001b[0m\u001b[1;39m: \u001b[0m\u001b[1;39m[\n      \u001b[1;39m{\n        \u001b[0m\u001b[34;1m\"name\"\u001b[0m\u001b[1;39m: \u001b[0m\u001b[0;32m\"nginx\"\u001b[0m\u001b[1;39m,\n        \u001b[0m\u001b[34;1m\"image\"\u001b[0m\u001b[1;39m: \u001b[0m\u001b[0;32m\"nginx:1.27\"\u001b[0m\u001b[1;39m\n      \u001b[1;39m}\u001b[0m\u001b[1;39m\n    \u001b[1;39m]\u001b[0m\u001b[1;39m\n  \u001b[1;39m}\u001b[0m\u001b[1;39m\n\u001b[1;39m}\u001b[0m\n", stderr: "", code: 0 },
  { cmd: "jq -C -S -c .", stdin: "{\"b\":[{}],\"a\":null}\n", stdout: "\u001b[1;39m{\u001b[0m\u001b[34;1m\"a\"\u001b[0m\u001b[1;39m:\u001b[0m\u001b[1;30mnull\u001b[0m\u001b[1;39m,\u001b[0m\u001b[34;1m\"b\"\u001b[0m\u001b[1;39m:\u001b[0m\u001b[1;39m[\u001b[1;39m{}\u001b[0m\u001b[1;39m\u001b[1;39m]\u001b[0m\u001b[1;39m\u001b[1;39m}\u001b[0m\n", stderr: "", code: 0 },
  { cmd: "jq -C --tab .", stdin: "{\"a\":[1]}\n", stdout: "\u001b[1;39m{\n\t\u001b[0m\u001b[34;1m\"a\"\u001b[0m\u001b[1;39m: \u001b[0m\u001b[1;39m[\n\t\t\u001b[0;39m1\u001b[0m\u001b[1;39m\n\t\u001b[1;39m]\u001b[0m\u001b[1;39m\n\u001b[1;39m}\u001b[0m\n", stderr: "", code: 0 },
  { cmd: "jq -C -r '.[]'", stdin: "[\"a\",1]\n", stdout: "a\n\u001b[0;39m1\u001b[0m\n", stderr: "", code: 0 },
  { cmd: "jq -M .", stdin: "[1]\n", stdout: "[\n  1\n]\n", stderr: "", code: 0 },
  { cmd: "jq -CM .", stdin: "[1]\n", stdout: "[\n  1\n]\n", stderr: "", code: 0 },
  { cmd: "jq -MC .", stdin: "[1]\n", stdout: "[\n  1\n]\n", stderr: "", code: 0 },
];

for (const c of cases) {
  test(`jq colour: ${c.cmd}`, async () => {
    const r = await run(c.cmd, c.stdin, fixtureFs());
    assert.deepEqual(r, { stdout: c.stdout, stderr: c.stderr, code: c.code });
  });
}
