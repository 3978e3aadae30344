/**
 * The statistics of the BAJs (app/server/agent/statistics.server.ts) on a dataset whose figures are
 * worked out by hand: weekly deposits in France's time, outcomes, delays from the complete file
 * (median and 90th percentile interpolated in the histogram), the ministry's 5-day share, the
 * backlog by age, decisions that differ from the estimate; per court; who sees which courts.
 */
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ApplicationStatus } from "~/domain/application/status";
import type { EligibilityOutcome } from "~/generated/prisma/client";
import { loadAgent } from "~/server/agent/context.server";
import { transfer } from "~/server/agent/review.server";
import { computeStatistics, statisticsForAgent } from "~/server/agent/statistics.server";
import {
  resetStatisticsSummary,
  summariseStatistics,
} from "~/server/agent/statistics-summary.server";
import { statisticsTables } from "~/server/agent/statistics-tables.server";
import type { Database } from "~/server/db/connection.server";
import { createTestDatabase } from "../helpers/database";
import { createAgent, createCitizen, createCourt } from "../helpers/fixtures";

let db: Database;
let courtA: string;
let courtB: string;
let courtC: string;
const NOW = new Date("2026-03-29T12:00:00Z");
const PERIOD = { du: "2026-03-02", au: "2026-03-29" };

type Row = {
  status: ApplicationStatus;
  submitted: string;
  complete?: string;
  closed?: string;
  decided?: EligibilityOutcome;
  computed?: EligibilityOutcome | null;
};

async function make(courtId: string, row: Row) {
  const citizen = await createCitizen(db.prisma, { rfr: null });
  return db.prisma.application.create({
    data: {
      reference: `AJ-2026-${randomUUID().slice(0, 6)}`,
      status: row.status,
      citizenId: citizen.id,
      courtId,
      submittedAt: new Date(row.submitted),
      completeAt: new Date(row.complete ?? row.submitted),
      closedAt: row.closed ? new Date(row.closed) : null,
      decisionOutcome: row.decided ?? null,
      eligibilityOutcome: row.computed === undefined ? "FULL" : row.computed,
    },
  });
}

beforeAll(async () => {
  db = await createTestDatabase();
  courtA = (await createCourt(db.prisma, "Lyon")).id;
  courtB = (await createCourt(db.prisma, "Villefranche-sur-Saône")).id;
  courtC = (await createCourt(db.prisma, "Marseille")).id;
  const rows: [string, Row][] = [
    // 2 days, as estimated.
    [
      courtA,
      {
        status: "GRANTED",
        submitted: "2026-02-20T10:00:00Z",
        complete: "2026-03-02T10:00:00Z",
        closed: "2026-03-04T10:00:00Z",
        decided: "FULL",
      },
    ],
    // 4.5 days, 55 % where the estimate said 100 %.
    [
      courtA,
      {
        status: "GRANTED",
        submitted: "2026-02-20T10:00:00Z",
        complete: "2026-03-02T10:00:00Z",
        closed: "2026-03-06T22:00:00Z",
        decided: "PARTIAL_55",
      },
    ],
    // Deposited in the period, rejected after 10 days, as estimated.
    [
      courtA,
      {
        status: "REJECTED",
        submitted: "2026-03-03T09:00:00Z",
        closed: "2026-03-13T09:00:00Z",
        decided: "INELIGIBLE",
        computed: "INELIGIBLE",
      },
    ],
    // 36 days from the complete file, no estimate (not compared).
    [
      courtA,
      {
        status: "GRANTED",
        submitted: "2026-02-01T10:00:00Z",
        complete: "2026-02-10T00:00:00Z",
        closed: "2026-03-18T00:00:00Z",
        decided: "FULL",
        computed: null,
      },
    ],
    [
      courtA,
      { status: "LAPSED", submitted: "2026-01-15T10:00:00Z", closed: "2026-03-20T10:00:00Z" },
    ],
    [
      courtA,
      { status: "WITHDRAWN", submitted: "2026-03-04T10:00:00Z", closed: "2026-03-05T10:00:00Z" },
    ],
    // The backlog, aged at NOW: 2 days, 13.5 days (deposited on 16 March at 00:30 in France:
    // that week), 87 days, 27.6 days (1 March at 23:30 in France: before the period).
    [courtA, { status: "SUBMITTED", submitted: "2026-03-27T10:00:00Z" }],
    [courtA, { status: "IN_REVIEW", submitted: "2026-03-15T23:30:00Z" }],
    [courtA, { status: "INFORMATION_REQUESTED", submitted: "2026-01-01T10:00:00Z" }],
    [courtA, { status: "DECISION_PROPOSED", submitted: "2026-03-01T22:30:00Z" }],
    // Closed after the period (30 March in France), not counted.
    [
      courtA,
      {
        status: "GRANTED",
        submitted: "2026-02-01T10:00:00Z",
        closed: "2026-03-30T10:00:00Z",
        decided: "FULL",
      },
    ],
    // Court B: one day.
    [
      courtB,
      {
        status: "GRANTED",
        submitted: "2026-03-10T08:00:00Z",
        closed: "2026-03-11T08:00:00Z",
        decided: "FULL",
      },
    ],
    // Court C, outside the agent's courts.
    [
      courtC,
      {
        status: "GRANTED",
        submitted: "2026-03-10T08:00:00Z",
        closed: "2026-03-10T09:00:00Z",
        decided: "FULL",
      },
    ],
  ];
  for (const [court, row] of rows) await make(court, row);
  // A draft is never counted.
  const citizen = await createCitizen(db.prisma, { rfr: null });
  await db.prisma.application.create({ data: { citizenId: citizen.id, courtId: courtA } });
});
afterAll(() => db.close());

describe("statistics", () => {
  it("give the figures of the courts asked, over the period, in France's time", async () => {
    const stats = await computeStatistics(db.prisma, [courtA, courtB], PERIOD, NOW);
    expect(stats.weeks).toEqual([
      { week: "2026-03-02", deposits: 2 },
      { week: "2026-03-09", deposits: 1 },
      { week: "2026-03-16", deposits: 1 },
      { week: "2026-03-23", deposits: 1 },
    ]);
    const { total } = stats;
    expect(total.deposits).toBe(5);
    expect(total.closed).toEqual({
      FULL: 3,
      PARTIAL_55: 1,
      PARTIAL_25: 0,
      REJECTED: 1,
      LAPSED: 1,
      WITHDRAWN: 1,
    });
    // Delays 1, 2, 4.5, 10 and 36 days.
    expect(total.decisions).toBe(5);
    expect(total.withinReference).toBeCloseTo(3 / 5, 10);
    expect(total.medianDays).toBeCloseTo(108.5 / 24, 10);
    expect(total.p90Days).toBeCloseTo(36.5, 10);
    expect(total.perDay.flatMap((count, day) => (count ? [[day, count]] : []))).toEqual([
      [1, 1],
      [2, 1],
      [4, 1],
      [10, 1],
      [30, 1],
    ]);
    expect(total.backlog).toEqual([
      [1, 0, 0, 0],
      [0, 1, 0, 0],
      [0, 0, 0, 1],
      [0, 0, 0, 0],
      [0, 0, 1, 0],
    ]);
    expect({ compared: total.compared, differing: total.differing }).toEqual({
      compared: 4,
      differing: 1,
    });
    const lyon = stats.courts.find((court) => court.courtId === courtA);
    expect(lyon).toMatchObject({ deposits: 4, decisions: 4, withinReference: 0.5 });
    const villefranche = stats.courts.find((court) => court.courtId === courtB);
    expect(villefranche).toMatchObject({ deposits: 1, decisions: 1, withinReference: 1 });
  });

  it("say « no decision » rather than zero when there is none", async () => {
    const stats = await computeStatistics(
      db.prisma,
      [courtA],
      { du: "2025-01-01", au: "2025-01-31" },
      NOW,
    );
    expect(stats.total).toMatchObject({
      decisions: 0,
      medianDays: null,
      p90Days: null,
      withinReference: null,
    });
  });

  it("are the same figures in the tables (page and CSV)", async () => {
    const stats = await computeStatistics(db.prisma, [courtA, courtB], PERIOD, NOW);
    const tables = statisticsTables(stats);
    expect(tables.issues.rows[0]).toEqual(["AJ totale", 3, 3 / 7]);
    expect(tables.stock.rows.map((row) => row[row.length - 1])).toEqual([1, 1, 1, 0, 1]);
    expect(tables.tribunaux.rows).toHaveLength(2);
  });

  it("show each agent their courts, the national reader every court", async () => {
    const instructeur = await loadAgent(
      db.prisma,
      (await createAgent(db.prisma, [courtA, courtB])).id,
    );
    const reader = await loadAgent(
      db.prisma,
      (await createAgent(db.prisma, [], { role: "NATIONAL_READER" })).id,
    );
    if (!instructeur || !reader) throw new Error("agents");
    const params = (extra: Record<string, string> = {}) =>
      new URLSearchParams({ ...PERIOD, ...extra });

    const mine = await statisticsForAgent(db.prisma, instructeur, params(), NOW);
    expect(mine?.national).toBe(false);
    expect(mine?.statistics.total.decisions).toBe(5);
    expect(mine?.courts.map((court) => court.id).sort()).toEqual([courtA, courtB].sort());

    // Another court in the URL: ignored, never shown.
    const other = await statisticsForAgent(
      db.prisma,
      instructeur,
      params({ tribunal: courtC }),
      NOW,
    );
    expect(other?.statistics.query.tribunal).toBeUndefined();
    expect(other?.statistics.total.decisions).toBe(5);

    const one = await statisticsForAgent(db.prisma, instructeur, params({ tribunal: courtB }), NOW);
    expect(one?.statistics.total.decisions).toBe(1);

    const national = await statisticsForAgent(db.prisma, reader, params(), NOW);
    expect(national?.national).toBe(true);
    expect(national?.statistics.total.decisions).toBe(6);
    expect(national?.statistics.courts).toHaveLength(3);
  });

  it("fall back to the last twelve weeks on a URL that does not parse", async () => {
    const instructeur = await loadAgent(db.prisma, (await createAgent(db.prisma, courtA)).id);
    if (!instructeur) throw new Error("agent");
    const found = await statisticsForAgent(
      db.prisma,
      instructeur,
      new URLSearchParams({ du: "hier", au: "2026-13-45", tribunal: "x" }),
      NOW,
    );
    expect(found?.statistics.query).toEqual({ du: "2026-01-05", au: "2026-03-29" });
    expect(found?.statistics.weeks).toHaveLength(12);
  });
});

describe("the summary of the past days", () => {
  afterAll(() => resetStatisticsSummary(db.prisma));
  const scopes = () => [[courtA, courtB], [courtA], [courtA, courtB, courtC]];
  const everything = async (query = PERIOD) =>
    Promise.all(scopes().map((courts) => computeStatistics(db.prisma, courts, query, NOW)));
  const periods = [
    PERIOD,
    { du: "2026-03-04", au: "2026-03-17" },
    { du: "2026-01-01", au: "2026-03-31" },
    { du: "2026-03-17", au: "2026-03-17" },
  ];

  it("gives the same figures as the live count, whatever the days summarised", async () => {
    await resetStatisticsSummary(db.prisma);
    const live = await Promise.all(periods.map((period) => everything(period)));
    // Summarised up to 11 March (part of the period), then up to the end.
    const first = await summariseStatistics(db.prisma, new Date("2026-03-11T23:00:00Z"));
    expect(first).toMatchObject({ from: "2026-01-01", until: "2026-03-11" });
    expect(first.rows).toBeGreaterThan(0);
    for (const [index, period] of periods.entries()) {
      expect(await everything(period)).toEqual(live[index]);
    }
    // Not before a quarter of an hour after midnight in France (1 April, 00:10).
    const late = await summariseStatistics(db.prisma, new Date("2026-03-31T22:10:00Z"));
    expect(late.until).toBe("2026-03-31");
    for (const [index, period] of periods.entries()) {
      expect(await everything(period)).toEqual(live[index]);
    }
    // Nothing left to do: nothing written twice.
    expect(await summariseStatistics(db.prisma, new Date("2026-03-31T22:10:00Z"))).toMatchObject({
      from: null,
      rows: 0,
    });
  });

  it("is written once when two instances summarise at the same time", async () => {
    await resetStatisticsSummary(db.prisma);
    const live = await everything();
    const at = new Date("2026-04-02T12:00:00Z");
    const [one, two] = await Promise.all([
      summariseStatistics(db.prisma, at),
      summariseStatistics(db.prisma, at),
    ]);
    expect(one.rows + two.rows).toBe(await db.prisma.statisticsDay.count());
    expect(await everything()).toEqual(live);
  });

  it("follows a transfer to another court after the day was summarised", async () => {
    await resetStatisticsSummary(db.prisma);
    const app = await make(courtA, { status: "SUBMITTED", submitted: "2026-03-10T09:00:00Z" });
    await summariseStatistics(db.prisma, new Date("2026-04-02T12:00:00Z"));
    const agent = await createAgent(db.prisma, [courtA]);
    const moved = await transfer(
      db.prisma,
      { agentId: agent.id, applicationId: app.id, version: app.version },
      { courtId: courtB, reason: "Domicile à Villefranche-sur-Saône." },
    );
    expect(moved).toMatchObject({ ok: true });
    const summarised = await everything();
    await resetStatisticsSummary(db.prisma);
    expect(summarised).toEqual(await everything());
    const [, lyon] = summarised;
    const villefranche = summarised[0]?.courts.find((court) => court.courtId === courtB);
    expect(lyon?.total.deposits).toBe(4);
    expect(villefranche?.deposits).toBe(2);
  });
});
