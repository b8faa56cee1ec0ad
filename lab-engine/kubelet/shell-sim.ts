// A tiny shell interpreter for the commands containers run (`sh -c 'echo hi; sleep 10'`,
// `while true; do echo $(date); sleep 5; done`, `touch /tmp/healthy; sleep 30; rm -f ...`).
// It does not run anything in real time: it turns a script into a timeline (output lines and
// file changes at offsets, the exit time and code), so the kubelet can answer "what happened by
// time t" from state alone. An infinite loop becomes a periodic `loop` rendered lazily by logs.
// Scripts are parsed by the terminal shell's parser (script-ast.ts); this file runs them on a
// timeline. The full interpreter in lab-engine/shell can replace this via `setScriptCompiler`.

import { scriptNodes } from "./script-ast.ts";
import { runScriptCommand } from "./script-commands.ts";
import { formatPrintf } from "../shell/printf.ts";
import { globMatch } from "../shell/glob.ts";
import { removeAffix } from "../shell/param.ts";
import { ArithError, evalArith } from "../shell/arith.ts";

export interface TimedLine {
  at: number; // ms offset from container start
  text: string; // may contain DATE markers rendered at read time
  err?: boolean;
  /** Printed without its newline (`printf x`, `echo -n`): the next output continues this line. */
  open?: boolean;
}

export interface FileOp {
  at: number;
  path: string;
  /** add = create/replace with `content`, append = add `content` at the end (`>>`), rm = remove. */
  op: "add" | "rm" | "append";
  content?: string;
}

/** A `nc -l -p PORT` server: what it sends to whoever connects (its stdin), from offset `at`. */
export interface Listener {
  port: number;
  at: number;
  reply: string;
}

export interface Timeline {
  lines: TimedLine[];
  /** An endless loop rendered lazily: each iteration prints `body` and does `files` (offsets in the iteration). */
  loop?: { from: number; period: number; body: TimedLine[]; files?: FileOp[] };
  files: FileOp[];
  /** undefined = runs forever. */
  exitAt?: number;
  exitCode: number;
  /** A `trap` on TERM: the shell exits on SIGTERM instead of ignoring it as PID 1. */
  trapsTerm: boolean;
  /** Live scripts only: the offset at which the script continues (it waits for the cluster there). */
  wait?: number;
  /** A loop that sends HTTP requests faster than once a second: its request rate (see usage.ts). */
  traffic?: Traffic;
  /** `nc -l -p PORT` servers the script runs (a `while true` loop keeps one listening). */
  listens?: Listener[];
  /** `tail -f FILE` as the last thing the script does: its output follows the file from `at`. */
  follow?: { path: string; at: number; lines: number };
}

/** Requests a load-generator loop sends: every `period` ms, each argv once. */
export interface Traffic {
  period: number;
  reqs: string[][];
}

export interface ScriptEnv {
  vars: Record<string, string>;
  hostname: string;
  /** Static files of the container (volumes, /etc/hostname...). */
  readFile(path: string): string | undefined;
  /** Every file path of the container (volumes, /etc/hostname...), for globs and `ls DIR`. */
  listFiles?(): string[];
  /** Whose userland prints the error messages: busybox (busybox, alpine) or GNU coreutils + dash (Debian). */
  flavor?: "busybox" | "gnu";
}

/** Marker replaced by `date` output at the moment the line is read. */
export const DATE = "\u0001date\u0001";
/** `date +FORMAT`: `\u0001datef:FORMAT\u0001`, rendered like DATE (see logs.ts renderMarkers). */
export const DATEF = "\u0001datef:";
const MAX_LINES = 1000;
const MAX_STEPS = 5000;

type Compiler = (script: string, env: ScriptEnv) => Timeline;
let compiler: Compiler | undefined;
/** Hook for the full shell: plug a better compiler in without touching the kubelet. */
export function setScriptCompiler(c: Compiler | undefined): void {
  compiler = c;
}

/** Network tools in boot scripts: registered by the network module (no import cycle). */
export interface ScriptNetContext {
  c: unknown;
  pod: unknown;
  container: string;
}
export interface NetToolRun {
  events: ({ k: "out" | "err"; s: string } | { k: "wait"; ms: number })[];
  code: number;
  files: { path: string; content: string }[];
}
export type NetToolRunner = (ctx: ScriptNetContext, argv: string[], readFile: (p: string) => string | undefined) => NetToolRun | undefined;
let netRunner: NetToolRunner | undefined;
let netCtx: ScriptNetContext | undefined;
export function setNetworkToolRunner(r: NetToolRunner | undefined): void {
  netRunner = r;
}
/** The kubelet compiles a container's script inside this, so network tools know where they run. */
export function withScriptNetContext<T>(ctx: ScriptNetContext, f: () => T): T {
  const prev = netCtx;
  netCtx = ctx;
  try {
    return f();
  } finally {
    netCtx = prev;
  }
}

export function compileScript(script: string, env: ScriptEnv): Timeline {
  if (compiler) return compiler(script, env);
  const nodes = parseScript(script);
  const st: ExecState = { t: 0, lines: [], files: [], vars: { ...env.vars }, status: 0, done: false, env, steps: 0, forever: false, trap: false, fsView: new Map() };
  drain(run(nodes, st));
  return timelineOf(st);
}

function timelineOf(st: ExecState): Timeline {
  const tl: Timeline = { lines: closeLines(st.lines), files: st.files, exitCode: st.exitCode ?? st.status, trapsTerm: st.trap };
  if (st.loop) tl.loop = st.loop;
  if (st.traffic) tl.traffic = st.traffic;
  if (st.listens?.length) tl.listens = st.listens;
  if (st.follow) tl.follow = st.follow;
  if (!st.forever && !st.loop && !st.waiting) tl.exitAt = st.t;
  if (st.waiting) tl.wait = st.t;
  return tl;
}

/** Run a generator to its end, ignoring suspension points (synchronous compile). */
function drain(g: Generator<number, void, void>): void {
  for (let r = g.next(); !r.done; r = g.next());
}

// ---------- live scripts ----------
//
// A container's own script is compiled *live*: network tools answer with the cluster as it is
// when the script reaches them. The interpreter is a generator that suspends before a
// statement using a network tool whose time (offset from the container start) is still in the
// future; the kubelet resumes it at that time (Timeline.wait), so `until nslookup db; do sleep
// 2; done` asks CoreDNS every 2 s. The answers are logged (LiveLog, plain data): after a
// snapshot restore the script is replayed from the start with the logged answers, which gives
// back the same state, and then continues live. While the sandbox runs, the suspended generator
// is kept in memory, so each resume costs one iteration, not a replay.

export interface LiveLog {
  /** Distinct answers. */
  uniq: NetToolRun[];
  /** Answer index of each network tool call, in call order. */
  seq: number[];
}

/** After this many logged calls, the last answer repeats (bounds the log of endless pollers). */
const MAX_LOG = 5000;
/** A loop that sends requests more often than this is a load generator, not a poller. */
export const LOAD_PERIOD_MS = 1000;
const NET_RE = /(^|[^A-Za-z0-9_.-])(wget|curl|nslookup|ping)([^A-Za-z0-9_.-]|$)/;

interface LiveCtl {
  log: LiveLog;
  keys: Map<string, number>;
  cursor: number;
  limit: number;
  /** >0 inside command substitutions and look-ahead runs: never suspend there. */
  hold: number;
  rec?: string[][];
  /** Time at which the step budget was last reset (live scripts: per instant, not per run). */
  stepT: number;
}

/** What one network tool call costs the live script in time (DNS round trip, connection). */
const NET_CALL_MS = 5;

export interface LiveSession {
  gen: Generator<number, void, void>;
  st: ExecState;
}

/** Start a container script live; `limit` = how far (ms from start) the cluster can be asked now. */
export function compileLive(script: string, env: ScriptEnv, log: LiveLog | undefined, limit: number): { tl: Timeline; session: LiveSession } {
  const lg: LiveLog = log ? { uniq: log.uniq.slice(), seq: log.seq.slice() } : { uniq: [], seq: [] };
  const keys = new Map<string, number>(lg.uniq.map((r, i) => [JSON.stringify(r), i]));
  const st: ExecState = { t: 0, lines: [], files: [], vars: { ...env.vars }, status: 0, done: false, env, steps: 0, forever: false, trap: false, fsView: new Map(), live: { log: lg, keys, cursor: 0, limit, hold: 0, stepT: 0 } };
  const session: LiveSession = { gen: run(parseScript(script), st), st };
  return { tl: resumeLive(session, limit), session };
}

/** Continue a live script up to `limit`; returns its timeline so far. */
export function resumeLive(session: LiveSession, limit: number): Timeline {
  const st = session.st;
  st.live!.limit = limit;
  st.waiting = false;
  const r = session.gen.next();
  st.waiting = !r.done;
  return timelineOf(st);
}

/** The answer log of a live session (plain data for the program record). */
export function liveLog(session: LiveSession): LiveLog {
  return session.st.live!.log;
}

/** Suspend before a statement that uses the network at a time the cluster has not reached. */
function* waitFor(st: ExecState, words: string[]): Generator<number, void, void> {
  const lv = st.live;
  if (!lv || lv.hold > 0 || lv.cursor < lv.log.seq.length) return;
  if (!words.some((w) => NET_RE.test(w))) return;
  while (st.t > lv.limit) yield st.t;
}

function nodesUseNet(nodes: Node[]): boolean {
  const words = (s: Stmt) => s.words.some((w) => NET_RE.test(w));
  return nodes.some((n) => {
    switch (n.kind) {
      case "cmd":
        return words(n.stmt);
      case "while":
        return words(n.cond) || nodesUseNet(n.body);
      case "readloop":
        return n.producer.some((w) => NET_RE.test(w)) || nodesUseNet(n.body);
      case "if":
        return n.branches.some((b) => (b.cond && words(b.cond)) || nodesUseNet(b.body));
      case "case":
        return NET_RE.test(n.word) || n.items.some((it) => nodesUseNet(it.body));
      default:
        return nodesUseNet(n.body);
    }
  });
}

function netAnswer(st: ExecState, argv: string[]): NetToolRun | undefined {
  const lv = st.live;
  if (!lv) return netCtx && netRunner?.(netCtx, argv, (p) => readFile(st, p));
  lv.rec?.push(argv);
  const lg = lv.log;
  st.t += NET_CALL_MS;
  if (lv.cursor < lg.seq.length) return lg.uniq[lg.seq[lv.cursor++]];
  if (lg.seq.length >= MAX_LOG) return lg.uniq[lg.seq[lg.seq.length - 1]];
  const r = netCtx && netRunner?.(netCtx, argv, (p) => readFile(st, p));
  if (!r) return undefined;
  return logAnswer(lv, r);
}

function logAnswer(lv: LiveCtl, r: NetToolRun): NetToolRun {
  const lg = lv.log;
  const key = JSON.stringify(r);
  let i = lv.keys.get(key);
  if (i === undefined) {
    i = lg.uniq.length;
    lg.uniq.push(r);
    lv.keys.set(key, i);
  }
  lg.seq.push(i);
  lv.cursor = lg.seq.length;
  return r;
}

// ---------- lexing ----------

export interface Stmt {
  words: string[]; // raw words (quotes kept, expanded at run time)
  /** How this statement connects to the previous one. */
  conn: ";" | "&&" | "||";
}

function splitStatements(src: string): Stmt[] {
  const out: Stmt[] = [];
  let words: string[] = [];
  let cur = "";
  let conn: Stmt["conn"] = ";";
  let i = 0;
  const flushWord = () => {
    if (cur !== "") words.push(cur);
    cur = "";
  };
  const flush = (next: Stmt["conn"]) => {
    flushWord();
    if (words.length) out.push({ words, conn });
    words = [];
    conn = next;
  };
  while (i < src.length) {
    const ch = src[i];
    if (ch === "'") {
      const j = src.indexOf("'", i + 1);
      const end = j < 0 ? src.length : j;
      cur += src.slice(i, end + 1);
      i = end + 1;
    } else if (ch === '"') {
      let j = i + 1;
      while (j < src.length && src[j] !== '"') j += src[j] === "\\" ? 2 : 1;
      cur += src.slice(i, j + 1);
      i = j + 1;
    } else if (ch === "$" && src[i + 1] === "(") {
      let depth = 0;
      let j = i + 1;
      for (; j < src.length; j++) {
        if (src[j] === "(") depth++;
        else if (src[j] === ")" && --depth === 0) break;
      }
      cur += src.slice(i, j + 1);
      i = j + 1;
    } else if (ch === "`") {
      const j = src.indexOf("`", i + 1);
      const end = j < 0 ? src.length : j;
      cur += "$(" + src.slice(i + 1, end) + ")";
      i = end + 1;
    } else if (ch === "\\" && i + 1 < src.length) {
      if (src[i + 1] !== "\n") cur += src.slice(i, i + 2);
      i += 2;
    } else if (ch === "#" && cur === "") {
      while (i < src.length && src[i] !== "\n") i++;
    } else if (ch === ";" || ch === "\n") {
      flush(";");
      i++;
    } else if (ch === "&" && (cur.endsWith(">") || cur.endsWith("<"))) {
      // `>&2`, `2>&1`: a redirection, not a background job.
      cur += ch;
      i++;
    } else if (ch === "&" && src[i + 1] === "&") {
      flush("&&");
      i += 2;
    } else if (ch === "|" && src[i + 1] === "|") {
      flush("||");
      i += 2;
    } else if (ch === "|") {
      // A pipe stage separator, kept as its own word.
      flushWord();
      words.push("|");
      i++;
    } else if (ch === "&") {
      // Background jobs: run inline (good enough for `sleep 1 &`).
      flush(";");
      i++;
    } else if (ch === " " || ch === "\t") {
      flushWord();
      i++;
    } else {
      cur += ch;
      i++;
    }
  }
  flush(";");
  return out;
}

// ---------- parsing control structures ----------

export type Node =
  | { kind: "cmd"; stmt: Stmt }
  | { kind: "while"; cond: Stmt; body: Node[]; until: boolean; conn: Stmt["conn"] }
  | { kind: "for"; v: string; list: string[]; body: Node[]; conn: Stmt["conn"] }
  | { kind: "if"; branches: { cond?: Stmt; body: Node[] }[]; conn: Stmt["conn"] }
  | { kind: "case"; word: string; items: { patterns: string[]; body: Node[] }[]; conn: Stmt["conn"] }
  | { kind: "group"; body: Node[]; conn: Stmt["conn"] }
  | { kind: "func"; name: string; body: Node[]; conn: Stmt["conn"] }
  /** `producer | while read a b; do …; done` (subshell: variables do not survive) or `while read …; done < file`. */
  | { kind: "readloop"; producer: string[]; read: string[]; body: Node[]; subshell: boolean; conn: Stmt["conn"] };

/**
 * A script's nodes: from the terminal shell's parser when the timeline interpreter can run
 * everything it uses (script-ast.ts), else from the statement splitter below.
 */
function parseScript(src: string): Node[] {
  return scriptNodes(src) ?? parse(splitStatements(src));
}

function parse(stmts: Stmt[]): Node[] {
  let i = 0;
  const strip = (s: Stmt, kw: string): Stmt | undefined => (s.words[0] === kw ? (s.words.length > 1 ? { words: s.words.slice(1), conn: s.conn } : undefined) : s);
  function block(terminators: string[]): { nodes: Node[]; term: string } {
    const nodes: Node[] = [];
    while (i < stmts.length) {
      const s = stmts[i];
      const w0 = s.words[0];
      if (terminators.includes(w0)) {
        return { nodes, term: w0 };
      }
      i++;
      if (w0 === "while" || w0 === "until") {
        const cond: Stmt = { words: s.words.slice(1), conn: ";" };
        // "do" may start the next statement.
        const body = doBody();
        nodes.push({ kind: "while", cond, body, until: w0 === "until", conn: s.conn });
      } else if (w0 === "for") {
        const v = s.words[1];
        const list = s.words[2] === "in" ? s.words.slice(3) : ["$@"];
        nodes.push({ kind: "for", v, list, body: doBody(), conn: s.conn });
      } else if (w0 === "if") {
        const branches: { cond?: Stmt; body: Node[] }[] = [];
        let cond: Stmt | undefined = { words: s.words.slice(1), conn: ";" };
        for (;;) {
          const next = stmts[i];
          if (next && next.words[0] === "then") {
            const rest = strip(next, "then");
            if (rest) stmts[i] = rest;
            else i++;
          }
          const b = block(["elif", "else", "fi"]);
          branches.push({ cond, body: b.nodes });
          const t = stmts[i];
          if (!t) break;
          if (b.term === "fi") {
            consume("fi");
            break;
          }
          if (b.term === "else") {
            const rest = strip(t, "else");
            if (rest) stmts[i] = rest;
            else i++;
            cond = undefined;
            const e = block(["fi"]);
            branches.push({ body: e.nodes });
            consume("fi");
            break;
          }
          // elif
          cond = { words: t.words.slice(1), conn: ";" };
          i++;
        }
        nodes.push({ kind: "if", branches, conn: s.conn });
      } else {
        nodes.push({ kind: "cmd", stmt: s });
      }
    }
    return { nodes, term: "" };
  }
  function consume(kw: string) {
    const t = stmts[i];
    if (!t) return;
    const rest = strip(t, kw);
    if (rest) stmts[i] = rest;
    else i++;
  }
  function doBody(): Node[] {
    const next = stmts[i];
    if (next && next.words[0] === "do") {
      const rest = strip(next, "do");
      if (rest) stmts[i] = rest;
      else i++;
    }
    const b = block(["done"]);
    consume("done");
    return b.nodes;
  }
  return block([]).nodes;
}

// ---------- execution ----------

export interface ExecState {
  t: number;
  lines: TimedLine[];
  files: FileOp[];
  vars: Record<string, string>;
  status: number;
  done: boolean;
  exitCode?: number;
  env: ScriptEnv;
  steps: number;
  forever: boolean;
  loop?: Timeline["loop"];
  trap: boolean;
  /** Files created/removed so far (path -> content or null when removed). */
  fsView: Map<string, string | null>;
  /** Live container scripts (compileLive). */
  live?: LiveCtl;
  /** Suspended: the script continues at `t`. */
  waiting?: boolean;
  traffic?: Traffic;
  listens?: Listener[];
  follow?: Timeline["follow"];
  /** Shell functions defined so far (`f() { …; }`). */
  funcs?: Map<string, Node[]>;
  /** State of $RANDOM. */
  rand?: number;
  /** Loops around the running statement, and a pending `break N` / `continue N`. */
  loops?: number;
  jump?: { kind: "break" | "continue"; n: number };
}

function readFile(st: ExecState, path: string): string | undefined {
  if (st.fsView.has(path)) return st.fsView.get(path) ?? undefined;
  return st.env.readFile(path);
}

function emit(st: ExecState, text: string, err = false) {
  if (st.lines.length >= (st.live ? 4 * MAX_LINES : MAX_LINES)) return;
  const parts = text.split("\n");
  const open = parts[parts.length - 1] !== "";
  if (!open) parts.pop();
  parts.forEach((p, i) => {
    const l: TimedLine = err ? { at: st.t, text: p, err } : { at: st.t, text: p };
    if (open && i === parts.length - 1) l.open = true;
    st.lines.push(l);
  });
}

/** Lines as the bytes they stand for (an open line has no newline). */
function joinLines(lines: TimedLine[]): string {
  return lines.map((l) => (l.open ? l.text : l.text + "\n")).join("");
}

/** One line per newline: an open line and the output after it on the same stream become one. */
function closeLines(lines: TimedLine[]): TimedLine[] {
  const out: TimedLine[] = [];
  const last: { out?: TimedLine; err?: TimedLine } = {};
  for (const l of lines) {
    const prev = l.err ? last.err : last.out;
    if (prev?.open) {
      prev.text += l.text;
      if (l.open) prev.open = true;
      else delete prev.open;
    } else {
      const c = { ...l };
      out.push(c);
      if (c.err) last.err = c;
      else last.out = c;
    }
  }
  return out;
}

type Gen = Generator<number, void, void>;

/** `while true`, `while :`, `while [ 1 ]`, or `while sleep N` (the HPA walkthrough's load loop). */
function alwaysTrue(cond: Stmt): "true" | "sleep" | undefined {
  const j = cond.words.join(" ");
  if (["true", ":", "[ 1 ]", "[ true ]"].includes(j)) return "true";
  if (cond.words.length === 2 && cond.words[0] === "sleep" && Number.isFinite(parseSleep(cond.words[1])) && parseSleep(cond.words[1]) > 0) return "sleep";
  return undefined;
}

/** `sh -c 'script'` as a statement: the nested script, run inline. */
function nestedShell(words: string[], st: ExecState): string | undefined {
  if (words.length !== 3 || words.some((w) => w === "|" || /^\d?>/.test(w))) return undefined;
  const cmd = expand(words[0], st).replace(/^\/(usr\/)?s?bin\//, "");
  if (!["sh", "bash", "ash"].includes(cmd) || words[1] !== "-c") return undefined;
  return expand(words[2], st);
}

function* run(nodes: Node[], st: ExecState): Gen {
  for (const n of nodes) {
    if (st.done || st.forever || st.loop || st.jump) return;
    const lv = st.live;
    if (lv && lv.hold === 0) {
      // Live scripts run for as long as the container: the step budget guards one instant (a
      // loop that does not advance time), and old lines rotate out like the kubelet's log files.
      if (st.t !== lv.stepT) {
        st.steps = 0;
        lv.stepT = st.t;
      }
      if (st.lines.length > 2 * MAX_LINES) st.lines.splice(0, st.lines.length - MAX_LINES);
    }
    if (++st.steps > MAX_STEPS) {
      st.forever = true;
      return;
    }
    const conn = n.kind === "cmd" ? n.stmt.conn : n.conn;
    if (conn === "&&" && st.status !== 0) continue;
    if (conn === "||" && st.status === 0) continue;
    if (n.kind === "cmd") {
      const fn = st.funcs?.get(expand(n.stmt.words[0] ?? "", st));
      if (fn && !n.stmt.words.includes("|")) {
        yield* call(fn, n.stmt.words.slice(1), st);
        continue;
      }
      yield* waitFor(st, n.stmt.words);
      const nested = st.live ? nestedShell(n.stmt.words, st) : undefined;
      if (nested !== undefined) yield* run(parseScript(nested), st);
      else exec(n.stmt.words, st);
    } else if (n.kind === "func") {
      (st.funcs ??= new Map()).set(n.name, n.body);
      st.status = 0;
    } else if (n.kind === "group") {
      yield* run(n.body, st);
    } else if (n.kind === "case") {
      const value = expand(n.word, st);
      st.status = 0;
      const item = n.items.find((it) => it.patterns.some((p) => globMatch(expand(p, st), value)));
      if (item) yield* run(item.body, st);
    } else if (n.kind === "if") {
      let taken = false;
      for (const b of n.branches) {
        if (b.cond) {
          yield* waitFor(st, b.cond.words);
          exec(b.cond.words, st);
          if (st.status !== 0) continue;
        }
        yield* run(b.body, st);
        taken = true;
        break;
      }
      if (!taken) st.status = 0;
    } else if (n.kind === "readloop") {
      yield* readLoop(n, st);
    } else if (n.kind === "for") {
      const items = n.list.flatMap((w) => listWords(w, st));
      st.loops = (st.loops ?? 0) + 1;
      for (const it of items.slice(0, 1000)) {
        st.vars[n.v] = it;
        yield* run(n.body, st);
        if (st.done || st.forever || st.loop) return;
        if (loopJump(st) === "break") break;
      }
      st.loops--;
    } else {
      const always = alwaysTrue(n.cond);
      if (!always) {
        // Conditional loops: evaluate the condition against the timeline (bounded unless live:
        // a live loop waits for the cluster, e.g. `until nslookup db; do sleep 2; done`).
        const liveLoop = !!st.live && st.live.hold === 0 && (n.cond.words.some((w) => NET_RE.test(w)) || nodesUseNet(n.body));
        // A loop that takes no time is fine while its condition changes (`while [ $i -lt 3 ]`
        // with a counter); one that is still going after 1,000 such rounds spins forever.
        let spinning = false;
        let ended = false;
        st.loops = (st.loops ?? 0) + 1;
        for (let k = 0; liveLoop || k < 1000; k++) {
          const before = st.t;
          yield* waitFor(st, n.cond.words);
          exec(n.cond.words, st);
          const ok = n.until ? st.status !== 0 : st.status === 0;
          if (!ok) {
            ended = true;
            break;
          }
          yield* run(n.body, st);
          if (st.done || st.forever || st.loop) return;
          if (loopJump(st) === "break") {
            ended = true;
            break;
          }
          spinning = st.t === before;
          if (spinning && liveLoop) {
            st.forever = true;
            return;
          }
        }
        st.loops--;
        if (!ended && spinning) {
          st.forever = true;
          return;
        }
        st.status = 0;
        continue;
      }
      // `while sleep 0.01; do ...`: the condition is part of every iteration.
      const body: Node[] = always === "sleep" ? [{ kind: "cmd", stmt: { words: n.cond.words, conn: ";" } }, ...n.body] : n.body;
      if (st.live && st.live.hold === 0 && nodesUseNet(body)) {
        // A live loop that talks to the cluster. The first iteration tells its period: faster
        // than LOAD_PERIOD_MS it is a load generator (rendered lazily, its request rate becomes
        // CPU load on the backends); slower, every iteration asks the cluster again.
        const lv = st.live;
        const start = st.t;
        const lines0 = st.lines.length;
        lv.rec = [];
        yield* run(body, st);
        const reqs = lv.rec.filter((a) => a[0] === "wget" || a[0] === "curl");
        lv.rec = undefined;
        if (st.done || st.forever || st.loop) return;
        const period = st.t - start;
        if (period <= 0) {
          st.forever = true;
          return;
        }
        if (period < LOAD_PERIOD_MS) {
          st.loop = { from: st.t, period, body: st.lines.slice(lines0).map((l) => ({ ...l, at: l.at - start })) };
          if (reqs.length) st.traffic = { period, reqs };
          return;
        }
        for (;;) {
          const before = st.t;
          yield* run(body, st);
          if (st.done || st.forever || st.loop) return;
          if (st.t === before) {
            st.forever = true;
            return;
          }
        }
      }
      // `while true`: one iteration gives the period and the lines; render the rest lazily.
      if (st.live) st.live.hold++;
      st.loops = (st.loops ?? 0) + 1;
      let broken: boolean;
      try {
        broken = lazyLoop(body, st);
      } finally {
        if (st.live) st.live.hold--;
        st.loops--;
      }
      // Ended by `break`: the script goes on after the loop.
      if (broken) continue;
      return;
    }
  }
}

/** A `while read` loop over what its producer prints (see the readloop node). */
function* readLoop(n: Extract<Node, { kind: "readloop" }>, st: ExecState): Gen {
  yield* waitFor(st, n.producer);
  const before = st.lines.length;
  exec(n.producer, st);
  if (n.producer[0] === "<" && st.status !== 0) return;
  const produced = st.lines.splice(before);
  st.lines.push(...produced.filter((l) => l.err));
  const input = joinLines(produced.filter((l) => !l.err));
  // `read` fails on a last line without its newline: the body does not run for it.
  const lines = input.split("\n").slice(0, -1);
  const raw = n.read.includes("-r");
  const names = n.read.filter((a) => !a.startsWith("-") && !a.includes("="));
  const ifsWord = n.read.find((a) => a.startsWith("IFS="));
  const ifs = ifsWord === undefined ? (st.vars.IFS ?? " \t\n") : expand(ifsWord.slice(4), st);
  const isWs = (c: string) => ifs.includes(c) && " \t\n".includes(c);
  if (!names.length) names.push("REPLY");
  const saved = n.subshell ? { ...st.vars } : undefined;
  st.status = 0;
  for (const line0 of lines.slice(0, 1000)) {
    const line = raw ? line0 : line0.replace(/\\(.)/g, "$1");
    // Field splitting as `read` does it: IFS blanks are trimmed, other IFS characters each end a field.
    let k = 0;
    const skipWs = () => {
      while (k < line.length && isWs(line[k])) k++;
    };
    skipWs();
    names.forEach((name, i) => {
      if (i === names.length - 1) {
        let end = line.length;
        while (end > k && isWs(line[end - 1])) end--;
        st.vars[name] = line.slice(k, end);
        k = line.length;
        return;
      }
      const start = k;
      while (k < line.length && !ifs.includes(line[k])) k++;
      st.vars[name] = line.slice(start, k);
      skipWs();
      if (k < line.length && ifs.includes(line[k]) && !isWs(line[k])) k++;
      skipWs();
    });
    st.loops = (st.loops ?? 0) + 1;
    yield* run(n.body, st);
    st.loops--;
    if (st.done || st.forever || st.loop) break;
    if (loopJump(st) === "break") break;
  }
  if (saved) {
    for (const k of Object.keys(st.vars)) if (!(k in saved)) delete st.vars[k];
    Object.assign(st.vars, saved);
  }
}

/** Run a shell function with its arguments as $1, $2, … and $#, $@ (restored afterwards). */
function* call(body: Node[], rawArgs: string[], st: ExecState): Gen {
  const args = rawArgs.flatMap((w) => listWords(w, st));
  const count = Math.max(9, args.length, Number(st.vars["#"] ?? 0));
  const names = ["#", "@", "*", ...Array.from({ length: count }, (_, i) => String(i + 1))];
  const saved = new Map(names.map((k) => [k, st.vars[k]]));
  setPositional(st, args);
  try {
    yield* run(body, st);
  } finally {
    for (const [k, v] of saved) {
      if (v === undefined) delete st.vars[k];
      else st.vars[k] = v;
    }
  }
}

function setPositional(st: ExecState, args: string[]): void {
  for (let i = 1; i <= Math.max(9, Number(st.vars["#"] ?? 0)); i++) delete st.vars[String(i)];
  args.forEach((a, i) => (st.vars[String(i + 1)] = a));
  st.vars["#"] = String(args.length);
  st.vars["@"] = st.vars["*"] = args.join(" ");
}


/** After a loop's body: `break` leaves this loop, `continue` goes on with it; `break 2`… leaves it with the rest pending. */
function loopJump(st: ExecState): "break" | "continue" | undefined {
  const j = st.jump;
  if (!j) return undefined;
  if (j.n > 1) {
    j.n--;
    return "break";
  }
  st.jump = undefined;
  return j.kind;
}

function bodyBreaks(nodes: Node[]): boolean {
  return nodes.some((n) => {
    switch (n.kind) {
      case "cmd":
        return n.stmt.words[0] === "break";
      case "if":
        return n.branches.some((b) => bodyBreaks(b.body));
      case "case":
        return n.items.some((it) => bodyBreaks(it.body));
      case "group":
        return bodyBreaks(n.body);
      default:
        return false; // a nested loop's own break
    }
  });
}

/** An iteration that ran into `break`: its effects become the script's, and the loop is over. */
function endByBreak(st: ExecState, it: ExecState, lines: TimedLine[], files: FileOp[]): true {
  st.lines.push(...lines);
  st.files.push(...files);
  st.t = it.t;
  st.vars = it.vars;
  st.fsView = it.fsView;
  st.status = it.status;
  st.funcs = it.funcs;
  st.jump = it.jump;
  return true;
}

/** A `while true` loop; true when it ended by `break`. */
function lazyLoop(body: Node[], st: ExecState): boolean {
  const start = st.t;
  const sub: ExecState = { ...st, vars: { ...st.vars }, lines: [], files: [], steps: 0, fsView: new Map(st.fsView) };
  drain(run(body, sub));
  if (loopJump(sub) === "break") return endByBreak(st, sub, sub.lines, sub.files);
  // Servers and followers started inside the loop (`while true; do ... | nc -l -p 80; done`).
  if (sub.listens) st.listens = sub.listens;
  if (sub.follow) st.follow = sub.follow;
  if (sub.done) {
    // The body exits on its first iteration.
    st.lines.push(...sub.lines);
    st.files.push(...sub.files);
    st.t = sub.t;
    st.done = true;
    st.exitCode = sub.exitCode;
    return false;
  }
  const period = sub.forever ? 0 : Math.max(sub.t - start, 0);
  if (sub.forever) {
    st.files.push(...sub.files);
    st.lines.push(...sub.lines);
    st.forever = true;
    return false;
  }
  // A second iteration that prints something else (counters) is unrolled eagerly, bounded.
  const sub2: ExecState = { ...sub, vars: { ...sub.vars }, lines: [], files: [], steps: 0, fsView: new Map(sub.fsView) };
  drain(run(body, sub2));
  if (loopJump(sub2) === "break") return endByBreak(st, sub2, [...sub.lines, ...sub2.lines], [...sub.files, ...sub2.files]);
  // Writes count too: `echo "$i: tick" >> /var/log/1.log` prints nothing but appends a new line each time.
  const sameFiles = sub2.files.length === sub.files.length && sub2.files.every((f, i) => f.path === sub.files[i].path && f.op === sub.files[i].op && f.content === sub.files[i].content);
  const same = sameFiles && sub2.lines.length === sub.lines.length && sub2.lines.every((l, i) => l.text === sub.lines[i].text);
  // A body that may `break` later (`[ $i -ge 5 ] && break`) is unrolled too.
  if ((!same && period > 0) || bodyBreaks(body)) {
    st.files.push(...sub.files, ...sub2.files);
    st.lines.push(...sub.lines, ...sub2.lines);
    let cur = sub2;
    for (let n = 2; !cur.done && !cur.forever && st.lines.length < MAX_LINES && n < MAX_LINES; n++) {
      const nx: ExecState = { ...cur, vars: { ...cur.vars }, lines: [], files: [], steps: 0, fsView: cur.fsView };
      drain(run(body, nx));
      if (loopJump(nx) === "break") return endByBreak(st, nx, nx.lines, nx.files);
      st.lines.push(...nx.lines);
      st.files.push(...nx.files);
      cur = nx;
    }
    st.t = cur.t;
    if (cur.done) {
      st.done = true;
      st.exitCode = cur.exitCode;
    } else st.forever = true;
    return false;
  }
  // Every iteration (the first one included) repeats the body's lines and file writes.
  st.loop = { from: start, period: period || 1000, body: sub.lines.map((l) => ({ ...l, at: l.at - start })) };
  if (sub.files.length) st.loop.files = sub.files.map((f) => ({ ...f, at: f.at - start }));
  return false;
}

/** A word of a `for` list: a quoted word stays one field, "$@" gives the positional parameters. */
function listWords(w: string, st: ExecState): string[] {
  if (w === '"$@"') return Array.from({ length: Number(st.vars["#"] ?? 0) }, (_, i) => st.vars[String(i + 1)] ?? "");
  if (/^"[^"]*"$/.test(w) || /^'[^']*'$/.test(w)) return [expand(w, st)];
  if (/[*?[]/.test(w)) return globWord(w, st);
  return splitFields(expand(w, st));
}

function splitFields(s: string): string[] {
  return s.split(/[ \t\n]+/).filter((x) => x !== "");
}

/** Expand one raw word: quotes, $VAR, ${VAR}, $(cmd). */
function expand(raw: string, st: ExecState): string {
  let out = "";
  let i = 0;
  let inDouble = false;
  while (i < raw.length) {
    const ch = raw[i];
    if (ch === "'" && !inDouble) {
      const j = raw.indexOf("'", i + 1);
      const end = j < 0 ? raw.length : j;
      out += raw.slice(i + 1, end);
      i = end + 1;
    } else if (ch === '"') {
      inDouble = !inDouble;
      i++;
    } else if (ch === "\\" && i + 1 < raw.length) {
      const nx = raw[i + 1];
      if (!inDouble || "$`\"\\".includes(nx)) {
        out += nx;
        i += 2;
      } else {
        out += ch;
        i++;
      }
    } else if (ch === "$" && raw[i + 1] === "(" && raw[i + 2] !== "(") {
      let depth = 0;
      let j = i + 1;
      for (; j < raw.length; j++) {
        if (raw[j] === "(") depth++;
        else if (raw[j] === ")" && --depth === 0) break;
      }
      out += substitute(raw.slice(i + 2, j), st);
      i = j + 1;
    } else if (ch === "$" && raw[i + 1] === "(" && raw[i + 2] === "(") {
      const j = raw.indexOf("))", i);
      const expr = raw.slice(i + 3, j < 0 ? raw.length : j);
      out += String(arith(expr, st));
      i = j < 0 ? raw.length : j + 2;
    } else if (ch === "$" && raw[i + 1] === "{") {
      const j = raw.indexOf("}", i);
      const inner = raw.slice(i + 2, j < 0 ? raw.length : j);
      const m = /^([A-Za-z_][A-Za-z0-9_]*|[0-9]+)(:?[-=+]|##?|%%?|:)?(.*)$/.exec(inner);
      const v = m ? varValue(st, m[1]) : undefined;
      const len = /^#([A-Za-z_][A-Za-z0-9_]*|[0-9#])$/.exec(inner);
      const op = m?.[2] ?? "";
      const unset = v === undefined || (op.startsWith(":") && v === "");
      if (len) out += String((varValue(st, len[1]) ?? (len[1] === "#" ? "0" : "")).length);
      else if (!m || !op) out += v ?? "";
      else if (/^[#%]/.test(op)) out += removeAffix(v ?? "", expand(m[3], st), op);
      else if (op === ":") {
        // ${v:offset[:length]} (busybox ash has it): arithmetic offsets, a negative one counts from the end.
        const [o, l] = m[3].split(":");
        const s0 = v ?? "";
        let from = arithEval(o, st.vars) ?? 0;
        if (from < 0) from = Math.max(0, s0.length + from);
        const n = l === undefined ? s0.length : (arithEval(l, st.vars) ?? 0);
        out += n < 0 ? s0.slice(from, Math.max(from, s0.length + n)) : s0.slice(from, from + n);
      } else if (op.endsWith("+")) out += unset ? "" : expand(m[3], st);
      else if (!unset) out += v;
      else {
        const w = expand(m[3], st);
        if (op.endsWith("=")) st.vars[m[1]] = w;
        out += w;
      }
      i = j < 0 ? raw.length : j + 1;
    } else if (ch === "$" && (raw[i + 1] === "@" || raw[i + 1] === "*")) {
      out += st.vars[raw[i + 1]] ?? "";
      i += 2;
    } else if (ch === "$" && /[A-Za-z_?$#0-9]/.test(raw[i + 1] ?? "")) {
      if (raw[i + 1] === "?") {
        out += String(st.status);
        i += 2;
      } else if (raw[i + 1] === "$") {
        out += "1";
        i += 2;
      } else if (/[#0-9]/.test(raw[i + 1])) {
        // Positional parameters are set inside shell functions only (see call()).
        out += raw[i + 1] === "0" ? "sh" : (st.vars[raw[i + 1]] ?? (raw[i + 1] === "#" ? "0" : ""));
        i += 2;
      } else {
        const m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(raw.slice(i + 1))!;
        out += varValue(st, m[0]) ?? "";
        i += 1 + m[0].length;
      }
    } else {
      out += ch;
      i++;
    }
  }
  return out;
}

/** A variable's value; RANDOM gives 0..32767 (deterministic per script, as the simulation must be). */
function varValue(st: ExecState, name: string): string | undefined {
  if (name === "RANDOM" && st.vars.RANDOM === undefined) {
    st.rand = ((st.rand ?? 12345) * 1103515245 + 12345) % 2147483648;
    return String(Math.floor(st.rand / 65536) % 32768);
  }
  return st.vars[name];
}

/** `expr`: | & = != < <= > >= + - * / % and `length`, left-associative, integers as busybox does. */
function exprValue(args: string[]): string | undefined {
  let k = 0;
  const levels = [["|"], ["&"], ["=", "!=", "<", "<=", ">", ">="], ["+", "-"], ["*", "/", "%"]];
  const isNum = (v: string) => /^-?\d+$/.test(v);
  const level = (i: number): string | undefined => {
    if (i === levels.length) {
      const w = args[k++];
      if (w === undefined) return undefined;
      if (w === "length") {
        const v = args[k++];
        return v === undefined ? undefined : String(v.length);
      }
      if (w === "(") {
        const v = level(0);
        return args[k++] === ")" ? v : undefined;
      }
      return w;
    }
    let left = level(i + 1);
    while (left !== undefined && k < args.length && levels[i].includes(args[k])) {
      const op = args[k++];
      const right = level(i + 1);
      if (right === undefined) return undefined;
      if (op === "|") left = left !== "" && left !== "0" ? left : right !== "" && right !== "0" ? right : "0";
      else if (op === "&") left = left !== "" && left !== "0" && right !== "" && right !== "0" ? left : "0";
      else if (i === 2) {
        const c = isNum(left) && isNum(right) ? Number(left) - Number(right) : left < right ? -1 : left > right ? 1 : 0;
        left = String({ "=": c === 0, "!=": c !== 0, "<": c < 0, "<=": c <= 0, ">": c > 0, ">=": c >= 0 }[op] ? 1 : 0);
      } else {
        if (!isNum(left) || !isNum(right)) return undefined;
        const a = Number(left);
        const b = Number(right);
        if ((op === "/" || op === "%") && b === 0) return undefined;
        left = String(op === "+" ? a + b : op === "-" ? a - b : op === "*" ? a * b : op === "/" ? Math.trunc(a / b) : a % b);
      }
    }
    return left;
  };
  const v = level(0);
  return k === args.length ? v : undefined;
}

function arith(expr: string, st: ExecState): number {
  // Expanded as in double quotes first ($x, ${x}, $(cmd)); bare names are read as variables.
  return arithEval(expand(`"${expr}"`, st), st.vars) ?? 0;
}

/** The terminal's `$(( ))` (shell/arith.ts) over the script's variables; undefined on an error. */
function arithEval(expr: string, vars: Record<string, string>): number | undefined {
  try {
    return evalArith(expr, { get: (name) => vars[name], set: (name, value) => void (vars[name] = value) });
  } catch (e) {
    if (e instanceof ArithError) return undefined;
    throw e;
  }
}

function substitute(script: string, st: ExecState): string {
  const sub: ExecState = { ...st, lines: [], files: [], steps: 0, done: false, fsView: new Map(st.fsView) };
  if (st.live) st.live.hold++;
  try {
    drain(run(parseScript(script), sub));
  } finally {
    if (st.live) st.live.hold--;
  }
  st.t = sub.t;
  return joinLines(sub.lines).replace(/\n+$/, "");
}

export function parseSleep(s: string): number {
  if (s === "infinity" || s === "inf") return Infinity;
  const m = /^(\d+(?:\.\d+)?)([smhd]?)$/.exec(s);
  if (!m) return NaN;
  const mult = { "": 1000, s: 1000, m: 60000, h: 3600000, d: 86400000 }[m[2]]!;
  return Number(m[1]) * mult;
}

function test(args: string[], st: ExecState): boolean {
  if (args[args.length - 1] === "]") args = args.slice(0, -1);
  if (args[0] === "!") return !test(args.slice(1), st);
  if (args.length === 1) return args[0] !== "";
  if (args.length === 2) {
    const [op, a] = args;
    if (op === "-z") return a === "";
    if (op === "-n") return a !== "";
    if (op === "-f" || op === "-e" || op === "-r" || op === "-s") return readFile(st, a) !== undefined;
    if (op === "-d") return ["/", "/tmp", "/etc", "/var", "/usr", "/bin", "/data"].includes(a);
    return false;
  }
  const [a, op, b] = args;
  switch (op) {
    case "=":
    case "==":
      return a === b;
    case "!=":
      return a !== b;
    case "-eq":
      return Number(a) === Number(b);
    case "-ne":
      return Number(a) !== Number(b);
    case "-lt":
      return Number(a) < Number(b);
    case "-le":
      return Number(a) <= Number(b);
    case "-gt":
      return Number(a) > Number(b);
    case "-ge":
      return Number(a) >= Number(b);
  }
  return false;
}

function exec(rawWords: string[], st: ExecState): void {
  // Redirections: `> file`, `>> file`, `2>&1`, `>/dev/null`.
  let redirect: { path: string; append: boolean } | undefined;
  let toStderr = false;
  const words: string[] = [];
  for (let k = 0; k < rawWords.length; k++) {
    const w = rawWords[k];
    const m = /^(\d?)(>>?)(.*)$/.exec(w);
    if (m && !w.startsWith("'") && !w.startsWith('"')) {
      if (m[3] === "&2" && m[1] !== "2") toStderr = true;
      if (m[3] === "&1" || m[3] === "&2") continue;
      const target = m[3] || rawWords[++k] || "";
      if (m[1] !== "2") redirect = { path: expand(target, st), append: m[2] === ">>" };
      continue;
    }
    words.push(w);
  }
  // Assignments `X=1`.
  while (words.length && /^[A-Za-z_][A-Za-z0-9_]*=/.test(words[0])) {
    const w = words.shift()!;
    const eq = w.indexOf("=");
    st.vars[w.slice(0, eq)] = expand(w.slice(eq + 1), st);
  }
  if (words.length === 0) {
    st.status = 0;
    return;
  }
  const before = st.lines.length;
  const stages: string[][] = [[]];
  for (const w of words) {
    if (w === "|") stages.push([]);
    else stages[stages.length - 1].push(w);
  }
  command(stages[0].flatMap((w) => globWord(w, st)), st);
  // `cmd < missing`: the shell reports the file and does not run cmd.
  const noInput = stages[0][0] === "<" && st.status !== 0;
  for (const stage of noInput ? [] : stages.slice(1)) {
    if (!stage.length) continue;
    const input = st.lines.splice(before).filter((l) => !l.err);
    filter(stage.flatMap((w) => globWord(w, st)), input, st);
  }
  if (toStderr && !redirect) for (let k = before; k < st.lines.length; k++) st.lines[k] = { ...st.lines[k], err: true };
  if (redirect) {
    const written = st.lines.splice(before).filter((l) => !l.err);
    const text = joinLines(written);
    if (redirect.path !== "/dev/null" && redirect.path !== "/dev/stdout" && redirect.path !== "/proc/1/fd/1") {
      const prev = redirect.append ? (readFile(st, redirect.path) ?? "") : "";
      st.fsView.set(redirect.path, prev + text);
      // `>>` appends (another writer's lines in between stay); `>` replaces.
      st.files.push(redirect.append ? { at: st.t, path: redirect.path, op: "append", content: text } : { at: st.t, path: redirect.path, op: "add", content: text });
    } else if (redirect.path !== "/dev/null") st.lines.push(...written);
  }
}

/** The common filters at the end of a pipe: grep, head, tail, wc -l, sort, uniq. */
function filter(argv: string[], input: TimedLine[], st: ExecState): void {
  const [cmd, ...args] = argv;
  // Input printed at one instant goes through the terminal's own command (grep -o, wc -w,
  // uniq -c, sort -k… as at the prompt). The cases below keep each line's time: `tail -f` and
  // input spread over time.
  const follow = cmd === "tail" && args.some((a) => /^-[a-zA-Z]*f/.test(a) || a.startsWith("--follow"));
  if (!follow && input.every((l) => l.at === st.t) && textCommand(argv, joinLines(input), st)) return;
  let out = input;
  const num = (def: number) => {
    const i = args.findIndex((a) => a === "-n");
    if (i >= 0) return Number(args[i + 1]);
    const m = args.find((a) => /^-\d+$/.test(a));
    return m ? Number(m.slice(1)) : def;
  };
  switch (cmd) {
    case "grep": {
      const flags = args.filter((a) => a.startsWith("-")).join("");
      const pat = args.find((a) => !a.startsWith("-")) ?? "";
      const re = new RegExp(pat.replace(/[.+?^${}()[\]\\]/g, (m) => (m === "." ? "." : "\\" + m)), flags.includes("i") ? "i" : "");
      out = input.filter((l) => re.test(l.text) !== flags.includes("v"));
      st.status = out.length ? 0 : 1;
      break;
    }
    case "head":
      out = input.slice(0, num(10));
      break;
    case "tail":
      out = input.slice(Math.max(0, input.length - num(10)));
      break;
    case "wc":
      out = [{ at: st.t, text: String(input.length) }];
      break;
    case "sort":
      out = [...input].sort((a, b) => (a.text < b.text ? -1 : a.text > b.text ? 1 : 0));
      if (args.includes("-r")) out.reverse();
      break;
    case "uniq":
      out = input.filter((l, i) => i === 0 || input[i - 1].text !== l.text);
      break;
    case "cat":
      break;
    case "nc":
    case "netcat":
      netcat(args, input, st);
      return;
    default:
      if (!textCommand(argv, joinLines(input), st)) command(argv, st);
      return;
  }
  for (const l of out) st.lines.push({ ...l, at: st.t });
}

/** The terminal's text commands (tr, sed, awk, cut…; script-commands.ts). False if `argv[0]` is none of them. */
function textCommand(argv: string[], stdin: string, st: ExecState): boolean {
  const r = runScriptCommand(argv, stdin, st.vars, {
    read: (path) => readFile(st, path),
    write: (path, content, append) => {
      st.fsView.set(path, (append ? (readFile(st, path) ?? "") : "") + content);
      st.files.push({ at: st.t, path, op: append ? "append" : "add", content });
    },
    remove: (path) => {
      st.fsView.set(path, null);
      st.files.push({ at: st.t, path, op: "rm" });
    },
  });
  if (!r) return false;
  emit(st, r.stdout);
  emit(st, r.stderr, true);
  st.status = r.code;
  return true;
}

function command(argv: string[], st: ExecState): void {
  const [cmd0, ...args] = argv;
  const cmd = cmd0.replace(/^\/(usr\/)?s?bin\//, "");
  st.status = 0;
  switch (cmd) {
    case "echo": {
      let a = args;
      let newline = true;
      let escapes = false;
      while (a[0] === "-n" || a[0] === "-e" || a[0] === "-ne" || a[0] === "-en") {
        if (a[0].includes("n")) newline = false;
        if (a[0].includes("e")) escapes = true;
        a = a.slice(1);
      }
      let text = a.join(" ");
      if (escapes) text = text.replace(/\\n/g, "\n").replace(/\\t/g, "\t").replace(/\\r/g, "\r");
      emit(st, newline ? text + "\n" : text);
      return;
    }
    case "printf": {
      // The terminal's formatter: widths, escapes, and the format reused until the arguments run out.
      const { out, errors } = formatPrintf(args[0] ?? "", args.slice(1));
      emit(st, out);
      if (errors.length) st.status = 1;
      return;
    }
    case "<": {
      // `cmd < file` (script-ast.ts pipes the file in through this word).
      const c = readFile(st, args[0] ?? "");
      if (c === undefined) {
        emit(st, st.env.flavor === "gnu" ? `sh: 1: cannot open ${args[0]}: No such file\n` : `sh: can't open '${args[0]}': No such file or directory\n`, true);
        st.status = st.env.flavor === "gnu" ? 2 : 1;
      } else emit(st, c);
      return;
    }
    case "sleep": {
      const ms = args.reduce((s, a) => s + parseSleep(a), 0);
      if (Number.isNaN(ms)) {
        emit(st, `sleep: invalid number '${args[0] ?? ""}'\n`, true);
        st.status = 1;
        return;
      }
      if (!Number.isFinite(ms)) {
        st.forever = true;
        return;
      }
      st.t += ms;
      return;
    }
    case "tail":
      if (args.some((a) => /^-[a-zA-Z]*[fF]/.test(a) || a === "--follow" || a.startsWith("--follow="))) {
        // `tail -f FILE` follows the file for good: its output is the file's new lines as they come.
        const n = args.findIndex((a) => a === "-n");
        const path = args.filter((a, i) => !a.startsWith("-") && !(n >= 0 && i === n + 1)).pop();
        if (path) st.follow = { path, at: st.t, lines: n >= 0 ? Number(args[n + 1]) || 0 : 10 };
        st.forever = true;
        return;
      }
      return catFiles(args.filter((a) => !a.startsWith("-")), st);
    case "cat":
      if (args.length === 0) return; // stdin is empty
      return catFiles(args, st);
    case "touch":
      for (const p of args.filter((a) => !a.startsWith("-"))) {
        if (readFile(st, p) === undefined) {
          st.fsView.set(p, "");
          st.files.push({ at: st.t, path: p, op: "add", content: "" });
        }
      }
      return;
    case "rm":
      for (const p of args.filter((a) => !a.startsWith("-"))) {
        if (readFile(st, p) === undefined) {
          if (!args.some((a) => a.startsWith("-") && a.includes("f"))) {
            emit(st, st.env.flavor === "gnu" ? `rm: cannot remove '${p}': No such file or directory\n` : `rm: can't remove '${p}': No such file or directory\n`, true);
            st.status = 1;
          }
          continue;
        }
        st.fsView.set(p, null);
        st.files.push({ at: st.t, path: p, op: "rm" });
      }
      return;
    case "mkdir":
    case "chmod":
    case "cd":
    case "export":
    case "set":
    case "ulimit":
    case "wait":
    case "cp":
    case "mv":
      if (cmd === "export") {
        for (const a of args) {
          const eq = a.indexOf("=");
          if (eq > 0) st.vars[a.slice(0, eq)] = a.slice(eq + 1);
        }
      }
      // `set -- a b c`: new positional parameters.
      if (cmd === "set" && args[0] === "--") setPositional(st, args.slice(1));
      return;
    case "break":
    case "continue": {
      // Outside a loop busybox sh ignores them.
      const n = args[0] === undefined ? 1 : Math.trunc(Number(args[0]));
      if (st.loops && n >= 1) st.jump = { kind: cmd, n: Math.min(n, st.loops) };
      return;
    }
    case "shift": {
      const n = args[0] === undefined ? 1 : Number(args[0]);
      const cur = Number(st.vars["#"] ?? 0);
      if (!(n >= 0 && n <= cur)) {
        st.status = 1;
        return;
      }
      setPositional(st, Array.from({ length: cur - n }, (_, i) => st.vars[String(i + 1 + n)] ?? ""));
      return;
    }
    case "trap":
      if (args.slice(1).some((s) => /TERM|15|INT|EXIT/.test(s))) st.trap = true;
      return;
    case "exit":
      st.exitCode = args[0] !== undefined ? Number(args[0]) & 255 : st.status;
      st.status = st.exitCode;
      st.done = true;
      return;
    case "true":
    case ":":
      return;
    case "false":
      st.status = 1;
      return;
    case "[":
    case "test":
      st.status = test(args, st) ? 0 : 1;
      return;
    case "date": {
      const fmt = args.find((a) => a.startsWith("+"));
      emit(st, (fmt ? `${DATEF}${fmt.slice(1)}\u0001` : DATE) + "\n");
      return;
    }
    case "hostname":
      emit(st, st.env.hostname + "\n");
      return;
    case "env":
    case "printenv":
      if (cmd === "printenv" && args.length) {
        const v = st.vars[args[0]];
        if (v === undefined) st.status = 1;
        else emit(st, v + "\n");
        return;
      }
      emit(st, Object.entries(st.vars).map(([k, v]) => `${k}=${v}\n`).join(""));
      return;
    case "basename": {
      // POSIX basename/dirname, as busybox prints them.
      const p = args[0] ?? "";
      let base = p.replace(/\/+$/, "").replace(/^.*\//, "") || (p.startsWith("/") ? "/" : "");
      if (args[1] && base !== args[1] && base.endsWith(args[1])) base = base.slice(0, -args[1].length);
      emit(st, base + "\n");
      return;
    }
    case "dirname": {
      const p = (args[0] ?? "").replace(/\/+$/, "");
      const i = p.lastIndexOf("/");
      emit(st, (i < 0 ? "." : p.slice(0, i).replace(/\/+$/, "") || "/") + "\n");
      return;
    }
    case "expr": {
      const r = exprValue(args);
      if (r === undefined) {
        emit(st, "expr: syntax error\n", true);
        st.status = 2;
        return;
      }
      emit(st, r + "\n");
      st.status = r === "" || r === "0" ? 1 : 0;
      return;
    }
    case "ls":
      return listPaths(args, st);
    case "whoami":
      emit(st, "root\n");
      return;
    case "uname":
      emit(st, args.includes("-a") ? `Linux ${st.env.hostname} 5.15.0-127-generic #137-Ubuntu SMP x86_64 GNU/Linux\n` : "Linux\n");
      return;
    case "sh":
    case "bash":
    case "ash":
      if (args[0] === "-c" && args[1] !== undefined) {
        const sub = compileInto(args[1], st);
        if (sub) return;
      }
      return;
    case "nc":
    case "netcat":
      netcat(args, [], st);
      return;
    case "httpd":
      if (args.includes("-l") || args.includes("-f")) st.forever = true;
      return;
    case "wget":
    case "curl":
    case "nslookup":
    case "ping": {
      // The network module answers with the cluster as it is when the statement runs (live
      // scripts), or when the script is compiled (probes, exec fallback).
      const r = netAnswer(st, [cmd, ...args]);
      if (!r) return;
      for (const ev of r.events) {
        if (ev.k === "wait") st.t += ev.ms;
        else emit(st, ev.s, ev.k === "err");
      }
      for (const f of r.files) {
        st.fsView.set(f.path, f.content);
        st.files.push({ at: st.t, path: f.path, op: "add", content: f.content });
      }
      st.status = r.code;
      return;
    }
    default:
      if (textCommand(argv, "", st)) return;
      emit(st, st.env.flavor === "gnu" ? `sh: 1: ${cmd0}: not found\n` : `sh: ${cmd0}: not found\n`, true);
      st.status = 127;
  }
}

/**
 * `nc -l -p PORT` (busybox/netcat): listens until a client connects, sends it its stdin and
 * prints what the client sent. The server stays listening for good here (the usual form is a
 * `while true` loop restarting it); clients get `reply` (http.ts answers HTTP requests with it).
 */
function netcat(args: string[], input: TimedLine[], st: ExecState): void {
  let listen = false;
  let port: number | undefined;
  const pos: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (/^-[a-zA-Z]+/.test(a)) {
      if (a.includes("l")) listen = true;
      const pi = a.indexOf("p");
      if (pi > 0) port = Number(a.slice(pi + 1) || args[++i]);
      else if (/[wqsei]$/.test(a)) i++; // flags with a value: -w SECS, -q SECS, -s ADDR, -e PROG, -i SECS
    } else pos.push(a);
  }
  if (!listen) return;
  if (port === undefined && pos.length) port = Number(pos[pos.length - 1]);
  if (port === undefined || !Number.isInteger(port) || port <= 0 || port > 65535) {
    st.status = 1;
    return;
  }
  const reply = joinLines(input);
  st.listens = [...(st.listens ?? []).filter((x) => x.port !== port), { port, at: st.t, reply }];
  st.forever = true;
}

function compileInto(script: string, st: ExecState): boolean {
  if (st.live) st.live.hold++;
  try {
    drain(run(parseScript(script), st));
  } finally {
    if (st.live) st.live.hold--;
  }
  return true;
}

/** Top-level directories every image has (their contents are not modelled). */
const BASE_DIRS = new Set(["bin", "boot", "dev", "etc", "home", "lib", "lib32", "lib64", "libx32", "media", "mnt", "opt", "proc", "root", "run", "sbin", "srv", "sys", "tmp", "usr", "var"]);

/**
 * `ls PATH...` in a container script: files it knows are printed, directories stay unlisted (their
 * contents are not modelled), and a path that cannot exist is busybox's or GNU's error on stderr,
 * which `kubectl logs` shows (exit 1 in busybox, 2 in GNU ls).
 */
/** Every path the container has: its files and the directories above them (names ending in "/" are directories). */
function knownPaths(st: ExecState): Set<string> {
  const out = new Set<string>();
  const add = (f: string) => {
    const path = f.replace(/\/+$/, "");
    if (!path) return;
    out.add(path);
    for (let i = path.lastIndexOf("/"); i > 0; i = path.lastIndexOf("/", i - 1)) out.add(path.slice(0, i));
  };
  for (const f of st.env.listFiles?.() ?? []) if (st.fsView.get(f) !== null) add(f);
  for (const [f, c] of st.fsView) if (c !== null) add(f);
  return out;
}

function childNames(st: ExecState, dir: string): string[] {
  const prefix = dir === "/" ? "/" : dir + "/";
  const names = new Set<string>();
  for (const f of knownPaths(st)) if (f.startsWith(prefix) && !f.slice(prefix.length).includes("/")) names.add(f.slice(prefix.length));
  return [...names].filter((n) => n && !n.startsWith(".")).sort();
}

/** Pathname expansion of an unquoted word with * ? [: the matching paths, sorted; none leaves the word as it is. */
function globWord(raw: string, st: ExecState): string[] {
  const word = expand(raw, st);
  const quoted = /["'\\]/.test(raw);
  // Unquoted expansions are split into fields; an empty one is no argument at all.
  if (!quoted && raw.includes("$")) {
    const fields = splitFields(word);
    if (fields.length !== 1) return fields;
  }
  if (quoted || !/[*?[]/.test(raw) || raw === "[" || raw.startsWith("-")) return [word];
  const abs = word.startsWith("/");
  const segs = (abs ? word.slice(1) : word).split("/");
  const hits = [...knownPaths(st)].filter((f) => {
    const parts = f.slice(1).split("/");
    if (!abs) return false;
    return parts.length === segs.length && parts.every((part, i) => (part.startsWith(".") ? segs[i].startsWith(".") : true) && globMatch(segs[i], part));
  });
  return hits.length ? hits.sort() : [word];
}

function listPaths(args: string[], st: ExecState): void {
  for (const a of args.filter((x) => !x.startsWith("-"))) {
    const p = a.startsWith("/") ? a.replace(/\/+$/, "") || "/" : "/" + a.replace(/^\.\/?/, "").replace(/\/+$/, "");
    if (readFile(st, p) !== undefined) {
      emit(st, a + "\n");
      continue;
    }
    const children = childNames(st, p);
    const known =
      p === "/" ||
      BASE_DIRS.has(p.split("/")[1]) ||
      readFile(st, p + "/") !== undefined ||
      [...st.fsView.entries()].some(([f, c]) => c !== null && f.startsWith(p + "/"));
    if (known || children.length) {
      // A directory whose whole content we know (volumes, /tmp...): its names, sorted (not the base image's /etc, /usr...).
      const top = p.split("/").length === 2;
      if (!top || ["/tmp", "/data", "/opt", "/mnt", "/srv", "/home"].includes(p)) emit(st, children.map((c) => c + "\n").join(""));
      continue;
    }
    emit(st, st.env.flavor === "gnu" ? `ls: cannot access '${a}': No such file or directory\n` : `ls: ${a}: No such file or directory\n`, true);
    st.status = st.env.flavor === "gnu" ? 2 : 1;
  }
}

function catFiles(paths: string[], st: ExecState): void {
  for (const p of paths) {
    const c = readFile(st, p);
    if (c === undefined) {
      emit(st, st.env.flavor === "gnu" ? `cat: ${p}: No such file or directory\n` : `cat: can't open '${p}': No such file or directory\n`, true);
      st.status = 1;
    } else emit(st, c); // a value without its newline (ConfigMap literals) runs into the next output, as in a real log
  }
}

/** Quote argv back into a script for `command: ["echo", "a b"]`. */
export function quoteArgv(argv: string[]): string {
  return argv.map((a) => (/^[\w@%+=:,./-]+$/.test(a) ? a : `'${a.replace(/'/g, `'\\''`)}'`)).join(" ");
}
