// The last bytes a sandbox printed, so a reload or reconnect repaints the terminal as it was.
// Bounded: a runaway `yes`-like output must not grow memory or the snapshot without limit.
export const SCROLLBACK_BYTES = 64 * 1024;

export class Scrollback {
  private chunks: string[] = [];
  private size = 0;
  constructor(initial = "") {
    if (initial) this.push(initial);
  }
  push(data: string) {
    this.chunks.push(data);
    this.size += data.length;
    while (this.size > SCROLLBACK_BYTES && this.chunks.length > 1) this.size -= this.chunks.shift()!.length;
    if (this.size > SCROLLBACK_BYTES) {
      const only = this.chunks[0].slice(-SCROLLBACK_BYTES);
      this.chunks = [only];
      this.size = only.length;
    }
  }
  text(): string {
    // Start at a line boundary so a cut escape sequence does not garble the first line.
    const all = this.chunks.join("");
    if (this.size < SCROLLBACK_BYTES) return all;
    const nl = all.indexOf("\n");
    return nl >= 0 ? all.slice(nl + 1) : all;
  }
  clear() {
    this.chunks = [];
    this.size = 0;
  }
}
