import { test } from "node:test";
import assert from "node:assert/strict";
import { explain, wordWrap } from "../../../lab-engine/api/schema/explain.ts";

test("wordWrap follows go-wordwrap (newlines kept, long words not split)", () => {
  assert.equal(wordWrap("aaa bbb ccc", 7), "aaa bbb\nccc");
  assert.equal(wordWrap("More info: https://example.com/a/very/long/url", 12), "More info:\nhttps://example.com/a/very/long/url");
  assert.equal(wordWrap("line one\nline two", 76), "line one\nline two");
});

test("kubectl explain pods: header, description, field list", () => {
  const r = explain({ group: "", version: "v1", kind: "Pod" }, []);
  assert.ok(r.ok);
  const lines = r.text.split("\n");
  assert.deepEqual(lines.slice(0, 5), [
    "KIND:       Pod",
    "VERSION:    v1",
    "",
    "DESCRIPTION:",
    "    Pod is a collection of containers that can run on a host. This resource is",
  ]);
  assert.ok(r.text.includes("FIELDS:\n  apiVersion\t<string>\n    APIVersion defines the versioned schema of this representation of an object.\n"));
  assert.ok(r.text.includes("  spec\t<PodSpec>\n"));
  assert.ok(r.text.endsWith("\n\n\n"));
});

test("kubectl explain deployment.spec.strategy --recursive", () => {
  const r = explain({ group: "apps", version: "v1", kind: "Deployment" }, ["spec", "strategy"], true);
  assert.ok(r.ok);
  assert.equal(
    r.text,
    [
      "GROUP:      apps",
      "KIND:       Deployment",
      "VERSION:    v1",
      "",
      "FIELD: strategy <DeploymentStrategy>",
      "",
      "",
      "DESCRIPTION:",
      "    The deployment strategy to use to replace existing pods with new ones.",
      "    DeploymentStrategy describes how to replace existing pods with new ones.",
      "    ",
      "FIELDS:",
      "  rollingUpdate\t<RollingUpdateDeployment>",
      "    maxSurge\t<IntOrString>",
      "    maxUnavailable\t<IntOrString>",
      "  type\t<string>",
      "",
      "",
    ].join("\n"),
  );
});

test("array fields, required marks and errors", () => {
  const r = explain({ group: "", version: "v1", kind: "Pod" }, ["spec", "containers"]);
  assert.ok(r.ok);
  assert.ok(r.text.includes("FIELD: containers <[]Container>\n\n\nDESCRIPTION:\n"));
  assert.ok(r.text.includes("    A single application container that you want to run within a pod.\n"));
  assert.ok(r.text.includes("  name\t<string> -required-\n"));
  const p = explain({ group: "", version: "v1", kind: "Pod" }, ["spec", "containers", "ports", "containerPort"]);
  assert.ok(p.ok && p.text.includes("FIELD: containerPort <integer>\n"));
  const e = explain({ group: "", version: "v1", kind: "Pod" }, ["spec", "bogus"]);
  assert.deepEqual(e, { ok: false, error: 'error: field "bogus" does not exist' });
  const l = explain({ group: "", version: "v1", kind: "Pod" }, ["spec", "containers", "resources", "limits"]);
  assert.ok(l.ok && l.text.includes("FIELD: limits <map[string]Quantity>"));
});

test("explainTyped resolves short names and reports kubectl errors", async () => {
  const { explainTyped } = await import("../../../lab-engine/api/schema/explain.ts");
  const r = explainTyped("deploy.spec.replicas");
  assert.ok(r.ok && r.text.startsWith("GROUP:      apps\nKIND:       Deployment\nVERSION:    v1\n\nFIELD: replicas <integer>\n"));
  assert.deepEqual(explainTyped("foo"), { ok: false, error: 'error: the server doesn\'t have a resource type "foo"' });
  assert.deepEqual(explainTyped("po.spec.nope"), { ok: false, error: 'error: field "nope" does not exist' });
  const svc = explainTyped("svc.spec.ports.targetPort");
  assert.ok(svc.ok && svc.text.includes("FIELD: targetPort <IntOrString>\n"));
});
