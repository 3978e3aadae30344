import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { searchable } from "~/domain/french";
import {
  findOwnApplication,
  getOrCreateDraft,
  missingSteps,
  reply,
  StaleDraftError,
  saveStep,
  submitDraft,
  withdraw,
} from "~/server/applications.server";
import type { Database } from "~/server/db/connection.server";
import { createTestDatabase } from "../helpers/database";
import {
  completeDraft as completeDraftFixture,
  createCitizen,
  createCourt,
} from "../helpers/fixtures";

let db: Database;
let courtId: string;
beforeAll(async () => {
  db = await createTestDatabase();
  courtId = (await createCourt(db.prisma)).id;
});
afterAll(() => db.close());

const citizenWithIncome = (rfr: number | null) => createCitizen(db.prisma, { rfr });
const completeDraft = (citizenId: string) => completeDraftFixture(db.prisma, citizenId, courtId);

describe("drafts", () => {
  it("one draft per citizen, resumed where it stopped, prefilled with what is known", async () => {
    const citizen = await citizenWithIncome(9_800);
    const draft = await getOrCreateDraft(db.prisma, citizen.id);
    expect(draft).toMatchObject({
      status: "DRAFT",
      currentStep: "identite",
      contactEmail: "angela@example.fr",
      correspondenceAddress: "1 RUE X 75007 PARIS",
    });
    await saveStep(db.prisma, {
      citizenId: citizen.id,
      applicationId: draft.id,
      version: draft.version,
      step: "identite",
      data: { contactPhone: "0612345678" },
    });
    const again = await getOrCreateDraft(db.prisma, citizen.id);
    expect(again.id).toBe(draft.id);
    expect(again).toMatchObject({
      currentStep: "ressources",
      contactPhone: "0612345678",
      version: draft.version + 1,
    });
    expect(await db.prisma.application.count({ where: { citizenId: citizen.id } })).toBe(1);
    expect(missingSteps(again)).toEqual(["ressources", "procedure"]);
  });

  it("refuses a save made from an outdated page (optimistic locking)", async () => {
    const citizen = await citizenWithIncome(9_800);
    const draft = await getOrCreateDraft(db.prisma, citizen.id);
    await saveStep(db.prisma, {
      citizenId: citizen.id,
      applicationId: draft.id,
      version: draft.version,
      step: "identite",
      data: {},
    });
    await expect(
      saveStep(db.prisma, {
        citizenId: citizen.id,
        applicationId: draft.id,
        version: draft.version,
        step: "identite",
        data: {},
      }),
    ).rejects.toBeInstanceOf(StaleDraftError);
  });

  it("cannot be saved by another citizen", async () => {
    const owner = await citizenWithIncome(9_800);
    const other = await citizenWithIncome(9_800);
    const draft = await getOrCreateDraft(db.prisma, owner.id);
    await expect(
      saveStep(db.prisma, {
        citizenId: other.id,
        applicationId: draft.id,
        version: draft.version,
        step: "identite",
        data: { contactEmail: "x@y.fr" },
      }),
    ).rejects.toBeInstanceOf(StaleDraftError);
  });
});

describe("submission", () => {
  it("stores reference, status, eligibility snapshot, tax record link and an audit event", async () => {
    const citizen = await citizenWithIncome(14_100);
    const draft = await completeDraft(citizen.id);
    // For oneself, as the identity step records it.
    await db.prisma.application.update({
      where: { id: draft.id },
      data: { representation: "SELF" },
    });
    const result = await submitDraft(db.prisma, { citizenId: citizen.id, applicationId: draft.id });
    if (!result.ok) throw new Error(JSON.stringify(result));
    expect(result.alreadySubmitted).toBe(false);
    const app = result.application;
    // Found in the queue by the applicant's name; no representative.
    expect(app.searchName).toBe(searchable(`${citizen.familyName} ${citizen.givenName}`));
    expect(app.representativeSearchName).toBeNull();
    expect(app.reference).toMatch(/^AJ-\d{4}-\d{6}$/);
    expect(app).toMatchObject({
      status: "SUBMITTED",
      eligibilityOutcome: "PARTIAL_55",
      eligibilityStateShare: 55,
      eligibilityScaleYear: 2025,
    });
    expect(app.taxRecordId).not.toBeNull();
    expect(app.submittedAt).not.toBeNull();
    const events = await db.prisma.auditEvent.findMany({
      where: { applicationId: app.id },
      orderBy: { sequence: "asc" },
    });
    expect(events.map((e) => e.action)).toEqual(["application.created", "submit"]);
    expect(events[1]?.data).toMatchObject({
      from: "DRAFT",
      to: "SUBMITTED",
      reference: app.reference,
    });
  });

  it("is idempotent: double click and replays give one application and one reference", async () => {
    const citizen = await citizenWithIncome(9_800);
    const draft = await completeDraft(citizen.id);
    const results = await Promise.all(
      [1, 2, 3].map(() =>
        submitDraft(db.prisma, { citizenId: citizen.id, applicationId: draft.id }),
      ),
    );
    const references = new Set(results.map((r) => (r.ok ? r.application.reference : null)));
    expect(references.size).toBe(1);
    expect([...references][0]).toMatch(/^AJ-/);
    expect(results.filter((r) => r.ok && !r.alreadySubmitted)).toHaveLength(1);
    const replay = await submitDraft(db.prisma, { citizenId: citizen.id, applicationId: draft.id });
    expect(replay).toMatchObject({ ok: true, alreadySubmitted: true });
    expect(await db.prisma.application.count({ where: { citizenId: citizen.id } })).toBe(1);
    expect(
      await db.prisma.auditEvent.count({
        where: { applicationId: draft.id, action: "submit" },
      }),
    ).toBe(1);
  });

  it("gives consecutive references", async () => {
    const a = await completeDraft((await citizenWithIncome(9_800)).id);
    const b = await completeDraft((await citizenWithIncome(9_800)).id);
    const ra = await submitDraft(db.prisma, { citizenId: a.citizenId, applicationId: a.id });
    const rb = await submitDraft(db.prisma, { citizenId: b.citizenId, applicationId: b.id });
    if (!ra.ok || !rb.ok) throw new Error("not submitted");
    const number = (ref: string | null) => Number(ref?.slice(-6));
    expect(number(rb.application.reference)).toBe(number(ra.application.reference) + 1);
  });

  it("refuses an incomplete draft, naming the missing steps", async () => {
    const citizen = await citizenWithIncome(9_800);
    const draft = await getOrCreateDraft(db.prisma, citizen.id);
    expect(
      await submitDraft(db.prisma, { citizenId: citizen.id, applicationId: draft.id }),
    ).toEqual({ ok: false, missing: ["ressources", "procedure"] });
  });

  it("works without certified income (no snapshot; the BAJ will ask)", async () => {
    const citizen = await citizenWithIncome(null);
    const draft = await completeDraft(citizen.id);
    const result = await submitDraft(db.prisma, { citizenId: citizen.id, applicationId: draft.id });
    expect(result).toMatchObject({
      ok: true,
      application: { status: "SUBMITTED", eligibilityOutcome: null },
    });
  });
});

describe("for someone else", () => {
  /** The identity and resources steps as the representative fills them. */
  async function forSomeoneElse(
    citizenId: string,
    draftId: string,
    identity: Record<string, unknown>,
    resources: Record<string, unknown> = {},
  ) {
    const draft = await db.prisma.application.findUniqueOrThrow({ where: { id: draftId } });
    await db.prisma.application.update({
      where: { id: draft.id },
      data: { ...identity, ...resources },
    });
    expect(
      await missingSteps(await db.prisma.application.findUniqueOrThrow({ where: { id: draftId } })),
    ).toEqual([]);
    return submitDraft(db.prisma, { citizenId, applicationId: draftId });
  }

  it("a parent for their child: their own foyer's certified tax notice, the child named", async () => {
    const parent = await citizenWithIncome(14_100);
    const draft = await completeDraft(parent.id);
    const result = await forSomeoneElse(parent.id, draft.id, {
      representation: "MINOR_CHILD",
      representativeCapacity: "PARENT",
      beneficiaryGivenName: "Léa",
      beneficiaryFamilyName: "Nouvelle",
      beneficiaryBirthdate: "2016-04-02",
      separateResources: false,
    });
    if (!result.ok) throw new Error(JSON.stringify(result));
    expect(result.application).toMatchObject({ eligibilityOutcome: "PARTIAL_55" });
    expect(result.application.taxRecordId).not.toBeNull();
    // Found in the queue by the child's name (a prefix search: the person concerned first).
    expect(result.application.searchName).toMatch(/^nouvelle lea /);
    // … and by the parent's own name.
    expect(result.application.representativeSearchName).toBe(
      searchable(`${parent.familyName} ${parent.givenName}`),
    );
  });

  it("a curator for a protected adult: the declared resources, the curator's tax notice unlinked", async () => {
    // The curator's own income would give nothing; the protected adult's gives the full aid.
    const curator = await citizenWithIncome(60_000);
    const draft = await completeDraft(curator.id);
    const identity = {
      representation: "PROTECTED_ADULT" as const,
      representativeCapacity: "CURATOR" as const,
      beneficiaryGivenName: "Paul",
      beneficiaryFamilyName: "Protégé",
      beneficiaryBirthdate: "1950-01-01",
    };
    // The resources step is incomplete until the protected adult's resources are declared.
    await db.prisma.application.update({ where: { id: draft.id }, data: identity });
    expect(
      missingSteps(await db.prisma.application.findUniqueOrThrow({ where: { id: draft.id } })),
    ).toEqual(["ressources"]);
    const result = await forSomeoneElse(curator.id, draft.id, identity, {
      declaredReferenceTaxIncome: 9_000,
      declaredHouseholdSize: 1,
    });
    if (!result.ok) throw new Error(JSON.stringify(result));
    expect(result.application).toMatchObject({
      eligibilityOutcome: "FULL",
      taxRecordId: null,
      eligibilitySnapshot: { resources: { basis: "TAX_NOTICE", amount: 9_000, declared: true } },
    });
  });
});

describe("ownership", () => {
  it("a citizen never reaches another citizen's application", async () => {
    const owner = await citizenWithIncome(9_800);
    const other = await citizenWithIncome(9_800);
    const draft = await completeDraft(owner.id);
    expect(await findOwnApplication(db.prisma, owner.id, draft.id)).not.toBeNull();
    expect(await findOwnApplication(db.prisma, other.id, draft.id)).toBeNull();
    expect(
      await submitDraft(db.prisma, { citizenId: other.id, applicationId: draft.id }),
    ).toMatchObject({ ok: false });
    expect(
      (await db.prisma.application.findUniqueOrThrow({ where: { id: draft.id } })).status,
    ).toBe("DRAFT");
  });
});

describe("after submission", () => {
  async function submitted() {
    const citizen = await citizenWithIncome(9_800);
    const draft = await completeDraft(citizen.id);
    await submitDraft(db.prisma, { citizenId: citizen.id, applicationId: draft.id });
    return { citizen, id: draft.id };
  }

  it("the citizen writes to the BAJ; an answer to a request for information resumes the review", async () => {
    const { citizen, id } = await submitted();
    expect(
      await reply(db.prisma, { citizenId: citizen.id, applicationId: id, body: "Bonjour" }),
    ).toEqual({ ok: true });
    await db.prisma.application.update({
      where: { id },
      data: { status: "INFORMATION_REQUESTED" },
    });
    await reply(db.prisma, {
      citizenId: citizen.id,
      applicationId: id,
      body: "Voici la date demandée.",
    });
    const app = await db.prisma.application.findUniqueOrThrow({
      where: { id },
      include: { messages: true },
    });
    expect(app.status).toBe("IN_REVIEW");
    expect(app.messages.map((m) => [m.author, m.body])).toEqual([
      ["CITIZEN", "Bonjour"],
      ["CITIZEN", "Voici la date demandée."],
    ]);
  });

  it("the citizen withdraws until the decision, not after; nobody else can", async () => {
    const { citizen, id } = await submitted();
    const stranger = await citizenWithIncome(9_800);
    expect(await withdraw(db.prisma, { citizenId: stranger.id, applicationId: id })).toEqual({
      ok: false,
      message: "Demande introuvable.",
    });
    expect(await withdraw(db.prisma, { citizenId: citizen.id, applicationId: id })).toEqual({
      ok: true,
    });
    const app = await db.prisma.application.findUniqueOrThrow({ where: { id } });
    expect(app.status).toBe("WITHDRAWN");
    expect(app.withdrawnAt).not.toBeNull();
    expect(
      await reply(db.prisma, { citizenId: citizen.id, applicationId: id, body: "x" }),
    ).toMatchObject({ ok: false });

    const decided = await submitted();
    await db.prisma.application.update({ where: { id: decided.id }, data: { status: "GRANTED" } });
    expect(
      await withdraw(db.prisma, { citizenId: decided.citizen.id, applicationId: decided.id }),
    ).toMatchObject({
      ok: false,
      message: expect.stringContaining("le bureau a déjà décidé"),
    });
  });
});
