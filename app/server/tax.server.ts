/**
 * The certified tax data of a citizen: fetched from the DGFiP with the FranceConnect access token
 * during the login callback (the token lives 60 s), stored as received, never edited.
 */
import type { Prisma, PrismaClient } from "~/generated/prisma/client";
import { appendAuditEvent } from "./audit.server";
import { DGFIP_SOURCE, type DgfipClient, situationSchema } from "./dgfip.server";

/** What the last attempt gave, kept in the session so that the page can explain it. */
export type TaxFetchStatus =
  | { status: "found" | "no_record"; taxRecordId: string }
  | { status: "failed"; reason: "unavailable" | "refused" | "invalid_response" };

export async function refreshTaxData(
  deps: { prisma: PrismaClient; dgfip: DgfipClient },
  citizenId: string,
  fcAccessToken: string,
): Promise<TaxFetchStatus> {
  const outcome = await deps.dgfip.fetchLatestSituation(fcAccessToken);
  if (outcome.status === "failed") {
    console.warn(`DGFiP : échec (${outcome.reason}) : ${outcome.detail}`);
    await deps.prisma.$transaction((tx) =>
      appendAuditEvent(tx, {
        actorType: "SYSTEM",
        action: "tax_record.fetch_failed",
        data: { citizenId, reason: outcome.reason },
      }),
    );
    return { status: "failed", reason: outcome.reason };
  }
  const record = await deps.prisma.$transaction(async (tx) => {
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
    return saved;
  });
  return { status: outcome.status, taxRecordId: record.id };
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
