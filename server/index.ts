/**
 * HTTP server: validates the configuration, migrates the database, then serves the Remix app with
 * compression and long-lived caching of static assets. Compiled with the app (remix.config.js).
 */

import * as build from "@remix-run/dev/server-build";
import { broadcastDevReady } from "@remix-run/node";
import compression from "compression";
import express from "express";
import expressStaticGzip from "express-static-gzip";
import { applyMigrations } from "~/server/db/migrate.server";
import { getDatabase } from "~/server/db.server";
import { getEnvOrExit } from "~/server/env.server";
import { JDMA_ORIGIN } from "~/server/feedback.server";
import { startJobs } from "~/server/jobs.server";
import { log } from "~/server/log.server";
import { getNotifications, periodicJobs } from "~/server/services.server";
import {
  cspNonce,
  finalErrorHandler,
  pastStaticFiles,
  requestGuards,
  requestIdOf,
  requestIds,
  securityHeaders,
} from "./http-guards";
import { PageCache } from "./page-cache";
import { rateLimitRules, rateLimits } from "./rate-limits";
import { createRequestHandler } from "./request-handler";

/** A form is a few kilobytes; a long message to the BAJ, a few tens. */
const MAX_BODY_BYTES = 1024 * 1024;

const env = getEnvOrExit();
const database = getDatabase();

if (database.target.kind === "embedded") {
  log().info(
    { dataDir: database.target.dataDir },
    "Base de données embarquée (PGlite) ; pour la production, définissez DATABASE_URL (PostgreSQL)",
  );
}
if (env.MIGRATE_ON_START) {
  const applied = await applyMigrations(database);
  if (applied.length) log().info({ migrations: applied }, "migrations appliquées");
}

// Mails queued in the outbox (also those left by a previous run) go out from here.
const notifications = getNotifications();
notifications.start();
// Checkpoints of the audit trail, reply deadlines, retention: once per period across instances.
const jobs = env.JOBS_ENABLED ? startJobs(database.prisma, periodicJobs()) : null;

const app = express();
app.disable("x-powered-by");
// The client's address (rate limits) as the trusted proxies in front of the service report it.
app.set("trust proxy", env.TRUST_PROXY);
const guardOptions = {
  appUrl: env.APP_URL,
  https: env.APP_URL.startsWith("https:"),
  development: env.NODE_ENV === "development",
  // The observatory's « Je donne mon avis » button image, when the button is configured.
  imageOrigins: env.JDMA_DEMARCHE_ID ? [JDMA_ORIGIN] : [],
  maxBodyBytes: MAX_BODY_BYTES,
};
app.use(securityHeaders(guardOptions));
app.use(compression());
// Compressed at build time (scripts/precompress.ts): the .br or .gz copy the browser accepts.
const precompressed = (
  folder: string,
  options: expressStaticGzip.ExpressStaticGzipOptions["serveStatic"],
) =>
  expressStaticGzip(folder, {
    enableBrotli: true,
    orderPreference: ["br", "gz"],
    index: false,
    serveStatic: options,
  });
// Fingerprinted by the Remix compiler: cache forever. Never asked again, so without the validators
// (ETag, Last-Modified) nor ranges, about 90 bytes less on each of the 20 to 30 files of a page.
app.use(
  "/build",
  precompressed("public/build", {
    immutable: true,
    maxAge: "1y",
    etag: false,
    lastModified: false,
    acceptRanges: false,
  }),
);
// DSFR assets change only with the DSFR version (links carry ?v=<version>).
app.use("/dsfr", precompressed("public/dsfr", { maxAge: "7d" }));
app.use(express.static("public", { maxAge: "1h", index: false }));
app.use(pastStaticFiles);
// Browsers ask for /favicon.ico whatever the page links to.
app.get("/favicon.ico", (_req, res) => res.redirect(301, "/dsfr/favicon/favicon.ico"));
// Past the static files: an id (and an access line) for each request the application serves.
app.use(requestIds({ serverTiming: env.SERVER_TIMING }));
const guards = requestGuards(guardOptions);
app.use(guards.early);
app.use(
  rateLimits(
    database.prisma,
    rateLimitRules({
      loginsPerIp: env.RATE_LIMIT_LOGINS_PER_IP,
      postsPerIp: env.RATE_LIMIT_POSTS_PER_IP,
    }),
  ),
);
app.use(guards.body);
app.all(
  "*",
  createRequestHandler({
    build,
    mode: build.mode,
    getLoadContext: (_req, res) => ({ cspNonce: cspNonce(res), requestId: requestIdOf(res) }),
    // Not under `remix dev`: a page edited must show at once.
    pageCache: new PageCache({
      ttlMs: env.NODE_ENV === "development" ? 0 : env.PAGE_CACHE_SECONDS * 1000,
    }),
  }),
);
app.use(finalErrorHandler);

const server = app.listen(env.PORT, env.HOST, () => {
  log().info({ port: env.PORT }, `Aide juridictionnelle : http://localhost:${env.PORT}`);
  // Under `remix dev`, tell the dev server that the new build is live (live reload). Read at run
  // time: the compiler replaces `process.env.REMIX_DEV_ORIGIN` with a build-time value.
  const { REMIX_DEV_ORIGIN } = process.env;
  if (REMIX_DEV_ORIGIN) void broadcastDevReady(build, REMIX_DEV_ORIGIN);
});

let stopping = false;
async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  log().info({ signal }, "arrêt");
  server.close();
  await notifications.stop();
  await jobs?.stop();
  // Closing flushes the embedded database to disk.
  await database.close();
  process.exit(0);
}
process.on("SIGINT", () => void shutdown("SIGINT"));
process.on("SIGTERM", () => void shutdown("SIGTERM"));
