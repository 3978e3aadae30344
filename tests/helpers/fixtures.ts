/**
 * Rows the integration tests need again and again: a court, a citizen with (or without) a certified
 * income, a complete draft, a submitted application, an agent.
 */
import { randomUUID } from "node:crypto";
import type { AgentRole, PrismaClient } from "~/generated/prisma/client";
import { getOrCreateDraft, saveStep, submitDraft } from "~/server/applications.server";

let sequence = 0;
const next = () => ++sequence;

export function createCourt(prisma: PrismaClient, city = "Paris") {
  const n = next();
  return prisma.court.create({
    data: {
      code: `court-${n}-${randomUUID().slice(0, 8)}`,
      name: `Tribunal judiciaire de ${city}`,
      city,
      inseeCode: "75056",
      departement: "75",
      bajName: `Bureau d'aide juridictionnelle du tribunal judiciaire de ${city}`,
    },
  });
}

/** A citizen as FranceConnect describes them; with `rfr`, the DGFiP answer already stored. */
export async function createCitizen(
  prisma: PrismaClient,
  options: { rfr?: number | null; givenName?: string; email?: string | null } = {},
) {
  const citizen = await prisma.citizen.create({
    data: {
      fcSub: `${randomUUID().replaceAll("-", "")}${randomUUID().replaceAll("-", "")}v1`,
      givenName: options.givenName ?? "Angela Claire Louise",
      familyName: "DUBOIS",
      birthdate: "1962-08-24",
      gender: "female",
      birthplace: "75107",
      birthcountry: "99100",
      fcEmail: options.email === undefined ? "angela@example.fr" : options.email,
    },
  });
  const rfr = options.rfr === undefined ? 9_800 : options.rfr;
  if (rfr !== null) {
    await prisma.taxRecord.create({
      data: {
        citizenId: citizen.id,
        source: "DGFIP_IMPOT_PARTICULIER",
        incomeYear: 2025,
        correlationId: randomUUID(),
        httpStatus: 200,
        payload: { rfr, nbPart: 1, sitFam: "C", pac: { nbPac: 0 }, aft: "1 RUE X 75007 PARIS" },
      },
    });
  }
  return citizen;
}

/** The citizen's draft with the three steps filled in. */
export async function completeDraft(
  prisma: PrismaClient,
  citizenId: string,
  courtId: string,
  contactEmail: string | null = "angela@example.fr",
) {
  const draft = await getOrCreateDraft(prisma, citizenId);
  let version = draft.version;
  version = await saveStep(prisma, {
    citizenId,
    applicationId: draft.id,
    version,
    step: "identite",
    data: { contactEmail },
  });
  version = await saveStep(prisma, {
    citizenId,
    applicationId: draft.id,
    version,
    step: "ressources",
    data: {
      declaredMovableAssets: 1000,
      declaredRealEstateAssets: 0,
      seriousCrimeVictim: false,
      legalExpensesInsurance: false,
    },
  });
  await saveStep(prisma, {
    citizenId,
    applicationId: draft.id,
    version,
    step: "procedure",
    data: {
      caseKind: "CIVIL",
      caseSubkind: "Logement",
      courtId,
      applicantRole: "Défendeur",
      procedureStage: "Avant toute procédure",
      description: "Mon propriétaire me réclame des loyers payés.",
      lawyerDesignationRequested: true,
      urgent: false,
    },
  });
  return prisma.application.findUniqueOrThrow({ where: { id: draft.id } });
}

/** A new citizen's application, submitted to `courtId`. */
export async function submittedApplication(
  prisma: PrismaClient,
  courtId: string,
  options: { rfr?: number | null; email?: string | null } = {},
) {
  const citizen = await createCitizen(prisma, options);
  const draft = await completeDraft(prisma, citizen.id, courtId, options.email);
  const result = await submitDraft(prisma, { citizenId: citizen.id, applicationId: draft.id });
  if (!result.ok) throw new Error(`Submission failed: ${JSON.stringify(result)}`);
  return { citizen, application: result.application };
}

export function createAgent(
  prisma: PrismaClient,
  courtId: string | string[],
  options: { role?: AgentRole; active?: boolean } = {},
) {
  const n = next();
  const courtIds = Array.isArray(courtId) ? courtId : [courtId];
  return prisma.agent.create({
    data: {
      email: `agent-${n}-${randomUUID().slice(0, 8)}@justice.example`,
      givenName: "Camille",
      usualName: "MARTIN",
      role: options.role ?? "INSTRUCTEUR",
      active: options.active ?? true,
      courts: { create: courtIds.map((id) => ({ courtId: id })) },
    },
  });
}
