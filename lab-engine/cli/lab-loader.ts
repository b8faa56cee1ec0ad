// Loading a lab for `--lab <id>`: the grader module owns lab definitions; until it registers
// a loader, asking for a lab is a clear error.

import type { SandboxSetup } from "../sandbox/template.ts";

export const labLoaders: ((id: string) => Promise<SandboxSetup | undefined>)[] = [];

export async function prepareLab(id: string): Promise<SandboxSetup> {
  for (const l of labLoaders) {
    const s = await l(id);
    if (s) return s;
  }
  throw new Error(`lab "${id}" not found`);
}
