// A lab's initial state, built once per (lab, parameters): a fresh sandbox on a virtual
// clock runs the setup commands as an instructor would type them, writes the workstation
// files, lets time pass, and the result is registered as a sandbox template.

import "../cluster/register-node-side.ts";
import { Sandbox } from "../sandbox/sandbox.ts";
import { VirtualClock } from "../clock/clock.ts";
import { bootstrapCluster } from "../cluster/bootstrap.ts";
import { defaultKubeconfig } from "../kubectl/host.ts";
import { registerTemplate, hasTemplate, TEMPLATE_EPOCH, type SandboxSetup, type Template } from "../sandbox/template.ts";
import { instantiateLab, pickParams, paramsKey, type Lab, type LabParams } from "./lab-schema.ts";

export interface PreparedLab {
  setup: SandboxSetup;
  params: LabParams;
  /** The lab with its parameters filled in (texts to show the learner). */
  lab: Lab;
}

export class LabSetupError extends Error {}

function versionOf(lab: Lab, params: LabParams): string {
  return `${lab.version ?? 1}|${paramsKey(params)}`;
}

/** Parameters a sandbox was prepared with, read back from its setup's version. */
export function paramsFromSetup(lab: Lab, setup: SandboxSetup): LabParams {
  if (setup.kind !== "lab" || !setup.version) return Object.keys(lab.params).length ? pickParams(lab, 1) : {};
  const i = setup.version.indexOf("|");
  const text = i >= 0 ? setup.version.slice(i + 1) : "";
  const out: LabParams = {};
  for (const kv of text ? text.split(",") : []) {
    const eq = kv.indexOf("=");
    const k = kv.slice(0, eq);
    const v = kv.slice(eq + 1);
    const p = lab.params[k];
    out[k] = p && ("range" in p || p.choices.some((x) => typeof x === "number" && String(x) === v)) ? Number(v) : v;
  }
  return out;
}

function absPath(p: string): string {
  return p.startsWith("/") ? p : `/root/${p.replace(/^~\//, "")}`;
}

/** Build (or reuse) the lab's template for a seed; returns the setup to pass to Sandbox.create. */
export async function prepareLabTemplate(lab: Lab, seed = 1, opts: { params?: LabParams } = {}): Promise<PreparedLab> {
  const params = opts.params ?? pickParams(lab, seed);
  const l = instantiateLab(lab, params);
  const setup: SandboxSetup = { kind: "lab", id: lab.id, version: versionOf(lab, params) };
  if (hasTemplate(setup)) return { setup, params, lab: l };
  const clock = new VirtualClock(TEMPLATE_EPOCH);
  let base: SandboxSetup | undefined;
  if (l.setup.topology) {
    base = { kind: "lab", id: lab.id, version: `base|${setup.version}` };
    const c = bootstrapCluster({ name: "kubernetes", now: TEMPLATE_EPOCH - 3600_000, seed: 20261121, topology: { nodes: l.setup.topology.nodes, systemPods: true } });
    c.advanceTo(TEMPLATE_EPOCH);
    registerTemplate(base, { now: TEMPLATE_EPOCH, clusters: { kubernetes: JSON.parse(JSON.stringify(c.state)) }, kubeconfig: defaultKubeconfig("kubernetes") });
  }
  const sb = Sandbox.create({ seed: 1, clock, setup: base });
  for (const [path, content] of Object.entries(l.setup.files)) {
    const abs = absPath(path);
    sb.fs.mkdir(abs.slice(0, abs.lastIndexOf("/")) || "/", { parents: true });
    sb.fs.writeFile(abs, content);
  }
  for (const line of l.setup.commands) {
    const r = await sb.run(line);
    if (r.exitCode !== 0 && !/\|\|\s*true\s*$/.test(line)) {
      throw new LabSetupError(`lab ${lab.id}: setup command failed (exit ${r.exitCode}): ${line.split("\n")[0]}\n${r.stderr || r.stdout}`);
    }
  }
  await sb.sleepFor(l.setup.advance * 1000);
  const clusters: Template["clusters"] = {};
  for (const [n, c] of sb.clusters) clusters[n] = JSON.parse(JSON.stringify(c.state));
  registerTemplate(setup, { now: sb.clock.now(), clusters, kubeconfig: JSON.parse(JSON.stringify(sb.kubeconfig)), fs: sb.fs.toJSON() });
  return { setup, params, lab: l };
}

/** A learner's sandbox for a lab (template built on first use). */
export async function createLabSandbox(lab: Lab, opts: { seed?: number; clock: import("../clock/clock.ts").Clock; params?: LabParams }): Promise<{ sb: Sandbox } & PreparedLab> {
  const prep = await prepareLabTemplate(lab, opts.seed ?? 1, { params: opts.params });
  const sb = Sandbox.create({ seed: opts.seed ?? 1, clock: opts.clock, setup: prep.setup, labId: lab.id });
  return { sb, ...prep };
}

/**
 * Before `Sandbox.restore(snapshot)` of a lab sandbox in a fresh process: rebuild the template
 * the snapshot was made from (same lab, same parameters, read from `snapshot.setup`).
 */
export async function ensureLabTemplate(lab: Lab, setup: SandboxSetup): Promise<PreparedLab> {
  return prepareLabTemplate(lab, 1, { params: paramsFromSetup(lab, setup) });
}
