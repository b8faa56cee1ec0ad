// kubectl debug: an ephemeral container added to a running pod (`--target` shares its process
// namespace), or a node debugging pod (`node/x`: host namespaces, host root at /host).

import type { KObject } from "../../api/types.ts";
import type { Invocation } from "../invocation.ts";
import { kerror, KubectlError } from "../errors.ts";
import { runInContainer } from "./container-shell.ts";
import type { KubectlCommand } from "./registry.ts";

/** k8s.io/apimachinery utilrand.String: consonants and digits without look-alikes. */
const ALPHANUMS = "bcdfghjklmnpqrstvwxz2456789";
export function randSuffix(inv: Invocation, n = 5): string {
  let s = "";
  for (let i = 0; i < n; i++) s += ALPHANUMS[inv.cluster.rng.int(ALPHANUMS.length)];
  return s;
}

const DEBUG_HELP = `Debug cluster resources using interactive debugging containers.

 'debug' provides automation for common debugging tasks for cluster objects identified by resource and name. Pods will be used by default if no resource is specified.

 The action taken by 'debug' varies depending on what resource is specified. Supported actions include:

  *  Workload: Create a copy of an existing pod with certain attributes changed, for example changing the image tag to a new version.
  *  Workload: Add an ephemeral container to an already running pod, for example to add debugging utilities without restarting the pod.
  *  Node: Create a new pod that runs in the node's host namespaces and can access the node's filesystem.

 Note: When a non-root user is configured for the entire target Pod, some capabilities granted by debug profile may not work.

Usage:
  kubectl debug (POD | TYPE[[.VERSION].GROUP]/NAME) [ -- COMMAND [args...] ] [options]

Use "kubectl options" for a list of global command-line options (applies to all commands).
`;

async function attachRun(inv: Invocation, pod: KObject, container: string): Promise<number> {
  if (!inv.flags.stdin) return 0;
  if (inv.flags.tty && !inv.ctx.stdinIsTTY) inv.err("Unable to use a TTY - input is not a terminal or the right kind of file\n");
  const tty = inv.flags.tty && inv.ctx.stdinIsTTY;
  if (tty) inv.err("If you don't see a command prompt, try pressing enter.\n");
  const command = inv.dashArgs?.length ? inv.dashArgs : ["sh"];
  const r = await runInContainer(inv.cluster, pod, container, command, inv.ctx.stdin, inv.ctx.host);
  inv.out(r.stdout);
  inv.err(r.stderr);
  return 0;
}

async function debugNode(inv: Invocation, nodeName: string): Promise<number> {
  const node = inv.cluster.api.get("nodes", undefined, nodeName);
  if (!inv.flags.image) throw kerror("--image is required");
  const name = `node-debugger-${nodeName}-${randSuffix(inv)}`;
  const ctr: any = { name: "debugger", image: inv.flags.image, imagePullPolicy: "IfNotPresent", stdin: !!inv.flags.stdin, tty: !!inv.flags.tty, terminationMessagePolicy: "File", volumeMounts: [{ name: "host-root", mountPath: "/host" }] };
  if (inv.dashArgs?.length) ctr.command = inv.dashArgs;
  const pod: KObject = {
    apiVersion: "v1",
    kind: "Pod",
    metadata: { name, namespace: inv.namespace, labels: { "app.kubernetes.io/managed-by": "kubectl-debug" } } as any,
    spec: {
      containers: [ctr],
      hostIPC: true,
      hostNetwork: true,
      hostPID: true,
      nodeName: node.metadata.name,
      restartPolicy: "Never",
      tolerations: [{ operator: "Exists" }],
      volumes: [{ name: "host-root", hostPath: { path: "/" } }],
    },
  };
  const created = inv.cluster.api.create("pods", pod, { namespace: inv.namespace, user: inv.user });
  inv.err(`Creating debugging pod ${name} with container debugger on node ${nodeName}.\n`);
  if (inv.flags.stdin) {
    await inv.host.sleep(3000, inv.ctx);
    inv.host.sync();
    return attachRun(inv, inv.cluster.api.get("pods", inv.namespace, name), "debugger");
  }
  void created;
  return 0;
}

export async function runDebug(inv: Invocation): Promise<number> {
  const arg = inv.args[0];
  if (!arg) throw kerror(`one of --image or --copy-to is required\nSee 'kubectl debug -h' for help and examples`);
  const slash = arg.indexOf("/");
  const type = slash > 0 ? arg.slice(0, slash).toLowerCase() : "pods";
  const name = slash > 0 ? arg.slice(slash + 1) : arg;
  if (["node", "nodes", "no"].includes(type)) return debugNode(inv, name);
  if (!["pod", "pods", "po"].includes(type)) throw kerror(`objects of type ${type} are not supported by debug`);
  if (!inv.flags.image && !inv.flags["copy-to"]) throw kerror(`--image is required`);
  const pod = inv.cluster.api.get("pods", inv.namespace, name);
  let cname: string | undefined = inv.flags.container;
  if (!cname) {
    cname = `debugger-${randSuffix(inv)}`;
    inv.err(`Defaulting debug container name to ${cname}.\n`);
  }
  const target: string | undefined = inv.flags.target;
  if (target && !(pod.spec?.containers ?? []).some((c: any) => c.name === target)) {
    // The API server's validation of the ephemeralcontainers update.
    throw new KubectlError(`The Pod "${name}" is invalid: spec.ephemeralContainers[0].targetContainerName: Not found: "${target}"`);
  }
  const eph: any = {
    name: cname,
    image: inv.flags.image,
    imagePullPolicy: inv.flags["image-pull-policy"] ?? "IfNotPresent",
    resources: {},
    stdin: !!inv.flags.stdin,
    terminationMessagePath: "/dev/termination-log",
    terminationMessagePolicy: "File",
    tty: !!inv.flags.tty,
  };
  if (inv.dashArgs?.length) eph.command = inv.dashArgs;
  if (target) eph.targetContainerName = target;
  // The ephemeralcontainers subresource is the only way to change a running pod's spec.
  const updated: KObject = { ...pod, spec: { ...pod.spec, ephemeralContainers: [...(pod.spec?.ephemeralContainers ?? []), eph] } };
  inv.cluster.store.put("pods", updated);
  return attachRun(inv, updated, cname);
}

export const debugCommand: KubectlCommand = {
  name: "debug",
  help: DEBUG_HELP,
  flags: [
    { name: "image", type: "string" },
    { name: "target", type: "string" },
    { name: "container", short: "c", type: "string" },
    { name: "stdin", short: "i", type: "bool" },
    { name: "tty", short: "t", type: "bool" },
    { name: "quiet", short: "q", type: "bool" },
    { name: "copy-to", type: "string" },
    { name: "replace", type: "bool" },
    { name: "share-processes", type: "bool", default: true },
    { name: "image-pull-policy", type: "string" },
    { name: "profile", type: "string", default: "legacy" },
    { name: "env", type: "strings" },
    { name: "arguments-only", type: "bool" },
    { name: "attach", type: "bool" },
    { name: "set-image", type: "strings" },
    { name: "same-node", type: "bool" },
    { name: "custom", type: "string" },
    { name: "keep-labels", type: "bool" },
    { name: "keep-annotations", type: "bool" },
    { name: "keep-liveness", type: "bool" },
    { name: "keep-readiness", type: "bool" },
    { name: "keep-startup", type: "bool" },
    { name: "keep-init-containers", type: "bool", default: true },
  ],
  run: runDebug,
};
