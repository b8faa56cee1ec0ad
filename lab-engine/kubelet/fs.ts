// The files a container sees that Kubernetes puts there: mounted volumes (configMap, secret,
// downwardAPI, projected incl. the service-account token), /etc/hostname, /etc/hosts,
// /etc/resolv.conf. The files the container's own process created come from its program
// timeline (kubelet.ts adds them in `containerFs`).

import type { Cluster } from "../cluster/cluster.ts";
import type { KObject } from "../api/types.ts";
import { resourceFieldValue } from "./env.ts";
import { decodeSecretText } from "../util/base64.ts";
import { IMAGES, parseImage } from "./images.ts";

export type Files = Record<string, string>;

const SA_DIR = "/var/run/secrets/kubernetes.io/serviceaccount";

function join(dir: string, name: string): string {
  return `${dir.replace(/\/+$/, "")}/${name}`;
}

function keyed(data: Record<string, string>, items: any[] | undefined): [string, string][] {
  if (!items?.length) return Object.entries(data);
  return items.filter((it) => data[it.key] !== undefined).map((it) => [it.path, data[it.key]]);
}

function downward(pod: KObject, c: Cluster, items: any[]): [string, string][] {
  const out: [string, string][] = [];
  for (const it of items ?? []) {
    if (it.fieldRef) {
      const p = it.fieldRef.fieldPath as string;
      let v = "";
      if (p === "metadata.labels") v = Object.entries(pod.metadata.labels ?? {}).sort().map(([k, x]) => `${k}="${x}"`).join("\n");
      else if (p === "metadata.annotations") v = Object.entries(pod.metadata.annotations ?? {}).sort().map(([k, x]) => `${k}="${x}"`).join("\n");
      else if (p === "metadata.name") v = pod.metadata.name;
      else if (p === "metadata.namespace") v = pod.metadata.namespace ?? "default";
      else if (p === "metadata.uid") v = pod.metadata.uid;
      else {
        const m = /^metadata\.(labels|annotations)\['(.*)'\]$/.exec(p);
        if (m) v = pod.metadata[m[1]]?.[m[2]] ?? "";
      }
      out.push([it.path, v]);
    } else if (it.resourceFieldRef) {
      const ctr = (pod.spec?.containers ?? []).find((x: any) => x.name === it.resourceFieldRef.containerName) ?? pod.spec?.containers?.[0];
      out.push([it.path, resourceFieldValue(c, pod, ctr, it.resourceFieldRef)]);
    }
  }
  return out;
}

/** Files of one volume, relative to the mount point; undefined if the source is missing. */
export function volumeFiles(c: Cluster, pod: KObject, vol: any): [string, string][] | undefined {
  const ns = pod.metadata.namespace ?? "default";
  if (vol.configMap) {
    const cm = c.store.get("configmaps", ns, vol.configMap.name);
    if (!cm) return vol.configMap.optional ? [] : undefined;
    return keyed({ ...(cm.data ?? {}) }, vol.configMap.items);
  }
  if (vol.secret) {
    const s = c.store.get("secrets", ns, vol.secret.secretName);
    if (!s) return vol.secret.optional ? [] : undefined;
    const data: Record<string, string> = {};
    for (const [k, v] of Object.entries(s.data ?? {})) data[k] = decodeSecretText(String(v));
    for (const [k, v] of Object.entries(s.stringData ?? {})) data[k] = String(v);
    return keyed(data, vol.secret.items);
  }
  if (vol.downwardAPI) return downward(pod, c, vol.downwardAPI.items);
  if (vol.projected) {
    const out: [string, string][] = [];
    for (const src of vol.projected.sources ?? []) {
      if (src.serviceAccountToken) out.push([src.serviceAccountToken.path ?? "token", saToken(pod)]);
      else if (src.configMap) {
        const cm = c.store.get("configmaps", ns, src.configMap.name);
        if (cm) out.push(...keyed({ ...(cm.data ?? {}) }, src.configMap.items));
        else if (!src.configMap.optional && src.configMap.name !== "kube-root-ca.crt") return undefined;
        else if (src.configMap.name === "kube-root-ca.crt") out.push(["ca.crt", CA_CRT]);
      } else if (src.secret) {
        const s = c.store.get("secrets", ns, src.secret.name);
        if (s) out.push(...keyed(Object.fromEntries(Object.entries(s.data ?? {}).map(([k, v]) => [k, decodeSecretText(String(v))])), src.secret.items));
        else if (!src.secret.optional) return undefined;
      } else if (src.downwardAPI) out.push(...downward(pod, c, src.downwardAPI.items));
    }
    return out;
  }
  return [];
}

/** Missing volume sources, as FailedMount messages (`configmap "x" not found`). */
export function missingVolumeSources(c: Cluster, pod: KObject): { volume: string; error: string }[] {
  const ns = pod.metadata.namespace ?? "default";
  const out: { volume: string; error: string }[] = [];
  for (const v of pod.spec?.volumes ?? []) {
    if (v.configMap && !v.configMap.optional && !c.store.get("configmaps", ns, v.configMap.name)) out.push({ volume: v.name, error: `configmap "${v.configMap.name}" not found` });
    if (v.secret && !v.secret.optional && !c.store.get("secrets", ns, v.secret.secretName)) out.push({ volume: v.name, error: `secret "${v.secret.secretName}" not found` });
  }
  return out;
}

const CA_CRT = "-----BEGIN CERTIFICATE-----\nMIIDBTCCAe2gAwIBAgIIKubelabCAwDQYJKoZIhvcNAQELBQAwFTETMBEGA1UEAxMK\na3ViZXJuZXRlczAeFw0yNjExMjEwMDAwMDBaFw0zNjExMTkwMDAwMDBaMBUxEzAR\nBgNVBAMTCmt1YmVybmV0ZXMwggEiMA0GCSqGSIb3DQEBAQUAA4IBDwAwggEKAoIB\n-----END CERTIFICATE-----\n";

function saToken(pod: KObject): string {
  const b64 = (s: string) => {
    const a = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    let out = "";
    let buf = 0;
    let bits = 0;
    for (let i = 0; i < s.length; i++) {
      buf = (buf << 8) | (s.charCodeAt(i) & 255);
      bits += 8;
      while (bits >= 6) {
        bits -= 6;
        out += a[(buf >> bits) & 63];
      }
    }
    if (bits) out += a[(buf << (6 - bits)) & 63];
    return out;
  };
  const ns = pod.metadata.namespace ?? "default";
  const sa = pod.spec?.serviceAccountName ?? "default";
  return `${b64('{"alg":"RS256","kid":"kubelab"}')}.${b64(JSON.stringify({ aud: ["https://kubernetes.default.svc.cluster.local"], iss: "https://kubernetes.default.svc.cluster.local", "kubernetes.io": { namespace: ns, pod: { name: pod.metadata.name, uid: pod.metadata.uid }, serviceaccount: { name: sa } }, sub: `system:serviceaccount:${ns}:${sa}` }))}.${b64(pod.metadata.uid.replace(/-/g, ""))}`;
}

export function hostsFile(pod: KObject): string {
  const name = pod.spec?.hostname ?? pod.metadata.name;
  let s = "# Kubernetes-managed hosts file.\n127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\nfe00::0\tip6-localnet\nfe00::0\tip6-mcastprefix\nfe00::1\tip6-allnodes\nfe00::2\tip6-allrouters\n";
  const ip = pod.status?.podIP;
  if (ip && !pod.spec?.hostNetwork) {
    const fqdn = pod.spec?.subdomain ? `${name}.${pod.spec.subdomain}.${pod.metadata.namespace}.svc.cluster.local\t` : "";
    s += `${ip}\t${fqdn}${name}\n`;
  }
  if (pod.spec?.hostAliases?.length) {
    s += "\n# Entries added by HostAliases.\n";
    for (const h of pod.spec.hostAliases) s += `${h.ip}\t${(h.hostnames ?? []).join("\t")}\n`;
  }
  return s;
}

export function resolvConf(pod: KObject): string {
  const ns = pod.metadata.namespace ?? "default";
  const pol = pod.spec?.dnsPolicy ?? "ClusterFirst";
  if (pol === "Default" || (pol === "ClusterFirst" && pod.spec?.hostNetwork)) return "nameserver 8.8.8.8\nsearch .\n";
  if (pol === "None") {
    const cfg = pod.spec?.dnsConfig ?? {};
    let s = "";
    if (cfg.searches?.length) s += `search ${cfg.searches.join(" ")}\n`;
    for (const n of cfg.nameservers ?? []) s += `nameserver ${n}\n`;
    if (cfg.options?.length) s += `options ${cfg.options.map((o: any) => (o.value !== undefined ? `${o.name}:${o.value}` : o.name)).join(" ")}\n`;
    return s;
  }
  const searches = [`${ns}.svc.cluster.local`, "svc.cluster.local", "cluster.local", ...(pod.spec?.dnsConfig?.searches ?? [])];
  return `search ${searches.join(" ")}\nnameserver 10.96.0.10\noptions ndots:5\n`;
}

/** Whether a volume mount hides `path` of the image (a directory mount hides what was under it). */
function mountedOver(ctr: any, path: string): boolean {
  return (ctr?.volumeMounts ?? []).some((m: any) => {
    const mp = String(m.mountPath ?? "").replace(/\/+$/, "");
    return path === mp || (!m.subPath && path.startsWith(mp + "/"));
  });
}

/** Static files of a container (no process-created files): the image's own, then what Kubernetes mounts. */
export function staticFiles(c: Cluster, pod: KObject, ctr: any): Files {
  const files: Files = {};
  const img = ctr?.image ? IMAGES[parseImage(ctr.image).repo] : undefined;
  if (img?.files) for (const [p, content] of Object.entries(img.files)) if (!mountedOver(ctr, p)) files[p] = content;
  files["/etc/hostname"] = (pod.spec?.hostname ?? pod.metadata.name) + "\n";
  files["/etc/hosts"] = hostsFile(pod);
  files["/etc/resolv.conf"] = resolvConf(pod);
  files["/dev/termination-log"] = "";
  const vols = new Map<string, any>((pod.spec?.volumes ?? []).map((v: any) => [v.name, v]));
  for (const m of ctr?.volumeMounts ?? []) {
    const vol = vols.get(m.name);
    if (!vol) continue;
    const entries = volumeFiles(c, pod, vol) ?? [];
    if (m.subPath) {
      const hit = entries.find(([p]) => p === m.subPath);
      if (hit) files[m.mountPath] = hit[1];
      continue;
    }
    for (const [p, content] of entries) files[join(m.mountPath, p)] = content;
  }
  // automountServiceAccountToken without the projected volume (admission may not add it).
  const hasSa = Object.keys(files).some((p) => p.startsWith(SA_DIR + "/"));
  if (!hasSa && pod.spec?.automountServiceAccountToken !== false && !(ctr?.volumeMounts ?? []).some((m: any) => m.mountPath === SA_DIR)) {
    files[`${SA_DIR}/token`] = saToken(pod);
    files[`${SA_DIR}/ca.crt`] = CA_CRT;
    files[`${SA_DIR}/namespace`] = pod.metadata.namespace ?? "default";
  }
  return files;
}
