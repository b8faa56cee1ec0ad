// File coreutils over the virtual FS: cat, mkdir, rm, rmdir, cp, mv, touch, chmod. Messages
// follow GNU coreutils 9 (quoted names in 'single quotes' where coreutils quotes them).

import { FsError, type CommandContext, type CommandImpl, type FileSystem } from "../types.ts";
import { basename, normalizePath } from "../vfs.ts";

/** Split argv into flags (single letters, combined) and operands; `--` ends flags. */
export function parseFlags(argv: string[], withValue: string[] = []): { flags: Set<string>; values: Record<string, string>; operands: string[]; bad?: string } {
  const flags = new Set<string>();
  const values: Record<string, string> = {};
  const operands: string[] = [];
  let done = false;
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i];
    if (done || a === "-" || !a.startsWith("-")) {
      operands.push(a);
      continue;
    }
    if (a === "--") {
      done = true;
      continue;
    }
    if (a.startsWith("--")) {
      flags.add(a);
      continue;
    }
    for (let j = 1; j < a.length; j++) {
      const f = a[j];
      if (withValue.includes(f)) {
        values[f] = a.slice(j + 1) || argv[++i] || "";
        break;
      }
      flags.add(f);
    }
  }
  return { flags, values, operands };
}

const abs = (ctx: CommandContext, p: string) => ctx.fs.resolve(ctx.cwd, p, ctx.env.HOME ?? "/root");
const msg = (e: unknown) => (e instanceof FsError ? e.message : String((e as Error)?.message ?? e));

export const cat: CommandImpl = async (ctx) => {
  const { flags, operands } = parseFlags(ctx.argv);
  const files = operands.length ? operands : ["-"];
  let status = 0;
  let out = "";
  for (const f of files) {
    if (f === "-") {
      out += ctx.stdin;
      continue;
    }
    try {
      out += ctx.fs.readFile(abs(ctx, f));
    } catch (e) {
      ctx.stdout.write(number(out, flags));
      out = "";
      ctx.stderr.write(`cat: ${f}: ${msg(e)}\n`);
      status = 1;
    }
  }
  ctx.stdout.write(number(out, flags));
  return status;
};

function number(text: string, flags: Set<string>): string {
  if (!text || !(flags.has("n") || flags.has("b"))) return text;
  let n = 0;
  const lines = text.split("\n");
  const last = lines.pop();
  const out = lines.map((l) => (flags.has("b") && l === "" ? l : `${String(++n).padStart(6)}\t${l}`));
  if (last) out.push(`${String(++n).padStart(6)}\t${last}`);
  return out.join("\n") + (last ? "" : "\n");
}

export const mkdir: CommandImpl = async (ctx) => {
  const { flags, operands } = parseFlags(ctx.argv, ["m"]);
  if (!operands.length) {
    ctx.stderr.write("mkdir: missing operand\nTry 'mkdir --help' for more information.\n");
    return 1;
  }
  let status = 0;
  for (const d of operands) {
    try {
      ctx.fs.mkdir(abs(ctx, d), { parents: flags.has("p") || flags.has("--parents") });
    } catch (e) {
      const code = e instanceof FsError ? e.code : "";
      // GNU mkdir quotes with the locale's quotes (UTF-8 terminal), unlike rm/ls.
      ctx.stderr.write(`mkdir: cannot create directory ‘${d}’: ${msg(e)}\n`);
      status = code ? 1 : 1;
    }
  }
  return status;
};

export const rmdir: CommandImpl = async (ctx) => {
  const { operands } = parseFlags(ctx.argv);
  let status = 0;
  for (const d of operands) {
    const p = abs(ctx, d);
    const st = ctx.fs.stat(p);
    try {
      if (!st) throw new FsError("ENOENT", d);
      if (st.type !== "dir") throw new FsError("ENOTDIR", d);
      ctx.fs.remove(p);
    } catch (e) {
      ctx.stderr.write(`rmdir: failed to remove '${d}': ${msg(e)}\n`);
      status = 1;
    }
  }
  return status;
};

export const rm: CommandImpl = async (ctx) => {
  const { flags, operands } = parseFlags(ctx.argv);
  const recursive = flags.has("r") || flags.has("R") || flags.has("--recursive");
  const force = flags.has("f") || flags.has("--force");
  if (!operands.length && !force) {
    ctx.stderr.write("rm: missing operand\nTry 'rm --help' for more information.\n");
    return 1;
  }
  let status = 0;
  for (const f of operands) {
    const p = abs(ctx, f);
    const st = ctx.fs.stat(p);
    if (!st) {
      if (!force) {
        ctx.stderr.write(`rm: cannot remove '${f}': No such file or directory\n`);
        status = 1;
      }
      continue;
    }
    if (st.type === "dir" && !recursive) {
      ctx.stderr.write(`rm: cannot remove '${f}': Is a directory\n`);
      status = 1;
      continue;
    }
    if (normalizePath(p) === "/") {
      ctx.stderr.write("rm: it is dangerous to operate recursively on '/'\nrm: use --no-preserve-root to override this failsafe\n");
      status = 1;
      continue;
    }
    try {
      ctx.fs.remove(p, { recursive });
    } catch (e) {
      ctx.stderr.write(`rm: cannot remove '${f}': ${msg(e)}\n`);
      status = 1;
    }
  }
  return status;
};

function copyTree(fs: FileSystem, from: string, to: string): void {
  const st = fs.stat(from)!;
  if (st.type === "file") {
    fs.writeFile(to, st.content ?? "");
    return;
  }
  if (!fs.exists(to)) fs.mkdir(to);
  for (const n of fs.readdir(from)) copyTree(fs, from + "/" + n, to + "/" + n);
}

/** cp and mv share target resolution: `cp a b`, `cp a b dir/`. */
function transfer(ctx: CommandContext, name: "cp" | "mv"): number {
  const { flags, operands } = parseFlags(ctx.argv);
  const recursive = flags.has("r") || flags.has("R") || flags.has("a") || flags.has("--recursive");
  if (operands.length < 2) {
    ctx.stderr.write(operands.length ? `${name}: missing destination file operand after '${operands[0]}'\nTry '${name} --help' for more information.\n` : `${name}: missing file operand\nTry '${name} --help' for more information.\n`);
    return 1;
  }
  const dest = operands[operands.length - 1];
  const destAbs = abs(ctx, dest);
  const destIsDir = ctx.fs.stat(destAbs)?.type === "dir";
  const sources = operands.slice(0, -1);
  if (sources.length > 1 && !destIsDir) {
    ctx.stderr.write(`${name}: target '${dest}': ${ctx.fs.exists(destAbs) ? "Not a directory" : "No such file or directory"}\n`);
    return 1;
  }
  let status = 0;
  for (const s of sources) {
    const from = abs(ctx, s);
    const st = ctx.fs.stat(from);
    if (!st) {
      ctx.stderr.write(`${name}: cannot stat '${s}': No such file or directory\n`);
      status = 1;
      continue;
    }
    const to = destIsDir ? destAbs + "/" + basename(from) : destAbs;
    try {
      if (name === "mv") ctx.fs.rename(from, to);
      else {
        if (st.type === "dir" && !recursive) {
          ctx.stderr.write(`cp: -r not specified; omitting directory '${s}'\n`);
          status = 1;
          continue;
        }
        if (to === from || to.startsWith(from + "/")) {
          ctx.stderr.write(`cp: cannot copy a directory, '${s}', into itself, '${dest}'\n`);
          status = 1;
          continue;
        }
        copyTree(ctx.fs, from, to);
      }
    } catch (e) {
      ctx.stderr.write(`${name}: cannot ${name === "mv" ? "move" : "create regular file"} '${s}'${name === "mv" ? ` to '${dest}'` : ""}: ${msg(e)}\n`);
      status = 1;
    }
  }
  return status;
}

export const cp: CommandImpl = async (ctx) => transfer(ctx, "cp");
export const mv: CommandImpl = async (ctx) => transfer(ctx, "mv");

export const touch: CommandImpl = async (ctx) => {
  const { operands } = parseFlags(ctx.argv, ["d", "t", "r"]);
  if (!operands.length) {
    ctx.stderr.write("touch: missing file operand\nTry 'touch --help' for more information.\n");
    return 1;
  }
  let status = 0;
  for (const f of operands) {
    const p = abs(ctx, f);
    try {
      const st = ctx.fs.stat(p);
      if (st?.type === "dir") continue;
      ctx.fs.writeFile(p, st?.content ?? "");
    } catch (e) {
      ctx.stderr.write(`touch: cannot touch '${f}': ${msg(e)}\n`);
      status = 1;
    }
  }
  return status;
};

export const chmod: CommandImpl = async (ctx) => {
  const { operands } = parseFlags(ctx.argv.filter((a) => !/^[-+=][rwxXst]+$/.test(a) || a.startsWith("-R")));
  const modeArg = ctx.argv.slice(1).find((a) => !a.startsWith("-R") && (/^[0-7]{3,4}$/.test(a) || /^[ugoa]*[-+=][rwxXst]+$/.test(a)));
  const files = operands.filter((a) => a !== modeArg);
  if (!modeArg || !files.length) {
    ctx.stderr.write(modeArg ? `chmod: missing operand after '${modeArg}'\nTry 'chmod --help' for more information.\n` : "chmod: missing operand\nTry 'chmod --help' for more information.\n");
    return 1;
  }
  let status = 0;
  const setMode = (ctx.fs as FileSystem & { inner?: { chmod?(p: string, m: number): void }; chmod?(p: string, m: number): void });
  for (const f of files) {
    const p = abs(ctx, f);
    const st = ctx.fs.stat(p);
    if (!st) {
      ctx.stderr.write(`chmod: cannot access '${f}': No such file or directory\n`);
      status = 1;
      continue;
    }
    let mode = st.mode ?? 0o644;
    if (/^[0-7]+$/.test(modeArg)) mode = parseInt(modeArg, 8);
    else {
      const m = /^([ugoa]*)([-+=])([rwxXst]+)$/.exec(modeArg)!;
      const who = m[1] || "a";
      let bits = 0;
      for (const c of m[3]) bits |= c === "r" ? 4 : c === "w" ? 2 : c === "x" || c === "X" ? 1 : 0;
      let mask = 0;
      if (who.includes("u") || who.includes("a")) mask |= bits << 6;
      if (who.includes("g") || who.includes("a")) mask |= bits << 3;
      if (who.includes("o") || who.includes("a")) mask |= bits;
      mode = m[2] === "+" ? mode | mask : m[2] === "-" ? mode & ~mask : (mode & ~0o777) | mask;
    }
    const target = setMode.chmod ? setMode : setMode.inner;
    target?.chmod?.(p, mode);
  }
  return status;
};
