import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  addNote,
  decide,
  proposeDecision,
  recordLapse,
  requestInformation,
  returnToReview,
  sendMessage,
  signDecision,
  startReview,
  transfer,
} from "~/server/agent/review.server";
import { reply, withdraw } from "~/server/applications.server";
import { verifyAuditChain } from "~/server/audit.server";
import type { Database } from "~/server/db/connection.server";
import { decisionLetterWhere } from "~/server/decision-letter.server";
import { createTestDatabase } from "../helpers/database";
import { createAgent, createCourt, submittedApplication } from "../helpers/fixtures";

let db: Database;
let courtId: string;
beforeAll(async () => {
  db = await createTestDatabase();
  courtId = (await createCourt(db.prisma)).id;
});
afterAll(() => db.close());

/** A submitted application taken by an instructeur of the court, and its président. */
async function underReview() {
  const agent = await createAgent(db.prisma, courtId);
  const president = await createAgent(db.prisma, courtId, { role: "PRESIDENT" });
  const { citizen, application } = await submittedApplication(db.prisma, courtId);
  const target = { agentId: agent.id, applicationId: application.id };
  const review = await startReview(db.prisma, { ...target, version: application.version });
  if (!review.ok) throw new Error(review.message);
  return { agent, president, citizen, target, application: review.application };
}

async function proposed(form: Record<string, string> = { outcome: "FULL" }) {
  const setup = await underReview();
  const result = await proposeDecision(
    db.prisma,
    { ...setup.target, version: setup.application.version },
    form,
  );
  if (!result.ok) throw new Error(JSON.stringify(result));
  return { ...setup, application: result.application };
}

function audit(applicationId: string) {
  return db.prisma.auditEvent.findMany({
    where: { applicationId },
    orderBy: { sequence: "asc" },
    select: { actorType: true, actorId: true, action: true, data: true },
  });
}

const current = (id: string) => db.prisma.application.findUniqueOrThrow({ where: { id } });
const kinds = async (applicationId: string) =>
  (
    await db.prisma.notification.findMany({
      where: { applicationId },
      orderBy: { createdAt: "asc" },
    })
  ).map((n) => n.kind);

describe("an instructeur of the court", () => {
  it("takes a submitted application: it is theirs to follow, traced as startReview", async () => {
    const { agent, application } = await underReview();
    expect(application).toMatchObject({ status: "IN_REVIEW", assignedAgentId: agent.id });
    expect(await audit(application.id)).toContainEqual({
      actorType: "AGENT",
      actorId: agent.id,
      action: "startReview",
      data: { from: "SUBMITTED", to: "IN_REVIEW" },
    });
  });

  it("asks for information with a deadline; the citizen's answer resumes the review", async () => {
    const { agent, citizen, target, application } = await underReview();
    const asked = await requestInformation(
      db.prisma,
      { ...target, version: application.version },
      { body: "  Quelle est la date de l'audience ?  ", deadline: "" },
    );
    if (!asked.ok) throw new Error(asked.message);
    expect(asked.application.status).toBe("INFORMATION_REQUESTED");
    const days = ((asked.application.replyDeadline?.getTime() ?? 0) - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(27);
    expect(days).toBeLessThan(32);
    expect(
      await db.prisma.message.findMany({ where: { applicationId: application.id } }),
    ).toMatchObject([
      { author: "AGENT", agentId: agent.id, body: "Quelle est la date de l'audience ?" },
    ]);
    expect(await kinds(application.id)).toEqual(["RECEIPT", "INFORMATION_REQUESTED"]);

    expect(
      await reply(db.prisma, {
        citizenId: citizen.id,
        applicationId: application.id,
        body: "Le 12 janvier.",
      }),
    ).toEqual({ ok: true });
    expect(await current(application.id)).toMatchObject({
      status: "IN_REVIEW",
      replyDeadline: null,
    });
    expect((await audit(application.id)).at(-1)).toMatchObject({
      actorType: "CITIZEN",
      action: "reply",
      data: { from: "INFORMATION_REQUESTED", to: "IN_REVIEW" },
    });
  });

  it("proposes a decision, prefilled from the computed outcome; cannot sign it", async () => {
    const { agent, target, application } = await proposed();
    expect(application).toMatchObject({
      status: "DECISION_PROPOSED",
      proposedOutcome: "FULL",
      proposedById: agent.id,
      decisionOutcome: null,
    });
    expect(
      await signDecision(db.prisma, { ...target, version: application.version }),
    ).toMatchObject({
      ok: false,
      problem: "NOT_ALLOWED",
      message: "« Décision signée » est réservé au président ou au vice-président du bureau.",
    });
  });

  it("must explain a decision that differs from the computed one, and motivate a rejection", async () => {
    const { target, application } = await underReview();
    const at = { ...target, version: application.version };
    expect(application.eligibilityOutcome).toBe("FULL");
    expect(await proposeDecision(db.prisma, at, { outcome: "PARTIAL_55" })).toMatchObject({
      ok: false,
      problem: "INVALID",
      errors: {
        reason:
          "La décision diffère du calcul (Aide juridictionnelle totale (100 %)) : expliquez pourquoi.",
      },
    });
    expect(await proposeDecision(db.prisma, at, { outcome: "INELIGIBLE" })).toMatchObject({
      ok: false,
      errors: {
        motif: "Un rejet doit être motivé : choisissez le motif.",
        reason: "Un rejet doit être motivé : expliquez le motif au demandeur.",
      },
    });
    // The fixture's applicant is a defendant: loi 91-647 art. 7 does not apply to them.
    expect(
      await proposeDecision(db.prisma, at, {
        outcome: "INELIGIBLE",
        motif: "INADMISSIBLE",
        reason: "Action vouée à l'échec.",
      }),
    ).toMatchObject({
      ok: false,
      errors: {
        motif:
          "« Action manifestement irrecevable ou dénuée de fondement » ne peut pas être opposé à un défendeur (loi du 10 juillet 1991, art. 7).",
      },
    });
    expect(await proposeDecision(db.prisma, at, { outcome: "PARTIAL_70" })).toMatchObject({
      ok: false,
      errors: { outcome: "Choisissez la décision." },
    });
    expect(await current(application.id)).toMatchObject({
      status: "IN_REVIEW",
      version: application.version,
    });
    const ok = await proposeDecision(db.prisma, at, {
      outcome: "INELIGIBLE",
      motif: "INSURANCE",
      reason: "Votre contrat habitation couvre ce litige.",
    });
    expect(ok).toMatchObject({
      ok: true,
      application: { proposedOutcome: "INELIGIBLE", proposedMotif: "INSURANCE" },
    });
  });

  it("transfers to the competent BAJ: it leaves this court, both sides see it", async () => {
    const { agent, target, application } = await underReview();
    const lyon = await createCourt(db.prisma, "Lyon");
    const lyonAgent = await createAgent(db.prisma, lyon.id);
    const at = { ...target, version: application.version };
    expect(await transfer(db.prisma, at, { courtId, reason: "x" })).toMatchObject({
      ok: false,
      errors: { courtId: "Choisissez un autre tribunal que celui-ci." },
    });
    expect(await transfer(db.prisma, at, { courtId: lyon.id, reason: "" })).toMatchObject({
      ok: false,
      errors: { reason: "Expliquez pourquoi ce bureau n'est pas compétent." },
    });
    const moved = await transfer(db.prisma, at, {
      courtId: lyon.id,
      reason: "Le litige relève du tribunal de Lyon.",
    });
    expect(moved).toMatchObject({
      ok: true,
      application: { status: "SUBMITTED", courtId: lyon.id, assignedAgentId: null },
    });
    expect((await audit(application.id)).at(-1)).toMatchObject({
      actorId: agent.id,
      action: "transfer",
      data: { fromCourt: courtId, toCourt: lyon.id },
    });
    // The reason is free text: in the agents' notes, never in the audit trail.
    expect(JSON.stringify((await audit(application.id)).at(-1)?.data)).not.toContain("Lyon.");
    const note = await db.prisma.agentNote.findFirstOrThrow({
      where: { applicationId: application.id },
      orderBy: { createdAt: "desc" },
    });
    expect(note.body).toMatch(/: Le litige relève du tribunal de Lyon\.$/);
    expect(await kinds(application.id)).toContain("TRANSFERRED");
    const version = (await current(application.id)).version;
    expect(await startReview(db.prisma, { ...target, version })).toMatchObject({
      problem: "NOT_FOUND",
    });
    expect(
      await startReview(db.prisma, { ...target, agentId: lyonAgent.id, version }),
    ).toMatchObject({ ok: true });
  });

  it("writes to the citizen at any time (mailed) and leaves private notes", async () => {
    const { target, application } = await underReview();
    expect(await sendMessage(db.prisma, target, { body: "Votre dossier est complet." })).toEqual({
      ok: true,
    });
    expect(await addNote(db.prisma, target, { body: "Vérifier l'audience du 12." })).toEqual({
      ok: true,
    });
    expect(await addNote(db.prisma, target, { body: " " })).toMatchObject({
      ok: false,
      errors: { body: "Écrivez la note." },
    });
    expect(await kinds(application.id)).toEqual(["RECEIPT", "MESSAGE"]);
    expect(await db.prisma.agentNote.count({ where: { applicationId: application.id } })).toBe(1);
    expect((await audit(application.id)).map((e) => e.action).slice(-2)).toEqual([
      "message.sent",
      "note.added",
    ]);
  });
});

describe("the président", () => {
  it("signs the proposal: final decision, signatory, mail; nothing changes it afterwards", async () => {
    const { president, target, application } = await proposed({
      outcome: "PARTIAL_25",
      reason: "Une pension alimentaire non déclarée s'ajoute aux revenus.",
    });
    const signed = await signDecision(db.prisma, {
      ...target,
      agentId: president.id,
      version: application.version,
    });
    if (!signed.ok) throw new Error(signed.message);
    expect(signed.application).toMatchObject({
      status: "GRANTED",
      decisionOutcome: "PARTIAL_25",
      decisionStateShare: 25,
      decisionReason: "Une pension alimentaire non déclarée s'ajoute aux revenus.",
      decidedById: president.id,
    });
    expect((await audit(application.id)).at(-1)).toMatchObject({
      actorId: president.id,
      action: "signDecision",
      data: { from: "DECISION_PROPOSED", to: "GRANTED", outcome: "PARTIAL_25" },
    });
    expect(await kinds(application.id)).toEqual(["RECEIPT", "DECISION"]);
    expect(
      await decide(
        db.prisma,
        { ...target, agentId: president.id, version: signed.application.version },
        { outcome: "FULL" },
      ),
    ).toMatchObject({ ok: false, problem: "NOT_ALLOWED" });
    expect(await verifyAuditChain(db.prisma)).toMatchObject({ valid: true });

    // The letter names the signatory as they signed, whatever becomes of their account: renamed
    // at their next ProConnect login, then made an instructeur.
    const letter = () => decisionLetterWhere(db.prisma, { id: application.id });
    const signatory = (await letter())?.signatory;
    expect(signatory).toEqual({
      fullName: "Camille MARTIN",
      quality: "Président(e) du bureau d'aide juridictionnelle",
    });
    await db.prisma.agent.update({
      where: { id: president.id },
      data: { usualName: "DURAND", role: "INSTRUCTEUR" },
    });
    expect((await letter())?.signatory).toEqual(signatory);
  });

  it("decides directly, sends a proposal back, and rejects with a motif", async () => {
    const first = await underReview();
    const direct = await decide(
      db.prisma,
      { ...first.target, agentId: first.president.id, version: first.application.version },
      { outcome: "FULL" },
    );
    expect(direct).toMatchObject({ ok: true, application: { status: "GRANTED" } });

    const second = await proposed({ outcome: "FULL" });
    const back = await returnToReview(
      db.prisma,
      { ...second.target, agentId: second.president.id, version: second.application.version },
      { reason: "Vérifiez l'épargne déclarée." },
    );
    expect(back).toMatchObject({ ok: true, application: { status: "IN_REVIEW" } });
    if (!back.ok) return;
    const rejected = await decide(
      db.prisma,
      { ...second.target, agentId: second.president.id, version: back.application.version },
      { outcome: "INELIGIBLE", motif: "ASSETS", reason: "Épargne de 40 000 €." },
    );
    expect(rejected).toMatchObject({
      ok: true,
      application: { status: "REJECTED", decisionMotif: "ASSETS", decisionStateShare: 0 },
    });
  });

  it("records a lapse only after the reply deadline", async () => {
    const { president, target, application } = await underReview();
    const asked = await requestInformation(
      db.prisma,
      { ...target, version: application.version },
      { body: "Date de l'audience ?" },
    );
    if (!asked.ok) throw new Error(asked.message);
    const asPresident = { ...target, agentId: president.id, version: asked.application.version };
    expect(await recordLapse(db.prisma, asPresident)).toMatchObject({
      ok: false,
      problem: "NOT_ALLOWED",
      message:
        "La caducité ne peut être constatée qu'après la date limite de réponse du demandeur.",
    });
    await db.prisma.application.update({
      where: { id: application.id },
      data: { replyDeadline: new Date(Date.now() - 1000) },
    });
    expect(await recordLapse(db.prisma, asPresident)).toMatchObject({
      ok: true,
      application: { status: "LAPSED" },
    });
    expect(await kinds(application.id)).toEqual(["RECEIPT", "INFORMATION_REQUESTED", "LAPSED"]);
  });
});

describe("refused", () => {
  it("a decision on an application nobody took yet (the state machine)", async () => {
    const president = await createAgent(db.prisma, courtId, { role: "PRESIDENT" });
    const { application } = await submittedApplication(db.prisma, courtId);
    expect(
      await decide(
        db.prisma,
        { agentId: president.id, applicationId: application.id, version: application.version },
        { outcome: "FULL" },
      ),
    ).toEqual({
      ok: false,
      problem: "NOT_ALLOWED",
      message: "Une demande « Déposée » ne permet pas : « Décision prise et signée ».",
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
      await proposeDecision(
        db.prisma,
        { ...target, version: application.version },
        { outcome: "FULL" },
      ),
    ).toMatchObject({ ok: false, problem: "STALE" });
  });

  it("another court's agent, an inactive agent, a national reader, a draft: as if it did not exist", async () => {
    const { application } = await submittedApplication(db.prisma, courtId);
    const elsewhere = await createAgent(db.prisma, (await createCourt(db.prisma, "Lille")).id);
    const inactive = await createAgent(db.prisma, courtId, { active: false });
    const reader = await createAgent(db.prisma, [], { role: "NATIONAL_READER" });
    for (const agent of [elsewhere, inactive, reader]) {
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

describe("races: one wins, the other is told, nothing is overwritten", () => {
  it("two agents taking or deciding at the same time", async () => {
    const { president, target, application } = await underReview();
    const vice = await createAgent(db.prisma, courtId, { role: "VICE_PRESIDENT" });
    const results = await Promise.all([
      decide(
        db.prisma,
        { ...target, agentId: president.id, version: application.version },
        { outcome: "FULL" },
      ),
      decide(
        db.prisma,
        { ...target, agentId: vice.id, version: application.version },
        { outcome: "INELIGIBLE", motif: "RESOURCES", reason: "Plafonds dépassés." },
      ),
    ]);
    expect(results.filter((result) => result.ok)).toHaveLength(1);
    expect(results.filter((result) => !result.ok)).toMatchObject([{ problem: "STALE" }]);
    expect((await kinds(application.id)).filter((kind) => kind === "DECISION")).toHaveLength(1);
  });

  it("the citizen replying while the président records the lapse", async () => {
    for (let round = 0; round < 3; round++) {
      const { citizen, president, target, application } = await underReview();
      const asked = await requestInformation(
        db.prisma,
        { ...target, version: application.version },
        { body: "Date de l'audience ?" },
      );
      if (!asked.ok) throw new Error(asked.message);
      await db.prisma.application.update({
        where: { id: application.id },
        data: { replyDeadline: new Date(Date.now() - 1000) },
      });
      const [answer, lapse] = await Promise.all([
        reply(db.prisma, { citizenId: citizen.id, applicationId: application.id, body: "Le 3." }),
        recordLapse(db.prisma, {
          ...target,
          agentId: president.id,
          version: asked.application.version,
        }),
      ]);
      const final = await current(application.id);
      if (lapse.ok) {
        expect(final.status).toBe("LAPSED");
        expect(answer).toEqual({
          ok: false,
          message: "Cette demande est close : vous ne pouvez plus envoyer de message.",
        });
        expect(
          await db.prisma.message.count({
            where: { applicationId: application.id, author: "CITIZEN" },
          }),
        ).toBe(0);
      } else {
        expect(lapse).toMatchObject({ problem: "STALE" });
        expect(answer).toEqual({ ok: true });
        expect(final.status).toBe("IN_REVIEW");
      }
    }
  });

  it("the président signing while the citizen withdraws", async () => {
    for (let round = 0; round < 3; round++) {
      const { citizen, president, target, application } = await proposed();
      const [signed, withdrawn] = await Promise.all([
        signDecision(db.prisma, { ...target, agentId: president.id, version: application.version }),
        withdraw(db.prisma, { citizenId: citizen.id, applicationId: application.id }),
      ]);
      const final = await current(application.id);
      expect(signed.ok !== withdrawn.ok).toBe(true);
      if (signed.ok) {
        expect(final.status).toBe("GRANTED");
        expect(withdrawn).toEqual({
          ok: false,
          message: "Vous ne pouvez plus retirer cette demande : le bureau a déjà décidé.",
        });
      } else {
        expect(final.status).toBe("WITHDRAWN");
        expect(signed).toMatchObject({ problem: "STALE" });
        expect(await kinds(application.id)).not.toContain("DECISION");
      }
    }
  });

  it("the citizen writing while an agent decides: the decision is never undone", async () => {
    const { citizen, president, target, application } = await underReview();
    const [decided, answer] = await Promise.all([
      decide(
        db.prisma,
        { ...target, agentId: president.id, version: application.version },
        { outcome: "FULL" },
      ),
      reply(db.prisma, { citizenId: citizen.id, applicationId: application.id, body: "Bonjour." }),
    ]);
    const final = await current(application.id);
    if (decided.ok) {
      expect(final.status).toBe("GRANTED");
      // Either the message came first (then the decision was on a stale page) or it was refused.
      expect(answer.ok).toBe(false);
    } else {
      expect(decided).toMatchObject({ problem: "STALE" });
      expect(answer).toEqual({ ok: true });
      expect(final.status).toBe("IN_REVIEW");
    }
  });

  it("withdrawing after the decision is refused, not reported as done", async () => {
    const { citizen, president, target, application } = await underReview();
    const decided = await decide(
      db.prisma,
      { ...target, agentId: president.id, version: application.version },
      { outcome: "FULL" },
    );
    expect(decided.ok).toBe(true);
    expect(
      await withdraw(db.prisma, { citizenId: citizen.id, applicationId: application.id }),
    ).toEqual({
      ok: false,
      message: "Vous ne pouvez plus retirer cette demande : le bureau a déjà décidé.",
    });
    expect(await current(application.id)).toMatchObject({ status: "GRANTED" });
  });
});
