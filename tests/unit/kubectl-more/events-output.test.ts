import { test } from "node:test";
import assert from "node:assert/strict";
import { Sandbox } from "../../../lab-engine/sandbox/sandbox.ts";
import { VirtualClock } from "../../../lab-engine/clock/clock.ts";

// kubectl 1.32 events.go: the printer gets a client-built EventList and its error is ignored.
test("kubectl events -o: EventList for json/yaml/jsonpath, nothing for name, no wide", async () => {
  const sb = Sandbox.create({ seed: 3, clock: new VirtualClock() });
  await sb.run("kubectl run broken --image=nginx:no-such-tag");
  await sb.run("sleep 10");
  assert.deepEqual(await sb.run("kubectl events --types=Warning -o name"), { stdout: "", stderr: "", exitCode: 0 });
  assert.equal((await sb.run(`kubectl events -o jsonpath='{.kind} {.apiVersion} {.metadata}'`)).stdout, "EventList v1 {}");
  const json = (await sb.run("kubectl events --types=Warning -o json")).stdout;
  assert.match(json, /^\{\n    "kind": "EventList",\n    "apiVersion": "v1",\n    "metadata": \{\},\n    "items": \[\n        \{\n            "kind": "Event",\n            "apiVersion": "v1",\n            "metadata": \{\n                "name": "broken\.[0-9a-f]+",/);
  const first = JSON.parse(json).items[0];
  assert.deepEqual(Object.keys(first), ["kind", "apiVersion", "metadata", "involvedObject", "reason", "message", "source", "firstTimestamp", "lastTimestamp", "count", "type", "eventTime", "reportingComponent", "reportingInstance"]);
  assert.equal(first.eventTime, null);
  assert.ok(JSON.parse(json).items.every((e: any) => e.type === "Warning"));
  assert.match((await sb.run("kubectl events -o yaml")).stdout, /^apiVersion: v1\nitems:\n- apiVersion: v1\n  count: 1\n  eventTime: null\n/);
  assert.deepEqual(await sb.run("kubectl events -o wide"), {
    stdout: "",
    stderr: 'error: unable to match a printer suitable for the output format "wide", allowed formats are: go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,yaml\n',
    exitCode: 1,
  });
  assert.equal((await sb.run("kubectl events -n nope -o json")).stderr, "No events found in nope namespace.\n");
});
