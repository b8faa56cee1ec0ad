// Kubernetes resource.Quantity: parsing and the canonical string form the API server
// stores (a Quantity is re-serialised with q.String(), so "0.5" comes back as "500m").
// Values are exact: kept as BigInt nano-units, rounded up at 1n like ParseQuantity.
//
// Canonical form rules implemented (apimachinery quantity.go CanonicalizeBytes):
// - the suffix class of the input is kept: BinarySI (Ki..Ei), DecimalSI (n u m "" k M G T P E)
//   or DecimalExponent (e3, E6);
// - BinarySI values with |v| < 1024 or a fractional part print as DecimalSI ("0.5Ki" → "512");
//   larger ones use the largest power of 1024 with an integer mantissa
//   ("1024Mi" → "1Gi", "1000Mi" stays, "1.5Ki" → "1536");
// - otherwise the largest exponent that keeps an integer mantissa is chosen
//   ("1000m" → "1", "1500m" stays, "0.1" → "100m", "1e3" → "1e3", "1000e3" → "1e6").

export type QuantityFormat = "DecimalSI" | "BinarySI" | "DecimalExponent";

export interface Quantity {
  /** value × 10^9, rounded up (ceil) like ParseQuantity's nano precision */
  nanos: bigint;
  format: QuantityFormat;
}

export const QUANTITY_FORMAT_ERROR =
  "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";
export const QUANTITY_SUFFIX_ERROR = "unable to parse quantity's suffix";

const NANO = 1000000000n;
const decimalSuffix: Record<string, number> = { n: -9, u: -6, m: -3, "": 0, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 };
const binarySuffix: Record<string, number> = { Ki: 10, Mi: 20, Gi: 30, Ti: 40, Pi: 50, Ei: 60 };

function ceilDiv(a: bigint, b: bigint): bigint {
  const q = a / b;
  return a % b !== 0n && (a > 0n) === (b > 0n) ? q + 1n : q;
}

/** resource.ParseQuantity. Throws Error with the apimachinery message on bad input. */
export function parseQuantity(str: string): Quantity {
  const s = str.trim() === str ? str : "";
  const m = /^([+-]?)([0-9]*)(?:\.([0-9]*))?(.*)$/.exec(s);
  if (!s || !m || (m[2] === "" && (m[3] ?? "") === "")) throw new Error(QUANTITY_FORMAT_ERROR);
  const [, sign, intDigits, fracDigits = "", suffix] = m;
  if (!/^[eEinumkKMGTP]*[-+]?[0-9]*$/.test(suffix)) throw new Error(QUANTITY_FORMAT_ERROR);
  let format: QuantityFormat;
  let base10 = 0;
  let base2 = 0;
  if (suffix in binarySuffix) {
    format = "BinarySI";
    base2 = binarySuffix[suffix];
  } else if (suffix in decimalSuffix) {
    format = "DecimalSI";
    base10 = decimalSuffix[suffix];
  } else if (/^[eE][-+]?[0-9]+$/.test(suffix)) {
    format = "DecimalExponent";
    base10 = Number(suffix.slice(1));
  } else {
    throw new Error(QUANTITY_SUFFIX_ERROR);
  }
  // mantissa = digits / 10^len(frac)
  let num = BigInt((intDigits || "0") + fracDigits);
  let den = 10n ** BigInt(fracDigits.length);
  num *= NANO * (1n << BigInt(base2));
  if (base10 >= 0) num *= 10n ** BigInt(base10);
  else den *= 10n ** BigInt(-base10);
  let nanos = ceilDiv(num, den);
  if (sign === "-") nanos = -nanos;
  return { nanos, format };
}

/** True if `s` parses as a quantity. */
export function isQuantity(s: string): boolean {
  try { parseQuantity(s); return true; } catch { return false; }
}

/** Canonical string (Quantity.String()). */
export function formatQuantity(q: Quantity): string {
  if (q.nanos === 0n) return "0";
  const neg = q.nanos < 0n;
  const abs = neg ? -q.nanos : q.nanos;
  const sign = neg ? "-" : "";
  let format = q.format;
  if (format === "BinarySI") {
    if (abs < 1024n * NANO || abs % NANO !== 0n) format = "DecimalSI";
  }
  if (format === "BinarySI") {
    let v = abs / NANO;
    let exp = 0;
    while (exp < 60 && v % 1024n === 0n) { v /= 1024n; exp += 10; }
    const suf = Object.keys(binarySuffix).find((k) => binarySuffix[k] === exp) ?? "";
    return `${sign}${v}${suf}`;
  }
  // decimal: value = abs × 10^-9; find the largest exponent (multiple of 3) with an integer mantissa
  let mant = abs;
  let exp = -9;
  while (exp < 18 && mant % 1000n === 0n) { mant /= 1000n; exp += 3; }
  if (format === "DecimalExponent") return exp === 0 ? `${sign}${mant}` : `${sign}${mant}e${exp}`;
  const suf = Object.keys(decimalSuffix).find((k) => decimalSuffix[k] === exp)!;
  return `${sign}${mant}${suf}`;
}

/** Parse then print canonically: "0.5" → "500m", "1024Mi" → "1Gi". */
export function canonicalQuantity(s: string): string {
  return formatQuantity(parseQuantity(s));
}

/** Quantity.MilliValue(): rounds up. Used for cpu (millicores). */
export function milliValue(q: Quantity | string): number {
  const x = typeof q === "string" ? parseQuantity(q) : q;
  return Number(ceilDiv(x.nanos, 1000000n));
}

/** Quantity.Value(): rounds up. Used for memory (bytes) and counts. */
export function value(q: Quantity | string): number {
  const x = typeof q === "string" ? parseQuantity(q) : q;
  return Number(ceilDiv(x.nanos, NANO));
}

/** Convenience: cpu quantity → millicores ("100m" → 100, "1" → 1000); undefined/"" → 0. */
export function cpuMillis(s: string | undefined): number {
  return s ? milliValue(s) : 0;
}

/** Convenience: memory quantity → bytes ("64Mi" → 67108864); undefined/"" → 0. */
export function memoryBytes(s: string | undefined): number {
  return s ? value(s) : 0;
}

export function addQuantities(a: Quantity, b: Quantity): Quantity {
  return { nanos: a.nanos + b.nanos, format: a.nanos === 0n ? b.format : a.format };
}

export function quantityFromMillis(millis: number, format: QuantityFormat = "DecimalSI"): Quantity {
  return { nanos: BigInt(Math.round(millis)) * 1000000n, format };
}

export function quantityFromValue(v: number, format: QuantityFormat = "BinarySI"): Quantity {
  return { nanos: BigInt(Math.round(v)) * NANO, format };
}

/**
 * describe node "Allocated resources" percent: int64(float64(req.MilliValue()) /
 * float64(alloc.MilliValue()) * 100), truncated toward zero; 0 when allocatable is 0.
 */
export function percentOf(reqMilli: number, allocMilli: number): number {
  if (!allocMilli) return 0;
  return Math.trunc((reqMilli / allocMilli) * 100);
}

/** `kubectl top` cpu cell: `"%vm"` of MilliValue. */
export function topCpu(millis: number): string {
  return `${millis}m`;
}

/** `kubectl top` memory cell: `"%vMi"` of Value()/(1024*1024), integer division. */
export function topMemory(bytes: number): string {
  return `${Math.floor(bytes / (1024 * 1024))}Mi`;
}
