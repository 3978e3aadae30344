/**
 * The statistics of the bureaux d'aide juridictionnelle: three aggregate queries over the courts
 * asked, each read in an index alone (docs/decisions/016), then the figures computed by the pure
 * domain code (app/domain/statistics.ts). Counts only: no personal data leaves this module.
 */

import { can } from "~/domain/agent/permissions";
import type { ApplicationStatus } from "~/domain/application/status";
import { addDays, earlierDay, parisMidnight } from "~/domain/french";
import {
  BACKLOG_AGES,
  BACKLOG_STATUSES,
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

type Db = PrismaClient | Prisma.TransactionClient;

/** The summary's column of each ending (statistics_day). */
export const ENDING_COLUMNS = {
  FULL: "full",
  PARTIAL_55: "partial_55",
  PARTIAL_25: "partial_25",
  REJECTED: "rejected",
  LAPSED: "lapsed",
  WITHDRAWN: "withdrawn",
} as const satisfies Record<Ending, string>;
const CLOSURE_COLUMNS = [...Object.values(ENDING_COLUMNS), "compared", "differing"] as const;
type ClosureColumn = (typeof CLOSURE_COLUMNS)[number];

/** The first day (France's date) not in the summary, or null when nothing is summarised. */
export async function summaryUntil(prisma: Db): Promise<string | null> {
  const rows = await prisma.$queryRaw<{ until: string }[]>`
    SELECT to_char(until, 'YYYY-MM-DD') AS until FROM statistics_summary WHERE id = 1`;
  return rows[0]?.until ?? null;
}

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

export type Accumulator = {
  deposits: number;
  closed: Record<Ending, number>;
  histogram: Map<number, number>;
  backlog: number[][];
  compared: number;
  differing: number;
};

export function emptyAccumulator(): Accumulator {
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

/** Deposits of a court in a period: a week (its Monday) or a day, France's dates. */
type DepositRow = { court_id: string; period: string; n: number };
export type ClosedRow = {
  court_id: string;
  /** France's date of the closure ("YYYY-MM-DD"), when asked by day. */
  day: string | null;
  status: ApplicationStatus;
  decided: EligibilityOutcome | null;
  computed: EligibilityOutcome | null;
  hours: number | null;
  n: number;
};
type BacklogRow = { court_id: string; status: ApplicationStatus; age: number; n: number };
type SummaryClosedRow = { court_id: string } & Record<ClosureColumn, number>;
type SummaryDelayRow = { court_id: string; hours: number; n: number };

/** A France's date of a `timestamp` column (stored in UTC). */
const parisDay = (column: Prisma.Sql) =>
  Prisma.sql`(((${column}) AT TIME ZONE 'UTC') AT TIME ZONE 'Europe/Paris')::date`;

const courtsIn = (courtIds: string[]) => Prisma.sql`court_id = ANY(${courtIds}::text[])`;

/**
 * The applications deposited in [from, to), counted per court and per week (Monday, France's date)
 * or per day.
 */
export function depositRows(
  prisma: Db,
  courtIds: string[],
  from: Date,
  to: Date,
  per: "week" | "day",
): Promise<DepositRow[]> {
  const day = parisDay(Prisma.sql`submitted_at`);
  const period = per === "week" ? Prisma.sql`date_trunc('week', ${day})` : day;
  return prisma.$queryRaw<DepositRow[]>`
    SELECT court_id, to_char(${period}, 'YYYY-MM-DD') AS period, count(*)::int AS n
    FROM application
    WHERE ${courtsIn(courtIds)} AND submitted_at >= ${from} AND submitted_at < ${to}
    GROUP BY 1, 2`;
}

/**
 * The applications closed in [from, to), counted per court, status, decided and computed outcome
 * and delay bar (decisions only), and per day of closure when asked.
 */
export function closedRows(
  prisma: Db,
  courtIds: string[],
  from: Date,
  to: Date,
  perDay: boolean,
): Promise<ClosedRow[]> {
  const day = perDay
    ? Prisma.sql`to_char(${parisDay(Prisma.sql`closed_at`)}, 'YYYY-MM-DD')`
    : Prisma.sql`NULL::text`;
  return prisma.$queryRaw<ClosedRow[]>`
    SELECT court_id, day, status::text AS status, decided::text AS decided,
      computed::text AS computed, hours, count(*)::int AS n
    FROM (
      SELECT court_id, ${day} AS day, status, decision_outcome AS decided,
        eligibility_outcome AS computed,
        CASE WHEN status IN ('GRANTED', 'REJECTED') AND complete_at IS NOT NULL THEN
          greatest(0, floor(extract(epoch FROM closed_at - complete_at) / 3600))::int END AS h
      FROM application
      WHERE ${courtsIn(courtIds)} AND closed_at >= ${from} AND closed_at < ${to}
    ) closed,
    LATERAL (SELECT CASE WHEN h < ${HOURLY_UNTIL_HOURS} THEN h
      ELSE h - (h - ${HOURLY_UNTIL_HOURS}) % 24 END AS hours) bucket
    GROUP BY 1, 2, 3, 4, 5, 6`;
}

/** Adds closed applications to the figures (the one reading of a closure, live or summarised). */
export function addClosed(acc: Accumulator, row: ClosedRow) {
  const ending = endingOf(row.status, row.decided);
  if (ending) acc.closed[ending] += row.n;
  if (row.hours !== null) addDelay(acc, row.hours, row.n);
  if ((row.status === "GRANTED" || row.status === "REJECTED") && row.computed) {
    acc.compared += row.n;
    if (row.decided !== row.computed) acc.differing += row.n;
  }
}

function addDelay(acc: Accumulator, hours: number, n: number) {
  const bucket = delayBucket(hours);
  acc.histogram.set(bucket, (acc.histogram.get(bucket) ?? 0) + n);
}

/** The backlog's statuses as SQL literals (a constant list, written as the partial index's
 * predicate so that the planner reads that index: see schema.prisma). */
const OPEN_STATUSES = Prisma.raw(
  BACKLOG_STATUSES.map((status) => `'${status}'::"application_status"`).join(", "),
);

/**
 * The open applications of `now` per court and status, with how many were submitted after each age
 * bar's limit (BACKLOG_AGES): read from the partial index of open applications `(court_id, status,
 * submitted_at)` alone. Exported for tests/integration/queue-plans.test.ts, which EXPLAINs it.
 */
export function backlogSql(courtIds: string[], now: Date): Prisma.Sql {
  const limits = BACKLOG_AGES.flatMap((age) =>
    age.to === null ? [] : [new Date(now.getTime() - age.to * 86_400_000)],
  );
  return Prisma.sql`
    SELECT court_id, status::text AS status, count(*)::int AS n,
      ARRAY[${Prisma.join(
        limits.map((limit) => Prisma.sql`count(*) FILTER (WHERE submitted_at > ${limit})::int`),
      )}] AS newer
    FROM application
    WHERE ${courtsIn(courtIds)} AND status IN (${OPEN_STATUSES})
    GROUP BY 1, 2`;
}

/** The backlog per court, status and age bar (each bar a difference of `backlogSql`'s counts). */
async function backlogRows(prisma: Db, courtIds: string[], now: Date): Promise<BacklogRow[]> {
  const counts = await prisma.$queryRaw<
    { court_id: string; status: ApplicationStatus; newer: number[]; n: number }[]
  >(backlogSql(courtIds, now));
  return counts.flatMap((row) =>
    BACKLOG_AGES.map((_, age) => ({
      court_id: row.court_id,
      status: row.status,
      age,
      n: (row.newer[age] ?? row.n) - (age === 0 ? 0 : (row.newer[age - 1] ?? 0)),
    })),
  );
}

/** The days summarised: [from, until) in France's dates, or null. */
function summarisedRange(query: StatisticsQuery, until: string | null) {
  if (!until) return null;
  const end = earlierDay(addDays(query.au, 1), until);
  return query.du < end ? { from: query.du, to: end } : null;
}

function summaryRows(prisma: Db, courtIds: string[], from: string, to: string) {
  const where = Prisma.sql`${courtsIn(courtIds)} AND day >= ${from}::date AND day < ${to}::date`;
  const sums = Prisma.join(
    CLOSURE_COLUMNS.map(
      (column) =>
        Prisma.sql`sum(${Prisma.raw(`"${column}"`)})::int AS ${Prisma.raw(`"${column}"`)}`,
    ),
  );
  return Promise.all([
    prisma.$queryRaw<DepositRow[]>`
      SELECT court_id, to_char(date_trunc('week', day), 'YYYY-MM-DD') AS period,
        sum(deposits)::int AS n
      FROM statistics_day WHERE ${where} AND deposits > 0
      GROUP BY 1, 2`,
    prisma.$queryRaw<SummaryClosedRow[]>`
      SELECT court_id, ${sums} FROM statistics_day WHERE ${where} GROUP BY 1`,
    prisma.$queryRaw<SummaryDelayRow[]>`
      SELECT court_id, hours, sum(decisions)::int AS n
      FROM statistics_delay WHERE ${where}
      GROUP BY 1, 2`,
  ]);
}

/**
 * The statistics of `courtIds` over the query's period (days in France, both included): the days
 * already summarised read from the summary (docs/decisions/021), the others live. The backlog is
 * that of `now`, whatever the period.
 */
export async function computeStatistics(
  prisma: PrismaClient,
  courtIds: string[],
  query: StatisticsQuery,
  now = new Date(),
): Promise<Statistics> {
  const summarised = summarisedRange(query, await summaryUntil(prisma));
  const liveFrom = parisMidnight(summarised?.to ?? query.du);
  const to = parisMidnight(addDays(query.au, 1));
  const live = liveFrom < to;
  const [courts, deposits, closed, backlog, summary] = await Promise.all([
    prisma.court.findMany({
      where: { id: { in: courtIds } },
      select: { id: true, city: true, name: true },
      orderBy: { city: "asc" },
    }),
    live ? depositRows(prisma, courtIds, liveFrom, to, "week") : [],
    live ? closedRows(prisma, courtIds, liveFrom, to, false) : [],
    backlogRows(prisma, courtIds, now),
    summarised ? summaryRows(prisma, courtIds, summarised.from, summarised.to) : [[], [], []],
  ]);
  const [summaryDeposits, summaryClosed, summaryDelays] = summary;

  const total = emptyAccumulator();
  const perCourt = new Map(courts.map((court) => [court.id, emptyAccumulator()]));
  const both = (courtId: string) => [total, perCourt.get(courtId) ?? emptyAccumulator()];

  const weekly = new Map<string, number>();
  for (const row of [...deposits, ...summaryDeposits]) {
    weekly.set(row.period, (weekly.get(row.period) ?? 0) + row.n);
    for (const acc of both(row.court_id)) acc.deposits += row.n;
  }
  for (const row of closed) for (const acc of both(row.court_id)) addClosed(acc, row);
  for (const row of summaryClosed) {
    for (const acc of both(row.court_id)) {
      for (const ending of ENDINGS) acc.closed[ending] += row[ENDING_COLUMNS[ending]];
      acc.compared += row.compared;
      acc.differing += row.differing;
    }
  }
  for (const row of summaryDelays) {
    for (const acc of both(row.court_id)) addDelay(acc, row.hours, row.n);
  }
  for (const row of backlog) {
    const status = (BACKLOG_STATUSES as readonly ApplicationStatus[]).indexOf(row.status);
    for (const acc of both(row.court_id)) {
      const line = acc.backlog[row.age];
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
