// Loads lab-engine's Sandbox and RealClock, and the grader entry (lab schema, lab setup,
// gradeLab) with the lab definitions in content/labs/. Imported dynamically so the server still
// starts, with a clear notice in the terminal, while the engine is missing or broken: the web
// app must not go down with one engine file.
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import fs from "node:fs";
import type { LabInfo, SandboxFactory, SandboxLike } from "./sandbox-types.ts";
import { createFallbackSandbox } from "./fallback-sandbox.ts";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const engineRoot = path.join(root, "lab-engine");
const labsDir = () => path.resolve(process.env.KUBELAB_CONTENT_DIR || path.join(root, "content"), "labs");

async function importIfExists(rel: string): Promise<any | null> {
  const file = path.join(engineRoot, rel);
  if (!fs.existsSync(file)) return null;
  return import(pathToFileURL(file).href);
}

type Grader = { parseLab: any; prepareLabTemplate: any; paramsFromSetup: any; instantiateLab: any; gradeLab: any };

async function loadGrader(): Promise<Grader | null> {
  try {
    const [schema, setup, grade] = await Promise.all([
      importIfExists("grader/lab-schema.ts"),
      importIfExists("grader/lab-setup.ts"),
      importIfExists("grader/grade.ts"),
    ]);
    if (!schema?.parseLab || !setup?.prepareLabTemplate || !grade?.gradeLab) return null;
    return {
      parseLab: schema.parseLab,
      instantiateLab: schema.instantiateLab,
      prepareLabTemplate: setup.prepareLabTemplate,
      paramsFromSetup: setup.paramsFromSetup,
      gradeLab: grade.gradeLab,
    };
  } catch (e) {
    console.warn(`[engine] grader failed to load: ${(e as Error).message}`);
    return null;
  }
}

export async function loadEngine(): Promise<SandboxFactory> {
  try {
    const sbMod = await importIfExists("sandbox/sandbox.ts");
    const clockMod = await importIfExists("clock/clock.ts");
    if (!sbMod?.Sandbox || !clockMod?.RealClock) throw new Error("lab-engine/sandbox/sandbox.ts not available yet");
    const { Sandbox } = sbMod;
    // A controller bug must not break a learner's sandbox: log it, let the others go on.
    const clusterMod = await importIfExists("cluster/cluster.ts");
    if (clusterMod?.Cluster) {
      const seen = new Set<string>();
      clusterMod.Cluster.onControllerError = (e: unknown, controller: string) => {
        const msg = `${controller}: ${(e as Error)?.stack ?? String(e)}`;
        if (seen.size < 1000 && !seen.has(msg)) {
          seen.add(msg);
          console.error(`[engine] controller ${msg}`);
        }
      };
    }
    const clock = new clockMod.RealClock(
      () => Date.now(),
      (cb: () => void, ms: number) => setTimeout(cb, ms),
      (h: unknown) => clearTimeout(h as any),
    );
    const grader = await loadGrader();

    // Lab definitions, parsed once per file version.
    const labCache = new Map<string, { mtime: number; lab: any }>();
    const loadLab = (labId: string): any | null => {
      if (!grader || !/^[a-z0-9-]+$/.test(labId)) return null;
      const file = path.join(labsDir(), `${labId}.yaml`);
      if (!fs.existsSync(file)) return null;
      const mtime = fs.statSync(file).mtimeMs;
      const hit = labCache.get(labId);
      if (hit?.mtime === mtime) return hit.lab;
      try {
        const lab = grader.parseLab(fs.readFileSync(file, "utf8"));
        labCache.set(labId, { mtime, lab });
        return lab;
      } catch (e) {
        console.warn(`[engine] lab ${labId} is invalid: ${(e as Error).message}`);
        return null;
      }
    };

    return {
      engineAvailable: true,
      async create({ seed, labId }) {
        const lab = labId ? loadLab(labId) : null;
        if (lab) {
          try {
            // Builds the lab's initial state once (setup commands on a virtual clock), then copies it.
            const prep = await grader!.prepareLabTemplate(lab, seed);
            return Sandbox.create({ seed, clock, setup: prep.setup, labId }) as SandboxLike;
          } catch (e) {
            // A broken lab setup must not leave the learner without a terminal.
            console.error(`[engine] lab ${labId} setup failed; starting the default cluster`, (e as Error).message);
          }
        }
        return Sandbox.create({ seed, clock, labId }) as SandboxLike;
      },
      async restore(snap: any) {
        // A lab sandbox restores on top of its lab template, which must be registered first.
        if (snap?.setup?.kind === "lab") {
          const lab = loadLab(snap.setup.id);
          if (!lab) throw new Error(`lab ${snap.setup.id} is gone`);
          await grader!.prepareLabTemplate(lab, snap.seed, { params: grader!.paramsFromSetup(lab, snap.setup) });
        }
        // The snapshot was just read from the database: the sandbox may own its objects.
        return Sandbox.restore(snap, clock, undefined, { adopt: true }) as SandboxLike;
      },
      labInfo(sb, labId): LabInfo | null {
        const lab = loadLab(labId);
        if (!lab) return null;
        const l = grader!.instantiateLab(lab, grader!.paramsFromSetup(lab, (sb as any).setup));
        // Only what the learner may see now: no checks, no solutions.
        return {
          id: l.id,
          title: l.title,
          intro: l.intro ?? "",
          tasks: l.tasks.map((t: any) => ({ id: t.id, title: t.title, description: t.description ?? "", hints: t.hints ?? [] })),
        };
      },
      gradeLab: grader
        ? async (sb, labId) => {
            const lab = loadLab(labId);
            if (!lab) return null;
            return grader.gradeLab(sb, lab);
          }
        : undefined,
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
