// Field errors as apimachinery/pkg/util/validation/field (1.32) builds and prints them.
//   ErrorBody: "<Type>" or "<Type>: <value>" then ": <detail>" when detail is set.
//   Values: strings %q, numbers/bools plain, other values Go %#v (callers pass `valueText`).
//   Required/Forbidden/TooLong/Internal print no value.

export type FieldErrorType =
  | "Required"
  | "Invalid"
  | "Unsupported"
  | "Forbidden"
  | "Duplicate"
  | "TooLong"
  | "TooMany"
  | "NotFound"
  | "Internal";

export interface FieldError {
  type: FieldErrorType;
  field: string;
  /** The bad value (strings, numbers, booleans print as Go does). */
  value?: unknown;
  /** Pre-rendered Go `%#v` text for non-scalar values, e.g. `map[string]string{"app":"x"}`. */
  valueText?: string;
  detail: string;
}

const TYPE_TEXT: Record<FieldErrorType, string> = {
  Required: "Required value",
  Invalid: "Invalid value",
  Unsupported: "Unsupported value",
  Forbidden: "Forbidden",
  Duplicate: "Duplicate value",
  TooLong: "Too long",
  TooMany: "Too many",
  NotFound: "Not found",
  Internal: "Internal error",
};

/** StatusCause.reason values (metav1.CauseType) for each error type. */
export const CAUSE_TYPE: Record<FieldErrorType, string> = {
  Required: "FieldValueRequired",
  Invalid: "FieldValueInvalid",
  Unsupported: "FieldValueNotSupported",
  Forbidden: "FieldValueForbidden",
  Duplicate: "FieldValueDuplicate",
  TooLong: "FieldValueTooLong",
  TooMany: "FieldValueTooMany",
  NotFound: "FieldValueNotFound",
  Internal: "InternalError",
};

/** Go %q for a string (ASCII-printable kept, \" \\ \n \t escaped). */
export function goQuote(s: string): string {
  let out = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (ch === '"') out += '\\"';
    else if (ch === "\\") out += "\\\\";
    else if (ch === "\n") out += "\\n";
    else if (ch === "\t") out += "\\t";
    else if (ch === "\r") out += "\\r";
    else if (c < 0x20 || c === 0x7f) out += "\\x" + c.toString(16).padStart(2, "0");
    else out += ch;
  }
  return out + '"';
}

/** Go %#v of map[string]string (keys sorted, as fmt does). nil map -> `map[string]string(nil)`. */
export function goStringMap(m: Record<string, string> | undefined | null): string {
  if (!m) return "map[string]string(nil)";
  const keys = Object.keys(m).sort();
  return "map[string]string{" + keys.map((k) => `${goQuote(k)}:${goQuote(String(m[k]))}`).join(", ") + "}";
}

/** Go %#v of a *metav1.LabelSelector as field errors print it (pointer dereferenced). */
export function goLabelSelector(sel: any): string {
  if (sel === undefined || sel === null) return "null";
  const ml = sel.matchLabels ? goStringMap(sel.matchLabels) : "map[string]string(nil)";
  let me = "[]v1.LabelSelectorRequirement(nil)";
  if (Array.isArray(sel.matchExpressions)) {
    me =
      "[]v1.LabelSelectorRequirement{" +
      sel.matchExpressions
        .map((r: any) => {
          const vals = Array.isArray(r.values) ? "[]string{" + r.values.map((v: string) => goQuote(String(v))).join(", ") + "}" : "[]string(nil)";
          return `v1.LabelSelectorRequirement{Key:${goQuote(String(r.key ?? ""))}, Operator:${goQuote(String(r.operator ?? ""))}, Values:${vals}}`;
        })
        .join(", ") +
      "}";
  }
  return `v1.LabelSelector{MatchLabels:${ml}, MatchExpressions:${me}}`;
}

/** Go %#v of []string. */
export function goStringSlice(a: string[] | undefined | null): string {
  if (!a) return "[]string(nil)";
  return "[]string{" + a.map((s) => goQuote(String(s))).join(", ") + "}";
}

function renderValue(e: FieldError): string {
  if (e.valueText !== undefined) return e.valueText;
  const v = e.value;
  if (v === undefined || v === null) return "null";
  if (typeof v === "string") return goQuote(v);
  if (typeof v === "number" || typeof v === "boolean" || typeof v === "bigint") return String(v);
  return JSON.stringify(v);
}

/** `Invalid value: "My_Pod": a lowercase RFC 1123 ...` (field.Error.ErrorBody). */
export function errorBody(e: FieldError): string {
  let s: string;
  if (e.type === "Required" || e.type === "Forbidden" || e.type === "TooLong" || e.type === "Internal") s = TYPE_TEXT[e.type];
  else if (e.value === undefined && e.valueText === undefined && e.type === "TooMany") s = TYPE_TEXT[e.type];
  else s = `${TYPE_TEXT[e.type]}: ${renderValue(e)}`;
  if (e.detail) s += `: ${e.detail}`;
  return s;
}

/** `metadata.name: Invalid value: ...` (field.Error.Error). */
export function errorString(e: FieldError): string {
  return `${e.field}: ${errorBody(e)}`;
}

function dedup(errors: FieldError[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const e of errors) {
    const s = errorString(e);
    if (seen.has(s)) continue;
    seen.add(s);
    out.push(s);
  }
  return out;
}

/**
 * What kubectl 1.32 prints for a 422 Invalid (pkg/cmd/util/helpers.go, MultilineError):
 * one error:  `The Pod "x" is invalid: spec.containers[0].image: Required value`
 * several:    `The Pod "x" is invalid: \n* a\n* b`   (no trailing newline here)
 */
export function formatInvalid(kind: string, name: string, errors: FieldError[]): string {
  const head = `The ${kind} ${goQuote(name)} is invalid`;
  const msgs = dedup(errors);
  if (msgs.length === 0) return head;
  if (msgs.length === 1) return `${head}: ${msgs[0]}`;
  return `${head}: \n` + msgs.map((m) => `* ${m}`).join("\n");
}

/**
 * The Status `message` the server sends (errors.NewInvalid): `Deployment.apps "x" is invalid: <aggregate>`,
 * aggregate = the single error, or `[a, b]` for several (duplicates removed).
 * `qualifiedKind` is Kind for core, Kind.group otherwise.
 */
export function statusMessage(qualifiedKind: string, name: string, errors: FieldError[]): string {
  const msgs = dedup(errors);
  const agg = msgs.length === 1 ? msgs[0] : `[${msgs.join(", ")}]`;
  return `${qualifiedKind} ${goQuote(name)} is invalid: ${agg}`;
}

/** Status details.causes as NewInvalid builds them. */
export function statusCauses(errors: FieldError[]): { reason: string; message: string; field: string }[] {
  return errors.map((e) => ({ reason: CAUSE_TYPE[e.type], message: errorBody(e), field: e.field }));
}

// Constructors mirroring field.Required/Invalid/... ------------------------------------------

export const required = (field: string, detail = ""): FieldError => ({ type: "Required", field, detail });
export const invalid = (field: string, value: unknown, detail: string, valueText?: string): FieldError =>
  valueText !== undefined ? { type: "Invalid", field, value, valueText, detail } : { type: "Invalid", field, value, detail };
export const forbidden = (field: string, detail: string): FieldError => ({ type: "Forbidden", field, detail });
export const duplicate = (field: string, value: unknown): FieldError => ({ type: "Duplicate", field, value, detail: "" });
export const notFound = (field: string, value: unknown): FieldError => ({ type: "NotFound", field, value, detail: "" });
export const tooLong = (field: string, maxLength: number): FieldError => ({
  type: "TooLong",
  field,
  detail: maxLength >= 0 ? `may not be more than ${maxLength} ${maxLength === 1 ? "byte" : "bytes"}` : "value is too long",
});
export function notSupported(field: string, value: unknown, valid: string[]): FieldError {
  return { type: "Unsupported", field, value, detail: valid.length ? "supported values: " + valid.map(goQuote).join(", ") : "" };
}

export const FIELD_IMMUTABLE = "field is immutable";
