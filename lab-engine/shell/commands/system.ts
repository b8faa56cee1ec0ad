// System-information coreutils: date, whoami, hostname, uname, id, yes, basename, dirname.
// The workstation is always a Linux amd64 control-plane node running as root, in UTC.

import type { CommandImpl } from "../types.ts";

const DAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
const DAYS_LONG = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
const MONTHS_LONG = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

const p2 = (n: number) => String(n).padStart(2, "0");

/** `date` with no +FORMAT (coreutils and busybox): the day of the month is space-padded. */
export const DEFAULT_DATE_FORMAT = "%a %b %e %H:%M:%S %Z %Y";

/** strftime for GNU date's common conversions, always UTC. */
export function formatDate(ms: number, fmt: string): string {
  const d = new Date(ms);
  const Y = d.getUTCFullYear();
  const m = d.getUTCMonth();
  const day = d.getUTCDate();
  const H = d.getUTCHours();
  const M = d.getUTCMinutes();
  const S = d.getUTCSeconds();
  const w = d.getUTCDay();
  const yday = Math.floor((Date.UTC(Y, m, day) - Date.UTC(Y, 0, 1)) / 86_400_000) + 1;
  return fmt.replace(/%([-_0]?)([a-zA-Z%])/g, (all, pad: string, c: string) => {
    const v = conversion(c);
    if (v === undefined) return all;
    // GNU flags on numeric fields: `-` no padding, `_` spaces, `0` zeros (`%-d` is "1").
    if (!pad || c === "N" || !/^[ 0]*\d+$/.test(v)) return v;
    const digits = v.replace(/^[ 0]+(?=\d)/, "");
    return pad === "-" ? digits : digits.padStart(v.length, pad === "_" ? " " : "0");
  });

  function conversion(c: string): string | undefined {
    switch (c) {
      case "Y": return String(Y);
      case "y": return p2(Y % 100);
      case "m": return p2(m + 1);
      case "d": return p2(day);
      case "e": return String(day).padStart(2);
      case "H": return p2(H);
      case "I": return p2(H % 12 || 12);
      case "M": return p2(M);
      case "S": return p2(S);
      case "N": return String((ms % 1000) * 1_000_000).padStart(9, "0");
      case "s": return String(Math.floor(ms / 1000));
      case "a": return DAYS[w];
      case "A": return DAYS_LONG[w];
      case "b":
      case "h": return MONTHS[m];
      case "B": return MONTHS_LONG[m];
      case "j": return String(yday).padStart(3, "0");
      case "u": return String(w || 7);
      case "w": return String(w);
      case "p": return H < 12 ? "AM" : "PM";
      case "Z": return "UTC";
      case "z": return "+0000";
      case "F": return `${Y}-${p2(m + 1)}-${p2(day)}`;
      case "T": return `${p2(H)}:${p2(M)}:${p2(S)}`;
      case "R": return `${p2(H)}:${p2(M)}`;
      case "D": return `${p2(m + 1)}/${p2(day)}/${p2(Y % 100)}`;
      case "c": return `${DAYS[w]} ${MONTHS[m]} ${String(day).padStart(2)} ${p2(H)}:${p2(M)}:${p2(S)} ${Y}`;
      case "n": return "\n";
      case "t": return "\t";
      case "%": return "%";
    }
    return undefined;
  }
}

export const date: CommandImpl = async (ctx) => {
  let ms = ctx.host.clock.now();
  let fmt = DEFAULT_DATE_FORMAT;
  const args = ctx.argv.slice(1);
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === "-u" || a === "--utc" || a === "-R") {
      if (a === "-R") fmt = "%a, %d %b %Y %H:%M:%S %z";
      continue;
    }
    if (a.startsWith("+")) {
      fmt = a.slice(1);
      continue;
    }
    if (a === "-d" || a === "--date" || a.startsWith("--date=")) {
      const v = a.startsWith("--date=") ? a.slice(7) : args[++i] ?? "";
      const t = v.startsWith("@") ? Number(v.slice(1)) * 1000 : Date.parse(v);
      if (!Number.isFinite(t)) {
        ctx.stderr.write(`date: invalid date '${v}'\n`);
        return 1;
      }
      ms = t;
      continue;
    }
    if (a === "-I" || a === "--iso-8601") {
      fmt = "%F";
      continue;
    }
    ctx.stderr.write(`date: invalid date '${a}'\n`);
    return 1;
  }
  ctx.stdout.write(formatDate(ms, fmt) + "\n");
  return 0;
};

export const whoami: CommandImpl = async (ctx) => {
  ctx.stdout.write((ctx.env.USER ?? "root") + "\n");
  return 0;
};

export const hostname: CommandImpl = async (ctx) => {
  ctx.stdout.write((ctx.env.HOSTNAME ?? "controlplane") + "\n");
  return 0;
};

export const uname: CommandImpl = async (ctx) => {
  const host = ctx.env.HOSTNAME ?? "controlplane";
  const kernel = "5.15.0-126-generic";
  const flags = ctx.argv.slice(1).join("");
  if (flags.includes("a")) ctx.stdout.write(`Linux ${host} ${kernel} #136-Ubuntu SMP Wed Nov 6 10:38:22 UTC 2024 x86_64 x86_64 x86_64 GNU/Linux\n`);
  else {
    const parts: string[] = [];
    if (!flags || flags.includes("s")) parts.push("Linux");
    if (flags.includes("n")) parts.push(host);
    if (flags.includes("r")) parts.push(kernel);
    if (flags.includes("m")) parts.push("x86_64");
    if (flags.includes("o")) parts.push("GNU/Linux");
    ctx.stdout.write(parts.join(" ") + "\n");
  }
  return 0;
};

export const id: CommandImpl = async (ctx) => {
  const user = ctx.env.USER ?? "root";
  const uid = user === "root" ? 0 : 1000;
  const a = ctx.argv[1];
  if (a === "-u") ctx.stdout.write(`${uid}\n`);
  else if (a === "-g") ctx.stdout.write(`${uid}\n`);
  else if (a === "-un" || a === "-nu") ctx.stdout.write(`${user}\n`);
  else ctx.stdout.write(`uid=${uid}(${user}) gid=${uid}(${user}) groups=${uid}(${user})\n`);
  return 0;
};

/** `yes` would never end; pipes are buffered, so it stops after a bounded number of lines. */
export const YES_MAX_LINES = 100_000;
export const yes: CommandImpl = async (ctx) => {
  const line = (ctx.argv.length > 1 ? ctx.argv.slice(1).join(" ") : "y") + "\n";
  const chunk = line.repeat(1000);
  for (let i = 0; i < YES_MAX_LINES / 1000; i++) {
    if (ctx.signal.aborted) return 130;
    ctx.host.charge?.(1);
    ctx.stdout.write(chunk);
    if ((i + 1) * 1000 * line.length > 1024 * 1024 * 3) break;
  }
  return 0;
};

export const basename: CommandImpl = async (ctx) => {
  const [p, suffix] = ctx.argv.slice(1);
  if (p === undefined) {
    ctx.stderr.write("basename: missing operand\nTry 'basename --help' for more information.\n");
    return 1;
  }
  let b = p.replace(/\/+$/, "");
  b = b.slice(b.lastIndexOf("/") + 1) || (p.startsWith("/") ? "/" : "");
  if (suffix && b.endsWith(suffix) && b !== suffix) b = b.slice(0, -suffix.length);
  ctx.stdout.write(b + "\n");
  return 0;
};

export const dirname: CommandImpl = async (ctx) => {
  const p = ctx.argv[1];
  if (p === undefined) {
    ctx.stderr.write("dirname: missing operand\nTry 'dirname --help' for more information.\n");
    return 1;
  }
  const t = p.replace(/\/+$/, "");
  const i = t.lastIndexOf("/");
  ctx.stdout.write((i < 0 ? "." : i === 0 ? "/" : t.slice(0, i)) + "\n");
  return 0;
};
