// Time and duration formatting copied from the Go/Kubernetes functions kubectl uses, so
// AGE columns, describe dates and event messages print byte-for-byte like real kubectl.

/** apimachinery `duration.HumanDuration` (AGE, LAST SEEN, describe ages). */
export function humanDuration(ms: number): string {
  const seconds = Math.trunc(ms / 1000); // Go: int(d.Seconds()) truncates toward zero
  if (seconds < -1) return "<invalid>";
  if (seconds < 0) return "0s";
  if (seconds < 60 * 2) return `${seconds}s`;
  const minutes = Math.floor(ms / 60000);
  if (minutes < 10) {
    const s = Math.floor(ms / 1000) % 60;
    return s === 0 ? `${minutes}m` : `${minutes}m${s}s`;
  }
  if (minutes < 60 * 3) return `${minutes}m`;
  const hours = Math.floor(ms / 3600000);
  if (hours < 8) {
    const m = minutes % 60;
    return m === 0 ? `${hours}h` : `${hours}h${m}m`;
  }
  if (hours < 48) return `${hours}h`;
  if (hours < 24 * 8) {
    const h = hours % 24;
    return h === 0 ? `${Math.floor(hours / 24)}d` : `${Math.floor(hours / 24)}d${h}h`;
  }
  if (hours < 24 * 365 * 2) return `${Math.floor(hours / 24)}d`;
  if (hours < 24 * 365 * 8) {
    const dy = Math.floor(hours / 24) % 365;
    const y = Math.floor(hours / 24 / 365);
    return dy === 0 ? `${y}y` : `${y}y${dy}d`;
  }
  return `${Math.floor(hours / 24 / 365)}y`;
}

/** apimachinery `duration.ShortHumanDuration` (coarser: one unit only). */
export function shortHumanDuration(ms: number): string {
  const seconds = Math.trunc(ms / 1000);
  if (seconds < -1) return "<invalid>";
  if (seconds < 0) return "0s";
  if (seconds < 60) return `${seconds}s`;
  const minutes = Math.trunc(ms / 60000);
  if (minutes < 60) return `${minutes}m`;
  const hours = Math.trunc(ms / 3600000);
  if (hours < 24) return `${hours}h`;
  if (hours < 24 * 365) return `${Math.trunc(hours / 24)}d`;
  return `${Math.trunc(ms / 3600000 / 24 / 365)}y`;
}

// Date.parse is a noticeable share of a 200-row `kubectl get`; the same creation timestamps are
// printed again and again, so remember them (bounded: cleared when it grows large).
const parsed = new Map<string, number>();
function parseTimestamp(ts: string): number {
  let t = parsed.get(ts);
  if (t === undefined) {
    if (parsed.size > 20000) parsed.clear();
    t = Date.parse(ts);
    parsed.set(ts, t);
  }
  return t;
}

/** `translateTimestampSince`: `<unknown>` for a missing timestamp, else humanDuration. */
export function ageSince(timestamp: string | undefined | null, nowMs: number): string {
  if (!timestamp) return "<unknown>";
  const t = parseTimestamp(timestamp);
  if (Number.isNaN(t)) return "<unknown>";
  return humanDuration(nowMs - t);
}

function msToNanos(ms: number): bigint {
  const whole = Math.trunc(ms);
  return BigInt(whole) * 1000000n + BigInt(Math.round((ms - whole) * 1e6));
}

/** Go `time.Duration.String()` for a duration given in (possibly fractional) milliseconds. */
export function goDuration(ms: number): string {
  return goDurationNanos(msToNanos(ms));
}

/** Go `time.Duration.String()` for nanoseconds. */
export function goDurationNanos(ns: bigint): string {
  if (ns === 0n) return "0s";
  const neg = ns < 0n;
  let u = neg ? -ns : ns;
  const sign = neg ? "-" : "";
  if (u < 1000000000n) {
    // sub-second: largest unit among ns, µs, ms with a fraction
    if (u < 1000n) return `${sign}${u}ns`;
    if (u < 1000000n) return `${sign}${fmtFrac(u, 3)}µs`;
    return `${sign}${fmtFrac(u, 6)}ms`;
  }
  let out = `${fmtFrac(u % 60000000000n, 9)}s`;
  u /= 60000000000n; // minutes
  if (u > 0n) {
    out = `${u % 60n}m` + out;
    u /= 60n;
    if (u > 0n) out = `${u}h` + out;
  }
  return sign + out;
}

// v / 10^prec with trailing zeros of the fraction removed (Go fmtFrac + fmtInt).
function fmtFrac(v: bigint, prec: number): string {
  const p = 10n ** BigInt(prec);
  const int = v / p;
  let frac = (v % p).toString().padStart(prec, "0").replace(/0+$/, "");
  return frac ? `${int}.${frac}` : `${int}`;
}

const unitNanos: Record<string, number> = {
  ns: 1, us: 1e3, "µs": 1e3, "μs": 1e3, ms: 1e6, s: 1e9, m: 60e9, h: 3600e9,
};

function goQuote(s: string): string {
  return JSON.stringify(s);
}

/**
 * Go `time.ParseDuration`; returns milliseconds. Throws Error with Go's message
 * (`time: invalid duration "x"`, `time: unknown unit "x" in duration "5x"`,
 * `time: missing unit in duration "5"`).
 */
export function parseGoDuration(s: string): number {
  const orig = s;
  let neg = false;
  if (s !== "" && (s[0] === "-" || s[0] === "+")) {
    neg = s[0] === "-";
    s = s.slice(1);
  }
  if (s === "0") return 0;
  if (s === "") throw new Error(`time: invalid duration ${goQuote(orig)}`);
  let total = 0;
  while (s !== "") {
    const m = /^([0-9]*)(\.[0-9]*)?/.exec(s)!;
    const intPart = m[1];
    const fracPart = m[2] ?? "";
    if (intPart === "" && fracPart.length <= 1) throw new Error(`time: invalid duration ${goQuote(orig)}`);
    s = s.slice(m[0].length);
    const um = /^[^0-9.]*/.exec(s)!;
    const unit = um[0];
    if (unit === "") throw new Error(`time: missing unit in duration ${goQuote(orig)}`);
    const mult = unitNanos[unit];
    if (mult === undefined) throw new Error(`time: unknown unit ${goQuote(unit)} in duration ${goQuote(orig)}`);
    s = s.slice(unit.length);
    total += Number(`${intPart || "0"}${fracPart === "." ? "" : fracPart}`) * mult;
  }
  const ms = total / 1e6;
  return neg ? -ms : ms;
}

const DAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
const p2 = (n: number) => String(n).padStart(2, "0");

/** Go `time.RFC1123Z` in UTC, as describe prints dates: `Sat, 21 Nov 2026 22:09:53 +0000`. */
export function rfc1123z(ms: number): string {
  const d = new Date(ms);
  return `${DAYS[d.getUTCDay()]}, ${p2(d.getUTCDate())} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()} ` +
    `${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())} +0000`;
}

/** metav1.Time JSON form (RFC3339, second precision, UTC): `2026-11-21T22:09:53Z`. */
export function rfc3339(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace(".000Z", "Z");
}

/** metav1.MicroTime JSON form (`eventTime`): `2026-11-21T22:09:53.123456Z`. */
export function rfc3339Micro(ms: number): string {
  const iso = new Date(Math.floor(ms)).toISOString(); // ...T22:09:53.123Z
  const micros = String(Math.floor((ms - Math.floor(ms / 1000) * 1000) * 1000)).padStart(6, "0");
  return `${iso.slice(0, 19)}.${micros}Z`;
}
