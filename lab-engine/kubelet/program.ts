// What a container's main process does over time, computed once when the container starts
// and stored with the container instance (plain data): log lines, files it creates/removes,
// the ports it listens on, when and how it exits, how it reacts to SIGTERM and what it uses.

import { compileLive, compileScript, quoteArgv, resumeLive, liveLog, DATE, type LiveLog, type LiveSession, type ScriptEnv, type Timeline, type TimedLine, type FileOp, type Traffic, type Listener } from "./shell-sim.ts";
import type { ImageInfo, ImageRef } from "./images.ts";
import { piDigits } from "./pi.ts";
import { nginxStartLog } from "./images.ts";

export interface Program {
  lines: TimedLine[];
  loop?: Timeline["loop"];
  files: FileOp[];
  exitAt?: number;
  exitCode: number;
  oom?: boolean;
  /** Image repo whose HTTP behaviour answers probes and curl; "" = none. */
  serve: string;
  ports: number[];
  /** ms after start when the ports accept connections. */
  listenAt: number;
  /** ms the process needs to exit on SIGTERM; undefined = ignores it (waits the grace period). */
  sigtermMs?: number;
  cpuMilli: number;
  memBytes: number;
  /** A script that talks to the cluster while it runs: how to continue it (see shell-sim.ts). */
  live?: LiveRecord;
  /** A load-generator loop: requests per period (usage.ts turns them into backend CPU). */
  traffic?: Traffic;
  /** `nc -l -p PORT` servers: what each sends to a client (http.ts). */
  listens?: Listener[];
  /** `tail -f FILE`: the output follows the file (logs.ts). */
  follow?: Timeline["follow"];
}

/** Plain data to resume (or, after a restore, replay) a live script. */
export interface LiveRecord {
  /** Offset (ms from start) at which the script continues. */
  at: number;
  script: string;
  vars: Record<string, string>;
  hostname: string;
  log: LiveLog;
  /** How many of `files` came from the script (the rest are kubectl exec/cp writes). */
  nFiles: number;
}

export interface ProgramInput {
  argv: string[];
  image: ImageInfo | undefined;
  ref: ImageRef;
  env: Record<string, string>;
  hostname: string;
  readFile(path: string): string | undefined;
  listFiles?(): string[];
  memLimit?: number;
  cpuLimit?: number;
  /** stdin+tty: an interactive shell keeps running. */
  interactive: boolean;
  /** The container's own process (kubelet): network tools answer live, as the script runs. */
  live?: boolean;
  /** The node's InternalIP (kube-proxy logs it). */
  hostIP?: string;
  /** A volume is mounted at /var/log/nginx: nginx's logs go to files there, not to stdout/stderr. */
  nginxLogDir?: boolean;
}

const MI = 1024 * 1024;
export const NGINX_DATE = "\u0001nginxdate\u0001";
export const MYSQL_DATE = "\u0001mysqldate\u0001";
/** mysqld's own log prefix, RFC 3339 with microseconds: `2026-11-21T22:03:20.123456Z`. */
export const MYSQLD_DATE = "\u0001mysqlddate\u0001";

/** The server version the official mysql image of a tag ships (its entrypoint prints `<version>-1.el<n>`). */
function mysqlVersion(tag: string): string {
  if (tag.startsWith("5")) return "5.7.44-1.el7";
  if (tag === "8.0" || tag.startsWith("8.0.")) return "8.0.40-1.el9";
  return "8.4.3-1.el9";
}

/** The process argv the runtime execs: ENTRYPOINT/CMD overridden by command/args as Kubernetes does. */
export function resolveArgv(ctr: any, image: ImageInfo | undefined): string[] {
  const entry = ctr.command ?? image?.entrypoint ?? [];
  const args = ctr.args ?? (ctr.command ? [] : (image?.cmd ?? []));
  return [...entry, ...args];
}

/** Suspended live scripts of this process, by program record (rebuilt by replay after a restore). */
const sessions = new WeakMap<Program, LiveSession>();

/**
 * Continue a live script to the cluster's present (`limit` = ms since the container started):
 * the program record gets the new lines, file operations, exit and next wait.
 */
export function resumeProgram(prog: Program, limit: number, readFile: (p: string) => string | undefined, listFiles?: () => string[]): void {
  const lv = prog.live;
  if (!lv) return;
  let session = sessions.get(prog);
  let tl: Timeline;
  if (!session) {
    const env: ScriptEnv = { vars: lv.vars, hostname: lv.hostname, readFile, listFiles };
    const r = compileLive(lv.script, env, lv.log, limit);
    session = r.session;
    tl = r.tl;
  } else tl = resumeLive(session, limit);
  sessions.set(prog, session);
  prog.lines = tl.lines;
  // New file operations of the script go in time order among those kubectl exec added.
  for (const op of tl.files.slice(lv.nFiles)) {
    let i = prog.files.length;
    while (i > 0 && prog.files[i - 1].at > op.at) i--;
    prog.files.splice(i, 0, op);
  }
  lv.nFiles = tl.files.length;
  lv.log = liveLog(session);
  if (tl.loop) prog.loop = tl.loop;
  if (tl.traffic) prog.traffic = tl.traffic;
  if (tl.listens) listen(prog, tl.listens);
  if (tl.follow) prog.follow = tl.follow;
  prog.exitCode = tl.exitCode;
  if (tl.trapsTerm) prog.sigtermMs = 100;
  if (tl.wait !== undefined) lv.at = tl.wait;
  else {
    delete prog.live;
    sessions.delete(prog);
    if (tl.exitAt !== undefined) prog.exitAt = tl.exitAt;
  }
}

/** `nc -l` servers of a script: the ports the process listens on, from the first one's start. */
function listen(prog: Program, ls: Listener[]): void {
  prog.listens = ls;
  prog.ports = [...new Set(ls.map((l) => l.port))];
  prog.listenAt = Math.min(...ls.map((l) => l.at));
}

function fromTimeline(tl: Timeline, base: Partial<Program>): Program {
  const prog = fromTimelineBase(tl, base);
  if (tl.listens) listen(prog, tl.listens);
  if (tl.follow) prog.follow = tl.follow;
  return prog;
}

function fromTimelineBase(tl: Timeline, base: Partial<Program>): Program {
  return {
    lines: tl.lines,
    ...(tl.loop ? { loop: tl.loop } : {}),
    files: tl.files,
    ...(tl.exitAt !== undefined ? { exitAt: tl.exitAt } : {}),
    exitCode: tl.exitCode,
    serve: "",
    ports: [],
    listenAt: 0,
    ...(tl.trapsTerm ? { sigtermMs: 100 } : {}),
    ...(tl.traffic ? { traffic: tl.traffic } : {}),
    cpuMilli: 0,
    memBytes: 512 * 1024,
    ...base,
  };
}

function isShell(a: string | undefined): boolean {
  return !!a && /^(\/usr)?(\/bin\/)?(sh|bash|ash|dash|zsh)$/.test(a);
}

/** Everything after the entrypoint wrappers that only exec their args. */
function stripWrappers(argv: string[]): string[] {
  let a = argv;
  while (a.length && /(^|\/)(docker-entrypoint\.sh|entrypoint\.sh|tini|dumb-init|env)$/.test(a[0]) && a.length > 1) a = a.slice(a[1] === "--" ? 2 : 1);
  return a;
}

export function buildProgram(inp: ProgramInput): Program {
  const img = inp.image;
  const behaviour = img?.behaviour ?? "daemon";
  const argv = stripWrappers(inp.argv);
  const scriptEnv: ScriptEnv = { vars: inp.env, hostname: inp.hostname, readFile: inp.readFile, listFiles: inp.listFiles, flavor: userland(inp.ref) };
  const idleMem = (img?.memoryMi ?? 1) * MI;
  const idleCpu = img?.cpuMilli ?? 0;
  const a0 = argv[0]?.replace(/^.*\//, "");

  // A command that is a shell or a simple tool runs through the interpreter, whatever the image.
  const runsScript = isShell(argv[0]) || ["sleep", "echo", "date", "env", "printenv", "cat", "true", "false", "touch", "tail", "ls", "printf", "hostname", "seq", "exit", "wget", "curl", "nslookup", "ping"].includes(a0 ?? "");
  if (a0 === "stress") return stress(argv.slice(1), inp);
  if (behaviour === "perl" || a0 === "perl") {
    const script = argv.slice(1).join(" ");
    const m = /bpi\((\d+)\)/.exec(script);
    if (m) {
      const n = Math.min(Number(m[1]), 10000);
      return fromTimeline({ lines: [{ at: 4200, text: piDigits(n) }], files: [], exitAt: 4300, exitCode: 0, trapsTerm: true }, { cpuMilli: 1000, memBytes: 20 * MI });
    }
    if (argv.length <= 1 || argv.includes("-de0")) return fromTimeline({ lines: [{ at: 0, text: "" }, { at: 0, text: "Loading DB routines from perl5db.pl version 1.77" }, { at: 0, text: "Editor support available." }, { at: 0, text: "" }, { at: 0, text: "Enter h or 'h h' for help, or 'man perldebug' for more help." }, { at: 0, text: "" }, { at: 0, text: "main::(-e:1):\t0" }], files: [], exitAt: 50, exitCode: 0, trapsTerm: true }, {});
    const pm = /print\s+["']?([^"';]*)["']?/.exec(script);
    return fromTimeline({ lines: pm ? [{ at: 100, text: pm[1].replace(/\\n$/, "") }] : [], files: [], exitAt: 150, exitCode: 0, trapsTerm: true }, {});
  }
  if (runsScript) {
    let script: string;
    if (isShell(argv[0])) {
      const c = argv.indexOf("-c");
      if (c < 0) {
        // `sh` with no script reads stdin: EOF at once unless stdin+tty keep it open.
        if (inp.interactive) return fromTimeline({ lines: [], files: [], exitCode: 0, trapsTerm: false }, {});
        return fromTimeline({ lines: [], files: [], exitAt: 20, exitCode: 0, trapsTerm: false }, {});
      }
      script = argv[c + 1] ?? "";
    } else script = quoteArgv(argv);
    if (inp.live) {
      const { tl, session } = compileLive(script, scriptEnv, undefined, 0);
      const prog = fromTimeline({ ...tl, lines: tl.lines, files: tl.files.slice() }, { memBytes: 600 * 1024 + idleMem });
      if (tl.wait !== undefined) {
        prog.live = { at: tl.wait, script, vars: { ...inp.env }, hostname: inp.hostname, log: liveLog(session), nFiles: tl.files.length };
        sessions.set(prog, session);
      }
      return prog;
    }
    const tl = compileScript(script, scriptEnv);
    return fromTimeline(tl, { memBytes: 600 * 1024 + idleMem });
  }
  switch (behaviour) {
    case "mysql": {
      const e = inp.env;
      if (!(e.MYSQL_ROOT_PASSWORD || e.MYSQL_ALLOW_EMPTY_PASSWORD || e.MYSQL_RANDOM_ROOT_PASSWORD || e.MARIADB_ROOT_PASSWORD || e.MARIADB_ALLOW_EMPTY_ROOT_PASSWORD)) {
        const v = mysqlVersion(inp.ref.tag);
        const lines = [
          `${MYSQL_DATE} [Note] [Entrypoint]: Entrypoint script for MySQL Server ${v} started.`,
          `${MYSQL_DATE} [Note] [Entrypoint]: Switching to dedicated user 'mysql'`,
          `${MYSQL_DATE} [Note] [Entrypoint]: Entrypoint script for MySQL Server ${v} started.`,
          `${MYSQL_DATE} [ERROR] [Entrypoint]: Database is uninitialized and password option is not specified`,
          "    You need to specify one of the following as an environment variable:",
          "    - MYSQL_ROOT_PASSWORD",
          "    - MYSQL_ALLOW_EMPTY_PASSWORD",
          "    - MYSQL_RANDOM_ROOT_PASSWORD",
        ].map((text, i) => ({ at: i < 3 ? 200 : 400, text }));
        return fromTimeline({ lines, files: [], exitAt: 450, exitCode: 1, trapsTerm: true }, { memBytes: 20 * MI });
      }
      const v = mysqlVersion(inp.ref.tag);
      return server(inp, img, [
        `${MYSQL_DATE} [Note] [Entrypoint]: Entrypoint script for MySQL Server ${v} started.`,
        `${MYSQL_DATE} [Note] [Entrypoint]: Switching to dedicated user 'mysql'`,
        `${MYSQL_DATE} [Note] [Entrypoint]: Initializing database files`,
        `${MYSQL_DATE} [Note] [Entrypoint]: Database files initialized`,
        `${MYSQL_DATE} [Note] [Entrypoint]: MySQL init process done. Ready for start up.`,
        `${MYSQLD_DATE} 0 [System] [MY-010931] [Server] /usr/sbin/mysqld: ready for connections. Version: '${v.replace(/-.*/, "")}'  socket: '/var/run/mysqld/mysqld.sock'  port: 3306  MySQL Community Server - GPL.`,
      ], 8000);
    }
    case "postgres": {
      if (!inp.env.POSTGRES_PASSWORD && inp.env.POSTGRES_HOST_AUTH_METHOD !== "trust") {
        const text = [
          "Error: Database is uninitialized and superuser password is not specified.",
          "       You must specify POSTGRES_PASSWORD to a non-empty value for the",
          '       superuser. For example, "-e POSTGRES_PASSWORD=password" on "docker run".',
          "",
          '       You may also use "POSTGRES_HOST_AUTH_METHOD=trust" to allow all',
          "       connections without a password. This is *not* recommended.",
          "",
          '       See PostgreSQL documentation about "trust":',
          "       https://www.postgresql.org/docs/current/auth-trust.html",
        ];
        return fromTimeline({ lines: text.map((t) => ({ at: 150, text: t, err: true })), files: [], exitAt: 200, exitCode: 1, trapsTerm: true }, { memBytes: 8 * MI });
      }
      return server(inp, img, ["PostgreSQL init process complete; ready for start up.", "", `${DATE_PG} LOG:  database system is ready to accept connections`], 3000);
    }
    case "redis":
      return server(inp, img, ["1:C 21 Nov 2026 00:00:00.000 * oO0OoO0OoO0Oo Redis is starting oO0OoO0OoO0Oo", "1:M 21 Nov 2026 00:00:00.000 * Ready to accept connections tcp"], 200);
    case "mongo":
      return server(inp, img, ['{"t":{"$date":"2026-11-21T00:00:00.000+00:00"},"s":"I",  "c":"NETWORK",  "id":23016,   "ctx":"listener","msg":"Waiting for connections","attr":{"port":27017,"ssl":"off"}}'], 1500);
    case "pause":
      return { lines: [], files: [], exitCode: 0, serve: "", ports: [], listenAt: 0, sigtermMs: 10, cpuMilli: 0, memBytes: 300 * 1024 };
    case "nginx":
    case "httpd":
    case "http":
    case "daemon":
    case "shell":
    default:
      if (behaviour === "shell") {
        // e.g. `node`/`python3` with no script: a REPL that exits on EOF.
        return fromTimeline({ lines: [], files: [], exitAt: 100, exitCode: 0, trapsTerm: true }, {});
      }
      if (behaviour === "nginx") {
        // nginx's own notices go to error_log: /dev/stderr in the image, a file when a volume hides the symlinks.
        const log = nginxStartLog(inp.ref.tag);
        return server(inp, img, inp.nginxLogDir ? log.filter((l) => !l.includes("[notice]")) : log, 100);
      }
      return server(inp, img, (img?.startLog ?? []).slice(), 300);
  }
}

const DATE_PG = "\u0001pgdate\u0001";

/** busybox/alpine images print busybox's messages; the others are Debian-like (dash, GNU coreutils). */
function userland(ref: ImageRef): "busybox" | "gnu" {
  return /busybox|alpine/.test(ref.repo) || /alpine/.test(ref.tag) ? "busybox" : "gnu";
}

function server(inp: ProgramInput, img: ImageInfo | undefined, startLog: string[], listenAt: number): Program {
  const memBytes = (img?.memoryMi ?? 10) * MI;
  const oom = inp.memLimit !== undefined && inp.memLimit > 0 && memBytes > inp.memLimit;
  return {
    lines: startLog.map((text) => ({ at: Math.min(listenAt, 50), text: text.split("{nginxdate}").join(NGINX_DATE).split("{hostIP}").join(inp.hostIP ?? "") })),
    files: [],
    ...(oom ? { exitAt: listenAt + 200, exitCode: 137, oom: true } : { exitCode: 0 }),
    serve: inp.ref.repo,
    ports: img?.ports ?? [],
    listenAt,
    sigtermMs: img?.behaviour === "nginx" ? 150 : img?.behaviour === "mysql" ? 2000 : 400,
    cpuMilli: img?.cpuMilli ?? 1,
    memBytes,
  };
}

/** polinux/stress: `--vm 1 --vm-bytes 150M --vm-hang 1`, `--cpu 2`, `--timeout 60s`. */
function stress(args: string[], inp: ProgramInput): Program {
  let cpu = 0;
  let vm = 0;
  let vmBytes = 256 * MI;
  let timeout: number | undefined;
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    const nx = args[i + 1];
    if (a === "--cpu" || a === "-c") cpu = Number(nx), i++;
    else if (a === "--vm" || a === "-m") vm = Number(nx), i++;
    else if (a === "--vm-bytes") {
      const m = /^(\d+)([BKMG]?)$/i.exec(nx ?? "");
      if (m) vmBytes = Number(m[1]) * ({ "": 1, B: 1, K: 1024, M: MI, G: 1024 * MI }[m[2].toUpperCase()] ?? 1);
      i++;
    } else if (a === "--timeout" || a === "-t") {
      const m = /^(\d+)([smhd]?)$/.exec(nx ?? "");
      if (m) timeout = Number(m[1]) * ({ "": 1000, s: 1000, m: 60000, h: 3600000, d: 86400000 }[m[2]] ?? 1000);
      i++;
    }
  }
  const mem = vm * vmBytes + MI;
  const cpuUse = Math.min(cpu * 1000 + vm * 1000, inp.cpuLimit && inp.cpuLimit > 0 ? inp.cpuLimit : Infinity);
  const hdr = { at: 0, text: `stress: info: [1] dispatching hogs: ${cpu} cpu, 0 io, ${vm} vm, 0 hdd` };
  if (inp.memLimit && mem > inp.memLimit) {
    return { lines: [hdr], files: [], exitAt: 1200, exitCode: 137, oom: true, serve: "", ports: [], listenAt: 0, sigtermMs: 50, cpuMilli: cpuUse, memBytes: inp.memLimit };
  }
  return {
    lines: timeout !== undefined ? [hdr, { at: timeout, text: `stress: info: [1] successful run completed in ${Math.round(timeout / 1000)}s` }] : [hdr],
    files: [],
    ...(timeout !== undefined ? { exitAt: timeout } : {}),
    exitCode: 0,
    serve: "",
    ports: [],
    listenAt: 0,
    sigtermMs: 50,
    cpuMilli: cpuUse,
    memBytes: mem,
  };
}

export { DATE, DATE_PG };
