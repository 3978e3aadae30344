/**
 * `npm run demo`: the whole service on this machine, with nothing else to install.
 * Builds the app, creates, migrates and seeds the embedded database (or DATABASE_URL), then starts
 * the local FranceConnect, ProConnect, DGFiP and France Travail and the app in production mode.
 * Ctrl+C stops everything.
 */
import { spawnSync } from "node:child_process";
import { getEnvOrExit } from "~/server/env.server";
import { demoServices, prepareDatabase, runServices } from "./lib/services";

const env = getEnvOrExit();

console.log("\n▶ Compilation de l'application");
const build = spawnSync("npm", ["run", "build"], { stdio: "inherit" });
if (build.status !== 0) process.exit(build.status ?? 1);

console.log("\n▶ Base de données");
// A few thousand generated applications besides the samples: a BAJ's queue and statistics.
console.log(await prepareDatabase(env, { generated: 3000 }));

const ports = {
  app: env.PORT,
  franceConnect: Number(process.env.FC_MOCK_PORT ?? 3001),
  proConnect: Number(process.env.PC_MOCK_PORT ?? 3003),
  dgfip: Number(process.env.DGFIP_MOCK_PORT ?? 3002),
  franceTravail: Number(process.env.FT_MOCK_PORT ?? 3006),
  smtp: 1025,
  inbox: 1080,
};
console.log(`
▶ Démarrage
  Application            http://localhost:${ports.app}
  FranceConnect (local)  http://localhost:${ports.franceConnect}/api/v2 — identité de test : « DUBOIS Angela Claire Louise », ou test / 123
  ProConnect (local)     http://localhost:${ports.proConnect}/api/v2 — agents de test : espace des agents http://localhost:${ports.app}/bureau
  DGFiP (locale)         http://localhost:${ports.dgfip} — API Impôt particulier ; pannes simulables : PUT /__faults
  France Travail (local) http://localhost:${ports.franceTravail} — API Liste des paiements ; demandeuse d'emploi : « LAMBERT Sophie », ou perte_emploi / 123
  Courriels (maildev)    http://localhost:${ports.inbox} — les courriels envoyés aux demandeurs
`);
runServices(demoServices(env, ports));
