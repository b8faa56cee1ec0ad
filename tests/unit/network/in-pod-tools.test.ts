import { test } from "node:test";
import assert from "node:assert/strict";
import { Sandbox } from "../../../lab-engine/sandbox/sandbox.ts";
import { VirtualClock } from "../../../lab-engine/clock/clock.ts";

test("containers' own commands reach Services: a wget loop and a one-shot curl show in logs", async () => {
  const sb = Sandbox.create({ seed: 5, clock: new VirtualClock() });
  await sb.run("kubectl create deploy web --image=nginx --port=80");
  await sb.run("kubectl expose deploy web --port=80");
  await sb.run("sleep 30");
  await sb.run("kubectl run c --image=curlimages/curl --restart=Never -- curl -s http://web.default.svc.cluster.local");
  await sb.run("kubectl run lp --image=busybox -- sh -c 'while true; do wget -q -O- http://web | head -1; sleep 5; done'");
  await sb.run("kubectl run nope --image=busybox --restart=Never -- wget -qO- http://missing");
  await sb.run("sleep 20");
  assert.match((await sb.run("kubectl logs c")).stdout, /^<!DOCTYPE html>\n<html>\n<head>\n<title>Welcome to nginx!/);
  const lp = (await sb.run("kubectl logs lp")).stdout.split("\n").filter(Boolean);
  assert.ok(lp.length >= 3 && lp.every((l) => l === "<!DOCTYPE html>"), lp.join("|"));
  assert.equal((await sb.run("kubectl logs nope")).stdout, "wget: bad address 'missing'\n");
  assert.equal((await sb.run("kubectl get pod nope -o jsonpath='{.status.phase}'")).stdout, "Failed");
});
