// E2E stage: `next build`, then a production server on a free port with a fresh temporary
// data directory (embedded PGlite, demo accounts), then Playwright; the server is always stopped.
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";

const run = (cmd, args, env = process.env) => spawnSync(cmd, args, { stdio: "inherit", env }).status ?? 1;

if (!fs.existsSync(process.env.CHROMIUM_PATH || "/usr/bin/chromium")) {
  console.error("e2e: /usr/bin/chromium is missing (apt-get install -y chromium)");
  process.exit(1);
}
if (process.env.E2E_SKIP_BUILD !== "1") {
  if (run("npx", ["next", "build"], { ...process.env, NODE_ENV: "production" }) !== 0) process.exit(1);
}

const port = await new Promise((resolve) => {
  const s = net.createServer();
  s.listen(0, "127.0.0.1", () => {
    const p = s.address().port;
    s.close(() => resolve(p));
  });
});
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "kubelab-e2e-"));
const base = `http://127.0.0.1:${port}`;
const env = {
  ...process.env,
  NODE_ENV: "production",
  PORT: String(port),
  HOST: "127.0.0.1",
  KUBELAB_DATA_DIR: dataDir,
  NEXTAUTH_URL: base,
  DATABASE_URL: "",
};
const server = spawn(process.execPath, ["--import", "tsx", "server.ts"], { env, stdio: ["ignore", "pipe", "pipe"] });
let log = "";
server.stdout.on("data", (d) => (log += d));
server.stderr.on("data", (d) => (log += d));

const stop = () => {
  if (server.exitCode === null) server.kill("SIGTERM");
};
process.on("exit", stop);

const deadline = Date.now() + 180_000; // first boot initialises PGlite; slow on a busy CI machine
while (!log.includes("ready on")) {
  if (server.exitCode !== null || Date.now() > deadline) {
    console.error(`e2e: server did not start\n${log}`);
    process.exit(1);
  }
  await new Promise((r) => setTimeout(r, 100));
}
console.log(`e2e: server ready at ${base} (data in ${dataDir})`);
const status = run("npx", ["playwright", "test", ...process.argv.slice(2)], { ...process.env, E2E_BASE_URL: base });
stop();
await new Promise((r) => (server.exitCode !== null ? r() : server.once("exit", r)));
if (status !== 0) console.log(`--- server log ---\n${log.slice(-5000)}`);
fs.rmSync(dataDir, { recursive: true, force: true });
process.exit(status);
