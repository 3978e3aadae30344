import { readFile } from "node:fs/promises";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import type { Database } from "~/server/db/connection.server";
import {
  applyMigrations,
  DEFAULT_MIGRATIONS_DIR,
  MigrationError,
  migrationChecksum,
  readMigrations,
} from "~/server/db/migrate.server";
import { diffMigrationsToSchema } from "../../scripts/lib/schema-engine";
import { createTestDatabase } from "../helpers/database";

let db: Database | undefined;
afterEach(async () => {
  await db?.close();
  db = undefined;
});

async function appliedRows(database: Database) {
  const connection = await database.connect();
  try {
    return await connection.query<{ migration_name: string; checksum: string; finished_at: Date }>(
      `SELECT migration_name, checksum, finished_at FROM "_prisma_migrations" ORDER BY migration_name`,
    );
  } finally {
    await connection.release();
  }
}

describe("migrations", () => {
  it("apply once, in order, recorded as Prisma records them", async () => {
    db = await createTestDatabase({ migrate: false });
    const migrations = await readMigrations();
    expect(migrations.length).toBeGreaterThan(0);

    expect(await applyMigrations(db)).toEqual(migrations.map((m) => m.name));
    expect(await applyMigrations(db)).toEqual([]);

    const rows = await appliedRows(db);
    expect(rows.map((r) => r.migration_name)).toEqual(migrations.map((m) => m.name));
    for (const [index, row] of rows.entries()) {
      const name = migrations[index]?.name as string;
      const script = await readFile(
        path.join(DEFAULT_MIGRATIONS_DIR, name, "migration.sql"),
        "utf8",
      );
      expect(row.checksum).toBe(migrationChecksum(script));
      expect(row.checksum).toMatch(/^[0-9a-f]{64}$/);
      expect(row.finished_at).not.toBeNull();
    }
    // The schema is usable through Prisma.
    expect(await db.prisma.court.count()).toBe(0);
  });

  it("refuse a migration modified after it was applied", async () => {
    db = await createTestDatabase();
    const migrations = await readMigrations();
    const tampered = migrations.map((m, i) =>
      i === 0 ? { ...m, checksum: migrationChecksum(`${m.script}\n-- edited`) } : m,
    );
    await expect(applyMigrations(db, tampered)).rejects.toThrow(
      /a été modifiée après avoir été appliquée/,
    );
  });

  it("roll back a failing migration entirely and record nothing", async () => {
    db = await createTestDatabase();
    const broken = {
      name: "99999999999999_broken",
      script: `CREATE TABLE "half_done" (id INT);\nSELECT * FROM "no_such_table";`,
      checksum: "",
    };
    broken.checksum = migrationChecksum(broken.script);
    const all = [...(await readMigrations()), broken];
    const error = await applyMigrations(db, all).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MigrationError);
    expect((error as Error).message).toMatch(/99999999999999_broken a échoué/);

    const connection = await db.connect();
    try {
      const tables = await connection.query(
        `SELECT 1 FROM pg_tables WHERE tablename = 'half_done'`,
      );
      expect(tables).toHaveLength(0);
    } finally {
      await connection.release();
    }
    expect((await appliedRows(db)).map((r) => r.migration_name)).not.toContain(broken.name);
  });

  it("refuse a database that has a migration unknown to this code", async () => {
    db = await createTestDatabase();
    const migrations = await readMigrations();
    await expect(applyMigrations(db, migrations.slice(0, -1))).rejects.toThrow(
      /absente de prisma\/migrations/,
    );
  });
});

describe("schema.prisma", () => {
  it("is exactly what the migrations build", async () => {
    expect(await diffMigrationsToSchema()).toBe("");
  });
});
