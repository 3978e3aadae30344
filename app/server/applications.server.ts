/**
 * A citizen's applications: one draft at a time, saved step by step (optimistic locking on
 * `version`), then submitted once — idempotently — with a reference, the eligibility snapshot, an
 * audit event and the queued accusé de réception, in one transaction. A citizen only ever reaches
 * their own applications.
 */
import { EVENT_NAMES } from "~/domain/application/events";
import { resourcesSource } from "~/domain/application/representation";
import { citizenStatusLabel, isDecided, isFinal } from "~/domain/application/status";
import { computeEligibility, lastSixMonths, type RecentIncome } from "~/domain/eligibility";
import { searchable, todayInFrance } from "~/domain/french";
import {
  type FieldErrors,
  parseStep,
  STEPS,
  type Step,
  valuesFromApplication,
} from "~/forms/application";
import type { Application, Prisma, PrismaClient } from "~/generated/prisma/client";
import { appendAuditEvent } from "./audit.server";
import { allCourts } from "./courts.server";
import {
  type AnyDataProvider,
  type ApplicationLink,
  type Contribution,
  certifiedFor,
  combine,
} from "./providers/adapter.server";
import { storedAnswerReaders } from "./providers/registry.server";
import { latestTaxRecord } from "./tax.server";
import { applyTransition } from "./transitions.server";

export class StaleDraftError extends Error {
  override name = "StaleDraftError";
  constructor() {
    super(
      "Votre demande a été modifiée entre-temps (dans un autre onglet, par exemple). Vérifiez les informations affichées puis enregistrez à nouveau.",
    );
  }
}

/** The citizen's draft, created on first visit with what is already known. */
/** The citizen's draft, if they started one. */
export function findDraft(prisma: PrismaClient, citizenId: string): Promise<Application | null> {
  return prisma.application.findFirst({
    where: { citizenId, status: "DRAFT" },
    orderBy: { createdAt: "asc" },
  });
}

/** What a new draft starts with: the contact known from FranceConnect, the tax notice's address. */
export async function newDraftData(prisma: PrismaClient, citizenId: string) {
  const citizen = await prisma.citizen.findUniqueOrThrow({ where: { id: citizenId } });
  const tax = await latestTaxRecord(prisma, citizenId);
  return {
    citizenId,
    currentStep: "identite",
    contactEmail: citizen.contactEmail ?? citizen.fcEmail,
    contactPhone: citizen.contactPhone,
    correspondenceAddress: tax?.situation?.aft ?? null,
    taxRecordId: tax?.record.id ?? null,
  };
}

/** A draft as it would start, unsaved (what the first step shows before it is saved). */
export async function newDraft(prisma: PrismaClient, citizenId: string) {
  return {
    ...(await newDraftData(prisma, citizenId)),
    declaredMovableAssets: null,
    declaredRealEstateAssets: null,
    seriousCrimeVictim: null,
    legalExpensesInsurance: null,
    incomeChanged: null,
    declaredRecentIncome: null,
    representation: null,
    representativeCapacity: null,
    beneficiaryGivenName: null,
    beneficiaryFamilyName: null,
    beneficiaryBirthdate: null,
    separateResources: null,
    declaredReferenceTaxIncome: null,
    declaredHouseholdSize: null,
    caseKind: null,
    caseSubkind: null,
    courtId: null,
    applicantRole: null,
    procedureStage: null,
    adverseParty: null,
    description: null,
    lawyerDesignationRequested: null,
    lawyerName: null,
    lawyerBar: null,
    urgent: false,
  };
}

/**
 * The citizen's draft, created when they first save a step (a POST: opening a page never creates
 * anything).
 */
export async function getOrCreateDraft(
  prisma: PrismaClient,
  citizenId: string,
): Promise<Application> {
  const existing = await findDraft(prisma, citizenId);
  if (existing) return existing;
  const data = await newDraftData(prisma, citizenId);
  return prisma.$transaction(async (tx) => {
    const draft = await tx.application.create({ data });
    await appendAuditEvent(tx, {
      actorType: "CITIZEN",
      actorId: citizenId,
      action: "application.created",
      applicationId: draft.id,
    });
    return draft;
  });
}

/** Saves a step's validated values; moves the draft's current step forward. */
export async function saveStep(
  prisma: PrismaClient,
  input: {
    citizenId: string;
    applicationId: string;
    version: number;
    step: Step;
    data: Prisma.ApplicationUncheckedUpdateManyInput;
  },
): Promise<number> {
  const next = STEPS[STEPS.indexOf(input.step) + 1] ?? input.step;
  const current = await prisma.application.findFirst({
    where: { id: input.applicationId, citizenId: input.citizenId, status: "DRAFT" },
    select: { currentStep: true },
  });
  if (!current) throw new StaleDraftError();
  // The furthest step reached stays reached.
  const reached = Math.max(STEPS.indexOf(current.currentStep as Step), STEPS.indexOf(next));
  const { count } = await prisma.application.updateMany({
    where: {
      id: input.applicationId,
      citizenId: input.citizenId,
      status: "DRAFT",
      version: input.version,
    },
    data: { ...input.data, currentStep: STEPS[reached], version: { increment: 1 } },
  });
  if (count === 0) throw new StaleDraftError();
  return input.version + 1;
}

/** What is still missing before the draft can be submitted, per step. */
export function missingSteps(app: Application): Step[] {
  const values = valuesFromApplication(app);
  return (["identite", "ressources", "procedure"] as const).filter(
    (step) => !parseStep(step, values).ok,
  );
}

/**
 * The income of the last six months a draft declares changed (décret 2020-1717 art. 4): what a
 * provider certified (France Travail's payments) when the citizen fetched it, plus what they
 * declared; null when their income has not changed.
 */
export function recentIncomeOf(
  app: Pick<Application, "incomeChanged" | "declaredRecentIncome">,
  certified: Contribution["recentIncome"] | null | undefined,
  today = todayInFrance(),
): RecentIncome | null {
  if (!app.incomeChanged) return null;
  const period = lastSixMonths(today);
  return {
    from: certified?.from ?? period.from,
    to: certified?.to ?? period.to,
    certified: certified?.certified ?? 0,
    certifiedBy: certified?.certifiedBy ?? null,
    declared: app.declaredRecentIncome ?? 0,
  };
}

/**
 * The eligibility the draft gives today with what its providers certified (null without a tax
 * notice: the basis of the rules) — or, when the beneficiary's own resources are assessed (a
 * protected adult, a minor apart from the parents), with what the representative declared.
 */
export function eligibilityOf(app: Application, contributions: Contribution[]) {
  const declared = resourcesSource(app) === "DECLARED";
  const fed = declared ? {} : combine(contributions);
  const taxNotice = declared
    ? app.declaredReferenceTaxIncome !== null && app.declaredHouseholdSize !== null
      ? {
          referenceTaxIncome: app.declaredReferenceTaxIncome,
          householdSize: app.declaredHouseholdSize,
        }
      : null
    : fed.taxNotice;
  if (!taxNotice) return null;
  const requestDate = todayInFrance();
  return computeEligibility({
    requestDate,
    referenceTaxIncome: taxNotice.referenceTaxIncome,
    householdSize: taxNotice.householdSize,
    declaredResources: declared,
    movableAssets: app.declaredMovableAssets ?? 0,
    realEstateAssets: app.declaredRealEstateAssets ?? 0,
    exemption: app.seriousCrimeVictim ? "SERIOUS_CRIME_VICTIM" : null,
    recentIncome: recentIncomeOf(app, fed.recentIncome, requestDate),
  });
}

export type SubmitResult =
  | { ok: true; application: Application; alreadySubmitted: boolean }
  | { ok: false; missing: Step[] }
  | { ok: false; errors: FieldErrors };

/**
 * Submits the draft. Idempotent: a second submission (double click, back button, replay) returns
 * the application already submitted, with its reference; one application is ever created.
 */
export async function submitDraft(
  prisma: PrismaClient,
  input: { citizenId: string; applicationId: string },
  providers: AnyDataProvider[] = storedAnswerReaders(),
): Promise<SubmitResult> {
  const app = await prisma.application.findFirst({
    where: { id: input.applicationId, citizenId: input.citizenId },
    include: { citizen: { select: { givenName: true, familyName: true } } },
  });
  if (!app) return { ok: false, errors: { form: "Demande introuvable." } };
  if (app.status !== "DRAFT") return { ok: true, application: app, alreadySubmitted: true };
  const missing = missingSteps(app);
  if (missing.length) return { ok: false, missing };
  // Each provider's latest answer the draft uses: the submission keeps them, and the estimate.
  const certified = await certifiedFor(providers, prisma, app.citizenId, app);
  const eligibility = eligibilityOf(
    app,
    certified.map((answer) => answer.contribution),
  );
  const linked = (link: ApplicationLink) =>
    certified.filter((answer) => answer.provider.link === link).map((a) => a.stored.recordId);

  const now = new Date();
  const year = Number(todayInFrance(now).slice(0, 4));
  const result = await applyTransition(prisma, {
    applicationId: app.id,
    event: "submit",
    actor: { kind: "CITIZEN", citizenId: input.citizenId },
    version: app.version,
    now,
    data: {
      submittedAt: now,
      currentStep: "recapitulatif",
      // The queue's name search is a prefix: the person concerned first (the beneficiary, when
      // applying for someone else), then the one who applied.
      searchName: searchable(
        [
          app.beneficiaryFamilyName ?? "",
          app.beneficiaryGivenName ?? "",
          app.citizen.familyName,
          app.citizen.givenName,
        ]
          .join(" ")
          .trim(),
      ),
      // A representative is found by their own name too (a tutor calls the bureau).
      representativeSearchName:
        app.representation && app.representation !== "SELF"
          ? searchable(`${app.citizen.familyName} ${app.citizen.givenName}`)
          : null,
      // The representative's tax notice only when it is the one assessed.
      taxRecordId:
        linked("taxRecord")[0] ??
        (providers.some((p) => p.link === "taxRecord" && p.usedBy(app)) ? app.taxRecordId : null),
      eligibilityOutcome: eligibility?.outcome ?? null,
      eligibilityStateShare: eligibility?.stateShare ?? null,
      eligibilityScaleYear: eligibility?.scaleYear ?? null,
      eligibilitySnapshot: eligibility ?? undefined,
    },
    // The reference is drawn only by the submission that won.
    within: async (tx) => {
      const [counter] = await tx.$queryRaw<{ last: number }[]>`
        INSERT INTO reference_counter (year, last) VALUES (${year}, 1)
        ON CONFLICT (year) DO UPDATE SET last = reference_counter.last + 1
        RETURNING last`;
      const reference = `AJ-${year}-${String(counter?.last).padStart(6, "0")}`;
      await tx.application.update({ where: { id: app.id }, data: { reference } });
      await tx.applicationCertifiedRecord.createMany({
        data: linked("certifiedRecords").map((recordId) => ({ applicationId: app.id, recordId })),
      });
      return { reference };
    },
    notify: "RECEIPT",
  });
  if (result.ok) return { ok: true, application: result.application, alreadySubmitted: false };
  // Another submission (double click) or a save won the race: answer with the application as it is.
  const current = await prisma.application.findUniqueOrThrow({ where: { id: app.id } });
  if (current.status !== "DRAFT") {
    return { ok: true, application: current, alreadySubmitted: true };
  }
  return { ok: false, errors: { form: new StaleDraftError().message } };
}

/** One of the citizen's applications; null for anybody else's (the page answers 404). */
export function findOwnApplication(prisma: PrismaClient, citizenId: string, applicationId: string) {
  return prisma.application.findFirst({
    where: { id: applicationId, citizenId },
    include: { court: true, taxRecord: true, messages: { orderBy: { createdAt: "asc" } } },
  });
}

/** Whether `applicationId` is one of the citizen's submitted applications (not a draft). */
export async function isOwnSubmitted(
  prisma: PrismaClient,
  citizenId: string,
  applicationId: string,
): Promise<boolean> {
  const count = await prisma.application.count({
    where: { id: applicationId, citizenId, status: { not: "DRAFT" } },
  });
  return count > 0;
}

/** What the citizen's timeline shows: the events of the application, not the BAJ's internal ones. */
export function citizenTimeline(prisma: PrismaClient, applicationId: string) {
  return prisma.auditEvent.findMany({
    where: {
      applicationId,
      action: { in: EVENT_NAMES.filter((e) => e !== "proposeDecision" && e !== "returnToReview") },
    },
    orderBy: { sequence: "asc" },
    select: { action: true, occurredAt: true },
  });
}

export async function listOwnApplications(prisma: PrismaClient, citizenId: string) {
  const [applications, courts] = await Promise.all([
    prisma.application.findMany({
      where: { citizenId },
      orderBy: { createdAt: "desc" },
      // What « Mes demandes » shows, nothing more (an application has some sixty columns).
      select: {
        id: true,
        reference: true,
        status: true,
        caseSubkind: true,
        submittedAt: true,
        updatedAt: true,
        courtId: true,
      },
    }),
    // The courts' names from those kept in memory: one query less on each display of the page.
    allCourts(prisma),
  ]);
  return applications.map(({ courtId, ...application }) => ({
    ...application,
    courtName: courts.find((court) => court.id === courtId)?.name ?? null,
  }));
}

/** The citizen withdraws (« se désister ») while no decision is made. */
export async function withdraw(
  prisma: PrismaClient,
  input: { citizenId: string; applicationId: string },
): Promise<{ ok: true } | { ok: false; message: string }> {
  const now = new Date();
  const result = await applyTransition(prisma, {
    applicationId: input.applicationId,
    event: "withdraw",
    actor: { kind: "CITIZEN", citizenId: input.citizenId },
    data: { withdrawnAt: now },
    now,
  });
  if (result.ok) return { ok: true };
  if (result.problem === "NOT_FOUND") return { ok: false, message: result.message };
  const current = await prisma.application.findFirst({
    where: { id: input.applicationId, citizenId: input.citizenId },
    select: { status: true },
  });
  // Withdrawing twice (double click) is a success; anything else changed it first.
  if (current?.status === "WITHDRAWN") return { ok: true };
  return {
    ok: false,
    message:
      current && isDecided(current.status)
        ? "Vous ne pouvez plus retirer cette demande : le bureau a déjà décidé."
        : `Vous ne pouvez plus retirer cette demande (elle est « ${citizenStatusLabel(current?.status ?? "DRAFT")} »).`,
  };
}

const CLOSED = "Cette demande est close : vous ne pouvez plus envoyer de message.";

/**
 * The citizen writes to the BAJ. An answer to a request for information is the `reply` event
 * (the review resumes); otherwise a message, written only if the status has not changed meanwhile.
 * Either way a concurrent change of the agent is never overwritten: the citizen's message is
 * re-examined against the new status (a few times at most).
 */
export async function reply(
  prisma: PrismaClient,
  input: { citizenId: string; applicationId: string; body: string },
): Promise<{ ok: true } | { ok: false; message: string }> {
  for (let attempt = 0; attempt < 3; attempt++) {
    const app = await prisma.application.findFirst({
      where: { id: input.applicationId, citizenId: input.citizenId },
    });
    if (!app || app.status === "DRAFT") return { ok: false, message: "Demande introuvable." };
    if (isFinal(app.status)) return { ok: false, message: CLOSED };
    if (app.status === "INFORMATION_REQUESTED") {
      const result = await applyTransition(prisma, {
        applicationId: app.id,
        event: "reply",
        actor: { kind: "CITIZEN", citizenId: input.citizenId },
        version: app.version,
        data: { replyDeadline: null },
        message: input.body,
      });
      if (result.ok) return { ok: true };
      if (result.problem !== "STALE") return { ok: false, message: result.message };
      continue;
    }
    const written = await prisma.$transaction(async (tx) => {
      // The message changes what an agent's page shows: it moves the version on.
      const { count } = await tx.application.updateMany({
        where: { id: app.id, status: app.status, version: app.version },
        data: { version: { increment: 1 } },
      });
      if (count === 0) return false;
      await tx.message.create({
        data: { applicationId: app.id, author: "CITIZEN", body: input.body },
      });
      await appendAuditEvent(tx, {
        actorType: "CITIZEN",
        actorId: input.citizenId,
        action: "message.sent",
        applicationId: app.id,
      });
      return true;
    });
    if (written) return { ok: true };
  }
  return {
    ok: false,
    message: "La demande vient de changer : rechargez la page pour voir son état, puis réessayez.",
  };
}
