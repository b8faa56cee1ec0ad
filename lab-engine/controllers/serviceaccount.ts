// ServiceAccount + root CA publisher (serviceaccounts-controller, root-ca-cert-publisher): every
// active namespace gets ServiceAccount `default` and ConfigMap `kube-root-ca.crt`. Both run in
// the same reconcile that sees a new namespace, so `kubectl create ns x && kubectl -n x ...`
// finds them at once.

import type { Controller } from "../cluster/controllers.ts";
import type { Cluster } from "../cluster/cluster.ts";
import type { KObject } from "../api/types.ts";
import { fnv32a, idle, settle } from "./workload-util.ts";

const NAME = "serviceaccount";
const CA_NAME = "kube-root-ca.crt";
const CA_DESCRIPTION =
  "Contains a CA bundle that can be used to verify the kube-apiserver when using internal endpoints such as the internal service IP or kubernetes.default.svc. No other usage is guaranteed across distributions of Kubernetes clusters.";
const B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/** A well-formed (PEM framing, 64-column base64, realistic length) but fake cluster CA, stable per cluster name. */
const pemCache = new Map<string, string>();

export function clusterCaPem(clusterName: string): string {
  const hit = pemCache.get(clusterName);
  if (hit) return hit;
  const head = [
    "MIIDBTCCAe2gAwIBAgIIKubelabMA0GCSqGSIb3DQEBCwUAMBUxEzARBgNVBAMTC",
    "a3ViZXJuZXRlczAeFw0yNjExMjEwMDAwMDBaFw0zNjExMTkwMDAwMDBaMBUxEzAR",
    "BgNVBAMTCmt1YmVybmV0ZXMwggEiMA0GCSqGSIb3DQEBAQUAA4IBDwAwggEKAoIB",
  ];
  let h = fnv32a(clusterName) || 1;
  const char = () => {
    // xorshift32: deterministic filler, independent of the cluster rng.
    h ^= h << 13;
    h >>>= 0;
    h ^= h >>> 17;
    h ^= h << 5;
    h >>>= 0;
    return B64[h % 64];
  };
  const lines = [...head];
  for (let i = 0; i < 14; i++) lines.push(Array.from({ length: 64 }, char).join(""));
  lines.push(Array.from({ length: 24 }, char).join("") + "==");
  const pem = `-----BEGIN CERTIFICATE-----\n${lines.join("\n")}\n-----END CERTIFICATE-----\n`;
  pemCache.set(clusterName, pem);
  return pem;
}

/** Stable uid from the object's identity: these objects appear in every cluster, and drawing on
 *  the cluster rng for them would shift every later random choice (pod names, timings). */
function stableUid(c: Cluster, plural: string, ns: string, name: string): string {
  let hex = "";
  for (let i = 0; hex.length < 32; i++) hex += fnv32a(`${c.state.name}/${plural}/${ns}/${name}/${i}/${c.now}`).toString(16).padStart(8, "0");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${"89ab"[parseInt(hex[16], 16) % 4]}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

function put(c: Cluster, plural: string, obj: KObject): void {
  const ns = obj.metadata.namespace!;
  obj.metadata.uid = stableUid(c, plural, ns, obj.metadata.name);
  obj.metadata.creationTimestamp = c.isoNow();
  (obj.metadata as any).resourceVersion = "";
  c.store.put(plural, obj);
}

export const serviceAccountController: Controller = {
  name: NAME,
  sync(c: Cluster) {
    if (idle(c, NAME)) return;
    for (const ns of c.store.list("namespaces")) {
      if (ns.metadata.deletionTimestamp || ns.status?.phase === "Terminating") continue;
      const n = ns.metadata.name;
      if (!c.store.get("serviceaccounts", n, "default")) {
        put(c, "serviceaccounts", { apiVersion: "v1", kind: "ServiceAccount", metadata: { name: "default", namespace: n } as any });
      }
      const cm = c.store.get("configmaps", n, CA_NAME);
      if (!cm) {
        put(c, "configmaps", {
          apiVersion: "v1",
          kind: "ConfigMap",
          metadata: { name: CA_NAME, namespace: n, annotations: { "kubernetes.io/description": CA_DESCRIPTION } } as any,
          data: { "ca.crt": clusterCaPem(c.state.name) },
        });
      } else if (cm.data?.["ca.crt"] !== clusterCaPem(c.state.name)) {
        // The publisher rewrites an edited bundle, as the real one does.
        c.store.put("configmaps", { ...cm, data: { ...(cm.data ?? {}), "ca.crt": clusterCaPem(c.state.name) } });
      }
    }
    settle(c, NAME, undefined);
  },
};
