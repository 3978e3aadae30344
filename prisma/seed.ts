/**
 * `npm run db:seed`: migrates the configured database, then loads the demo data (idempotent).
 */
import { openDatabase } from "~/server/db/connection.server";
import { applyMigrations } from "~/server/db/migrate.server";
import { databaseTarget, getEnv } from "~/server/env.server";
import { seed } from "./seed/seed";

const db = openDatabase(databaseTarget(getEnv()));
try {
  await applyMigrations(db);
  const report = await seed(db.prisma);
  console.log(
    `Données de démonstration : ${report.courts} tribunaux, ${report.agents} agents, ` +
      `${report.applicationsCreated} demande(s) d'exemple créée(s).`,
  );
} finally {
  await db.close();
}
