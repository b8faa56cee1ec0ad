// A shell over a fresh VFS and virtual clock, with toy commands standing in for the sandbox's.
import { readFileSync } from "node:fs";
import { VirtualClock } from "../../../lab-engine/clock/clock.ts";
import { Shell } from "../../../lab-engine/shell/shell.ts";
import type { CommandTable } from "../../../lab-engine/shell/types.ts";
import { VirtualFS } from "../../../lab-engine/shell/vfs.ts";

/** Real `kubectl completion bash` output (kubectl 1.32), so sourcing it is tested for real. */
export const KUBECTL_COMPLETION = readFileSync(new URL("./kubectl-completion-bash.fixture.sh", import.meta.url), "utf8");

export function makeShell(extra: CommandTable = {}) {
  const clock = new VirtualClock();
  const fs = VirtualFS.withDefaults(() => clock.now());
  const calls: string[][] = [];
  const commands: CommandTable = {
    upper: async (ctx) => {
      ctx.stdout.write(ctx.stdin.toUpperCase());
      return 0;
    },
    kubectl: async (ctx) => {
      calls.push(ctx.argv);
      if (ctx.argv[1] === "completion") {
        ctx.stdout.write(KUBECTL_COMPLETION);
        return 0;
      }
      if (ctx.argv[1] === "fail") {
        ctx.stderr.write("error: boom\n");
        return 1;
      }
      ctx.stdout.write(`kubectl:${ctx.argv.slice(1).join(",")}\n`);
      if (ctx.stdin && !ctx.stdinIsTTY) ctx.stdout.write(`stdin:${ctx.stdin}`);
      return 0;
    },
    ...extra,
  };
  const sh = new Shell({ fs, host: { clock }, commands, home: "/root", hostname: "controlplane", user: "root" });
  return { sh, fs, clock, calls, run: (line: string, stdin?: string) => sh.runCapture(line, { stdin }) };
}
