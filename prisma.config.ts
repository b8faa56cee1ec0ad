// Prisma CLI configuration. Only `prisma generate` uses it (migrations run through the wasm
// engine in server/db/migrate-engine.ts); the URL is optional.
import { defineConfig } from "prisma/config";

export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  ...(process.env.DATABASE_URL ? { datasource: { url: process.env.DATABASE_URL } } : {}),
});
