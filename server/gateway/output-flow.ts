// Output flow control for one socket. Sandbox output is coalesced (one emit per event-loop
// turn instead of one per write) and each emit is acknowledged by the browser after xterm has
// parsed it. While more than HIGH_WATER bytes are unacknowledged we stop emitting and buffer;
// if the buffer passes MAX_BUFFERED (a runaway command into a stalled tab) it is dropped with
// a notice, so one slow client cannot grow server memory without bound.
export const HIGH_WATER = 128 * 1024;
export const MAX_BUFFERED = 1024 * 1024;
export const DROP_NOTICE = "\r\n\x1b[33m[출력이 너무 많아 일부를 생략했습니다]\x1b[0m\r\n";

export class OutputFlow {
  private pending: string[] = [];
  private pendingBytes = 0;
  private inFlight = 0;
  private scheduled = false;
  private dropped = false;
  closed = false;

  constructor(private readonly emit: (data: string, ack: () => void) => void) {}

  write(data: string) {
    if (this.closed || !data) return;
    if (this.pendingBytes + data.length > MAX_BUFFERED) {
      this.pending = [];
      this.pendingBytes = 0;
      this.dropped = true;
      return;
    }
    this.pending.push(data);
    this.pendingBytes += data.length;
    this.schedule();
  }

  private schedule() {
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      this.flush();
    });
  }

  /** Sends what is pending now instead of at the end of this event-loop turn (keystroke echo). */
  flushNow() {
    if (this.pendingBytes > 0) this.flush();
  }

  private flush() {
    if (this.closed || this.inFlight > HIGH_WATER) return;
    if (this.dropped) {
      this.dropped = false;
      this.pending.unshift(DROP_NOTICE);
      this.pendingBytes += DROP_NOTICE.length;
    }
    if (this.pendingBytes === 0) return;
    const data = this.pending.join("");
    this.pending = [];
    this.pendingBytes = 0;
    const n = data.length;
    this.inFlight += n;
    let acked = false;
    this.emit(data, () => {
      if (acked) return;
      acked = true;
      this.inFlight -= n;
      if (this.pendingBytes > 0 || this.dropped) this.schedule();
    });
  }

  get buffered() {
    return this.pendingBytes + this.inFlight;
  }

  close() {
    this.closed = true;
    this.pending = [];
  }
}
