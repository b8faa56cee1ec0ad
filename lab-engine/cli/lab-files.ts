// Lab files on disk (content/labs/<id>.yaml) for the local CLI and scripts: the only place
// the lab engine side reads them. Importing this module registers `--lab <id>` support.

import { readFileSync, readdirSync, existsSync } from "node:fs";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { parseLab, type Lab } from "../grader/lab-schema.ts";
import { prepareLabTemplate } from "../grader/lab-setup.ts";
import { labLoaders } from "./lab-loader.ts";

export const LABS_DIR = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "content", "labs");

export function labPath(id: string): string {
  return join(LABS_DIR, `${id}.yaml`);
}

export function listLabIds(): string[] {
  return readdirSync(LABS_DIR).filter((f) => f.endsWith(".yaml")).map((f) => f.slice(0, -5)).sort();
}

export function loadLab(id: string): Lab {
  const lab = parseLab(readFileSync(labPath(id), "utf8"));
  if (lab.id !== id) throw new Error(`${labPath(id)}: id ${lab.id} does not match the file name`);
  return lab;
}

labLoaders.push(async (id) => {
  if (!/^[a-z0-9-]+$/.test(id) || !existsSync(labPath(id))) return undefined;
  const prep = await prepareLabTemplate(loadLab(id), 1);
  return prep.setup;
});
