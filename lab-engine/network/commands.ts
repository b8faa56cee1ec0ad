// Workstation network tools (curl, wget, nslookup...). Filled in by network/: until a tool is
// registered here it is simply not installed on the workstation (bash: command not found).
// The same tools run inside pods through `networkCommandsFor(c, pod)`, limited to what the
// pod's image ships (busybox has wget/nslookup/ping but no curl; nginx has curl only...).

import type { CommandTable } from "../shell/types.ts";
import type { Cluster } from "../cluster/cluster.ts";
import type { KObject } from "../api/types.ts";
import { parseImage } from "../kubelet/images.ts";
import { asCommand, podEnv, runToolSync, workstationEnv, type NetEnv, type SyncTool } from "./client.ts";
import { setNetworkToolRunner } from "../kubelet/shell-sim.ts";
import { curlTool } from "./curl.ts";
import { wgetTool } from "./wget.ts";
import { digTool, hostTool, nslookupTool } from "./dns-tools.ts";
import { pingTool } from "./ping.ts";

export interface NetworkHost {
  /** The current kubeconfig context's cluster, read at each command (contexts can switch). */
  readonly cluster: Cluster;
}

export const networkCommandFactories: ((host: NetworkHost) => CommandTable)[] = [];

export function networkCommands(host: NetworkHost): CommandTable {
  const out: CommandTable = {};
  for (const f of networkCommandFactories) Object.assign(out, f(host));
  return out;
}

type Tool = "curl" | "wget" | "nslookup" | "host" | "dig" | "ping";
const TOOLS: Record<Tool, SyncTool> = {
  curl: curlTool,
  wget: wgetTool,
  nslookup: nslookupTool,
  host: hostTool,
  dig: digTool,
  ping: pingTool,
};

function table(env: () => NetEnv, tools: Tool[]): CommandTable {
  const out: CommandTable = {};
  for (const t of tools) out[t] = asCommand(TOOLS[t], env);
  return out;
}

// The workstation is an Ubuntu node with curl, wget, dnsutils, iputils-ping.
networkCommandFactories.push((host) => table(() => workstationEnv(host.cluster), ["curl", "wget", "nslookup", "host", "dig", "ping"]));

const BUSYBOX_TOOLS: Tool[] = ["wget", "nslookup", "ping"];

/** Which network tools an image ships. Data: add an image by adding a row. */
const IMAGE_TOOLS: [RegExp, Tool[]][] = [
  [/\/(busybox|alpine)$/, BUSYBOX_TOOLS],
  [/\/curlimages\/curl$/, ["curl", ...BUSYBOX_TOOLS]],
  [/(nicolaka\/netshoot|dnsutils|jessie-dnsutils|agnhost|praqma\/network-multitool|wbitt\/network-multitool)$/, ["curl", "wget", "nslookup", "host", "dig", "ping"]],
  [/\/nginx$/, ["curl"]],
  [/\/(ubuntu|debian|mysql|mariadb|postgres|redis|mongo|httpd|memcached|rabbitmq)$/, []],
  [/\/(node|python|golang|openjdk|php|ruby|wordpress|jenkins|tomcat)$/, ["curl", "wget"]],
  [/^registry\.k8s\.io\/|\/calico\//, []],
];

/** Regular, init and ephemeral containers (init containers run network tools too: `until nslookup db`). */
function allContainers(pod: KObject): any[] {
  return [...(pod.spec?.containers ?? []), ...(pod.spec?.initContainers ?? []), ...(pod.spec?.ephemeralContainers ?? [])];
}

function toolsFor(image: string): Tool[] {
  const ref = parseImage(image);
  const alpine = /alpine/.test(ref.tag);
  for (const [re, tools] of IMAGE_TOOLS) {
    if (!re.test(ref.repo)) continue;
    // Alpine variants add busybox's applets to what the image installs.
    return alpine ? [...new Set<Tool>([...tools, ...BUSYBOX_TOOLS])] : tools;
  }
  // Unknown application images: assume a Debian-slim base with curl, like most app images.
  return alpine ? BUSYBOX_TOOLS : ["curl"];
}

/**
 * curl/wget/nslookup/host/dig/ping as seen from `fromPod` (its namespace's search path, its
 * NetworkPolicies, the tools its image ships), or from the workstation when no pod is given.
 * Used by `kubectl exec`/`run` container shells.
 */
export function networkCommandsFor(c: Cluster, fromPod?: KObject, container?: string): CommandTable {
  if (!fromPod) return table(() => workstationEnv(c), ["curl", "wget", "nslookup", "host", "dig", "ping"]);
  const ctr = allContainers(fromPod).find((x: any) => x.name === container) ?? fromPod.spec?.containers?.[0];
  // Re-read the pod at each call: a shell may outlive status changes (IP, readiness).
  const fresh = () => c.store.get("pods", fromPod.metadata.namespace, fromPod.metadata.name) ?? fromPod;
  return table(() => podEnv(c, fresh(), container), toolsFor(ctr?.image ?? ""));
}

// Containers' own commands (`wget -qO- http://web` in a pod spec, `kubectl run --rm -i ...`):
// the kubelet compiles them at start and asks us for the tool's output.
setNetworkToolRunner((ctx, argv, readFile) => {
  const c = ctx.c as Cluster;
  const pod = ctx.pod as KObject;
  const ctr = allContainers(pod).find((x: any) => x.name === ctx.container);
  const name = argv[0] as Tool;
  if (!TOOLS[name]) return undefined;
  if (!toolsFor(ctr?.image ?? "").includes(name)) return { events: [{ k: "err", s: `sh: ${name}: not found\n` }], code: 127, files: [] };
  return runToolSync(TOOLS[name], podEnv(c, pod, ctx.container), argv, readFile);
});
