/**
 * Applies the pending migrations of `prisma/migrations`, in order, each in its own transaction, and
 * records them in `_prisma_migrations` exactly as Prisma does (same table, same sha256 checksum):
 * `prisma migrate deploy` run elsewhere sees them as applied, and the other way round.
 * An advisory lock (Prisma's own key) lets several instances start at once safely.
 */
import { createHash, randomUUID } from "node:crypto";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import type { Database } from "./connection.server";

/** The key `prisma migrate` uses for its advisory lock. */
const PRISMA_MIGRATE_LOCK_KEY = 72707369;

export const DEFAULT_MIGRATIONS_DIR = path.resolve("prisma/migrations");

export class MigrationError extends Error {
  override name = "MigrationError";
}

export type Migration = { name: string; script: string; checksum: string };

export function migrationChecksum(script: string): string {
  // Prisma normalises line endings so that a checkout on Windows keeps the same checksum.
  return createHash("sha256").update(script.replaceAll("\r\n", "\n")).digest("hex");
}

export async function readMigrations(dir = DEFAULT_MIGRATIONS_DIR): Promise<Migration[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const names = entries
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
  return Promise.all(
    names.map(async (name) => {
      const script = await readFile(path.join(dir, name, "migration.sql"), "utf8");
      return { name, script, checksum: migrationChecksum(script) };
    }),
  );
}

type AppliedRow = {
  migration_name: string;
  checksum: string;
  finished_at: Date | null;
  rolled_back_at: Date | null;
};

/** Returns the names of the migrations applied by this call (empty when up to date). */
export async function applyMigrations(db: Database, migrations?: Migration[]): Promise<string[]> {
  const all = migrations ?? (await readMigrations());
  const connection = await db.connect();
  try {
    await connection.query("SELECT pg_advisory_lock($1)", [PRISMA_MIGRATE_LOCK_KEY]);
    try {
      await connection.exec(`CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
        "id" VARCHAR(36) PRIMARY KEY NOT NULL,
        "checksum" VARCHAR(64) NOT NULL,
        "finished_at" TIMESTAMPTZ,
        "migration_name" VARCHAR(255) NOT NULL,
        "logs" TEXT,
        "rolled_back_at" TIMESTAMPTZ,
        "started_at" TIMESTAMPTZ NOT NULL DEFAULT now(),
        "applied_steps_count" INTEGER NOT NULL DEFAULT 0
      )`);
      const rows = await connection.query<AppliedRow>(
        `SELECT migration_name, checksum, finished_at, rolled_back_at FROM "_prisma_migrations"`,
      );
      const failed = rows.find((row) => row.finished_at === null && row.rolled_back_at === null);
      if (failed) {
        throw new MigrationError(
          `La migration ${failed.migration_name} a échoué lors d'une exécution précédente : ` +
            "corrigez la base puis marquez-la comme annulée avant de relancer.",
        );
      }
      const applied = new Map(
        rows.filter((row) => row.finished_at !== null).map((row) => [row.migration_name, row]),
      );
      for (const name of applied.keys()) {
        if (!all.some((migration) => migration.name === name)) {
          throw new MigrationError(
            `La migration ${name} est appliquée à la base mais absente de prisma/migrations.`,
          );
        }
      }

      const done: string[] = [];
      for (const migration of all) {
        const row = applied.get(migration.name);
        if (row) {
          if (row.checksum !== migration.checksum) {
            throw new MigrationError(
              `La migration ${migration.name} a été modifiée après avoir été appliquée.`,
            );
          }
          continue;
        }
        await connection.exec("BEGIN");
        try {
          await connection.exec(migration.script);
          await connection.query(
            `INSERT INTO "_prisma_migrations"
               (id, checksum, migration_name, started_at, finished_at, applied_steps_count)
             VALUES ($1, $2, $3, now(), now(), 1)`,
            [randomUUID(), migration.checksum, migration.name],
          );
          await connection.exec("COMMIT");
        } catch (error) {
          await connection.exec("ROLLBACK");
          throw new MigrationError(
            `La migration ${migration.name} a échoué : ${(error as Error).message}`,
          );
        }
        done.push(migration.name);
      }
      return done;
    } finally {
      await connection.query("SELECT pg_advisory_unlock($1)", [PRISMA_MIGRATE_LOCK_KEY]);
    }
  } finally {
    await connection.release();
  }
}
