// `npm test`: the whole suite. Each stage is a separate process so one crash cannot hide another.
import { spawnSync } from "node:child_process";

const stages = [
  ["unit", "npm", ["run", "-s", "test:unit"]],
  ["content", "npm", ["run", "-s", "content:check"]],
  // The study-note scenarios and our CKAD/CKA exercise scenarios (tests/acceptance), typed
  // through `npm run sandbox -- --jsonl --virtual-clock` (skipped without ../shared).
  ["acceptance", "node", ["scripts/acceptance.mjs"]],
  // Data layer on in-memory PGlite and real PostgreSQL (skips with a reason if unreachable),
  // and the /terminal gateway over loopback.
  ["integration", "npm", ["run", "-s", "test:integration"]],
  // next build, then Playwright in Chromium against a fresh server (temporary .data, free port).
  ["e2e", "npm", ["run", "-s", "test:e2e"]],
];
let failed = 0;
for (const [name, cmd, args] of stages) {
  console.log(`\n=== ${name} ===`);
  const r = spawnSync(cmd, args, { stdio: "inherit" });
  if (r.status !== 0) {
    failed++;
    console.log(`=== ${name} FAILED (exit ${r.status}) ===`);
  }
}
process.exit(failed ? 1 : 0);
