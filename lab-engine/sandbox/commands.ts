// Commands that belong to the sandbox rather than the shell: editors (they need the UI),
// `watch` (it needs the terminal and the clock), and the workstation's network tools.

import type { CommandContext, CommandImpl, CommandTable } from "../shell/types.ts";
import type { Sandbox } from "./sandbox.ts";
import { networkCommands } from "../network/commands.ts";

function editor(name: string, sb: Sandbox): CommandImpl {
  return async (ctx: CommandContext) => {
    const files = ctx.argv.slice(1).filter((a) => !a.startsWith("-") && !a.startsWith("+"));
    if (!files.length) {
      ctx.stderr.write(`${name}: a file name is required in this terminal (e.g. ${name} pod.yaml)\n`);
      return 1;
    }
    const path = ctx.fs.resolve(ctx.cwd, files[0], "/root");
    const st = ctx.fs.stat(path);
    if (st?.type === "dir") {
      ctx.stderr.write(`"${files[0]}" is a directory\n`);
      return 1;
    }
    try {
      await ctx.host.openEditor!(path, ctx.fs);
    } catch (e) {
      ctx.stderr.write(`${name}: ${(e as Error).message}\n`);
      return 1;
    }
    void sb;
    return 0;
  };
}

/** `watch [-n secs] command`: redraws every interval until Ctrl-C (bounded on a virtual clock). */
const watch: CommandImpl = async (ctx) => {
  let interval = 2;
  const args = ctx.argv.slice(1);
  while (args.length && args[0].startsWith("-")) {
    const a = args.shift()!;
    if (a === "-n" || a === "--interval") interval = Number(args.shift());
    else if (a.startsWith("-n")) interval = Number(a.slice(2));
    else if (a.startsWith("--interval=")) interval = Number(a.slice(11));
  }
  if (!args.length) {
    ctx.stderr.write("Usage:\n watch [options] command\n");
    return 1;
  }
  const cmdline = args.join(" ");
  const rounds = ctx.host.clock.mode === "virtual" ? 1 : Infinity;
  for (let i = 0; i < rounds && !ctx.signal.aborted; i++) {
    const r = await ctx.exec(cmdline);
    const header = `Every ${interval.toFixed(1)}s: ${cmdline}`;
    if (ctx.stdoutIsTTY) ctx.stdout.write("\x1b[H\x1b[2J");
    ctx.stdout.write(`${header}\n\n${r.stdout}${r.stderr}`);
    if (rounds === 1) break;
    await ctx.host.clock.sleep(interval * 1000, ctx.signal);
    ctx.host.sync?.();
  }
  return 0;
};

export function sandboxCommands(sb: Sandbox): CommandTable {
  return {
    vi: editor("vi", sb),
    vim: editor("vim", sb),
    nano: editor("nano", sb),
    view: editor("view", sb),
    watch,
    ...networkCommands(sb),
  };
}
