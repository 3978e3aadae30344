/**
 * The certified tax data of a citizen, the DGFiP adapter's storage (providers/dgfip.adapter.server.ts):
 * fetched with the FranceConnect access token during the login callback (the token lives 60 s),
 * stored as received in tax_record, never edited, read back.
 */

import { z } from "zod";
import type { Prisma, PrismaClient, TaxRecord } from "~/generated/prisma/client";
import { appendAuditEvent } from "./audit.server";
import { DGFIP_SOURCE, type DgfipOutcome, type Situation, situationSchema } from "./dgfip.server";
import {
  FC_TOKEN_USABLE_MS,
  type FetchStatus,
  type StoredAnswer,
} from "./providers/adapter.server";

/** What the last attempt gave, kept in the session so that the page can explain it. */
export const taxFetchStatusSchema = z.discriminatedUnion("status", [
  z.object({ status: z.enum(["found", "no_record"]), recordId: z.string() }),
  z.object({
    status: z.literal("failed"),
    reason: z.enum(["unavailable", "refused", "invalid_response"]),
  }),
  /** Still trying in the background since then (ISO instant), while the FC token lives. */
  z.object({ status: z.literal("pending"), since: z.string() }),
]);
export type TaxFetchStatus = z.infer<typeof taxFetchStatusSchema>;

/** The DGFiP's answer to one call, before it is stored. */
export type TaxOutcome = DgfipOutcome;

/**
 * Stores what the DGFiP answered, within `tx`: the record as received (when it answered) and the
 * audit event of the fetch, or of its failure.
 */
export async function recordTaxOutcome(
  tx: Prisma.TransactionClient,
  citizenId: string,
  outcome: TaxOutcome,
): Promise<FetchStatus> {
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
  return { status: outcome.status, recordId: saved.id };
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

/** A stored answer of the DGFiP, read: the record as received and, when it had one, the situation. */
export type TaxAnswer = StoredAnswer & { record: TaxRecord; situation: Situation | null };

/** Reads a stored record (its situation when the DGFiP gave one). */
export function readTaxRecord(record: TaxRecord): TaxAnswer {
  const found = record.httpStatus === 200;
  const parsed = found ? situationSchema.safeParse(record.payload) : null;
  return {
    recordId: record.id,
    found,
    record,
    situation: parsed?.success ? parsed.data : null,
  };
}

/** The latest DGFiP answer stored for a citizen, with its situation when it has one. */
export async function latestTaxRecord(
  prisma: PrismaClient | Prisma.TransactionClient,
  citizenId: string,
): Promise<TaxAnswer | null> {
  const record = await prisma.taxRecord.findFirst({
    where: { citizenId, source: DGFIP_SOURCE },
    orderBy: { fetchedAt: "desc" },
  });
  return record ? readTaxRecord(record) : null;
}
