// Child process of `npm run bench:terminal`: the real /terminal gateway, sandbox registry and
// lab engine on a fresh in-memory PGlite, without Next (which the terminal path never touches).
// Reports RSS and event-loop delay to the parent over IPC.
import http from "node:http";
import { monitorEventLoopDelay } from "node:perf_hooks";
import { Server } from "socket.io";
import { PrismaClient } from "../../generated/prisma/client.ts";
import { createMemoryAdapterFactory } from "../../server/db/adapter.ts";
import { deployMigrations } from "../../server/db/migrate-engine.ts";
import { loadEngine } from "../../server/sandbox-host/load-engine.ts";
import { SandboxRegistry } from "../../server/sandbox-host/sandbox-registry.ts";
import { setupTerminalNamespace } from "../../server/gateway/terminal-namespace.ts";
import { saveQueue } from "../../server/sandbox-host/save-queue.ts";

const n = Number(process.env.BENCH_USERS || 10);
const secret = "bench-secret-0123456789abcdef";
const { factory } = createMemoryAdapterFactory();
await deployMigrations(factory);
const db = new PrismaClient({ adapter: factory });
const users: string[] = [];
for (let i = 0; i < n; i++) users.push((await db.user.create({ data: { email: `bench${i}@kubelab.local` } })).id);
if (process.env.BENCH_NO_SAVE === "1") (await import("../../server/sandbox-host/sandbox-registry.ts")).HostedSandbox.prototype.save = async function () {};
const engine = await loadEngine();
const registry = new SandboxRegistry(db, engine, { idleMs: 3600_000, maxPerUser: 5 });
const server = http.createServer();
const io = new Server(server, { maxHttpBufferSize: 1024 * 1024 });
await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
const port = (server.address() as any).port;
setupTerminalNamespace(io, registry, { secret, allowedOrigins: [`http://127.0.0.1:${port}`] });

// `--profile DIR`: a CPU profile of the typing phase only (from "reset" to "stop").
const profileDir = process.env.BENCH_PROFILE_DIR;
let profiler: import("node:inspector/promises").Session | undefined;
async function startProfile() {
  if (!profileDir) return;
  const { Session } = await import("node:inspector/promises");
  profiler = new Session();
  profiler.connect();
  await profiler.post("Profiler.enable");
  await profiler.post("Profiler.start");
}
async function stopProfile() {
  if (!profiler) return;
  const { profile } = await profiler.post("Profiler.stop");
  const fs = await import("node:fs");
  fs.mkdirSync(profileDir!, { recursive: true });
  const file = `${profileDir}/bench-terminal-${Date.now()}.cpuprofile`;
  fs.writeFileSync(file, JSON.stringify(profile));
  console.log(`CPU profile of the typing phase: ${file}`);
}

const eld = monitorEventLoopDelay({ resolution: 5 });
eld.enable();
const ms = (ns: number) => Math.round((ns / 1e6) * 100) / 100;
global.gc?.();
process.send!({ type: "ready", port, users, secret, engine: engine.engineAvailable, rss: process.memoryUsage().rss });
process.on("message", (m: any) => {
  if (m === "reset") {
    eld.reset();
    void startProfile().then(() => process.send!({ type: "reset" }));
  } else if (m === "stats") {
    global.gc?.();
    process.send!({
      type: "stats",
      rss: process.memoryUsage().rss,
      sandboxes: registry.size,
      saves: saveQueue.completed,
      eld: { p50: ms(eld.percentile(50)), p99: ms(eld.percentile(99)), max: ms(eld.max) },
    });
  } else if (m === "stop") {
    void stopProfile().then(() => process.exit(0));
  }
});
