// ls: -l -a -A -1 -R -d -h -t -r. Output in columns is simplified to one line of names
// separated by two spaces (what most narrow listings look like), `-1` and pipes one per line.

import type { CommandImpl, FileSystem, FsEntry } from "../types.ts";
import { parseFlags } from "./files.ts";
import { utf8Length } from "../vfs.ts";

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

function modeString(e: FsEntry): string {
  const m = e.mode ?? (e.type === "dir" ? 0o755 : 0o644);
  let s = e.type === "dir" ? "d" : "-";
  for (let shift = 6; shift >= 0; shift -= 3) {
    const b = (m >> shift) & 7;
    s += (b & 4 ? "r" : "-") + (b & 2 ? "w" : "-") + (b & 1 ? "x" : "-");
  }
  return s;
}

function lsDate(ms: number, now: number): string {
  const d = new Date(ms);
  const mon = MONTHS[d.getUTCMonth()];
  const day = String(d.getUTCDate()).padStart(2);
  const recent = Math.abs(now - ms) < 182 * 86_400_000;
  const tail = recent ? `${String(d.getUTCHours()).padStart(2, "0")}:${String(d.getUTCMinutes()).padStart(2, "0")}` : ` ${d.getUTCFullYear()}`;
  return `${mon} ${day} ${tail}`;
}

function size(fs: FileSystem, path: string, e: FsEntry): number {
  return e.type === "dir" ? 4096 : utf8Length(e.content ?? "");
}

function human(n: number): string {
  if (n < 1024) return String(n);
  const units = ["K", "M", "G"];
  let v = n;
  let i = -1;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return (v < 10 ? Math.ceil(v * 10) / 10 : Math.ceil(v)).toString() + units[i];
}

export const ls: CommandImpl = async (ctx) => {
  const { flags, operands } = parseFlags(ctx.argv);
  const all = flags.has("a") || flags.has("--all");
  const almost = flags.has("A");
  const long = flags.has("l");
  const one = flags.has("1") || !ctx.stdoutIsTTY;
  const recursive = flags.has("R");
  const dirOnly = flags.has("d");
  const hum = flags.has("h");
  const now = ctx.host.clock.now();
  const home = ctx.env.HOME ?? "/root";
  let status = 0;

  const targets = operands.length ? operands : ["."];
  const files: string[] = [];
  const dirs: string[] = [];
  for (const t of targets) {
    const st = ctx.fs.stat(ctx.fs.resolve(ctx.cwd, t, home));
    if (!st) {
      ctx.stderr.write(`ls: cannot access '${t}': No such file or directory\n`);
      status = 2;
    } else if (st.type === "dir" && !dirOnly) dirs.push(t);
    else files.push(t);
  }

  const render = (base: string, names: string[]): string => {
    if (!names.length) return long ? "total 0\n" : "";
    if (!long) return one ? names.map((n) => n + "\n").join("") : columns(names, Number(ctx.env.COLUMNS) || 80);
    const rows = names.map((n) => {
      const p = ctx.fs.resolve(ctx.cwd, base ? (n === "." || n === ".." ? base + "/" + n : base + "/" + n) : n, home);
      const e = ctx.fs.stat(p) ?? { type: "dir" as const, mtime: now };
      const sz = size(ctx.fs, p, e);
      return { mode: modeString(e), links: e.type === "dir" ? "2" : "1", size: hum ? human(sz) : String(sz), date: lsDate(e.mtime, now), name: n };
    });
    const w = Math.max(...rows.map((r) => r.size.length));
    const blocks = rows.reduce((acc, r) => acc + (r.mode[0] === "d" ? 4 : Math.ceil(Number(r.size.replace(/\D.*/, "")) / 4096) * 4), 0);
    return (base ? `total ${blocks}\n` : "") + rows.map((r) => `${r.mode} ${r.links} root root ${r.size.padStart(w)} ${r.date} ${r.name}\n`).join("");
  };

  const sortNames = (names: string[], dir: string) => {
    if (flags.has("t")) {
      names.sort((a, b) => (ctx.fs.stat(ctx.fs.resolve(ctx.cwd, dir + "/" + b, home))?.mtime ?? 0) - (ctx.fs.stat(ctx.fs.resolve(ctx.cwd, dir + "/" + a, home))?.mtime ?? 0));
    }
    if (flags.has("r")) names.reverse();
    return names;
  };

  let out = "";
  if (files.length) out += render("", sortNames(files.sort(), "."));
  const showHeader = targets.length > 1 || recursive;
  const listDir = (d: string, first: boolean) => {
    const p = ctx.fs.resolve(ctx.cwd, d, home);
    let names = ctx.fs.readdir(p).filter((n) => all || almost || !n.startsWith("."));
    if (all) names = [".", "..", ...names];
    names = sortNames(names, d);
    if (showHeader) out += `${first && !files.length ? "" : "\n"}${d}:\n`;
    out += render(d, names);
    if (recursive) {
      for (const n of names) {
        if (n === "." || n === "..") continue;
        const child = d === "/" ? "/" + n : d + "/" + n;
        if (ctx.fs.stat(ctx.fs.resolve(ctx.cwd, child, home))?.type === "dir") listDir(child, false);
      }
    }
  };
  dirs.sort().forEach((d, i) => listDir(d, i === 0));
  ctx.stdout.write(out);
  return status;
};

/** GNU ls's vertical columns: the most columns that fit the width, filled top to bottom. */
export function columns(names: string[], width: number): string {
  const n = names.length;
  for (let cols = Math.min(n, Math.max(1, Math.floor(width / 3))); cols >= 1; cols--) {
    const rows = Math.ceil(n / cols);
    const used = Math.ceil(n / rows);
    if (used !== cols && cols > 1) continue;
    const widths: number[] = [];
    for (let c = 0; c < used; c++) {
      let w = 0;
      for (let r = 0; r < rows && c * rows + r < n; r++) w = Math.max(w, names[c * rows + r].length);
      widths.push(w);
    }
    const total = widths.reduce((a, w) => a + w, 0) + 2 * (used - 1);
    if (total >= width && cols > 1) continue;
    let out = "";
    for (let r = 0; r < rows; r++) {
      let line = "";
      for (let c = 0; c < used; c++) {
        const i = c * rows + r;
        if (i >= n) break;
        const last = c === used - 1 || (c + 1) * rows + r >= n;
        line += last ? names[i] : names[i].padEnd(widths[c] + 2);
      }
      out += line + "\n";
    }
    return out;
  }
  return names.join("\n") + "\n";
}
