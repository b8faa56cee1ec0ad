// kubectl exec: validation and error texts of kubectl 1.32, then the command runs in the
// container's shell (container-shell.ts). Non-zero exits print `command terminated with exit
// code N` and kubectl exits N.

import type { KObject } from "../../api/types.ts";
import { ApiError } from "../../api/errors.ts";
import { parseImage, runningInstance, setExecHook } from "../../kubelet/api.ts";
import { findContainer } from "../../kubelet/env.ts";
import type { FlagDef } from "../flags.ts";
import type { Invocation } from "../invocation.ts";
import { kerror, KubectlError } from "../errors.ts";
import { defaultContainerOf, NoPodsError, resolvePod } from "./pod-target.ts";
import { containerSession, isInteractiveShell, runInContainer } from "./container-shell.ts";
import { profileFor } from "./exec-images.ts";
import type { KubectlCommand } from "./registry.ts";

export const execFlags: FlagDef[] = [
  { name: "container", short: "c", type: "string" },
  { name: "stdin", short: "i", type: "bool" },
  { name: "tty", short: "t", type: "bool" },
  { name: "quiet", short: "q", type: "bool" },
  { name: "filename", short: "f", type: "strings" },
  { name: "pod-running-timeout", type: "string" },
];

// Exec probes (`redis-cli ping`, `pg_isready`) see the same image binaries as kubectl exec.
setExecHook((_c, pod, container, argv) => {
  const img = parseImage(findContainer(pod, container)?.image ?? "");
  const bin = profileFor(img.repo)?.bins[argv[0]?.replace(/^.*\//, "")];
  if (!bin) return undefined;
  const r = bin(argv.slice(1), img.tag);
  return { stdout: r.stdout ?? "", stderr: r.stderr ?? "", exitCode: r.code ?? 0 };
});

const USAGE = `expected 'exec (POD | TYPE/NAME) [-c CONTAINER] [flags] -- COMMAND [args...]'.\nPOD or TYPE/NAME is a required argument for the exec command\nSee 'kubectl exec -h' for help and examples`;

/** Pod + container checks shared with attach/cp: completed pods, unknown and not-running containers. */
export function execTarget(inv: Invocation, arg: string): { pod: KObject; container: string } {
  let pod: KObject;
  try {
    pod = resolvePod(inv, arg).pod;
  } catch (e) {
    if (e instanceof NoPodsError) throw kerror("timed out waiting for the condition");
    throw e;
  }
  const phase = pod.status?.phase;
  if (phase === "Succeeded" || phase === "Failed") throw kerror(`cannot exec into a container in a completed pod; current phase is ${phase}`);
  const container: string = inv.flags.container ?? defaultContainerOf(pod, inv, !!inv.flags.quiet);
  const all = [...(pod.spec?.containers ?? []), ...(pod.spec?.initContainers ?? []), ...(pod.spec?.ephemeralContainers ?? [])];
  if (!all.some((c: any) => c.name === container)) throw new ApiError("BadRequest", `container ${container} is not valid for pod ${pod.metadata.name}`);
  return { pod, container };
}

function hex64(inv: Invocation): string {
  let s = "";
  for (let i = 0; i < 64; i++) s += "0123456789abcdef"[Math.floor(inv.cluster.rng.next() * 16)];
  return s;
}

export async function runExec(inv: Invocation): Promise<number> {
  if (!inv.args.length) throw kerror(USAGE);
  if (inv.dashArgs === undefined && inv.args.length > 1) {
    throw kerror(`exec [POD] [COMMAND] is not supported anymore. Use exec [POD] -- [COMMAND] instead\nSee 'kubectl exec -h' for help and examples`);
  }
  const command = inv.dashArgs ?? [];
  if (!command.length) throw kerror("you must specify at least one command for the container");
  inv.cluster.authorize(inv.user, "create", { plural: "pods/exec", group: "", namespaced: true } as any, inv.namespace, inv.args[0]);
  const { pod, container } = execTarget(inv, inv.args[0]);
  // kubectl drops the TTY without -i, and says so when stdin is not a terminal.
  if (inv.flags.stdin && inv.flags.tty && !inv.ctx.stdinIsTTY && !inv.flags.quiet) inv.err("Unable to use a TTY - input is not a terminal or the right kind of file\n");
  if (!runningInstance(inv.cluster, pod, container)) throw kerror(`unable to upgrade connection: container not found ("${container}")`);
  const host = inv.ctx.host;
  if (inv.flags.stdin && inv.ctx.stdinIsTTY && host.enterSession && isInteractiveShell(command)) {
    const probe = await runInContainer(inv.cluster, pod, container, [command[0], "-c", "true"], "", host);
    if (probe.notFound === undefined) {
      // The shell reads the terminal's next lines; its exit status becomes kubectl's.
      host.enterSession(
        containerSession(inv.cluster, pod, container, command, host, {
          tty: !!inv.flags.tty,
          onEnd: (code, io) => {
            if (code !== 0) io.stderr.write(`command terminated with exit code ${code}\n`);
            return code;
          },
        }),
      );
      return 0;
    }
  }
  const r = await runInContainer(inv.cluster, pod, container, command, inv.flags.stdin ? inv.ctx.stdin : "", host);
  if (r.notFound !== undefined) {
    throw kerror(
      `Internal error occurred: error executing command in container: failed to exec in container: failed to start exec "${hex64(inv)}": OCI runtime exec failed: exec failed: unable to start container process: exec: "${r.notFound}": executable file not found in $PATH: unknown`,
    );
  }
  // With a TTY the container's stderr is merged into stdout, as on a real terminal.
  const tty = inv.flags.tty && inv.ctx.stdinIsTTY;
  inv.out(tty ? r.stdout + r.stderr : r.stdout);
  if (!tty) inv.err(r.stderr);
  if (r.exitCode !== 0) throw new KubectlError(`command terminated with exit code ${r.exitCode}`, r.exitCode);
  return 0;
}

export const execCommand: KubectlCommand = { name: "exec", flags: execFlags, run: runExec };
