// The terminal's own text commands (lab-engine/shell/commands/text) inside container scripts:
// `echo a | tr a b`, `sed -n 2p /etc/config`, `awk '{print $1}'`, `cut -d: -f1 /etc/passwd`…
// They run synchronously (they never wait), against the script's files, so a container prints
// exactly what the same command prints at the learner's prompt.

import { textCommands } from "../shell/commands/text/index.ts";
import { normalizePath } from "../shell/vfs.ts";
import { FsError, type CommandContext, type CommandImpl, type FileSystem, type FsEntry } from "../shell/types.ts";

/** What busybox and Debian images both ship (jq, column and gawk are not in them). */
const IN_CONTAINERS = ["grep", "egrep", "fgrep", "wc", "head", "tail", "sort", "uniq", "cut", "tr", "base64", "tee", "seq", "rev", "nl", "sed", "awk", "tac", "paste", "fold", "sha256sum", "md5sum"];
const COMMANDS = new Map<string, CommandImpl>(IN_CONTAINERS.map((n) => [n, textCommands[n]]));

/** The script's files as the command sees them. */
export interface ScriptFiles {
  read(path: string): string | undefined;
  write(path: string, content: string, append: boolean): void;
  remove(path: string): void;
}

export interface ScriptCommandResult {
  stdout: string;
  stderr: string;
  code: number;
}

/** Run one text command; undefined if `argv[0]` is not one of them. */
export function runScriptCommand(argv: string[], stdin: string, env: Record<string, string>, files: ScriptFiles): ScriptCommandResult | undefined {
  const impl = COMMANDS.get(argv[0]);
  if (!impl) return undefined;
  let stdout = "";
  let stderr = "";
  const cwd = "/";
  const ctx: CommandContext = {
    argv,
    stdin,
    stdinIsTTY: false,
    stdout: { write: (s: string) => void (stdout += s) },
    stderr: { write: (s: string) => void (stderr += s) },
    stdoutIsTTY: false,
    env,
    cwd,
    fs: scriptFs(files),
    host: { clock: { mode: "virtual", now: () => 0, sleep: async () => {} } },
    signal: { aborted: false },
    // Commands that would start other commands (awk's system()) get nothing to run here.
    exec: async () => ({ stdout: "", stderr: "", exitCode: 127 }),
  };
  let code: number;
  try {
    const r = impl(ctx);
    if (typeof r === "number") code = r;
    else {
      // Only awk with `cmd | getline` or `print | cmd` waits; what it printed so far stands.
      r.catch(() => {});
      code = 0;
    }
  } catch (e) {
    stderr += `${argv[0]}: ${e instanceof FsError ? `${e.path}: ${e.message}` : (e as Error).message}\n`;
    code = 1;
  }
  return { stdout, stderr, code };
}

function scriptFs(files: ScriptFiles): FileSystem {
  const entry = (path: string): FsEntry | undefined => {
    const content = files.read(path);
    return content === undefined ? undefined : { type: "file", content, mtime: 0 };
  };
  return {
    resolve(cwd: string, path: string, home = "/root"): string {
      if (path === "~" || path.startsWith("~/")) path = home + path.slice(1);
      return normalizePath(path.startsWith("/") ? path : `${cwd}/${path}`);
    },
    exists: (path) => files.read(path) !== undefined,
    stat: entry,
    readFile(path: string): string {
      const c = files.read(path);
      if (c === undefined) throw new FsError("ENOENT", path);
      return c;
    },
    writeFile(path: string, content: string, opts?: { append?: boolean }): void {
      files.write(path, content, !!opts?.append);
    },
    mkdir: () => {},
    readdir: () => [],
    remove: (path) => files.remove(path),
    rename(from: string, to: string): void {
      const c = files.read(from);
      if (c === undefined) throw new FsError("ENOENT", from);
      files.write(to, c, false);
      files.remove(from);
    },
    toJSON: () => ({}),
  };
}
