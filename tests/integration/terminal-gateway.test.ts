// The /terminal namespace end to end over loopback, with the engine replaced by a double:
// handshake authentication, origin check, per-user isolation, limits, flow control.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import http from "node:http";
import { Server } from "socket.io";
import { io as connect, type Socket } from "socket.io-client";
import { encode } from "next-auth/jwt";
import { PrismaClient } from "../../generated/prisma/client.ts";
import { createMemoryAdapterFactory } from "../../server/db/adapter.ts";
import { deployMigrations } from "../../server/db/migrate-engine.ts";
import { createUser } from "../../server/data/create-user.ts";
import { SandboxRegistry } from "../../server/sandbox-host/sandbox-registry.ts";
import { setupTerminalNamespace } from "../../server/gateway/terminal-namespace.ts";
import { OutputFlow, MAX_BUFFERED, DROP_NOTICE } from "../../server/gateway/output-flow.ts";
import { parseCookieHeader } from "../../server/auth/token-from-cookie.ts";
import { fakeEngine } from "./fake-engine.ts";

const secret = "test-secret-0123456789abcdef";
let server: http.Server;
let ioServer: Server;
let base = "";
let db: PrismaClient;
let registry: SandboxRegistry;
const users: Record<string, string> = {};
const sockets: Socket[] = [];

async function cookieFor(id: string) {
  const token = await encode({ token: { uid: id, email: `${id}@x`, role: "STUDENT" }, secret });
  return `next-auth.session-token=${token}`;
}

function open(headers: Record<string, string>): Socket {
  const s = connect(`${base}/terminal`, { transports: ["websocket"], extraHeaders: headers, reconnection: false, forceNew: true });
  sockets.push(s);
  return s;
}

async function attached(who: string, labId = "lab-a") {
  const s = open({ cookie: await cookieFor(users[who]), origin: base });
  const out = { text: "" };
  s.on("output", (d: string, ack?: () => void) => {
    out.text += d;
    ack?.();
  });
  await new Promise<void>((resolve, reject) => {
    s.on("connect_error", reject);
    s.on("connect", () => s.emit("attach", { labId }, (r: any) => (r.ok ? resolve() : reject(new Error(r.error)))));
  });
  return { s, out };
}

const until = async (cond: () => boolean, ms = 3000) => {
  const t = Date.now();
  while (!cond()) {
    if (Date.now() - t > ms) throw new Error("timeout");
    await new Promise((r) => setTimeout(r, 10));
  }
};

before(async () => {
  const { factory } = createMemoryAdapterFactory();
  await deployMigrations(factory);
  db = new PrismaClient({ adapter: factory });
  users.alice = (await createUser(db, { email: "alice@example.com", password: "password1" })).id;
  users.bob = (await createUser(db, { email: "bob@example.com", password: "password1" })).id;
  registry = new SandboxRegistry(db, fakeEngine, { idleMs: 60_000, maxPerUser: 5 });
  server = http.createServer();
  ioServer = new Server(server);
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  base = `http://127.0.0.1:${(server.address() as any).port}`;
  setupTerminalNamespace(ioServer, registry, { secret, allowedOrigins: [base] });
});

after(async () => {
  sockets.forEach((s) => s.close());
  ioServer.close();
  await registry.shutdown();
  await db.$disconnect();
});

test("handshake without a session cookie is refused", async () => {
  const s = open({ origin: base });
  const err = await new Promise<Error>((r) => s.on("connect_error", r));
  assert.equal(err.message, "unauthenticated");
});

test("handshake with a forged token (wrong secret) is refused", async () => {
  const token = await encode({ token: { uid: users.alice }, secret: "another-secret-abcdefghijk" });
  const s = open({ origin: base, cookie: `next-auth.session-token=${token}` });
  const err = await new Promise<Error>((r) => s.on("connect_error", r));
  assert.equal(err.message, "unauthenticated");
});

test("cross-site origin is refused even with a valid cookie", async () => {
  const s = open({ origin: "http://evil.example", cookie: await cookieFor(users.alice) });
  const err = await new Promise<Error>((r) => s.on("connect_error", r));
  assert.equal(err.message, "forbidden-origin");
});

test("second user attaching the same lab id gets their own sandbox, never the first user's", async () => {
  const a = await attached("alice");
  a.s.emit("input", "secret-of-alice\r");
  await until(() => a.out.text.includes("ran: secret-of-alice"));
  const b = await attached("bob");
  b.s.emit("input", "hello\r");
  await until(() => b.out.text.includes("ran: hello"));
  assert.ok(!b.out.text.includes("secret-of-alice"));
  assert.ok(!a.out.text.includes("ran: hello"));
});

test("a second tab of the same user shares the sandbox and repaints its scrollback", async () => {
  const first = await attached("alice", "lab-share");
  first.s.emit("input", "one\r");
  await until(() => first.out.text.includes("ran: one"));
  const second = await attached("alice", "lab-share");
  await until(() => second.out.text.includes("ran: one"));
});

test("input over 64 KiB is refused with a Korean notice", async () => {
  const a = await attached("alice", "lab-big");
  a.s.emit("input", "x".repeat(65 * 1024));
  await until(() => a.out.text.includes("입력이 너무 깁니다"));
  assert.ok(!a.out.text.includes("xxxxxxxx"));
});

test("flooding input is rate limited per user with a Korean notice", async () => {
  const a = await attached("bob", "lab-flood");
  for (let i = 0; i < 400; i++) a.s.emit("input", "y");
  await until(() => a.out.text.includes("입력이 너무 빠릅니다"));
});

test("editor-open reaches the browser and editor-save is accepted", async () => {
  const a = await attached("alice", "lab-edit");
  const opened = new Promise<any>((r) => a.s.on("editor-open", r));
  a.s.emit("input", "vi pod.yaml\r");
  assert.deepEqual(await opened, { path: "pod.yaml", content: "a: 1\n" });
  const ack = await new Promise<any>((r) => a.s.emit("editor-save", { path: "pod.yaml", content: "a: 2\n" }, r));
  assert.equal(ack.ok, true);
});

test("output flow: a client that never acknowledges gets at most ~1 MiB buffered, then a drop notice", async () => {
  const emitted: string[] = [];
  const acks: (() => void)[] = [];
  const flow = new OutputFlow((d, ack) => {
    emitted.push(d);
    acks.push(ack);
  });
  const chunk = "z".repeat(64 * 1024);
  for (let i = 0; i < 40; i++) {
    flow.write(chunk);
    await new Promise((r) => setImmediate(r));
  }
  assert.ok(flow.buffered <= MAX_BUFFERED + 256 * 1024, `buffered ${flow.buffered}`);
  acks.splice(0).forEach((a) => a());
  await new Promise((r) => setImmediate(r));
  assert.ok(emitted.some((d) => d.includes(DROP_NOTICE)));
});

test("cookie header parsing keeps the first value and decodes", () => {
  assert.deepEqual(parseCookieHeader("a=1; b=%ED%95%9C; a=2"), { a: "1", b: "한" });
});
