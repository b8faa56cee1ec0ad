// The V8 flags the server runs with (`npm start`), shared by the benchmarks so they measure the
// same runtime. Run as a script, it starts node with these flags and its own arguments:
// `node scripts/node-flags.mjs --expose-gc --import tsx scripts/bench-engine.ts`.
import os from "node:os";
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";

export const SERVER_NODE_FLAGS = [
  // A larger young generation (V8's default semi-space is 16 MB): every command builds
  // short-lived engine state, and with the default nursery scavenges came often enough to show
  // in the p99 of commands.
  "--max-semi-space-size=64",
  // V8's worker threads (TurboFan compiles, concurrent marking, GC helpers) default to 4. On a
  // 2-core machine they took the core from the event-loop thread: commands with no GC pause of
  // their own took 3-5 ms (shell mix p99 2.6-3.9 ms with the default, 0.5-0.8 ms with one
  // worker; measured with .prof-style loops and `npm run bench`). Leave the main thread a core.
  `--v8-pool-size=${Math.max(1, os.availableParallelism() - 1)}`,
];

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const child = spawn(process.execPath, [...SERVER_NODE_FLAGS, ...process.argv.slice(2)], { stdio: "inherit" });
  for (const sig of ["SIGINT", "SIGTERM"]) process.on(sig, () => child.kill(sig));
  child.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}
