import { test } from "node:test";
import assert from "node:assert/strict";
import { Sandbox } from "../../../lab-engine/sandbox/sandbox.ts";
import { VirtualClock } from "../../../lab-engine/clock/clock.ts";

async function whoami(seed: number, extra = "") {
  const sb = Sandbox.create({ seed, clock: new VirtualClock() });
  await sb.run("kubectl create deploy who --image=traefik/whoami --replicas=3 --port=80");
  await sb.run(`kubectl expose deploy who --port=80 --type=NodePort${extra}`);
  await sb.run("sleep 30");
  return sb;
}
const hostnames = async (sb: Sandbox, url: string) =>
  (await sb.run(`for i in 1 2 3 4 5 6; do curl -s ${url} | head -1; done`)).stdout.trim().split("\n");

test("a Service spreads connections over its ready endpoints, deterministically", async () => {
  const a = await whoami(2);
  const ip = (await a.run("kubectl get svc who -o jsonpath='{.spec.clusterIP}'")).stdout;
  const seen = await hostnames(a, ip);
  assert.equal(new Set(seen).size, 3, seen.join(","));
  const b = await whoami(2);
  assert.deepEqual(await hostnames(b, ip), seen);
});

test("sessionAffinity ClientIP pins a client to one endpoint", async () => {
  const sb = await whoami(4);
  await sb.run(`kubectl patch svc who -p '{"spec":{"sessionAffinity":"ClientIP"}}'`);
  const ip = (await sb.run("kubectl get svc who -o jsonpath='{.spec.clusterIP}'")).stdout;
  assert.equal(new Set(await hostnames(sb, ip)).size, 1);
});

test("externalTrafficPolicy Local: a NodePort answers only on nodes with a local endpoint", async () => {
  const sb = await whoami(6);
  await sb.run("kubectl scale deploy who --replicas=1");
  await sb.run(`kubectl patch svc who -p '{"spec":{"externalTrafficPolicy":"Local"}}'`);
  await sb.run("sleep 40");
  const np = (await sb.run("kubectl get svc who -o jsonpath='{.spec.ports[0].nodePort}'")).stdout;
  const node = (await sb.run("kubectl get pods -l app=who -o jsonpath='{.items[0].spec.nodeName}'")).stdout;
  const other = node === "node01" ? "node02" : "node01";
  assert.match((await sb.run(`curl -s ${node}:${np}`)).stdout, /^Hostname: who-/);
  assert.equal((await sb.run(`curl -s -m 2 ${other}:${np}`)).exitCode, 28);
});
