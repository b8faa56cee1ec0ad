// `npm run db:migrate` (deploy), `npm run db:migrate -- create <name>`, `... status`.
// Without DATABASE_URL this opens the embedded PGlite in .data/ (the server must be stopped:
// the lock file enforces it). Author migrations without DATABASE_URL (gotcha 9).
import fs from "node:fs";
import path from "node:path";
import { getAdapterFactory, createMemoryAdapterFactory } from "../server/db/adapter.ts";
import { deployMigrations, diffMigrations, migrationStatus, migrationsDir } from "../server/db/migrate-engine.ts";

const [cmd = "deploy", name = "change"] = process.argv.slice(2);
try {
  if (cmd === "create") {
    const { factory } = createMemoryAdapterFactory();
    const sql = await diffMigrations(factory);
    if (!sql.trim()) {
      console.log("No schema changes.");
    } else {
      const ts = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
      const dir = path.join(migrationsDir, `${ts}_${name}`);
      fs.mkdirSync(dir, { recursive: true });
      fs.writeFileSync(path.join(dir, "migration.sql"), sql);
      const lock = path.join(migrationsDir, "migration_lock.toml");
      if (!fs.existsSync(lock)) fs.writeFileSync(lock, 'provider = "postgresql"\n');
      console.log(`Created ${path.relative(process.cwd(), dir)}/migration.sql`);
    }
  } else if (cmd === "deploy") {
    const applied = await deployMigrations(getAdapterFactory());
    console.log(applied.length ? `Applied: ${applied.join(", ")}` : "Database is up to date.");
  } else if (cmd === "status") {
    console.log(JSON.stringify(await migrationStatus(getAdapterFactory()), null, 2));
  } else {
    console.error(`Unknown command ${cmd}; use deploy | create <name> | status`);
    process.exitCode = 2;
  }
} catch (e) {
  console.error(e);
  process.exitCode = 1;
}
// The wasm engine leaves a ~10 s timer behind (gotcha 8).
process.exit();
