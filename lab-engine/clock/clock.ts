// The engine never reads the wall clock itself: every "now", delay and back-off goes through
// a Clock, so tests and graders can run on virtual time that moves only when told to.

export interface Clock {
  readonly mode: "real" | "virtual";
  /** Milliseconds since the Unix epoch. */
  now(): number;
  /**
   * Wait `ms` of clock time. On a virtual clock this advances time at once and resolves
   * immediately; on a real clock it waits and can be interrupted through `signal`.
   */
  sleep(ms: number, signal?: AbortSignalLike): Promise<void>;
}

/** Minimal abort signal so the engine needs no DOM or Node typings. */
export interface AbortSignalLike {
  readonly aborted: boolean;
  addEventListener?(type: "abort", cb: () => void): void;
}

/** Virtual time: moves only through advance()/sleep(). The state is one number, so it snapshots. */
export class VirtualClock implements Clock {
  readonly mode = "virtual" as const;
  constructor(private t: number = Date.UTC(2026, 10, 21, 22, 0, 0)) {}
  now(): number {
    return this.t;
  }
  advance(ms: number): void {
    if (ms > 0) this.t += ms;
  }
  set(t: number): void {
    if (t > this.t) this.t = t;
  }
  async sleep(ms: number): Promise<void> {
    this.advance(ms);
  }
}

/**
 * Real time, with the timer function injected (the engine has no global timers in its typings).
 * `offset` lets a restored sandbox keep its own timeline monotonic.
 */
export class RealClock implements Clock {
  readonly mode = "real" as const;
  constructor(
    private readonly nowFn: () => number,
    private readonly setTimer: (cb: () => void, ms: number) => unknown,
    private readonly clearTimer: (h: unknown) => void,
  ) {}
  now(): number {
    return this.nowFn();
  }
  sleep(ms: number, signal?: AbortSignalLike): Promise<void> {
    return new Promise((resolve) => {
      if (signal?.aborted) return resolve();
      const h = this.setTimer(resolve, ms);
      signal?.addEventListener?.("abort", () => {
        this.clearTimer(h);
        resolve();
      });
    });
  }
}
