// Strict decoding as the 1.32 API server does it for `fieldValidation=Strict` (the default
// that kubectl 1.32 sends): JSON type errors first (sigs.k8s.io/json, Go encoding/json texts),
// then unknown/duplicate fields collected in document order.
//
// Server texts ([k8s-1.32.1]):
//   apiserver/pkg/endpoints/handlers/rest.go   "%s in version %q cannot be handled as a %s: %v"
//   apimachinery/pkg/runtime/error.go          "strict decoding error: " + errors joined with ", "
//   sigs.k8s.io/json                           `unknown field "spec.containers[0].port"`
//   encoding/json UnmarshalTypeError           "json: cannot unmarshal <value> into Go struct field <Struct>.<json.path> of type <go type>"
//   apimachinery/pkg/api/resource/quantity.go  "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'"
import { definitionFor, getDef, goTypeName, shortName, INT_OR_STRING, QUANTITY, type Prop, type Def } from "./table.ts";

export const QUANTITY_REGEX_ERROR =
  "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";

// Quantity grammar (resource.ParseQuantity): sign, digits with optional fraction, suffix.
const QUANTITY_RE = /^[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+|Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|M|G|T|P|E)?$/;

export function isValidQuantity(v: unknown): boolean {
  if (typeof v === "number") return Number.isFinite(v);
  return typeof v === "string" && QUANTITY_RE.test(v);
}

const B64 = /[A-Za-z0-9+/]/;

/**
 * Go base64.StdEncoding.Decode's CorruptInputError offset for `s` (what a Secret `data` value
 * that is not base64 produces: `illegal base64 data at input byte 4`), or undefined when valid.
 */
export function base64ErrorOffset(s: string): number | undefined {
  let si = 0;
  const n = s.length;
  while (si < n) {
    let j = 0;
    for (; j < 4; j++) {
      if (si === n) {
        if (j === 0) return undefined;
        return si - j;
      }
      const ch = s[si++];
      if (B64.test(ch)) continue;
      if (ch === "\n" || ch === "\r") {
        j--;
        continue;
      }
      if (ch !== "=") return si - 1;
      // padding
      if (j === 0 || j === 1) return si - 1;
      if (j === 2) {
        while (si < n && (s[si] === "\n" || s[si] === "\r")) si++;
        if (si === n) return n;
        if (s[si] !== "=") return si - 1;
        si++;
      }
      while (si < n && (s[si] === "\n" || s[si] === "\r")) si++;
      if (si < n) return si;
      return undefined;
    }
  }
  return undefined;
}

interface Ctx {
  typeError?: string;
  strict: string[];
}

function jsonKind(v: unknown): string {
  if (v === null) return "null";
  if (Array.isArray(v)) return "array";
  switch (typeof v) {
    case "string": return "string";
    case "number": return "number";
    case "boolean": return "bool";
    default: return "object";
  }
}

function goTypeOfProp(p: Prop): string {
  if (p.ref) {
    if (p.ref === INT_OR_STRING) return "intstr.IntOrString";
    if (p.ref === QUANTITY) return "resource.Quantity";
    const def = getDef(p.ref);
    if (def?.t === "string" && p.ref.endsWith(".Time")) return "v1.Time";
    return goTypeName(p.ref);
  }
  switch (p.t) {
    case "integer": return p.f === "int64" ? "int64" : "int32";
    case "number": return "float64";
    case "boolean": return "bool";
    case "string": return p.f === "byte" ? "[]uint8" : "string";
    case "array": return "[]" + (p.i ? goTypeOfProp(p.i) : "interface {}");
    case "object": return p.m ? "map[string]" + goTypeOfProp(p.m) : "map[string]interface {}";
  }
  return "interface {}";
}

function failAt(ctx: Ctx, p: Prop, struct: string, jpath: string, value: string, type?: string): void {
  if (!ctx.typeError) ctx.typeError = `json: cannot unmarshal ${value} into Go struct field ${struct}.${jpath} of type ${type ?? goTypeOfProp(p)}`;
}

/** Type-check a value against a property; `struct` is the Go struct containing the field, `jpath` the dotted JSON path (no indices), `spath` the strict path (with indices). */
function checkProp(v: unknown, p: Prop, struct: string, jpath: string, spath: string, ctx: Ctx): void {
  if (v === null || v === undefined) return;
  const k = jsonKind(v);
  if (p.ref) {
    if (p.ref === INT_OR_STRING) {
      if (k !== "string" && k !== "number") {
        if (!ctx.typeError) ctx.typeError = `json: cannot unmarshal ${k} into Go value of type int32`;
      } else if (k === "number" && !Number.isInteger(v as number)) {
        if (!ctx.typeError) ctx.typeError = `json: cannot unmarshal number ${String(v)} into Go value of type int32`;
      }
      return;
    }
    if (p.ref === QUANTITY) {
      if (k !== "string" && k !== "number") {
        if (!ctx.typeError) ctx.typeError = `json: cannot unmarshal ${k} into Go value of type string`;
      } else if (!isValidQuantity(v)) {
        if (!ctx.typeError) ctx.typeError = QUANTITY_REGEX_ERROR;
      }
      return;
    }
    const def = getDef(p.ref);
    if (!def) return;
    if (def.t && def.t !== "object") {
      // Time, MicroTime, Duration-like: JSON strings
      if (k !== "string") failAt(ctx, p, struct, jpath, k, "string");
      return;
    }
    if (def.x) return; // RawExtension, JSON: anything goes
    if (k !== "object") return failAt(ctx, p, struct, jpath, k);
    checkObject(v as Record<string, unknown>, p.ref, def, jpath, spath, ctx);
    return;
  }
  switch (p.t) {
    case "string":
      if (k !== "string") return failAt(ctx, p, struct, jpath, k);
      if (p.f === "byte") {
        const at = base64ErrorOffset(v as string);
        if (at !== undefined && !ctx.typeError) ctx.typeError = `illegal base64 data at input byte ${at}`;
      }
      return;
    case "boolean":
      if (k !== "bool") failAt(ctx, p, struct, jpath, k);
      return;
    case "integer":
      if (k !== "number") return failAt(ctx, p, struct, jpath, k);
      if (!Number.isInteger(v as number)) return failAt(ctx, p, struct, jpath, `number ${String(v)}`);
      if (p.f !== "int64" && ((v as number) > 2147483647 || (v as number) < -2147483648)) failAt(ctx, p, struct, jpath, `number ${String(v)}`);
      return;
    case "number":
      if (k !== "number") failAt(ctx, p, struct, jpath, k);
      return;
    case "array": {
      if (k !== "array") return failAt(ctx, p, struct, jpath, k);
      if (p.i) (v as unknown[]).forEach((item, idx) => checkItem(item, p.i!, struct, jpath, `${spath}[${idx}]`, ctx));
      return;
    }
    case "object": {
      if (k !== "object") return failAt(ctx, p, struct, jpath, k);
      if (p.m) {
        for (const [key, item] of Object.entries(v as Record<string, unknown>)) checkItem(item, p.m, struct, jpath, `${spath}[${key}]`, ctx);
      }
      return;
    }
  }
}

/** Array items / map values: Go reports the element type, the containing struct stays the same. */
function checkItem(v: unknown, p: Prop, struct: string, jpath: string, spath: string, ctx: Ctx): void {
  checkProp(v, p, struct, jpath, spath, ctx);
}

function checkObject(obj: Record<string, unknown>, defName: string, def: Def, jpath: string, spath: string, ctx: Ctx): void {
  const props = def.p ?? {};
  const struct = shortName(defName);
  for (const [key, val] of Object.entries(obj)) {
    const p = props[key];
    const childJ = jpath ? `${jpath}.${key}` : key;
    const childS = spath ? `${spath}.${key}` : key;
    if (!p) {
      ctx.strict.push(`unknown field "${childS}"`);
      continue;
    }
    checkProp(val, p, struct, childJ, childS, ctx);
  }
}

export interface DecodeResult {
  /** Go JSON type error (decoding fails, strict errors are not reported then). */
  typeError?: string;
  /** strict decoding errors: `unknown field "spec.x"` in document order. */
  strict: string[];
}

/** Decode check of `obj` against the 1.32 schema of apiVersion/kind. Unknown kinds pass. */
export function decodeCheck(kind: string, apiVersion: string, obj: unknown): DecodeResult {
  const ctx: Ctx = { strict: [] };
  const defName = definitionFor(apiVersion, kind);
  const def = defName ? getDef(defName) : undefined;
  if (!defName || !def) return { strict: [] };
  if (jsonKind(obj) !== "object") {
    return { typeError: `json: cannot unmarshal ${jsonKind(obj)} into Go value of type ${goTypeName(defName)}`, strict: [] };
  }
  // `status` is not checked: the simulator keeps engine bookkeeping there (pending transition
  // times), clients echo it back on PUT, and the server ignores status on create/update anyway.
  const { status: _status, ...rest } = obj as Record<string, unknown>;
  void _status;
  checkObject(rest, defName, def, "", "", ctx);
  return { typeError: ctx.typeError, strict: ctx.strict };
}

/**
 * The strict-decoding field errors the 1.32 API server reports for `fieldValidation=Strict`,
 * e.g. [`unknown field "spec.containers[0].port"`]. A JSON type error, if any, comes first
 * as the only element (decoding stops there).
 */
export function strictDecode(kind: string, apiVersion: string, obj: unknown): string[] {
  const r = decodeCheck(kind, apiVersion, obj);
  if (r.typeError) return [r.typeError];
  return r.strict;
}

/**
 * The BadRequest Status message for a body that cannot be decoded, or undefined:
 * `Pod in version "v1" cannot be handled as a Pod: strict decoding error: unknown field "spec.containers[0].port"`.
 * `version` is the version part of apiVersion, as the server prints it.
 * With fieldValidation=Warn/Ignore pass strict=false: unknown fields are then not errors
 * (use `strictWarnings` for the Warn texts).
 */
export function decodeErrorMessage(kind: string, apiVersion: string, obj: unknown, strict = true): string | undefined {
  const r = decodeCheck(kind, apiVersion, obj);
  const version = apiVersion.includes("/") ? apiVersion.split("/")[1] : apiVersion;
  const head = `${kind} in version "${version}" cannot be handled as a ${kind}: `;
  if (r.typeError) return head + r.typeError;
  if (strict && r.strict.length) return head + "strict decoding error: " + r.strict.join(", ");
  return undefined;
}

/** fieldValidation=Warn: each strict error becomes a warning header text (printed by kubectl as `Warning: unknown field "spec.x"`). */
export function strictWarnings(kind: string, apiVersion: string, obj: unknown): string[] {
  const r = decodeCheck(kind, apiVersion, obj);
  return r.typeError ? [] : r.strict;
}
