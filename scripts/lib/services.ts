/**
 * Starting the app and its local stand-ins as child processes, for the demo and the end-to-end
 * tests; stopping them all when one stops or on Ctrl+C.
 */
import { type ChildProcess, type StdioOptions, spawn } from "node:child_process";
import path from "node:path";
import { openDatabase } from "~/server/db/connection.server";
import { applyMigrations } from "~/server/db/migrate.server";
import { databaseTarget, type Env } from "~/server/env.server";
import { DEMO_DATA_PROVIDER } from "../../mocks/dgfip/config";
import { DEMO_FT_DATA_PROVIDER } from "../../mocks/france-travail/config";
import { generateApplications } from "../../prisma/seed/scale";
import { seed } from "../../prisma/seed/seed";

export type Service = { name: string; args: string[]; env: Record<string, string> };

/**
 * Migrates and seeds the configured database; with `generated`, also generates applications until
 * the database holds that many (the demo's statistics and queue then have something to show).
 * Returns a one-line report.
 */
export async function prepareDatabase(
  env: Env,
  options: { generated?: number } = {},
): Promise<string> {
  const db = openDatabase(databaseTarget(env));
  try {
    const applied = await applyMigrations(db);
    const report = await seed(db.prisma);
    const existing = await db.prisma.application.count();
    const missing = Math.max(0, (options.generated ?? 0) - existing);
    if (missing > 0) await generateApplications(db, missing, { seed: existing });
    return (
      `${applied.length ? `migrations appliquées : ${applied.join(", ")} ; ` : ""}` +
      `${report.courts} tribunaux, ${report.agents} agents, ` +
      `${report.applicationsCreated} demande(s) d'exemple créée(s)` +
      (missing > 0 ? `, ${missing} demandes générées sur les douze derniers mois` : "")
    );
  } finally {
    await db.close();
  }
}

export type DemoPorts = {
  app: number;
  franceConnect: number;
  proConnect: number;
  dgfip: number;
  /** The local France Travail (API Liste des paiements). */
  franceTravail: number;
  /** Local SMTP catcher (maildev): SMTP and web inbox. */
  smtp: number;
  inbox: number;
};

/** The demo's ports from `base`: the app on it, the stand-ins on the next six. */
export function consecutivePorts(base: number): DemoPorts {
  return {
    app: base,
    franceConnect: base + 1,
    dgfip: base + 2,
    smtp: base + 3,
    inbox: base + 4,
    proConnect: base + 5,
    franceTravail: base + 6,
  };
}

/** Waits until `url` answers 2xx; throws after `timeoutMs`. */
export async function waitForHealth(url: string, timeoutMs = 90_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    const ok = await fetch(url).then(
      (response) => response.ok,
      () => false,
    );
    if (ok) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`${url} ne répond pas`);
}

/**
 * The local stand-ins of the State's services: FranceConnect, the DGFiP and France Travail
 * registered at it as data providers, ProConnect for the agents, and an SMTP catcher.
 */
export function stateServices(ports: DemoPorts): Service[] {
  const issuer = `http://localhost:${ports.franceConnect}/api/v2`;
  const dgfipUrl = `http://localhost:${ports.dgfip}`;
  const ftUrl = `http://localhost:${ports.franceTravail}`;
  // The DGFiP and France Travail are data providers registered at FranceConnect (for checktoken).
  const dataProviders = [
    { ...DEMO_DATA_PROVIDER, jwks_uri: `${dgfipUrl}/jwks` },
    { ...DEMO_FT_DATA_PROVIDER, jwks_uri: `${ftUrl}/jwks` },
  ];
  return [
    {
      name: "franceconnect",
      args: ["--import", "tsx", "mocks/franceconnect/server.ts"],
      env: {
        FC_MOCK_PORT: String(ports.franceConnect),
        FC_MOCK_ISSUER: issuer,
        FC_MOCK_DATA_PROVIDERS: JSON.stringify(dataProviders),
        APP_URL: `http://localhost:${ports.app}`,
      },
    },
    {
      name: "proconnect",
      args: ["--import", "tsx", "mocks/proconnect/server.ts"],
      env: {
        PC_MOCK_PORT: String(ports.proConnect),
        PC_MOCK_ISSUER: `http://localhost:${ports.proConnect}/api/v2`,
        APP_URL: `http://localhost:${ports.app}`,
      },
    },
    {
      name: "dgfip",
      args: ["--import", "tsx", "mocks/dgfip/server.ts"],
      env: { DGFIP_MOCK_PORT: String(ports.dgfip), DGFIP_MOCK_FC_ISSUER: issuer },
    },
    {
      name: "france-travail",
      args: ["--import", "tsx", "mocks/france-travail/server.ts"],
      env: { FT_MOCK_PORT: String(ports.franceTravail), FT_MOCK_FC_ISSUER: issuer },
    },
    {
      name: "maildev",
      args: [
        // Its CLI is not an export of the package: run it through npm's bin link.
        path.resolve("node_modules/.bin/maildev"),
        "--smtp",
        String(ports.smtp),
        "--web",
        String(ports.inbox),
        "--ip",
        "127.0.0.1",
        "--web-ip",
        "127.0.0.1",
      ],
      env: {},
    },
  ];
}

/** An instance of the app behind a proxy: its own port and log file. */
export type Instance = { port: number; logFile?: string };

/**
 * The demo: the stand-ins, then the app's production build wired to them. With `instances`,
 * several processes of the app on their own ports, each believing it is `ports.app` (where a proxy
 * in front of them listens).
 */
export function demoServices(env: Env, ports: DemoPorts, instances?: Instance[]): Service[] {
  return [
    ...stateServices(ports),
    ...(instances ?? [{ port: ports.app }]).map((instance, index, all) => ({
      name: all.length > 1 ? `app-${index + 1}` : "app",
      args: ["--enable-source-maps", "build/index.js"],
      env: {
        ...(instance.logFile ? { LOG_FILE: instance.logFile } : {}),
        ...(all.length > 1 ? { HOST: "127.0.0.1" } : {}),
        NODE_ENV: "production",
        // The local demonstration: its published demo values are accepted (never in production).
        DEMO_MODE: "true",
        PORT: String(instance.port),
        APP_URL: `http://localhost:${ports.app}`,
        FC_ISSUER: `http://localhost:${ports.franceConnect}/api/v2`,
        PROCONNECT_ISSUER: `http://localhost:${ports.proConnect}/api/v2`,
        DGFIP_API_URL: `http://localhost:${ports.dgfip}`,
        FRANCE_TRAVAIL_API_URL: `http://localhost:${ports.franceTravail}`,
        SMTP_URL: `smtp://127.0.0.1:${ports.smtp}`,
        // The demo values of the development configuration (DEMO ONLY, see .env.example).
        FC_CLIENT_ID: env.FC_CLIENT_ID,
        FC_CLIENT_SECRET: env.FC_CLIENT_SECRET,
        PROCONNECT_CLIENT_ID: env.PROCONNECT_CLIENT_ID,
        PROCONNECT_CLIENT_SECRET: env.PROCONNECT_CLIENT_SECRET,
        SESSION_SECRET: env.SESSION_SECRET,
        DGFIP_CLIENT_ID: env.DGFIP_CLIENT_ID,
        DGFIP_CLIENT_SECRET: env.DGFIP_CLIENT_SECRET,
        AUDIT_SIGNING_KEY: env.AUDIT_SIGNING_KEY,
        // The app runs in production mode, where only the DGFiP is enabled by default.
        DATA_PROVIDERS: env.DATA_PROVIDERS.join(","),
        ...franceTravailCredentials(env),
        // « Je donne mon avis » (the observatory's test démarche in the demo).
        ...(env.JDMA_DEMARCHE_ID ? { JDMA_DEMARCHE_ID: env.JDMA_DEMARCHE_ID } : {}),
        ...(env.JDMA_BUTTON_ID ? { JDMA_BUTTON_ID: env.JDMA_BUTTON_ID } : {}),
      },
    })),
  ];
}

/** The app's France Travail credentials (demo values in development), when it is enabled. */
function franceTravailCredentials(env: Env): Record<string, string> {
  const { FRANCE_TRAVAIL_CLIENT_ID: id, FRANCE_TRAVAIL_CLIENT_SECRET: secret } = env;
  return id && secret ? { FRANCE_TRAVAIL_CLIENT_ID: id, FRANCE_TRAVAIL_CLIENT_SECRET: secret } : {};
}

export type RunningServices = {
  /** The processes, by service name. */
  children: Map<string, ChildProcess>;
  /** Stops them all (SIGTERM) and waits until they exited. */
  stop(): Promise<void>;
  /** Settles when a service stops before stop() was called, with its name and code. */
  failed: Promise<{ name: string; code: number | null }>;
};

/** Starts every service as a child process; their output goes to `stdio` (the terminal by default). */
export function startServices(
  services: Service[],
  options: { stdio?: StdioOptions } = {},
): RunningServices {
  const children = new Map<string, ChildProcess>();
  let stopping = false;
  let reportFailure: (failure: { name: string; code: number | null }) => void = () => {};
  const failed = new Promise<{ name: string; code: number | null }>((resolve) => {
    reportFailure = resolve;
  });
  for (const service of services) {
    const child = spawn(process.execPath, service.args, {
      stdio: options.stdio ?? "inherit",
      env: { ...process.env, ...service.env },
    });
    child.on("exit", (code) => {
      if (!stopping) reportFailure({ name: service.name, code });
    });
    children.set(service.name, child);
  }
  return {
    children,
    failed,
    async stop() {
      stopping = true;
      const exits = [...children.values()]
        .filter((child) => child.exitCode === null && child.signalCode === null)
        .map((child) => new Promise((resolve) => child.once("exit", resolve)));
      for (const child of children.values()) child.kill("SIGTERM");
      await Promise.race([
        Promise.all(exits),
        new Promise((resolve) => setTimeout(resolve, 5_000).unref()),
      ]);
    },
  };
}

/** Starts every service; if one stops, or on SIGINT/SIGTERM, stops them all and exits. */
export function runServices(services: Service[]): void {
  const running = startServices(services);
  let stopping = false;
  const stop = (code: number) => {
    if (stopping) return;
    stopping = true;
    void running.stop().then(() => process.exit(code));
  };
  void running.failed.then(({ name, code }) => {
    if (stopping) return;
    console.error(`Le service ${name} s'est arrêté (code ${code}) : arrêt.`);
    stop(code ?? 1);
  });
  process.on("SIGINT", () => stop(0));
  process.on("SIGTERM", () => stop(0));
}
