// Migrations through @prisma/schema-engine-wasm and a driver adapter: Prisma's native schema
// engine cannot be downloaded on these machines (stack-notes gotcha 8). Writes the standard
// `_prisma_migrations` table, so `prisma migrate deploy` can take over where it exists.
import fs from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";
import { bindMigrationAwareSqlAdapterFactory } from "@prisma/driver-adapter-utils";

const require = createRequire(import.meta.url);
const root = process.cwd();
export const schemaPath = path.join(root, "prisma", "schema.prisma");
export const migrationsDir = path.join(root, "prisma", "migrations");

let wasmMod: any;
/** The package targets bundlers (it imports a .wasm file), so instantiate it by hand, once. */
async function loadWasm(): Promise<any> {
  if (wasmMod) return wasmMod;
  const dir = path.dirname(require.resolve("@prisma/schema-engine-wasm"));
  const runtime: any = await import(path.join(dir, "schema_engine_bg.js"));
  const bytes = fs.readFileSync(path.join(dir, "schema_engine_bg.wasm"));
  const instance = new WebAssembly.Instance(new WebAssembly.Module(bytes), { "./schema_engine_bg.js": runtime });
  runtime.__wbg_set_wasm(instance.exports);
  (instance.exports as any).__wbindgen_start?.();
  wasmMod = runtime;
  return runtime;
}

function schemaFiles() {
  return [{ path: schemaPath, content: fs.readFileSync(schemaPath, "utf8") }];
}

export function migrationsList() {
  const dirs = fs.existsSync(migrationsDir)
    ? fs.readdirSync(migrationsDir).filter((d) => fs.statSync(path.join(migrationsDir, d)).isDirectory()).sort()
    : [];
  const lockPath = path.join(migrationsDir, "migration_lock.toml");
  return {
    baseDir: migrationsDir,
    lockfile: { path: "migration_lock.toml", content: fs.existsSync(lockPath) ? fs.readFileSync(lockPath, "utf8") : null },
    shadowDbInitScript: "",
    migrationDirectories: dirs.map((d) => {
      const f = path.join(migrationsDir, d, "migration.sql");
      return {
        path: d,
        migrationFile: {
          path: "migration.sql",
          content: fs.existsSync(f)
            ? { tag: "ok" as const, value: fs.readFileSync(f, "utf8") }
            : { tag: "error" as const, value: "missing migration.sql" },
        },
      };
    }),
  };
}

const filters = { externalTables: [], externalEnums: [] };

async function openEngine(factory: any): Promise<any> {
  const wasm = await loadWasm();
  const adapter = bindMigrationAwareSqlAdapterFactory(factory);
  return wasm.SchemaEngine.new({ datamodels: schemaFiles().map((f) => [f.path, f.content]) }, () => {}, adapter);
}

/** Applies pending migrations; returns their names. */
export async function deployMigrations(factory: any): Promise<string[]> {
  const engine = await openEngine(factory);
  try {
    const out = await engine.applyMigrations({ migrationsList: migrationsList(), filters });
    return out.appliedMigrationNames;
  } finally {
    engine.free?.();
  }
}

/** SQL that takes the migrations folder to the current schema.prisma ("" when up to date). */
export async function diffMigrations(factory: any): Promise<string> {
  const engine = await openEngine(factory);
  try {
    const hasAny = migrationsList().migrationDirectories.length > 0;
    const res = await engine.diff({
      from: hasAny ? { tag: "migrations", ...migrationsList() } : { tag: "empty" },
      to: { tag: "schemaDatamodel", files: schemaFiles() },
      script: true,
      exitCode: null,
      filters,
    });
    return (res.stdout ?? "").trim() === "-- This is an empty migration." ? "" : (res.stdout ?? "");
  } finally {
    engine.free?.();
  }
}

export async function migrationStatus(factory: any) {
  const engine = await openEngine(factory);
  try {
    return await engine.diagnoseMigrationHistory({ migrationsList: migrationsList(), optInToShadowDatabase: false, filters });
  } finally {
    engine.free?.();
  }
}
