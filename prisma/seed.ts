/**
 * `npm run db:seed`: migrates the configured database, then loads the demo data (idempotent).
 * `npm run db:seed -- --applications 1200000 [--seed 42]`: then also generates that many submitted
 * applications, to try the agents' queue at national scale (prisma/seed/scale.ts).
 */
import { parseArgs } from "node:util";
import { openDatabase } from "~/server/db/connection.server";
import { applyMigrations } from "~/server/db/migrate.server";
import { databaseTarget, getEnv } from "~/server/env.server";
import { generateApplications } from "./seed/scale";
import { seed } from "./seed/seed";

function options() {
  const usage = "Usage : npm run db:seed [-- --applications <nombre> [--seed <entier>]]";
  try {
    const { values } = parseArgs({
      options: { applications: { type: "string" }, seed: { type: "string" } },
      strict: true,
    });
    const applications = values.applications === undefined ? 0 : Number(values.applications);
    const seedValue = values.seed === undefined ? 1 : Number(values.seed);
    if (!Number.isSafeInteger(applications) || applications < 0) {
      throw new Error(`nombre de demandes invalide : ${values.applications}`);
    }
    if (!Number.isSafeInteger(seedValue)) throw new Error(`graine invalide : ${values.seed}`);
    return { applications, seed: seedValue };
  } catch (error) {
    // parseArgs speaks English: say it in French.
    const parse =
      error instanceof Error && "code" in error && String(error.code).startsWith("ERR_PARSE_ARGS");
    const message = parse
      ? `arguments invalides : ${process.argv.slice(2).join(" ")}`
      : error instanceof Error
        ? error.message
        : String(error);
    console.error(`${message[0]?.toUpperCase()}${message.slice(1)}.\n${usage}`);
    process.exit(2);
  }
}

const number = new Intl.NumberFormat("fr-FR");
const duration = (ms: number) => {
  const seconds = Math.round(ms / 1000);
  return seconds < 60 ? `${seconds} s` : `${Math.floor(seconds / 60)} min ${seconds % 60} s`;
};

const { applications, seed: seedValue } = options();
const db = openDatabase(databaseTarget(getEnv()));
try {
  await applyMigrations(db);
  const report = await seed(db.prisma);
  console.log(
    `Données de démonstration : ${report.courts} tribunaux, ${report.agents} agents, ` +
      `${report.applicationsCreated} demande(s) d'exemple créée(s).`,
  );
  if (applications > 0) {
    const started = Date.now();
    console.log(`Génération de ${number.format(applications)} demandes (graine ${seedValue})…`);
    await generateApplications(db, applications, {
      seed: seedValue,
      onProgress: (done) =>
        console.log(
          `  ${number.format(done)} / ${number.format(applications)} ` +
            `(${Math.round((100 * done) / applications)} %, ${duration(Date.now() - started)})`,
        ),
    });
    console.log(
      `${number.format(applications)} demandes générées en ${duration(Date.now() - started)} ` +
        "(statistiques du planificateur à jour).",
    );
  }
} finally {
  await db.close();
}
