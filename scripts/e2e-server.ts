/**
 * What the end-to-end tests run against: a fresh seeded database, the local FranceConnect,
 * ProConnect, DGFiP and France Travail, the production build, and the SMTP catcher (ports PORT to
 * PORT + 6).
 *
 * With E2E_INSTANCES=2 (PostgreSQL only, CI's second pass): two processes of the app on one
 * database (ports PORT + 10 and PORT + 11), started at once on a database without tables so that
 * they migrate it together, then the seeds, then a round-robin proxy on PORT in front of them: every
 * journey goes through both (tests/e2e/cluster.check.ts checks what they shared).
 */
import { rm } from "node:fs/promises";
import { z } from "zod";
import { databaseTarget, getEnv } from "~/server/env.server";
import { startRoundRobinProxy } from "./lib/round-robin-proxy";
import {
  consecutivePorts,
  demoServices,
  prepareDatabase,
  runServices,
  waitForHealth,
} from "./lib/services";

const env = getEnv();
const instances = z.coerce
  .number()
  .int()
  .min(1)
  .max(4)
  .default(1)
  .parse(process.env.E2E_INSTANCES || undefined);
const target = databaseTarget(env);
if (target.kind === "embedded") await rm(target.dataDir, { recursive: true, force: true });
// A fresh log for the suite (tests/e2e/logs.check.ts reads it), one per instance.
const logFiles = instanceLogFiles(env.LOG_FILE, instances);
for (const file of [env.LOG_FILE, ...instanceLogFiles(env.LOG_FILE, 4)]) {
  if (file) await rm(file, { force: true });
}

const ports = consecutivePorts(env.PORT);

if (instances === 1) {
  await prepareDatabase(env);
  runServices(demoServices(env, ports));
} else {
  if (target.kind === "embedded") {
    console.error("E2E_INSTANCES > 1 demande une base PostgreSQL partagée (DATABASE_URL).");
    process.exit(1);
  }
  const upstreams = logFiles.map((_, index) => env.PORT + 10 + index);
  runServices(
    demoServices(
      env,
      ports,
      upstreams.map((port, index) => ({ port, logFile: logFiles[index] })),
    ),
  );
  // Each instance migrates at start (MIGRATE_ON_START): they meet on the advisory lock.
  await Promise.all(upstreams.map((port) => waitForHealth(`http://127.0.0.1:${port}/healthz`)));
  await prepareDatabase(env);
  await startRoundRobinProxy({
    port: env.PORT,
    upstreams: upstreams.map((port) => `http://127.0.0.1:${port}`),
  });
  console.log(`Répartiteur sur ${env.PORT} devant ${upstreams.join(", ")}`);
}

/** `e2e-server.log` → `e2e-server.1.log`, `e2e-server.2.log`… when there are several instances. */
function instanceLogFiles(file: string | undefined, count: number): (string | undefined)[] {
  if (count === 1) return [file];
  return Array.from({ length: count }, (_, index) =>
    file ? file.replace(/(\.log)?$/, `.${index + 1}.log`) : undefined,
  );
}
