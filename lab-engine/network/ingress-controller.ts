// ingress-nginx's status updater: an Ingress it serves gets the address it is reachable on
// (the first worker node's InternalIP, as a NodePort/hostNetwork controller publishes it) a
// few seconds after creation, when the controller's next sync runs.

import type { Controller } from "../cluster/controllers.ts";
import type { Cluster } from "../cluster/cluster.ts";
import type { KObject } from "../api/types.ts";
import { nodeIP } from "./ipam.ts";
import { servedByNginx } from "./ingress.ts";

/** ingress-nginx publishes status on its periodic sync, not at once. */
const PUBLISH_DELAY_MS = 12_000;

function publishIP(c: Cluster): string {
  const nodes = c.store.list("nodes").sort((a, b) => (a.metadata.name < b.metadata.name ? -1 : 1));
  const worker = nodes.find((n) => n.metadata.labels?.["node-role.kubernetes.io/control-plane"] === undefined) ?? nodes[0];
  return nodeIP(worker);
}

const created = (i: KObject) => Date.parse(i.metadata.creationTimestamp ?? "") || 0;

function pending(c: Cluster): KObject[] {
  return c.store.list("ingresses").filter((i) => !i.metadata.deletionTimestamp && !i.status?.loadBalancer?.ingress?.length && servedByNginx(c, i));
}

export const ingressNginxController: Controller = {
  name: "ingress-nginx",
  sync(c: Cluster) {
    const st = (c.state.ctrl["ingress-nginx"] ??= { rv: -1, now: -1 });
    if (st.rv === c.store.rv && st.now === c.now) return;
    const ip = publishIP(c);
    for (const ing of pending(c)) {
      if (!ip || c.now < created(ing) + PUBLISH_DELAY_MS) continue;
      c.api.writeStatus("ingresses", ing, { loadBalancer: { ingress: [{ ip }] } });
      c.events.record(ing, "Normal", "Sync", "Scheduled for sync", { component: "nginx-ingress-controller" });
    }
    st.rv = c.store.rv;
    st.now = c.now;
  },
  nextDue(c: Cluster) {
    let due: number | undefined;
    for (const ing of pending(c)) {
      const t = created(ing) + PUBLISH_DELAY_MS;
      if (t > c.now && (due === undefined || t < due)) due = t;
    }
    return due;
  },
};
