import { test } from "node:test";
import assert from "node:assert/strict";
import { Cluster } from "../../../lab-engine/cluster/cluster.ts";
import { cluster, pod, T0 } from "./helpers.ts";

function scenario(c: Cluster): void {
  pod(c, "web", { containers: [{ name: "nginx", image: "nginx", readinessProbe: { httpGet: { path: "/", port: 80 }, periodSeconds: 5 } }] });
  pod(c, "crash", { containers: [{ name: "crash", image: "busybox", command: ["sh", "-c", "echo boom; exit 1"] }] });
  pod(c, "bad", { containers: [{ name: "c", image: "nginx:nope" }] });
  pod(c, "loop", { containers: [{ name: "c", image: "busybox", command: ["sh", "-c", "while true; do echo $(date); sleep 5; done"] }] });
  pod(c, "big", { containers: [{ name: "c", image: "nginx", resources: { requests: { cpu: "5" } } }] });
}

test("snapshot/restore mid-flight continues identically", () => {
  const a = cluster();
  scenario(a);
  a.advanceTo(T0 + 1700);
  const snap = JSON.stringify(a.state);
  const b = new Cluster(JSON.parse(snap));
  for (const t of [2500, 9000, 45_000, 200_000, 1_000_000]) {
    a.advanceTo(T0 + t);
    b.advanceTo(T0 + t);
    assert.equal(JSON.stringify(b.state), JSON.stringify(a.state), `diverged at +${t}ms`);
  }
  // Restoring again from a later snapshot also matches.
  const c2 = new Cluster(JSON.parse(JSON.stringify(a.state)));
  a.advanceTo(T0 + 2_000_000);
  c2.advanceTo(T0 + 2_000_000);
  assert.equal(JSON.stringify(c2.state), JSON.stringify(a.state));
});

test("same seed and inputs give byte-identical state", () => {
  const a = cluster();
  const b = cluster();
  scenario(a);
  scenario(b);
  a.advanceTo(T0 + 300_000);
  b.advanceTo(T0 + 300_000);
  assert.equal(JSON.stringify(a.state), JSON.stringify(b.state));
});

test("an idle cluster costs nothing: no store writes between lease renewals", () => {
  const c = cluster();
  pod(c, "web", { containers: [{ name: "nginx", image: "nginx", livenessProbe: { httpGet: { path: "/", port: 80 } }, readinessProbe: { tcpSocket: { port: 80 } } }] });
  c.advanceTo(T0 + 60_000);
  const rv = c.store.rv;
  c.advanceTo(T0 + 60_000 + 3600_000);
  // Only lease renewals (3 nodes every 40 s) may write.
  assert.ok(c.store.rv - rv <= 3 * 91, `rv grew by ${c.store.rv - rv}`);
});
