// All snapshot saves of this process go through one queue, one at a time, with a macrotask
// yield between them. On the embedded PGlite a save runs on the server's own thread (~5–10 ms),
// and a burst of sandboxes saving together would otherwise run back to back and freeze every
// terminal for the whole burst.
export class SaveQueue {
  private jobs: (() => Promise<void>)[] = [];
  private running = false;
  /** Jobs finished so far (for benchmarks and tests). */
  completed = 0;

  run(job: () => Promise<void>): Promise<void> {
    return new Promise((resolve) => {
      this.jobs.push(async () => {
        try {
          await job();
        } finally {
          this.completed++;
          resolve();
        }
      });
      if (!this.running) void this.drain();
    });
  }

  private async drain() {
    this.running = true;
    while (this.jobs.length) {
      await this.jobs.shift()!();
      await new Promise((r) => setImmediate(r));
    }
    this.running = false;
  }

  get length() {
    return this.jobs.length;
  }
}

export const saveQueue = new SaveQueue();
