// Name, label and annotation checks ([k8s-1.32.1] apimachinery/pkg/util/validation/validation.go,
// apimachinery/pkg/api/validation/objectmeta.go, apimachinery/pkg/apis/meta/v1/validation).
import { type FieldError, invalid, required, forbidden, tooLong, FIELD_IMMUTABLE } from "./field.ts";

export function regexError(msg: string, fmt: string, ...examples: string[]): string {
  if (examples.length === 0) return `${msg} (regex used for validation is '${fmt}')`;
  msg += " (e.g. ";
  examples.forEach((ex, i) => {
    if (i > 0) msg += " or ";
    msg += `'${ex}', `;
  });
  return msg + `regex used for validation is '${fmt}')`;
}

export const maxLenError = (n: number) => `must be no more than ${n} characters`;
export const IS_NEGATIVE_ERROR_MSG = "must be greater than or equal to 0";
export const INCLUSIVE_RANGE = (lo: number, hi: number) => `must be between ${lo} and ${hi}, inclusive`;

const DNS1123_LABEL_FMT = "[a-z0-9]([-a-z0-9]*[a-z0-9])?";
const DNS1123_LABEL_MSG = "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character";
const DNS1123_SUBDOMAIN_FMT = DNS1123_LABEL_FMT + "(\\." + DNS1123_LABEL_FMT + ")*";
const DNS1123_SUBDOMAIN_MSG = "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character";
const DNS1035_LABEL_FMT = "[a-z]([-a-z0-9]*[a-z0-9])?";
const DNS1035_LABEL_MSG = "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character";
const QUALIFIED_NAME_FMT = "([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]";
const QUALIFIED_NAME_MSG = "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";
const LABEL_VALUE_FMT = "(" + QUALIFIED_NAME_FMT + ")?";
const LABEL_VALUE_MSG = "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";

const re = (fmt: string) => new RegExp("^" + fmt + "$");
const DNS1123_LABEL_RE = re(DNS1123_LABEL_FMT);
const DNS1123_SUBDOMAIN_RE = re(DNS1123_SUBDOMAIN_FMT);
const DNS1035_LABEL_RE = re(DNS1035_LABEL_FMT);
const QUALIFIED_NAME_RE = re(QUALIFIED_NAME_FMT);
const LABEL_VALUE_RE = re(LABEL_VALUE_FMT);

export function isDNS1123Label(v: string): string[] {
  const errs: string[] = [];
  if (v.length > 63) errs.push(maxLenError(63));
  if (!DNS1123_LABEL_RE.test(v)) {
    // a valid subdomain that is not a valid label (length already checked): it must be dots
    if (DNS1123_SUBDOMAIN_RE.test(v)) errs.push("must not contain dots");
    else errs.push(regexError(DNS1123_LABEL_MSG, DNS1123_LABEL_FMT, "my-name", "123-abc"));
  }
  return errs;
}

export function isDNS1123Subdomain(v: string): string[] {
  const errs: string[] = [];
  if (v.length > 253) errs.push(maxLenError(253));
  if (!DNS1123_SUBDOMAIN_RE.test(v)) errs.push(regexError(DNS1123_SUBDOMAIN_MSG, DNS1123_SUBDOMAIN_FMT, "example.com"));
  return errs;
}

export function isDNS1035Label(v: string): string[] {
  const errs: string[] = [];
  if (v.length > 63) errs.push(maxLenError(63));
  if (!DNS1035_LABEL_RE.test(v)) errs.push(regexError(DNS1035_LABEL_MSG, DNS1035_LABEL_FMT, "my-name", "abc-123"));
  return errs;
}

export function isQualifiedName(value: string): string[] {
  const errs: string[] = [];
  const parts = value.split("/");
  let name: string;
  if (parts.length === 1) name = parts[0];
  else if (parts.length === 2) {
    const prefix = parts[0];
    name = parts[1];
    if (prefix.length === 0) errs.push("prefix part " + "must be non-empty");
    else for (const m of isDNS1123Subdomain(prefix)) errs.push("prefix part " + m);
  } else {
    return ["a qualified name " + regexError(QUALIFIED_NAME_MSG, QUALIFIED_NAME_FMT, "MyName", "my.name", "123-abc") + " with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')"];
  }
  if (name.length === 0) errs.push("name part " + "must be non-empty");
  else if (name.length > 63) errs.push("name part " + maxLenError(63));
  if (!QUALIFIED_NAME_RE.test(name)) errs.push("name part " + regexError(QUALIFIED_NAME_MSG, QUALIFIED_NAME_FMT, "MyName", "my.name", "123-abc"));
  return errs;
}

export function isValidLabelValue(v: string): string[] {
  const errs: string[] = [];
  if (v.length > 63) errs.push(maxLenError(63));
  if (!LABEL_VALUE_RE.test(v)) errs.push(regexError(LABEL_VALUE_MSG, LABEL_VALUE_FMT, "MyValue", "my_value", "12345"));
  return errs;
}

const IANA_SVC_NAME_FMT = "[-a-z0-9]+";
/** validation.IsValidPortName (container / service port names). */
export function isValidPortName(port: string): string[] {
  const errs: string[] = [];
  if (port.length > 15) errs.push(maxLenError(15));
  if (!/^[-a-z0-9]+$/.test(port)) errs.push("must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)");
  if (!/[a-z]/.test(port)) errs.push("must contain at least one letter (a-z)");
  if (port.includes("--")) errs.push("must not contain consecutive hyphens");
  if (port.length > 0 && (port[0] === "-" || port[port.length - 1] === "-")) errs.push("must not begin or end with a hyphen");
  void IANA_SVC_NAME_FMT;
  return errs;
}

export function isValidPortNum(port: number): string[] {
  if (1 <= port && port <= 65535) return [];
  return [INCLUSIVE_RANGE(1, 65535)];
}

const C_IDENTIFIER_FMT = "[A-Za-z_][A-Za-z0-9_]*";
export function isCIdentifier(v: string): string[] {
  if (re(C_IDENTIFIER_FMT).test(v)) return [];
  return [regexError("a valid C identifier must start with alphabetic character or '_', followed by a string of alphanumeric characters or '_'", C_IDENTIFIER_FMT, "my_name", "MY_NAME", "MyName")];
}

/**
 * IsRelaxedEnvVarName: 1.32 has RelaxedEnvironmentVariableValidation on by default (beta), so any
 * printable ASCII except '=' is accepted.
 */
export function isEnvVarName(v: string): string[] {
  const errs: string[] = [];
  if (v.length === 0) errs.push("environment variable name must be non-empty");
  for (const ch of v) {
    const c = ch.codePointAt(0)!;
    if (c > 0x7e || c < 0x20 || ch === "=") {
      errs.push("a valid environment variable name must consist only of printable ASCII characters other than '='");
      break;
    }
  }
  return errs;
}

const CONFIG_MAP_KEY_FMT = "[-._a-zA-Z0-9]+";
/** IsConfigMapKey (ConfigMap and Secret data keys). */
export function isConfigMapKey(v: string): string[] {
  const errs: string[] = [];
  if (v.length > 253) errs.push(maxLenError(253));
  if (!re(CONFIG_MAP_KEY_FMT).test(v)) errs.push(regexError("a valid config key must consist of alphanumeric characters, '-', '_' or '.'", CONFIG_MAP_KEY_FMT, "key.name", "KEY_NAME", "key-name"));
  if (v === ".") errs.push("must not be '.'");
  else if (v === "..") errs.push("must not be '..'");
  else if (v.startsWith("..")) errs.push("must not start with '..'");
  return errs;
}

// Name validators (path.ValidatePathSegmentName + the DNS checks), one per resource.
export type NameFn = (name: string) => string[];
export const nameIsDNSSubdomain: NameFn = isDNS1123Subdomain;
export const nameIsDNSLabel: NameFn = isDNS1123Label;
export const nameIsDNS1035Label: NameFn = isDNS1035Label;
/** path.IsValidPathSegmentName, used for RBAC names and others ("may not be '.'" ...). */
export const nameIsPathSegment: NameFn = (name) => {
  if (name === "." || name === "..") return [`may not be '${name}'`];
  const errs: string[] = [];
  for (const bad of ["/", "%"]) if (name.includes(bad)) errs.push(`may not contain '${bad}'`);
  return errs;
};

function sortedEntries(m: Record<string, unknown>): [string, unknown][] {
  return Object.keys(m)
    .sort()
    .map((k) => [k, m[k]]);
}

export function validateLabels(labels: Record<string, string> | undefined, field: string): FieldError[] {
  const errs: FieldError[] = [];
  if (!labels) return errs;
  for (const [k, v] of sortedEntries(labels)) {
    for (const m of isQualifiedName(k)) errs.push(invalid(field, k, m));
    for (const m of isValidLabelValue(String(v))) errs.push(invalid(field, String(v), m));
  }
  return errs;
}

const TOTAL_ANNOTATION_SIZE_LIMIT_B = 256 * (1 << 10);
export function validateAnnotations(annotations: Record<string, string> | undefined, field: string): FieldError[] {
  const errs: FieldError[] = [];
  if (!annotations) return errs;
  let size = 0;
  for (const [k, v] of sortedEntries(annotations)) {
    for (const m of isQualifiedName(k.toLowerCase())) errs.push(invalid(field, k, m));
    size += k.length + String(v).length;
  }
  if (size > TOTAL_ANNOTATION_SIZE_LIMIT_B) errs.push(tooLong(field, TOTAL_ANNOTATION_SIZE_LIMIT_B));
  return errs;
}

/** ValidateObjectMeta (create). */
export function validateObjectMeta(meta: any, namespaced: boolean, nameFn: NameFn, path = "metadata"): FieldError[] {
  const errs: FieldError[] = [];
  meta = meta ?? {};
  if (meta.generateName) {
    for (const m of nameFn(meta.generateName.replace(/-$/, "") || "a")) errs.push(invalid(`${path}.generateName`, meta.generateName, m));
  }
  if (!meta.name) errs.push(required(`${path}.name`, "name or generateName is required"));
  else for (const m of nameFn(meta.name)) errs.push(invalid(`${path}.name`, meta.name, m));
  if (namespaced) {
    if (!meta.namespace) errs.push(required(`${path}.namespace`));
    else for (const m of isDNS1123Label(meta.namespace)) errs.push(invalid(`${path}.namespace`, meta.namespace, m));
  } else if (meta.namespace) {
    errs.push(forbidden(`${path}.namespace`, "not allowed on this type"));
  }
  if (meta.generation !== undefined && meta.generation < 0) errs.push(invalid(`${path}.generation`, meta.generation, IS_NEGATIVE_ERROR_MSG));
  errs.push(...validateLabels(meta.labels, `${path}.labels`));
  errs.push(...validateAnnotations(meta.annotations, `${path}.annotations`));
  if (Array.isArray(meta.finalizers)) {
    meta.finalizers.forEach((f: string, i: number) => {
      for (const m of isQualifiedName(f)) errs.push(invalid(`${path}.finalizers[${i}]`, f, m));
    });
  }
  return errs;
}

/** ValidateObjectMetaUpdate: name/namespace/uid/creationTimestamp immutable + create checks on labels/annotations. */
export function validateObjectMetaUpdate(meta: any, old: any, path = "metadata"): FieldError[] {
  const errs: FieldError[] = [];
  meta = meta ?? {};
  old = old ?? {};
  const imm = (f: string) => {
    if ((meta[f] ?? "") !== (old[f] ?? "")) errs.push(invalid(`${path}.${f}`, meta[f] ?? "", FIELD_IMMUTABLE));
  };
  imm("name");
  imm("namespace");
  imm("uid");
  errs.push(...validateLabels(meta.labels, `${path}.labels`));
  errs.push(...validateAnnotations(meta.annotations, `${path}.annotations`));
  return errs;
}
