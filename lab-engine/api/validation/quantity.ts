// Minimal resource.Quantity: parse, compare and canonical String() (apimachinery/pkg/api/resource).
// Values are kept as exact rationals in nano units (bigint) which covers what labs use.

export interface Quantity {
  nano: bigint; // value * 1e9
  format: "DecimalSI" | "BinarySI" | "DecimalExponent";
}

const BIN: Record<string, bigint> = { Ki: 1n << 10n, Mi: 1n << 20n, Gi: 1n << 30n, Ti: 1n << 40n, Pi: 1n << 50n, Ei: 1n << 60n };
const DEC: Record<string, number> = { n: -9, u: -6, m: -3, "": 0, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 };

export function parseQuantity(v: unknown): Quantity | undefined {
  if (typeof v === "number") v = String(v);
  if (typeof v !== "string") return undefined;
  const m = /^([+-]?)([0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:([eE][+-]?[0-9]+)|(Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|M|G|T|P|E))?$/.exec(v);
  if (!m) return undefined;
  const neg = m[1] === "-";
  const [ip, fp = ""] = m[2].split(".");
  // mantissa as integer with fp digits
  const digits = BigInt((ip || "0") + fp);
  let scale = -fp.length; // decimal exponent of digits
  let mult = 1n;
  let format: Quantity["format"] = "DecimalSI";
  if (m[3]) {
    scale += parseInt(m[3].slice(1), 10);
    format = "DecimalExponent";
  } else if (m[4] && BIN[m[4]]) {
    mult = BIN[m[4]];
    format = "BinarySI";
  } else if (m[4] !== undefined) {
    scale += DEC[m[4]];
  }
  // nano = digits * mult * 10^(scale+9), rounded up (Quantity rounds up to nano precision)
  const e = scale + 9;
  let nano: bigint;
  if (e >= 0) nano = digits * mult * 10n ** BigInt(e);
  else {
    const d = 10n ** BigInt(-e);
    const x = digits * mult;
    nano = x / d + (x % d ? 1n : 0n);
  }
  return { nano: neg ? -nano : nano, format };
}

export function cmpQuantity(a: Quantity, b: Quantity): number {
  return a.nano < b.nano ? -1 : a.nano > b.nano ? 1 : 0;
}

/** Canonical Quantity.String(). */
export function quantityString(q: Quantity): string {
  const neg = q.nano < 0n;
  const abs = neg ? -q.nano : q.nano;
  const sign = neg ? "-" : "";
  if (abs === 0n) return "0";
  if (q.format === "BinarySI" && abs % 1_000_000_000n === 0n) {
    const n = abs / 1_000_000_000n;
    const sfx: [string, bigint][] = [["Ei", BIN.Ei], ["Pi", BIN.Pi], ["Ti", BIN.Ti], ["Gi", BIN.Gi], ["Mi", BIN.Mi], ["Ki", BIN.Ki]];
    for (const [s, m] of sfx) if (n % m === 0n) return sign + (n / m).toString() + s;
    return sign + n.toString();
  }
  if (q.format === "BinarySI" && abs < 1_000_000_000n * 1024n) {
    // fractional binary values fall back to DecimalSI
  }
  // DecimalSI (and DecimalExponent rendered in SI form when exact)
  const order: [string, number][] = [["E", 27], ["P", 24], ["T", 21], ["G", 18], ["M", 15], ["k", 12], ["", 9], ["m", 6], ["u", 3], ["n", 0]];
  for (const [s, e] of order) {
    const d = 10n ** BigInt(e);
    if (abs % d === 0n) {
      if (q.format === "DecimalExponent") {
        const exp = e - 9;
        return sign + (abs / d).toString() + (exp === 0 ? "" : "e" + exp);
      }
      return sign + (abs / d).toString() + s;
    }
  }
  return sign + abs.toString() + "n";
}
