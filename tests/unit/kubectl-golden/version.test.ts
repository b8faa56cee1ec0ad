// Golden: kubectl version. Shape from the real kubectl 1.32 (`kubectl version`,
// `kubectl version -o json|yaml` against kubectl-probe's fakeapi.js): three lines of text;
// JSON with a two-space indent in version.Info field order; YAML ending in a blank line.
// The version numbers are the simulator's (it plays v1.32.0 client and server; the binary used
// for the capture is v1.32.4-dispatcher).
import { test } from "node:test";
import assert from "node:assert/strict";
import { goldenSandbox } from "./golden-helpers.ts";

const INFO = (indent: string) =>
  [
    `${indent}"major": "1",`,
    `${indent}"minor": "32",`,
    `${indent}"gitVersion": "v1.32.0",`,
    `${indent}"gitCommit": "70d3cc986aa8221cd1dfb1121852688902d3bf53",`,
    `${indent}"gitTreeState": "clean",`,
    `${indent}"buildDate": "2024-12-11T17:59:15Z",`,
    `${indent}"goVersion": "go1.23.3",`,
    `${indent}"compiler": "gc",`,
    `${indent}"platform": "linux/amd64"`,
  ].join("\n");

test("version: text, json, yaml", async () => {
  const sb = goldenSandbox();
  let r = await sb.run("kubectl version");
  assert.deepEqual(r, { stdout: "Client Version: v1.32.0\nKustomize Version: v5.5.0\nServer Version: v1.32.0\n", stderr: "", exitCode: 0 });
  r = await sb.run("kubectl version --client -o json");
  assert.deepEqual(r, { stdout: `{\n  "clientVersion": {\n${INFO("    ")}\n  },\n  "kustomizeVersion": "v5.5.0"\n}\n`, stderr: "", exitCode: 0 });
  r = await sb.run("kubectl version -o json");
  assert.equal(r.stdout, `{\n  "clientVersion": {\n${INFO("    ")}\n  },\n  "kustomizeVersion": "v5.5.0",\n  "serverVersion": {\n${INFO("    ")}\n  }\n}\n`);
  r = await sb.run("kubectl version --client -o yaml");
  assert.match(r.stdout, /^clientVersion:\n  buildDate: "2024-12-11T17:59:15Z"\n[\s\S]*\nkustomizeVersion: v5\.5\.0\n\n$/);
});
