import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { parseCustomColumnsSpec, parseCustomColumnsTemplate, printCustomColumns, CustomColumnsError } from "../../../lab-engine/kubectl/output/customcolumns.ts";

const fx = (n: string) => JSON.parse(readFileSync(new URL(`./fixtures/${n}`, import.meta.url), "utf8"));

function run(spec: string, items: unknown[]): { stdout: string; stderr: string } {
  try {
    const r = printCustomColumns(parseCustomColumnsSpec(spec), items);
    return { stdout: r.out, stderr: r.error ? `error: ${r.error}\n` : "" };
  } catch (e) {
    if (e instanceof CustomColumnsError) return { stdout: "", stderr: `error: ${e.message}\n` };
    throw e;
  }
}

test("custom-columns matches real kubectl get pods -o custom-columns", () => {
  const items = fx("pods.json").items;
  for (const c of fx("customcolumns-pods.json")) {
    const r = run(c.spec, items);
    assert.equal(r.stdout, c.stdout, c.spec);
    assert.equal(r.stderr, c.stderr, c.spec);
  }
});

test("custom-columns-file", () => {
  const cols = parseCustomColumnsTemplate("NAME   IMAGE\n.metadata.name  {.spec.containers[*].image}\n");
  assert.equal(printCustomColumns(cols, fx("pods.json").items.slice(3)).out, "NAME    IMAGE\nbig     nginx\ncrash   busybox\n");
  assert.throws(() => parseCustomColumnsTemplate("NAME IMAGE\n.metadata.name\n"), { message: "number of headers (2) and field specifications (1) don't match" });
  assert.throws(() => parseCustomColumnsTemplate("NAME\n"), {
    message: "invalid template, missing spec line. Expected format is one line of space separated headers, one line of space separated column specs.",
  });
});

test("--no-headers", () => {
  assert.equal(printCustomColumns(parseCustomColumnsSpec("N:.metadata.name"), fx("pods.json").items.slice(3), { noHeaders: true }).out, "big\ncrash\n");
});
