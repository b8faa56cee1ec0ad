// Check kinds by name: one file each.

import type { Check } from "../lab-schema.ts";
import type { CheckContext, CheckResult } from "./common.ts";
import { checkExists } from "./exists.ts";
import { checkPodReady } from "./pod-ready.ts";
import { checkServiceEndpoints } from "./service-endpoints.ts";
import { checkRolloutComplete } from "./rollout-complete.ts";
import { checkContainerImage } from "./container-image.ts";
import { checkCount } from "./count.ts";
import { checkEvent } from "./event.ts";
import { checkHttp } from "./http.ts";
import { checkCommand } from "./command.ts";
import { checkCanI } from "./can-i.ts";
import { checkFileContains } from "./file-contains.ts";

export function runCheck(ch: Check, ctx: CheckContext): CheckResult | Promise<CheckResult> {
  switch (ch.kind) {
    case "exists": return checkExists(ch, ctx);
    case "podReady": return checkPodReady(ch, ctx);
    case "serviceEndpoints": return checkServiceEndpoints(ch, ctx);
    case "rolloutComplete": return checkRolloutComplete(ch, ctx);
    case "containerImage": return checkContainerImage(ch, ctx);
    case "count": return checkCount(ch, ctx);
    case "event": return checkEvent(ch, ctx);
    case "httpThroughService": return checkHttp(ch, ctx);
    case "command": return checkCommand(ch, ctx);
    case "canI": return checkCanI(ch, ctx);
    case "fileContains": return checkFileContains(ch, ctx);
  }
}

export type { CheckResult, CheckContext };
