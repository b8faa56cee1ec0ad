// Reading manifests the way kubectl does: documents are split on `---` lines
// (apimachinery YAMLReader), each is converted YAML → JSON with go-yaml v2 resolution
// rules (sigs.k8s.io/yaml), so YAML 1.1 quirks survive: `yes`/`on`/`y` are booleans,
// `0644` is octal (420), timestamps stay strings, `n:` as a key becomes "false".
// Syntax is parsed with the `yaml` package (failsafe schema: every scalar a string, so
// resolution is ours); its errors are mapped onto go-yaml's messages and line numbers for
// the common mistakes (tabs, bad indentation, unclosed quotes and flow collections).
// Aliases are expanded with a budget, like goyaml.v2's "excessive aliasing" guard.

import { fastYamlToJson, NOT_HANDLED } from "./yaml-fast.ts";
import { parseDocument, isAlias, isMap, isPair, isScalar, isSeq, Scalar } from "yaml";
import type { Node as YNode, Document } from "yaml";
import { goFormatFloatG } from "./yaml.ts";
import { toGoJsonCompact } from "./json.ts";

export const MAX_MANIFEST_BYTES = 1024 * 1024;
const MAX_ALIAS_NODES = 100000;

export interface ParsedManifest {
  /** decoded documents (empty ones skipped), in order, up to the first error */
  docs: unknown[];
  /** kubectl's error text after "error: ", e.g. `error parsing pod.yaml: error converting YAML to JSON: yaml: line 5: ...` */
  error?: string;
}

class YamlError extends Error {}

// ---------------- document splitting (apimachinery yaml.YAMLReader) ----------------

export function splitYamlDocuments(text: string): { text: string; error?: string }[] {
  const docs: { text: string; error?: string }[] = [];
  let cur: string[] = [];
  const lines = text.split(/(?<=\n)/);
  for (const line of lines) {
    if (line.startsWith("---")) {
      const rest = line.slice(3).trim();
      if (rest.length > 0 && rest[0] !== "#") {
        docs.push({ text: cur.join(""), error: `invalid Yaml document separator: ${rest}` });
        return docs;
      }
      docs.push({ text: cur.join("") });
      cur = [];
      continue;
    }
    cur.push(line);
  }
  docs.push({ text: cur.join("") });
  return docs;
}

// ---------------- go-yaml v2 scalar resolution ----------------

const BOOL_TRUE = new Set(["y", "Y", "yes", "Yes", "YES", "true", "True", "TRUE", "on", "On", "ON"]);
const BOOL_FALSE = new Set(["n", "N", "no", "No", "NO", "false", "False", "FALSE", "off", "Off", "OFF"]);
const NULLS = new Set(["", "~", "null", "Null", "NULL"]);
const NAN = new Set([".nan", ".NaN", ".NAN"]);
const POS_INF = new Set([".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF"]);
const NEG_INF = new Set(["-.inf", "-.Inf", "-.INF"]);
const YAML_STYLE_FLOAT = /^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/;

function parseGoInt(s: string): number | undefined {
  const m = /^([+-]?)(0[xX][0-9a-fA-F]+|0[oO][0-7]+|0[bB][01]+|0[0-7]*|[1-9][0-9]*)$/.exec(s);
  if (!m) return undefined;
  const body = m[2];
  let v: bigint;
  if (/^0[oO]/.test(body)) v = BigInt("0o" + body.slice(2));
  else if (/^0[0-7]+$/.test(body)) v = BigInt("0o" + body.slice(1));
  else v = BigInt(body);
  if (m[1] === "-") v = -v;
  if (v > (1n << 64n) - 1n || v < -(1n << 63n)) return undefined;
  return Number(v);
}

function isTimestampLike(s: string): boolean {
  return /^[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}([Tt ][0-9]{1,2}:[0-9]{1,2}:[0-9]{1,2}(\.[0-9]+)?(Z|[+-][0-9]{2}:[0-9]{2})?)?$/.test(s);
}

/** go-yaml v2 resolve() of an untagged plain scalar, to a JSON value. */
export function resolvePlainScalar(s: string): unknown {
  if (BOOL_TRUE.has(s)) return true;
  if (BOOL_FALSE.has(s)) return false;
  if (NULLS.has(s)) return null;
  const c = s[0];
  if (c !== "." && c !== "+" && c !== "-" && !(c >= "0" && c <= "9")) return s;
  if (NAN.has(s)) return NaN;
  if (POS_INF.has(s)) return Infinity;
  if (NEG_INF.has(s)) return -Infinity;
  if (c === ".") {
    const f = Number(s);
    return /^\.[0-9]+([eE][-+]?[0-9]+)?$/.test(s) && !Number.isNaN(f) ? f : s;
  }
  if (c === "+" || c === "-" || (c >= "0" && c <= "9")) {
    if (isTimestampLike(s)) return s; // v2 keeps timestamps as strings in interface{}
    const plain = s.replace(/_/g, "");
    const i = parseGoInt(plain);
    if (i !== undefined) return i;
    if (YAML_STYLE_FLOAT.test(plain)) return Number(plain);
    const b = /^(-?)0b([01]+)$/.exec(plain);
    if (b) return (b[1] ? -1 : 1) * parseInt(b[2], 2);
  }
  return s;
}

// ---------------- AST → JSON ----------------

interface Ctx {
  doc: Document;
  budget: number;
  anchorsInProgress: Set<YNode>;
}

function keyString(k: unknown): string {
  if (typeof k === "string") return k;
  if (typeof k === "boolean") return k ? "true" : "false";
  if (typeof k === "number") {
    if (Number.isInteger(k) && Math.abs(k) < 2 ** 63) return BigInt(k).toString();
    // sigs.k8s.io/yaml formats float keys with FormatFloat(f, 'g', -1, 32)
    return goFormatFloatG(Math.fround(k));
  }
  throw new YamlError(`Unsupported map key of type: ${k === null ? "<nil>" : typeof k}, key: ${String(k)}`);
}

function convert(node: unknown, ctx: Ctx): unknown {
  if (--ctx.budget < 0) throw new YamlError("yaml: document contains excessive aliasing");
  if (node === null || node === undefined) return null;
  if (isAlias(node)) {
    const target = node.resolve(ctx.doc);
    if (!target) throw new YamlError(`yaml: unknown anchor '${node.source}' referenced`);
    if (ctx.anchorsInProgress.has(target as YNode)) throw new YamlError(`yaml: anchor '${node.source}' value contains itself`);
    return convert(target, ctx);
  }
  const anchored = (node as { anchor?: string }).anchor ? (node as YNode) : undefined;
  if (anchored) ctx.anchorsInProgress.add(anchored);
  try {
    if (isScalar(node)) return convertScalar(node);
    if (isSeq(node)) return node.items.map((i) => convert(i, ctx));
    if (isMap(node)) {
      const out: Record<string, unknown> = {};
      const merges: unknown[] = [];
      for (const pair of node.items) {
        if (!isPair(pair)) continue;
        const k = pair.key;
        if (isScalar(k) && k.type === "PLAIN" && k.value === "<<" && !k.tag) {
          merges.push(convert(pair.value, ctx));
          continue;
        }
        const key = keyString(convert(k, ctx));
        out[key] = convert(pair.value, ctx);
      }
      // merge keys: explicit keys win over merged ones
      for (const m of merges) {
        const list = Array.isArray(m) ? m : [m];
        for (const src of list) {
          if (typeof src !== "object" || src === null || Array.isArray(src)) {
            throw new YamlError("yaml: map merge requires map or sequence of maps as the value");
          }
          for (const [k, v] of Object.entries(src)) if (!(k in out)) out[k] = v;
        }
      }
      return out;
    }
    return null;
  } finally {
    if (anchored) ctx.anchorsInProgress.delete(anchored);
  }
}

function convertScalar(node: Scalar): unknown {
  const v = node.value;
  const s = typeof v === "string" ? v : v === null || v === undefined ? "" : String(v);
  const tag = node.tag;
  if (tag && tag !== "!") {
    switch (tag) {
      case "tag:yaml.org,2002:str": return s;
      case "tag:yaml.org,2002:null": return null;
      case "tag:yaml.org,2002:bool": return resolvePlainScalar(s);
      case "tag:yaml.org,2002:int": case "tag:yaml.org,2002:float": {
        const r = resolvePlainScalar(s);
        if (typeof r !== "number") throw new YamlError(`yaml: cannot decode !!${tag.split(":").pop()} \`${s}\` as a ${tag.split(":").pop()}`);
        return r;
      }
      default: return s;
    }
  }
  if (node.type === "PLAIN") return resolvePlainScalar(s);
  return s;
}

// ---------------- error mapping ----------------

function lineOfOffset(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < text.length; i++) if (text[i] === "\n") line++;
  return line;
}

const indentOf = (l: string) => l.length - l.trimStart().length;
const isBlankOrComment = (l: string) => l.trim() === "" || /^\s*#/.test(l);
const isDashLine = (l: string) => /^ *-( |$)/.test(l);

/**
 * The error libyaml gives for a badly placed line in block context (0-based `bad`).
 * go-yaml's parser errors print the 0-based line of the problem, scanner errors 1-based.
 */
function blockContextError(lines: string[], bad: number): string {
  const eofLine0 = lines.length - 1;
  const line = lines[bad] ?? "";
  const body = line.trim();
  if (!isDashLine(line) && !/:(\s|$)/.test(body) && !/^[[{"']/.test(body)) {
    // a plain scalar where a key was expected: the scanner gives up at the next token
    return `yaml: line ${Math.min(bad + 2, eofLine0 + 1)}: could not find expected ':'`;
  }
  const badIndent = indentOf(line);
  for (let i = bad - 1; i >= 0; i--) {
    if (isBlankOrComment(lines[i]) || indentOf(lines[i]) > badIndent) continue;
    if (!isDashLine(lines[i])) break;
    // inside a block sequence: an indentless one (dash in its parent key's column) wants a
    // key of the parent mapping, an indented one wants the next "-"
    const dashIndent = indentOf(lines[i]);
    for (let j = i - 1; j >= 0; j--) {
      if (isBlankOrComment(lines[j]) || indentOf(lines[j]) > dashIndent) continue;
      if (isDashLine(lines[j]) && indentOf(lines[j]) === dashIndent) continue;
      if (indentOf(lines[j]) === dashIndent) return `yaml: line ${bad}: did not find expected key`;
      break;
    }
    return `yaml: line ${bad}: did not find expected '-' indicator`;
  }
  return `yaml: line ${bad}: did not find expected key`;
}

/**
 * Tabs: libyaml rejects a tab that starts a line's indentation in block context
 * ("found character that cannot start any token"), or, while a plain scalar may continue
 * on the next line, "found a tab character that violates indentation". The yaml package
 * ignores whitespace-only lines, so scan for these ourselves. Returns [line1, message].
 */
function tabError(lines: string[]): [number, string] | undefined {
  let flow = 0;
  let blockScalarIndent = -1; // inside a | or > block scalar: lines indented more than this
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i];
    if (blockScalarIndent >= 0) {
      if (l.trim() === "" || indentOf(l.replace(/\t/g, " ")) > blockScalarIndent) continue;
      blockScalarIndent = -1;
    }
    if (flow === 0 && /^ *\t/.test(l)) {
      let prev = i - 1;
      while (prev >= 0 && lines[prev].trim() === "") prev--;
      const p = prev >= 0 ? lines[prev].replace(/\s+#.*$/, "").trimEnd() : "";
      const plainValue = /^\s*(- +)?[^\s#:][^:]*:\s+[^\s|>&*!'"[{#]/.test(p) || /^\s*- +[^\s|>&*!'"[{#-]/.test(p);
      if (plainValue && !/:$/.test(p)) return [i + 1, "found a tab character that violates indentation"];
      return [i + 1, "found character that cannot start any token"];
    }
    const code = l.replace(/(["'])(?:\\.|(?!\1).)*\1/g, "").replace(/\s#.*$/, "");
    for (const c of code) {
      if (c === "[" || c === "{") flow++;
      else if ((c === "]" || c === "}") && flow > 0) flow--;
    }
    if (flow === 0 && /(^|[:\-]\s+)[|>][0-9+-]*\s*$/.test(code)) blockScalarIndent = indentOf(l);
  }
  return undefined;
}

function mapYamlError(text: string, err: { code: string; message: string; pos: [number, number] }): string {
  const lines = text.split("\n");
  const eofLine0 = lines.length - 1; // 0-based line of the end of the stream
  const at = err.pos[0];
  const line1 = lineOfOffset(text, at);
  switch (err.code) {
    case "TAB_AS_INDENT":
      return `yaml: line ${line1}: found character that cannot start any token`;
    case "BAD_SCALAR_START":
      return `yaml: line ${line1}: found character that cannot start any token`;
    case "BLOCK_AS_IMPLICIT_KEY":
    case "MULTILINE_IMPLICIT_KEY": {
      if (/block sequence/i.test(err.message)) return `yaml: line ${line1 - 1}: did not find expected key`;
      // the offending ": " is at or after the reported value
      const rest = text.slice(at);
      const m = /:(?=[ \t\n]|$)/.exec(rest);
      const l = m ? lineOfOffset(text, at + m.index) : line1;
      return `yaml: line ${l}: mapping values are not allowed in this context`;
    }
    case "MISSING_CHAR": {
      if (/quote/i.test(err.message)) return `yaml: line ${eofLine0 + 1}: found unexpected end of stream`;
      if (/Implicit map keys need to be followed by map values/.test(err.message)) {
        return `yaml: line ${Math.min(line1 + 1, eofLine0 + 1)}: could not find expected ':'`;
      }
      return blockContextError(lines, line1 - 1);
    }
    case "BAD_INDENT":
    case "UNEXPECTED_TOKEN": {
      const flow = /Flow (sequence|map)/.exec(err.message);
      if (flow) return flowError(text);
      if (err.code === "UNEXPECTED_TOKEN") return `yaml: line ${line1 - 1}: did not find expected key`;
      return blockContextError(lines, line1 - 1);
    }
  }
  return blockContextError(lines, line1 - 1);
}

/**
 * An unclosed flow collection: libyaml fails at the first token after the last complete
 * item that is neither "," nor the closing bracket (a parser error: 0-based line), or,
 * if no item follows an opening bracket or a comma, "did not find expected node content".
 */
function flowError(text: string): string {
  // find the innermost unclosed bracket
  const stack: number[] = [];
  let quote = "";
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quote) {
      if (c === "\\" && quote === '"') i++;
      else if (c === quote) quote = "";
      continue;
    }
    if (c === "#" && (i === 0 || /\s/.test(text[i - 1]))) { while (i < text.length && text[i] !== "\n") i++; continue; }
    if ((c === '"' || c === "'") && (stack.length > 0 || /[\s:[{,-]/.test(text[i - 1] ?? " "))) quote = c;
    else if (c === "[" || c === "{") stack.push(i);
    else if ((c === "]" || c === "}") && stack.length) stack.pop();
  }
  const open = stack.length ? stack[stack.length - 1] : text.length;
  const close = text[open] === "{" ? "}" : "]";
  const line0 = (i: number) => lineOfOffset(text, i) - 1;
  let i = open + 1;
  const skipWs = () => {
    for (;;) {
      while (i < text.length && /\s/.test(text[i])) i++;
      if (text[i] === "#") { while (i < text.length && text[i] !== "\n") i++; continue; }
      return;
    }
  };
  for (;;) {
    skipWs();
    if (i >= text.length || text[i] === ",") return `yaml: line ${line0(Math.min(i, text.length))}: did not find expected node content`;
    // skip one item
    if (text[i] === '"' || text[i] === "'") {
      const q = text[i++];
      while (i < text.length && text[i] !== q) i += text[i] === "\\" && q === '"' ? 2 : 1;
      i++;
    } else if (text[i] === "[" || text[i] === "{") {
      return `yaml: line ${line0(i)}: did not find expected ',' or '${close}'`;
    } else {
      while (i < text.length && !/[,\]\}\n]/.test(text[i])) i++;
    }
    skipWs();
    if (i >= text.length) return `yaml: line ${line0(text.length)}: did not find expected ',' or '${close}'`;
    if (text[i] !== ",") return `yaml: line ${line0(i)}: did not find expected ',' or '${close}'`;
    i++;
  }
}

function firstError(text: string, err?: { code: string; message: string; pos: [number, number] }): string | undefined {
  const lines = text.split("\n");
  const tab = tabError(lines);
  const yamlLine = err ? lineOfOffset(text, err.pos[0]) : Infinity;
  if (tab && tab[0] <= yamlLine) return `yaml: line ${tab[0]}: ${tab[1]}`;
  return err ? mapYamlError(text, err) : undefined;
}

// ---------------- public API ----------------

/** YAML (or JSON) text of one document → JSON value; throws Error with go-yaml's message. */
export function yamlToJson(text: string): unknown {
  const fast = fastYamlToJson(text, RESOLVERS);
  if (fast !== NOT_HANDLED) return fast;
  return yamlToJsonSlow(text);
}

const RESOLVERS = { plain: resolvePlainScalar, key: keyString };

/** The `yaml` library path: the whole language and go-yaml's error messages. */
export function yamlToJsonSlow(text: string): unknown {
  const doc = parseDocument(text, { schema: "failsafe", uniqueKeys: false, strict: false, prettyErrors: false });
  const e = doc.errors[0];
  const msg = firstError(text, e && { code: e.code, message: e.message, pos: e.pos });
  if (msg) throw new YamlError(msg);
  const ctx: Ctx = { doc, budget: MAX_ALIAS_NODES, anchorsInProgress: new Set() };
  return convert(doc.contents, ctx);
}

/**
 * Parse a manifest file as `kubectl apply/create -f` does. `source` is the name kubectl
 * prints (the path as given, or "STDIN").
 */
export function parseYamlDocuments(text: string, source: string): ParsedManifest {
  const docs: unknown[] = [];
  if (text.length > MAX_MANIFEST_BYTES) {
    return { docs, error: `error parsing ${source}: manifest is larger than ${MAX_MANIFEST_BYTES} bytes` };
  }
  for (const part of splitYamlDocuments(text)) {
    if (part.text.trim() !== "" && !/^(\s*(#.*)?\n?)*$/.test(part.text)) {
      try {
        const v = yamlToJson(part.text);
        if (v !== null) docs.push(v);
      } catch (e) {
        if (e instanceof YamlError) return { docs, error: `error parsing ${source}: error converting YAML to JSON: ${e.message}` };
        throw e;
      }
    }
    if (part.error) return { docs, error: `error parsing ${source}: ${part.error}` };
  }
  return { docs };
}

/**
 * Client-side checks kubectl create/apply make before sending (with validation on):
 * returns the error text after "error: ", or undefined if the object is acceptable.
 */
export function manifestObjectError(obj: unknown, source: string): string | undefined {
  const hint = "; if you choose to ignore these errors, turn validation off with --validate=false";
  if (typeof obj !== "object" || obj === null || Array.isArray(obj)) {
    return `error validating "${source}": error validating data: invalid object to validate${hint}`;
  }
  const o = obj as Record<string, unknown>;
  if (!o.apiVersion) return `error validating "${source}": error validating data: apiVersion not set${hint}`;
  if (!o.kind) return `error validating "${source}": error validating data: kind not set${hint}`;
  return undefined;
}

/** `--validate=false` decode error for an object without kind (apimachinery unstructured). */
export function missingKindError(obj: unknown, source: string): string {
  return `unable to decode "${source}": Object 'Kind' is missing in '${toGoJsonCompact(obj)}'`;
}
