// Token bucket per user for terminal input. Typing is a few messages per second and a paste is
// one message, so the default (burst 200, 100/s) only stops scripts flooding the engine.
export class TokenBucket {
  private tokens: number;
  private last: number;
  constructor(
    private readonly burst: number,
    private readonly perSecond: number,
    private readonly now: () => number = Date.now,
  ) {
    this.tokens = burst;
    this.last = now();
  }
  take(cost = 1): boolean {
    const t = this.now();
    this.tokens = Math.min(this.burst, this.tokens + ((t - this.last) / 1000) * this.perSecond);
    this.last = t;
    if (this.tokens < cost) return false;
    this.tokens -= cost;
    return true;
  }
}

export class PerUserLimiter {
  private buckets = new Map<string, TokenBucket>();
  constructor(
    private readonly burst = 200,
    private readonly perSecond = 100,
  ) {}
  allow(userId: string): boolean {
    let b = this.buckets.get(userId);
    if (!b) {
      if (this.buckets.size > 10_000) this.buckets.clear();
      b = new TokenBucket(this.burst, this.perSecond);
      this.buckets.set(userId, b);
    }
    return b.take();
  }
}
