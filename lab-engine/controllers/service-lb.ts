// The simulated load balancer, MetalLB in layer-2 mode (the usual choice on a kubeadm lab
// cluster): a LoadBalancer Service gets an external IP from 172.30.255.0/24 at once, with
// MetalLB's events — `IPAllocated` from metallb-controller, then `nodeAssigned` from
// metallb-speaker once a ready endpoint exists and a node announces the IP. (The cloud
// service-controller's EnsuringLoadBalancer/EnsuredLoadBalancer events belong to clusters
// with a cloud provider, which this one is not.)

import type { Controller } from "../cluster/controllers.ts";
import type { Cluster } from "../cluster/cluster.ts";
import type { KObject } from "../api/types.ts";

const CONTROLLER = { component: "metallb-controller" };
const SPEAKER = { component: "metallb-speaker" };

/** The node that announces the IP: with Local traffic policy one holding a ready endpoint, else the first ready worker. */
function announcingNode(c: Cluster, svc: KObject): string | undefined {
  const ep = c.store.get("endpoints", svc.metadata.namespace, svc.metadata.name);
  const readyNodes = [...new Set((ep?.subsets ?? []).flatMap((s: any) => (s.addresses ?? []).map((a: any) => a.nodeName)).filter(Boolean))].sort() as string[];
  if (!readyNodes.length) return undefined;
  if (svc.spec?.externalTrafficPolicy === "Local") return readyNodes[0];
  const workers = c.store
    .list("nodes")
    .filter((n) => !n.spec?.unschedulable && (n.status?.conditions ?? []).some((k: any) => k.type === "Ready" && k.status === "True") && !("node.kubernetes.io/exclude-from-external-load-balancers" in (n.metadata.labels ?? {})))
    .map((n) => n.metadata.name)
    .sort();
  return workers[0] ?? readyNodes[0];
}

export const serviceLoadBalancerController: Controller = {
  name: "service-lb",
  sync(c: Cluster) {
    const st = (c.state.ctrl["service-lb"] ??= { rv: 0 });
    if (st.rv === c.store.rv) return;
    const announced: Record<string, string> = (st.announced ??= {});
    const used = new Set<string>();
    for (const s of c.store.list("services")) for (const i of s.status?.loadBalancer?.ingress ?? []) used.add(i.ip);
    for (let svc of c.store.list("services")) {
      if (svc.spec?.type !== "LoadBalancer") continue;
      if (!svc.status?.loadBalancer?.ingress?.length) {
        let ip = "";
        for (let n = 10; n < 250; n++) {
          ip = `172.30.255.${n}`;
          if (!used.has(ip)) break;
        }
        used.add(ip);
        svc = c.api.writeStatus("services", svc, { loadBalancer: { ingress: [{ ip, ipMode: "VIP" }] } });
        c.events.record(svc, "Normal", "IPAllocated", `Assigned IP ["${ip}"]`, CONTROLLER);
      }
      const node = announcingNode(c, svc);
      if (node && announced[svc.metadata.uid] !== node) {
        announced[svc.metadata.uid] = node;
        c.events.record(svc, "Normal", "nodeAssigned", `announcing from node "${node}" with protocol "layer2"`, SPEAKER);
      }
    }
    for (const uid of Object.keys(announced)) if (!c.store.list("services").some((s) => s.metadata.uid === uid && s.spec?.type === "LoadBalancer")) delete announced[uid];
    st.rv = c.store.rv;
  },
};
