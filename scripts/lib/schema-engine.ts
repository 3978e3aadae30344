/**
 * Prisma's schema engine (WebAssembly build), driven without the native binary that `prisma migrate`
 * would download. Used only by developer tooling and tests: to generate a migration from
 * `schema.prisma` and to prove that the migrations and the schema never drift apart.
 * See docs/decisions/003-migrations-offline.md.
 */
import { readdir, readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { bindMigrationAwareSqlAdapterFactory } from "@prisma/driver-adapter-utils";
import { PrismaPGlite } from "pglite-prisma-adapter";

export const SCHEMA_PATH = path.resolve("prisma/schema.prisma");
export const MIGRATIONS_DIR = path.resolve("prisma/migrations");

type Engine = {
  diff(params: unknown): Promise<{ exitCode: number; stdout: string | null }>;
  free(): void;
};

async function loadEngineClass(): Promise<{
  new: (options: unknown, log: (message: string) => void, adapter: object) => Promise<Engine>;
}> {
  // The package root does `import … from "x.wasm"`, which Node rejects: instantiate the module
  // ourselves with the JS glue as its import object.
  const require = createRequire(import.meta.url);
  const gluePath = require.resolve("@prisma/schema-engine-wasm/schema_engine_bg");
  const glue = await import(gluePath);
  const bytes = await readFile(path.join(path.dirname(gluePath), "schema_engine_bg.wasm"));
  const { instance } = await WebAssembly.instantiate(bytes, { "./schema_engine_bg.js": glue });
  glue.__wbg_set_wasm(instance.exports);
  (instance.exports as { __wbindgen_start?: () => void }).__wbindgen_start?.();
  return glue.SchemaEngine;
}

async function readMigrationsList() {
  const lockfilePath = "migration_lock.toml";
  const lockContent = await readFile(path.join(MIGRATIONS_DIR, lockfilePath), "utf8").catch(
    () => null,
  );
  const entries = await readdir(MIGRATIONS_DIR, { withFileTypes: true }).catch(() => []);
  const migrationDirectories = [];
  for (const entry of entries
    .filter((e) => e.isDirectory())
    .sort((a, b) => a.name.localeCompare(b.name))) {
    const content = await readFile(path.join(MIGRATIONS_DIR, entry.name, "migration.sql"), "utf8");
    migrationDirectories.push({
      path: entry.name,
      migrationFile: { path: "migration.sql", content: { tag: "ok", value: content } },
    });
  }
  return {
    baseDir: MIGRATIONS_DIR,
    lockfile: { path: lockfilePath, content: lockContent },
    migrationDirectories,
    shadowDbInitScript: "",
  };
}

/**
 * SQL that brings a database built by the existing migrations to `schema.prisma`. Empty when they
 * match. The migrations are replayed on a throw-away in-memory PGlite (the "shadow database").
 */
export async function diffMigrationsToSchema(): Promise<string> {
  const SchemaEngine = await loadEngineClass();
  const schema = await readFile(SCHEMA_PATH, "utf8");
  const pglite = new PGlite();
  const engine = await SchemaEngine.new(
    { datamodels: [[SCHEMA_PATH, schema]] },
    () => {},
    bindMigrationAwareSqlAdapterFactory(new PrismaPGlite(pglite)),
  );
  try {
    const result = await engine.diff({
      from: { tag: "migrations", ...(await readMigrationsList()) },
      to: { tag: "schemaDatamodel", files: [{ path: SCHEMA_PATH, content: schema }] },
      script: true,
      exitCode: null,
      filters: { externalTables: [], externalEnums: [] },
    });
    const script = result.stdout ?? "";
    return isEmptyScript(script) ? "" : script;
  } finally {
    engine.free();
    await pglite.close();
  }
}

/** The engine answers a comment when there is nothing to do. */
function isEmptyScript(script: string): boolean {
  return script
    .split("\n")
    .map((line) => line.trim())
    .every((line) => line === "" || line.startsWith("--"));
}
