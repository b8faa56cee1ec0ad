// What kubectl needs from the sandbox: the clusters behind kubeconfig contexts, the kubeconfig
// itself (plain data, part of the sandbox snapshot) and a way to bring clusters up to "now".

import type { Cluster } from "../cluster/cluster.ts";
import type { CommandContext } from "../shell/types.ts";

export interface KubeconfigContext {
  name: string;
  cluster: string;
  user: string;
  namespace?: string;
}

export interface Kubeconfig {
  currentContext: string;
  contexts: KubeconfigContext[];
  clusters: { name: string; server: string }[];
  users: { name: string; token?: string; clientCertificate?: boolean }[];
}

export interface KubectlHost {
  kubeconfig: Kubeconfig;
  cluster(name: string): Cluster | undefined;
  /** Advance every cluster to the clock's now (real time) — called before reading state. */
  sync(): void;
  /** Wait simulated time (virtual clock: instant; real: real wait, interruptible). */
  sleep(ms: number, ctx: CommandContext): Promise<void>;
  /** Open the editor on a temp file (kubectl edit); resolves with the saved content or undefined if unchanged/cancelled. */
  edit?(path: string, content: string, ctx: CommandContext): Promise<string | undefined>;
}

export function defaultKubeconfig(clusterName = "kubernetes"): Kubeconfig {
  return {
    currentContext: `kubernetes-admin@${clusterName}`,
    contexts: [{ name: `kubernetes-admin@${clusterName}`, cluster: clusterName, user: "kubernetes-admin" }],
    clusters: [{ name: clusterName, server: "https://172.30.1.2:6443" }],
    users: [{ name: "kubernetes-admin", clientCertificate: true }],
  };
}
