// The contract between the shell interpreter and the commands it runs (coreutils, kubectl,
// curl, editors...). Commands never touch the host: they see only this context.

import type { AbortSignalLike, Clock } from "../clock/clock.ts";

export interface OutputSink {
  write(s: string): void;
}

/** File kinds in a virtual file system (workstation or a container). */
export interface FsEntry {
  type: "file" | "dir";
  content?: string; // files only; text (binary content is base64-free text in this simulation)
  mode?: number; // e.g. 0o644
  mtime: number; // ms epoch, from the clock
}

/** Virtual file system contract (implemented in shell/vfs.ts). All paths absolute after resolve(). */
export interface FileSystem {
  resolve(cwd: string, path: string, home?: string): string;
  exists(path: string): boolean;
  stat(path: string): FsEntry | undefined;
  readFile(path: string): string; // throws FsError
  writeFile(path: string, content: string, opts?: { append?: boolean }): void; // throws FsError
  mkdir(path: string, opts?: { parents?: boolean }): void;
  readdir(path: string): string[]; // names, sorted
  remove(path: string, opts?: { recursive?: boolean }): void;
  rename(from: string, to: string): void;
  toJSON(): unknown;
}

export class FsError extends Error {
  constructor(
    public code: "ENOENT" | "EISDIR" | "ENOTDIR" | "EEXIST" | "ENOTEMPTY" | "EACCES" | "EFBIG" | "EROFS",
    public path: string,
  ) {
    super(
      {
        ENOENT: "No such file or directory",
        EISDIR: "Is a directory",
        ENOTDIR: "Not a directory",
        EEXIST: "File exists",
        ENOTEMPTY: "Directory not empty",
        EACCES: "Permission denied",
        EFBIG: "File too large",
        EROFS: "Read-only file system",
      }[code],
    );
  }
}

/** Services the sandbox gives to commands. */
export interface ShellHost {
  clock: Clock;
  /** Ask the UI (web editor pane) or $EDITOR (local CLI) to edit a file; resolves when saved/closed. */
  openEditor?(path: string, fs: FileSystem): Promise<void>;
  /** Bring simulated clusters up to the clock's now (real-time mode) before a command reads them. */
  sync?(): void;
  /** Per-command work budget check; throws when a command exceeds it. */
  charge?(units: number): void;
  /**
   * Hand the terminal's next inputs to an interactive program (the container shell of
   * `kubectl exec -it POD -- sh`) until it ends. Absent where nobody types (graders, scripts).
   */
  enterSession?(session: NestedSession): void;
}

/** An interactive program reading the terminal's lines, stacked over the workstation shell. */
export interface NestedSession {
  /** Its prompt ("/ # ", "root@web:/# "); "" when it has no terminal (`exec -i` without -t). */
  prompt(): string;
  /** Run one input as typed at its prompt; returns the input's exit status. */
  run(line: string, io: { stdout: OutputSink; stderr: OutputSink; signal: AbortSignalLike }): Promise<number>;
  /** Ctrl-D at an empty prompt: end the session; returns the shell's exit status. */
  eof(io: { stdout: OutputSink }): number;
  /** Set once the program has exited (`exit`, Ctrl-D, or the container went away). */
  ended: boolean;
  /** Its own input history (↑/↓ at its prompt). */
  history: string[];
  /** After it ended: print what the starting command prints then; returns that command's exit code. */
  finish(code: number, io: { stdout: OutputSink; stderr: OutputSink }): Promise<number>;
}

export interface CommandContext {
  /** argv[0] is the command name as typed (after alias expansion). */
  argv: string[];
  /** Whole standard input (pipes and redirections are buffered). */
  stdin: string;
  /** True when stdin is the interactive terminal rather than a pipe/file/heredoc. */
  stdinIsTTY: boolean;
  stdout: OutputSink;
  stderr: OutputSink;
  /** True when stdout goes straight to the terminal (not a pipe or file). */
  stdoutIsTTY: boolean;
  env: Record<string, string>;
  cwd: string;
  fs: FileSystem;
  host: ShellHost;
  /** Aborted on Ctrl-C. Long-running commands (sleep, watch, -w, logs -f) must honour it. */
  signal: AbortSignalLike;
  /** Run another command line in the same shell (xargs, watch, `sh -c`). */
  exec(line: string, io?: { stdin?: string }): Promise<{ stdout: string; stderr: string; exitCode: number }>;
}

/**
 * A command returns its exit code. Commands that never wait (grep, sed, tr…) return it directly:
 * the kubelet's timeline interpreter runs them synchronously inside container scripts.
 */
export type CommandImpl = (ctx: CommandContext) => number | Promise<number>;
export type CommandTable = Record<string, CommandImpl>;
