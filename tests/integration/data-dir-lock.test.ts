// PGlite would let a second process open the same files and corrupt them (stack-notes
// gotcha 11); the lock file must refuse it while the first process lives, and not after.
import { test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { spawn } from "node:child_process";
import { lockDataDir } from "../../server/db/lock-data-dir.ts";

test("a second process cannot open a locked data directory; a stale lock is taken over", async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "kubelab-lock-"));
  const holder = spawn(process.execPath, [
    "--import",
    "tsx",
    "-e",
    `import("${path.resolve("server/db/lock-data-dir.ts")}").then(m => { m.lockDataDir(${JSON.stringify(dir)}); console.log("locked"); setTimeout(() => {}, 30000); })`,
  ]);
  await new Promise<void>((resolve, reject) => {
    holder.stdout.on("data", (d) => String(d).includes("locked") && resolve());
    holder.on("exit", () => reject(new Error("holder exited")));
  });
  assert.throws(() => lockDataDir(dir), /in use by process \d+/);
  holder.kill("SIGKILL");
  await new Promise((r) => holder.once("exit", r));
  // The killed holder left its lock file behind: it is stale now.
  assert.ok(fs.existsSync(path.join(dir, "pglite.lock")));
  lockDataDir(dir);
  assert.equal(fs.readFileSync(path.join(dir, "pglite.lock"), "utf8"), String(process.pid));
  fs.rmSync(dir, { recursive: true, force: true });
});
