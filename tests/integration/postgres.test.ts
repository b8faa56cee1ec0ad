// Same cases on real PostgreSQL. Uses a throwaway database created next to TEST_DATABASE_URL
// (default: postgresql://postgres@127.0.0.1:5432/test, trust auth) and drops it afterwards.
// Skips, saying why, when the server cannot be reached.
import { before, after, describe } from "node:test";
import pg from "pg";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "../../generated/prisma/client.ts";
import { pgConfigFromUrl } from "../../server/db/adapter.ts";
import { deployMigrations } from "../../server/db/migrate-engine.ts";
import { dataLayerCases } from "./data-layer-cases.ts";

const baseUrl = process.env.TEST_DATABASE_URL || "postgresql://postgres@127.0.0.1:5432/test";
const base = pgConfigFromUrl(baseUrl);

async function reachable(): Promise<string | null> {
  const c = new pg.Client({ ...base, connectionTimeoutMillis: 2000 });
  try {
    await c.connect();
    await c.query("select 1");
    return null;
  } catch (e) {
    return (e as Error).message;
  } finally {
    await c.end().catch(() => {});
  }
}

const why = await reachable();
if (why) console.log(`# skipping PostgreSQL integration tests: ${baseUrl} unreachable (${why})`);

describe("data layer on real PostgreSQL", { skip: why ? `PostgreSQL unreachable: ${why}` : false }, () => {
  const dbName = `kubelab_it_${process.pid}_${Date.now()}`;
  let db: PrismaClient;
  let admin: pg.Client;
  before(async () => {
    admin = new pg.Client(base);
    await admin.connect();
    await admin.query(`CREATE DATABASE "${dbName}"`);
    const factory = new PrismaPg({ ...base, database: dbName });
    await deployMigrations(factory);
    db = new PrismaClient({ adapter: factory });
  });
  after(async () => {
    await db?.$disconnect();
    await admin.query(`DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`).catch((e) => console.log(`# drop failed: ${e.message}`));
    await admin.end();
  });
  dataLayerCases(() => db);
});
