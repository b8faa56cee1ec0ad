// Boots the whole app in one process: env, database (migrations and demo accounts on the
// embedded DB), Next.js, and Socket.IO on the same HTTP server.
import http from "node:http";
import next from "next";
import { Server as IOServer } from "socket.io";
import { loadEnv } from "./env.ts";
import { getAdapterFactory } from "./db/adapter.ts";
import { deployMigrations } from "./db/migrate-engine.ts";
import { getDb } from "./db/client.ts";
import { ensureDemoUsers } from "./data/ensure-demo-users.ts";
import { CLIENT_IP_HEADER } from "./auth/client-ip.ts";
import { loadEngine } from "./sandbox-host/load-engine.ts";
import { SandboxRegistry } from "./sandbox-host/sandbox-registry.ts";
import { setupTerminalNamespace } from "./gateway/terminal-namespace.ts";
import { setHostedServices } from "./hosted-services.ts";
import { setupRedis } from "./multi-instance/redis.ts";

export async function startServer() {
  const t0 = Date.now();
  const env = loadEnv();

  const factory = getAdapterFactory();
  if (env.embeddedDb || process.env.MIGRATE_ON_START === "1") {
    const applied = await deployMigrations(factory);
    if (applied.length) console.log(`[db] applied migrations: ${applied.join(", ")}`);
  }
  const db = getDb();
  const demo = env.seedDemo ? await ensureDemoUsers(db) : [];

  const engine = await loadEngine();
  const idleMinutes = Number(process.env.SANDBOX_IDLE_MINUTES || 10);
  let handle: ReturnType<ReturnType<typeof next>["getRequestHandler"]> | undefined;
  const server = http.createServer((req, res) => {
    // Overwrite whatever the client sent: the log-in limiter keys on this.
    req.headers[CLIENT_IP_HEADER] = req.socket.remoteAddress ?? "unknown";
    void handle!(req, res);
  });
  const io = new IOServer(server, { path: "/socket.io", maxHttpBufferSize: 1024 * 1024, serveClient: false });
  // Several instances behind one site: Socket.IO adapter and sandbox leases in Redis.
  const redis = env.redisUrl ? await setupRedis(io, env.redisUrl) : undefined;
  if (redis && env.embeddedDb) console.warn("  ! REDIS_URL is set but the database is the embedded PGlite, which one process alone can open");
  const registry = new SandboxRegistry(db, engine, { idleMs: idleMinutes * 60_000, maxPerUser: 5, ownership: redis?.ownership });
  setHostedServices({ registry });

  const app = next({ dev: env.dev, hostname: env.host, port: env.port });
  await app.prepare();
  handle = app.getRequestHandler();
  setupTerminalNamespace(io, registry, { secret: env.nextAuthSecret, allowedOrigins: [env.nextAuthUrl] });

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(env.port, env.host, () => resolve());
  });
  const shown = `http://${env.host === "127.0.0.1" || env.host === "0.0.0.0" ? "localhost" : env.host}:${env.port}`;
  if (redis) console.log(`  Redis: Socket.IO adapter and sandbox leases (instance ${redis.ownership.instanceId})`);
  console.log(`\n  KubeLab 쿠버랩 ready on ${shown} (${env.dev ? "dev" : "production"}, ${env.embeddedDb ? "embedded PGlite in .data/" : "PostgreSQL"}, ${Date.now() - t0} ms)`);
  if (!engine.engineAvailable) console.log("  ! lab engine not available: terminals show a notice");
  if (demo.length) {
    console.log("  Demo accounts:");
    for (const a of demo) console.log(`    ${a.email} / ${a.password}  (${a.role})`);
  }

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`\n[server] ${signal}: saving sandboxes and stopping`);
    const force = setTimeout(() => process.exit(1), 10_000);
    force.unref();
    io.close();
    await registry.shutdown();
    await redis?.close();
    server.close();
    process.exit(0);
  };
  process.on("SIGINT", () => void stop("SIGINT"));
  process.on("SIGTERM", () => void stop("SIGTERM"));
  return { server, io, registry };
}
