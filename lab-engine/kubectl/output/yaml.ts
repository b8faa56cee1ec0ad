// `kubectl -o yaml` output. kubectl marshals objects with sigs.k8s.io/yaml: JSON first, then
// go-yaml v2 re-encodes the generic value. So keys are sorted by go-yaml's "natural" key
// order, sequences are not indented under their key, and scalar quoting/folding follow
// libyaml's emitter. This is a hand port of those rules (the `yaml` npm package quotes
// and folds differently), kept to the block-style subset that JSON data can produce.

const BEST_WIDTH = 80;
const BEST_INDENT = 2;

// ---------- go-yaml v2 resolve(): would this plain text read back as a non-string? ----------

const RESOLVE_MAP = new Set([
  "y", "Y", "yes", "Yes", "YES", "true", "True", "TRUE", "on", "On", "ON",
  "n", "N", "no", "No", "NO", "false", "False", "FALSE", "off", "Off", "OFF",
  "", "~", "null", "Null", "NULL",
  ".nan", ".NaN", ".NAN", ".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF", "-.inf", "-.Inf", "-.INF",
]);
const YAML_STYLE_FLOAT = /^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/;
const BASE60_FLOAT = /^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$/;
const INT64_MAX = (1n << 63n) - 1n;
const UINT64_MAX = (1n << 64n) - 1n;

// strconv.ParseInt(s, 0, 64) / ParseUint(s, 0, 64) success (underscores already removed)
function goParsesAsInt(s: string): boolean {
  const m = /^([+-]?)(0[xX][0-9a-fA-F]+|0[oO][0-7]+|0[bB][01]+|0[0-7]*|[1-9][0-9]*)$/.exec(s);
  if (!m) return false;
  let body = m[2];
  let v: bigint;
  if (/^0[oO]/.test(body)) v = BigInt("0o" + body.slice(2));
  else if (/^0[0-7]+$/.test(body)) v = BigInt("0o" + body.slice(1));
  else v = BigInt(body);
  if (m[1] === "-") return v <= INT64_MAX + 1n;
  return v <= (m[1] === "+" ? INT64_MAX : UINT64_MAX);
}

function daysIn(y: number, m: number): number {
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

// go-yaml v2 parseTimestamp with its allowed layouts
function isTimestamp(s: string): boolean {
  const m = /^([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})(?:([Tt]|[ ])([0-9]{1,2}):([0-9]{1,2}):([0-9]{1,2})(\.[0-9]+)?(Z|[+-][0-9]{2}:[0-9]{2})?)?$/.exec(s);
  if (!m) return false;
  const [, y, mo, d, sep, h, mi, se, , zone] = m;
  if (+mo < 1 || +mo > 12 || +d < 1 || +d > daysIn(+y, +mo)) return false;
  if (sep === undefined) return true;
  if (+h > 23 || +mi > 59 || +se > 59) return false;
  return sep === " " ? zone === undefined : zone !== undefined;
}

function resolvesToNonString(s: string): boolean {
  if (RESOLVE_MAP.has(s)) return true;
  const c = s[0];
  if (c === ".") return /^\.[0-9]+([eE][-+]?[0-9]+)?$/.test(s) || /^\.[0-9]*[eE]/.test(s) && !isNaN(Number(s));
  if (c === "+" || c === "-" || (c >= "0" && c <= "9")) {
    if (isTimestamp(s)) return true;
    const plain = s.replace(/_/g, "");
    if (goParsesAsInt(plain)) return true;
    if (YAML_STYLE_FLOAT.test(plain)) return true;
    if (/^-?0b[01]+$/.test(plain)) return true;
  }
  return false;
}

// ---------- libyaml scalar analysis ----------

const isBreak = (c: string) => c === "\n" || c === "\r" || c === "\u0085" || c === "\u2028" || c === "\u2029";
const isSpace = (c: string) => c === " ";
const isBlankOrEnd = (c: string | undefined) => c === undefined || c === " " || c === "\t" || isBreak(c);

function isPrintable(c: string): boolean {
  const cp = c.codePointAt(0)!;
  if (cp === 0x0a) return true;
  if (cp >= 0x20 && cp <= 0x7e) return true;
  if (cp >= 0xa0 && cp <= 0xd7ff) return true;
  if (cp >= 0xe000 && cp <= 0xfffd) return cp !== 0xfeff;
  // go-yaml v2's is_printable has no branch for 4-byte UTF-8: emoji etc. are escaped (\U0001F600)
  if (cp === 0x85) return false;
  return false;
}

interface Analysis {
  multiline: boolean;
  blockPlainAllowed: boolean;
  singleQuotedAllowed: boolean;
  blockAllowed: boolean;
}

function analyzeScalar(value: string): Analysis {
  if (value.length === 0) {
    return { multiline: false, blockPlainAllowed: true, singleQuotedAllowed: true, blockAllowed: false };
  }
  let blockIndicators = false;
  let lineBreaks = false;
  let special = false;
  let leadingSpace = false, leadingBreak = false, trailingSpace = false, trailingBreak = false;
  let breakSpace = false, spaceBreak = false;
  let precededByWhitespace = true;
  let previousSpace = false, previousBreak = false;
  if (value.startsWith("---") || value.startsWith("...")) blockIndicators = true;
  const chars = Array.from(value);
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i];
    const followedByWhitespace = isBlankOrEnd(chars[i + 1]);
    if (i === 0) {
      if ("#,[]{}&*!|>'\"%@`".includes(c)) blockIndicators = true;
      else if ((c === "?" || c === ":") && followedByWhitespace) blockIndicators = true;
      else if (c === "-" && followedByWhitespace) blockIndicators = true;
    } else {
      if (c === ":" && followedByWhitespace) blockIndicators = true;
      else if (c === "#" && precededByWhitespace) blockIndicators = true;
    }
    if (!isPrintable(c)) special = true;
    if (isSpace(c)) {
      if (i === 0) leadingSpace = true;
      if (i === chars.length - 1) trailingSpace = true;
      if (previousBreak) breakSpace = true;
      previousSpace = true;
      previousBreak = false;
    } else if (isBreak(c)) {
      lineBreaks = true;
      if (i === 0) leadingBreak = true;
      if (i === chars.length - 1) trailingBreak = true;
      if (previousSpace) spaceBreak = true;
      previousSpace = false;
      previousBreak = true;
    } else {
      previousSpace = false;
      previousBreak = false;
    }
    precededByWhitespace = isBlankOrEnd(c);
  }
  const a: Analysis = { multiline: lineBreaks, blockPlainAllowed: true, singleQuotedAllowed: true, blockAllowed: true };
  if (leadingSpace || leadingBreak || trailingSpace || trailingBreak) a.blockPlainAllowed = false;
  if (trailingSpace) a.blockAllowed = false;
  if (breakSpace) { a.blockPlainAllowed = false; a.singleQuotedAllowed = false; }
  if (spaceBreak || special) { a.blockPlainAllowed = false; a.singleQuotedAllowed = false; a.blockAllowed = false; }
  if (lineBreaks) a.blockPlainAllowed = false;
  if (blockIndicators) a.blockPlainAllowed = false;
  return a;
}

// ---------- writer ----------

class Out {
  s = "";
  column = 0;
  whitespace = true;
  indention = true;
  put(t: string) {
    for (const c of t) {
      this.s += c;
      this.column++;
    }
  }
  newline() {
    this.s += "\n";
    this.column = 0;
  }
  /** libyaml write_break: "\n" is a newline, other break characters are copied raw */
  writeBreak(c: string) {
    this.s += c;
    this.column = 0;
  }
  /** libyaml write_indent */
  writeIndent(indent: number) {
    if (!this.indention || this.column > indent || (this.column === indent && !this.whitespace)) this.newline();
    while (this.column < indent) this.put(" ");
    this.whitespace = true;
    this.indention = true;
  }
}

type Style = "plain" | "single" | "double" | "literal";

function chooseStyle(s: string, simpleKey: boolean): Style {
  const canUsePlain = !resolvesToNonString(s) && !BASE60_FLOAT.test(s);
  let style: Style = s.includes("\n") ? "literal" : canUsePlain ? "plain" : "double";
  const a = analyzeScalar(s);
  if (simpleKey && a.multiline) style = "double";
  if (style === "plain") {
    if (!a.blockPlainAllowed) style = "single";
    if (s.length === 0 && simpleKey) style = "single";
  }
  if (style === "single" && !a.singleQuotedAllowed) style = "double";
  if (style === "literal" && (!a.blockAllowed || simpleKey)) style = "double";
  return style;
}

function writePlain(o: Out, v: string, indent: number, allowBreaks: boolean) {
  if (!o.whitespace) o.put(" ");
  const chars = Array.from(v);
  let spaces = false;
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i];
    if (isSpace(c)) {
      if (allowBreaks && !spaces && o.column > BEST_WIDTH && !isSpace(chars[i + 1] ?? "")) {
        o.writeIndent(indent);
      } else {
        o.put(c);
      }
      spaces = true;
    } else {
      o.put(c);
      o.indention = false;
      spaces = false;
    }
  }
  o.whitespace = false;
  o.indention = false;
}

function writeSingle(o: Out, v: string, indent: number, allowBreaks: boolean) {
  if (!o.whitespace) o.put(" ");
  o.put("'");
  const chars = Array.from(v);
  let spaces = false;
  let breaks = false;
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i];
    if (isSpace(c)) {
      if (allowBreaks && !spaces && o.column > BEST_WIDTH && i > 0 && i < chars.length - 1 && !isSpace(chars[i + 1])) {
        o.writeIndent(indent);
      } else {
        o.put(c);
      }
      spaces = true;
    } else if (isBreak(c)) {
      if (!breaks && c === "\n") o.newline();
      o.writeBreak(c);
      o.indention = true;
      breaks = true;
    } else {
      if (breaks) o.writeIndent(indent);
      if (c === "'") o.put("'");
      o.put(c);
      o.indention = false;
      spaces = false;
      breaks = false;
    }
  }
  o.put("'");
  o.whitespace = false;
  o.indention = false;
}

const ESCAPES: Record<number, string> = {
  0x00: "0", 0x07: "a", 0x08: "b", 0x09: "t", 0x0a: "n", 0x0b: "v", 0x0c: "f", 0x0d: "r", 0x1b: "e",
  0x22: '"', 0x5c: "\\", 0x85: "N", 0xa0: "_", 0x2028: "L", 0x2029: "P",
};

function writeDouble(o: Out, v: string, indent: number, allowBreaks: boolean) {
  if (!o.whitespace) o.put(" ");
  o.put('"');
  const chars = Array.from(v);
  let spaces = false;
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i];
    const cp = c.codePointAt(0)!;
    if (!isPrintable(c) || cp === 0xfeff || isBreak(c) || c === '"' || c === "\\") {
      let esc = ESCAPES[cp];
      if (esc === undefined) {
        const hex = cp.toString(16).toUpperCase();
        esc = cp <= 0xff ? "x" + hex.padStart(2, "0") : cp <= 0xffff ? "u" + hex.padStart(4, "0") : "U" + hex.padStart(8, "0");
      }
      o.put("\\" + esc);
      spaces = false;
    } else if (isSpace(c)) {
      if (allowBreaks && !spaces && o.column > BEST_WIDTH && i !== 0 && i !== chars.length - 1) {
        o.writeIndent(indent);
        if (isSpace(chars[i + 1] ?? "")) o.put("\\");
      } else {
        o.put(c);
      }
      spaces = true;
    } else {
      o.put(c);
      spaces = false;
    }
  }
  o.put('"');
  o.whitespace = false;
  o.indention = false;
}

function writeLiteral(o: Out, v: string, indent: number) {
  if (!o.whitespace) o.put(" ");
  let hints = "|";
  if (v[0] === " " || isBreak(v[0])) hints += String(BEST_INDENT);
  const chars = Array.from(v);
  const last = chars.length - 1;
  if (!isBreak(chars[last])) hints += "-";
  else if (last === 0 || isBreak(chars[last - 1])) hints += "+";
  o.put(hints);
  o.newline();
  o.indention = true;
  o.whitespace = true;
  let breaks = true;
  for (const c of chars) {
    if (isBreak(c)) {
      o.writeBreak(c);
      o.indention = true;
      breaks = true;
    } else {
      if (breaks) {
        o.writeIndent(indent);
        breaks = false;
      }
      o.put(c);
      o.indention = false;
    }
  }
  // a block scalar ends with its own line break
  o.whitespace = true;
  o.indention = true;
}

function writeString(o: Out, s: string, indent: number, simpleKey: boolean) {
  const style = chooseStyle(s, simpleKey);
  if (style === "plain") writePlain(o, s, indent, !simpleKey);
  else if (style === "single") writeSingle(o, s, indent, !simpleKey);
  else if (style === "double") writeDouble(o, s, indent, !simpleKey);
  else writeLiteral(o, s, indent);
}

/**
 * Go strconv.FormatFloat(f, 'g', -1, 64), as go-yaml v2 prints non-integer floats:
 * exponent form when exp < -4 || exp >= 6 (shortest 'g' uses precision 6 for that test).
 */
export function goFormatFloatG(f: number): string {
  if (Number.isNaN(f)) return ".nan";
  if (f === Infinity) return ".inf";
  if (f === -Infinity) return "-.inf";
  const [mant, e] = f.toExponential().split("e");
  const exp = Number(e);
  if (exp < -4 || exp >= 6) return `${mant}e${exp < 0 ? "-" : "+"}${String(Math.abs(exp)).padStart(2, "0")}`;
  return String(f);
}

function scalarText(v: unknown): string | undefined {
  if (v === null || v === undefined) return "null";
  if (typeof v === "boolean") return v ? "true" : "false";
  // JSON integers that fit int64/uint64 stay integers in go-yaml; larger ones become floats
  if (typeof v === "number") return Number.isInteger(v) && v >= -(2 ** 63) && v < 2 ** 64 ? BigInt(v).toString() : goFormatFloatG(v);
  if (typeof v === "bigint") return v.toString();
  return undefined;
}

// ---------- go-yaml v2 key order (sorter.go keyList.Less) ----------

const isLetter = (c: string) => /\p{L}/u.test(c);
const isDigit = (c: string) => /\p{Nd}/u.test(c);

export function yamlKeyLess(a: string, b: string): boolean {
  const ar = Array.from(a), br = Array.from(b);
  for (let i = 0; i < ar.length && i < br.length; i++) {
    if (ar[i] === br[i]) continue;
    const al = isLetter(ar[i]), bl = isLetter(br[i]);
    if (al && bl) return ar[i].codePointAt(0)! < br[i].codePointAt(0)!;
    if (al || bl) return bl;
    let an = 0, bn = 0;
    if (ar[i] === "0" || br[i] === "0") {
      for (let j = i - 1; j >= 0 && isDigit(ar[j]); j--) {
        if (ar[j] !== "0") { an = 1; bn = 1; break; }
      }
    }
    let ai = i, bi = i;
    for (; ai < ar.length && isDigit(ar[ai]); ai++) an = an * 10 + (ar[ai].charCodeAt(0) - 48);
    for (; bi < br.length && isDigit(br[bi]); bi++) bn = bn * 10 + (br[bi].charCodeAt(0) - 48);
    if (an !== bn) return an < bn;
    if (ai !== bi) return ai < bi;
    return ar[i].codePointAt(0)! < br[i].codePointAt(0)!;
  }
  return ar.length < br.length;
}

function sortedKeys(m: Record<string, unknown>): string[] {
  return Object.keys(m)
    .filter((k) => m[k] !== undefined)
    .sort((x, y) => (yamlKeyLess(x, y) ? -1 : yamlKeyLess(y, x) ? 1 : 0));
}

// ---------- block emitter ----------

const isMap = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
const isEmptyCollection = (v: unknown) => (Array.isArray(v) && v.length === 0) || (isMap(v) && sortedKeys(v).length === 0);

/** Write a value after "key:" or "- " (the cursor is on that line); `indent` = its container's indent. */
function emitInline(o: Out, v: unknown, indent: number) {
  const t = scalarText(v);
  if (t !== undefined) {
    writePlain(o, t, indent + BEST_INDENT, false);
  } else if (typeof v === "string") {
    writeString(o, v, indent + BEST_INDENT, false);
  } else if (Array.isArray(v) && v.length === 0) {
    o.put(" []");
    o.whitespace = false;
  } else {
    o.put(" {}");
    o.whitespace = false;
  }
}

function emitMapping(o: Out, m: Record<string, unknown>, indent: number, firstInline: boolean) {
  const keys = sortedKeys(m);
  keys.forEach((k, idx) => {
    if (!(idx === 0 && firstInline)) o.writeIndent(indent);
    if (utf8Length(k) > 128 || chooseStyle(k, false) === "literal") {
      emitComplexPair(o, k, m[k], indent);
      return;
    }
    writeString(o, k, indent, true);
    o.put(":");
    o.whitespace = false;
    o.indention = false;
    const v = m[k];
    if (isMap(v) && !isEmptyCollection(v)) {
      emitMapping(o, v, indent + BEST_INDENT, false);
    } else if (Array.isArray(v) && v.length > 0) {
      emitSequence(o, v, indent, false); // go-yaml v2: sequences are not indented under keys
    } else {
      emitInline(o, v, indent);
    }
  });
}

// libyaml only writes keys up to 128 bytes (and single-line) as simple keys; longer ones
// use the explicit "? key\n: value" form
function emitComplexPair(o: Out, k: string, v: unknown, indent: number) {
  o.put("?");
  o.whitespace = false;
  o.indention = true;
  writeString(o, k, indent + BEST_INDENT, false);
  o.writeIndent(indent);
  o.put(":");
  o.whitespace = false;
  o.indention = true;
  if (isMap(v) && !isEmptyCollection(v)) {
    o.put(" ");
    o.whitespace = true;
    emitMapping(o, v, indent + BEST_INDENT, true);
  } else if (Array.isArray(v) && v.length > 0) {
    o.put(" ");
    o.whitespace = true;
    emitSequence(o, v, indent + BEST_INDENT, true);
  } else {
    emitInline(o, v, indent);
  }
}

function utf8Length(s: string): number {
  let n = 0;
  for (const c of s) {
    const cp = c.codePointAt(0)!;
    n += cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
  }
  return n;
}

function emitSequence(o: Out, a: unknown[], indent: number, firstInline: boolean) {
  a.forEach((v, idx) => {
    if (!(idx === 0 && firstInline)) o.writeIndent(indent);
    o.put("-");
    o.whitespace = false;
    o.indention = true; // libyaml: "-" is an indicator that keeps indention
    if (isMap(v) && !isEmptyCollection(v)) {
      o.put(" ");
      o.whitespace = true;
      emitMapping(o, v, indent + BEST_INDENT, true);
    } else if (Array.isArray(v) && v.length > 0) {
      o.put(" ");
      o.whitespace = true;
      emitSequence(o, v, indent + BEST_INDENT, true);
    } else {
      emitInline(o, v, indent);
    }
  });
}

/** kubectl -o yaml fails like this when a string holds a character go-yaml's reader rejects. */
export class YamlOutputError extends Error {}

// sigs.k8s.io/yaml re-reads the JSON text with go-yaml: its reader rejects DEL and
// U+FFFE/U+FFFF (encoding/json leaves them unescaped), and a raw NEL inside a JSON string
// is a YAML line break, folded to a space like any single break in a quoted scalar.
function roundTripJsonStrings(v: unknown): unknown {
  const fix = (s: string) => {
    if (/[\x7f\ufffe\uffff]/.test(s)) throw new YamlOutputError("yaml: control characters are not allowed");
    return s.includes("\u0085") ? s.replace(/\u0085+/g, (m) => (m.length === 1 ? " " : "\n".repeat(m.length - 1))) : s;
  };
  if (typeof v === "string") return fix(v);
  if (Array.isArray(v)) return v.map(roundTripJsonStrings);
  if (isMap(v)) {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) out[fix(k)] = roundTripJsonStrings(x);
    return out;
  }
  return v;
}

/**
 * Any JSON-able value as kubectl -o yaml prints it (ends with a newline). Throws
 * YamlOutputError (message as kubectl prints it after "error: ") for unencodable strings.
 */
export function toKubectlYaml(obj: unknown): string {
  const o = new Out();
  const v = roundTripJsonStrings(JSON.parse(JSON.stringify(obj ?? null))); // drop undefined like encoding/json does
  if (isMap(v) && !isEmptyCollection(v)) emitMapping(o, v, 0, true);
  else if (Array.isArray(v) && v.length > 0) emitSequence(o, v, 0, true);
  else {
    o.whitespace = true;
    const t = scalarText(v);
    if (t !== undefined) o.put(t);
    else if (typeof v === "string") writeString(o, v, 0, false);
    else o.put(Array.isArray(v) ? "[]" : "{}");
  }
  return o.s.endsWith("\n") ? o.s : o.s + "\n";
}

/** The List wrapper kubectl get prints for several objects (also used by -o json). */
export function kubectlList(items: unknown[]): Record<string, unknown> {
  return { apiVersion: "v1", items, kind: "List", metadata: { resourceVersion: "" } };
}
