// kubectl attach: shows what the container has written so far (its log) and returns; an
// interactive stdin session into the main process is not simulated.

import { getLogs } from "../../kubelet/api.ts";
import type { Invocation } from "../invocation.ts";
import { kerror } from "../errors.ts";
import { execTarget } from "./exec.ts";
import type { KubectlCommand } from "./registry.ts";

async function runAttach(inv: Invocation): Promise<number> {
  if (!inv.args.length) throw kerror(`expected POD, TYPE/NAME, or TYPE NAME, (at most 2 arguments) saw 0: []\nSee 'kubectl attach -h' for help and examples`);
  const { pod, container } = execTarget(inv, inv.args[0]);
  if (inv.flags.tty && !inv.ctx.stdinIsTTY) inv.err("Unable to use a TTY - input is not a terminal or the right kind of file\n");
  if (inv.flags.stdin && inv.flags.tty && inv.ctx.stdinIsTTY) inv.err("If you don't see a command prompt, try pressing enter.\n");
  inv.out(getLogs(inv.cluster, pod, container, {}));
  return 0;
}

export const attachCommand: KubectlCommand = {
  name: "attach",
  flags: [
    { name: "container", short: "c", type: "string" },
    { name: "stdin", short: "i", type: "bool" },
    { name: "tty", short: "t", type: "bool" },
    { name: "quiet", short: "q", type: "bool" },
    { name: "pod-running-timeout", type: "string" },
  ],
  run: runAttach,
};
