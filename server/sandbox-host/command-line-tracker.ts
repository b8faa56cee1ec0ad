// Reconstructs typed command lines from raw keystrokes for the command history table. Best
// effort: it follows printable keys, backspace, Ctrl-C/Ctrl-U and Enter, and skips escape
// sequences (arrows, history recall), so a recalled line is recorded as what was typed after it.
export class CommandLineTracker {
  private line = "";
  private inEscape = false;

  /** Feeds input bytes; returns the lines completed by Enter. */
  feed(data: string): string[] {
    const done: string[] = [];
    for (const ch of data) {
      if (this.inEscape) {
        if (/[A-Za-z~]/.test(ch)) this.inEscape = false;
        continue;
      }
      if (ch === "\x1b") this.inEscape = true;
      else if (ch === "\r" || ch === "\n") {
        if (this.line.trim()) done.push(this.line.trim());
        this.line = "";
      } else if (ch === "\x7f" || ch === "\b") this.line = this.line.slice(0, -1);
      else if (ch === "\x03" || ch === "\x15") this.line = "";
      else if (ch >= " ") this.line += ch;
      if (this.line.length > 4000) this.line = this.line.slice(0, 4000);
    }
    return done;
  }
}
