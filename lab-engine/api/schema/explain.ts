// `kubectl explain` (1.32, OpenAPI v3 renderer) over the compact schema table.
// Layout follows kubectl v0.32 `pkg/explain/v2/templates/plaintext.tmpl`:
//   GROUP:/KIND:/VERSION: header, `FIELD: name <type>` (+ ENUM), DESCRIPTION (wrap 76, indent 4),
//   FIELDS (`name\t<type>[ -required-]`, enum line, description wrapped at 78-indent),
//   `--recursive` prints the field tree without descriptions.
// The v2 swagger table is rendered as its v3 form would be: a `$ref` field is
// `allOf:[{$ref}]` + description, IntOrString/Quantity are untyped (oneOf) so they print by name.
import { SCHEMA, getDef, shortName, INT_OR_STRING, QUANTITY, type Prop, type Def } from "./table.ts";
import { resolveResource } from "../resources.ts";

/** mitchellh/go-wordwrap v1.0.1 WrapString (as used by kubectl's `wrap`): byte-length based, newlines kept. */
export function wordWrap(s: string, lim: number): string {
  let buf = "";
  let current = 0;
  let word = "";
  let space = "";
  for (const ch of s) {
    if (ch === "\n") {
      if (word.length === 0) {
        if (current + space.length > lim) current = 0;
        else {
          current += space.length;
          buf += space;
        }
        space = "";
      } else {
        current += space.length + word.length;
        buf += space + word;
        space = "";
        word = "";
      }
      buf += ch;
      current = 0;
    } else if (/\s/.test(ch)) {
      if (space.length === 0 || word.length > 0) {
        current += space.length + word.length;
        buf += space + word;
        space = "";
        word = "";
      }
      space += ch;
    } else {
      word += ch;
      if (current + space.length + word.length > lim && word.length < lim) {
        buf += "\n";
        current = 0;
        space = "";
      }
    }
  }
  if (word.length === 0) {
    if (current + space.length <= lim) buf += space;
  } else {
    buf += space + word;
  }
  return buf;
}

function indent(n: number, s: string): string {
  const pad = " ".repeat(n);
  return pad + s.split("\n").join("\n" + pad);
}

function typeGuess(p: Prop): string {
  if (p.i) return "[]" + typeGuess(p.i);
  if (p.m) return "map[string]" + typeGuess(p.m);
  if (p.ref) {
    if (p.ref === INT_OR_STRING || p.ref === QUANTITY) return shortName(p.ref);
    const d = getDef(p.ref);
    if (!d || !d.t || d.t === "object") return shortName(p.ref) || "Object";
    return d.t;
  }
  if (p.t === "object") return "Object";
  return p.t || "Object";
}

function enumShort(p: Prop, indentAmount: number): string {
  if (!p.e || !p.e.length) return "";
  const vals: string[] = [];
  for (let i = 0; i < p.e.length; i++) {
    if (i >= 4) {
      vals.push("....");
      break;
    }
    vals.push(p.e[i] === "" ? '""' : p.e[i]);
  }
  // ", ...." is appended without a following separator
  let s = "\n" + " ".repeat(indentAmount) + "enum: ";
  vals.forEach((v, i) => {
    if (v === "....") s += ", ....";
    else s += (i > 0 ? ", " : "") + v;
  });
  return s;
}

function enumLong(p: Prop): string {
  if (!p.e || !p.e.length) return "";
  return "ENUM:" + p.e.map((v) => "\n    " + (v === "" ? '""' : v)).join("");
}

/** Description of a schema as the "description" template collects it (own text, then the referenced / item / value type's). */
function description(p: Prop | undefined, def?: Def): string {
  let out = "";
  if (def) {
    if (def.d) out += def.d + "\n";
    return out;
  }
  if (!p) return out;
  if (p.d) out += p.d + "\n";
  if (p.ref) {
    const d = getDef(p.ref);
    if (d?.d) out += d.d + "\n";
  }
  if (p.i) out += description(p.i);
  if (p.m) out += description(p.m);
  return out;
}

/** Properties and required list reachable from a schema node (through $ref, items, map values). */
function resolveProps(p: Prop): { props?: Record<string, Prop>; required?: string[]; ref?: string } {
  if (p.ref) {
    const d = getDef(p.ref);
    return { props: d?.p, required: d?.r, ref: p.ref };
  }
  return {};
}

function fieldDetail(name: string, p: Prop, required: string[] | undefined, short: boolean, level: number): string {
  const ind = level * 2;
  let s = indent(ind, name) + "\t<" + typeGuess(p) + ">";
  if (required?.includes(name)) s += " -required-";
  s += enumShort(p, ind);
  s += "\n";
  if (!short) {
    s += indent(ind + 2, wordWrap(p.d || "<no description>", 78 - ind)) + "\n";
    s += "\n";
  }
  return s;
}

function fieldListOfProps(props: Record<string, Prop> | undefined, required: string[] | undefined, level: number, recursive: boolean, history: Set<string>): string {
  let s = "";
  if (!props) return s;
  for (const k of Object.keys(props).sort()) {
    const v = props[k];
    s += fieldDetail(k, v, required, recursive, level);
    if (recursive) s += fieldList(v, level + 1, recursive, history);
  }
  return s;
}

function fieldList(p: Prop, level: number, recursive: boolean, history: Set<string>): string {
  if (p.ref) {
    if (history.has(p.ref)) return "";
    const h = new Set(history);
    h.add(p.ref);
    const d = getDef(p.ref);
    return fieldListOfProps(d?.p, d?.r, level, recursive, h);
  }
  if (p.i) return fieldList(p.i, level, recursive, history);
  if (p.m) return fieldList(p.m, level, recursive, history);
  return "";
}

export interface ExplainTarget {
  group: string; // "" for core
  version: string;
  kind: string;
}

export type ExplainResult = { ok: true; text: string } | { ok: false; error: string };

/**
 * Render `kubectl explain <resource>[.field...]` for a GVK. `fieldPath` excludes the resource
 * (for `pods.spec.containers` pass ["spec", "containers"]). Errors are kubectl's texts:
 * `error: field "foo" does not exist`, `error: GVK <gvk> not found in OpenAPI schema`.
 */
export function explain(target: ExplainTarget, fieldPath: string[], recursive = false): ExplainResult {
  const key = (target.group ? `${target.group}/` : "") + `${target.version}/${target.kind}`;
  const defName = SCHEMA.gvk[key];
  const gvkStr = `${target.group ? target.group + "/" : ""}${target.version}, Kind=${target.kind}`;
  const def = defName ? getDef(defName) : undefined;
  if (!defName || !def) return { ok: false, error: `error: GVK ${gvkStr} not found in OpenAPI schema` };
  let head = "";
  if (target.group) head += `GROUP:      ${target.group}\n`;
  head += `KIND:       ${target.kind}\n`;
  head += `VERSION:    ${target.version}\n`;
  head += "\n";

  const root: Prop = { ref: defName };
  let cur: Prop = root;
  let body = "";
  for (let i = 0; i < fieldPath.length; i++) {
    const name = fieldPath[i];
    // follow arrays / maps to the element, then the referenced definition
    let node: Prop = cur;
    while (!node.ref && (node.i || node.m)) node = (node.i || node.m)!;
    const r = resolveProps(node);
    const next = r.props?.[name];
    if (!next) return { ok: false, error: `error: field "${fieldPath[fieldPath.length - 1]}" does not exist` };
    if (i === fieldPath.length - 1) {
      body += `FIELD: ${name} <${typeGuess(next)}>\n`;
      body += enumLong(next) + "\n";
      body += "\n";
    }
    cur = next;
  }
  const desc = cur === root ? description(undefined, def) : description(cur);
  body += "DESCRIPTION:\n";
  body += indent(4, wordWrap(desc || "<empty>", 76)) + "\n";
  const fields = fieldList(cur, 1, recursive, new Set());
  if (fields) body += "FIELDS:\n" + fields;
  return { ok: true, text: head + body + "\n" };
}

/**
 * `kubectl explain <resource>[.field...] [--recursive] [--api-version=g/v]`: the first dotted
 * segment is the resource as typed (plural, singular, short name or kind), the rest the field path.
 * Errors are kubectl's texts (`error: the server doesn't have a resource type "foo"`,
 * `error: field "x" does not exist`).
 */
export function explainTyped(typed: string, opts: { recursive?: boolean; apiVersion?: string } = {}): ExplainResult {
  const [res, ...fields] = typed.split(".");
  const ri = resolveResource(res);
  if (!ri) return { ok: false, error: `error: the server doesn't have a resource type "${res}"` };
  let group = ri.group;
  let version = ri.version;
  if (opts.apiVersion) {
    const gv = opts.apiVersion.split("/");
    if (gv.length === 2) [group, version] = gv;
    else [group, version] = ["", gv[0]];
  }
  return explain({ group, version, kind: ri.kind }, fields.filter((f) => f.length > 0), !!opts.recursive);
}
