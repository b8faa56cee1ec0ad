// Node-side control loops: node lifecycle (heartbeats, taints, eviction), the scheduler and the
// kubelets. Two ways to wire them, both safe:
//  - controllers.ts: `import { NODE_SIDE_CONTROLLERS } from "./register-node-side.ts";` and
//    spread it into `controllers` (this module then evaluates first, while `controllers` is
//    still in its temporal dead zone, so the addController calls below are skipped);
//  - any module evaluated after controllers.ts: `import "./register-node-side.ts";`.

import { addController, type Controller } from "./controllers.ts";
import { scheduler } from "../scheduler/scheduler.ts";
import { nodeLifecycle } from "../controllers/node-lifecycle.ts";
import { kubelet } from "../kubelet/kubelet.ts";
import { ingressNginxController } from "../network/ingress-controller.ts";

export const NODE_SIDE_CONTROLLERS: Controller[] = [nodeLifecycle, scheduler, kubelet, ingressNginxController];

export function registerNodeSide(): void {
  for (const ctl of NODE_SIDE_CONTROLLERS) addController(ctl);
}

try {
  registerNodeSide();
} catch (e) {
  // TDZ: imported from controllers.ts itself, which lists NODE_SIDE_CONTROLLERS directly.
  if (!(e instanceof ReferenceError)) throw e;
}
