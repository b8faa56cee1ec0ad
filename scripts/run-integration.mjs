// Node 20's test runner has no glob support: list tests/integration/*.test.ts ourselves.
import { readdirSync } from "node:fs";
import { spawnSync } from "node:child_process";

const files = readdirSync("tests/integration").filter((f) => f.endsWith(".test.ts")).sort().map((f) => `tests/integration/${f}`);
// No --test-force-exit: it ends each test file's process before its piped report is flushed,
// and the runner then silently counted fewer tests (1,519-1,533 of 1,534 in repeated runs).
// A file left running by an open handle must fail the stage, not hang CI.
const r = spawnSync(process.execPath, ["--import", "tsx", "--test", "--test-concurrency=1", ...files], {
  stdio: "inherit",
  timeout: 15 * 60_000,
});
if (r.signal) console.error(`integration tests stopped after 15 minutes (${r.signal}): a test file did not exit`);
process.exit(r.status ?? 1);
