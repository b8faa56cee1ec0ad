// The generic describer (genericDescriber): name, namespace, labels, annotations and then
// every other field of the object, keys sorted, with "smart" labels (creationTimestamp →
// Creation Timestamp). Used for kinds without a dedicated describer (Event, Lease, ...).

import type { KObject } from "../../api/types.ts";
import { describeEvents } from "./events.ts";
import { LEVEL_0, goLess, printAnnotationsMultiline, printLabelsMultiline, tabbed, type PrefixWriter } from "./writer.ts";

const ACRONYMS = ["API", "URL", "UID", "OSB", "GUID"];

/** github.com/fatih/camelcase Split, for letter-only words (digits never reach here). */
function camelSplit(s: string): string[] {
  const runs: string[] = [];
  let cur = "";
  let kind = -1; // 0 lower, 1 upper, 2 other
  for (const ch of s) {
    const k = ch >= "a" && ch <= "z" ? 0 : ch >= "A" && ch <= "Z" ? 1 : /\p{Ll}/u.test(ch) ? 0 : /\p{Lu}/u.test(ch) ? 1 : 2;
    if (k === kind) cur += ch;
    else {
      if (cur) runs.push(cur);
      cur = ch;
      kind = k;
    }
  }
  if (cur) runs.push(cur);
  // "HTMLFile" → "HTML","File": move the last upper of an upper run to a following lower run.
  const out = [...runs];
  for (let i = 0; i < out.length - 1; i++) {
    const a = out[i];
    const b = out[i + 1];
    if (/^\p{Lu}+$/u.test(a) && /^\p{Ll}+$/u.test(b)) {
      const chars = [...a];
      const last = chars.pop()!;
      out[i] = chars.join("");
      out[i + 1] = last + b;
    }
  }
  return out.filter((x) => x.length > 0);
}

export function smartLabelFor(field: string): string {
  for (const ch of field) if (!/\p{L}/u.test(ch) && ch !== "-") return field;
  const parts = camelSplit(field)
    .filter((p) => p !== "_")
    .map((p) => (ACRONYMS.includes(p.toUpperCase()) ? p.toUpperCase() : p.charAt(0).toUpperCase() + p.slice(1)));
  return parts.join(" ");
}

/** Go `%v` of a JSON value (float64 numbers use %g-like formatting). */
function goValue(v: unknown): string {
  if (v === null || v === undefined) return "<nil>";
  if (typeof v === "number") return goFloat(v);
  if (Array.isArray(v)) return `[${v.map(goValue).join(" ")}]`;
  if (typeof v === "object") return `map[${Object.keys(v as object).sort(goLess).map((k) => `${k}:${goValue((v as any)[k])}`).join(" ")}]`;
  return String(v);
}

/** strconv.FormatFloat(f, 'g', -1, 64), as fmt %v prints a float64 (JSON numbers). */
function goFloat(v: number): string {
  if (v === 0) return "0";
  const exp = Math.floor(Math.log10(Math.abs(v)));
  if (exp < -4 || exp >= 6) {
    const [m, e] = v.toExponential().split("e");
    const n = Number(e);
    return `${m}e${n < 0 ? "-" : "+"}${String(Math.abs(n)).padStart(2, "0")}`;
  }
  return String(v);
}

function printUnstructured(w: PrefixWriter, level: number, content: Record<string, unknown>, skipPrefix: string, skip: string[]): void {
  for (const field of Object.keys(content).sort(goLess)) {
    const value = content[field];
    const skipExpr = `${skipPrefix}.${field}`;
    if (skip.includes(skipExpr)) continue;
    if (value !== null && typeof value === "object" && !Array.isArray(value)) {
      w.write(level, `${smartLabelFor(field)}:\n`);
      printUnstructured(w, level + 1, value as Record<string, unknown>, skipExpr, skip);
    } else if (Array.isArray(value)) {
      w.write(level, `${smartLabelFor(field)}:\n`);
      for (const child of value) {
        if (child !== null && typeof child === "object" && !Array.isArray(child)) printUnstructured(w, level + 1, child as Record<string, unknown>, skipExpr, skip);
        else w.write(level + 1, `${goValue(child)}\n`);
      }
    } else {
      w.write(level, `${smartLabelFor(field)}:\t${goValue(value)}\n`);
    }
  }
}

export function describeGeneric(o: KObject, events: KObject[] | undefined, now: number): string {
  return tabbed((w) => {
    w.write(LEVEL_0, `Name:\t${o.metadata.name}\n`);
    w.write(LEVEL_0, `Namespace:\t${o.metadata.namespace ?? ""}\n`);
    printLabelsMultiline(w, "Labels", o.metadata.labels);
    printAnnotationsMultiline(w, "Annotations", o.metadata.annotations);
    printUnstructured(w, LEVEL_0, o as Record<string, unknown>, "", [".metadata.managedFields", ".metadata.name", ".metadata.namespace", ".metadata.labels", ".metadata.annotations"]);
    if (events) describeEvents(events, w, now);
  });
}
