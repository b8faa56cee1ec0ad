import { before, after, describe } from "node:test";
import { PrismaClient } from "../../generated/prisma/client.ts";
import { createMemoryAdapterFactory } from "../../server/db/adapter.ts";
import { deployMigrations } from "../../server/db/migrate-engine.ts";
import { dataLayerCases } from "./data-layer-cases.ts";

describe("data layer on a fresh in-memory PGlite", () => {
  let db: PrismaClient;
  let close = async () => {};
  before(async () => {
    const { factory, pglite } = createMemoryAdapterFactory();
    await deployMigrations(factory);
    db = new PrismaClient({ adapter: factory });
    close = async () => {
      await db.$disconnect();
      await pglite.close();
    };
  });
  after(() => close());
  dataLayerCases(() => db);
});
