/**
 * The statistics of the bureaux d'aide juridictionnelle: three aggregate queries over the courts
 * asked, each read in an index alone (docs/decisions/016), then the figures computed by the pure
 * domain code (app/domain/statistics.ts). Counts only: no personal data leaves this module.
 */

import { can } from "~/domain/agent/permissions";
import type { ApplicationStatus } from "~/domain/application/status";
import { addDays, parisMidnight } from "~/domain/french";
import {
  BACKLOG_AGES,
  BACKLOG_STATUSES,
  backlogAgeIndex,
  type DelayHistogram,
  delayBucket,
  ENDINGS,
  type Ending,
  endingOf,
  HOURLY_UNTIL_HOURS,
  perDay,
  quantileDays,
  REFERENCE_DELAY_DAYS,
  shareWithin,
} from "~/domain/statistics";
import { mondayOf, parseStatisticsQuery, type StatisticsQuery } from "~/forms/statistics";
import { type EligibilityOutcome, Prisma, type PrismaClient } from "~/generated/prisma/client";
import type { AgentContext } from "./context.server";

export type Figures = {
  deposits: number;
  closed: Record<Ending, number>;
  decisions: number;
  /** Days from the complete file to the decision. */
  medianDays: number | null;
  p90Days: number | null;
  /** Decisions per day of delay (0 to 29, then 30 and more). */
  perDay: number[];
  /** Share of decisions within REFERENCE_DELAY_DAYS (the ministry's indicator). */
  withinReference: number | null;
  /** Open applications per age (BACKLOG_AGES) and per status (BACKLOG_STATUSES). */
  backlog: number[][];
  /** Decisions for which the engine computed an outcome, and those where the decision differs. */
  compared: number;
  differing: number;
};

export type CourtFigures = Figures & { courtId: string; city: string; name: string };

export type Statistics = {
  query: StatisticsQuery;
  weeks: { week: string; deposits: number }[];
  total: Figures;
  /** One line per court, side by side (several courts). */
  courts: CourtFigures[];
};

type Accumulator = {
  deposits: number;
  closed: Record<Ending, number>;
  histogram: Map<number, number>;
  backlog: number[][];
  compared: number;
  differing: number;
};

function emptyAccumulator(): Accumulator {
  return {
    deposits: 0,
    closed: Object.fromEntries(ENDINGS.map((ending) => [ending, 0])) as Record<Ending, number>,
    histogram: new Map(),
    backlog: BACKLOG_AGES.map(() => BACKLOG_STATUSES.map(() => 0)),
    compared: 0,
    differing: 0,
  };
}

function figures(acc: Accumulator): Figures {
  const histogram: DelayHistogram = acc.histogram;
  const decisions = [...histogram.values()].reduce((a, b) => a + b, 0);
  return {
    deposits: acc.deposits,
    closed: acc.closed,
    decisions,
    medianDays: quantileDays(histogram, 0.5),
    p90Days: quantileDays(histogram, 0.9),
    perDay: perDay(histogram),
    withinReference: shareWithin(histogram, REFERENCE_DELAY_DAYS),
    backlog: acc.backlog,
    compared: acc.compared,
    differing: acc.differing,
  };
}

type DepositRow = { court_id: string; week: string; n: number };
type ClosedRow = {
  court_id: string;
  status: ApplicationStatus;
  decided: EligibilityOutcome | null;
  computed: EligibilityOutcome | null;
  hours: number | null;
  n: number;
};
type BacklogRow = { court_id: string; status: ApplicationStatus; days: number; n: number };

/**
 * The statistics of `courtIds` over the query's period (days in France, both included). The backlog
 * is that of `now`, whatever the period.
 */
export async function computeStatistics(
  prisma: PrismaClient,
  courtIds: string[],
  query: StatisticsQuery,
  now = new Date(),
): Promise<Statistics> {
  const from = parisMidnight(query.du);
  const to = parisMidnight(addDays(query.au, 1));
  const [courts, deposits, closed, backlog] = await Promise.all([
    prisma.court.findMany({
      where: { id: { in: courtIds } },
      select: { id: true, city: true, name: true },
      orderBy: { city: "asc" },
    }),
    prisma.$queryRaw<DepositRow[]>`
      SELECT court_id,
        to_char(date_trunc('week', (submitted_at AT TIME ZONE 'UTC') AT TIME ZONE 'Europe/Paris'),
          'YYYY-MM-DD') AS week,
        count(*)::int AS n
      FROM application
      WHERE court_id = ANY(${courtIds}::text[]) AND submitted_at >= ${from} AND submitted_at < ${to}
      GROUP BY 1, 2`,
    prisma.$queryRaw<ClosedRow[]>`
      SELECT court_id, status::text AS status, decided::text AS decided,
        computed::text AS computed, hours, count(*)::int AS n
      FROM (
        SELECT court_id, status, decision_outcome AS decided, eligibility_outcome AS computed,
          CASE WHEN status IN ('GRANTED', 'REJECTED') AND complete_at IS NOT NULL THEN
            greatest(0, floor(extract(epoch FROM closed_at - complete_at) / 3600))::int END AS h
        FROM application
        WHERE court_id = ANY(${courtIds}::text[]) AND closed_at >= ${from} AND closed_at < ${to}
      ) closed,
      LATERAL (SELECT CASE WHEN h < ${HOURLY_UNTIL_HOURS} THEN h
        ELSE h - (h - ${HOURLY_UNTIL_HOURS}) % 24 END AS hours) bucket
      GROUP BY 1, 2, 3, 4, 5`,
    prisma.$queryRaw<BacklogRow[]>`
      SELECT court_id, status::text AS status,
        floor(extract(epoch FROM ${now}::timestamp - submitted_at) / 86400)::int AS days,
        count(*)::int AS n
      FROM application
      WHERE court_id = ANY(${courtIds}::text[])
        AND status IN (${Prisma.join(BACKLOG_STATUSES.map((status) => Prisma.sql`${status}::"application_status"`))})
      GROUP BY 1, 2, 3`,
  ]);

  const total = emptyAccumulator();
  const perCourt = new Map(courts.map((court) => [court.id, emptyAccumulator()]));
  const both = (courtId: string) => [total, perCourt.get(courtId) ?? emptyAccumulator()];

  const weekly = new Map<string, number>();
  for (const row of deposits) {
    weekly.set(row.week, (weekly.get(row.week) ?? 0) + row.n);
    for (const acc of both(row.court_id)) acc.deposits += row.n;
  }
  for (const row of closed) {
    const ending = endingOf(row.status, row.decided);
    for (const acc of both(row.court_id)) {
      if (ending) acc.closed[ending] += row.n;
      if (row.hours !== null) {
        const bucket = delayBucket(row.hours);
        acc.histogram.set(bucket, (acc.histogram.get(bucket) ?? 0) + row.n);
      }
      if ((row.status === "GRANTED" || row.status === "REJECTED") && row.computed) {
        acc.compared += row.n;
        if (row.decided !== row.computed) acc.differing += row.n;
      }
    }
  }
  for (const row of backlog) {
    const age = backlogAgeIndex(row.days);
    const status = (BACKLOG_STATUSES as readonly ApplicationStatus[]).indexOf(row.status);
    for (const acc of both(row.court_id)) {
      const line = acc.backlog[age];
      if (line) line[status] = (line[status] ?? 0) + row.n;
    }
  }

  const weeks: Statistics["weeks"] = [];
  for (let week = mondayOf(query.du); week <= query.au; week = addDays(week, 7)) {
    weeks.push({ week, deposits: weekly.get(week) ?? 0 });
  }
  return {
    query,
    weeks,
    total: figures(total),
    courts: courts.map((court) => ({
      courtId: court.id,
      city: court.city,
      name: court.name,
      ...figures(perCourt.get(court.id) ?? emptyAccumulator()),
    })),
  };
}

/** Every court (the national reader's statistics). */
export async function allCourtIds(prisma: PrismaClient): Promise<string[]> {
  const courts = await prisma.court.findMany({ select: { id: true } });
  return courts.map((court) => court.id);
}

/**
 * The statistics an agent may see: their courts (roles that review), or every court (the national
 * reader); a court filter outside those is ignored. Null: the role sees no statistics.
 */
export async function statisticsForAgent(
  prisma: PrismaClient,
  agent: AgentContext,
  params: URLSearchParams,
  now = new Date(),
) {
  const national = can(agent.role, "nationalStatistics");
  if (!national && !can(agent.role, "review")) return null;
  const reachable = national ? await allCourtIds(prisma) : agent.courtIds;
  const query = parseStatisticsQuery(params, now);
  if (query.tribunal && !reachable.includes(query.tribunal)) delete query.tribunal;
  const courtIds = query.tribunal ? [query.tribunal] : reachable;
  const [statistics, options] = await Promise.all([
    computeStatistics(prisma, courtIds, query, now),
    prisma.court.findMany({
      where: { id: { in: reachable } },
      select: { id: true, name: true },
      orderBy: { name: "asc" },
    }),
  ]);
  return { national, statistics, courts: options };
}
