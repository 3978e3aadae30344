/**
 * Starts what the end-to-end tests run against: a fresh seeded database, then the production build.
 */
import { spawn } from "node:child_process";
import { rm } from "node:fs/promises";
import { openDatabase } from "~/server/db/connection.server";
import { applyMigrations } from "~/server/db/migrate.server";
import { databaseTarget, getEnv } from "~/server/env.server";
import { seed } from "../prisma/seed/seed";

const env = getEnv();
const target = databaseTarget(env);
if (target.kind === "embedded") await rm(target.dataDir, { recursive: true, force: true });
const db = openDatabase(target);
await applyMigrations(db);
await seed(db.prisma);
await db.close();

const server = spawn(process.execPath, ["--enable-source-maps", "build/index.js"], {
  stdio: "inherit",
});
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => server.kill(signal));
}
server.on("exit", (code) => process.exit(code ?? 0));
