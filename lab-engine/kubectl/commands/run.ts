// kubectl run (a bare pod, the 1.18+ behaviour) and kubectl expose.

import type { KObject } from "../../api/types.ts";
import type { FlagDef } from "../flags.ts";
import type { Invocation } from "../invocation.ts";
import { kerror, KubectlError } from "../errors.ts";
import { DRY_RUN_FLAG, OUTPUT_FLAG, dryRunOf, parseKeyValue, parseLabelsArg, reportWrite, requiredFlagError } from "./common.ts";
import { createObject } from "./create.ts";
import { parseOutput, printStructured } from "../printers/print-objects.ts";
import { toKubectlYaml } from "../output/yaml.ts";
import { resolveResource } from "../../api/resources.ts";
import { parseResourceArgs } from "../resource-args.ts";
import { kubeletApi } from "../kubelet-api.ts";
import { getLogs as kubeletGetLogs } from "../../kubelet/logs.ts";
import { endMainProcess, parseImage, runningInstance } from "../../kubelet/api.ts";
import { lookupImage } from "../../kubelet/images.ts";
import type { OutputSink } from "../../shell/types.ts";
import { containerSession, isInteractiveShell } from "./container-shell.ts";

export const runFlags: FlagDef[] = [
  { name: "image", type: "string" },
  { name: "port", type: "string" },
  { name: "labels", short: "l", type: "string" },
  { name: "env", type: "strings" },
  { name: "restart", type: "string" },
  { name: "command", type: "bool" },
  { name: "rm", type: "bool" },
  { name: "stdin", short: "i", type: "bool" },
  { name: "tty", short: "t", type: "bool" },
  { name: "attach", type: "bool" },
  { name: "expose", type: "bool" },
  { name: "image-pull-policy", type: "string" },
  { name: "annotations", type: "strings" },
  { name: "overrides", type: "string" },
  { name: "privileged", type: "bool" },
  { name: "serviceaccount", type: "string" },
  { name: "quiet", short: "q", type: "bool" },
  { name: "pod-running-timeout", type: "string" },
  { name: "timeout", type: "string" },
  { name: "save-config", type: "bool" },
  { name: "field-manager", type: "string" },
  OUTPUT_FLAG,
  DRY_RUN_FLAG,
];

export function buildRunPod(inv: Invocation, name: string): KObject {
  const image = inv.flags.image;
  const labels = inv.flags.labels ? parseLabelsArg(inv.flags.labels) : { run: name };
  const c: any = { image, name };
  const rest = inv.dashArgs ?? [];
  const extraArgs = inv.args.slice(1);
  const cmdArgs = rest.length ? rest : extraArgs;
  if (cmdArgs.length) {
    if (inv.flags.command) c.command = cmdArgs;
    else c.args = cmdArgs;
  }
  if (inv.flags.env?.length) c.env = inv.flags.env.map((e: string) => {
    const [k, v] = parseKeyValue(e, "env");
    return { name: k, value: v };
  });
  if (inv.flags["image-pull-policy"]) c.imagePullPolicy = inv.flags["image-pull-policy"];
  if (inv.flags.port) c.ports = [{ containerPort: Number(inv.flags.port) }];
  c.resources = {};
  if (inv.flags.stdin) {
    c.stdin = true;
    if (inv.flags.rm || !inv.flags.restart || inv.flags.restart === "Never") c.stdinOnce = true;
  }
  if (inv.flags.tty) c.tty = true;
  const annotations = Object.fromEntries((inv.flags.annotations ?? []).map((a: string) => parseKeyValue(a, "annotations")));
  const restart = inv.flags.restart || (inv.flags.rm ? "Never" : "Always");
  if (!["Always", "OnFailure", "Never"].includes(restart)) throw kerror(`invalid restart policy: ${restart}`);
  const pod: KObject = {
    apiVersion: "v1",
    kind: "Pod",
    metadata: {
      creationTimestamp: null,
      ...(Object.keys(annotations).length ? { annotations } : {}),
      labels,
      name,
      ...(inv.nsExplicit ? { namespace: inv.namespace } : {}),
    } as any,
    spec: {
      containers: [c],
      dnsPolicy: "ClusterFirst",
      restartPolicy: restart,
      ...(inv.flags.serviceaccount ? { serviceAccountName: inv.flags.serviceaccount } : {}),
    },
    status: {},
  };
  if (inv.flags.overrides) {
    try {
      const ov = JSON.parse(inv.flags.overrides);
      Object.assign(pod, deepMerge(pod, ov));
    } catch {
      throw kerror(`error: unable to parse overrides`);
    }
  }
  return pod;
}

function deepMerge(a: any, b: any): any {
  if (b && typeof b === "object" && !Array.isArray(b) && a && typeof a === "object") {
    const out = { ...a };
    for (const [k, v] of Object.entries(b)) out[k] = deepMerge(a[k], v);
    return out;
  }
  return b;
}

function stripClient(o: KObject): KObject {
  const c = JSON.parse(JSON.stringify(o));
  delete c.metadata.creationTimestamp;
  delete c.status;
  return c;
}

export async function runRun(inv: Invocation): Promise<number> {
  // cobra checks required flags before the command runs.
  if (!inv.flags.image) throw requiredFlagError(inv, "image");
  if (inv.args.length === 0) throw new KubectlError(`error: NAME is required for run\nSee 'kubectl run -h' for help and examples`);
  const name = inv.args[0];
  const dry = dryRunOf(inv);
  if (inv.flags.rm && !inv.flags.stdin && !inv.flags.attach) throw kerror(`--rm should only be used for attached containers`);
  if (inv.flags.expose && !inv.flags.port) throw kerror(`--port must be set when exposing a service`);
  const pod = buildRunPod(inv, name);
  const fmt = parseOutput(inv.flags.output);
  if (dry === "client") {
    if (fmt.kind === "table" || fmt.kind === "wide") {
      if (inv.flags.expose) inv.out(`service/${name} created (dry run)\n`);
      reportWrite(inv, pod, "created", dry);
    } else {
      const objs = inv.flags.expose ? [serviceFor(inv, name, pod.metadata.labels!, Number(inv.flags.port)), pod] : [pod];
      // kubectl run --expose prints the Service, then the Pod; in YAML with two "---" lines between.
      inv.out(objs.map((o) => (fmt.kind === "yaml" ? toKubectlYaml(o) : printStructured([o], fmt, false, undefined, "typed"))).join(fmt.kind === "yaml" ? "---\n---\n" : ""));
    }
    return 0;
  }
  if (inv.flags.expose) {
    const svc = createObject(inv, stripClient(serviceFor(inv, name, pod.metadata.labels!, Number(inv.flags.port))), dry);
    reportWrite(inv, svc, "created", dry);
  }
  const created = createObject(inv, stripClient(pod), dry);
  if (!(inv.flags.stdin || inv.flags.attach) || dry !== "none") {
    reportWrite(inv, created, "created", dry);
    return 0;
  }
  return attachRun(inv, created);
}

/**
 * `kubectl run -it --rm`: wait for the container, relay what it prints, then delete the pod.
 * The simulated container runs its command to completion; an interactive shell with no
 * command gets no input here, like a pipe that closes at once.
 */
async function attachRun(inv: Invocation, pod: KObject): Promise<number> {
  const ns = pod.metadata.namespace!;
  const name = pod.metadata.name;
  const deadline = inv.cluster.now + 300_000;
  let printed = 0;
  let exit = 0;
  const spec0 = pod.spec.containers[0];
  const argv: string[] = spec0.command || spec0.args ? [...(spec0.command ?? []), ...(spec0.args ?? [])] : (lookupImage(parseImage(spec0.image ?? ""))?.cmd ?? []);
  // A shell with the terminal attached: the learner types into the container until `exit`.
  const session = !!inv.flags.stdin && inv.ctx.stdinIsTTY && !!inv.ctx.host.enterSession && isInteractiveShell(argv);
  const interactiveShell = session || !(spec0.command || spec0.args);
  if (interactiveShell) inv.err("If you don't see a command prompt, try pressing enter.\n");
  const getLogs = kubeletApi.getLogs ?? kubeletGetLogs;
  for (;;) {
    const cur = inv.cluster.store.get("pods", ns, name);
    if (!cur) break;
    if (session && runningInstance(inv.cluster, cur, spec0.name)) {
      inv.ctx.host.enterSession!(containerSession(inv.cluster, cur, spec0.name, argv, inv.ctx.host, { tty: !!inv.flags.tty, onEnd: (code, io) => endAttachedRun(inv, cur, code, io) }));
      return 0;
    }
    if (getLogs) {
      try {
        const text: string = getLogs(inv.cluster, cur, cur.spec.containers[0].name, {});
        if (text.length > printed) {
          inv.out(text.slice(printed));
          printed = text.length;
        }
      } catch {
        /* not started yet */
      }
    }
    const phase = cur.status?.phase;
    if (phase === "Succeeded" || phase === "Failed") {
      exit = cur.status?.containerStatuses?.[0]?.state?.terminated?.exitCode ?? (phase === "Failed" ? 1 : 0);
      break;
    }
    const waiting = cur.status?.containerStatuses?.[0]?.state?.waiting?.reason;
    if (waiting && ["ErrImagePull", "ImagePullBackOff", "CrashLoopBackOff", "CreateContainerConfigError", "InvalidImageName"].includes(waiting)) {
      inv.err(`error: timed out waiting for the condition\n`);
      exit = 1;
      break;
    }
    if (inv.ctx.signal.aborted || inv.cluster.now > deadline) break;
    if (inv.ctx.host.clock.mode === "virtual") {
      const next = inv.cluster.nextDue();
      if (next === undefined) break;
      await inv.host.sleep(Math.max(1, next - inv.cluster.now), inv.ctx);
    } else {
      await inv.host.sleep(200, inv.ctx);
      inv.host.sync();
    }
  }
  if (inv.flags.rm) {
    try {
      inv.cluster.api.delete("pods", ns, name, { gracePeriodSeconds: 0 });
      inv.cluster.store.remove("pods", ns, name);
    } catch {
      /* gone */
    }
    inv.out(`pod "${name}" deleted\n`);
  }
  if (exit !== 0) inv.err(`pod ${ns}/${name} terminated (Error)\n`);
  return exit;
}

/** The attached shell of `kubectl run -it` exited: the container ends with its status, then --rm. */
async function endAttachedRun(inv: Invocation, pod: KObject, code: number, io: { stdout: OutputSink; stderr: OutputSink }): Promise<number> {
  const c = inv.cluster;
  const ns = pod.metadata.namespace!;
  const name = pod.metadata.name;
  const cname = pod.spec.containers[0].name;
  endMainProcess(c, pod, cname, code);
  inv.host.sync();
  const restart = pod.spec.restartPolicy ?? "Always";
  let exit = 0;
  if (restart !== "Always") {
    // kubectl waits for the pod to complete and returns the container's exit code.
    for (let i = 0; i < 50; i++) {
      const cur = c.store.get("pods", ns, name);
      const phase = cur?.status?.phase;
      if (!cur || phase === "Succeeded" || phase === "Failed") {
        exit = cur?.status?.containerStatuses?.[0]?.state?.terminated?.exitCode ?? 0;
        break;
      }
      await inv.host.sleep(100, inv.ctx);
    }
  } else if (!inv.flags.rm && inv.flags.tty) {
    io.stdout.write(`Session ended, resume using 'kubectl attach ${name} -c ${cname} -i -t' command when the pod is running\n`);
  }
  if (inv.flags.rm) {
    try {
      c.api.delete("pods", ns, name, { gracePeriodSeconds: 0 });
      c.store.remove("pods", ns, name);
    } catch {
      /* gone */
    }
    io.stdout.write(`pod "${name}" deleted\n`);
  }
  if (exit !== 0) io.stderr.write(`pod ${ns}/${name} terminated (Error)\n`);
  return exit;
}

function serviceFor(inv: Invocation, name: string, selector: Record<string, string>, port: number): KObject {
  return {
    apiVersion: "v1",
    kind: "Service",
    metadata: { creationTimestamp: null, name, ...(inv.nsExplicit ? { namespace: inv.namespace } : {}) } as any,
    spec: { ports: [{ port, protocol: "TCP", targetPort: port }], selector },
    status: { loadBalancer: {} },
  };
}

export const exposeFlags: FlagDef[] = [
  { name: "port", type: "string" },
  { name: "target-port", type: "string" },
  { name: "protocol", type: "string" },
  { name: "type", type: "string" },
  { name: "name", type: "string" },
  { name: "selector", type: "string" },
  { name: "labels", short: "l", type: "string" },
  { name: "external-ip", type: "string" },
  { name: "cluster-ip", type: "string" },
  { name: "load-balancer-ip", type: "string" },
  { name: "session-affinity", type: "string" },
  { name: "filename", short: "f", type: "strings" },
  { name: "override-type", type: "string" },
  { name: "overrides", type: "string" },
  { name: "save-config", type: "bool" },
  { name: "field-manager", type: "string" },
  OUTPUT_FLAG,
  DRY_RUN_FLAG,
];

export async function runExpose(inv: Invocation): Promise<number> {
  const refs = parseResourceArgs(inv.args, "kubectl expose");
  if (!refs.length || refs[0].names.length !== 1) {
    throw new KubectlError(`error: You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'`);
  }
  const { ri } = refs[0];
  const target = inv.cluster.api.get(ri.plural, inv.namespace, refs[0].names[0]);
  let selector: Record<string, string> | undefined;
  let ports: any[] = [];
  switch (ri.plural) {
    case "deployments":
    case "replicasets":
    case "statefulsets":
    case "daemonsets": {
      const sel = target.spec?.selector;
      if (sel?.matchExpressions?.length) throw kerror(`couldn't retrieve selectors via --selector flag or introspection: the ${ri.kind} has match expressions`);
      selector = sel?.matchLabels;
      ports = target.spec?.template?.spec?.containers?.flatMap((c: any) => c.ports ?? []) ?? [];
      break;
    }
    case "replicationcontrollers":
      selector = target.spec?.selector ?? target.spec?.template?.metadata?.labels;
      ports = target.spec?.template?.spec?.containers?.flatMap((c: any) => c.ports ?? []) ?? [];
      break;
    case "pods":
      selector = target.metadata.labels;
      ports = target.spec?.containers?.flatMap((c: any) => c.ports ?? []) ?? [];
      break;
    case "services":
      selector = target.spec?.selector;
      ports = (target.spec?.ports ?? []).map((p: any) => ({ containerPort: p.port, protocol: p.protocol, name: p.name }));
      break;
    default:
      throw kerror(`cannot expose a ${ri.kind}`);
  }
  if (inv.flags.selector) selector = parseLabelsArg(inv.flags.selector);
  // expose.go wraps MapBasedSelectorForObject's error (1.32 prints no "See 'kubectl expose -h'" line).
  if (!selector || !Object.keys(selector).length) {
    const why = ri.plural === "pods" ? "the pod has no labels and cannot be exposed" : ri.plural === "services" ? "the service has no pod selector set" : `the ${ri.kind} has no labels`;
    throw kerror(`couldn't retrieve selectors via --selector flag or introspection: ${why}`);
  }
  const name = inv.flags.name ?? target.metadata.name;
  let svcPorts: any[];
  if (inv.flags.port) {
    const tp = inv.flags["target-port"];
    svcPorts = String(inv.flags.port)
      .split(",")
      .map((p, i, arr) => ({
        ...(arr.length > 1 ? { name: `port-${i + 1}` } : {}),
        port: Number(p),
        protocol: inv.flags.protocol ?? "TCP",
        targetPort: tp === undefined ? Number(p) : /^\d+$/.test(tp) ? Number(tp) : tp,
      }));
  } else {
    if (!ports.length) throw kerror(`couldn't find port via --port flag or introspection`);
    svcPorts = ports.map((p: any, i: number) => ({
      ...(ports.length > 1 ? { name: p.name ?? `port-${i + 1}` } : {}),
      port: p.containerPort,
      protocol: p.protocol ?? "TCP",
      targetPort: inv.flags["target-port"] === undefined ? p.containerPort : /^\d+$/.test(inv.flags["target-port"]) ? Number(inv.flags["target-port"]) : inv.flags["target-port"],
    }));
  }
  const labels = inv.flags.labels ? parseLabelsArg(inv.flags.labels) : (target.metadata.labels ?? undefined);
  const spec: any = { ports: svcPorts, selector };
  if (inv.flags.type) {
    // kubectl sends --type verbatim; the API server's validation rejects a wrong case
    // (`Unsupported value: "Nodeport"`), which is what learners must see.
    spec.type = String(inv.flags.type);
  }
  if (inv.flags["cluster-ip"]) spec.clusterIP = inv.flags["cluster-ip"];
  if (inv.flags["external-ip"]) spec.externalIPs = String(inv.flags["external-ip"]).split(",");
  if (inv.flags["session-affinity"]) spec.sessionAffinity = inv.flags["session-affinity"];
  const svc: KObject = {
    apiVersion: "v1",
    kind: "Service",
    metadata: { creationTimestamp: null, ...(labels && Object.keys(labels).length ? { labels } : {}), name, ...(inv.nsExplicit ? { namespace: inv.namespace } : {}) } as any,
    spec,
    status: { loadBalancer: {} },
  };
  const dry = dryRunOf(inv);
  const fmt = parseOutput(inv.flags.output);
  if (dry === "client") {
    if (fmt.kind === "table" || fmt.kind === "wide") reportWrite(inv, svc, "exposed", dry);
    else inv.out(printStructured([svc], fmt, false, undefined, "typed"));
    return 0;
  }
  const created = createObject(inv, stripClient(svc), dry);
  reportWrite(inv, created, "exposed", dry);
  void resolveResource;
  return 0;
}
