// kubectl describe's PrefixWriter over the describe tabwriter (tabwriter.Init(buf, 0, 8, 2,
// ' ', 0)), plus the shared multi-line helpers (labels, annotations, taints, tolerations)
// and the small formatting helpers describe.go uses everywhere.

import { newDescribeTabWriter, type TabWriter } from "../output/tabwriter.ts";
import { rfc1123z, ageSince } from "../../util/duration.ts";
import { canonicalQuantity } from "../../util/quantity.ts";

export const LEVEL_0 = 0;
export const LEVEL_1 = 1;
export const LEVEL_2 = 2;
export const LEVEL_3 = 3;
export const LEVEL_4 = 4;

/** printers.WriteEscaped: ESC becomes `^[` and CR becomes `\r` (terminal escape attacks). */
function escapeTerminal(s: string): string {
  return s.replace(/\x1b/g, "^[").replace(/\r/g, "\\r");
}

export class PrefixWriter {
  private tw: TabWriter = newDescribeTabWriter();
  private out = "";

  /** NewNestedPrefixWriter(parent, indent): every write goes `indent` levels deeper. */
  constructor(
    private readonly parent?: PrefixWriter,
    private readonly indent = 0,
  ) {}

  /** `w.Write(level, text)`: text prefixed with two spaces per level. */
  write(level: number, text: string): void {
    if (this.parent) return this.parent.write(level + this.indent, text);
    this.tw.write(escapeTerminal("  ".repeat(level) + text));
  }

  /** `w.WriteLine(s)`: Println (nested writers indent it). */
  writeLine(s: string): void {
    if (this.parent) return this.parent.write(this.indent, s + "\n");
    this.tw.write(escapeTerminal(s + "\n"));
  }

  /** Flush the tabwriter: column widths restart after this point. */
  flush(): void {
    if (this.parent) return this.parent.flush();
    this.out += this.tw.flush();
  }

  /** The finished text (tabbedString). */
  toString(): string {
    this.flush();
    return this.out;
  }
}

/** tabbedString(func(w) {...}) */
export function tabbed(f: (w: PrefixWriter) => void): string {
  const w = new PrefixWriter();
  f(w);
  return w.toString();
}

export function sortedKeys(m: Record<string, unknown> | undefined | null): string[] {
  return Object.keys(m ?? {}).sort(goLess);
}

/** Go string ordering (byte-wise; UTF-16 order equals it for BMP text). */
export function goLess(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function printLabelsMultilineWithIndent(w: PrefixWriter, initialIndent: string, title: string, innerIndent: string, labels: Record<string, string> | undefined | null, skip: Set<string> = new Set()): void {
  w.write(LEVEL_0, `${initialIndent}${title}:${innerIndent}`);
  const keys = sortedKeys(labels).filter((k) => !skip.has(k));
  if (keys.length === 0) {
    w.writeLine("<none>");
    return;
  }
  keys.forEach((k, i) => {
    if (i !== 0) {
      w.write(LEVEL_0, initialIndent);
      w.write(LEVEL_0, innerIndent);
    }
    w.write(LEVEL_0, `${k}=${labels![k]}\n`);
  });
}

export function printLabelsMultiline(w: PrefixWriter, title: string, labels: Record<string, string> | undefined | null): void {
  printLabelsMultilineWithIndent(w, "", title, "\t", labels);
}

const MAX_ANNOTATION_LEN = 140;
export const SKIP_ANNOTATIONS = new Set(["kubectl.kubernetes.io/last-applied-configuration"]);

function utf8Len(s: string): number {
  let n = 0;
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    n += c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
  }
  return n;
}

/** shorten(s, max): Go slices bytes; we cut at the last whole character within max bytes. */
function shorten(s: string, max: number): string {
  if (utf8Len(s) <= max) return s;
  let out = "";
  let n = 0;
  for (const ch of s) {
    const l = utf8Len(ch);
    if (n + l > max) break;
    out += ch;
    n += l;
  }
  return out + "...";
}

export function printAnnotationsMultilineWithIndent(w: PrefixWriter, initialIndent: string, title: string, innerIndent: string, annotations: Record<string, string> | undefined | null, skip: Set<string>): void {
  w.write(LEVEL_0, `${initialIndent}${title}:${innerIndent}`);
  const keys = sortedKeys(annotations).filter((k) => !skip.has(k));
  if (keys.length === 0) {
    w.writeLine("<none>");
    return;
  }
  const indent = initialIndent + innerIndent;
  keys.forEach((key, i) => {
    if (i !== 0) w.write(LEVEL_0, indent);
    const value = String(annotations![key]).replace(/\n$/, "");
    if (utf8Len(value) + utf8Len(key) + 2 > MAX_ANNOTATION_LEN || value.includes("\n")) {
      w.write(LEVEL_0, `${key}:\n`);
      for (const s of value.split("\n")) w.write(LEVEL_0, `${indent}  ${shorten(s, MAX_ANNOTATION_LEN - 2)}\n`);
    } else {
      w.write(LEVEL_0, `${key}: ${value}\n`);
    }
  });
}

export function printAnnotationsMultiline(w: PrefixWriter, title: string, annotations: Record<string, string> | undefined | null): void {
  printAnnotationsMultilineWithIndent(w, "", title, "\t", annotations, SKIP_ANNOTATIONS);
}

export function taintString(t: any): string {
  let s = t.key ?? "";
  if (t.value) s += `=${t.value}`;
  if (t.effect) s += `:${t.effect}`;
  return s;
}

export function printTaintsMultilineWithIndent(w: PrefixWriter, initialIndent: string, title: string, innerIndent: string, taints: any[] | undefined): void {
  w.write(LEVEL_0, `${initialIndent}${title}:${innerIndent}`);
  if (!taints?.length) {
    w.writeLine("<none>");
    return;
  }
  const key = (t: any) => `${t.effect ?? ""},${t.key ?? ""}`;
  const sorted = [...taints].sort((a, b) => goLess(key(a), key(b)));
  sorted.forEach((t, i) => {
    if (i !== 0) {
      w.write(LEVEL_0, initialIndent);
      w.write(LEVEL_0, innerIndent);
    }
    w.write(LEVEL_0, `${taintString(t)}\n`);
  });
}

export function printTolerationsMultilineWithIndent(w: PrefixWriter, initialIndent: string, title: string, innerIndent: string, tolerations: any[] | undefined): void {
  w.write(LEVEL_0, `${initialIndent}${title}:${innerIndent}`);
  if (!tolerations?.length) {
    w.writeLine("<none>");
    return;
  }
  const sorted = [...tolerations].sort((a, b) => goLess(a.key ?? "", b.key ?? ""));
  sorted.forEach((t, i) => {
    if (i !== 0) {
      w.write(LEVEL_0, initialIndent);
      w.write(LEVEL_0, innerIndent);
    }
    let s = t.key ?? "";
    if (t.value) s += `=${t.value}`;
    if (t.effect) s += `:${t.effect}`;
    if (t.operator === "Exists" && !t.value) s += t.key || t.effect ? " op=Exists" : "op=Exists";
    if (t.tolerationSeconds !== undefined && t.tolerationSeconds !== null) s += ` for ${t.tolerationSeconds}s`;
    w.write(LEVEL_0, s + "\n");
  });
}

export function printPodTolerationsMultiline(w: PrefixWriter, title: string, tolerations: any[] | undefined): void {
  printTolerationsMultilineWithIndent(w, "", title, "\t", tolerations);
}

/** `Kind/name` of the controller owner reference, or "". */
export function printController(o: any): string {
  const ref = (o?.metadata?.ownerReferences ?? []).find((r: any) => r.controller === true);
  return ref ? `${ref.kind}/${ref.name}` : "";
}

export function stringOrNone(s: string | undefined | null): string {
  return s ? s : "<none>";
}

export function stringOrDefault(s: string | undefined | null, d: string): string {
  return s ? s : d;
}

export function printBool(v: boolean | undefined): string {
  return v ? "True" : "False";
}

export function printBoolPtr(v: boolean | undefined | null): string {
  return v === undefined || v === null ? "<unset>" : printBool(v);
}

/** `t.Format(time.RFC1123Z)`; a zero time prints Go's zero time. */
export function timeRFC1123Z(ts: string | undefined | null): string {
  if (!ts) return "Mon, 01 Jan 0001 00:00:00 +0000";
  const t = Date.parse(ts);
  return Number.isNaN(t) ? "Mon, 01 Jan 0001 00:00:00 +0000" : rfc1123z(t);
}

/** translateTimestampSince */
export function since(ts: string | undefined | null, now: number): string {
  return ageSince(ts, now);
}

/** Quantity.String() (canonical form); unparsable values print as given. */
export function qty(v: unknown): string {
  if (v === undefined || v === null) return "0";
  try {
    return canonicalQuantity(String(v));
  } catch {
    return String(v);
  }
}

/** Go `%v` of a []string: `[a b c]`. */
export function goSlice(v: unknown[] | undefined | null): string {
  return `[${(v ?? []).join(" ")}]`;
}

/** Go `%v` of a *bool / pointer-ish optional: `<nil>` when unset. */
export function goPtr(v: unknown): string {
  return v === undefined || v === null ? "<nil>" : String(v);
}

/** IntOrString.String() */
export function intOrString(v: unknown): string {
  return v === undefined || v === null ? "" : String(v);
}
