/**
 * The statistics' summary (docs/decisions/021): once a day is over, what was deposited and closed
 * that day is counted per court into `statistics_day` and `statistics_delay`, so that the national
 * statistics of a year read thousands of rows instead of a million. The days of the summary are
 * those before `statistics_summary.until`; `computeStatistics` reads the later ones live.
 *
 * A past day's figures never change: `submitted_at` and `closed_at` are written once, a closed
 * application never changes again (its anonymisation keeps the figures), and a draft is never
 * counted. The one exception is a transfer to another court, which moves the deposit: `moveDeposit`
 * does it in the transfer's own transaction.
 */

import { addDays, earlierDay, parisMidnight, todayInFrance } from "~/domain/french";
import { Prisma, type PrismaClient } from "~/generated/prisma/client";
import {
  type Accumulator,
  addClosed,
  closedRows,
  depositRows,
  emptyAccumulator,
} from "./statistics.server";

/**
 * A day is summarised this long after it ended, so that a transaction that stamped its last
 * minutes and commits a little later is counted.
 */
export const SUMMARY_DELAY_MINUTES = 15;

/** Days summarised per transaction (about 25,000 decisions nationally). */
const CHUNK_DAYS = 7;

/** The first day that may be summarised at `now` is the one before this (France's date). */
export function summarisableUntil(now: Date): string {
  return todayInFrance(new Date(now.getTime() - SUMMARY_DELAY_MINUTES * 60_000));
}

/** The watermark, locked for the rest of the transaction (FOR UPDATE by the summariser). */
async function lockedUntil(
  tx: Prisma.TransactionClient,
  mode: "UPDATE" | "SHARE",
): Promise<string | null> {
  const rows = await tx.$queryRaw<{ until: string }[]>`
    SELECT to_char(until, 'YYYY-MM-DD') AS until FROM statistics_summary WHERE id = 1
    FOR ${Prisma.raw(mode)}`;
  return rows[0]?.until ?? null;
}

/** Where a first summary starts: the day of the first deposit, or null when there is none. */
async function firstDay(tx: Prisma.TransactionClient): Promise<string | null> {
  const first = await tx.application.findFirst({
    where: { submittedAt: { not: null } },
    orderBy: { submittedAt: "asc" },
    select: { submittedAt: true },
  });
  return first?.submittedAt ? todayInFrance(first.submittedAt) : null;
}

/** Counts [from, to) (France's dates) per court and day, and writes them. */
async function summariseDays(
  tx: Prisma.TransactionClient,
  courtIds: string[],
  from: string,
  to: string,
): Promise<number> {
  const start = parisMidnight(from);
  const end = parisMidnight(to);
  const [deposits, closed] = await Promise.all([
    depositRows(tx, courtIds, start, end, "day"),
    closedRows(tx, courtIds, start, end, true),
  ]);
  const days = new Map<string, { courtId: string; day: string; acc: Accumulator }>();
  const entry = (courtId: string, day: string) => {
    const key = `${courtId} ${day}`;
    let found = days.get(key);
    if (!found) {
      found = { courtId, day, acc: emptyAccumulator() };
      days.set(key, found);
    }
    return found.acc;
  };
  for (const row of deposits) entry(row.court_id, row.period).deposits += row.n;
  for (const row of closed) if (row.day) addClosed(entry(row.court_id, row.day), row);

  const entries = [...days.values()];
  await tx.statisticsDay.createMany({
    data: entries.map(({ courtId, day, acc }) => ({
      courtId,
      day: new Date(`${day}T00:00:00Z`),
      deposits: acc.deposits,
      full: acc.closed.FULL,
      partial55: acc.closed.PARTIAL_55,
      partial25: acc.closed.PARTIAL_25,
      rejected: acc.closed.REJECTED,
      lapsed: acc.closed.LAPSED,
      withdrawn: acc.closed.WITHDRAWN,
      compared: acc.compared,
      differing: acc.differing,
    })),
  });
  await tx.statisticsDelay.createMany({
    data: entries.flatMap(({ courtId, day, acc }) =>
      [...acc.histogram].map(([hours, decisions]) => ({
        courtId,
        day: new Date(`${day}T00:00:00Z`),
        hours,
        decisions,
      })),
    ),
  });
  return entries.length;
}

export type SummaryResult = { from: string | null; until: string | null; rows: number };

/**
 * Summarises the days that are over and not summarised yet, a week per transaction. Safe with
 * several instances: each week is written under the watermark's lock, and only from where the
 * watermark stands.
 */
export async function summariseStatistics(
  prisma: PrismaClient,
  now = new Date(),
): Promise<SummaryResult> {
  const target = summarisableUntil(now);
  const courtIds = (await prisma.court.findMany({ select: { id: true } })).map(({ id }) => id);
  let rows = 0;
  let from: string | null = null;
  for (;;) {
    const step = await prisma.$transaction(
      async (tx) => {
        let until = await lockedUntil(tx, "UPDATE");
        if (until === null) {
          const first = await firstDay(tx);
          if (first === null || first >= target) return null;
          // A concurrent first summary waits here, then finds the row and stops.
          const created = await tx.$executeRaw`
            INSERT INTO statistics_summary (id, until) VALUES (1, ${first}::date)
            ON CONFLICT (id) DO NOTHING`;
          if (created === 0) return null;
          until = await lockedUntil(tx, "UPDATE");
          if (until === null) return null;
        }
        if (until >= target) return null;
        const end = earlierDay(addDays(until, CHUNK_DAYS), target);
        const written = await summariseDays(tx, courtIds, until, end);
        await tx.$executeRaw`UPDATE statistics_summary SET until = ${end}::date WHERE id = 1`;
        return { start: until, written };
      },
      { timeout: 120_000 },
    );
    if (!step) break;
    from ??= step.start;
    rows += step.written;
  }
  return { from, until: target, rows };
}

/**
 * A transfer moves its deposit to the other court: in the summary too when its day is summarised.
 * Call it inside the transfer's transaction: the watermark is read under a shared lock, so that a
 * summary being written is waited for and then corrected, never missed.
 */
export async function moveDeposit(
  tx: Prisma.TransactionClient,
  submittedAt: Date | null,
  fromCourtId: string | null,
  toCourtId: string,
): Promise<void> {
  if (!submittedAt) return;
  const until = await lockedUntil(tx, "SHARE");
  const day = todayInFrance(submittedAt);
  if (until === null || day >= until) return;
  await tx.$executeRaw`
    UPDATE statistics_day SET deposits = deposits - 1
    WHERE court_id = ${fromCourtId} AND day = ${day}::date`;
  await tx.$executeRaw`
    INSERT INTO statistics_day (court_id, day, deposits) VALUES (${toCourtId}, ${day}::date, 1)
    ON CONFLICT (court_id, day) DO UPDATE SET deposits = statistics_day.deposits + 1`;
}

/**
 * Forgets the summary (after applications were written in the past, e.g. by the seed): the
 * statistics are read live until the next summary.
 */
export async function resetStatisticsSummary(prisma: PrismaClient): Promise<void> {
  await prisma.$transaction([
    prisma.statisticsSummary.deleteMany(),
    prisma.statisticsDay.deleteMany(),
    prisma.statisticsDelay.deleteMany(),
  ]);
}
