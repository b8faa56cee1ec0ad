// Shared by the kubectl golden tests: parse fixtures written by capture.mjs (real kubectl
// 1.32 output) and run the same command lines through a fresh sandbox.
import { readFileSync } from "node:fs";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import assert from "node:assert/strict";
import { Sandbox } from "../../../lab-engine/sandbox/sandbox.ts";
import { VirtualClock } from "../../../lab-engine/clock/clock.ts";

const here = dirname(fileURLToPath(import.meta.url));

export interface Golden {
  args: string;
  exit: number;
  stdout: string;
  stderr: string;
}

export function loadFixture(family: string): Golden[] {
  const text = readFileSync(join(here, "fixtures", family + ".txt"), "utf8");
  const out: Golden[] = [];
  let i = 0;
  const line = () => {
    const j = text.indexOf("\n", i);
    const s = text.slice(i, j);
    i = j + 1;
    return s;
  };
  const chunk = (tag: string) => {
    const h = line();
    const m = new RegExp(`^### ${tag} (\\d+)$`).exec(h);
    if (!m) throw new Error(`bad fixture ${family} at ${i}: ${h}`);
    const n = Number(m[1]);
    const s = text.slice(i, i + n);
    i += n + 1;
    return s;
  };
  while (i < text.length) {
    const args = line().replace(/^### kubectl /, "");
    const exit = Number(line().replace(/^### exit /, ""));
    const stdout = chunk("stdout");
    const stderr = chunk("stderr");
    out.push({ args, exit, stdout, stderr });
  }
  return out;
}

/** A sandbox with the capture inputs (fixtures/inputs/*) copied into /root. */
export function goldenSandbox(seed = 1): Sandbox {
  const sb = Sandbox.create({ seed, clock: new VirtualClock() });
  for (const f of ["app.env", "greeting.txt", "tls.crt", "tls.key"]) sb.fs.writeFile("/root/" + f, readFileSync(join(here, "fixtures/inputs", f), "utf8"));
  return sb;
}

/**
 * klog lines (cobra's required-flag errors) carry the wall-clock time and the process id:
 * `E1122 00:24:40.600931    4362 run.go:72] ...`. Compare them with both masked.
 */
export function maskKlog(s: string): string {
  return s.replace(/^E\d{4} \d\d:\d\d:\d\d\.\d{6} +\d+ /gm, "E<MMDD> <time> <pid> ");
}

export async function expectGolden(sb: Sandbox, g: Golden): Promise<void> {
  const r = await sb.run("kubectl " + g.args);
  assert.deepEqual(
    { stdout: r.stdout, stderr: maskKlog(r.stderr), exitCode: r.exitCode },
    { stdout: g.stdout, stderr: maskKlog(g.stderr), exitCode: g.exit },
    `kubectl ${g.args}`,
  );
}
