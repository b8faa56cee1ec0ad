// Reading manifests the way kubectl does: documents are split on `---` lines
// (apimachinery YAMLReader), each is converted YAML → JSON with go-yaml v2 resolution
// rules (sigs.k8s.io/yaml), so YAML 1.1 quirks survive: `yes`/`on`/`y` are booleans,
// `0644` is octal (420), timestamps stay strings, `n:` as a key becomes "false".
// Syntax is parsed with the `yaml` package (failsafe schema: every scalar a string, so
// resolution is ours); its errors are mapped onto go-yaml's messages and line numbers for
// the common mistakes (tabs, bad indentation, unclosed quotes and flow collections).
// Aliases are expanded with a budget, like goyaml.v2's "excessive aliasing" guard.

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
  if ([".nan", ".NaN", ".NAN"].includes(s)) return NaN;
  if ([".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF"].includes(s)) return Infinity;
  if (["-.inf", "-.Inf", "-.INF"].includes(s)) return -Infinity;
  const c = s[0];
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

/** go-yaml's parser errors report the 0-based line of the problem; scanner errors 1-based. */
function mapYamlError(text: string, err: { code: string; message: string; pos: [number, number] }): string {
  const lines = text.split("\n");
  const eofLine0 = lines.length - 1; // 0-based line of the end of the stream
  const at = err.pos[0];
  const line1 = lineOfOffset(text, at);
  const indentOf = (l: string) => l.length - l.trimStart().length;
  switch (err.code) {
    case "TAB_AS_INDENT": {
      const tabLine = lines.findIndex((l, i) => i >= line1 - 1 && /^ *\t/.test(l));
      return `yaml: line ${(tabLine >= 0 ? tabLine : line1 - 1) + 1}: found character that cannot start any token`;
    }
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
      if (/without - indicator/.test(err.message)) {
        // an item mapping ended by a badly indented line: inside an indentless sequence
        // (dash in the parent key's column) libyaml expects a key, otherwise a '-'
        const bad = line1 - 1;
        const badIndent = indentOf(lines[bad]);
        let dashLine = -1;
        for (let i = bad - 1; i >= 0; i--) {
          if (/^ *- /.test(lines[i]) || /^ *-$/.test(lines[i])) { if (indentOf(lines[i]) < badIndent) { dashLine = i; break; } }
        }
        let indentless = false;
        if (dashLine >= 0) {
          const dashIndent = indentOf(lines[dashLine]);
          for (let i = dashLine - 1; i >= 0; i--) {
            if (lines[i].trim() === "" || /^ *#/.test(lines[i])) continue;
            if (/^ *-( |$)/.test(lines[i]) && indentOf(lines[i]) === dashIndent) continue;
            indentless = indentOf(lines[i]) === dashIndent;
            break;
          }
        }
        return `yaml: line ${bad}: ${indentless ? "did not find expected key" : "did not find expected '-' indicator"}`;
      }
      if (/Implicit map keys need to be followed by map values/.test(err.message)) {
        return `yaml: line ${Math.min(line1 + 1, eofLine0 + 1)}: could not find expected ':'`;
      }
      break;
    }
    case "BAD_INDENT":
    case "UNEXPECTED_TOKEN": {
      const flow = /Flow (sequence|map)/.exec(err.message);
      if (flow) {
        const close = flow[1] === "map" ? "}" : "]";
        const open = close === "]" ? "[" : "{";
        const start = text.lastIndexOf(open);
        const inner = start >= 0 ? text.slice(start + 1).trim() : "";
        return inner === ""
          ? `yaml: line ${eofLine0}: did not find expected node content`
          : `yaml: line ${eofLine0}: did not find expected ',' or '${close}'`;
      }
      return `yaml: line ${line1 - 1}: did not find expected key`;
    }
  }
  return `yaml: line ${line1 - 1}: did not find expected key`;
}

// ---------------- public API ----------------

/** YAML (or JSON) text of one document → JSON value; throws Error with go-yaml's message. */
export function yamlToJson(text: string): unknown {
  const doc = parseDocument(text, { schema: "failsafe", uniqueKeys: false, strict: false, prettyErrors: false });
  if (doc.errors.length > 0) {
    const e = doc.errors[0];
    throw new YamlError(mapYamlError(text, { code: e.code, message: e.message, pos: e.pos }));
  }
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
