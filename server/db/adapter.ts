// One driver-adapter factory per process, shared on globalThis: the custom server (loaded by
// tsx) and Next's bundled route code are separate module graphs in the same process, and a
// module-level singleton would open PGlite twice (stack-notes gotcha 13).
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { PrismaPg } from "@prisma/adapter-pg";
import { dataDir } from "./data-dir.ts";
import { lockDataDir } from "./lock-data-dir.ts";

type Factory = PrismaPGlite | PrismaPg;
type Holder = { factory?: Factory; pglite?: PGlite };
const g = globalThis as unknown as { __kubelabDb?: Holder };

/** Discrete fields, not connectionString: adapter-pg's shadow DB ignores overrides otherwise (gotcha 9). */
export function pgConfigFromUrl(url: string) {
  const u = new URL(url);
  return {
    host: u.hostname,
    port: Number(u.port || 5432),
    user: decodeURIComponent(u.username || "postgres"),
    password: u.password ? decodeURIComponent(u.password) : undefined,
    database: decodeURIComponent(u.pathname.replace(/^\//, "") || "postgres"),
  };
}

export function usesEmbeddedDb(): boolean {
  return !process.env.DATABASE_URL;
}

export function getAdapterFactory(): Factory {
  const h = (g.__kubelabDb ??= {});
  if (h.factory) return h.factory;
  if (process.env.DATABASE_URL) {
    h.factory = new PrismaPg(pgConfigFromUrl(process.env.DATABASE_URL));
  } else if (process.env.KUBELAB_DB === "memory") {
    h.pglite = new PGlite("memory://kubelab");
    h.factory = new PrismaPGlite(h.pglite);
  } else {
    const dir = dataDir();
    lockDataDir(dir);
    h.pglite = new PGlite(path.join(dir, "pglite"));
    h.factory = new PrismaPGlite(h.pglite);
  }
  return h.factory;
}

/** For tests: a fresh in-memory PGlite factory that is not shared. */
export function createMemoryAdapterFactory(): { factory: PrismaPGlite; pglite: PGlite } {
  const pglite = new PGlite("memory://test");
  return { factory: new PrismaPGlite(pglite), pglite };
}
