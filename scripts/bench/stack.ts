/**
 * The service as the benchmark measures it: the production build (`npm run build` first) with the
 * local FranceConnect, ProConnect, DGFiP, France Travail and SMTP catcher, on a fresh database
 * seeded as the demo is (samples and 3,000 generated applications), with Server-Timing on and the
 * per-address rate limits out of the way (every request comes from 127.0.0.1). Their output goes
 * to .data/bench/services.log.
 */
import { openSync } from "node:fs";
import { mkdir, rm } from "node:fs/promises";
import { databaseTarget, getEnv } from "~/server/env.server";
import {
  consecutivePorts,
  demoServices,
  prepareDatabase,
  startServices,
  waitForHealth,
} from "../lib/services";

export type Stack = {
  base: string;
  /** The app's process id, whose memory is read from /proc. */
  appPid: number;
  stop(): Promise<void>;
};

export async function startStack(options: { port: number; databaseUrl?: string }): Promise<Stack> {
  await mkdir(".data/bench", { recursive: true });
  Object.assign(process.env, {
    PORT: String(options.port),
    EMBEDDED_DB_DIR: ".data/bench/pglite",
    DATABASE_URL: options.databaseUrl ?? "",
    SERVER_TIMING: "true",
    RATE_LIMIT_LOGINS_PER_IP: "1000000",
    RATE_LIMIT_POSTS_PER_IP: "1000000",
    JOBS_ENABLED: "false",
  });
  const env = getEnv();
  const target = databaseTarget(env);
  if (target.kind === "embedded") await rm(target.dataDir, { recursive: true, force: true });
  await prepareDatabase(env, { generated: 3_000 });
  const ports = consecutivePorts(env.PORT);
  const output = openSync(".data/bench/services.log", "w");
  const running = startServices(demoServices(env, ports), { stdio: ["ignore", output, output] });
  const base = `http://localhost:${ports.app}`;
  try {
    for (const url of [
      `${base}/healthz`,
      `http://localhost:${ports.franceConnect}/api/v2/.well-known/openid-configuration`,
      `http://localhost:${ports.proConnect}/api/v2/.well-known/openid-configuration`,
      `http://localhost:${ports.dgfip}/jwks`,
      `http://localhost:${ports.franceTravail}/jwks`,
    ]) {
      await waitForHealth(url);
    }
  } catch (error) {
    await running.stop();
    throw new Error(
      `${error instanceof Error ? error.message : error} : voir .data/bench/services.log`,
    );
  }
  const app = running.children.get("app");
  if (!app?.pid) throw new Error("le serveur de l'application n'a pas démarré");
  return { base, appPid: app.pid, stop: () => running.stop() };
}
