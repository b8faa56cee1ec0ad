// The grader's public API for hosts (web server, CLI, exams).
//
//   const lab = parseLab(yamlText);                       // validate content/labs/<id>.yaml
//   const prep = await prepareLabTemplate(lab, seed);     // build the initial state once
//   const sb = Sandbox.create({ seed, clock, setup: prep.setup, labId: lab.id });
//   const view = learnerView(lab, prep.params);           // what the browser may see
//   const result = await gradeLab(sb, lab);               // read-only, Korean results
//
// Solutions, wrong answers and check definitions stay on the server.

import { instantiateLab, type Lab, type LabParams } from "./lab-schema.ts";

export { parseLab, labFromData, pickParams, instantiateLab, paramsKey, type Lab, type LabParams, type Check, type Task } from "./lab-schema.ts";
export { gradeLab, cloneSandbox, type LabResult, type TaskResult, type GradeOptions } from "./grade.ts";
export { prepareLabTemplate, ensureLabTemplate, createLabSandbox, paramsFromSetup, LabSetupError, type PreparedLab } from "./lab-setup.ts";
export type { CheckResult } from "./checks/common.ts";

export interface LearnerLab {
  id: string;
  title: string;
  lesson: string;
  estimatedMinutes?: number;
  intro?: string;
  tasks: { id: string; title: string; description?: string; hints: string[]; checks: { id: string; title?: string }[] }[];
}

/** The lab as a learner may see it before solving: no solutions, wrong answers or check internals. */
export function learnerView(lab: Lab, params: LabParams = {}): LearnerLab {
  const l = instantiateLab(lab, params);
  return {
    id: l.id,
    title: l.title,
    lesson: l.lesson,
    ...(l.estimatedMinutes !== undefined ? { estimatedMinutes: l.estimatedMinutes } : {}),
    ...(l.intro ? { intro: l.intro } : {}),
    tasks: l.tasks.map((t) => ({ id: t.id, title: t.title, ...(t.description ? { description: t.description } : {}), hints: t.hints, checks: t.checks.map((c) => ({ id: c.id, ...(c.title ? { title: c.title } : {}) })) })),
  };
}

/** The explanation, to show once every task passed. */
export function labExplanation(lab: Lab, params: LabParams = {}): string {
  return instantiateLab(lab, params).explanation;
}
