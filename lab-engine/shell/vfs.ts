// The workstation's file system: a flat map from absolute path to entry, so a snapshot is plain
// JSON and restore is exact. Sizes are capped because learners can write loops that fill it.

import { FsError, type FileSystem, type FsEntry } from "./types.ts";

export const MAX_FILE_BYTES = 1024 * 1024;
export const MAX_TOTAL_BYTES = 16 * 1024 * 1024;

export interface VirtualFSData {
  entries: Record<string, FsEntry>;
}

/** UTF-8 byte length without TextEncoder (not in the engine's typings). */
export function utf8Length(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

/** Normalise an absolute path: collapse `//`, `.`, `..` (`..` at root stays at root). */
export function normalizePath(p: string): string {
  const out: string[] = [];
  for (const seg of p.split("/")) {
    if (seg === "" || seg === ".") continue;
    if (seg === "..") out.pop();
    else out.push(seg);
  }
  return "/" + out.join("/");
}

export function dirname(p: string): string {
  const i = p.lastIndexOf("/");
  return i <= 0 ? "/" : p.slice(0, i);
}

export function basename(p: string): string {
  return p.slice(p.lastIndexOf("/") + 1);
}

export class VirtualFS implements FileSystem {
  private entries: Map<string, FsEntry>;
  private total = 0;

  constructor(
    private readonly now: () => number,
    data?: VirtualFSData,
  ) {
    this.entries = new Map(Object.entries(data?.entries ?? {}));
    if (!this.entries.has("/")) this.entries.set("/", { type: "dir", mode: 0o755, mtime: now() });
    for (const e of this.entries.values()) if (e.type === "file") this.total += utf8Length(e.content ?? "");
  }

  static fromJSON(data: unknown, now: () => number = () => 0): VirtualFS {
    return new VirtualFS(now, (data as VirtualFSData | undefined) ?? undefined);
  }

  /** A fresh workstation: the directories a learner expects to exist. */
  static withDefaults(now: () => number, home = "/root"): VirtualFS {
    const fs = new VirtualFS(now);
    for (const d of [home, "/tmp", "/etc", "/usr/bin", "/usr/local/bin", "/var/log"]) fs.mkdir(d, { parents: true });
    return fs;
  }

  toJSON(): VirtualFSData {
    const entries: Record<string, FsEntry> = {};
    for (const k of [...this.entries.keys()].sort()) entries[k] = { ...this.entries.get(k)! };
    return { entries };
  }

  resolve(cwd: string, path: string, home = "/root"): string {
    if (path === "~" || path.startsWith("~/")) path = home + path.slice(1);
    return normalizePath(path.startsWith("/") ? path : cwd + "/" + path);
  }

  exists(path: string): boolean {
    return this.entries.has(normalizePath(path));
  }

  stat(path: string): FsEntry | undefined {
    const e = this.entries.get(normalizePath(path));
    return e ? { ...e } : undefined;
  }

  readFile(path: string): string {
    const p = normalizePath(path);
    const e = this.entries.get(p);
    if (!e) {
      this.parentDir(p);
      throw new FsError("ENOENT", path);
    }
    if (e.type === "dir") throw new FsError("EISDIR", path);
    return e.content ?? "";
  }

  writeFile(path: string, content: string, opts?: { append?: boolean }): void {
    const p = normalizePath(path);
    this.parentDir(p);
    const e = this.entries.get(p);
    if (e?.type === "dir") throw new FsError("EISDIR", path);
    const old = e?.content ?? "";
    const next = opts?.append ? old + content : content;
    const size = utf8Length(next);
    const oldSize = e ? utf8Length(old) : 0;
    if (size > MAX_FILE_BYTES || this.total - oldSize + size > MAX_TOTAL_BYTES) throw new FsError("EFBIG", path);
    this.total += size - oldSize;
    this.entries.set(p, { type: "file", content: next, mode: e?.mode ?? 0o644, mtime: this.now() });
  }

  /** Set a file's mode (chmod); directories keep theirs. */
  chmod(path: string, mode: number): void {
    const p = normalizePath(path);
    const e = this.entries.get(p);
    if (!e) throw new FsError("ENOENT", path);
    this.entries.set(p, { ...e, mode });
  }

  /** Update mtime (touch) or create an empty file. */
  touch(path: string): void {
    const p = normalizePath(path);
    const e = this.entries.get(p);
    if (e) this.entries.set(p, { ...e, mtime: this.now() });
    else this.writeFile(p, "");
  }

  mkdir(path: string, opts?: { parents?: boolean }): void {
    const p = normalizePath(path);
    const e = this.entries.get(p);
    if (e) {
      if (opts?.parents && e.type === "dir") return;
      throw new FsError("EEXIST", path);
    }
    const parent = dirname(p);
    if (!this.entries.has(parent)) {
      if (!opts?.parents) throw new FsError("ENOENT", path);
      this.mkdir(parent, opts);
    } else if (this.entries.get(parent)!.type !== "dir") throw new FsError("ENOTDIR", path);
    this.entries.set(p, { type: "dir", mode: 0o755, mtime: this.now() });
  }

  readdir(path: string): string[] {
    const p = normalizePath(path);
    const e = this.entries.get(p);
    if (!e) throw new FsError("ENOENT", path);
    if (e.type !== "dir") throw new FsError("ENOTDIR", path);
    const prefix = p === "/" ? "/" : p + "/";
    const names: string[] = [];
    for (const k of this.entries.keys()) {
      if (k.length > prefix.length && k.startsWith(prefix) && !k.includes("/", prefix.length)) names.push(k.slice(prefix.length));
    }
    return names.sort();
  }

  remove(path: string, opts?: { recursive?: boolean }): void {
    const p = normalizePath(path);
    const e = this.entries.get(p);
    if (!e || p === "/") throw new FsError(p === "/" ? "EACCES" : "ENOENT", path);
    if (e.type === "dir") {
      const kids = this.readdir(p);
      if (kids.length && !opts?.recursive) throw new FsError("ENOTEMPTY", path);
      for (const k of kids) this.remove(p + "/" + k, opts);
    } else this.total -= utf8Length(e.content ?? "");
    this.entries.delete(p);
  }

  rename(from: string, to: string): void {
    const f = normalizePath(from);
    const t = normalizePath(to);
    const e = this.entries.get(f);
    if (!e) throw new FsError("ENOENT", from);
    if (f === t) return;
    if (t.startsWith(f + "/")) throw new FsError("EACCES", to);
    this.parentDir(t);
    const existing = this.entries.get(t);
    if (existing) {
      if (existing.type === "dir" && e.type !== "dir") throw new FsError("EISDIR", to);
      if (existing.type === "dir" && this.readdir(t).length) throw new FsError("ENOTEMPTY", to);
      this.remove(t, { recursive: true });
    }
    const moves: [string, FsEntry][] = [];
    for (const [k, v] of this.entries) if (k === f || k.startsWith(f + "/")) moves.push([k, v]);
    for (const [k] of moves) this.entries.delete(k);
    for (const [k, v] of moves) this.entries.set(t + k.slice(f.length), v);
  }

  /** The parent must exist and be a directory, else ENOENT/ENOTDIR for the full path. */
  private parentDir(p: string): void {
    const parent = dirname(p);
    const e = this.entries.get(parent);
    if (!e) throw new FsError("ENOENT", p);
    if (e.type !== "dir") throw new FsError("ENOTDIR", p);
  }
}
