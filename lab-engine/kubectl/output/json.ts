// `kubectl -o json`. Objects read from the API server are decoded by kubectl as
// unstructured maps, and Go's encoding/json sorts map keys bytewise: that is what
// `kubectl get -o json` prints (default mode "sorted"). Typed objects built client-side
// (`kubectl create ... --dry-run=client -o json`, `kubectl run --dry-run=client`) print in
// Go struct field order instead: mode "typed" uses the field-order table below and keeps
// insertion order for anything it does not know. Indent is 4 spaces, and encoding/json
// escapes <, >, & and U+2028/U+2029 (HTML-safe), e.g. "<none>" → "\u003cnone\u003e".

import { goTypeOrder } from "./fieldorder.ts";

export interface KubectlJsonOptions {
  /** "sorted" (unstructured, kubectl get) or "typed" (client-side typed objects) */
  order?: "sorted" | "typed";
  /** indent string; kubectl uses 4 spaces */
  indent?: string;
}

/** A JSON string literal exactly as Go encoding/json writes it. */
export function goJsonString(s: string): string {
  return JSON.stringify(s).replace(/[<>&\u2028\u2029]/g, (c) => "\\u" + c.charCodeAt(0).toString(16).padStart(4, "0"));
}

function isMap(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function orderKeys(m: Record<string, unknown>, type: string | undefined, order: "sorted" | "typed"): [string, string | undefined][] {
  const keys = Object.keys(m).filter((k) => m[k] !== undefined);
  if (order === "sorted") return keys.sort(byteCompare).map((k) => [k, undefined]);
  const spec = type ? goTypeOrder(type) : undefined;
  if (!spec) {
    // a Go map (labels, data, ...) or an unknown type: maps are sorted, unknown structs keep order
    return (type === "map" ? keys.sort(byteCompare) : keys).map((k) => [k, undefined]);
  }
  const known = spec.fields.filter(([k]) => keys.includes(k));
  const rest = keys.filter((k) => !spec.fields.some(([f]) => f === k));
  return [...known, ...rest.map((k): [string, string | undefined] => [k, undefined])];
}

// Go compares strings bytewise (UTF-8), which is code point order (not UTF-16 order).
function byteCompare(a: string, b: string): number {
  const A = Array.from(a), B = Array.from(b);
  for (let i = 0; i < A.length && i < B.length; i++) {
    const x = A[i].codePointAt(0)!, y = B[i].codePointAt(0)!;
    if (x !== y) return x - y;
  }
  return A.length - B.length;
}

function numberText(n: number): string {
  if (!Number.isFinite(n)) throw new Error(`json: unsupported value: ${n}`);
  return String(n); // JS and Go agree: fixed for 1e-6 <= |n| < 1e21, else e-notation like 1e-7, 1e+21
}

function encode(v: unknown, type: string | undefined, order: "sorted" | "typed", indent: string, cur: string): string {
  if (v === null || v === undefined) return "null";
  if (typeof v === "string") return goJsonString(v);
  if (typeof v === "number") return numberText(v);
  if (typeof v === "boolean") return v ? "true" : "false";
  if (typeof v === "bigint") return v.toString();
  const inner = cur + indent;
  if (Array.isArray(v)) {
    if (v.length === 0) return "[]";
    const elemType = type && type.startsWith("[]") ? type.slice(2) : type;
    return "[\n" + v.map((x) => inner + encode(x, elemType, order, indent, inner)).join(",\n") + "\n" + cur + "]";
  }
  if (isMap(v)) {
    const keys = orderKeys(v, type, order);
    if (keys.length === 0) return "{}";
    const spec = order === "typed" && type ? goTypeOrder(type) : undefined;
    const parts = keys.map(([k]) => {
      const childType = spec ? spec.fields.find(([f]) => f === k)?.[1] : undefined;
      return inner + goJsonString(k) + ": " + encode(v[k], childType, order, indent, inner);
    });
    return "{\n" + parts.join(",\n") + "\n" + cur + "}";
  }
  return "null";
}

/** Top-level Go type for a typed object, by kind. */
function rootType(obj: unknown): string | undefined {
  if (!isMap(obj) || typeof obj.kind !== "string") return undefined;
  return goTypeOrder(obj.kind) ? obj.kind : "Object";
}

/** kubectl -o json text, with the trailing newline kubectl prints. */
export function toKubectlJson(obj: unknown, opts: KubectlJsonOptions = {}): string {
  const order = opts.order ?? "sorted";
  const type = order === "typed" ? rootType(obj) : undefined;
  return encode(obj, type, order, opts.indent ?? "    ", "") + "\n";
}

/** Compact Go-style JSON (json.Marshal), sorted keys: used by jsonpath and last-applied. */
export function toGoJsonCompact(v: unknown): string {
  if (v === null || v === undefined) return "null";
  if (typeof v === "string") return goJsonString(v);
  if (typeof v === "number") return numberText(v);
  if (typeof v === "boolean") return v ? "true" : "false";
  if (Array.isArray(v)) return "[" + v.map(toGoJsonCompact).join(",") + "]";
  if (isMap(v)) {
    const keys = Object.keys(v).filter((k) => v[k] !== undefined).sort(byteCompare);
    return "{" + keys.map((k) => goJsonString(k) + ":" + toGoJsonCompact(v[k])).join(",") + "}";
  }
  return "null";
}
