// Live objects of the custom server that Next route handlers need (they run in the same
// process but in a separate module graph, so they meet on globalThis).
import type { SandboxRegistry } from "./sandbox-host/sandbox-registry.ts";

type Services = { registry: SandboxRegistry };
const g = globalThis as unknown as { __kubelabServices?: Services };

export function setHostedServices(s: Services) {
  g.__kubelabServices = s;
}

export function getHostedServices(): Services | undefined {
  return g.__kubelabServices;
}
