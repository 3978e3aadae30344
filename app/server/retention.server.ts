/**
 * Retention (docs/decisions/020). Periods from the arrêté of 19 March 2021 on SIAJ as summarised in
 * docs/reference/bureau-aide-juridictionnelle.md, configurable:
 * - a draft never submitted is deleted after RETENTION_DRAFT_DAYS (30) without a change;
 * - a closed application (decided, lapsed, withdrawn) is anonymised RETENTION_CLOSED_MONTHS (62: two
 *   months active, then five years in archive) after it was closed: its personal data and free text
 *   are removed; its court, dates, status and outcomes stay, so the statistics stay true;
 * - a citizen left with nothing (no application, no login for that long) is deleted, one whose
 *   applications are all anonymised is anonymised too.
 * The audit trail is never touched (identifiers only, no foreign key): the chain stays valid. Each
 * deletion or anonymisation is itself an audit event, in the same transaction.
 */
import { Prisma, type PrismaClient } from "~/generated/prisma/client";
import { appendAuditEvent } from "./audit.server";

export type RetentionPeriods = { draftDays: number; closedMonths: number };

const DAY = 86_400_000;
const FINAL = ["GRANTED", "REJECTED", "LAPSED", "WITHDRAWN"] as const;
const ANONYMOUS = "ANONYMISÉ";

function monthsBefore(now: Date, months: number): Date {
  const date = new Date(now);
  date.setUTCMonth(date.getUTCMonth() - months);
  return date;
}

/** What an anonymised application keeps: figures, dates, outcomes; no person, no free text. */
const ANONYMISED_FIELDS = {
  contactEmail: null,
  contactPhone: null,
  correspondenceAddress: null,
  adverseParty: null,
  description: null,
  lawyerName: null,
  lawyerBar: null,
  proposedReason: null,
  decisionReason: null,
  searchName: null,
  representativeSearchName: null,
  eligibilitySnapshot: Prisma.DbNull,
  taxRecordId: null,
  declaredRecentIncome: null,
  beneficiaryGivenName: null,
  beneficiaryFamilyName: null,
  beneficiaryBirthdate: null,
  declaredReferenceTaxIncome: null,
  declaredHouseholdSize: null,
} satisfies Prisma.ApplicationUncheckedUpdateManyInput;

/**
 * Deletes the citizen's certified answers no application links, except recent ones (fetched after
 * `keepAfter`): a draft in progress reads the latest without linking it until its submission.
 */
async function deleteOrphanRecords(
  tx: Prisma.TransactionClient,
  citizenId: string,
  keepAfter: Date,
) {
  const orphan = { citizenId, applications: { none: {} }, fetchedAt: { lt: keepAfter } };
  await tx.taxRecord.deleteMany({ where: orphan });
  await tx.certifiedRecord.deleteMany({ where: orphan });
}

/** Applies the retention periods once; returns what it did (counts only). */
export async function applyRetention(
  prisma: PrismaClient,
  periods: RetentionPeriods,
  now = new Date(),
  batchSize = 500,
) {
  const report = {
    draftsDeleted: 0,
    applicationsAnonymised: 0,
    citizensDeleted: 0,
    citizensAnonymised: 0,
    /** Changed while the job ran: left for the next run. */
    citizensKept: 0,
  };
  const draftLimit = new Date(now.getTime() - periods.draftDays * DAY);
  const closedLimit = monthsBefore(now, periods.closedMonths);

  for (;;) {
    const drafts = await prisma.application.findMany({
      where: { status: "DRAFT", updatedAt: { lt: draftLimit } },
      select: { id: true, citizenId: true },
      take: batchSize,
    });
    for (const draft of drafts) {
      await prisma.$transaction(async (tx) => {
        // Guarded: a draft touched meanwhile is kept.
        const { count } = await tx.application.deleteMany({
          where: { id: draft.id, status: "DRAFT", updatedAt: { lt: draftLimit } },
        });
        if (count === 0) return;
        await deleteOrphanRecords(tx, draft.citizenId, draftLimit);
        await appendAuditEvent(tx, {
          actorType: "SYSTEM",
          action: "retention.draft_deleted",
          applicationId: draft.id,
          data: { periodDays: periods.draftDays },
          occurredAt: now,
        });
        report.draftsDeleted++;
      });
    }
    if (drafts.length < batchSize) break;
  }

  for (;;) {
    const closed = await prisma.application.findMany({
      where: { status: { in: [...FINAL] }, closedAt: { lt: closedLimit }, anonymisedAt: null },
      select: { id: true, citizenId: true },
      take: batchSize,
    });
    for (const app of closed) {
      await prisma.$transaction(async (tx) => {
        const { count } = await tx.application.updateMany({
          where: { id: app.id, anonymisedAt: null },
          data: { ...ANONYMISED_FIELDS, anonymisedAt: now },
        });
        if (count === 0) return;
        await tx.message.deleteMany({ where: { applicationId: app.id } });
        await tx.agentNote.deleteMany({ where: { applicationId: app.id } });
        await tx.notification.deleteMany({ where: { applicationId: app.id } });
        await tx.applicationCertifiedRecord.deleteMany({ where: { applicationId: app.id } });
        await deleteOrphanRecords(tx, app.citizenId, draftLimit);
        await appendAuditEvent(tx, {
          actorType: "SYSTEM",
          action: "retention.anonymised",
          applicationId: app.id,
          data: { periodMonths: periods.closedMonths },
          occurredAt: now,
        });
        report.applicationsAnonymised++;
      });
    }
    if (closed.length < batchSize) break;
  }

  // Citizens: nothing left and not seen for the draft period → deleted; only anonymised files
  // left → anonymised.
  const idle = await prisma.citizen.findMany({
    where: {
      familyName: { not: ANONYMOUS },
      OR: [{ lastLoginAt: null }, { lastLoginAt: { lt: draftLimit } }],
      applications: { none: { anonymisedAt: null } },
    },
    select: { id: true, _count: { select: { applications: true } } },
    take: 10_000,
  });
  for (const citizen of idle) {
    // A citizen who starts a draft meanwhile makes the deletion fail on its foreign key: that one
    // is kept (the next run sees the draft), the others go on.
    await prisma
      .$transaction(async (tx) => {
        await tx.session.deleteMany({ where: { citizenId: citizen.id } });
        if (citizen._count.applications === 0) {
          await tx.taxRecord.deleteMany({ where: { citizenId: citizen.id } });
          await tx.certifiedRecord.deleteMany({ where: { citizenId: citizen.id } });
          await tx.citizen.delete({ where: { id: citizen.id } });
          report.citizensDeleted++;
        } else {
          await tx.taxRecord.deleteMany({
            where: { citizenId: citizen.id, applications: { none: {} } },
          });
          await tx.certifiedRecord.deleteMany({
            where: { citizenId: citizen.id, applications: { none: {} } },
          });
          await tx.citizen.update({
            where: { id: citizen.id },
            data: {
              fcSub: `anonymise-${citizen.id}`,
              givenName: ANONYMOUS,
              familyName: ANONYMOUS,
              preferredUsername: null,
              birthdate: "0000-01-01",
              gender: "",
              birthplace: "",
              birthcountry: "",
              fcEmail: null,
              contactEmail: null,
              contactPhone: null,
            },
          });
          report.citizensAnonymised++;
        }
      })
      .catch(() => {
        report.citizensKept++;
      });
  }
  if (report.citizensDeleted || report.citizensAnonymised) {
    await prisma.$transaction((tx) =>
      appendAuditEvent(tx, {
        actorType: "SYSTEM",
        action: "retention.citizens",
        data: { deleted: report.citizensDeleted, anonymised: report.citizensAnonymised },
        occurredAt: now,
      }),
    );
  }
  return report;
}
