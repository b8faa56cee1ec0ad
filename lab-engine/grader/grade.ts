// Grading: every check of every task over the sandbox's state. Reads only: command checks
// run in a throwaway copy, so the learner's sandbox (clusters, files, history) never changes.

import { Sandbox } from "../sandbox/sandbox.ts";
import { VirtualClock } from "../clock/clock.ts";
import { instantiateLab, type Lab, type LabParams } from "./lab-schema.ts";
import { runCheck, type CheckContext, type CheckResult } from "./checks/index.ts";
import { paramsFromSetup } from "./lab-setup.ts";

export interface TaskResult {
  taskId: string;
  title: string;
  passed: boolean;
  checks: CheckResult[];
}

export interface LabResult {
  labId: string;
  passed: boolean;
  /** Tasks passed / total. */
  score: { passed: number; total: number };
  tasks: TaskResult[];
  params: LabParams;
}

export interface GradeOptions {
  /** Grade only these tasks (default: all). */
  tasks?: string[];
}

/**
 * A copy of the sandbox on its own virtual clock stopped at the same instant. Its shell starts
 * fresh (no learner aliases, functions or variables), so a check's command means the same for
 * every learner; clusters, kubeconfig and files are the learner's.
 */
export function cloneSandbox(sb: Sandbox): Promise<Sandbox> {
  const snap = sb.snapshot();
  return Promise.resolve(Sandbox.restore({ ...snap, shell: undefined as unknown as typeof snap.shell }, new VirtualClock(sb.clock.now())));
}

export async function gradeLab(sb: Sandbox, lab: Lab, params?: LabParams, opts: GradeOptions = {}): Promise<LabResult> {
  const p = params ?? paramsFromSetup(lab, sb.setup);
  const l = instantiateLab(lab, p);
  const ctx: CheckContext = { sb, clone: () => cloneSandbox(sb) };
  const tasks: TaskResult[] = [];
  for (const t of l.tasks) {
    if (opts.tasks && !opts.tasks.includes(t.id)) continue;
    const checks: CheckResult[] = [];
    for (const ch of t.checks) {
      let r: CheckResult;
      try {
        r = await runCheck(ch, ctx);
      } catch (e) {
        r = { checkId: ch.id, passed: false, expected: "채점기 오류 없이 검사", found: `채점기 오류: ${(e as Error).message}`, hint: "강사에게 알려 주세요." };
      }
      checks.push(r);
    }
    tasks.push({ taskId: t.id, title: t.title, passed: checks.every((c) => c.passed), checks });
  }
  const passed = tasks.filter((t) => t.passed).length;
  return { labId: l.id, passed: passed === tasks.length, score: { passed, total: tasks.length }, tasks, params: p };
}
