// Shell builtins: the commands that read or change the shell's own state (variables, cwd,
// aliases, functions, options, control flow), with bash's messages and exit codes.

import { formatPrintf, processEscapes, shellQuote, singleQuote } from "./printf.ts";
import { BreakSignal, ContinueSignal, ExitSignal, nameTable, ReturnSignal, type IO } from "./state.ts";
import { runTest } from "./test-expr.ts";
import type { Shell } from "./shell.ts";
import { FsError } from "./types.ts";

export type Builtin = (sh: Shell, argv: string[], io: IO) => Promise<number>;

const NAME_RE = /^[A-Za-z_][A-Za-z0-9_]*$/;
export const KEYWORDS = new Set(["if", "then", "elif", "else", "fi", "for", "while", "until", "do", "done", "case", "esac", "in", "function", "{", "}", "!", "[[", "]]", "time", "select"]);
/** Builtins here that real systems also ship as files in /usr/bin (`which` finds them). */
export const ALSO_FILES = new Set(["sudo", "echo", "printf", "test", "[", "true", "false", "pwd", "kill", "sleep", "env", "printenv", "sh", "bash", "which", "clear"]);
/** Implemented as builtins here for access to the shell, but files in real bash (`type` says so). */
export const PSEUDO_FILES = new Set(["sudo", "sleep", "env", "printenv", "sh", "bash", "which", "clear"]);

const ok = async () => 0;

/** Read one line for `read` from the buffered stdin, advancing the shared cursor. */
function readLine(io: IO, raw: boolean): string | null {
  const cur = io.cursor ?? (io.cursor = { pos: 0 });
  let line = "";
  for (;;) {
    if (cur.pos >= io.stdin.length) return line === "" ? null : line;
    const nl = io.stdin.indexOf("\n", cur.pos);
    const end = nl < 0 ? io.stdin.length : nl;
    let piece = io.stdin.slice(cur.pos, end);
    cur.pos = nl < 0 ? io.stdin.length : nl + 1;
    if (!raw && piece.endsWith("\\") && nl >= 0) {
      line += piece.slice(0, -1);
      continue;
    }
    if (!raw) piece = piece.replace(/\\(.)/g, "$1");
    return line + piece;
  }
}

export const BUILTINS: Record<string, Builtin> = {
  ":": ok,
  true: ok,
  false: async () => 1,
  hash: ok,
  shopt: ok,
  trap: ok,
  // Background jobs (shell.ts startJob).
  jobs: async (sh, _argv, io) => {
    for (const l of sh.jobLines()) io.stdout.write(l + "\n");
    return 0;
  },
  wait: async (sh, argv, io) => {
    const specs = argv.slice(1);
    let code = 0;
    if (!specs.length) {
      for (const j of [...sh.jobs]) await j.done;
      sh.jobs = [];
      return 0;
    }
    for (const spec of specs) {
      const j = sh.findJob(spec);
      if (!j) {
        io.stderr.write(spec.startsWith("%") ? `bash: wait: ${spec}: no such job\n` : `bash: wait: pid ${spec} is not a child of this shell\n`);
        code = 127;
        continue;
      }
      code = await j.done;
      sh.jobs = sh.jobs.filter((x) => x !== j);
    }
    return code;
  },
  kill: async (sh, argv, io) => {
    const args = argv.slice(1).filter((a) => !/^-(\d+|[A-Z]+|s)$/.test(a) && !/^(TERM|KILL|INT|HUP|SIG[A-Z]+)$/.test(a));
    if (argv[1] === "-l") {
      io.stdout.write(" 1) SIGHUP\t 2) SIGINT\t 3) SIGQUIT\t 4) SIGILL\t 5) SIGTRAP\n 6) SIGABRT\t 7) SIGBUS\t 8) SIGFPE\t 9) SIGKILL\t10) SIGUSR1\n11) SIGSEGV\t12) SIGUSR2\t13) SIGPIPE\t14) SIGALRM\t15) SIGTERM\n");
      return 0;
    }
    if (!args.length) {
      io.stderr.write("kill: usage: kill [-s sigspec | -n signum | -sigspec] pid | jobspec ... or kill -l [sigspec]\n");
      return 2;
    }
    let code = 0;
    for (const a of args) {
      const j = sh.findJob(a);
      if (j) {
        j.kill();
        continue;
      }
      if (a.startsWith("%")) io.stderr.write(`bash: kill: ${a}: no such job\n`);
      else if (/^\d+$/.test(a)) io.stderr.write(`bash: kill: (${a}) - No such process\n`);
      else io.stderr.write(`bash: kill: ${a}: arguments must be process or job IDs\n`);
      code = 1;
    }
    return code;
  },
  // Completion specs are recorded (not used: the terminal completes kubectl itself) so that
  // `complete -p k` prints what `complete -F __start_kubectl k` registered, as bash does.
  async complete(sh, argv, io) {
    const specs: Record<string, string> = ((sh.state as any).completions ??= {});
    const args = argv.slice(1);
    if (args[0] === "-p" || args.length === 0) {
      const names = args.length > 1 ? args.slice(1) : Object.keys(specs).sort();
      let rc = 0;
      for (const n of names) {
        if (specs[n]) io.stdout.write(`complete ${specs[n]} ${n}\n`);
        else {
          io.stderr.write(`bash: complete: ${n}: no completion specification\n`);
          rc = 1;
        }
      }
      return rc;
    }
    if (args[0] === "-r") {
      for (const n of args.slice(1)) delete specs[n];
      return 0;
    }
    // Options come first; the remaining words are command names.
    const opts: string[] = [];
    let i = 0;
    while (i < args.length && args[i].startsWith("-")) {
      const o = args[i++];
      if (["-F", "-o", "-W", "-A", "-C", "-G", "-X", "-P", "-S"].includes(o) && i < args.length) opts.push(o, args[i++]);
      else opts.push(o);
    }
    for (const n of args.slice(i)) specs[n] = opts.join(" ");
    return 0;
  },
  compopt: ok,
  umask: async (_sh, _a, io) => (io.stdout.write("0022\n"), 0),

  async cd(sh, argv, io) {
    const args = argv.slice(1).filter((a, i) => !(i === 0 && (a === "-L" || a === "-P" || a === "--")));
    if (args.length > 1) {
      io.stderr.write("bash: cd: too many arguments\n");
      return 1;
    }
    let target: string | undefined = args[0];
    let print = false;
    if (target === undefined || target === "") {
      target = sh.getVar("HOME");
      if (target === undefined) {
        io.stderr.write("bash: cd: HOME not set\n");
        return 1;
      }
    } else if (target === "-") {
      target = sh.getVar("OLDPWD");
      if (target === undefined) {
        io.stderr.write("bash: cd: OLDPWD not set\n");
        return 1;
      }
      print = true;
    }
    const path = sh.fs.resolve(sh.cwd, target, sh.home);
    const st = sh.fs.stat(path);
    if (!st) {
      io.stderr.write(`bash: cd: ${args[0] ?? target}: No such file or directory\n`);
      return 1;
    }
    if (st.type !== "dir") {
      io.stderr.write(`bash: cd: ${args[0] ?? target}: Not a directory\n`);
      return 1;
    }
    sh.setVar("OLDPWD", sh.cwd, true);
    sh.state.cwd = path;
    sh.setVar("PWD", path);
    if (print) io.stdout.write(path + "\n");
    return 0;
  },

  async pwd(sh, _argv, io) {
    io.stdout.write(sh.cwd + "\n");
    return 0;
  },

  async echo(_sh, argv, io) {
    let i = 1;
    let newline = true;
    let escapes = false;
    for (; i < argv.length && /^-[neE]+$/.test(argv[i]); i++) {
      for (const f of argv[i].slice(1)) {
        if (f === "n") newline = false;
        else if (f === "e") escapes = true;
        else escapes = false;
      }
    }
    let text = argv.slice(i).join(" ");
    if (escapes) {
      const r = processEscapes(text);
      text = r.text;
      if (r.stop) newline = false;
    }
    io.stdout.write(text + (newline ? "\n" : ""));
    return 0;
  },

  async printf(sh, argv, io) {
    let args = argv.slice(1);
    let varName: string | null = null;
    if (args[0] === "-v") {
      varName = args[1];
      args = args.slice(2);
    }
    if (args[0] === "--") args = args.slice(1);
    if (!args.length) {
      io.stderr.write("printf: usage: printf [-v var] format [arguments]\n");
      return 2;
    }
    const { out, errors } = formatPrintf(args[0], args.slice(1));
    if (varName) sh.setVar(varName, out);
    else io.stdout.write(out);
    for (const e of errors) io.stderr.write(e + "\n");
    return errors.length ? 1 : 0;
  },

  async export(sh, argv, io) {
    let args = argv.slice(1);
    let unexport = false;
    while (args[0]?.startsWith("-")) {
      if (args[0] === "-n") unexport = true;
      args = args.slice(1);
    }
    if (!args.length) {
      for (const k of sh.state.exported) {
        const v = sh.state.vars[k];
        io.stdout.write(v === undefined ? `declare -x ${k}\n` : `declare -x ${k}="${v.replace(/["\\$`]/g, "\\$&")}"\n`);
      }
      return 0;
    }
    let status = 0;
    for (const a of args) {
      const eq = a.indexOf("=");
      const name = eq < 0 ? a : a.slice(0, eq).replace(/\+$/, "");
      if (!NAME_RE.test(name)) {
        io.stderr.write(`bash: export: \`${a}': not a valid identifier\n`);
        status = 1;
        continue;
      }
      if (unexport) {
        sh.state.exported = sh.state.exported.filter((n) => n !== name);
        continue;
      }
      if (eq >= 0) sh.setVar(name, (a[eq - 1] === "+" ? (sh.state.vars[name] ?? "") : "") + a.slice(eq + 1));
      if (!sh.state.exported.includes(name)) sh.state.exported.push(name);
    }
    return status;
  },

  async unset(sh, argv) {
    let mode: "v" | "f" | "" = "";
    for (const a of argv.slice(1)) {
      if (a === "-f") mode = "f";
      else if (a === "-v") mode = "v";
      else if (mode === "f") delete sh.state.functions[a];
      else if (mode === "v" || sh.state.vars[a] !== undefined) sh.unsetVar(a);
      else delete sh.state.functions[a];
    }
    return 0;
  },

  async alias(sh, argv, io) {
    const args = argv.slice(1).filter((a) => a !== "-p");
    if (!args.length) {
      for (const k of Object.keys(sh.state.aliases).sort()) io.stdout.write(`alias ${k}=${singleQuote(sh.state.aliases[k])}\n`);
      return 0;
    }
    let status = 0;
    for (const a of args) {
      const eq = a.indexOf("=");
      if (eq < 0) {
        const v = sh.state.aliases[a];
        if (v === undefined) {
          io.stderr.write(`bash: alias: ${a}: not found\n`);
          status = 1;
        } else io.stdout.write(`alias ${a}=${singleQuote(v)}\n`);
        continue;
      }
      const name = a.slice(0, eq);
      if (!name || /[\s\/$`='"\\|&;()<>]/.test(name)) {
        io.stderr.write(`bash: alias: \`${name}': invalid alias name\n`);
        status = 1;
        continue;
      }
      sh.state.aliases[name] = a.slice(eq + 1);
    }
    return status;
  },

  async unalias(sh, argv, io) {
    let status = 0;
    for (const a of argv.slice(1)) {
      if (a === "-a") {
        sh.state.aliases = nameTable();
        continue;
      }
      if (sh.state.aliases[a] === undefined) {
        io.stderr.write(`bash: unalias: ${a}: not found\n`);
        status = 1;
      } else delete sh.state.aliases[a];
    }
    return status;
  },

  async source(sh, argv, io) {
    const file = argv[1];
    if (file === undefined) {
      io.stderr.write(`bash: ${argv[0]}: filename argument required\n${argv[0]}: usage: ${argv[0]} filename [arguments]\n`);
      return 2;
    }
    let text: string;
    try {
      text = sh.devfs.readFile(sh.fs.resolve(sh.cwd, file, sh.home));
    } catch (e) {
      if (e instanceof FsError) {
        io.stderr.write(`bash: ${file}: ${e.message}\n`);
        return 1;
      }
      throw e;
    }
    return sh.sourceText(text, argv.slice(2), io);
  },

  async history(sh, argv, io) {
    if (argv[1] === "-c") {
      sh.state.history = [];
      return 0;
    }
    const h = sh.state.history;
    let start = 0;
    if (argv[1] !== undefined) {
      const n = Number(argv[1]);
      if (!Number.isInteger(n) || n < 0) {
        io.stderr.write(`bash: history: ${argv[1]}: numeric argument required\n`);
        return 1;
      }
      start = Math.max(0, h.length - n);
    }
    let out = "";
    for (let i = start; i < h.length; i++) out += `${String(i + 1).padStart(5)}  ${h[i]}\n`;
    io.stdout.write(out);
    return 0;
  },

  async clear(_sh, _argv, io) {
    io.stdout.write("\x1b[H\x1b[2J\x1b[3J");
    return 0;
  },

  async exit(sh, argv, io) {
    const a = argv[1];
    if (a !== undefined && !/^[-+]?\d+$/.test(a)) {
      io.stderr.write(`bash: exit: ${a}: numeric argument required\n`);
      throw new ExitSignal(2);
    }
    throw new ExitSignal(a === undefined ? sh.state.lastExit : Number(a) & 255);
  },

  async test(sh, argv, io) {
    return runTest(sh, argv, io);
  },
  async "["(sh, argv, io) {
    return runTest(sh, argv, io);
  },

  async read(sh, argv, io) {
    let raw = false;
    const names: string[] = [];
    let array = false;
    let prompt = "";
    for (let i = 1; i < argv.length; i++) {
      const a = argv[i];
      if (a.startsWith("-") && a.length > 1 && !names.length) {
        for (let j = 1; j < a.length; j++) {
          const f = a[j];
          if (f === "r") raw = true;
          else if (f === "s") continue;
          else if (f === "a") array = true;
          else if (f === "p" || f === "t" || f === "n" || f === "d" || f === "u") {
            const val = a.slice(j + 1) || argv[++i];
            if (f === "p") prompt = val ?? "";
            break;
          }
        }
        continue;
      }
      names.push(a);
    }
    if (prompt && io.stdinIsTTY) io.stderr.write(prompt);
    const line = readLine(io, raw);
    if (line === null) {
      for (const n of names.length ? names : ["REPLY"]) sh.setVar(n, "");
      return 1;
    }
    const ifs = sh.getVar("IFS") ?? " \t\n";
    if (!names.length) {
      sh.setVar("REPLY", line);
    } else {
      // Only the whitespace characters that are in IFS are trimmed (`IFS= read` keeps all).
      const wsChars = ifs.replace(/[^ \t\n]/g, "");
      const ws = ifs !== "" && wsChars === ifs;
      const trimRe = wsChars ? new RegExp(`^[${wsChars}]+|[${wsChars}]+$`, "g") : null;
      const trimmed = trimRe ? line.replace(trimRe, "") : line;
      const esc = ifs.replace(/[\]\\^-]/g, "\\$&");
      const splitter = ifs ? new RegExp(ws ? `[${esc}]+` : `[${esc}]`) : null;
      if (array) {
        sh.setVar(names[0], splitter ? trimmed.split(splitter).filter(Boolean).join(" ") : trimmed);
      } else {
        let rest = trimmed;
        names.forEach((n, idx) => {
          if (idx === names.length - 1 || !splitter) {
            sh.setVar(n, rest);
            rest = "";
            return;
          }
          const m = splitter.exec(rest);
          if (!m) {
            sh.setVar(n, rest);
            rest = "";
            return;
          }
          sh.setVar(n, rest.slice(0, m.index));
          rest = rest.slice(m.index + m[0].length);
        });
      }
    }
    // A last line without a newline is still assigned, but read reports end of input.
    return io.stdin[io.cursor!.pos - 1] === "\n" ? 0 : 1;
  },

  async type(sh, argv, io) {
    let tflag = false;
    let pflag = false;
    let status = 0;
    for (const a of argv.slice(1)) {
      if (a === "-t") {
        tflag = true;
        continue;
      }
      if (a === "-p" || a === "-P") {
        pflag = true;
        continue;
      }
      if (a === "-a" || a === "-f") continue;
      const kind = KEYWORDS.has(a) ? "keyword" : sh.lookup(a);
      if (!kind) {
        if (!tflag && !pflag) io.stderr.write(`bash: type: ${a}: not found\n`);
        status = 1;
        continue;
      }
      const file = kind === "file" || (kind === "builtin" && PSEUDO_FILES.has(a));
      if (pflag) {
        if (file) io.stdout.write(`/usr/bin/${a}\n`);
        continue;
      }
      if (tflag) {
        io.stdout.write((file ? "file" : kind) + "\n");
        continue;
      }
      if (kind === "alias") io.stdout.write(`${a} is aliased to \`${sh.state.aliases[a]}'\n`);
      else if (kind === "function") io.stdout.write(`${a} is a function\n${sh.state.functions[a]}\n`);
      else if (kind === "keyword") io.stdout.write(`${a} is a shell keyword\n`);
      else if (file) io.stdout.write(`${a} is /usr/bin/${a}\n`);
      else io.stdout.write(`${a} is a shell builtin\n`);
    }
    return status;
  },

  async which(sh, argv, io) {
    let status = 0;
    const names = argv.slice(1).filter((a) => !a.startsWith("-"));
    if (!names.length) return 1;
    for (const a of names) {
      const kind = sh.lookup(a);
      if (kind === "file" || (kind === "builtin" && ALSO_FILES.has(a)) || (kind && ALSO_FILES.has(a))) io.stdout.write(`/usr/bin/${a}\n`);
      else if (a.includes("/") && sh.devfs.stat(sh.fs.resolve(sh.cwd, a, sh.home))?.type === "file") io.stdout.write(a + "\n");
      else status = 1;
    }
    return status;
  },

  async command(sh, argv, io) {
    const v = argv[1] === "-v" || argv[1] === "-V";
    if (v) {
      let status = 0;
      for (const a of argv.slice(2)) {
        const kind = KEYWORDS.has(a) ? "keyword" : sh.lookup(a);
        if (!kind) {
          if (argv[1] === "-V") io.stderr.write(`bash: command: ${a}: not found\n`);
          status = 1;
        } else if (kind === "alias") io.stdout.write(`alias ${a}=${singleQuote(sh.state.aliases[a])}\n`);
        else if (kind === "file" || PSEUDO_FILES.has(a)) io.stdout.write(`/usr/bin/${a}\n`);
        else io.stdout.write(a + "\n");
      }
      return status;
    }
    const rest = argv.slice(argv[1] === "-p" ? 2 : 1);
    if (!rest.length) return 0;
    const saved = sh.state.functions[rest[0]];
    if (saved === undefined) return sh.invoke(rest, io);
    delete sh.state.functions[rest[0]];
    try {
      return await sh.invoke(rest, io);
    } finally {
      sh.state.functions[rest[0]] = saved;
    }
  },

  async env(sh, argv, io) {
    const overlay: Record<string, string> = {};
    let i = 1;
    let clear = false;
    for (; i < argv.length; i++) {
      const a = argv[i];
      if (a === "-i" || a === "-") clear = true;
      else if (a === "-u") delete overlay[argv[++i]];
      else if (/^[A-Za-z_][A-Za-z0-9_]*=/.test(a)) overlay[a.slice(0, a.indexOf("="))] = a.slice(a.indexOf("=") + 1);
      else break;
    }
    if (i < argv.length) {
      const saved = new Map(Object.keys(overlay).map((k) => [k, sh.state.vars[k]]));
      const savedExp = [...sh.state.exported];
      for (const [k, v] of Object.entries(overlay)) sh.setVar(k, v, true);
      try {
        return await sh.invoke(argv.slice(i), io);
      } finally {
        for (const [k, v] of saved) {
          if (v === undefined) delete sh.state.vars[k];
          else sh.state.vars[k] = v;
        }
        sh.state.exported = savedExp;
      }
    }
    const env = clear ? overlay : sh.env(overlay);
    io.stdout.write(Object.entries(env).map(([k, v]) => `${k}=${v}\n`).join(""));
    return 0;
  },

  async printenv(sh, argv, io) {
    const env = sh.env();
    if (argv.length === 1) {
      io.stdout.write(Object.entries(env).map(([k, v]) => `${k}=${v}\n`).join(""));
      return 0;
    }
    let status = 0;
    for (const n of argv.slice(1)) {
      if (env[n] === undefined) status = 1;
      else io.stdout.write(env[n] + "\n");
    }
    return status;
  },

  async set(sh, argv, io) {
    if (argv.length === 1) {
      const out = Object.keys(sh.state.vars)
        .sort()
        .map((k) => `${k}=${shellQuoteSet(sh.state.vars[k])}\n`)
        .join("");
      io.stdout.write(out);
      return 0;
    }
    const opts = sh.state.options;
    const names: Record<string, keyof typeof opts> = { e: "errexit", u: "nounset", x: "xtrace", errexit: "errexit", nounset: "nounset", xtrace: "xtrace", pipefail: "pipefail" };
    for (let i = 1; i < argv.length; i++) {
      const a = argv[i];
      if (a === "--") {
        sh.positional = argv.slice(i + 1);
        return 0;
      }
      if (a === "-o" || a === "+o") {
        const name = argv[++i];
        if (name === undefined) {
          for (const k of ["errexit", "nounset", "pipefail", "xtrace"] as const) io.stdout.write(`${k.padEnd(15)}\t${opts[k] ? "on" : "off"}\n`);
          continue;
        }
        const key = names[name];
        if (key) opts[key] = a === "-o";
        else if (!["vi", "emacs", "history", "monitor", "noclobber", "posix", "allexport", "noglob", "braceexpand", "hashall", "histexpand", "interactive-comments", "ignoreeof", "notify", "onecmd", "physical", "privileged", "verbose", "functrace", "errtrace", "keyword", "noexec", "nolog"].includes(name)) {
          io.stderr.write(`bash: set: ${name}: invalid option name\n`);
          return 1;
        }
        continue;
      }
      if (/^[-+][a-zA-Z]+$/.test(a)) {
        for (const f of a.slice(1)) {
          const key = names[f];
          if (key) opts[key] = a[0] === "-";
        }
        continue;
      }
      sh.positional = argv.slice(i);
      return 0;
    }
    return 0;
  },

  async shift(sh, argv, io) {
    const n = argv[1] === undefined ? 1 : Number(argv[1]);
    if (!Number.isInteger(n) || n < 0) {
      io.stderr.write(`bash: shift: ${argv[1]}: numeric argument required\n`);
      return 1;
    }
    if (n > sh.positional.length) return 1;
    sh.positional = sh.positional.slice(n);
    return 0;
  },

  async return(sh, argv, io) {
    if (sh.funcDepth === 0 && sh.sourceDepth === 0) {
      io.stderr.write("bash: return: can only `return' from a function or sourced script\n");
      return 1;
    }
    const a = argv[1];
    if (a !== undefined && !/^[-+]?\d+$/.test(a)) {
      io.stderr.write(`bash: return: ${a}: numeric argument required\n`);
      throw new ReturnSignal(2);
    }
    throw new ReturnSignal(a === undefined ? sh.state.lastExit : Number(a) & 255);
  },

  async break(sh, argv, io) {
    return loopControl(sh, argv, io, (n) => new BreakSignal(n));
  },
  async continue(sh, argv, io) {
    return loopControl(sh, argv, io, (n) => new ContinueSignal(n));
  },

  async local(sh, argv, io) {
    if (sh.funcDepth === 0) {
      io.stderr.write("bash: local: can only be used in a function\n");
      return 1;
    }
    return declareVars(sh, argv, io, true);
  },
  async declare(sh, argv, io) {
    return declareVars(sh, argv, io, sh.funcDepth > 0);
  },
  async typeset(sh, argv, io) {
    return declareVars(sh, argv, io, sh.funcDepth > 0);
  },
  async readonly(sh, argv, io) {
    return declareVars(sh, argv, io, false);
  },

  async let(sh, argv, io) {
    if (argv.length < 2) {
      io.stderr.write("bash: let: expression expected\n");
      return 1;
    }
    let v = 0;
    for (const e of argv.slice(1)) v = await sh.arith(e, io);
    return v === 0 ? 1 : 0;
  },

  async eval(sh, argv, io) {
    const text = argv.slice(1).join(" ");
    if (!text.trim()) return 0;
    return sh.runSource(text, io);
  },

  async compgen(_sh, argv, io) {
    let words: string[] = [];
    let i = 1;
    for (; i < argv.length; i++) {
      if (argv[i] === "-W") words = (argv[++i] ?? "").split(/\s+/).filter(Boolean);
      else if (argv[i] === "--") {
        i++;
        break;
      } else if (!argv[i].startsWith("-")) break;
    }
    const prefix = argv[i] ?? "";
    const hits = words.filter((w) => w.startsWith(prefix));
    io.stdout.write(hits.map((w) => w + "\n").join(""));
    return hits.length ? 0 : 1;
  },

  async sleep(sh, argv, io) {
    const args = argv.slice(1);
    if (!args.length) {
      io.stderr.write("sleep: missing operand\nTry 'sleep --help' for more information.\n");
      return 1;
    }
    let ms = 0;
    for (const a of args) {
      const m = /^(\d+(?:\.\d*)?|\.\d+)([smhd]?)$/.exec(a);
      if (!m) {
        io.stderr.write(`sleep: invalid time interval '${a}'\nTry 'sleep --help' for more information.\n`);
        return 1;
      }
      ms += Number(m[1]) * { "": 1000, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 }[m[2]]!;
    }
    await sh.host.clock.sleep(Math.round(ms), sh.signal);
    return sh.signal.aborted ? 130 : 0;
  },

  /** `exec bash` after editing ~/.bashrc is common: reload it instead of replacing anything. */
  async exec(sh, argv, io) {
    const rest = argv.slice(1);
    if (!rest.length) return 0;
    if (/^-?(ba)?sh$|^\/bin\/(ba)?sh$/.test(rest[0]) && rest.length === 1) {
      const rc = sh.fs.resolve("/", "~/.bashrc", sh.home);
      return sh.fs.exists(rc) ? sh.sourceText(sh.fs.readFile(rc), [], io) : 0;
    }
    throw new ExitSignal(await sh.invoke(rest, io));
  },

  /** The learner is already root: `sudo cmd` just runs cmd. */
  async sudo(sh, argv, io) {
    let i = 1;
    while (i < argv.length && argv[i].startsWith("-")) i += /^-[ugCDhprTU]$/.test(argv[i]) ? 2 : 1;
    const rest = argv.slice(i);
    if (!rest.length) {
      io.stderr.write("usage: sudo -h | -K | -k | -V\nusage: sudo [-AbEHknPS] [-C num] [-D directory] [-g group] [-h host] [-p prompt] [-u user] command [arg ...]\n");
      return 1;
    }
    return sh.invoke(rest, io);
  },

  async bash(sh, argv, io) {
    return runShell(sh, argv, io);
  },
  async sh(sh, argv, io) {
    return runShell(sh, argv, io);
  },
};
BUILTINS["."] = BUILTINS.source;
// Looked up by whatever name is typed: `constructor` or `toString` must not find Object.prototype's.
Object.setPrototypeOf(BUILTINS, null);
BUILTINS.logout = BUILTINS.exit;

function shellQuoteSet(v: string): string {
  return /^[A-Za-z0-9_.,:\/@%+=-]*$/.test(v) ? v : singleQuote(v);
}

async function loopControl(sh: Shell, argv: string[], io: IO, make: (n: number) => unknown): Promise<number> {
  const n = argv[1] === undefined ? 1 : Number(argv[1]);
  if (!Number.isInteger(n) || n < 1) {
    io.stderr.write(`bash: ${argv[0]}: ${argv[1]}: loop count out of range\n`);
    return 1;
  }
  if (sh.loopDepth === 0) {
    io.stderr.write(`bash: ${argv[0]}: only meaningful in a \`for', \`while', or \`until' loop\n`);
    return 0;
  }
  throw make(Math.min(n, sh.loopDepth));
}

async function declareVars(sh: Shell, argv: string[], io: IO, local: boolean): Promise<number> {
  let exportIt = false;
  let print = false;
  let funcs = false;
  let status = 0;
  const names: string[] = [];
  for (const a of argv.slice(1)) {
    if (/^[-+][a-zA-Z]+$/.test(a) && !names.length) {
      if (a.includes("x") && a[0] === "-") exportIt = true;
      if (a.includes("p")) print = true;
      if (a.includes("f") || a.includes("F")) funcs = true;
      if (a.includes("g")) local = false;
      continue;
    }
    names.push(a);
  }
  if (funcs) {
    const list = names.length ? names : Object.keys(sh.state.functions).sort();
    for (const n of list) {
      if (sh.state.functions[n] === undefined) status = 1;
      else io.stdout.write(argv[1]?.includes("F") ? `declare -f ${n}\n` : sh.state.functions[n] + "\n");
    }
    return status;
  }
  if (print || !names.length) {
    const list = names.length ? names : Object.keys(sh.state.vars).sort();
    for (const n of list) {
      const v = sh.state.vars[n];
      if (v === undefined) {
        io.stderr.write(`bash: ${argv[0]}: ${n}: not found\n`);
        status = 1;
        continue;
      }
      const flag = sh.state.exported.includes(n) ? "-x" : "--";
      io.stdout.write(`declare ${flag} ${n}="${v.replace(/["\\$`]/g, "\\$&")}"\n`);
    }
    return status;
  }
  for (const a of names) {
    const eq = a.indexOf("=");
    const name = eq < 0 ? a : a.slice(0, eq).replace(/\+$/, "");
    if (!NAME_RE.test(name)) {
      io.stderr.write(`bash: ${argv[0]}: \`${a}': not a valid identifier\n`);
      status = 1;
      continue;
    }
    if (local) sh.declareLocal(name);
    if (eq >= 0) {
      let v = a.slice(eq + 1);
      if (v.startsWith("(") && v.endsWith(")")) v = v.slice(1, -1).trim();
      sh.setVar(name, v, exportIt);
    } else if (local) {
      if (sh.state.vars[name] === undefined || local) sh.setVar(name, "", exportIt);
    } else if (exportIt && !sh.state.exported.includes(name)) sh.state.exported.push(name);
  }
  return status;
}

/** `bash -c '…' [name args]`, `bash file [args]`, `echo cmds | bash`. */
async function runShell(sh: Shell, argv: string[], io: IO): Promise<number> {
  let i = 1;
  while (i < argv.length && /^-[a-zA-Z]+$/.test(argv[i]) && argv[i] !== "-c") {
    i++;
  }
  if (argv[i] === "-c") {
    const cmd = argv[i + 1];
    if (cmd === undefined) {
      io.stderr.write(`${argv[0]}: -c: option requires an argument\n`);
      return 2;
    }
    return sh.runScript(cmd, [argv[i + 2] ?? argv[0], ...argv.slice(i + 3)], io);
  }
  const file = argv[i];
  if (file === undefined) {
    if (io.stdinIsTTY) return 0;
    const text = io.stdin.slice(io.cursor?.pos ?? 0);
    return sh.runScript(text, [argv[0]], { ...io, stdin: "", cursor: { pos: 0 } });
  }
  let text: string;
  try {
    text = sh.devfs.readFile(sh.fs.resolve(sh.cwd, file, sh.home));
  } catch (e) {
    if (e instanceof FsError) {
      io.stderr.write(`${argv[0]}: ${file}: ${e.message}\n`);
      return 127;
    }
    throw e;
  }
  return sh.runScript(text, argv.slice(i), io);
}

export { shellQuote };
