/**
 * What the end-to-end tests run against: a fresh seeded database, the local FranceConnect, ProConnect and DGFiP, the
 * production build, and the SMTP catcher (ports PORT to PORT + 5).
 */
import { rm } from "node:fs/promises";
import { databaseTarget, getEnv } from "~/server/env.server";
import { demoServices, prepareDatabase, runServices } from "./lib/services";

const env = getEnv();
const target = databaseTarget(env);
if (target.kind === "embedded") await rm(target.dataDir, { recursive: true, force: true });
// A fresh log for the suite (tests/e2e/logs.check.ts reads it).
if (env.LOG_FILE) await rm(env.LOG_FILE, { force: true });
await prepareDatabase(env);
runServices(
  demoServices(env, {
    app: env.PORT,
    franceConnect: env.PORT + 1,
    dgfip: env.PORT + 2,
    smtp: env.PORT + 3,
    inbox: env.PORT + 4,
    proConnect: env.PORT + 5,
  }),
);
