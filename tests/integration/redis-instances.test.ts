// Two server instances sharing one database and the local Redis (127.0.0.1:6379, or REDIS_URL):
// the Socket.IO Redis adapter joins their /terminal namespaces, and a sandbox lives on one
// instance at a time (the other refuses in Korean until the owner evicts it, then restores it
// from the shared snapshot). Skipped, with the reason, when Redis is not reachable.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import http from "node:http";
import crypto from "node:crypto";
import { Server } from "socket.io";
import { io as connect, type Socket } from "socket.io-client";
import { encode } from "next-auth/jwt";
import { createClient } from "redis";
import { PrismaClient } from "../../generated/prisma/client.ts";
import { createMemoryAdapterFactory } from "../../server/db/adapter.ts";
import { deployMigrations } from "../../server/db/migrate-engine.ts";
import { createUser } from "../../server/data/create-user.ts";
import { SandboxRegistry, SANDBOX_ELSEWHERE_MESSAGE } from "../../server/sandbox-host/sandbox-registry.ts";
import { setupTerminalNamespace } from "../../server/gateway/terminal-namespace.ts";
import { setupRedis, type RedisScale } from "../../server/multi-instance/redis.ts";
import { fakeEngine } from "./fake-engine.ts";

const REDIS_URL = process.env.REDIS_URL || "redis://127.0.0.1:6379";
const secret = "test-secret-0123456789abcdef";
// A prefix of our own: other runs and other programs may use the same Redis.
const prefix = `kubelab-test-${crypto.randomBytes(4).toString("hex")}:`;

async function redisReachable(): Promise<string | null> {
  const c = createClient({ url: REDIS_URL, socket: { connectTimeout: 1000, reconnectStrategy: false } });
  c.on("error", () => {});
  try {
    await c.connect();
    await c.ping();
    await c.close();
    return null;
  } catch (e) {
    return `Redis is not reachable at ${REDIS_URL} (${(e as Error).message || "connection refused"})`;
  }
}

type Instance = { base: string; server: http.Server; io: Server; registry: SandboxRegistry; redis: RedisScale };
const skip = await redisReachable();
let db: PrismaClient;
let a: Instance;
let b: Instance;
let userId = "";
const sockets: Socket[] = [];

async function startInstance(): Promise<Instance> {
  const server = http.createServer();
  const io = new Server(server);
  const redis = await setupRedis(io, REDIS_URL, prefix);
  const registry = new SandboxRegistry(db, fakeEngine, { idleMs: 60_000, maxPerUser: 5, ownership: redis.ownership });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const base = `http://127.0.0.1:${(server.address() as any).port}`;
  setupTerminalNamespace(io, registry, { secret, allowedOrigins: [base] });
  return { base, server, io, registry, redis };
}

async function stopInstance(x: Instance | undefined) {
  if (!x) return;
  x.io.close();
  await x.registry.shutdown();
  await x.redis.close();
}

async function open(inst: Instance, labId = "lab-r") {
  const token = await encode({ token: { uid: userId, email: "r@x", role: "STUDENT" }, secret });
  const s = connect(`${inst.base}/terminal`, {
    transports: ["websocket"],
    forceNew: true,
    reconnection: false,
    extraHeaders: { cookie: `next-auth.session-token=${token}`, origin: inst.base },
  });
  sockets.push(s);
  const out = { text: "" };
  s.on("output", (d: string, ack?: () => void) => {
    out.text += d;
    ack?.();
  });
  await new Promise<void>((resolve, reject) => {
    s.on("connect_error", reject);
    s.on("connect", () => resolve());
  });
  const attach = () => new Promise<any>((resolve) => s.emit("attach", { labId }, resolve));
  return { s, out, attach };
}

const until = async (cond: () => boolean | Promise<boolean>, ms = 5000) => {
  const t = Date.now();
  while (!(await cond())) {
    if (Date.now() - t > ms) throw new Error("timeout");
    await new Promise((r) => setTimeout(r, 20));
  }
};

before(async () => {
  if (skip) return;
  const { factory } = createMemoryAdapterFactory();
  await deployMigrations(factory);
  db = new PrismaClient({ adapter: factory });
  userId = (await createUser(db, { email: "redis-user@example.com", password: "password1" })).id;
  a = await startInstance();
  b = await startInstance();
});

after(async () => {
  sockets.forEach((s) => s.close());
  await stopInstance(a);
  await stopInstance(b);
  await db?.$disconnect();
});

test("the Redis adapter joins both instances' /terminal namespaces", { skip: skip ?? false }, async () => {
  const x = await open(a);
  const y = await open(b);
  await until(async () => (await a.io.of("/terminal").fetchSockets()).length === 2);
  const ids = (await b.io.of("/terminal").fetchSockets()).map((s) => s.id).sort();
  assert.deepEqual(ids, [x.s.id, y.s.id].sort());
  const got = new Promise<string>((r) => y.s.once("status", (m: any) => r(m.state)));
  a.io.of("/terminal").emit("status", { state: "maintenance" });
  assert.equal(await got, "maintenance", "a broadcast on instance A reaches a client of instance B");
  x.s.close();
  y.s.close();
});

test("a sandbox lives on one instance: the other refuses in Korean, then takes over after eviction", { skip: skip ?? false }, async () => {
  const onA = await open(a);
  assert.deepEqual(await onA.attach(), { ok: true });
  assert.equal(await a.redis.ownership.owner(userId, "lab-r"), a.redis.ownership.instanceId);
  onA.s.emit("input", "kubectl get nodes\r");
  await until(() => onA.out.text.includes("ran: kubectl get nodes"));

  const onB = await open(b);
  const refused = await onB.attach();
  assert.equal(refused.ok, false);
  assert.equal(refused.code, "SANDBOX_ELSEWHERE");
  assert.equal(refused.error, SANDBOX_ELSEWHERE_MESSAGE);
  assert.equal(b.registry.size, 0, "instance B hosts nothing");
  await assert.rejects(b.registry.getOrCreate(userId, "lab-r"), { code: "SANDBOX_ELSEWHERE", message: SANDBOX_ELSEWHERE_MESSAGE });

  // A's learner leaves and A evicts the sandbox (saved, then the lease is released).
  onA.s.close();
  await until(() => a.registry.peek(userId, "lab-r")?.listeners.size === 0);
  await a.registry.evictIdle(Date.now() + 120_000);
  assert.equal(a.registry.size, 0);
  assert.equal(await a.redis.ownership.owner(userId, "lab-r"), null);

  const again = await onB.attach();
  assert.deepEqual(again, { ok: true });
  assert.equal(await b.redis.ownership.owner(userId, "lab-r"), b.redis.ownership.instanceId);
  await until(() => onB.out.text.includes("ran: kubectl get nodes"));
  assert.deepEqual((b.registry.peek(userId, "lab-r")!.sb as any).state.lines, ["kubectl get nodes"], "restored from A's snapshot");
});
