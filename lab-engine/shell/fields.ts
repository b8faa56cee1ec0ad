// Builds the fields of one word during expansion: quoted text stays literal and unsplit,
// unquoted expansion results are split on IFS and may glob. A class rather than closures
// because this runs for every word of every command in a loop.

import { escapeGlob, hasGlob } from "./glob.ts";

export interface Field {
  text: string;
  /** Glob pattern: quoted characters escaped with a backslash. */
  pat: string;
  glob: boolean;
  /** Contains quoted text (so an empty field still counts: `""`). */
  quoted: boolean;
}

const splitters = new Map<string, RegExp>();

function splitterFor(ifs: string): RegExp {
  let re = splitters.get(ifs);
  if (!re) {
    const esc = (x: string) => x.replace(/[\]\\^-]/g, "\\$&");
    const ws = ifs.replace(/[^ \t\n]/g, "");
    const other = ifs.replace(/[ \t\n]/g, "");
    const wsC = ws ? `[${esc(ws)}]` : "";
    const alts: string[] = [];
    if (other) alts.push(`${wsC && wsC + "*"}[${esc(other)}]${wsC && wsC + "*"}`);
    if (wsC) alts.push(`${wsC}+`);
    re = new RegExp(alts.join("|"), "g");
    if (splitters.size > 50) splitters.clear();
    splitters.set(ifs, re);
  }
  return re;
}

export class FieldBuilder {
  readonly fields: Field[] = [];
  private cur: Field | null = null;

  constructor(private readonly single: boolean) {}

  private ensure(): Field {
    if (!this.cur) {
      this.cur = { text: "", pat: "", glob: false, quoted: false };
      this.fields.push(this.cur);
    }
    return this.cur;
  }

  /** End the current field: the next text starts a new one (`"$@"`). */
  breakField(): void {
    this.cur = null;
  }

  quoted(s: string): void {
    const f = this.ensure();
    f.text += s;
    f.pat += escapeGlob(s);
    f.quoted = true;
  }

  literal(s: string): void {
    if (!s) return;
    const f = this.ensure();
    f.text += s;
    f.pat += s;
    if (hasGlob(s)) f.glob = true;
  }

  /** An unquoted expansion result: field splitting on IFS (unless expanding to one string). */
  split(s: string, ifs: string): void {
    if (this.single || !ifs) return this.literal(s);
    const pieces = s.split(splitterFor(ifs));
    for (let i = 0; i < pieces.length; i++) {
      const piece = pieces[i];
      if (i > 0) this.cur = null;
      if (piece === "" && (i === 0 || i === pieces.length - 1)) continue;
      if (piece === "") this.quoted("");
      else this.literal(piece);
    }
  }
}
