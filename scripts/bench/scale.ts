/**
 * The back-office at national scale, without HTTP: the queue's statements (each tab, filters, name
 * searches, deep keyset pages, an agent of two courts, the counters) on `rows` generated
 * applications, p50/p95 over repeated runs with their query plans; the statistics page; the CSV
 * export (rows per second, the process's memory growth); a batch signing 1,000 decisions (or all
 * those waiting for a signature in Paris, if fewer), on a copy of the database.
 * The database is BENCH_DATABASE_URL (PostgreSQL), else an embedded one kept in
 * .data/bench/scale-<rows> between runs (generation takes minutes: done once).
 */

import { cp, rm } from "node:fs/promises";
import { parseQueueQuery, type QueueQuery } from "~/forms/queue";
import type { Prisma, PrismaClient } from "~/generated/prisma/client";
import { createBatch, processBatch } from "~/server/agent/batches.server";
import { type AgentContext, loadAgent } from "~/server/agent/context.server";
import { queueExportStream } from "~/server/agent/export.server";
import { queueCounts, queueCountsSql, queuePage, queueSql } from "~/server/agent/queue.server";
import { statisticsForAgent } from "~/server/agent/statistics.server";
import { summariseStatistics } from "~/server/agent/statistics-summary.server";
import { type DatabaseTarget, openDatabase } from "~/server/db/connection.server";
import { applyMigrations } from "~/server/db/migrate.server";
import { generateApplications } from "../../prisma/seed/scale";
import { seed } from "../../prisma/seed/seed";
import { queryOnce } from "../lib/pg-once";
import { explain, type PlanNode, planNodes } from "../lib/query-plan";
import { type Summary, summarize } from "./stats";

export type QueryResult = {
  label: string;
  ms: Summary;
  /** From EXPLAIN (ANALYZE): indexes read, sequential scans, planning and execution times, plan. */
  plan: {
    indexes: string[];
    seqScans: string[];
    planningMs: number;
    executionMs: number;
    plan: PlanNode;
  };
};

export type ScaleResult = {
  database: string;
  rows: number;
  generationS: number | null;
  queries: QueryResult[];
  statisticsMs: Summary;
  /** Bringing the statistics' summary up to date before they are measured (s). */
  summaryS: number;
  /** Speed and memory of a running service (median of three), and of the process's first export. */
  exports: {
    label: string;
    rows: number;
    rowsPerSecond: number;
    memoryGrowthMb: number;
    first: { rowsPerSecond: number; memoryGrowthMb: number };
  }[];
  batch: { decisions: number; seconds: number; perSecond: number } | null;
};

/** The plan of an executed statement (EXPLAIN ANALYZE): what the report says of it. */
async function planOf(prisma: PrismaClient, sql: Prisma.Sql): Promise<QueryResult["plan"]> {
  const explained = await explain(prisma, sql, { analyze: true });
  const all = planNodes(explained.Plan);
  return {
    indexes: [...new Set(all.flatMap((node) => (node["Index Name"] ? [node["Index Name"]] : [])))],
    seqScans: [
      ...new Set(
        all.flatMap((node) =>
          node["Node Type"] === "Seq Scan" && node["Relation Name"] ? [node["Relation Name"]] : [],
        ),
      ),
    ],
    planningMs: explained["Planning Time"] ?? Number.NaN,
    executionMs: explained["Execution Time"] ?? Number.NaN,
    plan: explained.Plan,
  };
}

async function timed(runs: number, fn: () => Promise<unknown>): Promise<Summary> {
  await fn();
  const times: number[] = [];
  for (let run = 0; run < runs; run++) {
    const started = performance.now();
    await fn();
    times.push(performance.now() - started);
  }
  return summarize(times);
}

export async function benchScale(options: {
  rows: number;
  runs: number;
  databaseUrl?: string;
  onStep?: (text: string) => void;
}): Promise<ScaleResult> {
  const step = options.onStep ?? (() => {});
  const dataDir = `.data/bench/scale-${options.rows}`;
  const db = openDatabase(
    options.databaseUrl
      ? { kind: "postgres", url: options.databaseUrl }
      : { kind: "embedded", dataDir },
  );
  const { prisma } = db;
  let closed = false;
  try {
    await applyMigrations(db);
    await seed(prisma);
    const existing = await prisma.application.count();
    let generationS: number | null = null;
    if (existing < options.rows) {
      step(`génération de ${(options.rows - existing).toLocaleString("fr-FR")} demandes`);
      const started = performance.now();
      await generateApplications(db, options.rows - existing, {
        seed: existing + 1,
        onProgress: (done) => step(`  ${done.toLocaleString("fr-FR")} demandes écrites`),
      });
      generationS = (performance.now() - started) / 1000;
    }
    await prisma.$executeRawUnsafe("ANALYZE");
    const agent = async (email: string) => {
      const found = await prisma.agent.findUniqueOrThrow({ where: { email } });
      const context = await loadAgent(prisma, found.id);
      if (!context) throw new Error(`${email} inactif`);
      return context;
    };
    const karim = await agent("karim.benali@justice.example"); // instructeur, Paris
    const lucas = await agent("lucas.moreau@justice.example"); // Lyon and Villefranche
    const camille = await agent("camille.martin@justice.example"); // présidente, Paris
    const marc = await agent("marc.dupuis@justice.example"); // national reader
    const query = (params: Record<string, string>) => parseQueueQuery(new URLSearchParams(params));

    /** The cursor of page `page` (1-based) of a query. */
    const cursorAt = async (who: AgentContext, params: Record<string, string>, page: number) => {
      let cursor: string | undefined;
      for (let index = 1; index < page; index++) {
        const result = await queuePage(prisma, who, { ...query(params), apres: cursor });
        cursor = result.next ?? undefined;
        if (!cursor) break;
      }
      return cursor;
    };

    const cases: { label: string; who: AgentContext; query: QueueQuery }[] = [];
    for (const onglet of [
      "a-traiter",
      "en-instruction",
      "en-attente",
      "a-signer",
      "traitees",
      "toutes",
    ]) {
      cases.push({ label: `Paris, onglet ${onglet}`, who: karim, query: query({ onglet }) });
    }
    cases.push(
      {
        label: "Paris, toutes, récentes d'abord",
        who: karim,
        query: query({ onglet: "toutes", tri: "recent" }),
      },
      {
        label: "Paris, toutes, inéligibles",
        who: karim,
        query: query({ onglet: "toutes", resultat: "INELIGIBLE" }),
      },
      {
        label: "Paris, toutes, urgentes, pénal",
        who: karim,
        query: query({ onglet: "toutes", urgent: "oui", nature: "PENAL" }),
      },
      {
        label: "Paris, toutes, suivies (présidente)",
        who: camille,
        query: query({ onglet: "toutes", suivies: "oui" }),
      },
      {
        label: "Paris, nom « martin », toutes",
        who: karim,
        query: query({ onglet: "toutes", q: "martin" }),
      },
      {
        label: "Paris, nom « ler », à traiter",
        who: karim,
        query: query({ onglet: "a-traiter", q: "ler" }),
      },
      {
        label: "Paris, toutes, page 2",
        who: karim,
        query: {
          ...query({ onglet: "toutes" }),
          apres: await cursorAt(karim, { onglet: "toutes" }, 2),
        },
      },
      {
        label: "Paris, toutes, page 40",
        who: karim,
        query: {
          ...query({ onglet: "toutes" }),
          apres: await cursorAt(karim, { onglet: "toutes" }, 40),
        },
      },
      { label: "Lyon et Villefranche, toutes", who: lucas, query: query({ onglet: "toutes" }) },
    );
    const queries: QueryResult[] = [];
    for (const item of cases) {
      step(`file : ${item.label}`);
      const sql = queueSql(item.who, item.query, 50);
      if (!sql) throw new Error(`${item.label} : aucune requête`);
      queries.push({
        label: item.label,
        ms: await timed(options.runs, () => queuePage(prisma, item.who, item.query)),
        plan: await planOf(prisma, sql),
      });
    }
    for (const [label, who] of [
      ["Compteurs des onglets, Paris", karim],
      ["Compteurs des onglets, Lyon et Villefranche", lucas],
    ] as const) {
      step(`file : ${label}`);
      const sql = queueCountsSql(who, {});
      if (!sql) throw new Error(`${label} : aucune requête`);
      queries.push({
        label,
        ms: await timed(options.runs, () => queueCounts(prisma, who, {})),
        plan: await planOf(prisma, sql.byStatus),
      });
    }

    step("statistiques nationales");
    // As the service keeps it (its hourly job): the days that are over read from the summary.
    step("résumé des statistiques");
    const summaryStarted = performance.now();
    await summariseStatistics(prisma);
    const summaryS = (performance.now() - summaryStarted) / 1000;
    const statisticsMs = await timed(options.runs, () =>
      statisticsForAgent(prisma, marc, new URLSearchParams()),
    );

    const exports: ScaleResult["exports"] = [];
    // The largest export an agent can make: every application of the largest court. (No role
    // exports the whole country: an agent's queue is that of their courts.)
    for (const [label, who] of [["Paris, toutes", camille]] as const) {
      step(`export : ${label}`);
      // Four exports: the first one of a process also pays for warming up (the code's compilation,
      // the heap's growth, the database connections' first reads) and is reported apart; the
      // median of the next three is what an agent sees on a running service, and their largest
      // memory growth what the export itself holds.
      const runs: { speed: number; growth: number }[] = [];
      let lines = 0;
      for (let run = 0; run < 4; run++) {
        global.gc?.();
        const before = process.memoryUsage().rss;
        let peak = before;
        const sampler = setInterval(() => {
          peak = Math.max(peak, process.memoryUsage().rss);
        }, 50);
        const started = performance.now();
        lines = 0;
        const reader = queueExportStream(prisma, who, query({ onglet: "toutes" })).getReader();
        for (;;) {
          const { done, value } = await reader.read();
          if (done) break;
          // Line ends counted on the bytes: decoding the text here would weigh on the measure.
          for (let i = 0; i < value.length; i++) if (value[i] === 0x0a) lines++;
        }
        clearInterval(sampler);
        runs.push({
          speed: (lines - 1) / ((performance.now() - started) / 1000),
          growth: (peak - before) / 1024 / 1024,
        });
      }
      const [first, ...warm] = runs;
      exports.push({
        label,
        rows: lines - 1,
        rowsPerSecond: summarize(warm.map((run) => run.speed)).median,
        memoryGrowthMb: Math.max(...warm.map((run) => run.growth)),
        first: { rowsPerSecond: first?.speed ?? Number.NaN, memoryGrowthMb: first?.growth ?? 0 },
      });
    }

    const rows = await prisma.application.count();
    step("lot de signatures");
    // A batch changes what it signs: it works on a copy of the database kept between runs, so
    // that every run finds the same applications to sign.
    const [current] = options.databaseUrl
      ? await prisma.$queryRaw<{ name: string }[]>`SELECT current_database() AS name`
      : [];
    await db.close();
    closed = true;
    let scratch: { target: DatabaseTarget; drop: () => Promise<void> };
    if (options.databaseUrl) {
      if (!current) throw new Error("current_database() sans réponse");
      step("  copie de la base (CREATE DATABASE … TEMPLATE)");
      scratch = await copyServerDatabase(options.databaseUrl, current.name);
    } else {
      const copy = `${dataDir}-lot`;
      await rm(copy, { recursive: true, force: true });
      await cp(dataDir, copy, { recursive: true });
      scratch = {
        target: { kind: "embedded", dataDir: copy },
        drop: () => rm(copy, { recursive: true, force: true }),
      };
    }
    let batch: ScaleResult["batch"];
    try {
      const copied = openDatabase(scratch.target);
      try {
        batch = await signBatch(copied.prisma, camille, query({ onglet: "a-signer" }));
      } finally {
        await copied.close();
      }
    } finally {
      await scratch.drop();
    }

    return {
      database: options.databaseUrl ? "PostgreSQL" : "PGlite",
      rows,
      generationS,
      queries,
      statisticsMs,
      summaryS,
      exports,
      batch,
    };
  } finally {
    if (!closed) await db.close();
  }
}

/** The comment that marks the copies this bench makes: it drops no database without it. */
const COPY_MARK = "Copie de travail de npm run bench (lot de signatures), supprimée après usage";

/**
 * A copy of the PostgreSQL database the bench measured (`name`, as the server reports it:
 * `current_database()`), file by file (`STRATEGY = FILE_COPY`: faster than the default for a large
 * database). Made from the maintenance database `postgres` (`template1` when the source is
 * `postgres` itself): the source must have no session open, the bench's own included. The role
 * must be allowed to create databases and own the source (or be a superuser). Names are kept to
 * plain ones (`[a-z0-9_]`, 59 at most), so that PostgreSQL's 63-byte cut can never make the copy's
 * name the source's; a database already named like the copy is dropped only if this bench made it.
 */
async function copyServerDatabase(
  url: string,
  name: string,
): Promise<{ target: DatabaseTarget; drop: () => Promise<void> }> {
  if (!/^[a-z0-9_]{1,59}$/.test(name)) {
    throw new Error(
      `Base « ${name} » : le lot de signatures n'en fait une copie que si son nom n'a que des minuscules, chiffres et _ (59 au plus)`,
    );
  }
  const copyName = `${name}_lot`;
  const maintenance = new URL(url);
  maintenance.pathname = name === "postgres" ? "/template1" : "/postgres";
  const admin = (sql: string, values: unknown[] = []) =>
    queryOnce<{ mark: string | null }>(maintenance.toString(), sql, values);
  const dropCopy = async () => {
    const [existing] = await admin(
      "SELECT shobj_description(oid, 'pg_database') AS mark FROM pg_database WHERE datname = $1",
      [copyName],
    );
    if (!existing) return;
    if (existing.mark !== COPY_MARK) {
      throw new Error(
        `Une base « ${copyName} » existe et n'est pas une copie du banc : supprimez-la ou renommez-la vous-même`,
      );
    }
    await admin(`DROP DATABASE "${copyName}" WITH (FORCE)`);
  };
  await dropCopy();
  await admin(`CREATE DATABASE "${copyName}" TEMPLATE "${name}" STRATEGY = FILE_COPY`);
  await admin(`COMMENT ON DATABASE "${copyName}" IS '${COPY_MARK}'`);
  const copy = new URL(url);
  copy.pathname = `/${copyName}`;
  return { target: { kind: "postgres", url: copy.toString() }, drop: dropCopy };
}

/** Signs up to 1,000 decisions of the présidente's « à signer » tab as one batch. */
async function signBatch(
  prisma: PrismaClient,
  president: AgentContext,
  tab: QueueQuery,
): Promise<ScaleResult["batch"]> {
  const toSign = await queuePage(prisma, president, tab, 1_000);
  if (toSign.rows.length === 0) return null;
  const created = await createBatch(
    prisma,
    president,
    "SIGN",
    toSign.rows.map((row) => ({ applicationId: row.id, version: row.version })),
  );
  if (!created.ok) throw new Error(created.message);
  const started = performance.now();
  await processBatch(prisma, created.batchId);
  const seconds = (performance.now() - started) / 1000;
  return { decisions: toSign.rows.length, seconds, perSecond: toSign.rows.length / seconds };
}
