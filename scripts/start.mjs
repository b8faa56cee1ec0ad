// `npm start`: make sure the Prisma client is generated and the Next build is current, then run
// the production server (embedded PGlite and demo accounts unless DATABASE_URL is set).
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { SERVER_NODE_FLAGS } from "./node-flags.mjs";

const run = (cmd, args, env = process.env) => {
  const r = spawnSync(cmd, args, { stdio: "inherit", env });
  if (r.status !== 0) process.exit(r.status ?? 1);
};

function newestMtime(p) {
  if (!fs.existsSync(p)) return 0;
  const st = fs.statSync(p);
  if (!st.isDirectory()) return st.mtimeMs;
  let m = st.mtimeMs;
  for (const e of fs.readdirSync(p)) m = Math.max(m, newestMtime(path.join(p, e)));
  return m;
}

if (!fs.existsSync("generated/prisma/client.ts") || newestMtime("prisma/schema.prisma") > newestMtime("generated/prisma")) {
  run("npm", ["run", "-s", "db:generate"]);
}
const buildId = ".next/BUILD_ID";
const sources = ["app", "server", "next.config.js", "package-lock.json", "tsconfig.json"];
const stale = !fs.existsSync(buildId) || Math.max(...sources.map(newestMtime)) > fs.statSync(buildId).mtimeMs;
if (stale && process.env.SKIP_BUILD !== "1") {
  console.log("Building the web app (next build)…");
  run("npx", ["next", "build"], { ...process.env, NODE_ENV: "production" });
}
// V8 flags shared with the benchmarks (why each: scripts/node-flags.mjs).
const child = spawn(process.execPath, [...SERVER_NODE_FLAGS, "--import", "tsx", "server.ts"], {
  stdio: "inherit",
  env: { ...process.env, NODE_ENV: "production" },
});
for (const sig of ["SIGINT", "SIGTERM"]) process.on(sig, () => child.kill(sig));
child.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
