// The shell's serializable state and the control-flow signals the interpreter throws.

import type { OutputSink } from "./types.ts";

export interface ShellOptions {
  errexit: boolean;
  pipefail: boolean;
  nounset: boolean;
  xtrace: boolean;
}

export interface ShellState {
  /** Shell variables in insertion order (that order is what `env` prints). */
  vars: Record<string, string>;
  exported: string[];
  aliases: Record<string, string>;
  /** Function definitions as source text (`f() { …; }`), re-parsed on demand. */
  functions: Record<string, string>;
  cwd: string;
  history: string[];
  lastExit: number;
  options: ShellOptions;
  /** Seeded generator state behind `$RANDOM`. */
  rng: number;
  /** Set by `exit`; the host decides what exiting means (close the terminal, end a script). */
  exitRequested: number | null;
}

/**
 * A name-keyed table without a prototype, so that names like `constructor` or `toString`
 * (valid variable, alias and function names) never resolve to Object.prototype's members.
 */
export function nameTable<T>(entries?: Record<string, T>): Record<string, T> {
  return Object.assign(Object.create(null) as Record<string, T>, entries);
}

/** A state as the shell keeps it: its tables prototype-free (a snapshot's JSON gives plain objects). */
export function adoptState(s: ShellState): ShellState {
  s.vars = nameTable(s.vars);
  s.aliases = nameTable(s.aliases);
  s.functions = nameTable(s.functions);
  return s;
}

export function defaultState(home: string, user: string, hostname: string, seed = 1): ShellState {
  return {
    vars: nameTable({
      HOME: home,
      USER: user,
      PATH: "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
      SHELL: "/bin/bash",
      TERM: "xterm-256color",
      PWD: home,
      HOSTNAME: hostname,
      SHLVL: "1",
      LANG: "C.UTF-8",
    }),
    exported: ["HOME", "USER", "PATH", "SHELL", "TERM", "PWD", "HOSTNAME", "SHLVL", "LANG"],
    aliases: nameTable(),
    functions: nameTable(),
    cwd: home,
    history: [],
    lastExit: 0,
    options: { errexit: false, pipefail: false, nounset: false, xtrace: false },
    rng: seed >>> 0,
    exitRequested: null,
  };
}

export function cloneState(s: ShellState): ShellState {
  return {
    ...s,
    vars: nameTable(s.vars),
    exported: [...s.exported],
    aliases: nameTable(s.aliases),
    functions: nameTable(s.functions),
    history: [...s.history],
    options: { ...s.options },
  };
}

/** Standard streams of one command. stdin is buffered text (pipes are buffered stage by stage). */
export interface IO {
  stdin: string;
  stdinIsTTY: boolean;
  stdout: OutputSink;
  stdoutIsTTY: boolean;
  stderr: OutputSink;
  /** How far `read` has consumed stdin; shared by the commands reading the same stream. */
  cursor?: { pos: number };
}

export class BreakSignal {
  constructor(public n: number) {}
}
export class ContinueSignal {
  constructor(public n: number) {}
}
export class ReturnSignal {
  constructor(public code: number) {}
}
export class ExitSignal {
  constructor(public code: number) {}
}
/** Stops the whole input: work budget, loop/recursion/output caps. */
export class FatalError extends Error {
  constructor(
    message: string,
    public code = 1,
  ) {
    super(message);
  }
}
/** Aborts the current command only (`${x:?msg}`, bad substitution, arithmetic errors). */
export class CommandError extends Error {
  constructor(
    message: string,
    public code = 1,
  ) {
    super(message);
  }
}

export class BufferSink implements OutputSink {
  private chunks: string[] = [];
  private size = 0;
  constructor(private readonly limit = 4 * 1024 * 1024) {}
  write(s: string): void {
    this.size += s.length;
    if (this.size > this.limit) throw new FatalError("bash: output limit exceeded (4 MiB per command)");
    this.chunks.push(s);
  }
  get text(): string {
    if (this.chunks.length > 1) this.chunks = [this.chunks.join("")];
    return this.chunks[0] ?? "";
  }
}

export const nullSink: OutputSink = { write() {} };
