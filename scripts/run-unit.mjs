// Node 20's test runner has no glob support: find the unit test files ourselves.
// Usage: node scripts/run-unit.mjs [dir-filter...]
import { readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { spawnSync } from "node:child_process";

function walk(dir, out = []) {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) walk(p, out);
    else if (name.endsWith(".test.ts")) out.push(p);
  }
  return out;
}
const filters = process.argv.slice(2);
const files = walk("tests/unit").filter((f) => filters.length === 0 || filters.some((x) => f.includes(x))).sort();
const r = spawnSync(process.execPath, ["--import", "tsx", "--test", "--test-force-exit", "--test-concurrency=2", ...files], { stdio: "inherit" });
process.exit(r.status ?? 1);
