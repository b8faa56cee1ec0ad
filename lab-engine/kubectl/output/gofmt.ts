// Go fmt verbs over decoded-JSON values (the map[string]interface{} kubectl works with),
// needed where kubectl prints Go values: jsonpath errors dump the object with %#v,
// filter errors use %v, and jsonpath/go-template print scalars with %v.

/** Go type name of a decoded-JSON value, as in reflect messages ("bool is not array or slice"). */
export function goTypeName(v: unknown): string {
  if (v === null || v === undefined) return "interface {}";
  if (Array.isArray(v)) return "[]interface {}";
  if (typeof v === "object") return "map[string]interface {}";
  if (typeof v === "string") return "string";
  if (typeof v === "boolean") return "bool";
  if (typeof v === "number") return isGoInt(v) ? "int64" : "float64";
  return "interface {}";
}

/** Unstructured decoding keeps integers that fit int64 as int64, the rest as float64. */
export function isGoInt(n: number): boolean {
  return Number.isInteger(n) && n >= -(2 ** 63) && n < 2 ** 63;
}

/** strconv.FormatFloat(f, 'g', -1, 64), i.e. fmt %v of a float64 (exponent form when exp < -4 || exp >= 6). */
export function goFloatV(f: number): string {
  if (Number.isNaN(f)) return "NaN";
  if (f === Infinity) return "+Inf";
  if (f === -Infinity) return "-Inf";
  if (f === 0) return Object.is(f, -0) ? "-0" : "0";
  const [mant, e] = f.toExponential().split("e");
  const exp = Number(e);
  if (exp < -4 || exp >= 6) return `${mant}e${exp < 0 ? "-" : "+"}${String(Math.abs(exp)).padStart(2, "0")}`;
  return String(f);
}

/** fmt %v of a number decoded from JSON (int64 or float64). */
export function goNumberV(n: number): string {
  return isGoInt(n) ? BigInt(n).toString() : goFloatV(n);
}

const isPrint = (c: string) => /^[\p{L}\p{M}\p{N}\p{P}\p{S} ]$/u.test(c);

/** strconv.Quote */
export function goQuote(s: string): string {
  let out = '"';
  for (const c of s) {
    const cp = c.codePointAt(0)!;
    if (c === '"' || c === "\\") out += "\\" + c;
    else if (isPrint(c)) out += c;
    else if (c === "\x07") out += "\\a";
    else if (c === "\b") out += "\\b";
    else if (c === "\f") out += "\\f";
    else if (c === "\n") out += "\\n";
    else if (c === "\r") out += "\\r";
    else if (c === "\t") out += "\\t";
    else if (c === "\v") out += "\\v";
    else if (cp < 0x20 || cp === 0x7f) out += "\\x" + cp.toString(16).padStart(2, "0");
    else if (cp >= 0xd800 && cp <= 0xdfff) out += "\\ufffd";
    else if (cp < 0x10000) out += "\\u" + cp.toString(16).padStart(4, "0");
    else out += "\\U" + cp.toString(16).padStart(8, "0");
  }
  return out + '"';
}

function sortedKeys(m: Record<string, unknown>): string[] {
  return Object.keys(m).filter((k) => m[k] !== undefined).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/** fmt %v */
export function goV(v: unknown): string {
  if (v === null || v === undefined) return "<nil>";
  if (typeof v === "string") return v;
  if (typeof v === "number") return goNumberV(v);
  if (typeof v === "boolean") return v ? "true" : "false";
  if (Array.isArray(v)) return "[" + v.map(goV).join(" ") + "]";
  if (typeof v === "object") {
    const m = v as Record<string, unknown>;
    return "map[" + sortedKeys(m).map((k) => `${k}:${goV(m[k])}`).join(" ") + "]";
  }
  return String(v);
}

/** fmt %#v (Go-syntax representation) */
export function goSharpV(v: unknown, top = true): string {
  if (v === null || v === undefined) return "interface {}(nil)";
  if (typeof v === "string") return goQuote(v);
  if (typeof v === "number") return goNumberV(v);
  if (typeof v === "boolean") return v ? "true" : "false";
  if (Array.isArray(v)) return "[]interface {}{" + v.map((x) => goSharpV(x, false)).join(", ") + "}";
  if (typeof v === "object") {
    const m = v as Record<string, unknown>;
    return "map[string]interface {}{" + sortedKeys(m).map((k) => `${goQuote(k)}:${goSharpV(m[k], false)}`).join(", ") + "}";
  }
  void top;
  return String(v);
}
