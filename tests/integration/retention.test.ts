/**
 * Retention (app/server/retention.server.ts) and the citizen's own data (personal-data.server.ts):
 * old drafts deleted, old closed files anonymised with their figures kept, citizens left with
 * nothing deleted or anonymised; the statistics unchanged and the audit chain still valid after the
 * purge; the JSON of a citizen's data complete and theirs only.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { computeStatistics } from "~/server/agent/statistics.server";
import { getOrCreateDraft } from "~/server/applications.server";
import { auditKeys, verifyAuditTrail, writeCheckpoint } from "~/server/audit-checkpoints.server";
import type { Database } from "~/server/db/connection.server";
import { DEMO_SECRETS } from "~/server/env.server";
import { personalData } from "~/server/personal-data.server";
import { applyRetention } from "~/server/retention.server";
import { recordTaxOutcome } from "~/server/tax.server";
import { createTestDatabase } from "../helpers/database";
import { createCitizen, createCourt, submittedApplication } from "../helpers/fixtures";

let db: Database;
let courtId: string;
const PERIODS = { draftDays: 30, closedMonths: 62 };
const NOW = new Date("2032-06-01T03:00:00Z");

beforeAll(async () => {
  db = await createTestDatabase();
  courtId = (await createCourt(db.prisma, "Lyon")).id;
});
afterAll(() => db.close());

describe("retention", () => {
  it("deletes old drafts, anonymises old closed files, keeps the figures and a valid chain", async () => {
    const keys = await auditKeys(DEMO_SECRETS.AUDIT_SIGNING_KEY);
    // An old draft, and a recent one.
    const idle = await createCitizen(db.prisma);
    const oldDraft = await getOrCreateDraft(db.prisma, idle.id);
    await db.prisma.application.update({
      where: { id: oldDraft.id },
      data: { updatedAt: new Date("2032-04-01T00:00:00Z") },
    });
    const active = await createCitizen(db.prisma);
    const recentDraft = await getOrCreateDraft(db.prisma, active.id);
    await db.prisma.application.update({
      where: { id: recentDraft.id },
      data: { updatedAt: new Date("2032-05-20T00:00:00Z") },
    });
    await db.prisma.citizen.update({ where: { id: active.id }, data: { lastLoginAt: NOW } });

    // A file granted in 2026 (beyond 62 months in June 2032), and one granted in 2028.
    const old = await submittedApplication(db.prisma, courtId, { email: "ancien@example.fr" });
    const kept = await submittedApplication(db.prisma, courtId, { email: "recent@example.fr" });
    for (const [app, closedAt] of [
      [old.application, new Date("2026-03-10T10:00:00Z")],
      [kept.application, new Date("2028-03-10T10:00:00Z")],
    ] as const) {
      await db.prisma.application.update({
        where: { id: app.id },
        data: {
          status: "GRANTED",
          decisionOutcome: "FULL",
          decisionReason: "Ressources sous le plafond.",
          completeAt: new Date(closedAt.getTime() - 2 * 86_400_000),
          closedAt,
          decidedAt: closedAt,
        },
      });
      await db.prisma.message.create({
        data: { applicationId: app.id, author: "AGENT", body: "Votre dossier est complet." },
      });
    }
    await writeCheckpoint(db.prisma, keys);
    const period = { du: "2026-01-01", au: "2028-12-31" };
    const before = await computeStatistics(db.prisma, [courtId], period, NOW);

    const report = await applyRetention(db.prisma, PERIODS, NOW);
    expect(report).toEqual({
      draftsDeleted: 1,
      applicationsAnonymised: 1,
      citizensDeleted: 1,
      citizensAnonymised: 1,
      citizensKept: 0,
    });

    expect(await db.prisma.application.findUnique({ where: { id: oldDraft.id } })).toBeNull();
    expect(await db.prisma.citizen.findUnique({ where: { id: idle.id } })).toBeNull();
    expect(
      await db.prisma.application.findUnique({ where: { id: recentDraft.id } }),
    ).not.toBeNull();

    const anonymised = await db.prisma.application.findUniqueOrThrow({
      where: { id: old.application.id },
      include: { citizen: true, messages: true },
    });
    expect(anonymised).toMatchObject({
      status: "GRANTED",
      decisionOutcome: "FULL",
      courtId,
      contactEmail: null,
      description: null,
      decisionReason: null,
      searchName: null,
      eligibilitySnapshot: null,
      taxRecordId: null,
      anonymisedAt: NOW,
    });
    expect(anonymised.messages).toEqual([]);
    expect(anonymised.citizen).toMatchObject({ familyName: "ANONYMISÉ", fcEmail: null });
    expect(await db.prisma.taxRecord.count({ where: { citizenId: old.citizen.id } })).toBe(0);
    const recent = await db.prisma.application.findUniqueOrThrow({
      where: { id: kept.application.id },
    });
    expect(recent.contactEmail).toBe("recent@example.fr");

    // The figures and the audit trail are intact.
    expect(await computeStatistics(db.prisma, [courtId], period, NOW)).toEqual(before);
    expect(await verifyAuditTrail(db.prisma, keys)).toMatchObject({ valid: true });
    expect(
      await db.prisma.auditEvent.count({
        where: { applicationId: oldDraft.id, action: "retention.draft_deleted" },
      }),
    ).toBe(1);

    // Run again: nothing more to do.
    expect(await applyRetention(db.prisma, PERIODS, NOW)).toEqual({
      draftsDeleted: 0,
      applicationsAnonymised: 0,
      citizensDeleted: 0,
      citizensAnonymised: 0,
      citizensKept: 0,
    });
  });
});

describe("the citizen's own data", () => {
  it("keeps the recent answers a draft in progress reads, when an old file of theirs is anonymised", async () => {
    const { citizen, application } = await submittedApplication(db.prisma, courtId);
    await db.prisma.citizen.update({ where: { id: citizen.id }, data: { lastLoginAt: NOW } });
    await db.prisma.application.update({
      where: { id: application.id },
      data: { status: "GRANTED", decisionOutcome: "FULL", closedAt: new Date("2026-03-10") },
    });
    const payments = (fetchedAt: Date) =>
      db.prisma.certifiedRecord.create({
        data: {
          citizenId: citizen.id,
          source: "FRANCE_TRAVAIL_PAIEMENTS",
          periodStart: new Date(fetchedAt.getTime() - 183 * 86_400_000),
          periodEnd: fetchedAt,
          correlationId: crypto.randomUUID(),
          httpStatus: 200,
          payload: { statutInscription: true, listePaiement: [] },
          fetchedAt,
        },
      });
    // The payments the old file used, linked to it.
    const used = await payments(new Date("2026-01-10"));
    await db.prisma.applicationCertifiedRecord.create({
      data: { applicationId: application.id, recordId: used.id },
    });
    // France Travail's payments fetched yesterday for a new draft (drafts link nothing yet).
    const recent = await payments(new Date(NOW.getTime() - 86_400_000));
    await applyRetention(db.prisma, PERIODS, NOW);
    expect(
      await db.prisma.application.findUniqueOrThrow({ where: { id: application.id } }),
    ).toMatchObject({ anonymisedAt: NOW, taxRecordId: null });
    expect(await db.prisma.applicationCertifiedRecord.count()).toBe(0);
    // The answers of 2026 the old file used are gone; yesterday's payments stay.
    expect(await db.prisma.taxRecord.count({ where: { citizenId: citizen.id } })).toBe(0);
    expect(await db.prisma.certifiedRecord.findMany({ where: { citizenId: citizen.id } })).toEqual([
      expect.objectContaining({ id: recent.id }),
    ]);
  });

  it("holds their identity, tax answers, applications, messages and history, and only theirs", async () => {
    const mine = await submittedApplication(db.prisma, courtId, { email: "moi@example.fr" });
    const other = await submittedApplication(db.prisma, courtId, { email: "autre@example.fr" });
    await db.prisma.message.create({
      data: { applicationId: mine.application.id, author: "AGENT", body: "Bien reçu." },
    });
    await db.prisma.agentNote.create({
      data: {
        applicationId: mine.application.id,
        agentId: (
          await db.prisma.agent.create({
            data: { email: "a@justice.example", givenName: "A", usualName: "B" },
          })
        ).id,
        body: "Note interne",
      },
    });
    // The service's calls about them outside any application: the DGFiP failed once, for them and
    // for someone else.
    for (const citizenId of [mine.citizen.id, other.citizen.id]) {
      await db.prisma.$transaction((tx) =>
        recordTaxOutcome(tx, citizenId, {
          status: "failed",
          reason: "unavailable",
          detail: "DGFiP indisponible",
        }),
      );
    }
    const data = await personalData(db.prisma, mine.citizen.id);
    expect(data.identity).toMatchObject({ familyName: "DUBOIS", fcEmail: "moi@example.fr" });
    expect(data.taxRecords).toHaveLength(1);
    expect(data.applications).toHaveLength(1);
    expect(data.applications[0]).toMatchObject({
      reference: mine.application.reference,
      status: "Déposée",
      contact: { email: "moi@example.fr" },
    });
    // Neither the agents' draft decision nor who they are.
    expect(Object.keys(data.applications[0] ?? {})).not.toContain("proposedOutcome");
    expect(JSON.stringify(data)).not.toMatch(/assignedAgentId|proposedById|decidedById/);
    expect(data.applications[0]?.messages).toEqual([
      expect.objectContaining({ from: "bureau d'aide juridictionnelle", body: "Bien reçu." }),
    ]);
    expect(data.history.map((event) => event.action)).toContain("Demande déposée");
    expect(
      data.history.filter((event) => event.action === "Données fiscales indisponibles"),
    ).toEqual([expect.objectContaining({ by: "le service", applicationId: null })]);
    const text = JSON.stringify(data);
    expect(text).not.toContain("autre@example.fr");
    expect(text).not.toContain("Note interne");
  });
});
