// Tab completion as bash-completion does it for kubectl: commands, subcommands, resource types,
// object names from the cluster, flags and file names.

import type { Sandbox } from "./sandbox.ts";
import type { Completion } from "../terminal/line-discipline.ts";
import { COMMANDS } from "../kubectl/commands/registry.ts";
import { RESOURCES, resolveResource } from "../api/resources.ts";

const SHELL_WORDS = ["alias", "awk", "base64", "cat", "cd", "clear", "cp", "curl", "cut", "date", "echo", "env", "exit", "export", "grep", "head", "history", "jq", "kubectl", "ls", "mkdir", "mv", "nano", "nslookup", "printf", "pwd", "rm", "sed", "sleep", "sort", "tail", "tee", "touch", "tr", "uniq", "vi", "vim", "watch", "wc", "wget", "xargs"];

export function completeLine(sb: Sandbox, line: string, cursor: number): Completion {
  const before = line.slice(0, cursor);
  const m = /(\S*)$/.exec(before)!;
  const word = m[1];
  const from = cursor - word.length;
  const words = before.slice(0, from).trim().split(/\s+/).filter(Boolean);
  const pick = (xs: string[]) => ({ replaceFrom: from, candidates: [...new Set(xs.filter((x) => x.startsWith(word)))].sort() });
  if (words.length === 0 || /[|;&]$/.test(words[words.length - 1] ?? "")) {
    return pick([...SHELL_WORDS, ...Object.keys(sb.shell.state.aliases)]);
  }
  const cmd = sb.shell.state.aliases[words[0]] === "kubectl" ? "kubectl" : words[0];
  if (cmd === "kubectl") {
    const args = words.slice(1).filter((w) => !w.startsWith("-"));
    if (word.startsWith("-")) {
      const sub = args[0] ? COMMANDS[args[0]] : undefined;
      return pick(["--namespace", "--all-namespaces", "--output", "--selector", ...(sub?.flags ?? []).map((f) => `--${f.name}`)].map((x) => x + (x.endsWith("=") ? "" : "")));
    }
    if (args.length === 0) return pick(Object.values(COMMANDS).filter((c) => !c.hidden).map((c) => c.name));
    const sub = COMMANDS[args[0]];
    if (sub?.subcommands && args.length === 1) return pick(Object.keys(sub.subcommands));
    if (["get", "describe", "delete", "edit", "label", "annotate", "logs", "exec", "scale", "rollout", "expose", "patch", "top", "cordon", "uncordon", "drain", "taint", "wait"].includes(args[0])) {
      if (args.length === 1 && !["logs", "exec", "cordon", "uncordon", "drain"].includes(args[0])) {
        if (word.includes("/")) return namesFor(sb, word.slice(0, word.indexOf("/")), from, word, true);
        return pick(RESOURCES.filter((r) => r.group !== "events.k8s.io").map((r) => r.plural));
      }
      const type = ["logs", "exec"].includes(args[0]) ? "pods" : ["cordon", "uncordon", "drain"].includes(args[0]) ? "nodes" : args[1];
      return namesFor(sb, type, from, word, false);
    }
  }
  // File names.
  const dirPart = word.includes("/") ? word.slice(0, word.lastIndexOf("/") + 1) : "";
  const fs = sb.fs;
  const abs = fs.resolve(sb.shell.state.cwd, dirPart || ".", sb.shell.home);
  let names: string[] = [];
  try {
    names = fs.readdir(abs).map((n) => dirPart + n + (fs.stat(`${abs}/${n}`)?.type === "dir" ? "/" : ""));
  } catch {
    names = [];
  }
  return pick(names);
}

function namesFor(sb: Sandbox, type: string, from: number, word: string, slash: boolean): Completion {
  const ri = resolveResource(type);
  if (!ri) return { replaceFrom: from, candidates: [] };
  const ns = sb.kubeconfig.contexts.find((c) => c.name === sb.kubeconfig.currentContext)?.namespace ?? "default";
  const names = sb.cluster.store.list(ri.plural, ri.namespaced ? ns : undefined).map((o) => (slash ? `${type}/${o.metadata.name}` : o.metadata.name));
  return { replaceFrom: from, candidates: names.filter((n) => n.startsWith(word)).sort() };
}
