import { test } from "node:test";
import assert from "node:assert/strict";
import { Sandbox } from "../../../lab-engine/sandbox/sandbox.ts";
import { VirtualClock } from "../../../lab-engine/clock/clock.ts";

const SCRIPT = [
  "kubectl create deployment web --image=nginx:1.26 --replicas=3",
  "kubectl expose deployment web --port=80",
  "kubectl create job pi --image=perl:5.34 -- perl -Mbignum=bpi -wle 'print bpi(50)'",
  "kubectl run db --image=mysql:8.0",
  "kubectl run bad --image=nginx:nope",
  "sleep 20",
  "kubectl set image deployment/web nginx=nginx:1.27",
  "kubectl rollout status deployment/web",
  "kubectl get pods -o wide",
  "kubectl get endpoints web",
  "kubectl describe pod db",
  "kubectl get events --sort-by=.lastTimestamp",
  "sleep 90",
  "kubectl rollout undo deployment/web",
  "kubectl get all -o wide",
  "kubectl logs job/pi",
];

/** The snapshot without timeOffset (host-clock bookkeeping that differs per clock instance). */
function state(sb: Sandbox): string {
  const { timeOffset: _ignored, ...rest } = sb.snapshot() as any;
  return JSON.stringify(rest);
}

function sameText(a: string, b: string, what: string): void {
  if (a === b) return;
  let i = 0;
  while (a[i] === b[i]) i++;
  assert.fail(`${what} differ at ${i}: …${a.slice(Math.max(0, i - 80), i + 80)}… vs …${b.slice(Math.max(0, i - 80), i + 80)}…`);
}

async function play(seed: number, lines: string[], sb = Sandbox.create({ seed, clock: new VirtualClock() })) {
  const out: string[] = [];
  for (const l of lines) {
    const r = await sb.run(l);
    out.push(`$ ${l}\n${r.stdout}${r.stderr}[${r.exitCode}]`);
  }
  return { sb, out };
}

test("same seed + same commands → identical outputs and identical snapshots", async () => {
  const a = await play(42, SCRIPT);
  const b = await play(42, SCRIPT);
  assert.deepEqual(a.out, b.out);
  sameText(JSON.stringify(a.sb.snapshot()), JSON.stringify(b.sb.snapshot()), "snapshots");
  // A different seed changes generated names but not the shape of the story.
  const c = await play(43, SCRIPT);
  assert.notDeepEqual(a.out, c.out);
  assert.equal(a.out.length, c.out.length);
});

test("snapshot/restore in the middle of a rolling update continues exactly like the original", async () => {
  const clock = new VirtualClock();
  const sb = Sandbox.create({ seed: 5, clock });
  for (const l of ["kubectl create deployment web --image=nginx:1.26 --replicas=4", "kubectl rollout status deployment/web", "kubectl set image deployment/web nginx=nginx:1.27", "sleep 1"]) await sb.run(l);
  const mid = await sb.run("kubectl get rs --no-headers");
  // Really mid-rollout: two ReplicaSets both have replicas.
  const live = mid.stdout.trim().split("\n").filter((r) => r.split(/\s+/)[1] !== "0");
  assert.equal(live.length, 2, mid.stdout);

  const snap = JSON.stringify(sb.snapshot());
  const restored = Sandbox.restore(JSON.parse(snap), new VirtualClock());
  sameText(state(restored), state(sb), "restored state");
  const rest = ["kubectl get rs", "kubectl rollout status deployment/web", "kubectl get pods", "kubectl rollout history deployment/web", "sleep 30", "kubectl describe deploy web", "kubectl rollout undo deployment/web", "kubectl rollout status deployment/web", "kubectl get rs"];
  const x = await play(0, rest, sb);
  const y = await play(0, rest, restored);
  assert.deepEqual(y.out, x.out);
  sameText(state(y.sb), state(x.sb), "final states");
  assert.match(x.out[1], /deployment "web" successfully rolled out\n\[0\]$/);
});
