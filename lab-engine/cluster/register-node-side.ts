// Node-side control loops: node lifecycle (heartbeats, taints, eviction), the scheduler and the
// kubelets. Importing this module registers them. It must not be imported from controllers.ts
// itself: ES import hoisting would run addController before `controllers` is initialised (TDZ),
// so import it from a module evaluated after controllers.ts (cluster/register.ts, the sandbox).

import { addController, type Controller } from "./controllers.ts";
import { scheduler } from "../scheduler/scheduler.ts";
import { nodeLifecycle } from "../controllers/node-lifecycle.ts";
import { kubelet } from "../kubelet/kubelet.ts";

export const NODE_SIDE_CONTROLLERS: Controller[] = [nodeLifecycle, scheduler, kubelet];

for (const ctl of NODE_SIDE_CONTROLLERS) addController(ctl);
