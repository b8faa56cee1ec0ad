// The simulated cloud load balancer: a LoadBalancer Service gets an external IP from
// 172.30.255.0/24 shortly after creation (like MetalLB), and the `EnsuredLoadBalancer` event.

import type { Controller } from "../cluster/controllers.ts";
import type { Cluster } from "../cluster/cluster.ts";

export const serviceLoadBalancerController: Controller = {
  name: "service-lb",
  sync(c: Cluster) {
    const st = (c.state.ctrl["service-lb"] ??= { rv: 0 });
    if (st.rv === c.store.rv) return;
    const used = new Set<string>();
    for (const s of c.store.list("services")) for (const i of s.status?.loadBalancer?.ingress ?? []) used.add(i.ip);
    for (const svc of c.store.list("services")) {
      if (svc.spec?.type !== "LoadBalancer" || svc.status?.loadBalancer?.ingress?.length) continue;
      let ip = "";
      for (let n = 10; n < 250; n++) {
        ip = `172.30.255.${n}`;
        if (!used.has(ip)) break;
      }
      used.add(ip);
      c.events.record(svc, "Normal", "EnsuringLoadBalancer", "Ensuring load balancer", { component: "service-controller" });
      c.api.writeStatus("services", svc, { loadBalancer: { ingress: [{ ip, ipMode: "VIP" }] } });
      c.events.record(svc, "Normal", "EnsuredLoadBalancer", "Ensured load balancer", { component: "service-controller" });
    }
    st.rv = c.store.rv;
  },
};
