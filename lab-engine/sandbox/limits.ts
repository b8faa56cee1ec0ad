// Per-sandbox limits so one learner cannot hurt the others on a shared server: a work budget
// per command (shell steps, loop iterations, controller passes), output caps, object caps.
// Passing one gives a clear error, never a hang.

export interface Limits {
  /** Work units (shell steps + engine charges) one command may use. */
  workPerCommand: number;
  /** Bytes of stdout (or stderr) one command may produce in machine mode. */
  maxOutputBytes: number;
  /** Objects per cluster (all kinds). */
  maxObjects: number;
  /** Pods per cluster. */
  maxPods: number;
  /** Replicas a single workload may ask for. */
  maxReplicas: number;
}

export const DEFAULT_LIMITS: Limits = {
  workPerCommand: 2_000_000,
  maxOutputBytes: 4 * 1024 * 1024,
  maxObjects: 5000,
  maxPods: 500,
  maxReplicas: 200,
};

export class BudgetExceeded extends Error {}

export class SandboxLimits {
  private used = 0;
  constructor(readonly cfg: Limits) {}
  get maxOutputBytes(): number {
    return this.cfg.maxOutputBytes;
  }
  startCommand(): void {
    this.used = 0;
  }
  charge(units: number): void {
    this.used += units;
    if (this.used > this.cfg.workPerCommand) {
      throw new BudgetExceeded("command exceeded its work budget and was stopped");
    }
  }
}
