// A learner's sandbox: their clusters (kubeconfig contexts), the workstation (files, shell
// state, history) and the terminal in front of it. The one seam the web server, the CLI,
// the tests and the graders all drive. Everything that changes snapshots to JSON.

import type { Clock, AbortSignalLike } from "../clock/clock.ts";
import { Cluster, type ClusterState } from "../cluster/cluster.ts";
import { Shell } from "../shell/shell.ts";
import type { ShellState } from "../shell/state.ts";
import { VirtualFS } from "../shell/vfs.ts";
import type { CommandContext, CommandTable, NestedSession, OutputSink } from "../shell/types.ts";
import { isIncomplete } from "../shell/parser.ts";
import { textCommands } from "../shell/commands/text/index.ts";
import { LineDiscipline } from "../terminal/line-discipline.ts";
import { formatPrompt } from "../terminal/prompt.ts";
import { makeKubectl } from "../kubectl/index.ts";
import { defaultKubeconfig, type Kubeconfig, type KubectlHost } from "../kubectl/host.ts";
import { templateFor, instantiateCluster, type SandboxSetup } from "./template.ts";
import { encodeClusters, decodeClusters, type ClusterSnapshot } from "./snapshot.ts";
import { sandboxCommands } from "./commands.ts";
import { completeLine } from "./completion.ts";
import { SandboxLimits, DEFAULT_LIMITS, type Limits } from "./limits.ts";

export type SandboxEvent =
  | { type: "editor-open"; path: string; content: string }
  | { type: "editor-close"; path: string }
  | { type: "cluster-changed" }
  | { type: "exit" }
  | { type: "port-forward"; local: number; target: string };

export interface SandboxSnapshot {
  v: 1;
  seed: number;
  /** Offset between the host clock and sandbox time, so a restored sandbox's timeline continues. */
  timeOffset: number;
  /** Sandbox time at snapshot (virtual clocks resume from here). */
  now: number;
  setup: SandboxSetup;
  clusters: ClusterSnapshot;
  kubeconfig: Kubeconfig;
  fs: unknown;
  shell: ShellState;
  labId?: string;
}

export interface CreateOptions {
  seed?: number;
  clock: Clock;
  setup?: SandboxSetup;
  labId?: string;
  limits?: Partial<Limits>;
}

interface PendingEdit {
  path: string;
  resolve: () => void;
}

/** Sandbox time = host clock + offset: the template's timeline continues on any clock. */
class OffsetClock implements Clock {
  constructor(
    private readonly base: Clock,
    public offset: number,
  ) {}
  get mode() {
    return this.base.mode;
  }
  now(): number {
    return this.base.now() + this.offset;
  }
  sleep(ms: number, signal?: AbortSignalLike): Promise<void> {
    return this.base.sleep(ms, signal);
  }
}

export class Sandbox {
  readonly clusters = new Map<string, Cluster>();
  kubeconfig: Kubeconfig;
  readonly fs: VirtualFS;
  readonly shell: Shell;
  readonly clock: OffsetClock;
  readonly limits: SandboxLimits;
  private outputCbs: ((data: string) => void)[] = [];
  private eventCbs: ((ev: SandboxEvent) => void)[] = [];
  private ld: LineDiscipline | undefined;
  private abort: { aborted: boolean; cbs: (() => void)[] } | undefined;
  private pendingEdit: PendingEdit | undefined;
  private lastRv = "";
  /** Interactive programs over the workstation shell (`kubectl exec -it POD -- sh`), innermost last. Not snapshotted. */
  private sessions: NestedSession[] = [];
  /** Host hook for the local CLI's $EDITOR; the web uses editor-open events. */
  externalEditor?: (path: string, content: string) => Promise<string | undefined>;

  private constructor(
    readonly seed: number,
    private readonly baseClock: Clock,
    timeOffset: number,
    readonly setup: SandboxSetup,
    clusters: Record<string, ClusterState>,
    kubeconfig: Kubeconfig,
    fsData: unknown,
    shellState: ShellState | undefined,
    readonly labId: string | undefined,
    limits: Partial<Limits> = {},
  ) {
    this.clock = new OffsetClock(baseClock, timeOffset);
    for (const [name, st] of Object.entries(clusters)) this.clusters.set(name, new Cluster(st));
    this.kubeconfig = kubeconfig;
    this.limits = new SandboxLimits({ ...DEFAULT_LIMITS, ...limits });
    const now = () => this.clock.now();
    this.fs = fsData ? VirtualFS.fromJSON(fsData, now) : VirtualFS.withDefaults(now);
    // A null-prototype table filled with Object.assign: a spread literal here got a fresh hidden
    // class per sandbox (and `constructor` or `toString` typed at the prompt must not resolve
    // to Object.prototype's functions).
    const commands: CommandTable = Object.assign(Object.create(null), textCommands, sandboxCommands(this));
    commands.kubectl = makeKubectl(new SandboxKubectlHost(this));
    this.shell = new Shell({
      fs: this.fs,
      commands,
      state: shellState,
      seed,
      host: {
        clock: this.clock,
        sync: () => this.sync(),
        charge: (n) => this.limits.charge(n),
        openEditor: (path) => this.openEditor(path),
        enterSession: (s) => void this.sessions.push(s),
      },
    });
    if (!shellState) {
      // As in the CKA exam environment: `k` is kubectl, and completion is loaded.
      this.shell.state.aliases.k = "kubectl";
    }
  }

  static create(opts: CreateOptions): Sandbox {
    const setup = opts.setup ?? { kind: "default" };
    const seed = (opts.seed ?? 1) >>> 0;
    const tpl = templateFor(setup);
    const offset = tpl.now - opts.clock.now();
    const clusters: Record<string, ClusterState> = {};
    for (const [name, st] of Object.entries(tpl.clusters)) {
      const copy: ClusterState = instantiateCluster(st);
      // Each sandbox gets its own random sequence from its seed.
      copy.rng = (seed * 2654435761 + name.length) >>> 0;
      clusters[name] = copy;
    }
    const sb = new Sandbox(seed, opts.clock, offset, setup, clusters, structuredCloneJson(tpl.kubeconfig), tpl.fs ? structuredCloneJson(tpl.fs) : undefined, undefined, opts.labId, opts.limits);
    return sb;
  }

  /**
   * Rebuild a sandbox from a snapshot. `adopt: true` when the snapshot was just parsed from
   * storage and nothing else holds it (the server's path): its objects are used without copying.
   */
  static restore(snap: SandboxSnapshot, clock: Clock, limits?: Partial<Limits>, opts: { adopt?: boolean } = {}): Sandbox {
    const tpl = templateFor(snap.setup);
    const clusters = decodeClusters(snap.clusters, tpl.clusters, opts.adopt);
    // Keep sandbox time monotonic across restarts: on a real clock, resume where the host's
    // clock is now (time passed while it was stored); on a virtual clock, where it stopped.
    const offset = clock.mode === "virtual" ? snap.now - clock.now() : snap.timeOffset;
    return new Sandbox(snap.seed, clock, offset, snap.setup, clusters, snap.kubeconfig, snap.fs, snap.shell, snap.labId, limits);
  }

  snapshot(): SandboxSnapshot {
    const tpl = templateFor(this.setup);
    const states: Record<string, ClusterState> = {};
    for (const [n, c] of this.clusters) states[n] = c.state;
    return {
      v: 1,
      seed: this.seed,
      timeOffset: this.clock.offset,
      now: this.clock.now(),
      setup: this.setup,
      clusters: encodeClusters(states, tpl.clusters),
      kubeconfig: structuredCloneJson(this.kubeconfig),
      fs: this.fs.toJSON(),
      shell: this.shell.snapshot(),
      ...(this.labId ? { labId: this.labId } : {}),
    };
  }

  /** The cluster of the current kubeconfig context. */
  get cluster(): Cluster {
    const ctx = this.kubeconfig.contexts.find((c) => c.name === this.kubeconfig.currentContext) ?? this.kubeconfig.contexts[0];
    return this.clusters.get(ctx.cluster) ?? [...this.clusters.values()][0];
  }

  /** Bring every cluster up to sandbox time. */
  sync(): void {
    const now = this.clock.now();
    // Even at the same instant, let controllers react to the last command's writes
    // (a ReplicationController's pods exist before the next command runs, as on a real cluster).
    for (const c of this.clusters.values()) c.advanceTo(Math.max(now, c.now));
  }

  /** Real-time hosts call this about once a second; emits cluster-changed when something moved. */
  tick(): void {
    this.sync();
    const rv = [...this.clusters.values()].map((c) => c.store.rv).join(",");
    if (rv !== this.lastRv) {
      this.lastRv = rv;
      this.emit({ type: "cluster-changed" });
    }
  }

  /** Wait in sandbox time. Virtual clocks jump (and the clusters with them); real ones wait. */
  async sleepFor(ms: number, ctx?: CommandContext): Promise<void> {
    if (this.clock.mode === "virtual") {
      const target = this.clock.now() + ms;
      await this.clock.sleep(ms);
      for (const c of this.clusters.values()) c.advanceTo(target);
      return;
    }
    await this.clock.sleep(ms, ctx?.signal);
    this.sync();
  }

  // ---------- machine mode ----------

  /** Run one input as typed at the prompt (may hold newlines). */
  async run(line: string, opts: { signal?: AbortSignalLike } = {}): Promise<{ stdout: string; stderr: string; exitCode: number }> {
    this.sync();
    this.limits.startCommand();
    const res = this.sessions.length ? await this.runInSession(line, opts.signal) : await this.shell.runCapture(line, { signal: opts.signal });
    const cap = this.limits.maxOutputBytes;
    if (res.stdout.length > cap) res.stdout = res.stdout.slice(0, cap) + "\n[output truncated]\n";
    if (res.stderr.length > cap) res.stderr = res.stderr.slice(0, cap) + "\n[output truncated]\n";
    return res;
  }

  /** An input typed while a nested session (container shell) has the terminal. */
  private async runInSession(line: string, signal?: AbortSignalLike): Promise<{ stdout: string; stderr: string; exitCode: number }> {
    let stdout = "";
    let stderr = "";
    const io = { stdout: { write: (s: string) => void (stdout += s) }, stderr: { write: (s: string) => void (stderr += s) } };
    const exitCode = await this.sessionInput(line, io, signal ?? { aborted: false, addEventListener: () => {} });
    return { stdout, stderr, exitCode };
  }

  /** Run one input in the innermost session; when it ends, let its command finish on the workstation. */
  private async sessionInput(line: string, io: { stdout: OutputSink; stderr: OutputSink }, signal: AbortSignalLike): Promise<number> {
    const s = this.sessions[this.sessions.length - 1];
    let code: number;
    try {
      code = await s.run(line, { ...io, signal });
    } catch (e) {
      io.stderr.write(`sh: ${(e as Error).message}\n`);
      code = 1;
    }
    if (s.ended) code = await this.endSession(s, code, io);
    return code;
  }

  private async endSession(s: NestedSession, code: number, io: { stdout: OutputSink; stderr: OutputSink }): Promise<number> {
    this.sessions = this.sessions.filter((x) => x !== s);
    this.sync();
    const status = await s.finish(code, io);
    this.shell.state.lastExit = status;
    return status;
  }

  /** Whether an interactive container shell has the terminal (for hosts and tests). */
  get inSession(): boolean {
    return this.sessions.length > 0;
  }

  // ---------- terminal mode ----------

  onOutput(cb: (data: string) => void): () => void {
    this.outputCbs.push(cb);
    return () => (this.outputCbs = this.outputCbs.filter((x) => x !== cb));
  }

  onEvent(cb: (ev: SandboxEvent) => void): () => void {
    this.eventCbs.push(cb);
    return () => (this.eventCbs = this.eventCbs.filter((x) => x !== cb));
  }

  private write(data: string): void {
    for (const cb of this.outputCbs) cb(data);
  }

  private emit(ev: SandboxEvent): void {
    for (const cb of this.eventCbs) cb(ev);
  }

  private terminal(): LineDiscipline {
    if (this.ld) return this.ld;
    const sb = this;
    // Output goes through the line discipline so it knows where the cursor is for the next prompt.
    const tty: OutputSink = { write: (s) => (sb.ld ? sb.ld.writeOutput(s.replace(/\r?\n/g, "\r\n")) : sb.write(s.replace(/\r?\n/g, "\r\n"))) };
    this.ld = new LineDiscipline(
      {
        write: (d) => sb.write(d),
        prompt: () => {
          const s = sb.sessions[sb.sessions.length - 1];
          if (s) return s.prompt();
          return formatPrompt({ user: sb.shell.user, host: sb.shell.hostname, cwd: sb.shell.state.cwd, home: sb.shell.home });
        },
        isIncomplete: (t) => isIncomplete(t),
        execute: async (text) => {
          sb.sync();
          sb.limits.startCommand();
          const abort = { aborted: false, cbs: [] as (() => void)[] };
          sb.abort = abort;
          const signal: AbortSignalLike = {
            get aborted() {
              return abort.aborted;
            },
            addEventListener: (_t, cb) => abort.cbs.push(cb),
          };
          try {
            if (sb.sessions.length) await sb.sessionInput(text, { stdout: tty, stderr: tty }, signal);
            else await sb.shell.run(text, { stdout: tty, stderr: tty, signal });
          } catch (e) {
            tty.write(`bash: ${(e as Error).message}\n`);
          } finally {
            sb.abort = undefined;
          }
          if (sb.shell.state.exitRequested !== null) {
            sb.shell.state.exitRequested = null;
            sb.emit({ type: "exit" });
            tty.write("logout\n");
          }
          sb.emit({ type: "cluster-changed" });
        },
        interrupt: () => {
          const a = sb.abort;
          if (!a || a.aborted) return;
          a.aborted = true;
          for (const cb of a.cbs.splice(0)) cb();
        },
        complete: (line, cursor) => (sb.sessions.length ? { replaceFrom: cursor, candidates: [] } : completeLine(sb, line, cursor)),
        historyList: () => (sb.sessions.length ? sb.sessions[sb.sessions.length - 1].history : sb.shell.state.history),
        addHistory: () => {
          /* the shell records history itself when it runs the input */
        },
        eof: () => {
          const s = sb.sessions[sb.sessions.length - 1];
          if (s) {
            // Ctrl-D in a container shell ends it and returns to the workstation prompt.
            const code = s.eof({ stdout: tty });
            void sb.endSession(s, code, { stdout: tty, stderr: tty }).then(() => sb.ld?.newPrompt());
            return;
          }
          sb.write("logout\r\n");
          sb.emit({ type: "exit" });
        },
      },
      { cols: 80, rows: 24, bracketedPaste: true },
    );
    return this.ld;
  }

  /** Print the first prompt (call once a terminal is attached). */
  start(): void {
    this.terminal().start();
  }

  input(data: string): void {
    this.terminal().input(data);
  }

  resize(cols: number, rows: number): void {
    this.terminal().resize(cols, rows);
  }

  // ---------- editor ----------

  private async openEditor(path: string): Promise<void> {
    const content = this.fs.exists(path) ? this.fs.readFile(path) : "";
    if (this.externalEditor) {
      const saved = await this.externalEditor(path, content);
      if (saved !== undefined) this.fs.writeFile(path, saved);
      return;
    }
    if (this.eventCbs.length === 0) throw new Error("no editor is attached to this terminal");
    await new Promise<void>((resolve) => {
      this.pendingEdit = { path, resolve };
      this.emit({ type: "editor-open", path, content });
    });
  }

  /** The web editor saved (and closed) the file the pending `vi` opened. */
  saveEditor(path: string, content: string | undefined): void {
    if (content !== undefined) this.fs.writeFile(path, content);
    const p = this.pendingEdit;
    if (p && p.path === path) {
      this.pendingEdit = undefined;
      this.emit({ type: "editor-close", path });
      p.resolve();
    }
  }

  /** A fresh sandbox of the same setup (lab) on the same host clock; the host swaps it in. */
  reset(): Sandbox {
    return Sandbox.create({ seed: this.seed, clock: this.baseClock, setup: this.setup, labId: this.labId });
  }
}

function structuredCloneJson<T>(x: T): T {
  return JSON.parse(JSON.stringify(x));
}

export { defaultKubeconfig };

/**
 * kubectl's view of a sandbox. A class rather than an object literal with a getter: V8 gave
 * each such literal its own dictionary-mode hidden class, i.e. old-space garbage per sandbox.
 */
class SandboxKubectlHost implements KubectlHost {
  constructor(private readonly sb: Sandbox) {}
  get kubeconfig(): Kubeconfig {
    return this.sb.kubeconfig;
  }
  cluster(name: string): Cluster | undefined {
    return this.sb.clusters.get(name);
  }
  sync(): void {
    this.sb.sync();
  }
  sleep(ms: number, ctx: CommandContext): Promise<void> {
    return this.sb.sleepFor(ms, ctx);
  }
}
