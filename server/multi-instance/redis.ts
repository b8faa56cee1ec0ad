// Several server instances behind one site (REDIS_URL set): Socket.IO's Redis adapter carries
// broadcasts and fetchSockets between instances, and a Redis lease records which instance hosts
// each (user, lab) sandbox. A sandbox lives on one instance at a time; another instance that is
// asked for it refuses with a Korean message until the owner evicts it (the snapshot in the shared
// database is then restored wherever the learner attaches next) or the owner dies (the lease
// expires after LEASE_MS without renewal).
import crypto from "node:crypto";
import os from "node:os";
import { createClient } from "redis";
import { createAdapter } from "@socket.io/redis-adapter";
import type { Server } from "socket.io";
import type { SandboxOwnership } from "../sandbox-host/sandbox-registry.ts";

export const LEASE_MS = 30_000;
const CONNECT_TIMEOUT_MS = 10_000;

/** The few commands the lease keeper uses (any node-redis client has them). */
type Client = {
  set(key: string, value: string, options: { condition: "NX"; expiration: { type: "PX"; value: number } }): Promise<unknown>;
  get(key: string): Promise<string | null>;
  pExpire(key: string, ms: number): Promise<unknown>;
  eval(script: string, options: { keys: string[]; arguments: string[] }): Promise<unknown>;
};

// Only the holder may renew or drop a lease.
const RENEW = `if redis.call("get", KEYS[1]) == ARGV[1] then return redis.call("pexpire", KEYS[1], ARGV[2]) else return 0 end`;
const RELEASE = `if redis.call("get", KEYS[1]) == ARGV[1] then return redis.call("del", KEYS[1]) else return 0 end`;

export class RedisSandboxOwnership implements SandboxOwnership {
  readonly instanceId = `${os.hostname()}:${process.pid}:${crypto.randomBytes(4).toString("hex")}`;
  private readonly held = new Set<string>();
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly client: Client,
    private readonly prefix = "kubelab:",
    private readonly leaseMs = LEASE_MS,
  ) {
    this.timer = setInterval(() => void this.renewAll(), Math.max(1000, Math.floor(leaseMs / 3)));
    this.timer.unref();
  }

  private key(userId: string, labId: string) {
    return `${this.prefix}sandbox:${userId}:${labId}`;
  }

  async acquire(userId: string, labId: string): Promise<{ ok: true } | { ok: false; owner: string }> {
    const k = this.key(userId, labId);
    for (let attempt = 0; attempt < 2; attempt++) {
      const set = await this.client.set(k, this.instanceId, { condition: "NX", expiration: { type: "PX", value: this.leaseMs } });
      if (set === "OK") {
        this.held.add(k);
        return { ok: true };
      }
      const owner = await this.client.get(k);
      if (owner === this.instanceId) {
        this.held.add(k);
        await this.client.pExpire(k, this.leaseMs);
        return { ok: true };
      }
      if (owner !== null) return { ok: false, owner };
      // Expired between SET and GET: try once more.
    }
    return { ok: false, owner: "unknown" };
  }

  async release(userId: string, labId: string): Promise<void> {
    const k = this.key(userId, labId);
    this.held.delete(k);
    await this.client.eval(RELEASE, { keys: [k], arguments: [this.instanceId] });
  }

  /** Which instance holds the lease now (null: nobody). */
  owner(userId: string, labId: string): Promise<string | null> {
    return this.client.get(this.key(userId, labId));
  }

  private async renewAll() {
    for (const k of this.held) {
      try {
        const r = await this.client.eval(RENEW, { keys: [k], arguments: [this.instanceId, String(this.leaseMs)] });
        if (r !== 1) {
          this.held.delete(k);
          console.error(`[redis] lost the lease on ${k}`);
        }
      } catch (e) {
        console.error("[redis] lease renewal failed", (e as Error).message);
        return;
      }
    }
  }

  stop() {
    clearInterval(this.timer);
  }
}

export type RedisScale = {
  ownership: RedisSandboxOwnership;
  close(): Promise<void>;
};

/** Connects to REDIS_URL, installs the Socket.IO adapter and returns the sandbox lease keeper. */
export async function setupRedis(io: Server, url: string, prefix = "kubelab:"): Promise<RedisScale> {
  const pub = createClient({ url });
  const sub = pub.duplicate();
  const onError = (e: Error) => console.error("[redis]", e.message);
  pub.on("error", onError);
  sub.on("error", onError);
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`cannot reach Redis at REDIS_URL within ${CONNECT_TIMEOUT_MS / 1000} s`)), CONNECT_TIMEOUT_MS);
  });
  try {
    await Promise.race([Promise.all([pub.connect(), sub.connect()]), timeout]);
  } catch (e) {
    for (const c of [pub, sub]) {
      try {
        c.destroy();
      } catch {
        /* never connected */
      }
    }
    throw e;
  } finally {
    clearTimeout(timer);
  }
  io.adapter(createAdapter(pub, sub, { key: `${prefix}socket.io` }));
  const ownership = new RedisSandboxOwnership(pub as unknown as Client, prefix);
  return {
    ownership,
    async close() {
      ownership.stop();
      await Promise.allSettled([pub.close(), sub.close()]);
    },
  };
}
