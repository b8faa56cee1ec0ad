// One live sandbox per (user, lab), hosted in this process. get-or-create restores from the
// DB snapshot; changes are persisted ~1 s after they happen (debounced) and when the last
// terminal detaches; sandboxes nobody is attached to are evicted after an idle period.
// The key is built from the authenticated user id only; client input never names a user.
import crypto from "node:crypto";
import type { Db } from "../db/client.ts";
import { loadSandboxSnapshot, saveSandboxSnapshot } from "../data/sandbox-snapshot.ts";
import { recordCommands, startLabAttempt } from "../data/lab-attempt.ts";
import type { SandboxEvent, SandboxFactory, SandboxLike } from "./sandbox-types.ts";
import { Scrollback } from "./scrollback.ts";
import { CommandLineTracker } from "./command-line-tracker.ts";
import { saveQueue } from "./save-queue.ts";

// Save 1 s after the last change, but at least every SAVE_MAX_WAIT_MS while changes keep coming.
export const SAVE_DEBOUNCE_MS = 1000;
export const SAVE_MAX_WAIT_MS = 5000;

export type Listener = {
  output(data: string): void;
  event(ev: SandboxEvent): void;
};

export class HostedSandbox {
  readonly listeners = new Set<Listener>();
  lastActive = Date.now();
  private saveTimer: NodeJS.Timeout | undefined;
  private tickTimer: NodeJS.Timeout | undefined;
  private pendingCommands: string[] = [];
  private tracker = new CommandLineTracker();
  private saving: Promise<void> = Promise.resolve();
  private dirtySince: number | undefined;
  private lastSaved = "";
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
  ) {
    this.wire(sb);
    // Real-time mode: the engine advances controllers and kubelets on tick().
    this.tickTimer = setInterval(() => {
      try {
        this.sb.tick?.();
      } catch (e) {
        console.error(`[sandbox ${labId}] tick failed`, e);
      }
    }, 1000);
    this.tickTimer.unref();
  }

  private wire(sb: SandboxLike) {
    sb.onOutput((data) => {
      if (this.sb !== sb) return;
      this.scrollback.push(data);
      this.markDirty();
      for (const l of this.listeners) l.output(data);
    });
    sb.onEvent((ev) => {
      if (this.sb !== sb) return;
      if (ev.type === "cluster-changed") this.markDirty();
      for (const l of this.listeners) l.event(ev);
    });
  }

  input(data: string) {
    this.lastActive = Date.now();
    this.pendingCommands.push(...this.tracker.feed(data));
    this.sb.input(data);
    this.markDirty();
  }

  markDirty() {
    const now = Date.now();
    this.lastActive = now;
    if (this.disposed) return;
    this.dirtySince ??= now;
    if (this.saveTimer) clearTimeout(this.saveTimer);
    const wait = Math.max(0, Math.min(SAVE_DEBOUNCE_MS, this.dirtySince + this.maxWait - now));
    this.saveTimer = setTimeout(() => {
      this.saveTimer = undefined;
      void this.save();
    }, wait);
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
        if (json !== this.lastSaved) {
          await saveSandboxSnapshot(this.db, this.userId, this.labId, json);
          this.lastSaved = json;
        }
        await recordCommands(this.db, this.userId, this.labId, this.attemptId, commands);
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
    if (this.tickTimer) clearInterval(this.tickTimer);
    this.sb.dispose?.();
  }
}

export function seedFor(userId: string, labId: string): number {
  return crypto.createHash("sha256").update(`${userId}\0${labId}`).digest().readUInt32LE(0);
}

export class SandboxRegistry {
  private live = new Map<string, HostedSandbox>();
  private creating = new Map<string, Promise<HostedSandbox>>();
  private evictTimer: NodeJS.Timeout;

  constructor(
    private readonly db: Db,
    readonly engine: SandboxFactory,
    private readonly opts: { idleMs: number; maxPerUser: number } = { idleMs: 10 * 60_000, maxPerUser: 5 },
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
    const hosted = new HostedSandbox(userId, labId, sb, new Scrollback(scrollback), this.db, attempt.id);
    this.live.set(this.key(userId, labId), hosted);
    if (!fresh) console.log(`[sandbox ${labId}] restored from snapshot`);
    sb.start?.();
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
    return this.engine.gradeLab(h.sb, labId);
  }

  private async evict(h: HostedSandbox) {
    this.live.delete(this.key(h.userId, h.labId));
    await h.dispose();
  }

  async evictIdle(now = Date.now()) {
    for (const h of [...this.live.values()]) {
      if (h.listeners.size === 0 && now - h.lastActive > this.opts.idleMs) await this.evict(h);
    }
  }

  async shutdown() {
    clearInterval(this.evictTimer);
    await Promise.all([...this.live.values()].map((h) => this.evict(h)));
  }
}
