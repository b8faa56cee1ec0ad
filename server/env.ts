// Environment, validated once at start. In embedded (no DATABASE_URL) or development mode a
// missing NEXTAUTH_SECRET is generated and kept in .data/ so sessions survive restarts; in
// production with PostgreSQL it is required.
import fs from "node:fs";
import path from "node:path";
import crypto from "node:crypto";
import { dataDir } from "./db/data-dir.ts";
import { oauthKeysFromEnv } from "./auth/oauth-providers.ts";

export type Env = {
  port: number;
  host: string;
  dev: boolean;
  databaseUrl?: string;
  embeddedDb: boolean;
  seedDemo: boolean;
  nextAuthSecret: string;
  nextAuthUrl: string;
  redisUrl?: string;
  github?: { id: string; secret: string };
  google?: { id: string; secret: string };
};

const g = globalThis as unknown as { __kubelabEnv?: Env };

function fail(msg: string): never {
  throw new Error(`Configuration error: ${msg}`);
}

function persistedSecret(): string {
  const dir = dataDir();
  const file = path.join(dir, "nextauth-secret");
  if (fs.existsSync(file)) return fs.readFileSync(file, "utf8").trim();
  fs.mkdirSync(dir, { recursive: true });
  const secret = crypto.randomBytes(32).toString("base64url");
  fs.writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}

export function loadEnv(): Env {
  if (g.__kubelabEnv) return g.__kubelabEnv;
  const dev = process.env.NODE_ENV !== "production";
  const port = Number(process.env.PORT || 3000);
  if (!Number.isInteger(port) || port <= 0 || port > 65535) fail(`PORT must be a port number, got ${process.env.PORT}`);
  const host = process.env.HOST || "127.0.0.1";
  const databaseUrl = process.env.DATABASE_URL || undefined;
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) fail("DATABASE_URL must start with postgresql://");
  const embeddedDb = !databaseUrl;
  const redisUrl = process.env.REDIS_URL || undefined;
  if (redisUrl && !/^rediss?:\/\//.test(redisUrl)) fail("REDIS_URL must start with redis:// or rediss://");
  let nextAuthSecret = process.env.NEXTAUTH_SECRET || "";
  if (!nextAuthSecret) {
    if (!embeddedDb && !dev) fail("NEXTAUTH_SECRET is required in production with DATABASE_URL");
    nextAuthSecret = persistedSecret();
  }
  if (nextAuthSecret.length < 16) fail("NEXTAUTH_SECRET must be at least 16 characters");
  const nextAuthUrl = process.env.NEXTAUTH_URL || `http://${host === "0.0.0.0" ? "localhost" : host === "127.0.0.1" ? "localhost" : host}:${port}`;
  // next-auth reads these from process.env itself.
  process.env.NEXTAUTH_SECRET = nextAuthSecret;
  process.env.NEXTAUTH_URL = nextAuthUrl;
  const env: Env = {
    port,
    host,
    dev,
    databaseUrl,
    embeddedDb,
    seedDemo: embeddedDb || process.env.SEED_DEMO === "1",
    nextAuthSecret,
    nextAuthUrl,
    redisUrl,
    ...oauthKeysFromEnv(process.env),
  };
  g.__kubelabEnv = env;
  return env;
}
