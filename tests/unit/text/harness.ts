// Test harness for text commands: a minimal in-memory FileSystem and a CommandContext builder.

import type { CommandContext, CommandImpl, FileSystem, FsEntry } from "../../../lab-engine/shell/types.ts";
import { FsError } from "../../../lab-engine/shell/types.ts";
import { textCommands } from "../../../lab-engine/shell/commands/text/index.ts";

export class MemFS implements FileSystem {
  entries = new Map<string, FsEntry>([["/", { type: "dir", mtime: 0 }]]);
  constructor(files: Record<string, string> = {}) {
    this.mkdir("/root");
    for (const [p, c] of Object.entries(files)) {
      this.mkdir(p.slice(0, p.lastIndexOf("/")) || "/", { parents: true });
      this.writeFile(p, c);
    }
  }
  resolve(cwd: string, path: string, home = "/root"): string {
    if (path === "~" || path.startsWith("~/")) path = home + path.slice(1);
    const parts = (path.startsWith("/") ? path : cwd + "/" + path).split("/");
    const out: string[] = [];
    for (const p of parts) {
      if (p === "" || p === ".") continue;
      if (p === "..") out.pop();
      else out.push(p);
    }
    return "/" + out.join("/");
  }
  exists(p: string) {
    return this.entries.has(p);
  }
  stat(p: string) {
    return this.entries.get(p);
  }
  readFile(p: string): string {
    const e = this.entries.get(p);
    if (!e) throw new FsError("ENOENT", p);
    if (e.type === "dir") throw new FsError("EISDIR", p);
    return e.content ?? "";
  }
  writeFile(p: string, content: string, opts?: { append?: boolean }) {
    const parent = p.slice(0, p.lastIndexOf("/")) || "/";
    if (!this.entries.has(parent)) throw new FsError("ENOENT", p);
    const e = this.entries.get(p);
    if (e?.type === "dir") throw new FsError("EISDIR", p);
    this.entries.set(p, { type: "file", content: (opts?.append ? (e?.content ?? "") : "") + content, mtime: 0 });
  }
  mkdir(p: string, opts?: { parents?: boolean }) {
    if (this.entries.has(p)) return;
    const parent = p.slice(0, p.lastIndexOf("/")) || "/";
    if (!this.entries.has(parent)) {
      if (!opts?.parents) throw new FsError("ENOENT", p);
      this.mkdir(parent, opts);
    }
    this.entries.set(p, { type: "dir", mtime: 0 });
  }
  readdir(p: string): string[] {
    const pre = p === "/" ? "/" : p + "/";
    return [...this.entries.keys()]
      .filter((k) => k !== p && k.startsWith(pre) && !k.slice(pre.length).includes("/"))
      .map((k) => k.slice(pre.length))
      .sort();
  }
  remove(p: string) {
    this.entries.delete(p);
  }
  rename(a: string, b: string) {
    const e = this.entries.get(a);
    if (e) {
      this.entries.delete(a);
      this.entries.set(b, e);
    }
  }
  toJSON() {
    return Object.fromEntries(this.entries);
  }
}

export interface RunResult {
  stdout: string;
  stderr: string;
  code: number;
}

/** Split a command line into argv (single/double quotes, backslash escapes). */
export function shellSplit(line: string): string[] {
  const out: string[] = [];
  let cur = "";
  let has = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (c === "'") {
      const j = line.indexOf("'", i + 1);
      cur += line.slice(i + 1, j);
      i = j;
      has = true;
    } else if (c === '"') {
      i++;
      while (line[i] !== '"') {
        if (line[i] === "\\" && '"\\$`'.includes(line[i + 1])) i++;
        cur += line[i++];
      }
      has = true;
    } else if (c === "\\") {
      cur += line[++i];
      has = true;
    } else if (c === " " || c === "\t") {
      if (has) out.push(cur);
      cur = "";
      has = false;
    } else {
      cur += c;
      has = true;
    }
  }
  if (has) out.push(cur);
  return out;
}

/** Minimal echo (the real one lives elsewhere) so xargs can be tested. */
const echoCmd: CommandImpl = async (ctx) => {
  const a = ctx.argv.slice(1);
  const n = a[0] === "-n";
  ctx.stdout.write(a.slice(n ? 1 : 0).join(" ") + (n ? "" : "\n"));
  return 0;
};

export async function run(
  line: string | string[],
  stdin = "",
  fs: MemFS = new MemFS(),
  opts: { env?: Record<string, string>; cwd?: string; table?: Record<string, CommandImpl>; tty?: boolean } = {},
): Promise<RunResult> {
  const argv = typeof line === "string" ? shellSplit(line) : line;
  const table: Record<string, CommandImpl> = { echo: echoCmd, ...textCommands, ...(opts.table ?? {}) };
  let stdout = "";
  let stderr = "";
  const ctx: CommandContext = {
    argv,
    stdin,
    stdinIsTTY: false,
    stdout: { write: (s) => void (stdout += s) },
    stderr: { write: (s) => void (stderr += s) },
    stdoutIsTTY: opts.tty ?? false,
    env: opts.env ?? { HOME: "/root", PATH: "/usr/bin" },
    cwd: opts.cwd ?? "/root",
    fs,
    host: { clock: { mode: "virtual", now: () => 0, sleep: async () => {} } },
    signal: { aborted: false },
    exec: async (l, io) => {
      const r = await run(l, io?.stdin ?? "", fs, opts);
      return { stdout: r.stdout, stderr: r.stderr, exitCode: r.code };
    },
  };
  const impl = table[argv[0]];
  if (!impl) return { stdout: "", stderr: `${argv[0]}: command not found\n`, code: 127 };
  const code = await impl(ctx);
  return { stdout, stderr, code };
}
