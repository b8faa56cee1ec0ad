// kubectl config: the sandbox's kubeconfig (contexts over one or more simulated clusters).

import type { KubectlCommand } from "./registry.ts";
import type { Invocation } from "../invocation.ts";
import { kerror } from "../errors.ts";
import { formatTable } from "../output/tabwriter.ts";
import { toKubectlYaml } from "../output/yaml.ts";
import { toKubectlJson } from "../output/json.ts";
import { HELP_TEXTS } from "../help-texts.ts";

function kubeconfigDoc(inv: Invocation, minify: boolean, raw: boolean): any {
  const kc = inv.host.kubeconfig;
  const ctxs = minify ? kc.contexts.filter((c) => c.name === kc.currentContext) : kc.contexts;
  const clusterNames = new Set(ctxs.map((c) => c.cluster));
  const userNames = new Set(ctxs.map((c) => c.user));
  return {
    apiVersion: "v1",
    clusters: kc.clusters.filter((c) => !minify || clusterNames.has(c.name)).map((c) => ({ cluster: { "certificate-authority-data": raw ? "LS0tLS1CRUdJTiBDRVJUSUZJQ0FURS0tLS0tCk1JSURCVENDQWUyZ0F3SUJBZ0lJU0lNVUxBVEVEQ0EKLS0tLS1FTkQgQ0VSVElGSUNBVEUtLS0tLQo=" : "DATA+OMITTED", server: c.server }, name: c.name })),
    contexts: ctxs.map((c) => ({ context: { cluster: c.cluster, ...(c.namespace ? { namespace: c.namespace } : {}), user: c.user }, name: c.name })),
    "current-context": kc.currentContext,
    kind: "Config",
    preferences: {},
    users: kc.users
      .filter((u) => !minify || userNames.has(u.name))
      .map((u) => ({ name: u.name, user: u.token ? { token: raw ? u.token : "REDACTED" } : u.clientCertificate ? { "client-certificate-data": raw ? "LS0tLS1CRUdJTi0tLS0t" : "DATA+OMITTED", "client-key-data": raw ? "LS0tLS1CRUdJTi0tLS0t" : "DATA+OMITTED" } : {} })),
  };
}

const view: KubectlCommand = {
  name: "view",
  noCluster: true,
  flags: [{ name: "minify", type: "bool" }, { name: "raw", type: "bool" }, { name: "flatten", type: "bool" }, { name: "output", short: "o", type: "string", default: "yaml" }],
  run(inv) {
    const doc = kubeconfigDoc(inv, !!inv.flags.minify, !!inv.flags.raw || !!inv.flags.flatten);
    const o = inv.flags.output;
    if (o === "json") {
      // clientcmd's v1.Config is a typed struct: its JSON keeps Go field order.
      const d: any = doc;
      const typed = {
        kind: d.kind,
        apiVersion: d.apiVersion,
        preferences: d.preferences,
        clusters: d.clusters.map((c: any) => ({ name: c.name, cluster: { server: c.cluster.server, "certificate-authority-data": c.cluster["certificate-authority-data"] } })),
        users: d.users.map((u: any) => ({ name: u.name, user: u.user })),
        contexts: d.contexts.map((c: any) => ({ name: c.name, context: { cluster: c.context.cluster, user: c.context.user, ...(c.context.namespace ? { namespace: c.context.namespace } : {}) } })),
        "current-context": d["current-context"],
      };
      inv.out(toKubectlJson(typed, { order: "typed" }));
    }
    else if (o?.startsWith("jsonpath")) {
      return import("../output/jsonpath.ts").then((m) => {
        const r = m.printJsonPath(o.slice(o.indexOf("=") + 1), doc);
        if (r.error) throw new Error(r.error.trimEnd());
        inv.out(r.out);
        return 0;
      });
    } else inv.out(toKubectlYaml(doc));
    return 0;
  },
};

const getContexts: KubectlCommand = {
  name: "get-contexts",
  noCluster: true,
  flags: [{ name: "output", short: "o", type: "string" }, { name: "no-headers", type: "bool" }],
  run(inv) {
    const kc = inv.host.kubeconfig;
    let ctxs = kc.contexts;
    if (inv.args.length) {
      ctxs = ctxs.filter((c) => inv.args.includes(c.name));
      const missing = inv.args.find((a) => !kc.contexts.some((c) => c.name === a));
      if (missing) {
        // the table header is already out when kubectl finds the name missing
        if (inv.flags.output !== "name" && !inv.flags["no-headers"]) inv.out(formatTable([["CURRENT", "NAME", "CLUSTER", "AUTHINFO", "NAMESPACE"]]));
        throw kerror(`context ${missing} not found`);
      }
    }
    if (inv.flags.output === "name") {
      for (const c of [...ctxs].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) inv.out(c.name + "\n");
      return 0;
    }
    const rows = [...ctxs].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)).map((c) => [c.name === kc.currentContext ? "*" : "", c.name, c.cluster, c.user, c.namespace ?? ""]);
    inv.out(formatTable(inv.flags["no-headers"] ? rows : [["CURRENT", "NAME", "CLUSTER", "AUTHINFO", "NAMESPACE"], ...rows]));
    return 0;
  },
};

const currentContext: KubectlCommand = {
  name: "current-context",
  noCluster: true,
  run(inv) {
    if (!inv.host.kubeconfig.currentContext) throw kerror("current-context is not set");
    inv.out(inv.host.kubeconfig.currentContext + "\n");
    return 0;
  },
};

const useContext: KubectlCommand = {
  name: "use-context",
  aliases: ["use"],
  noCluster: true,
  run(inv) {
    const name = inv.args[0];
    if (!name) {
      // cobra's ExactArgs(1) path in use-context prints the usage text to stdout first
      inv.out(HELP_TEXTS["kubectl config use-context"] ?? "");
      throw kerror(`Unexpected args: []`);
    }
    if (!inv.host.kubeconfig.contexts.some((c) => c.name === name)) throw kerror(`no context exists with the name: "${name}"`);
    inv.host.kubeconfig.currentContext = name;
    inv.out(`Switched to context "${name}".\n`);
    return 0;
  },
};

const setContext: KubectlCommand = {
  name: "set-context",
  noCluster: true,
  flags: [{ name: "current", type: "bool" }, { name: "namespace", type: "string" }, { name: "cluster", type: "string" }, { name: "user", type: "string" }],
  run(inv) {
    const kc = inv.host.kubeconfig;
    const name = inv.flags.current ? kc.currentContext : inv.args[0];
    if (!name) throw kerror(`you must specify a non-empty context name or --current`);
    let ctx = kc.contexts.find((c) => c.name === name);
    const existed = !!ctx;
    if (!ctx) {
      ctx = { name, cluster: "", user: "" };
      kc.contexts.push(ctx);
    }
    if (inv.set.has("namespace")) ctx.namespace = inv.flags.namespace || undefined;
    if (inv.set.has("cluster")) ctx.cluster = inv.flags.cluster;
    if (inv.set.has("user")) ctx.user = inv.flags.user;
    inv.out(existed ? `Context "${name}" modified.\n` : `Context "${name}" created.\n`);
    return 0;
  },
};

const setCluster: KubectlCommand = {
  name: "set-cluster",
  noCluster: true,
  flags: [{ name: "server", type: "string" }, { name: "certificate-authority", type: "string" }, { name: "embed-certs", type: "bool" }, { name: "insecure-skip-tls-verify", type: "bool" }],
  run(inv) {
    const name = inv.args[0];
    if (!name) throw kerror(`you must specify a non-empty cluster name`);
    const kc = inv.host.kubeconfig;
    const c = kc.clusters.find((x) => x.name === name);
    if (c) {
      if (inv.flags.server) c.server = inv.flags.server;
      inv.out(`Cluster "${name}" set.\n`);
    } else {
      kc.clusters.push({ name, server: inv.flags.server ?? "" });
      inv.out(`Cluster "${name}" set.\n`);
    }
    return 0;
  },
};

const setCredentials: KubectlCommand = {
  name: "set-credentials",
  noCluster: true,
  flags: [{ name: "token", type: "string" }, { name: "client-certificate", type: "string" }, { name: "client-key", type: "string" }, { name: "embed-certs", type: "bool" }, { name: "username", type: "string" }, { name: "password", type: "string" }],
  run(inv) {
    const name = inv.args[0];
    if (!name) throw kerror(`you must specify a non-empty user name`);
    const kc = inv.host.kubeconfig;
    let u = kc.users.find((x) => x.name === name);
    if (!u) {
      u = { name };
      kc.users.push(u);
    }
    if (inv.flags.token) u.token = inv.flags.token;
    if (inv.flags["client-certificate"]) u.clientCertificate = true;
    inv.out(`User "${name}" set.\n`);
    return 0;
  },
};

const deleteContext: KubectlCommand = {
  name: "delete-context",
  noCluster: true,
  run(inv) {
    const kc = inv.host.kubeconfig;
    const name = inv.args[0];
    const i = kc.contexts.findIndex((c) => c.name === name);
    if (i < 0) throw kerror(`cannot delete context ${name}, not in kubeconfig`);
    if (kc.currentContext === name) inv.err(`warning: this removed your active context, use "kubectl config use-context" to select a different one\n`);
    kc.contexts.splice(i, 1);
    // kubectl names the kubeconfig file it edited ($HOME/.kube/config).
    inv.out(`deleted context ${name} from /root/.kube/config\n`);
    return 0;
  },
};

const renameContext: KubectlCommand = {
  name: "rename-context",
  noCluster: true,
  run(inv) {
    const [from, to] = inv.args;
    const kc = inv.host.kubeconfig;
    const c = kc.contexts.find((x) => x.name === from);
    if (!c) throw kerror(`cannot rename the context "${from}", it's not in kubeconfig`);
    c.name = to;
    if (kc.currentContext === from) kc.currentContext = to;
    inv.out(`Context "${from}" renamed to "${to}".\n`);
    return 0;
  },
};

const getClusters: KubectlCommand = {
  name: "get-clusters",
  noCluster: true,
  run(inv) {
    inv.out("NAME\n" + inv.host.kubeconfig.clusters.map((c) => c.name + "\n").join(""));
    return 0;
  },
};

const getUsers: KubectlCommand = {
  name: "get-users",
  noCluster: true,
  run(inv) {
    inv.out("NAME\n" + inv.host.kubeconfig.users.map((c) => c.name + "\n").join(""));
    return 0;
  },
};

export const configCommand: KubectlCommand = {
  name: "config",
  subcommands: Object.fromEntries(
    [view, getContexts, currentContext, useContext, setContext, setCluster, setCredentials, deleteContext, renameContext, getClusters, getUsers].flatMap((c) => [[c.name, c], ...(c.aliases ?? []).map((a) => [a, c])]),
  ),
  help: `Modify kubeconfig files using subcommands like "kubectl config set current-context my-context".\n\nAvailable Commands:\n  current-context   Display the current-context\n  delete-context    Delete the specified context from the kubeconfig\n  get-clusters      Display clusters defined in the kubeconfig\n  get-contexts      Describe one or many contexts\n  get-users         Display users defined in the kubeconfig\n  rename-context    Rename a context from the kubeconfig file\n  set-cluster       Set a cluster entry in kubeconfig\n  set-context       Set a context entry in kubeconfig\n  set-credentials   Set a user entry in kubeconfig\n  use-context       Set the current-context in a kubeconfig file\n  view              Display merged kubeconfig settings or a specified kubeconfig file\n\nUsage:\n  kubectl config SUBCOMMAND [options]\n`,
};
