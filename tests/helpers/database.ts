/**
 * A fresh, migrated database per test file: an in-memory PGlite by default, or, when
 * TEST_DATABASE_URL points at a PostgreSQL server, a new database created on it and dropped after.
 */
import { randomBytes } from "node:crypto";
import { type Database, openDatabase } from "~/server/db/connection.server";
import { applyMigrations } from "~/server/db/migrate.server";
import { queryOnce } from "../../scripts/lib/pg-once";

export async function createTestDatabase(options: { migrate?: boolean } = {}): Promise<Database> {
  const serverUrl = process.env.TEST_DATABASE_URL;
  let db: Database;
  let drop = async () => {};
  if (serverUrl) {
    const name = `aj_test_${randomBytes(6).toString("hex")}`;
    await queryOnce(serverUrl, `CREATE DATABASE "${name}"`);
    const url = new URL(serverUrl);
    url.pathname = `/${name}`;
    db = openDatabase({ kind: "postgres", url: url.toString() });
    drop = async () => {
      await queryOnce(serverUrl, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    };
  } else {
    db = openDatabase({ kind: "embedded", dataDir: "memory://" });
  }
  if (options.migrate ?? true) await applyMigrations(db);
  return {
    ...db,
    async close() {
      await db.close();
      await drop();
    },
  };
}
