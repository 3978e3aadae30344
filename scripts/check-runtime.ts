/**
 * Proves the Dockerfile's promise without a Docker engine: the runtime file set (dist/runtime, see
 * scripts/runtime-files.ts) is copied alone into a temporary folder, root-owned and read-only but
 * for .data, as in the image; the server starts from it as an unprivileged user (nobody, when run as
 * root) in production mode on an empty embedded database, applies the migrations, and answers
 * /healthz, the home page and a static asset. Fails if the set weighs more than 150 MB.
 */
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { chmod, chown, cp, mkdir, mkdtemp, readdir, readFile, rm, stat } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { DEMO_SECRETS } from "../app/server/env.server";

const MAX_BYTES = 150 * 1024 * 1024;
const START_TIMEOUT_MS = 60_000;
const NOBODY = 65534;

const source = path.resolve(process.argv[2] ?? "dist/runtime");

async function sizeOf(dir: string): Promise<{ bytes: number; files: number }> {
  let bytes = 0;
  let files = 0;
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    bytes += (await stat(path.join(entry.parentPath, entry.name))).size;
    files += 1;
  }
  return { bytes, files };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() =>
        typeof address === "object" && address ? resolve(address.port) : reject(new Error()),
      );
    });
  });
}

function fail(message: string): never {
  throw new Error(message);
}

const { bytes, files } = await sizeOf(source).catch(() =>
  fail(`${source} est absent : lancez d'abord npm run build:runtime`),
);
const megabytes = (bytes / 1024 / 1024).toFixed(1);
console.log(`Ensemble d'exécution : ${files} fichiers, ${megabytes} Mo (limite 150 Mo)`);
if (bytes > MAX_BYTES) fail(`l'ensemble d'exécution pèse ${megabytes} Mo, plus que 150 Mo`);

// Alone in a folder of its own: no node_modules above it to fall back on.
const parent = await mkdtemp(path.join(tmpdir(), "aj-runtime-"));
const app = path.join(parent, "app");
await chmod(parent, 0o755);
await cp(source, app, { recursive: true });
for (const ancestor of [app, parent, path.dirname(parent)]) {
  if (await stat(path.join(ancestor, "node_modules")).catch(() => null)) {
    if (ancestor !== app) fail(`${ancestor}/node_modules existe : le test ne serait pas isolé`);
  }
}
const asRoot = process.getuid?.() === 0;
await mkdir(path.join(app, ".data"));
if (asRoot) await chown(path.join(app, ".data"), NOBODY, NOBODY);

const port = await freePort();
const base = `http://127.0.0.1:${port}`;
const server = spawn(process.execPath, ["--enable-source-maps", "build/index.js"], {
  cwd: app,
  ...(asRoot ? { uid: NOBODY, gid: NOBODY } : {}),
  env: {
    PATH: "/usr/bin:/bin",
    HOME: path.join(app, ".data"),
    ...DEMO_SECRETS,
    SESSION_SECRET: randomBytes(32).toString("base64url"),
    NODE_ENV: "production",
    // The demo values of the other secrets: accepted only in the demonstration mode.
    DEMO_MODE: "true",
    HOST: "127.0.0.1",
    PORT: String(port),
    APP_URL: `http://localhost:${port}`,
    EMBEDDED_DB_DIR: ".data/pglite",
    MIGRATE_ON_START: "true",
    LOG_LEVEL: "info",
  },
  stdio: ["ignore", "pipe", "pipe"],
});
let output = "";
server.stdout.on("data", (chunk) => {
  output += chunk;
});
server.stderr.on("data", (chunk) => {
  output += chunk;
});
const exited = new Promise<number | null>((resolve) => server.once("exit", resolve));

async function get(url: string): Promise<Response> {
  return fetch(url, { signal: AbortSignal.timeout(10_000) });
}

try {
  const deadline = Date.now() + START_TIMEOUT_MS;
  let health: Response | null = null;
  while (Date.now() < deadline && server.exitCode === null) {
    health = await get(`${base}/healthz`).catch(() => null);
    if (health?.ok) break;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  if (!health?.ok) fail(`/healthz n'a pas répondu 200 en ${START_TIMEOUT_MS / 1000} s`);
  const body = await health.json();
  if (body.status !== "ok") fail(`/healthz : ${JSON.stringify(body)}`);
  console.log(`/healthz : ${JSON.stringify(body)}`);

  const uid = /^Uid:\s+(\d+)/m.exec(await readFile(`/proc/${server.pid}/status`, "utf8"))?.[1];
  if (uid === "0") fail("le serveur tourne en root");
  console.log(`Serveur lancé sous l'utilisateur ${uid}`);
  if (!/migrations appliquées/.test(output)) fail("aucune migration appliquée au démarrage");

  const home = await get(`${base}/`);
  const html = await home.text();
  if (home.status !== 200 || !html.includes("aide juridictionnelle")) {
    fail(`page d'accueil : ${home.status}`);
  }
  // In production the modulepreload links wait, inert, for the first paint (decision 041).
  const script = /<link data-deferred-modulepreload href="(\/build\/[^"]+\.js)"/.exec(html)?.[1];
  const stylesheet = /<link rel="stylesheet" href="(\/dsfr\/[^"]+\.css[^"]*)"/.exec(html)?.[1];
  for (const asset of [script, stylesheet]) {
    if (!asset) fail("la page d'accueil ne référence pas ses ressources statiques");
    const response = await get(`${base}${asset}`);
    if (response.status !== 200) fail(`${asset} : ${response.status}`);
    await response.arrayBuffer();
  }
  console.log("Accueil et ressources statiques servis : l'ensemble d'exécution se suffit");
} catch (error) {
  console.error(output);
  throw error;
} finally {
  server.kill("SIGTERM");
  await exited;
  await rm(parent, { recursive: true, force: true });
}
