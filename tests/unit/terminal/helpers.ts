// Test doubles for the line discipline: a recording host and a tiny xterm-like screen model
// (autowrap with pending-wrap state, double-width cells, CUU/CUD/CUF/CUB, ED, CUP).

import { LineDiscipline, type Completion, type LineDisciplineHost, type LineDisciplineOptions } from "../../../lab-engine/terminal/line-discipline.ts";
import { wcwidth } from "../../../lab-engine/terminal/wcwidth.ts";

export class FakeHost implements LineDisciplineHost {
  out = "";
  executed: string[] = [];
  history: string[] = [];
  interrupts = 0;
  eofs = 0;
  promptText = "controlplane:~$ ";
  /** Pending command: resolve it to finish the command. */
  running: (() => void) | null = null;
  hold = false;
  outputFor: Record<string, string> = {};
  completer: ((line: string, cursor: number) => Completion | Promise<Completion>) | undefined;
  ld!: LineDiscipline;

  write(data: string): void {
    this.out += data;
  }
  prompt(): string {
    return this.promptText;
  }
  isIncomplete(text: string): boolean {
    // enough shell for tests: open heredoc, trailing | or \, unbalanced quotes
    const lines = text.split("\n");
    const m = /<<-?\s*['"]?(\w+)['"]?/.exec(lines[0]);
    if (m) return !lines.slice(1).some((l) => l.trim() === m[1]);
    const last = lines[lines.length - 1];
    if (/(\||\\)\s*$/.test(last)) return true;
    const sq = (text.match(/'/g) ?? []).length;
    const dq = (text.match(/"/g) ?? []).length;
    return sq % 2 === 1 || dq % 2 === 1;
  }
  execute(text: string): Promise<void> {
    this.executed.push(text);
    const o = this.outputFor[text];
    if (o !== undefined) this.ld.writeOutput(o);
    if (this.hold) return new Promise((res) => (this.running = res));
    return Promise.resolve();
  }
  interrupt(): void {
    this.interrupts++;
    if (this.running) {
      const r = this.running;
      this.running = null;
      r();
    }
  }
  complete(line: string, cursor: number): Completion | Promise<Completion> {
    if (!this.completer) return { replaceFrom: cursor, candidates: [] };
    return this.completer(line, cursor);
  }
  historyList(): string[] {
    return this.history;
  }
  addHistory(line: string): void {
    this.history.push(line);
  }
  eof(): void {
    this.eofs++;
  }
}

export function setup(opts: LineDisciplineOptions = {}): { host: FakeHost; ld: LineDiscipline } {
  const host = new FakeHost();
  const ld = new LineDiscipline(host, opts);
  host.ld = ld;
  ld.start();
  return { host, ld };
}

/** Minimal terminal screen: enough of xterm to check what the learner sees. */
export class Screen {
  lines: string[][] = [];
  row = 0;
  col = 0;
  pendingWrap = false;
  constructor(
    public cols: number,
    public rows = 1000,
  ) {}

  private line(r: number): string[] {
    while (this.lines.length <= r) this.lines.push([]);
    return this.lines[r];
  }

  private put(ch: string, w: number): void {
    if (w === 0) return;
    if (this.pendingWrap || this.col + w > this.cols) {
      this.row++;
      this.col = 0;
      this.pendingWrap = false;
    }
    const l = this.line(this.row);
    while (l.length < this.col + w) l.push(" ");
    l[this.col] = ch;
    if (w === 2) l[this.col + 1] = "";
    this.col += w;
    if (this.col >= this.cols) {
      this.col = this.cols - 1;
      this.pendingWrap = true;
    }
  }

  write(data: string): void {
    for (let i = 0; i < data.length; i++) {
      const c = data[i];
      if (c === "\r") {
        this.col = 0;
        this.pendingWrap = false;
      } else if (c === "\n") {
        this.row++;
        this.pendingWrap = false;
      } else if (c === "\x07") {
        /* bell */
      } else if (c === "\b") {
        this.col = Math.max(0, this.col - 1);
        this.pendingWrap = false;
      } else if (c === "\x1b") {
        const m = /^\x1b\[([0-9;?]*)([A-Za-z~])/.exec(data.slice(i, i + 20));
        if (!m) throw new Error("unexpected escape: " + JSON.stringify(data.slice(i, i + 10)));
        i += m[0].length - 1;
        const n = m[1] === "" ? 1 : Number(m[1].split(";")[0]);
        this.pendingWrap = false;
        switch (m[2]) {
          case "A":
            this.row = Math.max(0, this.row - n);
            break;
          case "B":
            this.row += n;
            break;
          case "C":
            this.col = Math.min(this.cols - 1, this.col + n);
            break;
          case "D":
            this.col = Math.max(0, this.col - n);
            break;
          case "J":
            if (m[1] === "2") {
              this.lines = [];
            } else {
              const l = this.line(this.row);
              l.length = Math.min(l.length, this.col);
              this.lines.length = Math.min(this.lines.length, this.row + 1);
            }
            break;
          case "H":
            this.row = 0;
            this.col = 0;
            break;
          case "h":
          case "l":
          case "m":
            break;
          default:
            throw new Error("unsupported CSI " + m[0]);
        }
      } else {
        const cp = data.codePointAt(i)!;
        const ch = String.fromCodePoint(cp);
        if (ch.length === 2) i++;
        this.put(ch, wcwidth(cp));
      }
    }
  }

  text(): string[] {
    return this.lines.map((l) => l.join("").replace(/\s+$/, ""));
  }
}

export const tick = () => new Promise<void>((r) => setImmediate(r));
