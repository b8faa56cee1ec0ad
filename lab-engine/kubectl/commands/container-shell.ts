// Running a command inside a container for `kubectl exec`/`debug`: a throwaway Shell over the
// container's files (volumes, /etc/hosts, /etc/resolv.conf...) and environment, with the
// image's own binaries and the network tools the image ships. Writes persist in the running
// container instance (persistWrites).

import type { Cluster } from "../../cluster/cluster.ts";
import type { KObject } from "../../api/types.ts";
import type { CommandTable, NestedSession, OutputSink, ShellHost } from "../../shell/types.ts";
import { nameTable, type ShellState } from "../../shell/state.ts";
import { Shell, type ShellDialect } from "../../shell/shell.ts";
import { VirtualFS } from "../../shell/vfs.ts";
import { textCommands } from "../../shell/commands/text/index.ts";
import { CORE_COMMANDS } from "../../shell/commands/core.ts";
import { containerEnv, containerFs, parseImage, runningInstance } from "../../kubelet/api.ts";
import { findContainer } from "../../kubelet/env.ts";
import { writableMounts } from "../../kubelet/volumes.ts";
import { FsError } from "../../shell/types.ts";
import { userlandOf } from "../../kubelet/probes.ts";
import { profileFor, shellsOf } from "./exec-images.ts";
import { networkCommandsFor } from "../../network/commands.ts";

const ROOT_DIRS = ["/bin", "/dev", "/etc", "/home", "/lib", "/media", "/mnt", "/opt", "/proc", "/root", "/run", "/sbin", "/srv", "/sys", "/tmp", "/usr/bin", "/usr/local/bin", "/var/log"];
const SHELL_WORDS = new Set(["echo", "printf", "test", "[", "true", "false", "pwd", "kill", "sleep", "env", "printenv", "which", "export", "cd", "exit"]);

export function quoteArg(a: string): string {
  return /^[A-Za-z0-9_./:=@%+,-]+$/.test(a) ? a : `'${a.replace(/'/g, `'\\''`)}'`;
}

export interface ContainerRun {
  stdout: string;
  stderr: string;
  exitCode: number;
  /** The executable was not in the image: the runtime's OCI error text instead of output. */
  notFound?: string;
}

/** The commands a container has: its image's binaries, coreutils and network tools if it ships them. */
function containerCommands(c: Cluster, pod: KObject, name: string): { commands: CommandTable; shells: ReturnType<typeof shellsOf>; tag: string } {
  const spec = findContainer(pod, name);
  const img = parseImage(spec?.image ?? "");
  const shells = shellsOf(img.repo, img.tag);
  const profile = profileFor(img.repo);
  const commands: CommandTable = {};
  // Network tools as the image ships them, seen from this pod (DNS search path, NetworkPolicy).
  if (shells.coreutils) Object.assign(commands, textCommands, networkCommandsFor(c, pod, name));
  // busybox/alpine `ls` on a missing path: "ls: X: No such file or directory", exit 1 (GNU: exit 2).
  if (shells.coreutils && userlandOf(spec) === "busybox" && CORE_COMMANDS.ls) {
    const gnuLs = CORE_COMMANDS.ls;
    commands.ls = async (ctx) => {
      let missing = false;
      const stderr = {
        write: (t: string) => {
          ctx.stderr.write(t.replace(/^ls: cannot access '(.*)': No such file or directory$/gm, (_m, f) => ((missing = true), `ls: ${f}: No such file or directory`)));
        },
      };
      const code = await gnuLs({ ...ctx, stderr });
      return missing && code === 2 ? 1 : code;
    };
  }
  // busybox touch names the file without GNU's "cannot touch '…'".
  if (shells.coreutils && userlandOf(spec) === "busybox" && CORE_COMMANDS.touch) {
    const gnuTouch = CORE_COMMANDS.touch;
    commands.touch = (ctx) => gnuTouch({ ...ctx, stderr: { write: (t: string) => ctx.stderr.write(t.replace(/^touch: cannot touch '(.*)': /gm, "touch: $1: ")) } });
  }
  // The process runs as the securityContext's runAsUser/runAsGroup (the container's over the pod's).
  const uid = spec?.securityContext?.runAsUser ?? pod.spec?.securityContext?.runAsUser;
  const gid = spec?.securityContext?.runAsGroup ?? pod.spec?.securityContext?.runAsGroup;
  if (shells.coreutils && CORE_COMMANDS.id && (uid !== undefined || gid !== undefined)) {
    const rootId = CORE_COMMANDS.id;
    commands.id = async (ctx) => {
      if (ctx.argv.length === 2 && (ctx.argv[1] === "-u" || ctx.argv[1] === "-g")) {
        ctx.stdout.write(`${ctx.argv[1] === "-u" ? (uid ?? 0) : (gid ?? 0)}\n`);
        return 0;
      }
      return rootId(ctx);
    };
  }
  for (const [bin, fn] of Object.entries(profile?.bins ?? {})) {
    commands[bin] = async (ctx) => {
      const r = fn(ctx.argv.slice(1), img.tag, { env: ctx.env, stdin: ctx.stdinIsTTY ? "" : ctx.stdin, tty: ctx.stdoutIsTTY });
      // Warnings come first (mysql's password warning precedes its result).
      if (r.stderr) ctx.stderr.write(r.stderr);
      if (r.stdout) ctx.stdout.write(r.stdout);
      return r.code ?? 0;
    };
  }
  return { commands, shells, tag: img.tag };
}

/** A Shell over a fresh view of the container's files; `state` carries an interactive session on. */
function containerShell(c: Cluster, pod: KObject, name: string, host: ShellHost, commands: CommandTable, state: ShellState | undefined, dialect: ShellDialect): { sh: Shell; fs: VirtualFS; before: Record<string, string> } {
  const { fs, before } = containerVfs(c, pod, name);
  if (findContainer(pod, name)?.securityContext?.readOnlyRootFilesystem) readOnlyRoot(fs, c, pod, name);
  const env = containerEnv(c, pod, name);
  const hostname = env.HOSTNAME ?? pod.metadata.name;
  const sh = new Shell({ fs, host, commands, home: env.HOME ?? "/root", hostname, user: "root", seed: 1, state, dialect });
  if (!state) {
    sh.state.vars = nameTable({ ...env, PWD: "/" });
    sh.state.exported = Object.keys(env);
    sh.state.cwd = findContainer(pod, name)?.workingDir ?? "/";
    if (sh.state.cwd !== "/") sh.state.vars.PWD = sh.state.cwd;
  }
  return { sh, fs, before };
}

/** readOnlyRootFilesystem: writes outside the container's volumes (and /dev) fail with EROFS. */
function readOnlyRoot(fs: VirtualFS, c: Cluster, pod: KObject, name: string): void {
  const mounts = writableMounts(c, pod, findContainer(pod, name));
  const writable = (p: string) => p === "/dev" || p.startsWith("/dev/") || mounts.some((m) => p === m.path || p.startsWith(m.path + "/"));
  const guard = <A extends unknown[]>(f: (path: string, ...rest: A) => void) =>
    (path: string, ...rest: A): void => {
      if (!writable(path)) throw new FsError("EROFS", path);
      f.call(fs, path, ...rest);
    };
  fs.writeFile = guard(fs.writeFile);
  fs.mkdir = guard(fs.mkdir);
  fs.remove = guard(fs.remove);
  const rename = fs.rename;
  fs.rename = (from: string, to: string) => {
    if (!writable(from)) throw new FsError("EROFS", from);
    if (!writable(to)) throw new FsError("EROFS", to);
    rename.call(fs, from, to);
  };
}

/** Run argv (no shell parsing) in container `name` of `pod`, feeding `stdin`. */
export async function runInContainer(c: Cluster, pod: KObject, name: string, argv: string[], stdin: string, host: ShellHost): Promise<ContainerRun> {
  const { commands, shells } = containerCommands(c, pod, name);
  const cmd0 = argv[0].replace(/^.*\//, "");
  const available =
    commands[cmd0] !== undefined ||
    (shells.coreutils && (CORE_COMMANDS[cmd0] !== undefined || SHELL_WORDS.has(cmd0))) ||
    (cmd0 === "sh" && shells.sh) ||
    (cmd0 === "bash" && shells.bash);
  if (!available) {
    return { stdout: "", stderr: "", exitCode: 1, notFound: cmd0 };
  }
  const { sh, fs, before } = containerShell(c, pod, name, host, commands, undefined, dialectOf(cmd0, shells));
  // A bare shell reads its script from stdin (`kubectl exec -i pod -- sh < script.sh`).
  const line = isShellName(cmd0) && argv.length === 1 ? stdin : argv.map(quoteArg).join(" ");
  const r = await sh.runCapture(line, { stdin, noHistory: true });
  persistWrites(c, pod, name, before, fs);
  return r;
}

function isShellName(cmd0: string): boolean {
  return cmd0 === "sh" || cmd0 === "bash" || cmd0 === "ash";
}

/** Which shell answers: bash images run dash as `sh`, busybox/alpine run ash. */
function dialectOf(cmd0: string, shells: { bash: boolean }): ShellDialect {
  if (cmd0 === "bash") return "bash";
  return shells.bash ? "dash" : "ash";
}

/** Whether argv starts an interactive shell when stdin is attached (`-- sh`, `-- /bin/bash`, `-- bash -l`). */
export function isInteractiveShell(argv: string[]): boolean {
  const cmd0 = (argv[0] ?? "").replace(/^.*\//, "");
  if (!isShellName(cmd0)) return false;
  return argv.slice(1).every((a) => a === "-l" || a === "-i" || a === "--login");
}

export interface ContainerSessionOptions {
  /** -t: a terminal (prompt, stderr merged into the output). */
  tty: boolean;
  /** After the shell ends: what kubectl prints then, and kubectl's exit code. */
  onEnd(code: number, io: { stdout: OutputSink; stderr: OutputSink }): Promise<number> | number;
}

/**
 * `kubectl exec -it POD -- sh` (and `kubectl run -it ... -- sh`): a shell in the container that
 * reads the terminal's next inputs until `exit` or Ctrl-D. Each input runs against the
 * container's current files (its writable layer, volumes), and its writes persist there.
 */
export function containerSession(c: Cluster, pod: KObject, name: string, argv: string[], host: ShellHost, opts: ContainerSessionOptions): NestedSession {
  const { commands, shells } = containerCommands(c, pod, name);
  const cmd0 = argv[0].replace(/^.*\//, "");
  const dialect = dialectOf(cmd0, shells);
  let state: ShellState | undefined;
  const ns = pod.metadata.namespace;
  const podName = pod.metadata.name;
  const uid = pod.metadata.uid;
  // Before the first input the prompt comes from the container's environment and workingDir.
  const env = containerEnv(c, pod, name);
  const first = { cwd: findContainer(pod, name)?.workingDir ?? "/", home: env.HOME ?? "/root", host: env.HOSTNAME ?? podName };
  const session: NestedSession = {
    ended: false,
    history: [],
    prompt() {
      if (!opts.tty) return "";
      const cwd = state?.cwd ?? first.cwd;
      const home = state?.vars.HOME ?? first.home;
      const w = cwd === home ? "~" : cwd.startsWith(home + "/") ? "~" + cwd.slice(home.length) : cwd;
      if (dialect === "bash") return `root@${state?.vars.HOSTNAME ?? first.host}:${w}# `;
      if (dialect === "dash") return "# ";
      return `${w} # `;
    },
    async run(line, io) {
      const cur = c.store.get("pods", ns, podName);
      if (!cur || cur.metadata.uid !== uid || !runningInstance(c, cur, name)) {
        // The container went away under the session: the stream closes like a killed process.
        session.ended = true;
        return 137;
      }
      const { sh, fs, before } = containerShell(c, cur, name, host, commands, state, dialect);
      state = sh.state;
      state.history = session.history;
      const err = opts.tty ? io.stdout : io.stderr;
      const code = await sh.run(line, { stdout: io.stdout, stderr: err, signal: io.signal, stdoutIsTTY: opts.tty });
      persistWrites(c, cur, name, before, fs);
      if (sh.state.exitRequested !== null) {
        session.ended = true;
        return sh.state.exitRequested;
      }
      return code;
    },
    eof(io) {
      // bash says `exit` on Ctrl-D; ash and dash just end.
      if (opts.tty && dialect === "bash") io.stdout.write("exit\n");
      session.ended = true;
      return state?.lastExit ?? 0;
    },
    finish: (code, io) => Promise.resolve(opts.onEnd(code, io)),
  };
  return session;
}

/** The container's files as a scratch VirtualFS (plus the record it was built from, for persistWrites). */
export function containerVfs(c: Cluster, pod: KObject, name: string): { fs: VirtualFS; before: Record<string, string> } {
  const fs = new VirtualFS(() => c.now);
  for (const d of ROOT_DIRS) fs.mkdir(d, { parents: true });
  const before = containerFs(c, pod, name);
  for (const [path, content] of Object.entries(before)) {
    try {
      // `<dir>/`: an empty directory (a volume's mount point).
      if (path.endsWith("/")) {
        fs.mkdir(path.replace(/\/+$/, "") || "/", { parents: true });
        continue;
      }
      const dir = path.replace(/\/[^/]*$/, "") || "/";
      fs.mkdir(dir, { parents: true });
      fs.writeFile(path, content);
    } catch {
      // A file shadowed by a directory of the same name: skip it rather than fail the exec.
    }
  }
  return { fs, before };
}

/**
 * Files the command created, changed or removed become file operations of the running
 * container instance (kubelet state), so a later exec, cp or probe sees them until the
 * container restarts — like a container's writable layer.
 */
export function persistWrites(c: Cluster, pod: KObject, name: string, before: Record<string, string>, fs: VirtualFS): void {
  const inst = runningInstance(c, pod, name);
  if (!inst) return;
  const after: Record<string, string> = {};
  for (const [path, e] of Object.entries((fs.toJSON() as { entries: Record<string, { type: string; content?: string }> }).entries)) {
    if (e.type === "file") after[path] = e.content ?? "";
  }
  const at = c.now - inst.startedAt;
  const ops: { at: number; path: string; op: "add" | "rm"; content?: string }[] = [];
  for (const [path, content] of Object.entries(after)) if (before[path] !== content) ops.push({ at, path, op: "add", content });
  for (const path of Object.keys(before)) if (!(path in after) && !path.endsWith("/")) ops.push({ at, path, op: "rm" });
  if (!ops.length) return;
  // Keep the list ordered by time: filesAt stops at the first operation still in the future.
  const files = inst.prog.files;
  let i = files.length;
  while (i > 0 && files[i - 1].at > at) i--;
  files.splice(i, 0, ...ops);
}
