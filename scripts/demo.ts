/**
 * `npm run demo`: the whole service on this machine, with nothing else to install.
 * Builds the app, creates, migrates and seeds the embedded database (or DATABASE_URL), then starts
 * the server in production mode. Ctrl+C stops everything.
 */
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { openDatabase } from "~/server/db/connection.server";
import { applyMigrations } from "~/server/db/migrate.server";
import { databaseTarget, EnvError, getEnv } from "~/server/env.server";
import { seed } from "../prisma/seed/seed";

function step(message: string) {
  console.log(`\n▶ ${message}`);
}

let env: ReturnType<typeof getEnv>;
try {
  env = getEnv();
} catch (error) {
  console.error(error instanceof EnvError ? error.message : error);
  process.exit(1);
}

step("Compilation de l'application");
const build = spawnSync("npm", ["run", "build"], { stdio: "inherit" });
if (build.status !== 0) process.exit(build.status ?? 1);

step("Base de données : migrations et données de démonstration");
const db = openDatabase(databaseTarget(env));
try {
  const applied = await applyMigrations(db);
  console.log(applied.length ? `Migrations appliquées : ${applied.join(", ")}` : "Base à jour.");
  const report = await seed(db.prisma);
  console.log(
    `${report.courts} tribunaux, ${report.agents} agents, ` +
      `${report.applicationsCreated} demande(s) d'exemple créée(s).`,
  );
} finally {
  await db.close();
}

step("Démarrage des services");
const children: ChildProcess[] = [
  spawn(process.execPath, ["--enable-source-maps", "build/index.js"], {
    stdio: "inherit",
    env: { ...process.env, NODE_ENV: "production" },
  }),
];

let stopping = false;
function stop(code: number) {
  if (stopping) return;
  stopping = true;
  for (const child of children) child.kill("SIGTERM");
  setTimeout(() => process.exit(code), 5_000).unref();
  Promise.all(children.map((c) => new Promise((resolve) => c.once("exit", resolve)))).then(() =>
    process.exit(code),
  );
}
for (const child of children) {
  child.on("exit", (code) => {
    if (!stopping) {
      console.error(`Un service s'est arrêté (code ${code}) : arrêt de la démonstration.`);
      stop(code ?? 1);
    }
  });
}
process.on("SIGINT", () => stop(0));
process.on("SIGTERM", () => stop(0));
