// JSON parsing (multiple values in a stream, jq-style errors) and jq 1.6 output formatting.

export type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

export class JsonParseError extends Error {}

/** Parse a stream of JSON texts; returns values with the line number jq reports for each. */
export function parseJsonStream(text: string): { values: Array<{ v: Json; line: number }>; error?: string } {
  const values: Array<{ v: Json; line: number }> = [];
  let i = 0;
  const n = text.length;
  const ws = () => {
    while (i < n && (text[i] === " " || text[i] === "\t" || text[i] === "\n" || text[i] === "\r")) i++;
  };
  const posInfo = (at: number) => {
    const before = text.slice(0, at);
    const line = before.split("\n").length;
    const col = at - (before.lastIndexOf("\n") + 1);
    return { line, col };
  };
  const fail = (msg: string, at = i): never => {
    const { line, col } = posInfo(at);
    throw new JsonParseError(`${msg} at line ${line}, column ${col}`);
  };
  const value = (): Json => {
    ws();
    if (i >= n) fail("Unfinished JSON term at EOF", n);
    const c = text[i];
    if (c === "{") {
      i++;
      const o: { [k: string]: Json } = {};
      ws();
      if (text[i] === "}") {
        i++;
        return o;
      }
      for (;;) {
        ws();
        if (i >= n) fail("Unfinished JSON term at EOF", n);
        if (text[i] !== '"') fail("Object keys must be strings", i + 1);
        const k = str();
        ws();
        if (i >= n) fail("Unfinished JSON term at EOF", n);
        if (text[i] !== ":") fail("Objects must consist of key:value pairs", i + 1);
        i++;
        o[k] = value();
        ws();
        if (i >= n) fail("Unfinished JSON term at EOF", n);
        if (text[i] === ",") {
          i++;
          continue;
        }
        if (text[i] === "}") {
          i++;
          return o;
        }
        fail("Expected separator between values", i + 1);
      }
    }
    if (c === "[") {
      i++;
      const a: Json[] = [];
      ws();
      if (text[i] === "]") {
        i++;
        return a;
      }
      for (;;) {
        a.push(value());
        ws();
        if (i >= n) fail("Unfinished JSON term at EOF", n);
        if (text[i] === ",") {
          i++;
          continue;
        }
        if (text[i] === "]") {
          i++;
          return a;
        }
        fail("Expected separator between values", i + 1);
      }
    }
    if (c === '"') return str();
    const m = /^(-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null|nan)/.exec(text.slice(i, i + 400));
    if (m) {
      const end = i + m[0].length;
      if (end < n && /[A-Za-z0-9_.+-]/.test(text[end])) {
        let j = end;
        while (j < n && !/[\s,\]}\[{:"]/.test(text[j])) j++;
        i = j;
        ws();
        fail("Invalid literal", i);
      }
      i = end;
      const w = m[0];
      return w === "true" ? true : w === "false" ? false : w === "null" ? null : w === "nan" ? null : Number(w);
    }
    let j = i;
    while (j < n && !/[\s,\]}\[{:"]/.test(text[j])) j++;
    if (j >= n) {
      const { line, col } = posInfo(n);
      throw new JsonParseError(`Invalid numeric literal at EOF at line ${line}, column ${col}`);
    }
    const { line, col } = posInfo(j + 1);
    throw new JsonParseError(`Invalid numeric literal at line ${line}, column ${col}`);
  };
  const str = (): string => {
    i++;
    let s = "";
    for (;;) {
      if (i >= n) fail("Unfinished JSON term at EOF", n);
      const c = text[i];
      if (c === '"') {
        i++;
        return s;
      }
      if (c === "\\") {
        const d = text[i + 1];
        const map: Record<string, string> = { n: "\n", t: "\t", r: "\r", b: "\b", f: "\f", "/": "/", "\\": "\\", '"': '"' };
        if (d === "u") {
          const h = text.slice(i + 2, i + 6);
          if (!/^[0-9a-fA-F]{4}$/.test(h)) fail("Invalid escape", i + 2);
          s += String.fromCharCode(parseInt(h, 16));
          i += 6;
          continue;
        }
        if (map[d] === undefined) fail("Invalid escape", i + 2);
        s += map[d];
        i += 2;
        continue;
      }
      s += c;
      i++;
    }
  };
  try {
    for (;;) {
      ws();
      if (i >= n) break;
      const v = value();
      const nl = text.indexOf("\n", i);
      const upto = nl < 0 ? n : nl + 1;
      const line = text.slice(0, upto).split("\n").length - (nl < 0 ? 0 : 1);
      values.push({ v, line: Math.max(line, 1) });
    }
  } catch (e) {
    if (e instanceof JsonParseError) return { values, error: e.message };
    throw e;
  }
  return { values };
}

export function fmtNumber(x: number): string {
  if (Number.isNaN(x)) return "null";
  if (!Number.isFinite(x)) return x > 0 ? "1.7976931348623157e+308" : "-1.7976931348623157e+308";
  if (x === 0) return Object.is(x, -0) ? "-0" : "0";
  const e = x.toExponential(); // shortest digits
  const m = /^(-?)(\d)(?:\.(\d+))?e([+-]\d+)$/.exec(e)!;
  const sign = m[1];
  const digits = m[2] + (m[3] ?? "");
  const decpt = Number(m[4]) + 1;
  if (decpt <= -4 || decpt > digits.length + 15) {
    const ex = decpt - 1;
    return sign + digits[0] + (digits.length > 1 ? "." + digits.slice(1) : "") + "e" + (ex < 0 ? "-" : "+") + String(Math.abs(ex)).padStart(2, "0");
  }
  if (decpt <= 0) return sign + "0." + "0".repeat(-decpt) + digits;
  if (decpt >= digits.length) return sign + digits + "0".repeat(decpt - digits.length);
  return sign + digits.slice(0, decpt) + "." + digits.slice(decpt);
}

export function fmtString(s: string, ascii = false): string {
  let o = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (ch === '"') o += '\\"';
    else if (ch === "\\") o += "\\\\";
    else if (ch === "\n") o += "\\n";
    else if (ch === "\t") o += "\\t";
    else if (ch === "\r") o += "\\r";
    else if (ch === "\b") o += "\\b";
    else if (ch === "\f") o += "\\f";
    else if (c < 0x20 || c === 0x7f) o += "\\u" + c.toString(16).padStart(4, "0");
    else if (ascii && c > 0x7e) {
      if (c > 0xffff) {
        const v = c - 0x10000;
        o += "\\u" + (0xd800 + (v >> 10)).toString(16) + "\\u" + (0xdc00 + (v & 0x3ff)).toString(16);
      } else o += "\\u" + c.toString(16).padStart(4, "0");
    } else o += ch;
  }
  return o + '"';
}

export interface FmtOpts {
  indent: number; // 0 = compact
  tab?: boolean;
  sortKeys?: boolean;
  ascii?: boolean;
}

export function fmtJson(v: Json, o: FmtOpts, level = 0): string {
  if (v === null) return "null";
  if (typeof v === "boolean") return v ? "true" : "false";
  if (typeof v === "number") return fmtNumber(v);
  if (typeof v === "string") return fmtString(v, o.ascii);
  const unit = o.tab ? "\t" : " ".repeat(o.indent);
  const pretty = o.tab || o.indent > 0;
  const pad = (l: number) => (pretty ? "\n" + unit.repeat(l) : "");
  if (Array.isArray(v)) {
    if (v.length === 0) return "[]";
    return "[" + v.map((x) => pad(level + 1) + fmtJson(x, o, level + 1)).join(",") + pad(level) + "]";
  }
  let keys = Object.keys(v);
  if (keys.length === 0) return "{}";
  if (o.sortKeys) keys = keys.sort(cmpStrings);
  return "{" + keys.map((k) => pad(level + 1) + fmtString(k, o.ascii) + (pretty ? ": " : ":") + fmtJson(v[k], o, level + 1)).join(",") + pad(level) + "}";
}

/** jq compares strings by code point (UTF-8 byte order). */
export function cmpStrings(a: string, b: string): number {
  const x = [...a], y = [...b];
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    const d = x[i].codePointAt(0)! - y[i].codePointAt(0)!;
    if (d) return d < 0 ? -1 : 1;
  }
  return x.length - y.length < 0 ? -1 : x.length > y.length ? 1 : 0;
}

const COLORS = { null: "\x1b[1;30m", false: "\x1b[0;39m", true: "\x1b[0;39m", number: "\x1b[0;39m", string: "\x1b[0;32m", array: "\x1b[1;39m", object: "\x1b[1;39m" };
const RESET = "\x1b[0m";
const FIELD = "\x1b[34;1m";

/** jq 1.6 coloured output (jv_dump_term with JV_PRINT_COLOR). */
export function fmtJsonColor(v: Json, o: FmtOpts, level = 0): string {
  const pretty = o.tab || o.indent > 0;
  const unit = o.tab ? "\t" : " ".repeat(o.indent);
  const ind = (l: number) => (pretty ? unit.repeat(l) : "");
  let color: string;
  let body: string;
  if (v === null) {
    color = COLORS.null;
    body = "null";
  } else if (typeof v === "boolean") {
    color = COLORS[v ? "true" : "false"];
    body = String(v);
  } else if (typeof v === "number") {
    color = COLORS.number;
    body = fmtNumber(v);
  } else if (typeof v === "string") {
    color = COLORS.string;
    body = fmtString(v, o.ascii);
  } else if (Array.isArray(v)) {
    color = COLORS.array;
    if (v.length === 0) body = "[]";
    else {
      body = "[" + (pretty ? "\n" + ind(level + 1) : "");
      v.forEach((x, i) => {
        if (i) body += pretty ? ",\n" + ind(level + 1) : ",";
        body += fmtJsonColor(x, o, level + 1) + color;
      });
      body += (pretty ? "\n" + ind(level) : "") + color + "]";
    }
  } else {
    color = COLORS.object;
    let keys = Object.keys(v);
    if (o.sortKeys) keys = keys.sort(cmpStrings);
    if (keys.length === 0) body = "{}";
    else {
      body = "{" + (pretty ? "\n" + ind(level + 1) : "");
      keys.forEach((k, i) => {
        if (i) body += pretty ? ",\n" + ind(level + 1) : ",";
        body += RESET + FIELD + fmtString(k, o.ascii) + RESET + color + ":" + (pretty ? " " : "") + RESET;
        body += fmtJsonColor(v[k], o, level + 1) + color;
      });
      body += (pretty ? "\n" + ind(level) : "") + color + "}";
    }
  }
  return color + body + RESET;
}
