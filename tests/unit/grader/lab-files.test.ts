// Lab files on disk: every content lab parses, `--lab <id>` resolves through the loader hook,
// and the same lab and seed give byte-identical sandboxes and results.
import { test } from "node:test";
import assert from "node:assert/strict";
import { VirtualClock } from "../../../lab-engine/clock/clock.ts";
import { Sandbox } from "../../../lab-engine/sandbox/sandbox.ts";
import { listLabIds, loadLab } from "../../../lab-engine/cli/lab-files.ts";
import { prepareLab } from "../../../lab-engine/cli/lab-loader.ts";
import { gradeLab } from "../../../lab-engine/grader/grade.ts";

test("every content lab parses and names an existing lesson", () => {
  const ids = listLabIds();
  assert.ok(ids.length >= 30, `${ids.length} labs`);
  for (const id of ids) {
    const lab = loadLab(id);
    assert.equal(lab.id, id);
    assert.match(lab.lesson, /^\d\d-[a-z0-9-]+$/);
    for (const t of lab.tasks) assert.ok(t.wrong.length >= 1, `${id}/${t.id} has a wrong answer`);
  }
});

test("--lab <id> resolves through labLoaders; unknown ids are a clear error", async () => {
  const setup = await prepareLab("svc-for-pods");
  assert.equal(setup.kind, "lab");
  const sb = Sandbox.create({ seed: 1, clock: new VirtualClock(), setup, labId: "svc-for-pods" });
  const r = await sb.run("kubectl get pods -A -l app=catalog --no-headers | wc -l");
  assert.equal(r.stdout.trim(), "3");
  await assert.rejects(prepareLab("no-such-lab"), /lab "no-such-lab" not found/);
});

test("same lab and seed: identical sandbox and grading", async () => {
  const lab = loadLab("svc-for-pods");
  const setup = await prepareLab("svc-for-pods");
  const results: string[] = [];
  for (let i = 0; i < 2; i++) {
    const sb = Sandbox.create({ seed: 7, clock: new VirtualClock(), setup, labId: lab.id });
    await sb.run("kubectl get pods -A -o wide");
    results.push(JSON.stringify(sb.snapshot()) + JSON.stringify(await gradeLab(sb, lab)));
  }
  assert.equal(results[0], results[1]);
});
