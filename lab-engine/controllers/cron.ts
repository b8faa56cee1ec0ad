// Cron schedules as the CronJob controller reads them (robfig/cron v3 standard parser): five
// fields (minute hour day-of-month month day-of-week) with lists, ranges, steps, names and `?`,
// the @yearly/@monthly/@weekly/@daily/@hourly descriptors, evaluated in an IANA time zone.

export interface Schedule {
  minute: Set<number>;
  hour: Set<number>;
  dom: Set<number>;
  month: Set<number>;
  dow: Set<number>;
  /** robfig: when either day field is `*`, both must match; otherwise either may. */
  domStar: boolean;
  dowStar: boolean;
}

const MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];
const DAYS = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"];

const DESCRIPTORS: Record<string, string> = {
  "@yearly": "0 0 1 1 *",
  "@annually": "0 0 1 1 *",
  "@monthly": "0 0 1 * *",
  "@weekly": "0 0 * * 0",
  "@daily": "0 0 * * *",
  "@midnight": "0 0 * * *",
  "@hourly": "0 * * * *",
};

function parseValue(s: string, names: string[] | undefined, offset: number): number {
  const i = names ? names.indexOf(s.toLowerCase()) : -1;
  if (i >= 0) return i + offset;
  if (!/^\d+$/.test(s)) throw new Error(`failed to parse int from ${s}: strconv.Atoi: parsing "${s}": invalid syntax`);
  return Number(s);
}

function parseField(field: string, min: number, max: number, names?: string[], nameOffset = 0): { set: Set<number>; star: boolean } {
  const set = new Set<number>();
  let star = false;
  for (const part of field.split(",")) {
    const [rangePart, stepPart] = part.split("/");
    let lo: number;
    let hi: number;
    if (rangePart === "*" || rangePart === "?") {
      lo = min;
      hi = max;
      if (stepPart === undefined) star = true;
    } else {
      const [a, b] = rangePart.split("-");
      lo = parseValue(a, names, nameOffset);
      hi = b !== undefined ? parseValue(b, names, nameOffset) : stepPart !== undefined ? max : lo;
    }
    const step = stepPart !== undefined ? Number(stepPart) : 1;
    if (!Number.isInteger(step) || step <= 0) throw new Error(`step of range should be a positive number: ${part}`);
    if (lo < min) throw new Error(`beginning of range (${lo}) below minimum (${min}): ${part}`);
    if (hi > max) throw new Error(`end of range (${hi}) above maximum (${max}): ${part}`);
    if (lo > hi) throw new Error(`beginning of range (${lo}) beyond end of range (${hi}): ${part}`);
    for (let v = lo; v <= hi; v += step) set.add(v);
  }
  return { set, star };
}

export function parseSchedule(text: string): Schedule {
  let s = text.trim();
  if (s.startsWith("TZ=") || s.startsWith("CRON_TZ=")) s = s.slice(s.indexOf(" ") + 1).trim();
  s = DESCRIPTORS[s] ?? s;
  const f = s.split(/\s+/);
  if (f.length !== 5) throw new Error(`expected exactly 5 fields, found ${f.length}: ${text}`);
  const dom = parseField(f[2], 1, 31);
  const dow = parseField(f[4], 0, 7, DAYS);
  // 7 means Sunday too.
  if (dow.set.has(7)) {
    dow.set.delete(7);
    dow.set.add(0);
  }
  return {
    minute: parseField(f[0], 0, 59).set,
    hour: parseField(f[1], 0, 23).set,
    dom: dom.set,
    month: parseField(f[3], 1, 12, MONTHS, 1).set,
    dow: dow.set,
    domStar: dom.star,
    dowStar: dow.star,
  };
}

const fmtCache = new Map<string, Intl.DateTimeFormat>();

/** Offset (ms) of `tz` at UTC instant `t`: local wall time = t + offset. */
export function tzOffset(tz: string | undefined, t: number): number {
  if (!tz || tz === "UTC" || tz === "Etc/UTC") return 0;
  let fmt = fmtCache.get(tz);
  if (!fmt) {
    fmt = new Intl.DateTimeFormat("en-US", { timeZone: tz, hourCycle: "h23", year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", second: "2-digit" });
    fmtCache.set(tz, fmt);
  }
  const parts: Record<string, number> = {};
  for (const p of fmt.formatToParts(new Date(t))) if (p.type !== "literal") parts[p.type] = Number(p.value);
  const local = Date.UTC(parts.year, parts.month - 1, parts.day, parts.hour % 24, parts.minute, parts.second);
  return local - Math.floor(t / 1000) * 1000;
}

export function isValidTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

function dayMatches(s: Schedule, d: Date): boolean {
  const domOk = s.dom.has(d.getUTCDate());
  const dowOk = s.dow.has(d.getUTCDay());
  return s.domStar || s.dowStar ? domOk && dowOk : domOk || dowOk;
}

/** The first scheduled instant strictly after `t` (UTC ms), or undefined within ~5 years. */
export function nextAfter(s: Schedule, t: number, tz?: string): number | undefined {
  // Search in local wall-clock time (as a UTC-based number), then map back.
  const off0 = tzOffset(tz, t);
  let local = Math.floor((t + off0) / 60_000) * 60_000 + 60_000;
  const limit = local + 5 * 366 * 86_400_000;
  while (local < limit) {
    const d = new Date(local);
    if (!s.month.has(d.getUTCMonth() + 1)) {
      local = Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1);
      continue;
    }
    if (!dayMatches(s, d)) {
      local = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate() + 1);
      continue;
    }
    if (!s.hour.has(d.getUTCHours())) {
      local = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate(), d.getUTCHours() + 1);
      continue;
    }
    if (!s.minute.has(d.getUTCMinutes())) {
      local += 60_000;
      continue;
    }
    // Back to UTC with the offset in force at that moment.
    let utc = local - tzOffset(tz, local - off0);
    utc = local - tzOffset(tz, utc);
    if (utc > t) return utc;
    local += 60_000;
  }
  return undefined;
}
