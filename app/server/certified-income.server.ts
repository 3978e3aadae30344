/**
 * The certified income of the last six months (décret 2020-1717 art. 4), the France Travail
 * adapter's storage (providers/france-travail.adapter.server.ts): France Travail's payments, fetched
 * with the citizen's consent on their return from FranceConnect, stored as received in
 * certified_record and never edited, then read back for the Ressources step, the estimate and the
 * agent's page.
 */

import { todayInFrance } from "~/domain/french";
import type { Prisma, PrismaClient } from "~/generated/prisma/client";
import { appendAuditEvent } from "./audit.server";
import type { FetchStatus, StoredAnswer } from "./providers/adapter.server";
import {
  FRANCE_TRAVAIL_SOURCE,
  type FranceTravailOutcome,
  paidWithin,
  paymentsSchema,
} from "./providers/france-travail.server";

const day = (date: string) => new Date(`${date}T00:00:00Z`);

/** Stores France Travail's answer within `tx` (or the audit event of its failure). */
export async function recordPaymentsOutcome(
  tx: Prisma.TransactionClient,
  citizenId: string,
  outcome: FranceTravailOutcome,
): Promise<FetchStatus> {
  if (outcome.status === "failed") {
    await appendAuditEvent(tx, {
      actorType: "SYSTEM",
      action: "certified_record.fetch_failed",
      data: { citizenId, source: FRANCE_TRAVAIL_SOURCE, reason: outcome.reason },
    });
    return { status: "failed", reason: outcome.reason };
  }
  const saved = await tx.certifiedRecord.create({
    data: {
      citizenId,
      source: FRANCE_TRAVAIL_SOURCE,
      periodStart: day(outcome.period.from),
      periodEnd: day(outcome.period.to),
      correlationId: outcome.correlationId,
      httpStatus: outcome.httpStatus,
      payload: outcome.payload as Prisma.InputJsonValue,
    },
  });
  await appendAuditEvent(tx, {
    actorType: "SYSTEM",
    action: "certified_record.fetched",
    data: {
      citizenId,
      recordId: saved.id,
      source: FRANCE_TRAVAIL_SOURCE,
      status: outcome.status,
      correlationId: outcome.correlationId,
    },
  });
  return { status: outcome.status, recordId: saved.id };
}

/** A stored answer of France Travail, read back: its period and, when it had any, the payments. */
export type RecentPayments = StoredAnswer & {
  period: { from: string; to: string };
  fetchedAt: Date;
  correlationId: string;
  /** null: France Travail knows nothing of this person. */
  payments: { date: string; amount: number }[] | null;
  total: number;
};

const isoDay = (date: Date) => date.toISOString().slice(0, 10);

/** Reads one stored record (null when it is not a readable France Travail answer). */
export function readPayments(record: {
  id: string;
  source: string;
  periodStart: Date;
  periodEnd: Date;
  httpStatus: number;
  payload: unknown;
  fetchedAt: Date;
  correlationId: string;
}): RecentPayments | null {
  if (record.source !== FRANCE_TRAVAIL_SOURCE) return null;
  const period = { from: isoDay(record.periodStart), to: isoDay(record.periodEnd) };
  const base = {
    recordId: record.id,
    found: record.httpStatus === 200,
    period,
    fetchedAt: record.fetchedAt,
    correlationId: record.correlationId,
  };
  if (record.httpStatus === 404) return { ...base, payments: null, total: 0 };
  const parsed = paymentsSchema.safeParse(record.payload);
  if (record.httpStatus !== 200 || !parsed.success) return null;
  return { ...base, ...paidWithin(parsed.data, period) };
}

/** An answer whose period ended before this day no longer describes « the last six months ». */
function freshFrom(now: Date): Date {
  return new Date(day(todayInFrance(now)).getTime() - 31 * 86_400_000);
}

/**
 * The latest France Travail answer stored for a citizen whose period still ends within the last
 * month (older ones no longer describe « the last six months »).
 */
export async function latestRecentPayments(
  prisma: PrismaClient | Prisma.TransactionClient,
  citizenId: string,
  now = new Date(),
): Promise<RecentPayments | null> {
  const record = await prisma.certifiedRecord.findFirst({
    where: { citizenId, source: FRANCE_TRAVAIL_SOURCE, periodEnd: { gte: freshFrom(now) } },
    orderBy: { fetchedAt: "desc" },
  });
  return record ? readPayments(record) : null;
}

/**
 * When the citizen's latest France Travail answer is too old to be read (its period ended more than
 * a month ago), the day it was obtained ("YYYY-MM-DD"), to tell them to ask again; null otherwise.
 */
export async function expiredPaymentsDay(
  prisma: PrismaClient,
  citizenId: string,
  now = new Date(),
): Promise<string | null> {
  const latest = await prisma.certifiedRecord.findFirst({
    where: { citizenId, source: FRANCE_TRAVAIL_SOURCE },
    orderBy: { fetchedAt: "desc" },
    select: { fetchedAt: true, periodEnd: true },
  });
  if (!latest || latest.periodEnd >= freshFrom(now)) return null;
  return todayInFrance(latest.fetchedAt);
}
