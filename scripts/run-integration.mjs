// Node 20's test runner has no glob support: list tests/integration/*.test.ts ourselves.
import { readdirSync } from "node:fs";
import { spawnSync } from "node:child_process";

const files = readdirSync("tests/integration").filter((f) => f.endsWith(".test.ts")).sort().map((f) => `tests/integration/${f}`);
const r = spawnSync(process.execPath, ["--import", "tsx", "--test", "--test-force-exit", "--test-concurrency=1", ...files], {
  stdio: "inherit",
});
process.exit(r.status ?? 1);
