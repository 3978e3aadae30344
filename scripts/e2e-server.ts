/**
 * What the end-to-end tests run against: a fresh seeded database, the local FranceConnect and DGFiP, the
 * production build (ports PORT, PORT + 1, PORT + 2).
 */
import { rm } from "node:fs/promises";
import { databaseTarget, getEnv } from "~/server/env.server";
import { demoServices, prepareDatabase, runServices } from "./lib/services";

const env = getEnv();
const target = databaseTarget(env);
if (target.kind === "embedded") await rm(target.dataDir, { recursive: true, force: true });
await prepareDatabase(env);
runServices(demoServices(env, { app: env.PORT, franceConnect: env.PORT + 1, dgfip: env.PORT + 2 }));
