// Container blocks of describe (describeContainers and friends): image, ports, command,
// state, resources, probes, environment, mounts.

import { milliValue, value as quantityValue } from "../../util/quantity.ts";
import { LEVEL_0, LEVEL_1, LEVEL_2, LEVEL_3, goLess, printBool, qty, sortedKeys, stringOrNone, timeRFC1123Z, intOrString, type PrefixWriter } from "./writer.ts";

export type EnvResolver = ((e: any) => string) | undefined;

function formatMap(m: Record<string, string> | undefined): string {
  return sortedKeys(m)
    .map((k) => `${k}=${JSON.stringify(m![k])}`)
    .join("\n");
}

/** EnvValueRetriever(pod): fieldpath.ExtractFieldPathAsString (metadata fields only). */
export function envValueRetriever(pod: any): EnvResolver {
  return (e: any) => {
    const fp: string = e.valueFrom?.fieldRef?.fieldPath ?? "";
    const md = pod.metadata ?? {};
    const sub = /^(metadata\.(?:annotations|labels))\['(.*)'\]$/.exec(fp) ?? /^(metadata\.(?:annotations|labels))\[(.*)\]$/.exec(fp);
    if (sub) return (sub[1] === "metadata.labels" ? md.labels : md.annotations)?.[sub[2]] ?? "";
    switch (fp) {
      case "metadata.annotations":
        return formatMap(md.annotations);
      case "metadata.labels":
        return formatMap(md.labels);
      case "metadata.name":
        return md.name ?? "";
      case "metadata.namespace":
        return md.namespace ?? "";
      case "metadata.uid":
        return md.uid ?? "";
    }
    return "";
  };
}

function describeContainersLabel(containers: any[], label: string, space: string, w: PrefixWriter): void {
  w.write(LEVEL_0, `${space}${label}:${containers.length === 0 ? " <none>" : ""}\n`);
}

function ports(cs: any[] | undefined, field: "containerPort" | "hostPort"): string {
  return (cs ?? []).map((p) => `${p[field] ?? 0}/${p.protocol ?? ""}`).join(", ");
}

function describeContainerBasicInfo(c: any, status: any, ok: boolean, space: string, w: PrefixWriter): void {
  const nameIndent = space.length > 0 ? " " : "";
  w.write(LEVEL_1, `${nameIndent}${c.name}:\n`);
  if (ok) w.write(LEVEL_2, `Container ID:\t${status.containerID ?? ""}\n`);
  w.write(LEVEL_2, `Image:\t${c.image ?? ""}\n`);
  if (ok) w.write(LEVEL_2, `Image ID:\t${status.imageID ?? ""}\n`);
  const p = ports(c.ports, "containerPort");
  if (p.includes(",")) w.write(LEVEL_2, `Ports:\t${p}\n`);
  else w.write(LEVEL_2, `Port:\t${stringOrNone(p)}\n`);
  const hp = ports(c.ports, "hostPort");
  if (hp.includes(",")) w.write(LEVEL_2, `Host Ports:\t${hp}\n`);
  else w.write(LEVEL_2, `Host Port:\t${stringOrNone(hp)}\n`);
  const sp = c.securityContext?.seccompProfile;
  if (sp) {
    w.write(LEVEL_2, `SeccompProfile:\t${sp.type ?? ""}\n`);
    if (sp.type === "Localhost") w.write(LEVEL_3, `LocalhostProfile:\t${sp.localhostProfile ?? ""}\n`);
  }
}

function describeContainerCommand(c: any, w: PrefixWriter): void {
  if (c.command?.length) {
    w.write(LEVEL_2, "Command:\n");
    for (const x of c.command) for (const s of String(x).split("\n")) w.write(LEVEL_3, `${s}\n`);
  }
  if (c.args?.length) {
    w.write(LEVEL_2, "Args:\n");
    for (const x of c.args) for (const s of String(x).split("\n")) w.write(LEVEL_3, `${s}\n`);
  }
}

export function describeResources(res: any, w: PrefixWriter, level: number): void {
  if (!res) return;
  const limits = res.limits ?? {};
  const requests = res.requests ?? {};
  if (Object.keys(limits).length) w.write(level, "Limits:\n");
  for (const k of sortedKeys(limits)) w.write(level + 1, `${k}:\t${qty(limits[k])}\n`);
  if (Object.keys(requests).length) w.write(level, "Requests:\n");
  for (const k of sortedKeys(requests)) w.write(level + 1, `${k}:\t${qty(requests[k])}\n`);
}

function describeStatus(stateName: string, state: any, w: PrefixWriter): void {
  if (state?.running) {
    w.write(LEVEL_2, `${stateName}:\tRunning\n`);
    w.write(LEVEL_3, `Started:\t${timeRFC1123Z(state.running.startedAt)}\n`);
  } else if (state?.waiting) {
    w.write(LEVEL_2, `${stateName}:\tWaiting\n`);
    if (state.waiting.reason) w.write(LEVEL_3, `Reason:\t${state.waiting.reason}\n`);
  } else if (state?.terminated) {
    const t = state.terminated;
    w.write(LEVEL_2, `${stateName}:\tTerminated\n`);
    if (t.reason) w.write(LEVEL_3, `Reason:\t${t.reason}\n`);
    if (t.message) w.write(LEVEL_3, `Message:\t${t.message}\n`);
    w.write(LEVEL_3, `Exit Code:\t${t.exitCode ?? 0}\n`);
    if ((t.signal ?? 0) > 0) w.write(LEVEL_3, `Signal:\t${t.signal}\n`);
    w.write(LEVEL_3, `Started:\t${timeRFC1123Z(t.startedAt)}\n`);
    w.write(LEVEL_3, `Finished:\t${timeRFC1123Z(t.finishedAt)}\n`);
  } else {
    w.write(LEVEL_2, `${stateName}:\tWaiting\n`);
  }
}

function describeContainerState(status: any, w: PrefixWriter): void {
  describeStatus("State", status.state, w);
  if (status.lastState?.terminated) describeStatus("Last State", status.lastState, w);
  w.write(LEVEL_2, `Ready:\t${printBool(status.ready)}\n`);
  w.write(LEVEL_2, `Restart Count:\t${status.restartCount ?? 0}\n`);
}

/** Go url.URL{Scheme, Host, Path}.String() for the probe forms kubectl builds. */
function probeURL(h: any): string {
  const scheme = String(h.scheme ?? "").toLowerCase();
  const port = intOrString(h.port);
  const host = h.host ?? "";
  let hostPart = host;
  if (port.length > 0) hostPart = host.includes(":") ? `[${host}]:${port}` : `${host}:${port}`;
  let path: string = h.path ?? "";
  if (path && !path.startsWith("/") && hostPart) path = "/" + path;
  return `${scheme ? scheme + ":" : ""}${scheme || hostPart ? "//" + hostPart : ""}${path}`;
}

export function describeProbe(p: any): string {
  const attrs = `delay=${p.initialDelaySeconds ?? 0}s timeout=${p.timeoutSeconds ?? 0}s period=${p.periodSeconds ?? 0}s #success=${p.successThreshold ?? 0} #failure=${p.failureThreshold ?? 0}`;
  if (p.exec) return `exec [${(p.exec.command ?? []).join(" ")}] ${attrs}`;
  if (p.httpGet) return `http-get ${probeURL(p.httpGet)} ${attrs}`;
  if (p.tcpSocket) return `tcp-socket ${p.tcpSocket.host ?? ""}:${intOrString(p.tcpSocket.port)} ${attrs}`;
  if (p.grpc) return `grpc <pod>:${p.grpc.port ?? 0} ${p.grpc.service ?? ""} ${attrs}`;
  return `unknown ${attrs}`;
}

function describeContainerProbe(c: any, w: PrefixWriter): void {
  if (c.livenessProbe) w.write(LEVEL_2, `Liveness:\t${describeProbe(c.livenessProbe)}\n`);
  if (c.readinessProbe) w.write(LEVEL_2, `Readiness:\t${describeProbe(c.readinessProbe)}\n`);
  if (c.startupProbe) w.write(LEVEL_2, `Startup:\t${describeProbe(c.startupProbe)}\n`);
}

function describeContainerVolumes(c: any, w: PrefixWriter): void {
  const mounts: any[] = c.volumeMounts ?? [];
  const none = mounts.length === 0 ? "\t<none>" : "";
  w.write(LEVEL_2, `Mounts:${none}\n`);
  const sorted = mounts.map((m, i) => ({ m, i })).sort((a, b) => goLess(a.m.mountPath ?? "", b.m.mountPath ?? "") || a.i - b.i).map((x) => x.m);
  for (const m of sorted) {
    const flags = [m.readOnly ? "ro" : "rw"];
    if (m.subPath) flags.push(`path=${JSON.stringify(m.subPath)}`);
    w.write(LEVEL_3, `${m.mountPath} from ${m.name} (${flags.join(",")})\n`);
  }
  const devices: any[] = c.volumeDevices ?? [];
  if (devices.length) {
    w.write(LEVEL_2, `Devices:${none}\n`);
    for (const d of [...devices].sort((a, b) => goLess(a.devicePath ?? "", b.devicePath ?? ""))) w.write(LEVEL_3, `${d.devicePath} from ${d.name}\n`);
  }
}

function ceilDiv(a: number, b: number): number {
  return b ? Math.ceil(a / b) : 0;
}

function resourceFieldValue(ref: any, c: any): string | undefined {
  const divisor = ref.divisor && String(ref.divisor) !== "0" ? String(ref.divisor) : "1";
  const [kind, name] = String(ref.resource ?? "").split(/\.(.*)/s);
  const list = kind === "limits" ? c.resources?.limits : kind === "requests" ? c.resources?.requests : undefined;
  if (list === undefined && kind !== "limits" && kind !== "requests") return undefined;
  try {
    if (name === "cpu") return String(ceilDiv(milliValue(String(list?.cpu ?? "0")), milliValue(divisor)));
    if (name === "memory" || name === "ephemeral-storage" || name?.startsWith("hugepages-")) {
      return String(ceilDiv(quantityValue(String(list?.[name] ?? "0")), quantityValue(divisor)));
    }
  } catch {
    return undefined;
  }
  return undefined;
}

function describeContainerEnvVars(c: any, resolver: EnvResolver, w: PrefixWriter): void {
  const env: any[] = c.env ?? [];
  w.write(LEVEL_2, `Environment:${env.length === 0 ? "\t<none>" : ""}\n`);
  for (const e of env) {
    if (!e.valueFrom) {
      String(e.value ?? "")
        .split("\n")
        .forEach((s, i) => w.write(LEVEL_3, i === 0 ? `${e.name}:\t${s}\n` : `\t${s}\n`));
      continue;
    }
    const vf = e.valueFrom;
    if (vf.fieldRef) {
      const v = resolver ? resolver(e) : "";
      w.write(LEVEL_3, `${e.name}:\t${v} (${vf.fieldRef.apiVersion ?? ""}:${vf.fieldRef.fieldPath ?? ""})\n`);
    } else if (vf.resourceFieldRef) {
      let v = resourceFieldValue(vf.resourceFieldRef, c) ?? "";
      const r = vf.resourceFieldRef.resource;
      if (v === "0" && (r === "limits.cpu" || r === "limits.memory")) v = "node allocatable";
      w.write(LEVEL_3, `${e.name}:\t${v} (${r})\n`);
    } else if (vf.secretKeyRef) {
      w.write(LEVEL_3, `${e.name}:\t<set to the key '${vf.secretKeyRef.key}' in secret '${vf.secretKeyRef.name ?? ""}'>\tOptional: ${vf.secretKeyRef.optional === true}\n`);
    } else if (vf.configMapKeyRef) {
      w.write(LEVEL_3, `${e.name}:\t<set to the key '${vf.configMapKeyRef.key}' of config map '${vf.configMapKeyRef.name ?? ""}'>\tOptional: ${vf.configMapKeyRef.optional === true}\n`);
    }
  }
}

function describeContainerEnvFrom(c: any, w: PrefixWriter): void {
  const from: any[] = c.envFrom ?? [];
  w.write(LEVEL_2, `Environment Variables from:${from.length === 0 ? "\t<none>" : ""}\n`);
  for (const e of from) {
    let kind = "";
    let name = "";
    let optional = false;
    if (e.configMapRef) {
      kind = "ConfigMap";
      name = e.configMapRef.name ?? "";
      optional = e.configMapRef.optional === true;
    } else if (e.secretRef) {
      kind = "Secret";
      name = e.secretRef.name ?? "";
      optional = e.secretRef.optional === true;
    }
    if (!e.prefix) w.write(LEVEL_3, `${name}\t${kind}\tOptional: ${optional}\n`);
    else w.write(LEVEL_3, `${name}\t${kind} with prefix '${e.prefix}'\tOptional: ${optional}\n`);
  }
}

export function describeContainers(label: string, containers: any[] | undefined, statuses: any[] | undefined, resolver: EnvResolver, w: PrefixWriter, space: string): void {
  const byName = new Map<string, any>();
  for (const s of statuses ?? []) byName.set(s.name, s);
  const cs = containers ?? [];
  describeContainersLabel(cs, label, space, w);
  for (const c of cs) {
    const status = byName.get(c.name);
    const ok = status !== undefined;
    describeContainerBasicInfo(c, status, ok, space, w);
    describeContainerCommand(c, w);
    if (ok) describeContainerState(status, w);
    describeResources(c.resources, w, LEVEL_2);
    describeContainerProbe(c, w);
    if (c.envFrom?.length) describeContainerEnvFrom(c, w);
    describeContainerEnvVars(c, resolver, w);
    describeContainerVolumes(c, w);
  }
}
