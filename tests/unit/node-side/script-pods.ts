// Test helper: run container scripts as busybox pods (restartPolicy Never, `sh -c SCRIPT`) in a
// fresh sandbox, wait 30 s of virtual time, and read each pod's logs and phase.
import assert from "node:assert/strict";
import { Sandbox } from "../../../lab-engine/sandbox/sandbox.ts";
import { VirtualClock } from "../../../lab-engine/clock/clock.ts";

export async function runScriptPods(scripts: string[]): Promise<{ logs: string; status: string }[]> {
  const sb = Sandbox.create({ seed: 1, clock: new VirtualClock() });
  for (const [i, s] of scripts.entries()) {
    const manifest = `apiVersion: v1\nkind: Pod\nmetadata:\n  name: t${i}\nspec:\n  restartPolicy: Never\n  containers:\n  - name: c\n    image: busybox\n    command: ["sh", "-c", ${JSON.stringify(s)}]\n`;
    sb.fs.writeFile(`/root/t${i}.yaml`, manifest);
    assert.equal((await sb.run(`kubectl apply -f t${i}.yaml`)).exitCode, 0);
  }
  await sb.run("sleep 30");
  const out = [];
  for (let i = 0; i < scripts.length; i++) {
    const logs = (await sb.run(`kubectl logs t${i}`)).stdout;
    const status = (await sb.run(`kubectl get pod t${i} --no-headers -o custom-columns=S:.status.phase`)).stdout.trim();
    out.push({ logs, status });
  }
  return out;
}

/** Only the logs. */
export async function scriptLogs(scripts: string[]): Promise<string[]> {
  return (await runScriptPods(scripts)).map((r) => r.logs);
}
