// One scheduler for the real-time ticks of every hosted sandbox (controllers and kubelets move
// on tick()). Per-sandbox setInterval timers that fall due together (sandboxes attached in one
// burst) would run back to back in one timer phase and hold every terminal's keystrokes for the
// whole burst; here due ticks run in slices of about BUDGET_MS, with an I/O turn between slices,
// so a keystroke waits for at most one slice.
export type Tickable = {
  /** Host time (ms) of the next tick; Infinity = not ticking now. */
  nextTickAt: number;
  runTick(now: number): void;
};

export const SCAN_MS = 100;
export const BUDGET_MS = 4;

export class TickScheduler {
  private readonly items = new Set<Tickable>();
  private readonly queue: Tickable[] = [];
  private readonly queued = new Set<Tickable>();
  private draining = false;
  private readonly timer: NodeJS.Timeout;

  constructor(private readonly now: () => number = Date.now) {
    this.timer = setInterval(() => this.scan(), SCAN_MS);
    this.timer.unref();
  }

  add(t: Tickable) {
    this.items.add(t);
  }

  delete(t: Tickable) {
    this.items.delete(t);
    this.queued.delete(t);
  }

  get size() {
    return this.items.size;
  }

  /** Queues every due item and starts draining (called by the timer; public for tests). */
  scan() {
    const now = this.now();
    for (const t of this.items) {
      if (t.nextTickAt <= now && !this.queued.has(t)) {
        this.queued.add(t);
        this.queue.push(t);
      }
    }
    if (!this.draining && this.queue.length) this.drain();
  }

  private drain() {
    this.draining = true;
    const start = performance.now();
    while (this.queue.length) {
      const t = this.queue.shift()!;
      if (!this.queued.delete(t)) continue; // removed meanwhile
      try {
        t.runTick(this.now());
      } catch (e) {
        console.error("[tick] failed", e);
      }
      if (performance.now() - start >= BUDGET_MS && this.queue.length) {
        setImmediate(() => this.drain());
        return;
      }
    }
    this.draining = false;
  }

  stop() {
    clearInterval(this.timer);
    this.items.clear();
    this.queue.length = 0;
    this.queued.clear();
  }
}
