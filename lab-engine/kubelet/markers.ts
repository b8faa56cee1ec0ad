// Time markers in container output and files, rendered at the instant the line or write
// happened: `date` (busybox/coreutils default format), `date +FORMAT`, nginx/mysql/postgres
// log prefixes.

import { DATE, DATEF } from "./shell-sim.ts";
import { DATE_PG, MYSQL_DATE, MYSQLD_DATE, NGINX_DATE } from "./program.ts";
import { DEFAULT_DATE_FORMAT, formatDate } from "../shell/commands/system.ts";

const p2 = (n: number) => String(n).padStart(2, "0");

/** `date` with no format, as busybox and coreutils print it in UTC: `Sun Nov  1 05:00:00 UTC 2026`. */
export function unixDate(ms: number): string {
  return formatDate(ms, DEFAULT_DATE_FORMAT);
}

/** `date +FORMAT` inside a container: the terminal's own `date` formatting (UTC). */
export function strftime(fmt: string, ms: number): string {
  return formatDate(ms, fmt);
}

/** Replace the markers in `text` by the time `ms` they stand for. */
export function renderMarkers(text: string, ms: number): string {
  if (!text.includes("\u0001")) return text;
  const d = new Date(ms);
  const ymd = `${d.getUTCFullYear()}-${p2(d.getUTCMonth() + 1)}-${p2(d.getUTCDate())}`;
  const hms = `${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())}`;
  let out = text;
  if (out.includes(DATEF)) out = out.replace(/\u0001datef:([^\u0001]*)\u0001/g, (_m, f: string) => strftime(f, ms));
  return out
    .split(DATE).join(unixDate(ms))
    .split(NGINX_DATE).join(`${ymd.replace(/-/g, "/")} ${hms}`)
    .split(MYSQL_DATE).join(`${ymd} ${hms}+00:00`)
    .split(MYSQLD_DATE).join(`${ymd}T${hms}.${String(Math.floor(ms) % 1000).padStart(3, "0")}${String((Math.floor(ms) * 7919) % 1000).padStart(3, "0")}Z`)
    .split(DATE_PG).join(`${ymd} ${hms}.${String(ms % 1000).padStart(3, "0")} UTC`);
}
