// A port of Go's text/tabwriter as forked by k8s.io/cli-runtime (adds RememberWidths).
// kubectl's table and describe alignment depend on its exact rules: cells are
// tab-terminated, the last cell of a line is never padded, a column's width is computed
// per block of consecutive lines that have that column, and width counts runes (not
// display width: Korean text is counted one per character, like real kubectl).

export interface TabWriterOptions {
  minwidth: number;
  tabwidth: number;
  padding: number;
  padchar?: string;
  /** cli-runtime RememberWidths: keep max column widths across flushes (watch output) */
  rememberWidths?: boolean;
  alignRight?: boolean;
  discardEmptyColumns?: boolean;
}

interface Cell {
  text: string; // the cell's text (Go keeps a byte buffer; strings per cell avoid re-slicing it)
  width: number; // rune count
  htab: boolean;
}

const SURROGATE = /[\uD800-\uDFFF]/;

function runeCount(s: string): number {
  if (!SURROGATE.test(s)) return s.length;
  let n = 0;
  for (const _ of s) n++;
  return n;
}

export class TabWriter {
  private opts: Required<TabWriterOptions>;
  private cell: Cell = { text: "", width: 0, htab: false };
  private lines: Cell[][] = [[]];
  private widths: number[] = [];
  private maxwidths: number[] = [];
  private out = "";

  constructor(opts: TabWriterOptions) {
    this.opts = {
      padchar: " ", rememberWidths: false, alignRight: false, discardEmptyColumns: false, ...opts,
    };
  }

  private addLine() {
    this.lines.push([]);
  }

  private reset() {
    this.cell = { text: "", width: 0, htab: false };
    this.lines = [[]];
    this.widths = [];
  }

  private writePadding(textw: number, cellw: number) {
    if (this.opts.padchar === "\t") {
      // tab padding: cell width is a multiple of tabwidth
      const tw = this.opts.tabwidth;
      if (tw === 0) return;
      cellw = Math.floor((cellw + tw - 1) / tw) * tw;
      const n = cellw - textw;
      this.out += "\t".repeat(Math.floor((n + tw - 1) / tw));
      return;
    }
    if (cellw > textw) this.out += this.opts.padchar.repeat(cellw - textw);
  }

  private writeLines(line0: number, line1: number): void {
    for (let i = line0; i < line1; i++) {
      const line = this.lines[i];
      for (let j = 0; j < line.length; j++) {
        const c = line[j];
        if (c.text.length === 0) {
          if (j < this.widths.length) this.writePadding(c.width, this.widths[j]);
        } else if (!this.opts.alignRight) {
          this.out += c.text;
          if (j < this.widths.length) this.writePadding(c.width, this.widths[j]);
        } else {
          if (j < this.widths.length) this.writePadding(c.width, this.widths[j]);
          this.out += c.text;
        }
      }
      if (i + 1 === this.lines.length) {
        // last buffered line: no newline, write the pending partial cell
        this.out += this.cell.text;
      } else {
        this.out += "\n";
      }
    }
  }

  private format(line0: number, line1: number): void {
    const column = this.widths.length;
    for (let t = line0; t < line1; t++) {
      let line = this.lines[t];
      if (column >= line.length - 1) continue;
      // a cell exists in this column: print the lines above, then size this column's block
      this.writeLines(line0, t);
      line0 = t;
      let width = this.opts.minwidth;
      let discardable = true;
      for (; t < line1; t++) {
        line = this.lines[t];
        if (column >= line.length - 1) break;
        const c = line[column];
        const w = c.width + this.opts.padding;
        if (w > width) width = w;
        if (c.width > 0 || c.htab) discardable = false;
      }
      if (discardable && this.opts.discardEmptyColumns) width = 0;
      if (this.opts.rememberWidths) {
        if (this.maxwidths.length < this.widths.length) {
          this.maxwidths.push(...this.widths.slice(this.maxwidths.length));
        }
        if (this.maxwidths.length === this.widths.length) this.maxwidths.push(width);
        else if (this.maxwidths[this.widths.length] > width) width = this.maxwidths[this.widths.length];
        else if (this.maxwidths[this.widths.length] < width) this.maxwidths[this.widths.length] = width;
      }
      this.widths.push(width);
      this.format(line0, t);
      this.widths.pop();
      line0 = t; // (as in Go, the outer t++ then skips line t, which lacks this column)
    }
    this.writeLines(line0, line1);
  }

  private terminateCell(htab: boolean): number {
    this.cell.htab = htab;
    const line = this.lines[this.lines.length - 1];
    line.push(this.cell);
    this.cell = { text: "", width: 0, htab: false };
    return line.length;
  }

  private flushInternal() {
    if (this.cell.text.length > 0) this.terminateCell(false);
    this.format(0, this.lines.length);
    this.reset();
  }

  /** Feed text. Complete single-cell lines may be formatted immediately, as in Go. */
  write(text: string): void {
    let n = 0;
    for (let i = 0; i < text.length; i++) {
      const ch = text[i];
      if (ch === "\t" || ch === "\v" || ch === "\n" || ch === "\f") {
        this.cell.text += text.slice(n, i);
        this.cell.width = runeCount(this.cell.text);
        n = i + 1;
        const ncells = this.terminateCell(ch === "\t");
        if (ch === "\n" || ch === "\f") {
          this.addLine();
          if (ch === "\f" || ncells === 1) {
            // a one-cell line cannot affect later alignment: flush now
            this.flushInternal();
          }
        }
      }
    }
    this.cell.text += text.slice(n);
  }

  /** Copy of the remembered per-column maximum widths (RememberWidths). */
  rememberedWidths(): number[] {
    return [...this.maxwidths];
  }

  /** Replace the remembered widths; kubectl get resets them (null) between resource kinds. */
  setRememberedWidths(widths: number[] | null): this {
    this.maxwidths = widths ? [...widths] : [];
    return this;
  }

  /** Format everything buffered and return all output produced since the last flush. */
  flush(): string {
    this.flushInternal();
    const o = this.out;
    this.out = "";
    return o;
  }
}

/** `kubectl get` table writer: printers.GetNewTabWriter (6, 4, 3, ' ', RememberWidths). */
export function newGetTabWriter(): TabWriter {
  return new TabWriter({ minwidth: 6, tabwidth: 4, padding: 3, rememberWidths: true });
}

/** `kubectl describe` writer: tabwriter.Init(buf, 0, 8, 2, ' ', 0). */
export function newDescribeTabWriter(): TabWriter {
  return new TabWriter({ minwidth: 0, tabwidth: 8, padding: 2 });
}

/** Format a whole text through a fresh tabwriter (lines separated by \n, cells by \t). */
export function tabwrite(text: string, opts: TabWriterOptions): string {
  const w = new TabWriter(opts);
  w.write(text);
  return w.flush();
}

/**
 * Rows of cells as kubectl get prints them: cells joined with tabs, one line per row,
 * written through the get tabwriter (minwidth 6, padding 3). Output ends with "\n".
 */
export function formatTable(rows: string[][], opts: Partial<TabWriterOptions> = {}): string {
  if (Object.keys(opts).length === 0) {
    const fast = uniformTable(rows, 6, 3);
    if (fast !== undefined) return fast;
  }
  const w = new TabWriter({ minwidth: 6, tabwidth: 4, padding: 3, rememberWidths: true, ...opts });
  for (const r of rows) w.write(r.join("\t") + "\n");
  return w.flush();
}

/**
 * The tabwriter's result for the common case, computed directly: every row has the same number
 * of cells and no cell holds a tab, newline, vertical tab or form feed. Then every column except
 * the last forms one block over all rows, its width is max(minwidth, widest cell + padding), and
 * the last cell of a line is never padded. Anything else returns undefined (use the TabWriter).
 */
function uniformTable(rows: string[][], minwidth: number, padding: number): string | undefined {
  if (rows.length === 0) return "";
  const n = rows[0].length;
  if (n === 0) return undefined;
  const widths = new Array<number>(n - 1).fill(minwidth);
  // Rune counts of every padded cell, row-major (one flat array rather than one per row).
  const runes = new Array<number>(rows.length * (n - 1));
  for (let r = 0; r < rows.length; r++) {
    const row = rows[r];
    if (row.length !== n) return undefined;
    for (let j = 0; j < n; j++) {
      const cell = row[j];
      if (CONTROL.test(cell)) return undefined;
      if (j === n - 1) continue;
      const w = runeCount(cell);
      runes[r * (n - 1) + j] = w;
      if (w + padding > widths[j]) widths[j] = w + padding;
    }
  }
  // Pieces joined once: `+` on every cell built a rope of small cons strings per line.
  const parts = new Array<string>(rows.length * (2 * n));
  let k = 0;
  for (let r = 0; r < rows.length; r++) {
    const row = rows[r];
    for (let j = 0; j < n - 1; j++) {
      parts[k++] = row[j];
      parts[k++] = spaces(widths[j] - runes[r * (n - 1) + j]);
    }
    parts[k++] = row[n - 1];
    parts[k++] = "\n";
  }
  return parts.join("");
}

const CONTROL = /[\t\n\v\f]/;
const SPACES: string[] = [];

/** A run of `n` spaces, from a small cache (table padding asks for the same few lengths). */
function spaces(n: number): string {
  if (n > 256) return " ".repeat(n);
  return (SPACES[n] ??= " ".repeat(n));
}
