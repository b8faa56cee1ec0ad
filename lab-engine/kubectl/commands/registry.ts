// The kubectl command table. Each entry names its flags and its run function; groups
// (create, config, rollout, set, auth, top...) hold subcommands.

import type { FlagDef } from "../flags.ts";
import type { Invocation } from "../invocation.ts";
import { getFlags, runGet } from "./get.ts";
import { createFileFlags, runCreateFromFiles } from "./create.ts";
import { CREATE_SUBCOMMANDS } from "./generators.ts";
import { applyFlags, runApply } from "./apply.ts";
import { deleteFlags, runDelete } from "./delete.ts";
import { exposeFlags, runExpose, runFlags, runRun } from "./run.ts";
import { runApiResources, runApiVersions, runClusterInfo, runCompletion, runVersion } from "./info.ts";
import { configCommand } from "./config.ts";

export interface KubectlCommand {
  name: string;
  aliases?: string[];
  short?: string;
  help?: string;
  hidden?: boolean;
  flags?: FlagDef[];
  /** Runs without a cluster/context (config, completion, version --client). */
  noCluster?: boolean;
  subcommands?: Record<string, KubectlCommand>;
  run?(inv: Invocation): number | Promise<number>;
}

export const COMMANDS: Record<string, KubectlCommand> = {};

export function registerCommand(cmd: KubectlCommand): void {
  COMMANDS[cmd.name] = cmd;
  for (const a of cmd.aliases ?? []) COMMANDS[a] = cmd;
}

registerCommand({ name: "get", flags: getFlags, run: runGet });
registerCommand({ name: "create", flags: createFileFlags, subcommands: CREATE_SUBCOMMANDS, run: runCreateFromFiles });
registerCommand({ name: "apply", flags: applyFlags, run: runApply });
registerCommand({ name: "delete", flags: deleteFlags, run: runDelete });
registerCommand({ name: "run", flags: runFlags, run: runRun });
registerCommand({ name: "expose", flags: exposeFlags, run: runExpose });
registerCommand({ name: "version", flags: [{ name: "client", type: "bool" }, { name: "output", short: "o", type: "string" }], run: runVersion });
registerCommand({ name: "cluster-info", flags: [{ name: "output-directory", type: "string" }], run: runClusterInfo });
registerCommand({
  name: "api-resources",
  flags: [
    { name: "output", short: "o", type: "string" },
    { name: "namespaced", type: "bool", default: true },
    { name: "api-group", type: "string" },
    { name: "verbs", type: "strings" },
    { name: "sort-by", type: "string" },
    { name: "no-headers", type: "bool" },
    { name: "cached", type: "bool" },
    { name: "categories", type: "strings" },
  ],
  run: runApiResources,
});
registerCommand({ name: "api-versions", run: runApiVersions });
registerCommand({ name: "completion", noCluster: true, run: runCompletion });
registerCommand(configCommand);

import { annotateCommand, editCommand, labelCommand, patchCommand, replaceCommand, scaleCommand } from "./mutate.ts";
for (const c of [labelCommand, annotateCommand, scaleCommand, patchCommand, replaceCommand, editCommand]) registerCommand(c);

import { rolloutCommand } from "./rollout.ts";
import { setCommand } from "./set.ts";
registerCommand(rolloutCommand);
registerCommand(setCommand);

import { describeCommand } from "./describe.ts";
registerCommand(describeCommand);

import { logsCommand } from "./logs.ts";
import { execCommand } from "./exec.ts";
registerCommand(logsCommand);
registerCommand(execCommand);
import { topCommand } from "./top.ts";
registerCommand(topCommand);
import { authCommand } from "./auth.ts";
registerCommand(authCommand);
import { waitCommand } from "./wait.ts";
import { debugCommand } from "./debug.ts";
registerCommand(waitCommand);
registerCommand(debugCommand);
import { portForwardCommand, proxyCommand } from "./forward.ts";
registerCommand(proxyCommand);
registerCommand(portForwardCommand);
import { cordonCommand, drainCommand, uncordonCommand } from "./node-ops.ts";
import { taintCommand } from "./taint.ts";
for (const c of [cordonCommand, uncordonCommand, drainCommand, taintCommand]) registerCommand(c);
import { explainCommand } from "./explain.ts";
import { autoscaleCommand } from "./autoscale.ts";
import { eventsCommand } from "./events.ts";
import { attachCommand } from "./attach.ts";
for (const c of [explainCommand, autoscaleCommand, eventsCommand, attachCommand]) registerCommand(c);
import { diffCommand } from "./diff.ts";
registerCommand(diffCommand);
import { cpCommand } from "./cp.ts";
registerCommand(cpCommand);
import { HELP_TEXTS } from "./help-texts.ts";
// kubectl 1.32's own --help texts for the commands registered above.
for (const [path, text] of Object.entries(HELP_TEXTS)) {
  const [top, sub] = path.split(" ");
  const cmd = sub ? COMMANDS[top]?.subcommands?.[sub] : COMMANDS[top];
  if (cmd) cmd.help = text;
}
