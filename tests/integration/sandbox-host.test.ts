// Sandbox hosting without a database or sockets: what makes a save, the sliced tick scheduler,
// and tick pacing. The DB is a double that records the statements a save sends.
import { test } from "node:test";
import assert from "node:assert/strict";
import { HostedSandbox, SAVE_DEBOUNCE_MS, TICK_ACTIVE_MS, TICK_IDLE_MS, ACTIVE_WINDOW_MS } from "../../server/sandbox-host/sandbox-registry.ts";
import { Scrollback } from "../../server/sandbox-host/scrollback.ts";
import { TickScheduler, BUDGET_MS } from "../../server/sandbox-host/tick-scheduler.ts";
import type { SandboxEvent } from "../../server/sandbox-host/sandbox-types.ts";
import { fakeSandbox } from "./fake-engine.ts";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function recordingDb() {
  const saves: { sql: string; values: unknown[] }[] = [];
  const db = {
    $executeRaw(strings: TemplateStringsArray, ...values: unknown[]) {
      saves.push({ sql: strings.join("?"), values });
      return Promise.resolve(1);
    },
  };
  return { db: db as any, saves };
}

function hosted() {
  const { db, saves } = recordingDb();
  const sb = fakeSandbox();
  let emit: (ev: SandboxEvent) => void = () => {};
  const onEvent = sb.onEvent;
  sb.onEvent = (cb) => {
    const prev = emit;
    emit = (ev) => (prev(ev), cb(ev));
    return onEvent(cb);
  };
  let ticks = 0;
  sb.tick = () => {
    ticks++;
    emit({ type: "cluster-changed" });
  };
  const h = new HostedSandbox("user-1", "lab-1", sb, new Scrollback(), db, "attempt-1");
  return { h, saves, emit: (ev: SandboxEvent) => emit(ev), ticks: () => ticks };
}

test("typing a line without Enter is not saved; Enter saves the snapshot and the command line in one statement", async () => {
  const { h, saves } = hosted();
  for (const ch of "kubectl get nodes") h.input(ch);
  await sleep(SAVE_DEBOUNCE_MS + 300);
  assert.equal(saves.length, 0, "keystroke echoes alone make no save");
  h.input("\r");
  await sleep(SAVE_DEBOUNCE_MS + 300);
  assert.equal(saves.length, 1);
  assert.match(saves[0].sql, /INSERT INTO "SandboxSnapshot"[\s\S]*INSERT INTO "CommandHistory"/);
  assert.ok(saves[0].values.some((v) => Array.isArray(v) && v[0] === "kubectl get nodes"), "the typed line is recorded");
  const json = saves[0].values.find((v) => typeof v === "string" && v.startsWith("{")) as string;
  assert.match(JSON.parse(json).scrollback, /kubectl get nodes[\s\S]*ran: kubectl get nodes/, "the echoed keystrokes are in the saved scrollback");
  await h.dispose();
});

test("the cluster moving on by itself on a tick is neither saved nor sent; a command's change is both", async () => {
  const { h, saves, emit, ticks } = hosted();
  const seen: string[] = [];
  h.addListener({ output() {}, event: (ev) => seen.push(ev.type) });
  h.runTick(Date.now());
  assert.equal(ticks(), 1);
  await sleep(SAVE_DEBOUNCE_MS + 300);
  assert.equal(saves.length, 0);
  assert.deepEqual(seen, []);
  emit({ type: "cluster-changed" });
  assert.deepEqual(seen, ["cluster-changed"]);
  await sleep(SAVE_DEBOUNCE_MS + 300);
  assert.equal(saves.length, 1);
  await h.dispose();
});

test("the last terminal detaching saves even a half-typed line", async () => {
  const { h, saves } = hosted();
  const l = { output() {}, event() {} };
  h.addListener(l);
  h.input("kubectl");
  h.removeListener(l);
  await sleep(50);
  assert.equal(saves.length, 1);
  assert.match(saves[0].sql, /"SandboxSnapshot"/);
  await h.dispose();
});

test("ticks: every second after typing, slower for an idle attached terminal, none when detached", () => {
  const { h } = hosted();
  const now = Date.now();
  h.runTick(now);
  assert.equal(h.nextTickAt, Infinity, "nobody attached");
  const l = { output() {}, event() {} };
  h.addListener(l);
  assert.ok(h.nextTickAt <= Date.now(), "attaching asks for a tick now");
  h.runTick(now);
  assert.equal(h.nextTickAt, now + TICK_IDLE_MS, "attached, nobody typed");
  h.input("k");
  h.runTick(now);
  assert.equal(h.nextTickAt, now + TICK_ACTIVE_MS, "typed just now");
  h.runTick(now + ACTIVE_WINDOW_MS + 1);
  assert.equal(h.nextTickAt, now + ACTIVE_WINDOW_MS + 1 + TICK_IDLE_MS, "typed a while ago");
  h.removeListener(l);
});

test("due ticks run in slices of about BUDGET_MS with an I/O turn between slices", async () => {
  const sched = new TickScheduler();
  const ran: number[] = [];
  const busy = (ms: number) => {
    const t = performance.now();
    while (performance.now() - t < ms);
  };
  const items = Array.from({ length: 10 }, (_, i) => ({
    nextTickAt: 0,
    runTick() {
      ran.push(i);
      busy(BUDGET_MS / 2);
      this.nextTickAt = Infinity;
    },
  }));
  items.forEach((t) => sched.add(t));
  sched.scan();
  const firstSlice = ran.length;
  assert.ok(firstSlice >= 1 && firstSlice < items.length, `first slice ran ${firstSlice} of ${items.length}`);
  let ioTurns = 0;
  while (ran.length < items.length && ioTurns < 100) {
    await new Promise((r) => setImmediate(r));
    ioTurns++;
  }
  assert.deepEqual(ran, [...items.keys()], "every due tick ran once, in order");
  assert.ok(ioTurns >= 2, "the rest ran over later turns");
  sched.scan();
  assert.equal(ran.length, items.length, "nothing is due any more");
  sched.stop();
});
