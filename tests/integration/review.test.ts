import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { reply } from "~/server/applications.server";
import { verifyAuditChain } from "~/server/audit.server";
import type { Database } from "~/server/db/connection.server";
import { decide, requestInformation, startReview } from "~/server/review.server";
import { createTestDatabase } from "../helpers/database";
import { createAgent, createCourt, submittedApplication } from "../helpers/fixtures";

let db: Database;
let courtId: string;
beforeAll(async () => {
  db = await createTestDatabase();
  courtId = (await createCourt(db.prisma)).id;
});
afterAll(() => db.close());

async function underReview() {
  const agent = await createAgent(db.prisma, courtId);
  const { citizen, application } = await submittedApplication(db.prisma, courtId);
  const target = { agentId: agent.id, applicationId: application.id };
  const review = await startReview(db.prisma, { ...target, version: application.version });
  if (!review.ok) throw new Error(review.message);
  return { agent, citizen, target, application: review.application };
}

function audit(applicationId: string) {
  return db.prisma.auditEvent.findMany({
    where: { applicationId },
    orderBy: { sequence: "asc" },
    select: { actorType: true, actorId: true, action: true, data: true },
  });
}

describe("an agent of the court", () => {
  it("takes a submitted application for review, traced", async () => {
    const { agent, application } = await underReview();
    expect(application.status).toBe("IN_REVIEW");
    expect(await audit(application.id)).toContainEqual({
      actorType: "AGENT",
      actorId: agent.id,
      action: "application.status_changed",
      data: { from: "SUBMITTED", to: "IN_REVIEW" },
    });
  });

  it("asks for information: the question reaches the citizen, whose answer resumes the review", async () => {
    const { agent, citizen, target, application } = await underReview();
    const asked = await requestInformation(
      db.prisma,
      { ...target, version: application.version },
      { body: "  Quelle est la date de l'audience ?  " },
    );
    if (!asked.ok) throw new Error(asked.message);
    expect(asked.application.status).toBe("INFORMATION_REQUESTED");
    const messages = await db.prisma.message.findMany({ where: { applicationId: application.id } });
    expect(messages).toMatchObject([
      { author: "AGENT", agentId: agent.id, body: "Quelle est la date de l'audience ?" },
    ]);
    expect(
      await db.prisma.notification.findMany({ where: { applicationId: application.id } }),
    ).toMatchObject([{ kind: "RECEIPT" }, { kind: "INFORMATION_REQUESTED" }]);

    await reply(db.prisma, {
      citizenId: citizen.id,
      applicationId: application.id,
      body: "Le 12 janvier.",
    });
    const resumed = await db.prisma.application.findUniqueOrThrow({
      where: { id: application.id },
    });
    expect(resumed.status).toBe("IN_REVIEW");
  });

  it("grants the aide with its share, or rejects it with a motive; the decision is final", async () => {
    const { agent, target, application } = await underReview();
    const granted = await decide(
      db.prisma,
      { ...target, version: application.version },
      { outcome: "PARTIAL_25", reason: "" },
    );
    if (!granted.ok) throw new Error(granted.message);
    expect(granted.application).toMatchObject({
      status: "GRANTED",
      decisionOutcome: "PARTIAL_25",
      decisionStateShare: 25,
      decisionReason: null,
      decidedById: agent.id,
    });
    expect(granted.application.decidedAt).not.toBeNull();
    expect((await audit(application.id)).at(-1)).toMatchObject({
      action: "application.status_changed",
      data: { from: "IN_REVIEW", to: "GRANTED", outcome: "PARTIAL_25" },
    });
    expect(
      await decide(
        db.prisma,
        { ...target, version: granted.application.version },
        { outcome: "FULL" },
      ),
    ).toMatchObject({ ok: false, problem: "NOT_ALLOWED" });

    const other = await underReview();
    const rejected = await decide(
      db.prisma,
      { ...other.target, version: other.application.version },
      { outcome: "INELIGIBLE", reason: "Ressources supérieures aux plafonds." },
    );
    expect(rejected).toMatchObject({
      ok: true,
      application: {
        status: "REJECTED",
        decisionStateShare: 0,
        decisionReason: "Ressources supérieures aux plafonds.",
      },
    });
    expect(await verifyAuditChain(db.prisma)).toMatchObject({ valid: true });
  });
});

describe("refused", () => {
  it("a rejection without a motive, an unknown outcome, an empty question", async () => {
    const { target, application } = await underReview();
    const at = { ...target, version: application.version };
    expect(await decide(db.prisma, at, { outcome: "INELIGIBLE", reason: "  " })).toEqual({
      ok: false,
      problem: "INVALID",
      message: "La saisie comporte des erreurs.",
      errors: { reason: "Un rejet doit être motivé : écrivez le motif." },
    });
    expect(await decide(db.prisma, at, { outcome: "PARTIAL_70" })).toMatchObject({
      ok: false,
      errors: { outcome: "Choisissez la décision." },
    });
    expect(await requestInformation(db.prisma, at, { body: "" })).toMatchObject({
      ok: false,
      errors: { body: "Écrivez la précision demandée." },
    });
    const unchanged = await db.prisma.application.findUniqueOrThrow({
      where: { id: application.id },
    });
    expect(unchanged).toMatchObject({ status: "IN_REVIEW", version: application.version });
  });

  it("a decision on an application nobody reviewed yet (the state machine)", async () => {
    const agent = await createAgent(db.prisma, courtId);
    const { application } = await submittedApplication(db.prisma, courtId);
    expect(
      await decide(
        db.prisma,
        { agentId: agent.id, applicationId: application.id, version: application.version },
        { outcome: "FULL" },
      ),
    ).toEqual({
      ok: false,
      problem: "NOT_ALLOWED",
      message: "Une demande « Déposée » ne peut pas passer à « Accordée ».",
    });
  });

  it("an action from an outdated page: a colleague acted in between", async () => {
    const { target, application } = await underReview();
    const colleague = await createAgent(db.prisma, courtId);
    const first = await requestInformation(
      db.prisma,
      { ...target, agentId: colleague.id, version: application.version },
      { body: "Pouvez-vous préciser la juridiction saisie ?" },
    );
    expect(first.ok).toBe(true);
    expect(
      await decide(db.prisma, { ...target, version: application.version }, { outcome: "FULL" }),
    ).toMatchObject({ ok: false, problem: "STALE" });
  });

  it("two agents deciding at the same time: one decision only", async () => {
    const { target, application } = await underReview();
    const colleague = await createAgent(db.prisma, courtId);
    const results = await Promise.all([
      decide(db.prisma, { ...target, version: application.version }, { outcome: "FULL" }),
      decide(
        db.prisma,
        { ...target, agentId: colleague.id, version: application.version },
        { outcome: "INELIGIBLE", reason: "Plafonds dépassés." },
      ),
    ]);
    expect(results.filter((result) => result.ok)).toHaveLength(1);
    expect(results.filter((result) => !result.ok)).toMatchObject([{ problem: "STALE" }]);
    expect(
      await db.prisma.notification.count({
        where: { applicationId: application.id, kind: "DECISION" },
      }),
    ).toBe(1);
  });

  it("another court's agent, an inactive agent, a draft: as if it did not exist", async () => {
    const { application } = await submittedApplication(db.prisma, courtId);
    const elsewhere = await createAgent(db.prisma, (await createCourt(db.prisma, "Lille")).id);
    const inactive = await createAgent(db.prisma, courtId, { active: false });
    for (const agent of [elsewhere, inactive]) {
      expect(
        await startReview(db.prisma, {
          agentId: agent.id,
          applicationId: application.id,
          version: application.version,
        }),
      ).toEqual({ ok: false, problem: "NOT_FOUND", message: "Demande introuvable." });
    }
    const agent = await createAgent(db.prisma, courtId);
    const draft = await db.prisma.application.create({
      data: { citizenId: application.citizenId, courtId },
    });
    expect(
      await startReview(db.prisma, { agentId: agent.id, applicationId: draft.id, version: 1 }),
    ).toMatchObject({ ok: false, problem: "NOT_FOUND" });
  });
});
