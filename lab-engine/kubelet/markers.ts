// Time markers in container output and files, rendered at the instant the line or write
// happened: `date` (busybox/coreutils default format), `date +FORMAT`, nginx/mysql/postgres
// log prefixes.

import { DATE, DATEF } from "./shell-sim.ts";
import { DATE_PG, MYSQL_DATE, MYSQLD_DATE, NGINX_DATE } from "./program.ts";

const DAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
const p2 = (n: number) => String(n).padStart(2, "0");

/** busybox/coreutils `date` in UTC: `Sat Nov 21 22:00:05 UTC 2026`. */
export function unixDate(ms: number): string {
  const d = new Date(ms);
  return `${DAYS[d.getUTCDay()]} ${MONTHS[d.getUTCMonth()]} ${p2(d.getUTCDate())} ${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())} UTC ${d.getUTCFullYear()}`;
}

/** `date +FORMAT` (strftime, UTC). */
export function strftime(fmt: string, ms: number): string {
  const d = new Date(ms);
  return fmt.replace(/%([a-zA-Z%])/g, (m, k: string) => {
    switch (k) {
      case "s": return String(Math.floor(ms / 1000));
      case "Y": return String(d.getUTCFullYear());
      case "y": return p2(d.getUTCFullYear() % 100);
      case "m": return p2(d.getUTCMonth() + 1);
      case "d": return p2(d.getUTCDate());
      case "e": return String(d.getUTCDate()).padStart(2, " ");
      case "H": return p2(d.getUTCHours());
      case "M": return p2(d.getUTCMinutes());
      case "S": return p2(d.getUTCSeconds());
      case "N": return String(Math.floor(ms) % 1000).padStart(3, "0") + "000000";
      case "T": return `${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())}`;
      case "F": return `${d.getUTCFullYear()}-${p2(d.getUTCMonth() + 1)}-${p2(d.getUTCDate())}`;
      case "D": return `${p2(d.getUTCMonth() + 1)}/${p2(d.getUTCDate())}/${p2(d.getUTCFullYear() % 100)}`;
      case "a": return DAYS[d.getUTCDay()];
      case "b": case "h": return MONTHS[d.getUTCMonth()];
      case "Z": return "UTC";
      case "z": return "+0000";
      case "%": return "%";
      default: return m;
    }
  });
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
