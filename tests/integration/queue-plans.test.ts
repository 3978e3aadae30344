/**
 * The queue at scale (docs/decisions/015): on tens of thousands of generated applications, every
 * statement the queue runs — each tab, each filter, the searches, a second page, an agent of two
 * courts, the counters — is planned with index scans, never a sequential scan of `application` (or
 * of `citizen`, joined to the page); the statistics' backlog reads its partial index alone. Runs on PGlite, and on PostgreSQL with TEST_DATABASE_URL.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseQueueQuery, TAB_NAMES, TABS, type Tab } from "~/forms/queue";
import { Prisma } from "~/generated/prisma/client";
import { type AgentContext, loadAgent } from "~/server/agent/context.server";
import { queueCountsSql, queuePage, queueSql } from "~/server/agent/queue.server";
import { backlogSql } from "~/server/agent/statistics.server";
import type { Database } from "~/server/db/connection.server";
import { generateApplications } from "../../prisma/seed/scale";
import { seed } from "../../prisma/seed/seed";
import { explain, type PlanNode, planNodes } from "../../scripts/lib/query-plan";
import { createTestDatabase } from "../helpers/database";

const GENERATED = 40_000;

let db: Database;
let paris: AgentContext;
let lyon: AgentContext;
let parisId: string;
let villefrancheId: string;
let reference: string;

beforeAll(async () => {
  db = await createTestDatabase();
  await seed(db.prisma);
  await generateApplications(db, GENERATED, { seed: 42 });
  await db.prisma.$executeRawUnsafe("ANALYZE");
  const agent = async (email: string) => {
    const found = await db.prisma.agent.findUniqueOrThrow({ where: { email } });
    const context = await loadAgent(db.prisma, found.id);
    if (!context) throw new Error(`${email} inactive`);
    return context;
  };
  paris = await agent("karim.benali@justice.example");
  // An instructeur of two courts: Lyon and Villefranche-sur-Saône.
  lyon = await agent("lucas.moreau@justice.example");
  parisId = (await db.prisma.court.findUniqueOrThrow({ where: { code: "75056" } })).id;
  villefrancheId = (await db.prisma.court.findUniqueOrThrow({ where: { code: "69264" } })).id;
  const generated = await db.prisma.application.findFirstOrThrow({
    where: { courtId: parisId, status: "GRANTED" },
    orderBy: { submittedAt: "desc" },
  });
  reference = generated.reference ?? "";
}, 120_000);
afterAll(() => db.close());

/** The statement's plan's nodes, depth first. */
async function explainNodes(sql: Prisma.Sql): Promise<PlanNode[]> {
  return planNodes((await explain(db.prisma, sql)).Plan);
}

/** The sequential scans of the big tables in a statement's plan (none expected). */
async function seqScans(sql: Prisma.Sql) {
  return (await explainNodes(sql))
    .filter((node) => node["Node Type"] === "Seq Scan")
    .map((node) => node["Relation Name"])
    .filter((name) => name === "application" || name === "citizen");
}

const query = (params: Record<string, string>) => parseQueueQuery(new URLSearchParams(params));

/** A status of the tab to filter on (the last one: in « toutes », a decided one). */
const statusOf = (tab: Tab) => TABS[tab].statuses[TABS[tab].statuses.length - 1] ?? "SUBMITTED";

function variants(tribunal?: string): Record<string, string>[] {
  const base: Record<string, string> = tribunal ? { tribunal } : {};
  return TAB_NAMES.flatMap((onglet) =>
    (
      [
        {},
        { resultat: "PARTIAL_25" },
        { resultat: "INELIGIBLE" },
        { urgent: "1" },
        { nature: "PENAL" },
        { du: "2026-06-01" },
        { du: "2026-03-01", au: "2026-03-31" },
        { statut: statusOf(onglet) },
        { suivies: "1" },
        { q: "ler" },
        { q: "martin" },
        { q: "dubois ma" },
        { q: "m" },
        { q: "zz" },
        { tri: "recent" },
        { tri: "recent", urgent: "1", nature: "CIVIL", resultat: "FULL", q: "b" },
      ] as Record<string, string>[]
    ).map((params) => ({ ...base, onglet, ...params })),
  );
}

describe(`the queue on ${GENERATED} generated applications`, () => {
  it("generated a realistic spread", async () => {
    const total = await db.prisma.application.count({ where: { status: { not: "DRAFT" } } });
    expect(total).toBeGreaterThanOrEqual(GENERATED);
    const inParis = await db.prisma.application.count({ where: { courtId: parisId } });
    expect(inParis / total).toBeGreaterThan(0.08);
    expect(inParis / total).toBeLessThan(0.12);
  });

  it("sees a sequential scan when there is one (the check itself)", async () => {
    const scan = Prisma.sql`SELECT count(*) FROM application WHERE description LIKE ${"%loyer%"}`;
    expect(await seqScans(scan)).toEqual(["application"]);
  });

  it("never scans `application` sequentially for a page, whatever the tab and filters", async () => {
    const failures: string[] = [];
    const check = async (agent: AgentContext, params: Record<string, string>) => {
      const sql = queueSql(agent, query(params));
      if (!sql) throw new Error(`No statement for ${JSON.stringify(params)}`);
      const scans = await seqScans(sql);
      if (scans.length) failures.push(`${JSON.stringify(params)}: Seq Scan on ${scans.join(", ")}`);
    };
    for (const params of variants()) await check(paris, params);
    for (const params of variants()) await check(lyon, params);
    for (const params of variants(villefrancheId)) await check(lyon, params);
    // Search by reference.
    await check(paris, { q: reference });
    await check(paris, { onglet: "traitees", q: reference.toLowerCase() });
    await check(lyon, { q: reference });
    expect(failures).toEqual([]);
  });

  it("checks résultat, nature and suivies in the index, not row by row in the table", async () => {
    // A filter that matches nothing in a large (court, status) — e.g. « inéligible » among the
    // granted ones — would otherwise read every row of that status (docs/decisions/015).
    const failures: string[] = [];
    for (const params of [
      { onglet: "toutes", resultat: "INELIGIBLE" },
      { onglet: "traitees", nature: "PENAL" },
      { onglet: "toutes", suivies: "1" },
      { onglet: "toutes", suivies: "1", resultat: "PARTIAL_25", nature: "CIVIL" },
    ] as Record<string, string>[]) {
      for (const agent of [paris, lyon]) {
        const sql = queueSql(agent, query(params));
        if (!sql) throw new Error("no statement");
        for (const node of await explainNodes(sql)) {
          if (node["Relation Name"] !== "application") continue;
          const filter = node.Filter ?? "";
          // In an index condition (or a bitmap's recheck of one), never a filter on the rows read.
          if (
            /eligibility_outcome|case_kind|assigned_agent_id/.test(filter) ||
            node["Node Type"] === "Seq Scan"
          ) {
            failures.push(`${JSON.stringify(params)}: ${node["Node Type"]} ${filter}`);
          }
        }
      }
    }
    expect(failures).toEqual([]);
  });

  it("plans the second and third pages with index scans too", async () => {
    const failures: string[] = [];
    for (const agent of [paris, lyon]) {
      for (const onglet of TAB_NAMES) {
        for (const extra of [{}, { tri: "recent" }, { urgent: "1" }, { q: "ma" }] as Record<
          string,
          string
        >[]) {
          let params: Record<string, string> = { onglet, ...extra };
          for (let page = 2; page <= 3; page++) {
            const { next } = await queuePage(db.prisma, agent, query(params));
            if (!next) break;
            params = { ...params, apres: next };
            const sql = queueSql(agent, query(params));
            if (!sql) throw new Error("no statement");
            const scans = await seqScans(sql);
            if (scans.length) failures.push(`${JSON.stringify(params)} page ${page}: ${scans}`);
          }
        }
      }
    }
    expect(failures).toEqual([]);
  });

  it("counts with index scans", async () => {
    const failures: string[] = [];
    for (const [agent, params] of [
      [paris, {}],
      [paris, { tribunal: parisId }],
      [lyon, {}],
      [lyon, { tribunal: villefrancheId }],
    ] as const) {
      const sql = queueCountsSql(agent, query(params));
      if (!sql) throw new Error("no statement");
      for (const [name, statement] of Object.entries(sql)) {
        const scans = await seqScans(statement);
        if (scans.length) failures.push(`${name} ${JSON.stringify(params)}: ${scans}`);
      }
    }
    expect(failures).toEqual([]);
  });

  it("counts the statistics' backlog from the partial index of open applications alone", async () => {
    const courts = await db.prisma.court.findMany({ select: { id: true } });
    for (const courtIds of [courts.map((court) => court.id), [parisId]]) {
      const nodes = await explainNodes(backlogSql(courtIds, new Date()));
      const reads = nodes.filter((node) => node["Relation Name"] === "application");
      expect(reads.map((node) => [node["Node Type"], node["Index Name"]])).toEqual(
        reads.map(() => ["Index Only Scan", "application_open_court_status_submitted_idx"]),
      );
      expect(reads.length).toBeGreaterThan(0);
    }
  });
});
