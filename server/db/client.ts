// The Prisma client, created on first use (never at import time: `next build` imports route
// modules and would otherwise open the database, gotcha 12) and shared on globalThis (gotcha 13).
import { PrismaClient } from "../../generated/prisma/client.ts";
import { getAdapterFactory } from "./adapter.ts";

const g = globalThis as unknown as { __kubelabPrisma?: PrismaClient };

export function getDb(): PrismaClient {
  return (g.__kubelabPrisma ??= new PrismaClient({ adapter: getAdapterFactory() as any }));
}

export type Db = PrismaClient;
