// The readline-like layer between raw keystrokes and the shell, shared by the web terminal
// (xterm.js) and the local CLI. Pure: bytes in through input(), bytes out through host.write().
//
// Display model: the "input area" is the prompt plus the line being edited, starting at
// column `startCol` of some terminal row. We remember where the terminal cursor is inside
// that area (row offset and column) and redraw by moving to its start, clearing to the end of
// the screen and rewriting it, so wrapped lines (including double-width Hangul) stay right.
// Plain typing at the end of the line is echoed without a redraw.

import { nextKey, type Key } from "./keys.ts";
import { wcwidth } from "./wcwidth.ts";

export interface Completion {
  /** Candidates replace line[replaceFrom..cursor] (UTF-16 indices into the line given). */
  replaceFrom: number;
  candidates: string[];
  /** Optional names to show when listing (e.g. file basenames); same order as candidates. */
  display?: string[];
}

export interface LineDisciplineHost {
  /** Bytes to the terminal (\r\n newlines, ANSI sequences). */
  write(data: string): void;
  /** Primary prompt, e.g. "controlplane:~$ ". May contain ANSI colours (\x01..\x02 optional). */
  prompt(): string;
  /** True when the shell needs more lines (open quote, heredoc, trailing | or \). */
  isIncomplete(text: string): boolean;
  /** Run one complete input (may contain newlines). Output goes through write(). */
  execute(text: string): Promise<void>;
  /** Ctrl-C while a command runs: abort its signal. */
  interrupt(): void;
  /** Tab completion. */
  complete?(line: string, cursor: number): Promise<Completion> | Completion;
  historyList(): string[];
  addHistory(line: string): void;
  /** Ctrl-D on an empty line. The line discipline prints nothing; call newPrompt() to go on. */
  eof(): void;
}

export interface LineDisciplineOptions {
  cols?: number;
  rows?: number;
  /** Restore a partial line saved with state(). */
  state?: LineDisciplineState;
  /** Continuation prompt (PS2). Default "> ". */
  ps2?: string;
  /** Write ESC[?2004h at start() so xterm-compatible terminals bracket pastes. Default false. */
  bracketedPaste?: boolean;
  /** Width function override (code point -> columns). */
  wcwidth?: (cp: number) => number;
}

/** Serialisable editing state (what a snapshot needs to put the learner's half-typed line back). */
export interface LineDisciplineState {
  v: 1;
  line: string;
  cursor: number; // in code points
  continuation: string[]; // lines already entered of an incomplete input
  kill: string;
}

/** Longest line (code points); further characters ring the bell. */
export const MAX_LINE = 64 * 1024;
/** Longest multi-line input (UTF-16 units) and most lines before it is discarded. */
export const MAX_INPUT = 128 * 1024;
export const MAX_INPUT_LINES = 2000;
/** Work budget per input() call (characters moved by edits); hostile input beyond it is dropped. */
export const WORK_BUDGET = 4 * 1024 * 1024;
/** Most unprocessed input kept (type-ahead while a command runs). */
export const MAX_PENDING = 256 * 1024;
/** Completion lists longer than this ask "Display all N possibilities? (y or n)". */
export const COMPLETION_QUERY_ITEMS = 100;
const MAX_CANDIDATES = 10000;

const BELL = "\x07";
const PASTE_END = "\x1b[201~";

interface Pos {
  row: number;
  col: number;
}

interface Drawn {
  cursorRow: number;
  cursorCol: number;
  endRow: number;
  endCol: number;
  cursorAtEnd: boolean;
}

interface SearchState {
  query: string;
  failed: boolean;
  idx: number; // matched history index, -1 none yet
  pos: number; // match position (UTF-16) in that entry
  origLine: string[];
  origCursor: number;
}

type Action = "" | "kill-fwd" | "kill-back" | "tab-ambiguous" | "yank-arg" | "cr";

function isWordChar(ch: string): boolean {
  return /^[\p{L}\p{N}]$/u.test(ch);
}

function commonPrefix(a: string[]): string {
  if (a.length === 0) return "";
  let p = a[0];
  for (const s of a) {
    let i = 0;
    while (i < p.length && i < s.length && p[i] === s[i]) i++;
    p = p.slice(0, i);
    if (!p) break;
  }
  // do not split a surrogate pair
  const last = p.charCodeAt(p.length - 1);
  if (last >= 0xd800 && last <= 0xdbff) p = p.slice(0, -1);
  return p;
}

export class LineDiscipline {
  private cols: number;
  private rows: number;
  private readonly ps2: string;
  private readonly width: (cp: number) => number;
  private readonly bracketed: boolean;

  // editing state
  private chars: string[] = [];
  private cursor = 0;
  private cont: string[] = [];
  private killText = "";
  private lastAction: Action = "";
  private histPos: number | null = null; // null = the line being typed
  private histEdits = new Map<number, string>();
  private histSaved: string | null = null;
  private search: SearchState | null = null;
  private lastSearch = "";
  private confirm: { display: string[] } | null = null;

  // input state
  private buf = "";
  private inPaste = false;
  private started = false;
  private _busy = false;
  private completing = 0; // id of the outstanding async completion, 0 none
  private completionSeq = 0;
  private interrupted = false;
  private belled = false;
  private stalled = false; // buf holds only an unfinished escape sequence
  private work = 0; // work done in this pump (see WORK_BUDGET)
  private waiters: Array<() => void> = [];

  // display state
  private out: string[] = [];
  private promptText = "";
  private startCol = 0;
  private outCol = 0; // column left by command output (via writeOutput)
  private drawn: Drawn | null = null;
  private dirty: 0 | 1 | 2 = 0; // 0 clean, 1 appended at end, 2 full redraw
  private appendFrom = 0;

  constructor(
    private readonly host: LineDisciplineHost,
    opts: LineDisciplineOptions = {},
  ) {
    this.cols = Math.max(2, Math.floor(opts.cols ?? 80));
    this.rows = Math.max(1, Math.floor(opts.rows ?? 24));
    this.ps2 = opts.ps2 ?? "> ";
    this.width = opts.wcwidth ?? wcwidth;
    this.bracketed = opts.bracketedPaste ?? false;
    const st = opts.state;
    if (st && st.v === 1) {
      this.chars = Array.from(String(st.line ?? "")).slice(0, MAX_LINE);
      this.cursor = Math.max(0, Math.min(this.chars.length, Math.floor(Number(st.cursor) || 0)));
      this.cont = Array.isArray(st.continuation) ? st.continuation.map(String) : [];
      this.killText = String(st.kill ?? "");
    }
  }

  // ---------------------------------------------------------------- public API

  /** True while a command runs (keystrokes are then buffered as type-ahead, except Ctrl-C). */
  get busy(): boolean {
    return this._busy;
  }

  /** Print the first prompt (and a restored partial line). */
  start(): void {
    if (this.started) return;
    this.started = true;
    if (this.bracketed) this.out.push("\x1b[?2004h");
    this.showPrompt(this.cont.length ? this.ps2 : this.host.prompt());
    this.pump();
  }

  /** Raw keystrokes or pasted text from the terminal. */
  input(data: string): void {
    if (typeof data !== "string" || data.length === 0) return;
    if (data.length > MAX_PENDING) data = data.slice(0, MAX_PENDING);
    // A plain multi-line paste in one chunk: treat like a bracketed paste (tabs stay literal).
    if (!this.inPaste && !data.includes("\x1b[200~") && this.looksPasted(data)) {
      data = "\x1b[200~" + data + PASTE_END;
    }
    if (this._busy) {
      const k = data.lastIndexOf("\x03");
      if (k >= 0) {
        // Ctrl-C: like a tty with ISIG, flush type-ahead and signal the running command.
        let n = 0;
        for (let i = 0; i < data.length; i++) if (data[i] === "\x03") n++;
        this.buf = "";
        this.inPaste = false;
        data = data.slice(k + 1);
        for (let i = 0; i < n; i++) {
          this.interrupted = true;
          this.outCol += 2;
          this.host.write("^C");
          this.host.interrupt();
        }
      }
      this.enqueue(data);
      return;
    }
    if (this.completing && data.includes("\x03")) this.completing = 0; // cancel; ^C handled below
    this.enqueue(data);
    this.pump();
  }

  /** Terminal size changed. */
  resize(cols: number, rows: number): void {
    const c = Math.max(2, Math.floor(cols) || 80);
    this.rows = Math.max(1, Math.floor(rows) || 24);
    if (c === this.cols) return;
    this.cols = c;
    if (this.drawn && !this._busy) {
      // Terminals reflow wrapped lines: recompute where the cursor now is, then redraw.
      const lay = this.layout(null);
      this.drawn = { ...this.drawn, cursorRow: lay.cursor.row, cursorCol: lay.cursor.col };
      if (this.startCol >= this.cols) this.startCol = 0;
      this.dirty = 2;
      this.flush();
    }
  }

  /** The partial line, for snapshots. */
  state(): LineDisciplineState {
    const line = this.search ? this.search.origLine : this.chars;
    return {
      v: 1,
      line: line.join(""),
      cursor: this.search ? this.search.origCursor : this.cursor,
      continuation: [...this.cont],
      kill: this.killText,
    };
  }

  /** Resolves when no command runs and no input is waiting. */
  idle(): Promise<void> {
    if (this.isIdle()) return Promise.resolve();
    return new Promise((res) => this.waiters.push(res));
  }

  /**
   * Write command output (instead of host.write directly) so the line discipline knows the
   * column the output ended at, and the next prompt is drawn after it like bash does.
   */
  writeOutput(data: string): void {
    this.trackOutput(data);
    this.host.write(data);
  }

  /** Print text above the line being edited (async notices), then redraw prompt and line. */
  printAbove(text: string): void {
    if (!this.started || this._busy || !this.drawn) {
      this.writeOutput(text);
      return;
    }
    this.flush();
    const d = this.drawn;
    if (d.cursorRow > 0) this.out.push(`\x1b[${d.cursorRow}A`);
    this.out.push("\r");
    if (this.startCol > 0) this.out.push(`\x1b[${this.startCol}C`);
    this.out.push("\x1b[J", text);
    this.outCol = this.startCol;
    this.trackOutput(text);
    this.startCol = this.outCol >= this.cols ? 0 : this.outCol;
    this.drawn = null;
    this.dirty = 2;
    this.flush();
  }

  /** Print a fresh primary prompt (e.g. after eof() when the host does not end the session). */
  newPrompt(): void {
    if (this._busy) return;
    this.flush();
    if (this.drawn) this.out.push("\r\n");
    this.resetLine();
    this.showPrompt(this.host.prompt());
    this.flush();
  }

  /** Redraw the prompt and line (e.g. after the web page re-attached to the sandbox). */
  redraw(): void {
    if (this._busy || !this.started) return;
    this.drawn = null;
    this.startCol = 0;
    this.dirty = 2;
    this.flush();
  }

  // ---------------------------------------------------------------- input loop

  private looksPasted(data: string): boolean {
    if (data.length < 3) return false;
    const body = data.endsWith("\r\n") ? data.slice(0, -2) : data.slice(0, -1);
    return /[\r\n]/.test(body);
  }

  private enqueue(data: string): void {
    if (!data) return;
    const room = MAX_PENDING - this.buf.length;
    if (room <= 0) {
      this.host.write(BELL);
      return;
    }
    if (data.length > room) {
      data = data.slice(0, room);
      this.host.write(BELL);
    }
    this.buf += data;
    this.stalled = false;
  }

  private isIdle(): boolean {
    return !this._busy && !this.completing && (this.buf.length === 0 || this.stalled);
  }

  private pump(): void {
    if (!this.started) return;
    let i = 0;
    const s = this.buf;
    this.belled = false;
    this.work = 0;
    while (i < s.length && !this._busy && !this.completing) {
      if (this.work > WORK_BUDGET) {
        i = s.length;
        this.inPaste = false;
        this.bell();
        break;
      }
      if (this.inPaste) {
        if (s.startsWith(PASTE_END, i)) {
          this.inPaste = false;
          i += PASTE_END.length;
          continue;
        }
        if (s[i] === "\x1b") {
          if (s.length - i < PASTE_END.length && PASTE_END.startsWith(s.slice(i))) break; // partial end marker: wait
          const t = nextKey(s, i, true);
          if (!t) break;
          i = t.next; // escape sequences inside a paste are dropped
          continue;
        }
        const t = nextKey(s, i, true);
        if (!t) break;
        i = t.next;
        this.work += this.cursor === this.chars.length ? 1 : 1 + this.chars.length;
        this.pasteKey(t.key);
        continue;
      }
      const t = nextKey(s, i, this.search !== null || this.confirm !== null);
      if (!t) break;
      i = t.next;
      // anything but typing at the end of the line may touch the whole line
      const n = this.chars.length;
      this.work += t.key.k === "char" && this.cursor === n && !this.search ? 1 : 1 + n;
      this.key(t.key);
    }
    this.buf = i >= s.length ? "" : s.slice(i);
    this.stalled = this.buf.length > 0 && !this._busy && !this.completing;
    this.flush();
    if (this.isIdle()) {
      const w = this.waiters;
      this.waiters = [];
      for (const f of w) f();
    }
  }

  private pasteKey(key: Key): void {
    if (key.k === "char") this.key(key);
    else if (key.k === "ctrl") {
      if (key.ch === "\r" || key.ch === "\n") this.key(key);
      else if (key.ch === "\t") {
        this.lastAction = "";
        this.insert(["\t"]);
      }
    }
  }

  private bell(): void {
    if (this.belled) return;
    this.belled = true;
    this.flush(); // ring after the screen shows the current state
    this.out.push(BELL);
  }

  // ---------------------------------------------------------------- key dispatch

  private key(key: Key): void {
    // "\r\n" counts as one Enter
    const wasCR = this.lastAction === "cr";
    if (wasCR) this.lastAction = "";
    if (key.k === "ctrl" && key.ch === "\n" && wasCR) {
      this.lastAction = "";
      return;
    }
    if (this.confirm) return this.confirmKey(key);
    if (this.search) {
      if (this.searchKey(key)) return;
    }
    const prev = this.lastAction;
    this.lastAction = "";
    switch (key.k) {
      case "char":
        return this.insert([key.ch]);
      case "left":
        return this.moveTo(this.cursor - 1);
      case "right":
        return this.moveTo(this.cursor + 1);
      case "home":
        return this.moveTo(0);
      case "end":
        return this.moveTo(this.chars.length);
      case "delete":
        return this.deleteForward();
      case "up":
        return this.history(-1);
      case "down":
        return this.history(1);
      case "word-left":
        return this.moveTo(this.wordLeft());
      case "word-right":
        return this.moveTo(this.wordRight());
      case "meta":
        return this.metaKey(key.ch, prev);
      case "esc":
      case "ignore":
      case "paste-end":
        return;
      case "paste-start":
        this.inPaste = true;
        return;
      case "ctrl":
        return this.ctrlKey(key.ch, prev);
    }
  }

  private ctrlKey(ch: string, prev: Action): void {
    switch (ch) {
      case "\r":
        this.accept();
        this.lastAction = "cr";
        return;
      case "\n":
        return this.accept();
      case "\x01":
        return this.moveTo(0);
      case "\x02":
        return this.moveTo(this.cursor - 1);
      case "\x03":
        return this.ctrlC();
      case "\x04":
        if (this.chars.length === 0) return this.eof();
        return this.deleteForward();
      case "\x05":
        return this.moveTo(this.chars.length);
      case "\x06":
        return this.moveTo(this.cursor + 1);
      case "\x07":
        return this.bell();
      case "\x08":
      case "\x7f":
        return this.backspace();
      case "\t":
        return this.tab(prev === "tab-ambiguous");
      case "\x0b":
        return this.killRange(this.cursor, this.chars.length, prev);
      case "\x0c":
        return this.clearScreen();
      case "\x0e":
        return this.history(1);
      case "\x10":
        return this.history(-1);
      case "\x12":
        return this.startSearch();
      case "\x14":
        return this.transpose();
      case "\x15":
        return this.killRange(0, this.cursor, prev);
      case "\x17": {
        let j = this.cursor;
        while (j > 0 && /\s/.test(this.chars[j - 1])) j--;
        while (j > 0 && !/\s/.test(this.chars[j - 1])) j--;
        return this.killRange(j, this.cursor, prev);
      }
      case "\x19":
        return this.yank();
    }
    // other control characters are ignored, as readline's unbound keys
  }

  private metaKey(ch: string, prev: Action): void {
    switch (ch) {
      case "b":
      case "B":
        return this.moveTo(this.wordLeft());
      case "f":
      case "F":
        return this.moveTo(this.wordRight());
      case "d":
      case "D":
        return this.killRange(this.cursor, this.wordRight(), prev);
      case "\x7f":
        return this.killRange(this.wordLeft(), this.cursor, prev);
      case ".":
      case "_":
        return this.yankLastArg(prev);
    }
  }

  // ---------------------------------------------------------------- editing

  private markEdit(): void {
    this.dirty = 2;
  }

  private insert(cps: string[]): void {
    let add = cps;
    if (this.chars.length + add.length > MAX_LINE) {
      add = add.slice(0, Math.max(0, MAX_LINE - this.chars.length));
      this.bell();
      if (add.length === 0) return;
    }
    if (this.cursor === this.chars.length) {
      if (this.dirty === 0 && this.drawn?.cursorAtEnd) {
        this.dirty = 1;
        this.appendFrom = this.chars.length;
      }
      for (const c of add) this.chars.push(c);
      this.cursor = this.chars.length;
      if (this.dirty === 0) this.dirty = 2;
      return;
    }
    this.chars = this.chars.slice(0, this.cursor).concat(add, this.chars.slice(this.cursor));
    this.cursor += add.length;
    this.markEdit();
  }

  private moveTo(n: number): void {
    const c = Math.max(0, Math.min(this.chars.length, n));
    if (c !== this.cursor) {
      this.cursor = c;
      this.markEdit();
    }
  }

  private backspace(): void {
    if (this.cursor === 0) return this.bell();
    this.chars.splice(this.cursor - 1, 1);
    this.cursor--;
    this.markEdit();
  }

  private deleteForward(): void {
    if (this.cursor >= this.chars.length) return this.bell();
    this.chars.splice(this.cursor, 1);
    this.markEdit();
  }

  private wordLeft(): number {
    let j = this.cursor;
    while (j > 0 && !isWordChar(this.chars[j - 1])) j--;
    while (j > 0 && isWordChar(this.chars[j - 1])) j--;
    return j;
  }

  private wordRight(): number {
    let j = this.cursor;
    const n = this.chars.length;
    while (j < n && !isWordChar(this.chars[j])) j++;
    while (j < n && isWordChar(this.chars[j])) j++;
    return j;
  }

  private killRange(from: number, to: number, prev: Action): void {
    if (to <= from) return;
    const text = this.chars.slice(from, to).join("");
    const backward = to === this.cursor && from < this.cursor;
    if (prev === "kill-back" || prev === "kill-fwd") {
      this.killText = backward ? text + this.killText : this.killText + text;
    } else this.killText = text;
    this.chars.splice(from, to - from);
    this.cursor = from;
    this.lastAction = backward ? "kill-back" : "kill-fwd";
    this.markEdit();
  }

  private yank(): void {
    if (!this.killText) return;
    this.insert(Array.from(this.killText));
  }

  private yankArg = { idx: 0, len: 0 };

  /** Alt-. : last word of the previous command; repeated, of older ones (replacing the last). */
  private yankLastArg(prev: Action): void {
    const list = this.host.historyList();
    let idx = list.length - 1;
    if (prev === "yank-arg") {
      const { len } = this.yankArg;
      this.chars.splice(this.cursor - len, len);
      this.cursor -= len;
      this.markEdit();
      idx = this.yankArg.idx - 1;
    }
    if (idx < 0 || !list[idx]) {
      this.yankArg = { idx: -1, len: 0 };
      this.lastAction = "yank-arg";
      return this.bell();
    }
    const words = list[idx].trim().split(/\s+/);
    const w = Array.from(words[words.length - 1] ?? "");
    const before = this.chars.length;
    this.insert(w);
    this.yankArg = { idx, len: this.chars.length - before };
    this.lastAction = "yank-arg";
  }

  private transpose(): void {
    const n = this.chars.length;
    if (n < 2 || this.cursor === 0) return this.bell();
    let i = this.cursor;
    if (i === n) i--;
    const t = this.chars[i - 1];
    this.chars[i - 1] = this.chars[i];
    this.chars[i] = t;
    this.cursor = i + 1;
    this.markEdit();
  }

  private setLine(text: string, cursor?: number): void {
    this.chars = Array.from(text);
    if (this.chars.length > MAX_LINE) this.chars.length = MAX_LINE;
    this.cursor = cursor === undefined ? this.chars.length : Math.min(cursor, this.chars.length);
    this.markEdit();
  }

  private resetLine(): void {
    this.chars = [];
    this.cursor = 0;
    this.cont = [];
    this.histPos = null;
    this.histEdits.clear();
    this.histSaved = null;
    this.search = null;
    this.confirm = null;
  }

  // ---------------------------------------------------------------- history

  private history(dir: -1 | 1): void {
    const list = this.host.historyList();
    const cur = this.histPos ?? list.length;
    const next = cur + dir;
    if (next < 0 || next > list.length) return this.bell();
    const text = this.chars.join("");
    if (this.histPos === null) this.histSaved = text;
    else if (text !== list[this.histPos]) this.histEdits.set(this.histPos, text);
    else this.histEdits.delete(this.histPos);
    this.work += (list[next] ?? this.histSaved ?? "").length;
    if (next === list.length) {
      this.histPos = null;
      this.setLine(this.histSaved ?? "");
    } else {
      this.histPos = next;
      this.setLine(this.histEdits.get(next) ?? list[next]);
    }
  }

  // ---------------------------------------------------------------- reverse-i-search

  private startSearch(): void {
    this.search = {
      query: "",
      failed: false,
      idx: -1,
      pos: 0,
      origLine: [...this.chars],
      origCursor: this.cursor,
    };
    this.markEdit();
  }

  private searchPrompt(): string {
    const s = this.search!;
    return `(${s.failed ? "failed " : ""}reverse-i-search)\`${s.query}': `;
  }

  /** Searches older entries from (idx, pos) for the query; updates the line on success. */
  private doSearch(fromIdx: number, fromPos: number | null, skipText: string | null): void {
    const s = this.search!;
    const list = this.host.historyList();
    if (s.query === "") {
      s.failed = false;
      this.markEdit();
      return;
    }
    for (let i = Math.min(fromIdx, list.length - 1); i >= 0; i--) {
      const text = list[i];
      this.work += 1 + text.length;
      if (skipText !== null && text === skipText && !(i === fromIdx && fromPos !== null)) continue;
      const p = i === fromIdx && fromPos !== null ? (fromPos < 0 ? -1 : text.lastIndexOf(s.query, fromPos)) : text.lastIndexOf(s.query);
      if (p >= 0) {
        s.idx = i;
        s.pos = p;
        s.failed = false;
        this.setLine(text, Array.from(text.slice(0, p)).length);
        return;
      }
    }
    s.failed = true;
    this.markEdit();
    this.bell();
  }

  /** Returns true when the key was consumed by the search; false: search ended, handle the key. */
  private searchKey(key: Key): boolean {
    const s = this.search!;
    const list = this.host.historyList();
    if (key.k === "char") {
      s.query += key.ch;
      if (s.idx < 0) this.doSearch(list.length - 1, null, null);
      else this.doSearch(s.idx, s.pos, null);
      return true;
    }
    if (key.k === "ctrl") {
      switch (key.ch) {
        case "\x12": // Ctrl-R: older match
          if (s.query === "") {
            if (!this.lastSearch) return true;
            s.query = this.lastSearch;
            this.doSearch(list.length - 1, null, null);
            return true;
          }
          if (s.idx < 0) this.doSearch(list.length - 1, null, null);
          else this.doSearch(s.idx, s.pos - 1, list[s.idx]);
          return true;
        case "\x7f":
        case "\x08":
          if (s.query.length === 0) return this.bell(), true;
          s.query = Array.from(s.query).slice(0, -1).join("");
          s.idx = -1;
          if (s.query) this.doSearch(list.length - 1, null, null);
          else {
            s.failed = false;
            this.markEdit();
          }
          return true;
        case "\x07": // Ctrl-G: abort, restore the original line
          this.endSearch();
          this.chars = s.origLine;
          this.cursor = s.origCursor;
          return true;
        case "\x03":
          this.search = null;
          return false; // ^C as usual
        case "\t":
          return true;
      }
    }
    if (key.k === "esc") {
      this.endSearch();
      return true;
    }
    if (key.k === "ignore" || key.k === "paste-end") return true;
    // any other key accepts the match into the line, then acts
    this.endSearch();
    return false;
  }

  private endSearch(): void {
    const s = this.search!;
    if (s.query) this.lastSearch = s.query;
    if (s.idx >= 0) {
      this.histPos = s.idx;
      this.histEdits.clear();
      this.histSaved = s.origLine.join("");
    }
    this.search = null;
    this.markEdit();
  }

  // ---------------------------------------------------------------- completion

  private tab(second: boolean): void {
    if (!this.host.complete) return this.bell();
    const line = this.chars.join("");
    const cu = this.chars.slice(0, this.cursor).join("").length;
    let r: Promise<Completion> | Completion;
    try {
      r = this.host.complete(line, cu);
    } catch {
      return this.bell();
    }
    if (r && typeof (r as Promise<Completion>).then === "function") {
      const id = ++this.completionSeq;
      this.completing = id;
      (r as Promise<Completion>).then(
        (res) => {
          if (this.completing !== id) return;
          this.completing = 0;
          this.belled = false;
          this.applyCompletion(res, line, cu, second);
          this.pump();
        },
        () => {
          if (this.completing !== id) return;
          this.completing = 0;
          this.bell();
          this.pump();
        },
      );
      return;
    }
    this.applyCompletion(r as Completion, line, cu, second);
  }

  private applyCompletion(res: Completion | undefined, line: string, cu: number, second: boolean): void {
    if (!res || !Array.isArray(res.candidates)) return this.bell();
    const from = Math.max(0, Math.min(cu, Math.floor(Number(res.replaceFrom) || 0)));
    const seen = new Set<string>();
    const cands: string[] = [];
    const disp: string[] = [];
    res.candidates.forEach((c, i) => {
      if (typeof c !== "string" || seen.has(c) || cands.length >= MAX_CANDIDATES) return;
      seen.add(c);
      cands.push(c);
      disp.push(typeof res.display?.[i] === "string" ? res.display[i] : c);
    });
    if (cands.length === 0) return this.bell();
    const word = line.slice(from, cu);
    const replace = (text: string) => {
      const before = line.slice(0, from) + text;
      this.setLine(before + line.slice(cu), Array.from(before).length);
    };
    if (cands.length === 1) {
      const c = cands[0];
      // readline appends the space only at the end of the line
      replace(c.endsWith("/") || c.endsWith("=") || cu < line.length ? c : c + " ");
      return;
    }
    const prefix = commonPrefix(cands);
    if (prefix.length > word.length && prefix.startsWith(word)) {
      // readline: the buffer changed, so the next Tab rings again and only the one after lists
      replace(prefix);
      return this.bell();
    }
    this.lastAction = "tab-ambiguous";
    if (!second) return this.bell();
    const shown = disp.map((d, i) => [d, i] as const).sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)).map((x) => x[0]);
    if (shown.length > COMPLETION_QUERY_ITEMS) {
      this.moveBelowInput();
      this.out.push(`Display all ${shown.length} possibilities? (y or n)`);
      this.confirm = { display: shown };
      return;
    }
    this.moveBelowInput();
    this.listColumns(shown);
  }

  private confirmKey(key: Key): void {
    const c = this.confirm!;
    if (key.k === "char" && (key.ch === "y" || key.ch === "Y" || key.ch === " ")) {
      this.confirm = null;
      this.out.push("\r\n");
      this.listColumns(c.display);
      return;
    }
    if (
      (key.k === "char" && (key.ch === "n" || key.ch === "N")) ||
      (key.k === "ctrl" && (key.ch === "\x7f" || key.ch === "\x03" || key.ch === "\x07"))
    ) {
      this.confirm = null;
      this.out.push("\r\n");
      this.drawn = null;
      this.startCol = 0;
      this.dirty = 2;
      return;
    }
    this.bell();
  }

  /** Moves the terminal cursor to a fresh line after the input area. */
  private moveBelowInput(): void {
    this.flush();
    const d = this.drawn;
    if (d && d.endRow > d.cursorRow) this.out.push(`\x1b[${d.endRow - d.cursorRow}B`);
    if (!d || d.endCol > 0 || d.endRow === 0) this.out.push("\r\n");
    else this.out.push("\r");
    this.drawn = null;
  }

  /** readline's rl_display_match_list: sorted down the columns, then prompt and line again. */
  private listColumns(items: string[]): void {
    const widths = items.map((s) => this.strWidth(s));
    const max = Math.max(...widths) + 2;
    let limit = Math.floor(this.cols / max);
    if (limit !== 1 && limit * max === this.cols) limit--;
    if (limit <= 0) limit = 1;
    const count = Math.ceil(items.length / limit);
    for (let i = 0; i < count; i++) {
      let row = "";
      for (let j = 0, l = i; j < limit; j++, l += count) {
        if (l >= items.length) break;
        row += items[l];
        if (j + 1 < limit) row += " ".repeat(Math.max(1, max - widths[l]));
      }
      this.out.push(row, "\r\n");
    }
    this.drawn = null;
    this.startCol = 0;
    this.dirty = 2;
  }

  // ---------------------------------------------------------------- enter, ^C, ^D, ^L

  private accept(): void {
    if (this.search) this.endSearch();
    this.moveTo(this.chars.length);
    this.flush();
    this.out.push("\r\n");
    this.drawn = null;
    const line = this.chars.join("");
    const full = this.cont.length ? this.cont.join("\n") + "\n" + line : line;
    this.histPos = null;
    this.histEdits.clear();
    this.histSaved = null;
    this.chars = [];
    this.cursor = 0;
    if (this.cont.length === 0 && line.trim() === "") {
      this.showPrompt(this.host.prompt());
      return;
    }
    if (full.length > MAX_INPUT || this.cont.length >= MAX_INPUT_LINES) {
      this.out.push(BELL);
      this.cont = [];
      this.showPrompt(this.host.prompt());
      return;
    }
    this.work += full.length >> 3; // isIncomplete() scans the whole input
    let incomplete = false;
    try {
      incomplete = this.host.isIncomplete(full);
    } catch {
      incomplete = false;
    }
    if (incomplete) {
      this.cont.push(line);
      this.showPrompt(this.ps2);
      return;
    }
    this.cont = [];
    this.run(full);
  }

  private run(text: string): void {
    if (text.trim() !== "") {
      try {
        this.host.addHistory(text);
      } catch {
        /* history is best effort */
      }
    }
    this._busy = true;
    this.interrupted = false;
    this.outCol = 0;
    this.flush();
    let p: Promise<void>;
    try {
      p = Promise.resolve(this.host.execute(text));
    } catch (e) {
      p = Promise.reject(e);
    }
    p.then(
      () => this.finished(),
      (e) => {
        const msg = e instanceof Error ? e.message : String(e);
        this.writeOutput(`kubelab: internal error: ${msg}\r\n`);
        this.finished();
      },
    );
  }

  private finished(): void {
    this._busy = false;
    if (this.interrupted) {
      this.out.push("\r\n");
      this.outCol = 0;
      this.interrupted = false;
    }
    this.showPrompt(this.host.prompt());
    this.pump();
  }

  private ctrlC(): void {
    // bash echoes ^C where the cursor is, then starts a new line below the input
    this.flush();
    this.out.push("^C");
    const d = this.drawn;
    if (d && d.endRow > d.cursorRow) this.out.push(`\x1b[${d.endRow - d.cursorRow}B`);
    this.out.push("\r\n");
    this.drawn = null;
    this.resetLine();
    this.showPrompt(this.host.prompt());
  }

  private eof(): void {
    if (this.cont.length) {
      // bash reports the unterminated construct (e.g. here-document delimited by end-of-file)
      const text = this.cont.join("\n");
      this.flush();
      this.out.push("\r\n");
      this.drawn = null;
      this.cont = [];
      this.run(text);
      return;
    }
    this.flush();
    this.host.eof();
  }

  private clearScreen(): void {
    this.out.push("\x1b[H\x1b[2J");
    this.drawn = null;
    this.startCol = 0;
    this.dirty = 2;
  }

  // ---------------------------------------------------------------- display

  private showPrompt(text: string): void {
    this.promptText = text;
    this.startCol = this.outCol >= this.cols ? 0 : this.outCol;
    this.outCol = 0;
    this.drawn = null;
    this.dirty = 2;
  }

  private trackOutput(data: string): void {
    for (let i = 0; i < data.length; i++) {
      const c = data.charCodeAt(i);
      if (c === 0x0d) this.outCol = 0;
      else if (c === 0x0a) {
        /* line feed keeps the column */
      } else if (c === 0x08) this.outCol = Math.max(0, this.outCol - 1);
      else if (c === 0x09) this.outCol = Math.min(this.cols, this.outCol + 8 - (this.outCol % 8));
      else if (c === 0x1b) {
        const t = nextKey(data, i, true);
        i = (t ? t.next : data.length) - 1;
      } else if (c < 0x20 || c === 0x7f) {
        /* other controls do not move */
      } else {
        const cp = data.codePointAt(i)!;
        if (cp > 0xffff) i++;
        const w = this.width(cp);
        if (w > 0 && this.outCol + w > this.cols) this.outCol = 0;
        this.outCol += w;
      }
    }
  }

  private strWidth(s: string): number {
    let w = 0;
    for (const ch of s) {
      const cp = ch.codePointAt(0)!;
      w += cp < 0x20 || cp === 0x7f ? 2 : this.width(cp);
    }
    return w;
  }

  /** Advances `p` over one display unit of the line, appending its bytes to `o`. */
  private step(p: Pos, ch: string, o: string[] | null): void {
    const cols = this.cols;
    if (ch === "\n") {
      o?.push("\r\n");
      p.row++;
      p.col = 0;
      return;
    }
    if (ch === "\t") {
      if (p.col >= cols) {
        p.row++;
        p.col = 0;
      }
      const n = Math.min(8 - (p.col % 8), cols - p.col);
      o?.push(" ".repeat(n));
      p.col += n;
      return;
    }
    const cp = ch.codePointAt(0)!;
    if (cp < 0x20 || cp === 0x7f) {
      this.step(p, "^", o);
      this.step(p, String.fromCharCode(cp ^ 0x40), o);
      return;
    }
    const w = this.width(cp);
    if (w > 0 && p.col + w > cols) {
      p.row++;
      p.col = 0;
    }
    o?.push(ch);
    p.col += w;
  }

  private currentPrompt(): string {
    return this.search ? this.searchPrompt() : this.promptText;
  }

  /** Prompt: ANSI sequences and \x01..\x02 spans take no columns. */
  private layPrompt(p: Pos, o: string[] | null): void {
    const s = this.currentPrompt();
    let i = 0;
    while (i < s.length) {
      const c = s[i];
      if (c === "\x01") {
        const j = s.indexOf("\x02", i + 1);
        const end = j < 0 ? s.length : j;
        o?.push(s.slice(i + 1, end));
        i = end + 1;
      } else if (c === "\x02" || c === "\r") i++;
      else if (c === "\x1b") {
        const t = nextKey(s, i, true);
        const next = t ? t.next : s.length;
        o?.push(s.slice(i, next));
        i = next;
      } else {
        const cp = s.codePointAt(i)!;
        const ch = String.fromCodePoint(cp);
        this.step(p, ch, o);
        i += ch.length;
      }
    }
  }

  /** Positions of the cursor and the end of the input area (and its bytes when `o` is given). */
  private layout(o: string[] | null): { cursor: Pos; end: Pos; cursorAtEnd: boolean } {
    const p: Pos = { row: 0, col: this.startCol };
    this.layPrompt(p, o);
    let cursor: Pos | null = null;
    const n = this.chars.length;
    // readline 8 shows the reverse-i-search match in reverse video
    let hlFrom = -1;
    let hlTo = -1;
    if (this.search && !this.search.failed && this.search.query && o) {
      hlFrom = this.cursor;
      hlTo = hlFrom + Array.from(this.search.query).length;
    }
    for (let i = 0; i < n; i++) {
      const ch = this.chars[i];
      if (i === this.cursor) cursor = this.cursorBefore(p, ch);
      if (i === hlFrom) o?.push("\x1b[7m");
      this.step(p, ch, o);
      if (i === hlTo - 1) o?.push("\x1b[27m");
    }
    if (p.col >= this.cols) {
      // pending wrap: force the terminal onto the next row so the position is definite
      o?.push("\r\n");
      p.row++;
      p.col = 0;
    }
    return { cursor: cursor ?? { ...p }, end: p, cursorAtEnd: cursor === null };
  }

  private cursorBefore(p: Pos, ch: string): Pos {
    const cp = ch.codePointAt(0)!;
    const w = ch === "\n" ? 0 : ch === "\t" ? 1 : cp < 0x20 || cp === 0x7f ? 1 : this.width(cp);
    if (w > 0 && p.col + w > this.cols) return { row: p.row + 1, col: 0 };
    return { row: p.row, col: Math.min(p.col, this.cols - 1) };
  }

  private moveFromEnd(end: Pos, target: Pos): void {
    if (end.row > target.row) this.out.push(`\x1b[${end.row - target.row}A`);
    if (end.col !== target.col) {
      this.out.push("\r");
      if (target.col > 0) this.out.push(`\x1b[${target.col}C`);
    }
  }

  /** Brings the screen up to date with the editing state, then writes out the bytes. */
  private flush(): void {
    if (this.started && !this._busy && !this.confirm && this.dirty) {
      const d = this.drawn;
      if (this.dirty === 1 && d && d.cursorAtEnd && this.cursor === this.chars.length) {
        const p: Pos = { row: d.endRow, col: d.endCol };
        for (let i = this.appendFrom; i < this.chars.length; i++) this.step(p, this.chars[i], this.out);
        if (p.col >= this.cols) {
          this.out.push("\r\n");
          p.row++;
          p.col = 0;
        }
        this.drawn = { cursorRow: p.row, cursorCol: p.col, endRow: p.row, endCol: p.col, cursorAtEnd: true };
      } else {
        if (d) {
          if (d.cursorRow > 0) this.out.push(`\x1b[${d.cursorRow}A`);
          this.out.push("\r");
          if (this.startCol > 0) this.out.push(`\x1b[${this.startCol}C`);
          this.out.push("\x1b[J");
        }
        const lay = this.layout(this.out);
        this.moveFromEnd(lay.end, lay.cursor);
        this.drawn = {
          cursorRow: lay.cursor.row,
          cursorCol: lay.cursor.col,
          endRow: lay.end.row,
          endCol: lay.end.col,
          cursorAtEnd: lay.cursorAtEnd,
        };
      }
      this.dirty = 0;
    }
    if (this.out.length) {
      const data = this.out.join("");
      this.out = [];
      this.host.write(data);
    }
  }
}
