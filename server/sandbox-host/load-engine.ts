// Loads lab-engine's Sandbox and RealClock (and the grader entry when present). Imported
// dynamically so the server still starts, with a clear notice in the terminal, while the
// engine is missing or broken: the web app must not go down with one engine file.
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import fs from "node:fs";
import type { SandboxFactory, SandboxLike } from "./sandbox-types.ts";
import { createFallbackSandbox } from "./fallback-sandbox.ts";

const engineRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../lab-engine");
const graderCandidates = ["grader/grade-lab.ts", "grader/index.ts", "grader/grader.ts"];

async function importIfExists(rel: string): Promise<any | null> {
  const file = path.join(engineRoot, rel);
  if (!fs.existsSync(file)) return null;
  return import(pathToFileURL(file).href);
}

export async function loadEngine(): Promise<SandboxFactory> {
  try {
    const sbMod = await importIfExists("sandbox/sandbox.ts");
    const clockMod = await importIfExists("clock/clock.ts");
    if (!sbMod?.Sandbox || !clockMod?.RealClock) throw new Error("lab-engine/sandbox/sandbox.ts not available yet");
    const { Sandbox } = sbMod;
    const clock = new clockMod.RealClock(
      () => Date.now(),
      (cb: () => void, ms: number) => setTimeout(cb, ms),
      (h: unknown) => clearTimeout(h as any),
    );
    let gradeLab: SandboxFactory["gradeLab"];
    for (const rel of graderCandidates) {
      try {
        const m = await importIfExists(rel);
        if (typeof m?.gradeLab === "function") {
          gradeLab = m.gradeLab;
          break;
        }
      } catch (e) {
        console.warn(`[engine] grader ${rel} failed to load:`, (e as Error).message);
      }
    }
    return {
      engineAvailable: true,
      create: (opts) => Sandbox.create({ seed: opts.seed, clock, labId: opts.labId }) as SandboxLike,
      restore: (snap) => Sandbox.restore(snap, clock) as SandboxLike,
      gradeLab,
    };
  } catch (e) {
    console.warn(`[engine] using the fallback sandbox: ${(e as Error).message}`);
    return {
      engineAvailable: false,
      create: () => createFallbackSandbox(),
      restore: () => createFallbackSandbox(),
    };
  }
}
