// One live sandbox per (user, lab), hosted in this process. get-or-create restores from the
// DB snapshot; changes are persisted ~1 s after they happen (debounced) and when the last
// terminal detaches; sandboxes nobody is attached to are evicted after an idle period.
// The key is built from the authenticated user id only; client input never names a user.
//
// What counts as a change to persist: a command line (Enter, Ctrl-C, Ctrl-D), output that is not
// the echo of a keystroke, the cluster changing because of a command, an editor save. Not: each
// keystroke of a half-typed line, nor the cluster moving on by itself on a tick (pods starting,
// lease renewals): the engine's time model makes that a function of the stored state and the
// time passed, which a restore replays. The last terminal detaching always saves everything.
import crypto from "node:crypto";
import type { Db } from "../db/client.ts";
import { loadSandboxSnapshot, saveSandboxState } from "../data/sandbox-snapshot.ts";
import { startLabAttempt } from "../data/lab-attempt.ts";
import type { SandboxEvent, SandboxFactory, SandboxLike } from "./sandbox-types.ts";
import { Scrollback } from "./scrollback.ts";
import { CommandLineTracker } from "./command-line-tracker.ts";
import { saveQueue } from "./save-queue.ts";
import { TickScheduler, type Tickable } from "./tick-scheduler.ts";

// Save 1 s after the last change, but at least every SAVE_MAX_WAIT_MS while changes keep coming.
export const SAVE_DEBOUNCE_MS = 1000;
export const SAVE_MAX_WAIT_MS = 5000;
// Real-time ticks: every second while someone typed recently, slower for an attached terminal
// nobody types in, none while detached (the next command or attach catches the cluster up).
export const TICK_ACTIVE_MS = 1000;
export const TICK_IDLE_MS = 5000;
export const ACTIVE_WINDOW_MS = 60_000;
// Input that runs, interrupts or ends something; other keys only edit the line being typed.
const SIGNIFICANT_INPUT = /[\r\n\x03\x04]/;

export type Listener = {
  output(data: string): void;
  event(ev: SandboxEvent): void;
};

export class HostedSandbox implements Tickable {
  readonly listeners = new Set<Listener>();
  lastActive = Date.now();
  lastInput = 0;
  nextTickAt = Infinity;
  private saveTimer: NodeJS.Timeout | undefined;
  private pendingCommands: string[] = [];
  private tracker = new CommandLineTracker();
  private saving: Promise<void> = Promise.resolve();
  private dirtySince: number | undefined;
  private lastChange = 0;
  private lastSaved = "";
  /** Output produced now is the echo of keystrokes (or a redraw), not worth a save by itself. */
  private quiet = false;
  private ticking = false;
  // Spread over 5–7 s so sandboxes that became dirty together do not all save together.
  private readonly maxWait = SAVE_MAX_WAIT_MS + Math.random() * 2000;
  disposed = false;

  constructor(
    readonly userId: string,
    readonly labId: string,
    public sb: SandboxLike,
    readonly scrollback: Scrollback,
    private readonly db: Db,
    readonly attemptId: string | null,
    private readonly ticks?: TickScheduler,
  ) {
    this.wire(sb);
    ticks?.add(this);
  }

  private wire(sb: SandboxLike) {
    sb.onOutput((data) => {
      if (this.sb !== sb) return;
      this.scrollback.push(data);
      if (!this.quiet) this.markDirty();
      for (const l of this.listeners) l.output(data);
    });
    sb.onEvent((ev) => {
      if (this.sb !== sb) return;
      if (ev.type === "cluster-changed") {
        // On a tick nothing is saved or sent: nobody acted, and the browser has nothing to redraw.
        if (this.ticking) return;
        this.markDirty();
      }
      for (const l of this.listeners) l.event(ev);
    });
  }

  /** Runs `fn` with output treated as redraw/echo (no save on its own account). */
  quietly<T>(fn: () => T): T {
    const was = this.quiet;
    this.quiet = true;
    try {
      return fn();
    } finally {
      this.quiet = was;
    }
  }

  input(data: string) {
    const now = Date.now();
    this.lastActive = now;
    this.lastInput = now;
    if (this.nextTickAt > now + TICK_ACTIVE_MS) this.nextTickAt = now + TICK_ACTIVE_MS;
    const lines = this.tracker.feed(data);
    if (lines.length) this.pendingCommands.push(...lines);
    if (SIGNIFICANT_INPUT.test(data)) {
      this.sb.input(data);
      this.markDirty();
    } else {
      this.quietly(() => this.sb.input(data));
    }
  }

  /** The tick scheduler's entry: advance the cluster to now and pick the next tick time. */
  runTick(now: number) {
    this.catchUp();
    if (this.listeners.size === 0) this.nextTickAt = Infinity;
    else this.nextTickAt = now + (now - this.lastInput < ACTIVE_WINDOW_MS ? TICK_ACTIVE_MS : TICK_IDLE_MS);
  }

  /** Brings the simulated cluster up to the present (before grading, on ticks). */
  catchUp() {
    if (this.disposed) return;
    this.ticking = true;
    try {
      this.sb.tick?.();
    } catch (e) {
      console.error(`[sandbox ${this.labId}] tick failed`, e);
    } finally {
      this.ticking = false;
    }
  }

  addListener(l: Listener) {
    this.listeners.add(l);
    this.lastActive = Date.now();
    this.nextTickAt = Math.min(this.nextTickAt, Date.now());
  }

  removeListener(l: Listener) {
    this.listeners.delete(l);
    if (this.listeners.size === 0) void this.save();
  }

  markDirty() {
    const now = Date.now();
    this.lastActive = now;
    if (this.disposed) return;
    this.dirtySince ??= now;
    this.lastChange = now;
    // One timer per burst of changes (not one per keystroke): when it fires early it re-arms.
    if (!this.saveTimer) this.armSave(now);
  }

  private dueAt() {
    return Math.min(this.lastChange + SAVE_DEBOUNCE_MS, (this.dirtySince ?? this.lastChange) + this.maxWait);
  }

  private armSave(now: number) {
    this.saveTimer = setTimeout(() => {
      this.saveTimer = undefined;
      if (this.dirtySince === undefined || this.disposed) return;
      const t = Date.now();
      if (this.dueAt() > t) return this.armSave(t);
      void this.save();
    }, Math.max(0, this.dueAt() - now));
  }

  /** Persists the snapshot and pending command lines now; serialised so saves never interleave. */
  save(): Promise<void> {
    if (this.saveTimer) {
      clearTimeout(this.saveTimer);
      this.saveTimer = undefined;
    }
    this.saving = this.saving.then(() => saveQueue.run(async () => {
      const commands = this.pendingCommands.splice(0);
      this.dirtySince = undefined;
      try {
        const json = JSON.stringify({ v: 1, engine: this.sb.snapshot(), scrollback: this.scrollback.text() });
        const changed = json !== this.lastSaved;
        // Snapshotting and writing each hold the thread for a few ms (PGlite runs on it):
        // let waiting keystrokes through in between.
        await new Promise((r) => setImmediate(r));
        await saveSandboxState(this.db, this.userId, this.labId, { json: changed ? json : undefined, attemptId: this.attemptId, commands });
        if (changed) this.lastSaved = json;
      } catch (e) {
        console.error(`[sandbox ${this.labId}] save failed`, e);
      }
    }));
    return this.saving;
  }

  replace(sb: SandboxLike) {
    this.sb = sb;
    this.wire(sb);
  }

  async dispose() {
    if (this.disposed) return;
    await this.save();
    this.disposed = true;
    this.ticks?.delete(this);
    this.sb.dispose?.();
  }
}

/** Where several instances serve one site: a lease per (user, lab) so a sandbox lives on one instance. */
export interface SandboxOwnership {
  acquire(userId: string, labId: string): Promise<{ ok: true } | { ok: false; owner: string }>;
  release(userId: string, labId: string): Promise<void>;
}

export const SANDBOX_ELSEWHERE_MESSAGE =
  "이 실습 환경은 지금 다른 서버에서 열려 있습니다. 다른 탭이나 기기의 터미널을 닫고 잠시 후 다시 시도하세요.";

/** The sandbox is hosted by another instance of this site. */
export class SandboxElsewhereError extends Error {
  readonly code = "SANDBOX_ELSEWHERE";
  constructor(readonly owner: string) {
    super(SANDBOX_ELSEWHERE_MESSAGE);
  }
}

export function seedFor(userId: string, labId: string): number {
  return crypto.createHash("sha256").update(`${userId}\0${labId}`).digest().readUInt32LE(0);
}

export class SandboxRegistry {
  private live = new Map<string, HostedSandbox>();
  private creating = new Map<string, Promise<HostedSandbox>>();
  private evictTimer: NodeJS.Timeout;
  private readonly ticks = new TickScheduler();

  constructor(
    private readonly db: Db,
    readonly engine: SandboxFactory,
    private readonly opts: { idleMs: number; maxPerUser: number; ownership?: SandboxOwnership } = { idleMs: 10 * 60_000, maxPerUser: 5 },
  ) {
    this.evictTimer = setInterval(() => void this.evictIdle(), Math.min(30_000, opts.idleMs));
    this.evictTimer.unref();
  }

  private key(userId: string, labId: string) {
    return `${userId}\0${labId}`;
  }

  get size() {
    return this.live.size;
  }

  peek(userId: string, labId: string): HostedSandbox | undefined {
    return this.live.get(this.key(userId, labId));
  }

  async getOrCreate(userId: string, labId: string): Promise<HostedSandbox> {
    const k = this.key(userId, labId);
    const existing = this.live.get(k);
    if (existing && !existing.disposed) return existing;
    let p = this.creating.get(k);
    if (!p) {
      p = this.open(userId, labId).finally(() => this.creating.delete(k));
      this.creating.set(k, p);
    }
    return p;
  }

  private async open(userId: string, labId: string): Promise<HostedSandbox> {
    const mine = [...this.live.values()].filter((h) => h.userId === userId && h.listeners.size === 0);
    if ([...this.live.values()].filter((h) => h.userId === userId).length >= this.opts.maxPerUser && mine[0]) {
      await this.evict(mine.sort((a, b) => a.lastActive - b.lastActive)[0]);
    }
    const own = this.opts.ownership;
    if (own) {
      const lease = await own.acquire(userId, labId);
      if (!lease.ok) throw new SandboxElsewhereError(lease.owner);
    }
    try {
      return await this.openOwned(userId, labId);
    } catch (e) {
      await own?.release(userId, labId).catch(() => {});
      throw e;
    }
  }

  private async openOwned(userId: string, labId: string): Promise<HostedSandbox> {
    const saved = (await loadSandboxSnapshot(this.db, userId, labId)) as any;
    let sb: SandboxLike | undefined;
    let scrollback = "";
    if (saved?.v === 1 && saved.engine && !saved.engine.fallback && this.engine.engineAvailable) {
      try {
        sb = await this.engine.restore(saved.engine);
        // Keep complete lines only: start() below draws the prompt (and any half-typed line) again.
        const text = typeof saved.scrollback === "string" ? saved.scrollback : "";
        scrollback = text.slice(0, text.lastIndexOf("\n") + 1);
      } catch (e) {
        console.warn(`[sandbox ${labId}] snapshot could not be restored; starting fresh`, (e as Error).message);
      }
    }
    const fresh = !sb;
    if (!sb) sb = await this.engine.create({ seed: seedFor(userId, labId), labId });
    const attempt = await startLabAttempt(this.db, userId, labId);
    const hosted = new HostedSandbox(userId, labId, sb, new Scrollback(scrollback), this.db, attempt.id, this.ticks);
    this.live.set(this.key(userId, labId), hosted);
    if (!fresh) console.log(`[sandbox ${labId}] restored from snapshot`);
    // The first prompt is a redraw: a sandbox nobody has used yet needs no save.
    hosted.quietly(() => sb.start?.());
    return hosted;
  }

  /** Throws away the lab state and starts over (the "초기화" button). */
  async reset(userId: string, labId: string): Promise<HostedSandbox> {
    const h = await this.getOrCreate(userId, labId);
    h.scrollback.clear();
    const sb = await this.engine.create({ seed: seedFor(userId, labId), labId });
    const old = h.sb;
    h.replace(sb);
    old.dispose?.();
    for (const l of h.listeners) l.output("\x1bc");
    sb.start?.();
    await h.save();
    return h;
  }

  async grade(userId: string, labId: string): Promise<unknown> {
    if (!this.engine.gradeLab) throw new Error("grader not available");
    const h = await this.getOrCreate(userId, labId);
    h.catchUp();
    return this.engine.gradeLab(h.sb, labId);
  }

  private async evict(h: HostedSandbox) {
    this.live.delete(this.key(h.userId, h.labId));
    await h.dispose();
    // Saved first: another instance may restore it as soon as the lease is gone.
    await this.opts.ownership?.release(h.userId, h.labId).catch((e) => console.error("[sandbox] lease release failed", e));
  }

  async evictIdle(now = Date.now()) {
    for (const h of [...this.live.values()]) {
      if (h.listeners.size === 0 && now - h.lastActive > this.opts.idleMs) await this.evict(h);
    }
  }

  async shutdown() {
    clearInterval(this.evictTimer);
    this.ticks.stop();
    await Promise.all([...this.live.values()].map((h) => this.evict(h)));
  }
}
