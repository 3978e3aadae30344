/**
 * The four steps of the application form (`app/routes/demande.*.tsx`, one route each so that a
 * page loads only its own step's code): what each page reads, and what saving a step does.
 */
import { data, redirect } from "@remix-run/node";
import { z } from "zod";
import {
  type Capacity,
  type Representation,
  resourcesSource,
} from "~/domain/application/representation";
import { householdFromTaxData, lastSixMonths } from "~/domain/eligibility";
import { frenchDate, todayInFrance } from "~/domain/french";
import { parseStep, valuesFromApplication } from "~/forms/application";
import { STEP_TITLES, STEPS, type Step } from "~/forms/application-choices";
import { defineSchema } from "~/forms/plain";
import type { Prisma } from "~/generated/prisma/client";
import {
  eligibilityOf,
  findDraft,
  getOrCreateDraft,
  missingSteps,
  newDraft,
  StaleDraftError,
  saveStep,
  submitDraft,
} from "./applications.server";
import { requireCitizen } from "./auth/citizen-session.server";
import { FranceConnectError } from "./auth/franceconnect.server";
import { expiredPaymentsDay, type RecentPayments } from "./certified-income.server";
import { allCourts } from "./courts.server";
import { prisma } from "./db.server";
import type { DataProviderId } from "./env.server";
import { certifiedFor } from "./providers/adapter.server";
import {
  getDataProviders,
  getFranceConnect,
  getNotifications,
  providerEnabled,
} from "./services.server";
import type { TaxAnswer } from "./tax.server";

/** What the return from FranceConnect says of a consented fetch; anything else is ignored. */
const noticeSchema = /* @__PURE__ */ defineSchema(() =>
  z
    .enum(["recues", "aucune", "indisponibles", "refusees", "connexion"])
    .optional()
    .catch(undefined)
    .transform((v) => v ?? null),
);

/**
 * What a step's page shows: the draft as saved (or a new one, not stored until its first step is
 * saved), the certified data it reads, the courts for the procedure and the recap, the recap's
 * estimate.
 */
export async function loadStep(step: Step, request: Request) {
  const citizen = await requireCitizen(request);
  const db = prisma();
  // Opening a step creates nothing: the draft is created when the first step is saved.
  const saved = await findDraft(db, citizen.id);
  const draft = saved ?? { id: "", version: 0, currentStep: "identite" };
  // No skipping ahead: a step beyond the furthest one reached sends back to that one.
  const reached = STEPS.indexOf((draft.currentStep ?? "identite") as Step);
  if (STEPS.indexOf(step) > reached) throw redirect(`/demande/${STEPS[reached]}`);
  // A draft reads each provider's latest answer (the Ressources step France Travail's even before
  // the change is ticked); the submission keeps those it used.
  const certified = await certifiedFor(getDataProviders(), db, citizen.id, {
    incomeChanged: step === "ressources" || saved?.incomeChanged === true,
    representation: saved?.representation ?? null,
    // The resources step shows the parent's tax notice even when the box « apart » is ticked.
    separateResources: step === "ressources" ? false : (saved?.separateResources ?? null),
  });
  const answerOf = (id: DataProviderId) => certified.find((answer) => answer.provider.id === id);
  const tax = answerOf("dgfip")?.stored as TaxAnswer | undefined;
  const payments = (answerOf("france-travail")?.stored as RecentPayments | undefined) ?? null;
  const courts =
    step === "procedure" || step === "recapitulatif"
      ? (await allCourts(db)).map((court) => ({
          id: court.id,
          label: `${court.name} (${court.departement})`,
          city: court.city,
          departement: court.departement,
        }))
      : [];
  return {
    draft: { id: draft.id, version: draft.version },
    values: valuesFromApplication(saved ?? (await newDraft(db, citizen.id))),
    identity: {
      name: `${citizen.givenName} ${citizen.familyName}`,
      birth: frenchDate(citizen.birthdate),
    },
    tax: tax?.situation
      ? {
          incomeYear: tax.record.incomeYear,
          rfr: tax.situation.rfr,
          // Persons, as the scale counts them (the tax « parts » serve the income tax only).
          household: householdFromTaxData(tax.situation),
        }
      : null,
    recentIncome: {
      // The six months the payments cover, else those before today.
      period: payments?.period ?? lastSixMonths(todayInFrance()),
      payments: payments && {
        period: payments.period,
        payments: payments.payments,
        total: payments.total,
      },
      franceTravail: providerEnabled("france-travail"),
      expiredOn:
        step === "ressources" && !payments ? await expiredPaymentsDay(db, citizen.id) : null,
      notice: noticeSchema.parse(new URL(request.url).searchParams.get("donnees") ?? undefined),
    },
    courts,
    recap:
      step === "recapitulatif"
        ? saved && {
            missing: missingSteps(saved),
            eligibility: eligibilityOf(
              saved,
              certified
                .filter((answer) => answer.provider.usedBy(saved))
                .map((answer) => answer.contribution),
            ),
          }
        : null,
  };
}

function dataFor(
  step: Exclude<Step, "recapitulatif">,
  values: Record<string, unknown>,
): Prisma.ApplicationUncheckedUpdateManyInput {
  const v = values as Record<string, string | number | undefined>;
  switch (step) {
    case "identite":
      return {
        contactEmail: String(v.contactEmail),
        contactPhone: (v.contactPhone as string) ?? null,
        correspondenceAddress: (v.correspondenceAddress as string) ?? null,
        ...representationData(v),
      };
    case "ressources":
      return {
        declaredMovableAssets: Number(v.declaredMovableAssets),
        declaredRealEstateAssets: Number(v.declaredRealEstateAssets),
        seriousCrimeVictim: v.seriousCrimeVictim === "oui",
        legalExpensesInsurance: v.legalExpensesInsurance === "oui",
        incomeChanged: v.incomeChanged === "oui",
        declaredRecentIncome:
          v.incomeChanged === "oui" && v.declaredRecentIncome !== undefined
            ? Number(v.declaredRecentIncome)
            : null,
        ...declaredResourcesData(v),
      };
    case "procedure":
      return {
        caseKind: v.caseKind as "CIVIL" | "PENAL",
        caseSubkind: String(v.caseSubkind),
        courtId: String(v.courtId),
        applicantRole: String(v.applicantRole),
        procedureStage: String(v.procedureStage),
        adverseParty: (v.adverseParty as string) ?? null,
        description: String(v.description),
        lawyerDesignationRequested: v.lawyer === "designation",
        lawyerName: v.lawyer === "choisi" ? ((v.lawyerName as string) ?? null) : null,
        lawyerBar: v.lawyer === "choisi" ? ((v.lawyerBar as string) ?? null) : null,
        urgent: v.urgent === "oui",
      };
  }
}

/** For whom the application is (identity step): nothing of a beneficiary when it is for oneself. */
function representationData(v: Record<string, string | number | undefined>) {
  const self = v.representation === "SELF";
  return {
    representation: v.representation as Representation,
    representativeCapacity: self ? null : (v.representativeCapacity as Capacity),
    beneficiaryGivenName: self ? null : String(v.beneficiaryGivenName),
    beneficiaryFamilyName: self ? null : String(v.beneficiaryFamilyName),
    beneficiaryBirthdate: self ? null : String(v.beneficiaryBirthdate),
  };
}

/** Whose resources (resources step): the beneficiary's own, declared, when they are not the tax notice. */
function declaredResourcesData(v: Record<string, string | number | undefined>) {
  const separate = v.representation === "MINOR_CHILD" && v.separateResources === "oui";
  const declared =
    resourcesSource({
      representation: v.representation as Representation,
      separateResources: separate,
    }) === "DECLARED";
  return {
    separateResources: v.representation === "MINOR_CHILD" ? separate : null,
    declaredReferenceTaxIncome: declared ? Number(v.declaredReferenceTaxIncome) : null,
    declaredHouseholdSize: declared ? Number(v.declaredHouseholdSize) : null,
    // The representative's own change of income does not concern the beneficiary's resources.
    ...(declared ? { incomeChanged: false, declaredRecentIncome: null } : {}),
  };
}

/** The draft the page was showing: none yet (""), or its id and the version seen. */
const hiddenSchema = /* @__PURE__ */ defineSchema(() =>
  z.object({
    applicationId: z.union([z.literal(""), z.uuid()]).default(""),
    version: z.coerce.number().int().min(0).max(1_000_000).default(0),
  }),
);

async function courtExists(id: string): Promise<boolean> {
  return (await prisma().court.count({ where: { id } })) > 0;
}

/**
 * A step's form posted: saved when valid (the draft created by the first step), then the next
 * step, France Travail's consent or, for the recap, the submission; otherwise the page again with
 * the errors and everything typed.
 */
export async function submitStep(step: Step, request: Request) {
  const citizen = await requireCitizen(request);
  const form = Object.fromEntries(
    [...(await request.formData())].filter(([, value]) => typeof value === "string"),
  ) as Record<string, string>;
  const hidden = hiddenSchema.safeParse(form);
  if (!hidden.success) throw new Response("Requête incorrecte", { status: 400 });
  let { applicationId, version } = hidden.data;
  // Asking France Travail means the income changed; the other income can be given on the way back.
  const fetchPayments = step === "ressources" && form.intent === "france-travail";
  // The resources step depends on the identity step's answer (for whom), as saved.
  const representation =
    step === "ressources"
      ? ((await findDraft(prisma(), citizen.id))?.representation ?? "SELF")
      : undefined;
  const fields = representation ? { ...form, representation } : form;
  const parsed = parseStep(step, fetchPayments ? { ...fields, incomeChanged: "" } : fields);
  // On an error, everything typed comes back to the page: nothing is lost.
  // (200: the page is served and shows the mistakes next to each field.)
  if (!parsed.ok) return { errors: parsed.errors, values: form };
  try {
    if (step === "recapitulatif") {
      const result = await submitDraft(
        prisma(),
        { citizenId: citizen.id, applicationId },
        getDataProviders(),
      );
      if (!result.ok) {
        const errors =
          "missing" in result
            ? Object.fromEntries(
                result.missing.map((missing) => [
                  missing,
                  `L'étape « ${STEP_TITLES[missing]} » est incomplète.`,
                ]),
              )
            : result.errors;
        return { errors, values: form };
      }
      // The accusé de réception is queued with the submission: send it now, without waiting.
      if (!result.alreadySubmitted) void getNotifications().kick();
      return redirect(`/mes-demandes/${result.application.id}?depot=ok`);
    }
    if (!applicationId && step === "identite") {
      // Another tab created the draft meanwhile: never overwrite it unseen.
      if (await findDraft(prisma(), citizen.id)) throw new StaleDraftError();
      // The first save creates the draft (never the opening of the page).
      const draft = await getOrCreateDraft(prisma(), citizen.id);
      ({ id: applicationId, version } = draft);
    }
    if (step === "procedure" && !(await courtExists(String(form.courtId)))) {
      return { errors: { courtId: "Choisissez le tribunal dans la liste." }, values: form };
    }
    const data = dataFor(step, parsed.values);
    if (step === "identite") {
      // Another person than before: the answers about the former one's resources go.
      const before = await prisma().application.findFirst({
        where: { id: applicationId, citizenId: citizen.id },
        select: { representation: true },
      });
      if ((before?.representation ?? "SELF") !== data.representation) {
        Object.assign(data, {
          separateResources: null,
          declaredReferenceTaxIncome: null,
          declaredHouseholdSize: null,
          ...(data.representation === "PROTECTED_ADULT"
            ? { incomeChanged: null, declaredRecentIncome: null }
            : {}),
        });
      }
    }
    if (fetchPayments) {
      data.incomeChanged = true;
      const declared = (parsed.values as { declaredRecentIncome?: number }).declaredRecentIncome;
      data.declaredRecentIncome = declared ?? null;
    }
    await saveStep(prisma(), { citizenId: citizen.id, applicationId, version, step, data });
    if (fetchPayments && providerEnabled("france-travail")) {
      // Saved first: the citizen comes back to this page, with the payments, and nothing lost.
      try {
        return await getFranceConnect().login(request, "/demande/ressources", ["france-travail"]);
      } catch (error) {
        if (!(error instanceof FranceConnectError)) throw error;
        return redirect("/demande/ressources?donnees=connexion");
      }
    }
    return redirect(`/demande/${STEPS[STEPS.indexOf(step) + 1]}`);
  } catch (error) {
    if (error instanceof StaleDraftError)
      return data({ errors: { form: error.message }, values: form }, { status: 409 });
    throw error;
  }
}
