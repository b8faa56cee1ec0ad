// The file system commands see: the workstation VFS plus the device files bash scripts use
// (`/dev/null`, `/dev/fd/63` from `<(…)`, `/dev/stdin`). Devices never land in a snapshot.

import { FsError, type FileSystem, type FsEntry } from "./types.ts";
import { normalizePath } from "./vfs.ts";

export class DevFS implements FileSystem {
  constructor(
    readonly inner: FileSystem,
    /** Contents of process substitutions, by path (`/dev/fd/63`). */
    readonly fds: Map<string, string>,
    private readonly stdin: () => string = () => "",
  ) {}

  private device(path: string): string | undefined {
    const p = normalizePath(path);
    if (p === "/dev/null" || p === "/dev/zero") return "";
    if (p === "/dev/stdin") return this.stdin();
    return this.fds.get(p);
  }

  resolve(cwd: string, path: string, home?: string): string {
    return this.inner.resolve(cwd, path, home);
  }
  exists(path: string): boolean {
    const p = normalizePath(path);
    return this.device(p) !== undefined || p === "/dev" || p === "/dev/fd" || this.inner.exists(p);
  }
  stat(path: string): FsEntry | undefined {
    const p = normalizePath(path);
    if (this.device(p) !== undefined) return { type: "file", content: this.device(p), mode: 0o666, mtime: 0 };
    if ((p === "/dev" || p === "/dev/fd") && !this.inner.exists(p)) return { type: "dir", mode: 0o755, mtime: 0 };
    return this.inner.stat(p);
  }
  readFile(path: string): string {
    const d = this.device(path);
    return d !== undefined ? d : this.inner.readFile(path);
  }
  writeFile(path: string, content: string, opts?: { append?: boolean }): void {
    const p = normalizePath(path);
    if (this.device(p) !== undefined) return;
    if (p.startsWith("/dev/") && !this.inner.exists("/dev")) throw new FsError("EACCES", path);
    this.inner.writeFile(p, content, opts);
  }
  mkdir(path: string, opts?: { parents?: boolean }): void {
    this.inner.mkdir(path, opts);
  }
  readdir(path: string): string[] {
    const p = normalizePath(path);
    if (p === "/dev" && !this.inner.exists(p)) return ["fd", "null", "stdin", "zero"];
    if (p === "/dev/fd") return [...this.fds.keys()].map((k) => k.slice(8)).sort();
    return this.inner.readdir(p);
  }
  remove(path: string, opts?: { recursive?: boolean }): void {
    this.inner.remove(path, opts);
  }
  rename(from: string, to: string): void {
    this.inner.rename(from, to);
  }
  toJSON(): unknown {
    return this.inner.toJSON();
  }
}
