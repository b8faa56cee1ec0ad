// Informational commands: version, cluster-info, api-resources, api-versions, completion.

import { RESOURCES, apiVersionOf } from "../../api/resources.ts";
import type { Invocation } from "../invocation.ts";
import { formatTable } from "../output/tabwriter.ts";
import { toKubectlYaml } from "../output/yaml.ts";
import { toKubectlJson } from "../output/json.ts";
import { kerror } from "../errors.ts";
import { K8S_VERSION } from "../../cluster/bootstrap.ts";
import { COMPLETION_BASH } from "./completion-bash.ts";

const CLIENT = {
  major: "1",
  minor: "32",
  gitVersion: "v1.32.0",
  gitCommit: "70d3cc986aa8221cd1dfb1121852688902d3bf53",
  gitTreeState: "clean",
  buildDate: "2024-12-11T17:59:15Z",
  goVersion: "go1.23.3",
  compiler: "gc",
  platform: "linux/amd64",
};

export function runVersion(inv: Invocation): number {
  const clientOnly = !!inv.flags.client;
  const o = inv.flags.output;
  const server = { ...CLIENT, gitVersion: K8S_VERSION };
  if (o === "yaml" || o === "json") {
    const data: any = { clientVersion: CLIENT, kustomizeVersion: "v5.5.0" };
    if (!clientOnly) data.serverVersion = server;
    // json.MarshalIndent(v, "", "  "): two-space indent, version.Info in struct field order.
    inv.out(o === "yaml" ? toKubectlYaml(data) + "\n" : toKubectlJson(data, { order: "typed", indent: "  " }));
    return 0;
  }
  if (o) throw kerror(`--output must be 'yaml' or 'json'`);
  inv.out(`Client Version: ${CLIENT.gitVersion}\nKustomize Version: v5.5.0\n`);
  if (!clientOnly) inv.out(`Server Version: ${server.gitVersion}\n`);
  return 0;
}

export function runClusterInfo(inv: Invocation): number {
  if (inv.args[0] === "dump") {
    inv.out(toKubectlJson({ kind: "NodeList", apiVersion: "v1", metadata: { resourceVersion: String(inv.cluster.store.rv) }, items: inv.cluster.store.list("nodes") }));
    return 0;
  }
  const server = inv.host.kubeconfig.clusters.find((c) => c.name === inv.cluster.state.name)?.server ?? "https://172.30.1.2:6443";
  const green = (s: string) => (inv.ctx.stdoutIsTTY ? `\x1b[0;32m${s}\x1b[0m` : s);
  const yellow = (s: string) => (inv.ctx.stdoutIsTTY ? `\x1b[0;33m${s}\x1b[0m` : s);
  inv.out(`${green("Kubernetes control plane")} is running at ${yellow(server)}\n`);
  if (inv.cluster.store.get("services", "kube-system", "kube-dns")) {
    inv.out(`${green("CoreDNS")} is running at ${yellow(`${server}/api/v1/namespaces/kube-system/services/kube-dns:dns/proxy`)}\n`);
  }
  inv.out(`\nTo further debug and diagnose cluster problems, use 'kubectl cluster-info dump'.\n`);
  return 0;
}

export function runApiResources(inv: Invocation): number {
  const wide = inv.flags.output === "wide";
  const nameOnly = inv.flags.output === "name";
  let list = RESOURCES.filter((r) => !["bindings", "componentstatuses", "podtemplates"].includes(r.plural) || true);
  if (inv.flags.namespaced !== undefined && inv.set.has("namespaced")) list = list.filter((r) => r.namespaced === inv.flags.namespaced);
  if (inv.flags["api-group"] !== undefined) list = list.filter((r) => r.group === inv.flags["api-group"]);
  if (inv.flags.verbs?.length) list = list.filter((r) => inv.flags.verbs.every((v: string) => r.verbs.includes(v)));
  if (inv.flags["sort-by"] === "name") list = [...list].sort((a, b) => a.plural.localeCompare(b.plural));
  if (nameOnly) {
    for (const r of list) inv.out(r.group ? `${r.plural}.${r.group}\n` : `${r.plural}\n`);
    return 0;
  }
  const headers = ["NAME", "SHORTNAMES", "APIVERSION", "NAMESPACED", "KIND", ...(wide ? ["VERBS", "CATEGORIES"] : [])];
  const rows = list.map((r) => [
    r.plural,
    r.shortNames.join(","),
    apiVersionOf(r),
    String(r.namespaced),
    r.kind,
    ...(wide ? [`[${r.verbs.join(" ")}]`, r.categories?.join(",") ?? ""] : []),
  ]);
  inv.out(formatTable(inv.flags["no-headers"] ? rows : [headers, ...rows]));
  return 0;
}

export function runApiVersions(inv: Invocation): number {
  const set = new Set<string>(["v1"]);
  for (const r of RESOURCES) set.add(apiVersionOf(r));
  set.add("autoscaling/v1");
  set.add("authentication.k8s.io/v1");
  set.add("authorization.k8s.io/v1");
  set.add("apiextensions.k8s.io/v1");
  set.add("admissionregistration.k8s.io/v1");
  set.add("certificates.k8s.io/v1");
  set.add("flowcontrol.apiserver.k8s.io/v1");
  set.add("node.k8s.io/v1");
  set.add("apiregistration.k8s.io/v1");
  set.add("metrics.k8s.io/v1beta1");
  // apiversions.go: sort.Strings over group/version strings, so the core "v1" comes last.
  const sorted = [...set].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  inv.out(sorted.join("\n") + "\n");
  return 0;
}

/** `source <(kubectl completion bash)` only needs something harmless to source. */
export function runCompletion(inv: Invocation): number {
  const shell = inv.args[0];
  if (!shell) throw kerror(`Shell not specified.\nSee 'kubectl completion -h' for help and examples`);
  if (!["bash", "zsh", "fish", "powershell"].includes(shell)) throw kerror(`Unsupported shell type "${shell}".\nSee 'kubectl completion -h' for help and examples`);
  if (shell === "bash") {
    inv.out(COMPLETION_BASH);
    return 0;
  }
  inv.out(`# ${shell} completion for kubectl                             -*- shell-script -*-\n# (simulated: completion is built into this terminal)\ncomplete -o default -F __start_kubectl kubectl\n`);
  return 0;
}
