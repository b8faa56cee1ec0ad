// kubectl entry point: picks the subcommand (cobra-style, flags may come before it), parses
// its flags, runs it, and turns errors into kubectl's stderr text and exit code.

import type { CommandContext, CommandImpl } from "../shell/types.ts";
import { ApiError } from "../api/errors.ts";
import type { KubectlHost } from "./host.ts";
import { FlagError, parseFlags, GLOBAL_FLAGS, type FlagDef } from "./flags.ts";
import { buildInvocation, type Invocation } from "./invocation.ts";
import { KubectlError } from "./errors.ts";
import { COMMANDS, type KubectlCommand } from "./commands/registry.ts";
import { HELP_TEXTS } from "./help-texts.ts";

function levenshtein(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0][j] = j;
  for (let i = 1; i <= a.length; i++)
    for (let j = 1; j <= b.length; j++) d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
  return d[a.length][b.length];
}

/** cobra's "Did you mean this?" suggestions: prefix matches or Levenshtein distance ≤ 2. */
function suggestions(typed: string): string[] {
  const names = Object.values(COMMANDS).filter((c) => !c.hidden).map((c) => c.name);
  return [...new Set(names)].filter((n) => levenshtein(typed.toLowerCase(), n) <= 2 || n.startsWith(typed.toLowerCase())).sort();
}

/** Find the subcommand: skip global flags (and their values) that precede it. */
function splitCommand(argv: string[]): { name: string | undefined; rest: string[]; before: string[] } {
  const takesValue = new Set(GLOBAL_FLAGS.filter((f) => f.type !== "bool").flatMap((f) => [`--${f.name}`, ...(f.short ? [`-${f.short}`] : [])]));
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a.startsWith("-")) {
      if (takesValue.has(a)) i++;
      continue;
    }
    return { name: a, rest: argv.slice(i + 1), before: argv.slice(0, i) };
  }
  return { name: undefined, rest: [], before: argv };
}

export const KUBECTL_HELP = `kubectl controls the Kubernetes cluster manager.

 Find more information at: https://kubernetes.io/docs/reference/kubectl/

Basic Commands (Beginner):
  create          Create a resource from a file or from stdin
  expose          Take a replication controller, service, deployment or pod and expose it as a new Kubernetes service
  run             Run a particular image on the cluster
  set             Set specific features on objects

Basic Commands (Intermediate):
  explain         Get documentation for a resource
  get             Display one or many resources
  edit            Edit a resource on the server
  delete          Delete resources by file names, stdin, resources and names, or by resources and label selector

Deploy Commands:
  rollout         Manage the rollout of a resource
  scale           Set a new size for a deployment, replica set, or replication controller
  autoscale       Auto-scale a deployment, replica set, stateful set, or replication controller

Cluster Management Commands:
  certificate     Modify certificate resources
  cluster-info    Display cluster information
  top             Display resource (CPU/memory) usage
  cordon          Mark node as unschedulable
  uncordon        Mark node as schedulable
  drain           Drain node in preparation for maintenance
  taint           Update the taints on one or more nodes

Troubleshooting and Debugging Commands:
  describe        Show details of a specific resource or group of resources
  logs            Print the logs for a container in a pod
  attach          Attach to a running container
  exec            Execute a command in a container
  port-forward    Forward one or more local ports to a pod
  proxy           Run a proxy to the Kubernetes API server
  cp              Copy files and directories to and from containers
  auth            Inspect authorization
  debug           Create debugging sessions for troubleshooting workloads and nodes
  events          List events

Advanced Commands:
  diff            Diff the live version against a would-be applied version
  apply           Apply a configuration to a resource by file name or stdin
  patch           Update fields of a resource
  replace         Replace a resource by file name or stdin
  wait            Experimental: Wait for a specific condition on one or many resources
  kustomize       Build a kustomization target from a directory or URL

Settings Commands:
  label           Update the labels on a resource
  annotate        Update the annotations on a resource
  completion      Output shell completion code for the specified shell (bash, zsh, fish, or powershell)

Subcommands provided by plugins:

Other Commands:
  api-resources   Print the supported API resources on the server
  api-versions    Print the supported API versions on the server, in the form of "group/version"
  config          Modify kubeconfig files
  plugin          Provides utilities for interacting with plugins
  version         Print the client and server version information

Usage:
  kubectl [flags] [options]

Use "kubectl <command> --help" for more information about a given command.
Use "kubectl options" for a list of global command-line options (applies to all commands).
`;

export function makeKubectl(host: KubectlHost): CommandImpl {
  return async (ctx: CommandContext) => {
    const argv = ctx.argv.slice(1);
    const { name, rest, before } = splitCommand(argv);
    try {
      if (!name) {
        if (before.includes("--help") || before.includes("-h") || before.length === 0) {
          ctx.stdout.write(KUBECTL_HELP);
          return 0;
        }
        parseFlags(before, [], "kubectl");
        ctx.stdout.write(KUBECTL_HELP);
        return 0;
      }
      // Own keys only: `kubectl constructor` is an unknown command, not Object.prototype's.
      const cmd: KubectlCommand | undefined = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
      if (!cmd) {
        const sug = suggestions(name);
        let msg = `Error: unknown command "${name}" for "kubectl"`;
        if (sug.length) msg += `\n\nDid you mean this?\n${sug.map((s) => `\t${s}`).join("\n")}\n`;
        else msg += `\nRun 'kubectl --help' for usage.`;
        ctx.stderr.write(msg + "\n");
        return 1;
      }
      return await runCommand(cmd, [...before, ...rest], ctx, host, `kubectl ${cmd.name}`);
    } catch (e) {
      return report(e, ctx);
    }
  };
}

export async function runCommand(cmd: KubectlCommand, argv: string[], ctx: CommandContext, host: KubectlHost, cmdPath: string): Promise<number> {
  // Subcommand groups (rollout status, create deployment, config view...).
  if (cmd.subcommands) {
    const { name, rest, before } = splitCommand(argv);
    const sub = name && Object.hasOwn(cmd.subcommands, name) ? cmd.subcommands[name] : undefined;
    if (sub) return runCommand(sub, [...before, ...rest], ctx, host, `${cmdPath} ${sub.name}`);
    if (!cmd.run) {
      if (name) {
        ctx.stderr.write(`error: unknown command "${name}"\nSee '${cmdPath} -h' for help and examples\n`);
        return 1;
      }
      const text = HELP_TEXTS[cmdPath] ?? cmd.help ?? `Usage:\n  ${cmdPath} SUBCOMMAND [options]\n`;
      // `kubectl set|config|create secret` print their help to stderr and exit 1; `kubectl
      // rollout` prints it to stdout, also with exit 1. `--help` is stdout with exit 0.
      const asked = before.includes("--help") || before.includes("-h");
      if (asked) {
        ctx.stdout.write(text);
        return 0;
      }
      (cmdPath === "kubectl rollout" ? ctx.stdout : ctx.stderr).write(text);
      return 1;
    }
  }
  let parsed;
  try {
    parsed = parseFlags(argv, cmd.flags ?? [], cmdPath);
  } catch (e) {
    if (e instanceof FlagError) {
      ctx.stderr.write(`Error: ${e.message}\nSee '${cmdPath} --help' for usage.\n`);
      return 1;
    }
    throw e;
  }
  if (parsed.flags.help) {
    ctx.stdout.write(HELP_TEXTS[cmdPath] ?? cmd.help ?? `${cmd.short ?? ""}\n\nUsage:\n  ${cmdPath} [options]\n`);
    return 0;
  }
  host.sync();
  const inv: Invocation = cmd.noCluster
    ? ({ ...parsed, ctx, host, cmdPath, out: (s: string) => ctx.stdout.write(s), err: (s: string) => ctx.stderr.write(s) } as any)
    : buildInvocation(ctx, host, cmdPath, parsed);
  const code = await cmd.run!(inv);
  return code;
}

function report(e: unknown, ctx: CommandContext): number {
  if (e instanceof KubectlError) {
    ctx.stderr.write(e.message.endsWith("\n") ? e.message : e.message + "\n");
    return e.exitCode;
  }
  if (e instanceof ApiError) {
    ctx.stderr.write(e.kubectlText() + "\n");
    return 1;
  }
  if (e instanceof FlagError) {
    ctx.stderr.write(`error: ${e.message}\n`);
    return 1;
  }
  // A bug in the simulator must never look like a kubectl success, nor crash the sandbox.
  const msg = e instanceof Error ? e.message : String(e);
  ctx.stderr.write(`error: ${msg}\n`);
  return 1;
}

export type { FlagDef };
