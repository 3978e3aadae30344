/**
 * The certified tax data of a citizen: fetched from the DGFiP with the FranceConnect access token
 * during the login callback (the token lives 60 s), stored as received, never edited.
 */

import { z } from "zod";
import type { Prisma, PrismaClient } from "~/generated/prisma/client";
import { appendAuditEvent } from "./audit.server";
import { DGFIP_SOURCE, type DgfipClient, situationSchema } from "./dgfip.server";
import { clean, log } from "./log.server";

/** What the last attempt gave, kept in the session so that the page can explain it. */
export const taxFetchStatusSchema = z.discriminatedUnion("status", [
  z.object({ status: z.enum(["found", "no_record"]), taxRecordId: z.string() }),
  z.object({
    status: z.literal("failed"),
    reason: z.enum(["unavailable", "refused", "invalid_response"]),
  }),
  /** Still trying in the background since then (ISO instant), while the FC token lives. */
  z.object({ status: z.literal("pending"), since: z.string() }),
]);
export type TaxFetchStatus = z.infer<typeof taxFetchStatusSchema>;

/** The DGFiP's answer to one call, before it is stored. */
export type TaxOutcome = Awaited<ReturnType<DgfipClient["fetchLatestSituation"]>>;

/** Asks the DGFiP with the citizen's FranceConnect access token; a failure is logged, not thrown. */
export async function fetchTaxData(
  dgfip: DgfipClient,
  fcAccessToken: string,
  budgetMs?: number,
): Promise<TaxOutcome> {
  const outcome = await dgfip.fetchLatestSituation(fcAccessToken, new Date(), budgetMs);
  if (outcome.status === "failed") {
    log().warn({ reason: outcome.reason, detail: clean(outcome.detail, 200) }, "DGFiP : échec");
  }
  return outcome;
}

/**
 * Stores what the DGFiP answered, within `tx`: the record as received (when it answered) and the
 * audit event of the fetch, or of its failure.
 */
export async function recordTaxOutcome(
  tx: Prisma.TransactionClient,
  citizenId: string,
  outcome: TaxOutcome,
): Promise<Exclude<TaxFetchStatus, { status: "pending" }>> {
  if (outcome.status === "failed") {
    await appendAuditEvent(tx, {
      actorType: "SYSTEM",
      action: "tax_record.fetch_failed",
      data: { citizenId, reason: outcome.reason },
    });
    return { status: "failed", reason: outcome.reason };
  }
  const saved = await tx.taxRecord.create({
    data: {
      citizenId,
      source: DGFIP_SOURCE,
      incomeYear:
        outcome.status === "found" ? outcome.incomeYear : (outcome.incomeYears[0] as number),
      correlationId: outcome.correlationId,
      httpStatus: outcome.httpStatus,
      payload: outcome.payload as Prisma.InputJsonValue,
    },
  });
  await appendAuditEvent(tx, {
    actorType: "SYSTEM",
    action: "tax_record.fetched",
    data: {
      citizenId,
      taxRecordId: saved.id,
      status: outcome.status,
      correlationId: outcome.correlationId,
    },
  });
  return { status: outcome.status, taxRecordId: saved.id };
}

/** Fetches and stores the citizen's tax data (the background tries after a login). */
export async function refreshTaxData(
  deps: { prisma: PrismaClient; dgfip: DgfipClient },
  citizenId: string,
  fcAccessToken: string,
  budgetMs?: number,
): Promise<Exclude<TaxFetchStatus, { status: "pending" }>> {
  const outcome = await fetchTaxData(deps.dgfip, fcAccessToken, budgetMs);
  return deps.prisma.$transaction((tx) => recordTaxOutcome(tx, citizenId, outcome));
}

/** The FranceConnect access token is valid 60 s from its issue: the last try starts before this. */
export const FC_TOKEN_USABLE_MS = 50_000;
/** Pauses between the background tries (then the token is gone). */
const BACKGROUND_PAUSES_MS = [1_000, 4_000, 10_000, 20_000];

/**
 * Goes on trying, after the citizen was let in, while the FranceConnect token lives: the stored
 * record appears on their pages as soon as the DGFiP answers. Stops at the first answer that is not
 * « unavailable » (found, nothing, refused, unreadable). Nothing to resume after a restart: the
 * token would be dead anyway, and logging in again fetches anew.
 */
export async function retryTaxDataInBackground(
  deps: { prisma: PrismaClient; dgfip: DgfipClient },
  citizenId: string,
  fcAccessToken: string,
  tokenObtainedAt: number,
  pauses = BACKGROUND_PAUSES_MS,
): Promise<Exclude<TaxFetchStatus, { status: "pending" }> | null> {
  const until = tokenObtainedAt + FC_TOKEN_USABLE_MS;
  for (const pause of pauses) {
    await new Promise((resolve) => setTimeout(resolve, pause));
    const left = until - Date.now();
    if (left < 1_000) return null;
    const outcome = await refreshTaxData(deps, citizenId, fcAccessToken, Math.min(left, 15_000));
    if (outcome.status !== "failed" || outcome.reason !== "unavailable") return outcome;
  }
  return null;
}

/**
 * What the citizen's pages say about their tax data: a background fetch still running, done (a
 * record stored since), or given up.
 */
export function currentTaxFetch(
  fetch: TaxFetchStatus | null | undefined,
  latestFetchedAt: Date | null,
  now = Date.now(),
): Exclude<TaxFetchStatus, { status: "pending" }> | { status: "pending" } | null {
  if (fetch?.status !== "pending") return fetch ?? null;
  const since = Date.parse(fetch.since);
  if (latestFetchedAt && latestFetchedAt.getTime() >= since) return null;
  return now - since < FC_TOKEN_USABLE_MS + 10_000
    ? { status: "pending" }
    : { status: "failed", reason: "unavailable" };
}

/** The latest DGFiP answer stored for a citizen, with its situation when it has one. */
export async function latestTaxRecord(prisma: PrismaClient, citizenId: string) {
  const record = await prisma.taxRecord.findFirst({
    where: { citizenId, source: DGFIP_SOURCE },
    orderBy: { fetchedAt: "desc" },
  });
  if (!record) return null;
  const situation = record.httpStatus === 200 ? situationSchema.safeParse(record.payload) : null;
  return { record, situation: situation?.success ? situation.data : null };
}
