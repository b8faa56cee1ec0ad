// Running a command inside a container for `kubectl exec`/`debug`: a throwaway Shell over the
// container's files (volumes, /etc/hosts, /etc/resolv.conf...) and environment, with the
// image's own binaries and the network tools the image ships. Writes persist in the running
// container instance (persistWrites).

import type { Cluster } from "../../cluster/cluster.ts";
import type { KObject } from "../../api/types.ts";
import type { CommandTable, ShellHost } from "../../shell/types.ts";
import { Shell } from "../../shell/shell.ts";
import { VirtualFS } from "../../shell/vfs.ts";
import { textCommands } from "../../shell/commands/text/index.ts";
import { CORE_COMMANDS } from "../../shell/commands/core.ts";
import { containerEnv, containerFs, parseImage, runningInstance } from "../../kubelet/api.ts";
import { findContainer } from "../../kubelet/env.ts";
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

/** Run argv (no shell parsing) in container `name` of `pod`, feeding `stdin`. */
export async function runInContainer(c: Cluster, pod: KObject, name: string, argv: string[], stdin: string, host: ShellHost): Promise<ContainerRun> {
  const spec = findContainer(pod, name);
  const img = parseImage(spec?.image ?? "");
  const shells = shellsOf(img.repo, img.tag);
  const profile = profileFor(img.repo);
  const commands: CommandTable = {};
  // Network tools as the image ships them, seen from this pod (DNS search path, NetworkPolicy).
  if (shells.coreutils) Object.assign(commands, textCommands, networkCommandsFor(c, pod, name));
  for (const [bin, fn] of Object.entries(profile?.bins ?? {})) {
    commands[bin] = async (ctx) => {
      const r = fn(ctx.argv.slice(1), img.tag);
      if (r.stdout) ctx.stdout.write(r.stdout);
      if (r.stderr) ctx.stderr.write(r.stderr);
      return r.code ?? 0;
    };
  }
  const cmd0 = argv[0].replace(/^.*\//, "");
  const available =
    commands[cmd0] !== undefined ||
    (shells.coreutils && (CORE_COMMANDS[cmd0] !== undefined || SHELL_WORDS.has(cmd0))) ||
    (cmd0 === "sh" && shells.sh) ||
    (cmd0 === "bash" && shells.bash);
  if (!available) {
    return { stdout: "", stderr: "", exitCode: 1, notFound: cmd0 };
  }
  const { fs, before } = containerVfs(c, pod, name);
  const env = containerEnv(c, pod, name);
  const hostname = env.HOSTNAME ?? pod.metadata.name;
  const sh = new Shell({ fs, host, commands, home: env.HOME ?? "/root", hostname, user: "root", seed: 1 });
  sh.state.vars = { ...env, PWD: "/" };
  sh.state.exported = Object.keys(env);
  sh.state.cwd = spec?.workingDir ?? "/";
  // A bare shell reads its script from stdin (`kubectl exec -i pod -- sh < script.sh`).
  const line = (cmd0 === "sh" || cmd0 === "bash") && argv.length === 1 ? stdin : argv.map(quoteArg).join(" ");
  const r = await sh.runCapture(line, { stdin, noHistory: true });
  persistWrites(c, pod, name, before, fs);
  return r;
}

/** The container's files as a scratch VirtualFS (plus the record it was built from, for persistWrites). */
export function containerVfs(c: Cluster, pod: KObject, name: string): { fs: VirtualFS; before: Record<string, string> } {
  const fs = new VirtualFS(() => c.now);
  for (const d of ROOT_DIRS) fs.mkdir(d, { parents: true });
  const before = containerFs(c, pod, name);
  for (const [path, content] of Object.entries(before)) {
    try {
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
  for (const path of Object.keys(before)) if (!(path in after)) ops.push({ at, path, op: "rm" });
  if (!ops.length) return;
  // Keep the list ordered by time: filesAt stops at the first operation still in the future.
  const files = inst.prog.files;
  let i = files.length;
  while (i > 0 && files[i - 1].at > at) i--;
  files.splice(i, 0, ...ops);
}
