// Learner-style driver for scenario tests: a fresh sandbox on a virtual clock, driven only through
// the shell (kubectl, sleep, heredocs), with small helpers for the assertions.
import assert from "node:assert/strict";
import { Sandbox } from "../../../lab-engine/sandbox/sandbox.ts";
import { VirtualClock } from "../../../lab-engine/clock/clock.ts";

export interface Out {
  stdout: string;
  stderr: string;
  exitCode: number;
}

export class Learner {
  readonly sb: Sandbox;
  constructor(seed = 1, sb?: Sandbox) {
    this.sb = sb ?? Sandbox.create({ seed, clock: new VirtualClock() });
  }
  run(line: string): Promise<Out> {
    return this.sb.run(line);
  }
  /** Run and require exit code 0; returns stdout. */
  async ok(line: string): Promise<string> {
    const r = await this.sb.run(line);
    assert.equal(r.exitCode, 0, `\`${line}\` failed (${r.exitCode}): ${r.stderr}${r.stdout}`);
    return r.stdout;
  }
  /** Run and require a non-zero exit code; returns stderr. */
  async fails(line: string, code = 1): Promise<string> {
    const r = await this.sb.run(line);
    assert.equal(r.exitCode, code, `\`${line}\` should exit ${code}: ${r.stdout}${r.stderr}`);
    return r.stderr;
  }
  sleep(s: number): Promise<string> {
    return this.ok(`sleep ${s}`);
  }
  /** Write a file on the workstation with a quoted heredoc, as a learner pastes YAML. */
  write(path: string, text: string): Promise<string> {
    return this.ok(`cat <<'EOF' > ${path}\n${text.replace(/\n?$/, "\n")}EOF`);
  }
  /** `kubectl get ... --no-headers` split into rows of whitespace-separated cells. */
  async rows(args: string): Promise<string[][]> {
    const out = await this.ok(`kubectl get ${args} --no-headers`);
    return out.split("\n").filter((l) => l.trim()).map((l) => l.trim().split(/\s+/));
  }
}

/** Lines of a table as column arrays (split on runs of 2+ spaces, as kubectl pads columns). */
export function table(out: string): string[][] {
  return out.split("\n").filter((l) => l.length).map((l) => l.split(/ {2,}/));
}

/** The Events table rows of a describe output: [Type, Reason, Age, From, Message]. */
export function events(describe: string): string[][] {
  const i = describe.indexOf("\nEvents:\n");
  if (i < 0) return [];
  return describe.slice(i).split("\n").slice(4).filter((l) => l.startsWith("  ")).map((l) => l.trim().split(/ {2,}/));
}
