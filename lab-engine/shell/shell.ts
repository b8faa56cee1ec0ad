// The bash interpreter: runs parsed commands over the virtual FS with buffered pipes. Every
// command invocation and loop iteration is charged to the host's work budget and to our own
// caps, so a hostile script ends with an error instead of hanging the server.

import type { AbortSignalLike } from "../clock/clock.ts";
import { Rng } from "../util/rng.ts";
import type { AndOr, Command, List, Pipeline, Redir, Word } from "./ast.ts";
import { evalArith, ArithError } from "./arith.ts";
import { BUILTINS } from "./builtins.ts";
import { CORE_COMMANDS } from "./commands/core.ts";
import { DevFS } from "./devfs.ts";
import { expandParam } from "./param.ts";
import { escapeGlob, expandPathGlob } from "./glob.ts";
import { FieldBuilder } from "./fields.ts";
import { expandHistory } from "./history-expand.ts";
import { ParseError, Parser, parseQuotedText } from "./parser.ts";
import {
  BreakSignal,
  BufferSink,
  cloneState,
  CommandError,
  ContinueSignal,
  adoptState,
  nameTable,
  defaultState,
  ExitSignal,
  FatalError,
  nullSink,
  ReturnSignal,
  type IO,
  type ShellState,
} from "./state.ts";
import { FsError, type CommandContext, type CommandTable, type FileSystem, type OutputSink, type ShellHost } from "./types.ts";
import { braceExpand } from "./brace.ts";
import { evalDoubleBracket } from "./test-expr.ts";
import { globMatch } from "./glob.ts";
import { dirname } from "./vfs.ts";

export type { ShellState } from "./state.ts";

export const LIMITS = {
  loopIterations: 100_000,
  functionDepth: 100,
  steps: 1_000_000,
  /** Expansion work (fields + characters/64) per run: heavy loops end in seconds, not hours. */
  expansionWork: 2_000_000,
  outputBytes: 4 * 1024 * 1024,
  sourceDepth: 32,
};

export interface ShellOptions {
  fs: FileSystem;
  host: ShellHost;
  commands: CommandTable;
  state?: ShellState;
  home?: string;
  hostname?: string;
  user?: string;
  seed?: number;
  /** Which shell's messages to print: bash (default), busybox ash or Debian's dash as `sh`. */
  dialect?: ShellDialect;
}

export type ShellDialect = "bash" | "ash" | "dash";

/** A background job started with `cmd &`. */
export interface Job {
  id: number;
  pid: number;
  src: string;
  /** "Running", "Done", "Exit N" or "Terminated", as `jobs` prints it. */
  state: string;
  code: number;
  kill(): void;
  done: Promise<number>;
}

export interface RunIO {
  stdout?: OutputSink;
  stderr?: OutputSink;
  stdin?: string;
  signal?: AbortSignalLike;
  /** Don't record the line in history (graders, `ctx.exec`). */
  noHistory?: boolean;
  /** Whether stdout is the terminal; default: true for run() with a sink, false for runCapture(). */
  stdoutIsTTY?: boolean;
}

const neverAborted: AbortSignalLike = { aborted: false };
const HISTORY_MAX = 1000;
/** `$$`: a plausible fixed pid keeps output deterministic. */
const SHELL_PID = 4217;


export class Shell {
  state: ShellState;
  readonly fs: FileSystem;
  /** What commands see: the VFS plus /dev/null, /dev/fd/N. */
  readonly devfs: DevFS;
  readonly host: ShellHost;
  readonly commands: CommandTable;
  readonly home: string;
  readonly hostname: string;
  readonly user: string;
  readonly dialect: ShellDialect;
  signal: AbortSignalLike = neverAborted;
  positional: string[] = [];
  /** `$0`: "bash", or the script name / `bash -c` name argument in a child shell. */
  arg0 = "bash";
  funcDepth = 0;
  loopDepth = 0;
  sourceDepth = 0;
  private loopIterations = 0;
  private steps = 0;
  private work = 0;
  private localFrames: Map<string, string | undefined>[] = [];
  private activeAliases = new Set<string>();
  private funcCache = new Map<string, Command>();
  /** `$_`: the last argument of the previous command (`mkdir -p d && cd $_`). */
  private lastArg = "";
  /** `$FUNCNAME`: the innermost running function. */
  private funcNames: string[] = [];
  private procCounter = 0;
  private runDepth = 0;

  constructor(opts: ShellOptions) {
    this.fs = opts.fs;
    this.host = opts.host;
    // Looked up by typed names: keep the table prototype-free (see nameTable).
    this.commands = Object.getPrototypeOf(opts.commands) === null ? opts.commands : nameTable(opts.commands);
    this.home = opts.home ?? "/root";
    this.hostname = opts.hostname ?? "controlplane";
    this.user = opts.user ?? "root";
    this.dialect = opts.dialect ?? "bash";
    this.state = opts.state ? adoptState(opts.state) : defaultState(this.home, this.user, this.hostname, opts.seed ?? 1);
    this.devfs = new DevFS(this.fs, new Map());
  }

  snapshot(): ShellState {
    return cloneState(this.state);
  }

  // ---------- background jobs (`cmd &`, jobs, wait, kill %N) ----------

  /** Running and finished-but-unreported jobs. Transient: not part of the snapshot. */
  jobs: Job[] = [];
  private lastBgPid = 0;
  private jobPids = 0;

  /**
   * `cmd &`: bash prints `[N] PID` and runs cmd in a child shell (a copy of this one's state)
   * while the prompt comes back. On a real clock the job runs alongside; on a virtual clock
   * (jsonl, tests) it runs now, and its `sleep`s do not move simulated time.
   */
  private async startJob(src: string, io: IO): Promise<number> {
    const id = this.jobs.length ? Math.max(...this.jobs.map((j) => j.id)) + 1 : 1;
    const pid = SHELL_PID + 100 + 13 * ++this.jobPids;
    this.lastBgPid = pid;
    io.stderr.write(`[${id}] ${pid}\n`);
    const abort = { aborted: false, cbs: [] as (() => void)[] };
    const signal: AbortSignalLike = {
      get aborted() {
        return abort.aborted;
      },
      addEventListener: (_t, cb) => void abort.cbs.push(cb),
    };
    const clock = this.host.clock;
    const host: ShellHost =
      clock.mode === "virtual" ? { ...this.host, clock: { mode: clock.mode, now: () => clock.now(), sleep: async () => {} } } : this.host;
    const child = new Shell({ fs: this.fs, host, commands: this.commands, state: cloneState(this.state), home: this.home, hostname: this.hostname, user: this.user, dialect: this.dialect });
    const job: Job = { id, pid, src, state: "Running", code: 0, kill: () => {
      if (abort.aborted) return;
      abort.aborted = true;
      for (const cb of abort.cbs.splice(0)) cb();
    }, done: Promise.resolve(0) };
    job.done = child
      .run(src, { stdin: "", stdout: io.stdout, stderr: io.stderr, signal, noHistory: true })
      .catch(() => 1)
      .then((code) => {
        job.code = abort.aborted ? 143 : code;
        job.state = abort.aborted ? "Terminated" : code === 0 ? "Done" : `Exit ${code}`;
        return job.code;
      });
    this.jobs.push(job);
    // Without a real clock nothing runs "later": the job's output lands with this input.
    if (clock.mode === "virtual") await job.done;
    return 0;
  }

  /** `jobs` lines: `[1]+  Running                 sleep 60 &`. */
  jobLines(): string[] {
    const n = this.jobs.length;
    return this.jobs.map((j, i) => {
      const mark = i === n - 1 ? "+" : i === n - 2 ? "-" : " ";
      return `[${j.id}]${mark}  ${j.state.padEnd(24)}${j.src}${j.state === "Running" ? " &" : ""}`;
    });
  }

  /** Finished jobs are reported once (before the next prompt, as bash does) and forgotten. */
  private reportFinishedJobs(stderr: OutputSink): void {
    if (!this.jobs.some((j) => j.state !== "Running")) return;
    const lines = this.jobLines();
    const keep: Job[] = [];
    this.jobs.forEach((j, i) => {
      if (j.state === "Running") keep.push(j);
      else stderr.write(lines[i] + "\n");
    });
    this.jobs = keep;
  }

  /** `%N`, `%%`, `%+`, `%-` or a PID to a job. */
  findJob(spec: string): Job | undefined {
    if (spec === "%%" || spec === "%+" || spec === "%") return this.jobs[this.jobs.length - 1];
    if (spec === "%-") return this.jobs[this.jobs.length - 2];
    if (/^%\d+$/.test(spec)) return this.jobs.find((j) => j.id === Number(spec.slice(1)));
    if (/^\d+$/.test(spec)) return this.jobs.find((j) => j.pid === Number(spec));
    return undefined;
  }

  // ---------- entry points ----------

  /** Run a full input (several lines, heredocs). Returns the last exit code. */
  async run(line: string, io: RunIO = {}): Promise<number> {
    const stdout = io.stdout ?? nullSink;
    const stderr = io.stderr ?? nullSink;
    if (line.includes("\r\n")) line = line.replace(/\r\n/g, "\n");
    if (!io.noHistory && this.runDepth === 0) {
      const h = expandHistory(line, this.state.history);
      if ("error" in h) {
        stderr.write(h.error + "\n");
        return (this.state.lastExit = 1);
      }
      if (h.changed) {
        // bash shows the expanded command before running it.
        line = h.line;
        stdout.write(line + "\n");
      }
      this.addHistory(line);
    }
    const top = this.runDepth === 0;
    if (top) this.reportFinishedJobs(stderr);
    if (top) {
      this.signal = io.signal ?? neverAborted;
      this.loopIterations = 0;
      this.steps = 0;
      this.work = 0;
      this.state.exitRequested = null;
    }
    this.runDepth++;
    try {
      const sio: IO = { stdin: io.stdin ?? "", cursor: { pos: 0 }, stdinIsTTY: io.stdin === undefined && top, stdout, stdoutIsTTY: top && (io.stdoutIsTTY ?? !!io.stdout), stderr };
      return await this.runSource(line, sio, { top });
    } finally {
      this.runDepth--;
    }
  }

  async runCapture(line: string, opts: { stdin?: string; signal?: AbortSignalLike; noHistory?: boolean; stdoutIsTTY?: boolean } = {}): Promise<{ stdout: string; stderr: string; exitCode: number }> {
    let out = "";
    let err = "";
    const exitCode = await this.run(line, { stdoutIsTTY: false, ...opts, stdout: { write: (s) => void (out += s) }, stderr: { write: (s) => void (err += s) } });
    return { stdout: out, stderr: err, exitCode };
  }

  private addHistory(line: string): void {
    const t = line.replace(/\n+$/, "");
    if (!t.trim() || t.startsWith(" ")) return;
    const h = this.state.history;
    // Ubuntu's default HISTCONTROL=ignoreboth: no leading-space lines, no consecutive duplicates.
    if (h[h.length - 1] === t) return;
    h.push(t);
    if (h.length > HISTORY_MAX) h.splice(0, h.length - HISTORY_MAX);
  }

  /**
   * Parse and run text command by command (so an alias defined on line 1 applies on line 2, and
   * a syntax error on line 3 leaves lines 1-2 done). `top`: exit requests end the input here.
   */
  async runSource(text: string, io: IO, opts: { top?: boolean } = {}): Promise<number> {
    const parser = new Parser(text);
    for (;;) {
      let list: List | null;
      try {
        list = parser.nextCommand();
      } catch (e) {
        if (!(e instanceof ParseError)) throw e;
        for (const w of parser.warnings.splice(0)) io.stderr.write(w + "\n");
        io.stderr.write(e.message + "\n");
        return (this.state.lastExit = 2);
      }
      for (const w of parser.warnings.splice(0)) io.stderr.write(w + "\n");
      if (!list) break;
      try {
        await this.execList(list, io);
      } catch (e) {
        if (opts.top) {
          if (e instanceof ExitSignal) {
            this.state.exitRequested = e.code;
            return (this.state.lastExit = e.code);
          }
          if (e instanceof FatalError) {
            if (e.message) io.stderr.write(e.message + "\n");
            return (this.state.lastExit = e.code);
          }
          if (e instanceof BreakSignal || e instanceof ContinueSignal || e instanceof ReturnSignal) continue;
          if (e instanceof RangeError) {
            // Deep recursion in a hostile input: report, never crash the session.
            io.stderr.write(`bash: ${e.message}\n`);
            return (this.state.lastExit = 1);
          }
        }
        throw e;
      }
      if (this.signal.aborted) return (this.state.lastExit = 130);
    }
    return this.state.lastExit;
  }

  // ---------- budget ----------

  step(): void {
    if (this.signal.aborted) throw new FatalError("", 130);
    if (++this.steps > LIMITS.steps) throw new FatalError("bash: command limit exceeded");
    try {
      this.host.charge?.(1);
    } catch (e) {
      throw new FatalError(`bash: ${(e as Error).message ?? "work budget exceeded"}`);
    }
  }

  private iteration(): void {
    if (++this.loopIterations > LIMITS.loopIterations) throw new FatalError(`bash: loop iteration limit exceeded (${LIMITS.loopIterations})`);
    this.step();
  }

  // ---------- variables ----------

  getVar(name: string): string | undefined {
    switch (name) {
      case "?":
        return String(this.state.lastExit);
      case "$":
        return String(SHELL_PID);
      case "#":
        return String(this.positional.length);
      case "@":
      case "*":
        return this.positional.join(" ");
      case "0":
        return this.arg0;
      case "!":
        return this.lastBgPid ? String(this.lastBgPid) : "";
      case "-":
        return "hB";
      case "RANDOM": {
        const r = new Rng(this.state.rng);
        const v = r.int(32768);
        this.state.rng = r.state;
        return String(v);
      }
      case "BASH_VERSION":
        return this.state.vars[name] ?? "5.1.16(1)-release";
      case "BASH":
        return this.state.vars[name] ?? "/bin/bash";
      case "PPID":
        return this.state.vars[name] ?? String(SHELL_PID - 1);
      case "BASHPID":
        return String(SHELL_PID);
      case "_":
        return this.lastArg;
      case "FUNCNAME":
        return this.funcNames[this.funcNames.length - 1];
      case "UID":
      case "EUID":
        return this.state.vars[name] ?? (this.user === "root" ? "0" : "1000");
    }
    if (/^[1-9][0-9]*$/.test(name)) return this.positional[Number(name) - 1];
    return this.state.vars[name];
  }

  setVar(name: string, value: string, exportIt = false): void {
    this.state.vars[name] = value;
    if (exportIt && !this.state.exported.includes(name)) this.state.exported.push(name);
  }

  unsetVar(name: string): void {
    delete this.state.vars[name];
    this.state.exported = this.state.exported.filter((n) => n !== name);
  }

  /** `local x`: remember the outer value, restored when the function returns. */
  declareLocal(name: string): boolean {
    const frame = this.localFrames[this.localFrames.length - 1];
    if (!frame) return false;
    if (!frame.has(name)) frame.set(name, this.state.vars[name]);
    return true;
  }

  env(overlay: Record<string, string> = {}): Record<string, string> {
    const env: Record<string, string> = {};
    for (const [k, v] of Object.entries(this.state.vars)) if (this.state.exported.includes(k)) env[k] = v;
    return { ...env, ...overlay };
  }

  get cwd(): string {
    return this.state.cwd;
  }

  // ---------- execution ----------

  async execList(list: List, io: IO): Promise<number> {
    let status = this.state.lastExit;
    for (const item of list.items) {
      if (item.bg && item.src !== undefined) {
        status = await this.startJob(item.src, io);
        continue;
      }
      status = await this.execAndOr(item.ao, io);
      if (this.signal.aborted) throw new FatalError("", 130);
    }
    return status;
  }

  private condDepth = 0;

  private async execAndOr(ao: AndOr, io: IO): Promise<number> {
    const n = ao.rest.length;
    let lastRan = 0;
    let s: number;
    if (n) this.condDepth++;
    try {
      s = await this.execPipeline(ao.first, io);
    } finally {
      if (n) this.condDepth--;
    }
    for (let i = 0; i < n; i++) {
      const { op, p } = ao.rest[i];
      if ((op === "&&" && s === 0) || (op === "||" && s !== 0)) {
        const isLast = i === n - 1;
        if (!isLast) this.condDepth++;
        try {
          s = await this.execPipeline(p, io);
        } finally {
          if (!isLast) this.condDepth--;
        }
        lastRan = i + 1;
      }
    }
    const lastP = lastRan === 0 ? ao.first : ao.rest[lastRan - 1].p;
    // `set -e`: only a failure of the final command of an and-or list, outside conditions.
    if (s !== 0 && this.state.options.errexit && this.condDepth === 0 && lastRan === n && !lastP.negate) throw new ExitSignal(s);
    return s;
  }

  async execPipeline(p: Pipeline, io: IO): Promise<number> {
    if (p.timed) {
      const t0 = this.host.clock.now();
      const s = await this.execPipeline({ ...p, timed: false }, io);
      const secs = (this.host.clock.now() - t0) / 1000;
      const fmt = (x: number) => `${Math.floor(x / 60)}m${(x % 60).toFixed(3)}s`;
      io.stderr.write(`\nreal\t${fmt(secs)}\nuser\t0m0.000s\nsys\t0m0.000s\n`);
      return s;
    }
    let status: number;
    if (p.cmds.length === 1) {
      status = await this.execCommand(p.cmds[0], io);
    } else {
      let input = io.stdin;
      let inTTY = io.stdinIsTTY;
      const statuses: number[] = [];
      for (let i = 0; i < p.cmds.length; i++) {
        const last = i === p.cmds.length - 1;
        const buf = last ? null : new BufferSink(LIMITS.outputBytes);
        const stageIO: IO = {
          stdin: input,
          cursor: i === 0 ? io.cursor : { pos: 0 },
          stdinIsTTY: inTTY,
          stdout: buf ?? io.stdout,
          stdoutIsTTY: last ? io.stdoutIsTTY : false,
          stderr: buf && p.stderrToo[i] ? buf : io.stderr,
        };
        statuses.push(await this.subshell(() => this.execCommand(p.cmds[i], stageIO)));
        if (buf) input = buf.text;
        inTTY = false;
        if (this.signal.aborted) break;
      }
      status = statuses[statuses.length - 1];
      if (this.state.options.pipefail) status = [...statuses].reverse().find((s) => s !== 0) ?? 0;
    }
    if (p.negate) status = status === 0 ? 1 : 0;
    this.state.lastExit = status;
    return status;
  }

  /** Run with a copy of the state that is thrown away afterwards (`( … )`, pipeline stages). */
  async subshell(fn: () => Promise<number>): Promise<number> {
    const saved = cloneState(this.state);
    const savedPos = this.positional;
    const savedFrames = this.localFrames;
    this.localFrames = savedFrames.map((f) => new Map(f));
    try {
      return await fn();
    } catch (e) {
      if (e instanceof ExitSignal) return e.code;
      throw e;
    } finally {
      const rng = this.state.rng;
      this.state = saved;
      this.state.rng = rng;
      this.positional = savedPos;
      this.localFrames = savedFrames;
    }
  }

  async execCommand(cmd: Command, io: IO): Promise<number> {
    this.step();
    let status: number;
    try {
      status = await this.execCommandInner(cmd, io);
    } catch (e) {
      // Expansion errors (`${x:?}`, bad substitution, arithmetic) discard the rest of the
      // input line, as in interactive bash.
      if (e instanceof CommandError) throw new FatalError(e.message, e.code);
      throw e;
    }
    this.state.lastExit = status;
    return status;
  }

  private async execCommandInner(cmd: Command, io: IO): Promise<number> {
    switch (cmd.t) {
      case "simple":
        return this.execSimple(cmd, io);
      case "func":
        this.state.functions[cmd.name] = cmd.src;
        this.funcCache.set(cmd.src, cmd);
        return 0;
    }
    return this.withRedirs(cmd.redirs, io, async (io2) => {
      switch (cmd.t) {
        case "group":
          return this.execList(cmd.body, io2);
        case "subshell":
          return this.subshell(() => this.execList(cmd.body, io2));
        case "if": {
          for (const c of cmd.clauses) {
            if ((await this.cond(c.cond, io2)) === 0) return this.execList(c.body, io2);
          }
          return cmd.otherwise ? this.execList(cmd.otherwise, io2) : 0;
        }
        case "while": {
          let s = 0;
          for (;;) {
            this.iteration();
            const c = await this.cond(cmd.cond, io2);
            if ((c === 0) === cmd.until) break;
            const r = await this.loopBody(cmd.body, io2);
            s = r.status;
            if (r.brk) break;
          }
          return s;
        }
        case "for": {
          const items = cmd.items ? await this.expandWords(cmd.items, io2) : [...this.positional];
          let s = 0;
          for (const it of items) {
            this.iteration();
            this.setVar(cmd.name, it);
            const r = await this.loopBody(cmd.body, io2);
            s = r.status;
            if (r.brk) break;
          }
          return s;
        }
        case "cfor": {
          let s = 0;
          await this.arith(cmd.init, io2);
          for (;;) {
            this.iteration();
            if (cmd.cond.trim() && (await this.arith(cmd.cond, io2)) === 0) break;
            const r = await this.loopBody(cmd.body, io2);
            s = r.status;
            if (r.brk) break;
            await this.arith(cmd.step, io2);
          }
          return s;
        }
        case "case": {
          const w = await this.expandSingle(cmd.word, io2);
          let fall = false;
          for (const item of cmd.items) {
            let hit = fall;
            if (!hit) {
              for (const pw of item.patterns) {
                if (globMatch(await this.expandPattern(pw, io2), w)) {
                  hit = true;
                  break;
                }
              }
            }
            if (!hit) continue;
            const s = await this.execList(item.body, io2);
            if (item.term === ";&") {
              fall = true;
              continue;
            }
            if (item.term === ";;&") {
              fall = false;
              continue;
            }
            return s;
          }
          return 0;
        }
        case "arith": {
          const v = await this.arith(cmd.expr, io2);
          return v === 0 ? 1 : 0;
        }
        case "dtest": {
          return evalDoubleBracket(this, cmd.words, io2);
        }
      }
      return 0;
    });
  }

  /** A condition (if/while/&&): `set -e` does not fire inside it. */
  private async cond(list: List, io: IO): Promise<number> {
    this.condDepth++;
    try {
      return await this.execList(list, io);
    } finally {
      this.condDepth--;
    }
  }

  private async loopBody(body: List, io: IO): Promise<{ status: number; brk: boolean }> {
    this.loopDepth++;
    try {
      return { status: await this.execList(body, io), brk: false };
    } catch (e) {
      if (e instanceof BreakSignal) {
        if (e.n > 1) throw new BreakSignal(e.n - 1);
        return { status: 0, brk: true };
      }
      if (e instanceof ContinueSignal) {
        if (e.n > 1) throw new ContinueSignal(e.n - 1);
        return { status: 0, brk: false };
      }
      throw e;
    } finally {
      this.loopDepth--;
    }
  }

  private arithParts = new Map<string, Word["parts"]>();

  async arith(expr: string, io: IO): Promise<number> {
    // Loops evaluate the same expression text many times: parse it once.
    let parts = this.arithParts.get(expr);
    if (!parts) {
      parts = parseQuotedText(expr);
      if (this.arithParts.size > 500) this.arithParts.clear();
      this.arithParts.set(expr, parts);
    }
    const text = await this.expandParts(parts, io, true);
    try {
      return evalArith(text.join(" "), {
        get: (n) => this.getVar(n),
        set: (n, v) => this.setVar(n, v),
      });
    } catch (e) {
      if (e instanceof ArithError) throw new CommandError(`bash: ${e.message}`, 1);
      throw e;
    }
  }

  private async execSimple(cmd: Extract<Command, { t: "simple" }>, io: IO): Promise<number> {
    const first = cmd.words[0];
    if (first && !cmd.assigns.length && first.parts.length === 1 && first.parts[0].k === "lit" && !first.parts[0].q) {
      const name = first.parts[0].v;
      const value = this.state.aliases[name];
      if (value !== undefined && !this.activeAliases.has(name)) return this.execAlias(cmd, name, value, io);
    }
    if (!cmd.words.length) {
      let status = 0;
      this.state.lastExit = 0;
      for (const a of cmd.assigns) {
        await this.assign(a, io);
      }
      status = this.state.lastExit;
      if (cmd.redirs.length) return this.withRedirs(cmd.redirs, io, async () => status);
      return status;
    }
    const argv = await this.expandWords(cmd.words, io);
    const overlay: Record<string, string> = {};
    for (const a of cmd.assigns) overlay[a.name] = a.value ? await this.expandSingle(a.value, io) : "";
    if (!argv.length) {
      for (const [k, v] of Object.entries(overlay)) this.setVar(k, v);
      return cmd.redirs.length ? this.withRedirs(cmd.redirs, io, async () => this.state.lastExit) : this.state.lastExit;
    }
    if (this.state.options.xtrace) {
      const q = (a: string) => (/^[A-Za-z0-9_.,:\/@%+=-]+$/.test(a) ? a : "'" + a.replace(/'/g, "'\\''") + "'");
      io.stderr.write("+ " + argv.map(q).join(" ") + "\n");
    }
    return this.withRedirs(cmd.redirs, io, (io2) => this.invoke(argv, io2, overlay));
  }

  private async execAlias(cmd: Extract<Command, { t: "simple" }>, name: string, value: string, io: IO): Promise<number> {
    let parsed: List;
    try {
      parsed = new Parser(value).parseAll();
    } catch (e) {
      if (e instanceof ParseError) {
        io.stderr.write(e.message + "\n");
        return 2;
      }
      throw e;
    }
    this.activeAliases.add(name);
    try {
      const only = parsed.items.length === 1 && parsed.items[0].ao.rest.length === 0 && parsed.items[0].ao.first.cmds.length === 1 ? parsed.items[0].ao.first.cmds[0] : null;
      if (only?.t === "simple" || !parsed.items.length) {
        // Word-level splice keeps the original words' parsed heredocs and quoting.
        const a = only?.t === "simple" ? only : { assigns: [], words: [] as Word[], redirs: [] as Redir[], src: "", wordsStart: 0 };
        const merged = { t: "simple" as const, assigns: a.assigns, words: [...a.words, ...cmd.words.slice(1)], redirs: [...a.redirs, ...cmd.redirs], src: "", wordsStart: 0 };
        if (parsed.items[0]?.ao.first.negate) {
          const s = await this.execSimple(merged, io);
          return s === 0 ? 1 : 0;
        }
        return await this.execSimple(merged, io);
      }
      // A compound alias (`a; b`, `x | y`): splice as text, like bash does.
      const text = value + cmd.src.slice(cmd.wordsStart + cmd.words[0].text.length);
      let list: List;
      try {
        list = new Parser(text).parseAll();
      } catch (e) {
        if (e instanceof ParseError) {
          io.stderr.write(e.message + "\n");
          return 2;
        }
        throw e;
      }
      return await this.execList(list, io);
    } finally {
      this.activeAliases.delete(name);
    }
  }

  private async assign(a: { name: string; value: Word | null; array?: Word[]; append: boolean }, io: IO): Promise<void> {
    let v: string;
    if (a.array) v = (await this.expandWords(a.array, io)).join(" ");
    else v = a.value ? await this.expandSingle(a.value, io) : "";
    if (a.append) v = (this.state.vars[a.name] ?? "") + (a.array && this.state.vars[a.name] ? " " : "") + v;
    this.setVar(a.name, v);
  }

  /** Find and run argv[0]: function, builtin, registered command, core command, script path. */
  async invoke(argv: string[], io: IO, overlay: Record<string, string> = {}): Promise<number> {
    const name = argv[0];
    this.lastArg = argv[argv.length - 1];
    const fsrc = this.state.functions[name];
    if (fsrc !== undefined) return this.withTempVars(overlay, () => this.callFunction(name, fsrc, argv, io));
    const builtin = BUILTINS[name];
    if (builtin) {
      return this.withTempVars(overlay, async () => {
        try {
          return await builtin(this, argv, io);
        } catch (e) {
          if (!(e instanceof Error) || e instanceof FatalError || e instanceof CommandError) throw e;
          // A builtin bug must not take the terminal down: report it like a failed command.
          io.stderr.write(`bash: ${name}: ${e instanceof FsError ? `${e.path}: ` : ""}${e.message}\n`);
          return 1;
        }
      });
    }
    const impl = this.commands[name] ?? CORE_COMMANDS[name];
    if (impl) return this.runImpl(impl, argv, io, overlay);
    if (name.includes("/")) {
      // `/bin/sh`, `/usr/bin/env`: the standard bin directories hold the commands this shell knows.
      const base = name.slice(name.lastIndexOf("/") + 1);
      if (/^\/(usr\/(local\/)?)?s?bin\/[^/]+$/.test(name) && !this.devfs.stat(name) && base !== name && (this.commands[base] || CORE_COMMANDS[base] || BUILTINS[base])) {
        return this.invoke([base, ...argv.slice(1)], io, overlay);
      }
      return this.runScriptPath(argv, io);
    }
    // bash: "bash: x: command not found"; busybox ash: "sh: x: not found"; dash: "sh: 1: x: not found".
    if (this.dialect === "ash") io.stderr.write(`sh: ${name}: not found\n`);
    else if (this.dialect === "dash") io.stderr.write(`sh: 1: ${name}: not found\n`);
    else io.stderr.write(`bash: ${name}: command not found\n`);
    return 127;
  }

  /** Is `name` something `invoke` can run (for `type`, `which`, `command -v`)? */
  lookup(name: string): "alias" | "function" | "builtin" | "file" | null {
    if (this.state.aliases[name] !== undefined) return "alias";
    if (this.state.functions[name] !== undefined) return "function";
    if (BUILTINS[name]) return "builtin";
    if (this.commands[name] || CORE_COMMANDS[name]) return "file";
    return null;
  }

  private async withTempVars(overlay: Record<string, string>, fn: () => Promise<number>): Promise<number> {
    const keys = Object.keys(overlay);
    if (!keys.length) return fn();
    const saved = new Map(keys.map((k) => [k, this.state.vars[k]]));
    const savedExported = this.state.exported;
    this.state.exported = [...new Set([...savedExported, ...keys])];
    for (const k of keys) this.state.vars[k] = overlay[k];
    try {
      return await fn();
    } finally {
      this.state.exported = savedExported;
      for (const [k, v] of saved) {
        if (v === undefined) delete this.state.vars[k];
        else this.state.vars[k] = v;
      }
    }
  }

  private async runImpl(impl: CommandTable[string], argv: string[], io: IO, overlay: Record<string, string>): Promise<number> {
    this.host.sync?.();
    let out = 0;
    const limit = (sink: OutputSink): OutputSink => ({
      write: (s: string) => {
        out += s.length;
        if (out > LIMITS.outputBytes) throw new FatalError(`bash: ${argv[0]}: output limit exceeded (4 MiB)`);
        sink.write(s);
      },
    });
    const ctx: CommandContext = {
      argv,
      stdin: io.cursor?.pos ? io.stdin.slice(io.cursor.pos) : io.stdin,
      stdinIsTTY: io.stdinIsTTY,
      stdout: limit(io.stdout),
      stderr: limit(io.stderr),
      stdoutIsTTY: io.stdoutIsTTY,
      env: this.env(overlay),
      cwd: this.state.cwd,
      fs: this.devfs,
      host: this.host,
      signal: this.signal,
      exec: async (line, o) => {
        const outB = new BufferSink(LIMITS.outputBytes);
        const errB = new BufferSink(LIMITS.outputBytes);
        const exitCode = await this.runSource(line, { stdin: o?.stdin ?? "", stdinIsTTY: false, stdout: outB, stdoutIsTTY: false, stderr: errB }).catch((e) => {
          if (e instanceof ExitSignal) return e.code;
          throw e;
        });
        return { stdout: outB.text, stderr: errB.text, exitCode };
      },
    };
    try {
      return await impl(ctx);
    } catch (e) {
      if (e instanceof FatalError || e instanceof ExitSignal) throw e;
      if (this.signal.aborted) return 130;
      if (e instanceof FsError) {
        io.stderr.write(`${argv[0]}: ${e.path}: ${e.message}\n`);
        return 1;
      }
      // The host's budget check throws from inside commands too; the next step() reports it.
      this.step();
      io.stderr.write(`${argv[0]}: ${(e as Error)?.message ?? String(e)}\n`);
      return 1;
    }
  }

  async callFunction(name: string, src: string, argv: string[], io: IO): Promise<number> {
    let def = this.funcCache.get(src);
    if (!def) {
      try {
        const list = new Parser(src).parseAll();
        def = list.items[0].ao.first.cmds[0];
        this.funcCache.set(src, def);
      } catch {
        io.stderr.write(`bash: ${name}: function definition is broken\n`);
        return 1;
      }
    }
    if (def.t !== "func") return 1;
    if (this.funcDepth >= LIMITS.functionDepth) throw new FatalError(`bash: ${name}: maximum function nesting level exceeded (${LIMITS.functionDepth})`);
    const savedPos = this.positional;
    this.positional = argv.slice(1);
    this.funcDepth++;
    this.funcNames.push(name);
    const frame = new Map<string, string | undefined>();
    this.localFrames.push(frame);
    try {
      return await this.execCommand(def.body, io);
    } catch (e) {
      if (e instanceof ReturnSignal) return e.code;
      throw e;
    } finally {
      this.localFrames.pop();
      for (const [k, v] of frame) {
        if (v === undefined) delete this.state.vars[k];
        else this.state.vars[k] = v;
      }
      this.funcDepth--;
      this.funcNames.pop();
      this.positional = savedPos;
    }
  }

  private async runScriptPath(argv: string[], io: IO): Promise<number> {
    const name = argv[0];
    const path = this.fs.resolve(this.state.cwd, name, this.home);
    const st = this.devfs.stat(path);
    if (!st) {
      io.stderr.write(`bash: ${name}: No such file or directory\n`);
      return 127;
    }
    if (st.type === "dir") {
      io.stderr.write(`bash: ${name}: Is a directory\n`);
      return 126;
    }
    if (!((st.mode ?? 0o644) & 0o111)) {
      io.stderr.write(`bash: ${name}: Permission denied\n`);
      return 126;
    }
    return this.runScript(this.devfs.readFile(path), argv, io);
  }

  /** `bash file`, `./file`: a child shell sharing nothing but exported variables and cwd. */
  async runScript(text: string, argv: string[], io: IO): Promise<number> {
    return this.subshell(async () => {
      const exported = new Set(this.state.exported);
      for (const k of Object.keys(this.state.vars)) if (!exported.has(k)) delete this.state.vars[k];
      this.state.functions = nameTable();
      this.state.aliases = nameTable();
      this.positional = argv.slice(1);
      this.localFrames = [];
      const savedDepth = this.funcDepth;
      const savedArg0 = this.arg0;
      this.arg0 = argv[0];
      try {
        return await this.runSource(text.replace(/^#![^\n]*\n?/, ""), io);
      } catch (e) {
        if (e instanceof ReturnSignal) return e.code;
        if (e instanceof BreakSignal || e instanceof ContinueSignal) return 0;
        throw e;
      } finally {
        this.funcDepth = savedDepth;
        this.arg0 = savedArg0;
      }
    });
  }

  /** `source file` / `. file`: run in the current shell; `return` ends the file. */
  async sourceText(text: string, args: string[], io: IO): Promise<number> {
    if (this.sourceDepth >= LIMITS.sourceDepth) throw new FatalError("bash: source: maximum nesting level exceeded");
    const savedPos = this.positional;
    if (args.length) this.positional = args;
    this.sourceDepth++;
    try {
      return await this.runSource(text, io);
    } catch (e) {
      if (e instanceof ReturnSignal) return e.code;
      throw e;
    } finally {
      this.sourceDepth--;
      this.positional = savedPos;
    }
  }

  // ---------- redirections ----------

  async withRedirs(redirs: Redir[], io: IO, fn: (io: IO) => Promise<number>): Promise<number> {
    if (!redirs.length) return fn(io);
    const cur: IO = { ...io };
    const files: { path: string; sink: BufferSink; append: boolean; label: string }[] = [];
    const setFd = (fd: number, sink: OutputSink) => {
      if (fd === 1) {
        cur.stdout = sink;
        cur.stdoutIsTTY = false;
      } else if (fd === 2) cur.stderr = sink;
    };
    for (const r of redirs) {
      const fd = r.fd ?? (r.op.startsWith("<") ? 0 : 1);
      if (r.op === "<<" || r.op === "<<-") {
        const h = r.heredoc!;
        cur.stdin = h.expand ? (await this.expandParts(parseQuotedText(h.body), io, true)).join("") : h.body;
        cur.stdinIsTTY = false;
        cur.cursor = { pos: 0 };
        continue;
      }
      if (r.op === "<<<") {
        cur.stdin = (await this.expandSingle(r.target, io)) + "\n";
        cur.stdinIsTTY = false;
        cur.cursor = { pos: 0 };
        continue;
      }
      const target = await this.expandSingle(r.target, io);
      if ((r.op === ">&" || r.op === "<&") && /^\d+$|^-$/.test(target)) {
        if (target === "1") setFd(fd, cur.stdout);
        else if (target === "2") setFd(fd, cur.stderr);
        else if (target === "-") setFd(fd, nullSink);
        else if (target !== "0") {
          io.stderr.write(`bash: ${target}: Bad file descriptor\n`);
          return 1;
        }
        continue;
      }
      const path = this.fs.resolve(this.state.cwd, target, this.home);
      if (r.op === "<" || r.op === "<&") {
        try {
          cur.stdin = this.devfs.readFile(path);
          cur.stdinIsTTY = false;
          cur.cursor = { pos: 0 };
        } catch (e) {
          if (e instanceof FsError) {
            io.stderr.write(this.redirError(target, e.message, false));
            return 1;
          }
          throw e;
        }
        continue;
      }
      if (path === "/dev/stdout" || path === "/dev/tty") {
        setFd(fd, io.stdout);
        continue;
      }
      if (path === "/dev/stderr") {
        setFd(fd, io.stderr);
        continue;
      }
      const append = r.op === ">>" || r.op === "&>>";
      let sink: OutputSink;
      if (path === "/dev/null") sink = nullSink;
      else {
        const err = this.checkWritable(path, append);
        if (err) {
          io.stderr.write(this.redirError(target, err, true));
          // dash's redirection errors exit with 2 (its error() status); bash and ash return 1.
          return this.dialect === "dash" ? 2 : 1;
        }
        const buf = new BufferSink(LIMITS.outputBytes);
        files.push({ path, sink: buf, append, label: target });
        sink = buf;
      }
      if (r.op === "&>" || r.op === "&>>" || (r.op === ">&" && r.fd === null)) {
        setFd(1, sink);
        setFd(2, sink);
      } else setFd(fd, sink);
    }
    try {
      return await fn(cur);
    } finally {
      for (const f of files) {
        try {
          this.fs.writeFile(f.path, f.sink.text, { append: true });
        } catch (e) {
          if (e instanceof FsError) io.stderr.write(`bash: ${f.label}: ${e.message}\n`);
          else throw e;
        }
      }
    }
  }

  /**
   * A redirection that cannot be opened, in the words of the shell: dash `sh: 1: cannot create
   * F: Directory nonexistent`, busybox ash `sh: can't create F: nonexistent directory`, bash
   * `bash: F: No such file or directory`.
   */
  private redirError(target: string, err: string, create: boolean): string {
    const missing = err === "No such file or directory" || err === "Not a directory";
    if (this.dialect === "dash") return `sh: 1: cannot ${create ? "create" : "open"} ${target}: ${missing ? (create ? "Directory nonexistent" : "No such file") : err}\n`;
    if (this.dialect === "ash") return `sh: can't ${create ? "create" : "open"} ${target}: ${missing ? (create ? "nonexistent directory" : "no such file") : err}\n`;
    return `bash: ${target}: ${err}\n`;
  }

  /** Open for writing: create/truncate now so `> f` alone makes an empty file. */
  private checkWritable(path: string, append: boolean): string | null {
    const parent = this.fs.stat(dirname(path));
    if (!parent) return "No such file or directory";
    if (parent.type !== "dir") return "Not a directory";
    const st = this.fs.stat(path);
    if (st?.type === "dir") return "Is a directory";
    try {
      if (!append || !st) this.fs.writeFile(path, "");
    } catch (e) {
      if (e instanceof FsError) return e.message;
      throw e;
    }
    return null;
  }

  // ---------- expansion ----------

  /** Expand words to argv: braces, parameters, substitutions, splitting, globbing. */
  async expandWords(words: Word[], io: IO): Promise<string[]> {
    const out: string[] = [];
    for (const w of words) {
      const braced = w.text.includes("{") && w.parts.every((p) => p.k === "lit" && !p.q) && /\{.*(,|\.\.).*\}/.test(w.text) ? braceExpand(w.parts.map((p) => (p.k === "lit" ? p.v : "")).join("")) : null;
      if (braced && braced.length > 1) {
        for (const b of braced) for (const f of await this.expandParts([{ k: "lit", v: b, q: false }], io, false)) out.push(f);
      } else for (const f of await this.expandParts(w.parts, io, false)) out.push(f); // no spread: may be 100k+ fields
    }
    return out;
  }

  /** One string: no splitting or globbing (assignments, redirection targets, `case`, `[[`). */
  async expandSingle(w: Word, io: IO): Promise<string> {
    return (await this.expandParts(w.parts, io, true)).join(" ");
  }

  /** A pattern (quoted parts literal): `case` items, `[[ == ]]`, `${x#pat}`. */
  async expandPattern(w: Word | Word["parts"], io: IO): Promise<string> {
    const parts = Array.isArray(w) ? w : w.parts;
    let pat = "";
    for (const p of parts) {
      if (p.k === "lit") pat += p.q ? escapeGlob(p.v) : p.v;
      else {
        const v = (await this.expandParts([p], io, true)).join(" ");
        pat += "q" in p && p.q ? escapeGlob(v) : v;
      }
    }
    return pat;
  }

  private expandDepth = 0;

  async expandParts(parts: Word["parts"], io: IO, single: boolean): Promise<string[]> {
    // `${a:-${b:-${c:-…}}}` recurses at run time; refuse before the JS stack runs out.
    if (this.expandDepth >= 64) throw new FatalError("bash: expansion nested too deeply");
    this.expandDepth++;
    try {
      return await this.expandPartsInner(parts, io, single);
    } finally {
      this.expandDepth--;
    }
  }

  private async expandPartsInner(parts: Word["parts"], io: IO, single: boolean): Promise<string[]> {
    const fb = new FieldBuilder(single);
    const ifs = this.state.vars.IFS ?? " \t\n";
    for (const p of parts) {
      switch (p.k) {
        case "lit":
          if (p.q) fb.quoted(p.v);
          else fb.literal(p.v);
          break;
        case "tilde": {
          const h = p.user === "" ? (this.state.vars.HOME ?? this.home) : p.user === this.user ? this.home : p.user === "root" ? "/root" : "/home/" + p.user;
          fb.quoted(h);
          break;
        }
        case "param": {
          if (p.q && (p.raw === "@" || /^[A-Za-z_][A-Za-z0-9_]*\[@\]$/.test(p.raw)) && !single) {
            const items = p.raw === "@" ? this.positional : (this.state.vars[p.raw.slice(0, -3)] ?? "").split(" ").filter(Boolean);
            for (let i = 0; i < items.length; i++) {
              if (i > 0) fb.breakField();
              fb.quoted(items[i]);
            }
            break;
          }
          const v = await expandParam(this, p.raw, p.q, io);
          if (v === undefined) {
            if (p.q) fb.quoted("");
            break;
          }
          if (p.q) fb.quoted(v);
          else fb.split(v, ifs);
          break;
        }
        case "cmd": {
          const v = await this.commandSubst(p.body, io);
          if (p.q) fb.quoted(v);
          else fb.split(v, ifs);
          break;
        }
        case "arith": {
          const v = String(await this.arith(p.raw, io));
          if (p.q) fb.quoted(v);
          else fb.split(v, ifs);
          break;
        }
        case "proc": {
          const out = await this.commandSubst(p.body, io, true);
          const path = `/dev/fd/${63 - (this.procCounter++ % 32)}`;
          this.devfs.fds.set(path, out);
          fb.quoted(path);
          break;
        }
      }
    }
    const fields = fb.fields;
    let chars = 0;
    for (const f of fields) chars += f.text.length;
    this.work += fields.length + (chars >> 6);
    if (this.work > LIMITS.expansionWork) throw new FatalError("bash: work limit exceeded");
    const out: string[] = [];
    for (const f of fields) {
      if (!f.quoted && f.text === "") continue;
      if (f.glob && !single) {
        const matches = expandPathGlob(this.devfs, this.state.cwd, f.pat, this.home);
        if (matches.length) {
          for (const m of matches) out.push(m);
          continue;
        }
      }
      out.push(f.text);
    }
    if (single && !out.length) out.push("");
    return out;
  }

  /** `$(…)`: run in a subshell, capture stdout, strip trailing newlines. */
  async commandSubst(body: List, io: IO, keepNewlines = false): Promise<string> {
    // `$(< file)`: the file's content without running anything.
    const only = body.items.length === 1 && !body.items[0].ao.rest.length && body.items[0].ao.first.cmds.length === 1 ? body.items[0].ao.first.cmds[0] : null;
    if (only?.t === "simple" && !only.words.length && !only.assigns.length && only.redirs.length === 1 && only.redirs[0].op === "<") {
      const target = await this.expandSingle(only.redirs[0].target, io);
      try {
        const text = this.devfs.readFile(this.fs.resolve(this.state.cwd, target, this.home));
        this.state.lastExit = 0;
        return keepNewlines ? text : text.replace(/\n+$/, "");
      } catch (e) {
        if (!(e instanceof FsError)) throw e;
        io.stderr.write(`bash: ${target}: ${e.message}\n`);
        this.state.lastExit = 1;
        return "";
      }
    }
    const buf = new BufferSink(LIMITS.outputBytes);
    const status = await this.subshell(() => this.execList(body, { stdin: "", stdinIsTTY: false, stdout: buf, stdoutIsTTY: false, stderr: io.stderr }));
    this.state.lastExit = status;
    return keepNewlines ? buf.text : buf.text.replace(/\n+$/, "");
  }
}
