/**
 * The application's database, opened once per process from the configuration.
 */
import { type Database, openDatabase } from "./db/connection.server";
import { databaseTarget, getEnv } from "./env.server";

declare global {
  // Kept on globalThis so that `remix dev` rebuilds reuse the connection instead of opening another
  // (two PGlite instances on one directory would corrupt it).
  var __database: Database | undefined;
}

export function getDatabase(): Database {
  globalThis.__database ??= openDatabase(databaseTarget(getEnv()));
  return globalThis.__database;
}

export function prisma() {
  return getDatabase().prisma;
}
