import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { Checkbox } from "@codegouvfr/react-dsfr/Checkbox";
import { Stepper } from "@codegouvfr/react-dsfr/Stepper";
import {
  type ActionFunctionArgs,
  data,
  type LoaderFunctionArgs,
  type MetaFunction,
  redirect,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import {
  type Capacity,
  type Representation,
  resourcesSource,
} from "~/domain/application/representation";
import { householdFromTaxData, lastSixMonths } from "~/domain/eligibility";
import { euros, frenchDate, todayInFrance } from "~/domain/french";
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
} from "~/server/applications.server";
import { requireCitizen } from "~/server/auth/citizen-session.server";
import { FranceConnectError } from "~/server/auth/franceconnect.server";
import { expiredPaymentsDay, type RecentPayments } from "~/server/certified-income.server";
import { allCourts } from "~/server/courts.server";
import { prisma } from "~/server/db.server";
import type { DataProviderId } from "~/server/env.server";
import { certifiedFor } from "~/server/providers/adapter.server";
import {
  getDataProviders,
  getFranceConnect,
  getNotifications,
  providerEnabled,
} from "~/server/services.server";
import type { TaxAnswer } from "~/server/tax.server";
import { Recap } from "~/ui/application/Recap";
import { FetchNoticeAlert, RecentIncomeFields } from "~/ui/application/RecentIncomeFields";
import { IdentityFields, ProcedureFields, ResourcesFields } from "~/ui/application/StepForms";
import { ErrorSummary } from "~/ui/ErrorSummary";
import { pageTitle } from "~/ui/site";

/** What the return from FranceConnect says of a consented fetch; anything else is ignored. */
const noticeSchema = /* @__PURE__ */ defineSchema(() =>
  z
    .enum(["recues", "aucune", "indisponibles", "refusees", "connexion"])
    .optional()
    .catch(undefined)
    .transform((v) => v ?? null),
);

function stepOf(param: string | undefined): Step {
  if (!STEPS.includes(param as Step)) throw new Response("Étape inconnue", { status: 404 });
  return param as Step;
}

export const meta: MetaFunction<typeof loader, Record<string, unknown>> = ({ data: loaded }) => [
  {
    title: pageTitle(
      loaded ? `${STEP_TITLES[loaded.step]} - Demande d'aide juridictionnelle` : "Demande",
    ),
  },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const step = stepOf(params.etape);
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
    step,
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

export async function action({ request, params }: ActionFunctionArgs) {
  const step = stepOf(params.etape);
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

export default function ApplicationStep() {
  const {
    step,
    draft,
    values: saved,
    identity,
    tax,
    recentIncome,
    courts,
    recap,
  } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const errors: Record<string, string> = result?.errors ?? {};
  const values = { ...saved, ...(result?.values ?? {}) };
  // An unticked box is absent from what was posted: it must not come back ticked.
  if (result?.values && step === "ressources")
    values.incomeChanged = result.values.incomeChanged ?? "";
  if (result?.values && step === "ressources")
    values.separateResources = result.values.separateResources ?? "";
  const index = STEPS.indexOf(step);
  const next = STEPS[index + 1];
  return (
    <div className="fr-container fr-mt-4w">
      <div className="fr-grid-row">
        <div className="fr-col-12 fr-col-lg-8">
          <h1 className="fr-h2">Demande d'aide juridictionnelle</h1>
          <Stepper
            currentStep={index + 1}
            stepCount={STEPS.length}
            title={STEP_TITLES[step]}
            nextTitle={next ? STEP_TITLES[next] : undefined}
          />
          <ErrorSummary errors={result?.errors} />
          {step === "ressources" ? <FetchNoticeAlert notice={recentIncome.notice} /> : null}
          <p className="fr-text--sm fr-mt-2w">
            Sauf mention contraire, tous les champs sont obligatoires.
          </p>
          <Form method="post" noValidate>
            {step === "ressources" && recentIncome.franceTravail ? (
              // Enter in a field submits with the form's first button: this one (save and go on),
              // not « Obtenir mes paiements de France Travail » further down. Rendered (off screen,
              // out of the tab order and of the accessibility tree): every engine then uses it.
              <button type="submit" className="fr-sr-only" tabIndex={-1} aria-hidden="true">
                Enregistrer et continuer
              </button>
            ) : null}
            <input type="hidden" name="applicationId" value={draft.id} />
            <input type="hidden" name="version" value={draft.version} />
            {step === "identite" ? (
              <>
                <Alert
                  as="h2"
                  severity="info"
                  small
                  description={`${identity.name}, né(e) le ${identity.birth} : identité certifiée par FranceConnect.`}
                />
                <div className="fr-mt-3w">
                  <IdentityFields values={values} errors={errors} />
                </div>
              </>
            ) : null}
            {step === "ressources" ? (
              <>
                {values.representation === "PROTECTED_ADULT" ? (
                  <Alert
                    as="h2"
                    severity="info"
                    title="Les ressources de la personne protégée"
                    description="La DGFiP ne nous transmet que vos propres revenus, pas les siens : indiquez ci-dessous ceux de son dernier avis d'imposition. Le bureau pourra vous demander cet avis."
                  />
                ) : tax ? (
                  <Alert
                    as="h2"
                    severity="info"
                    title="Données transmises par la DGFiP"
                    description={`Revenus ${tax.incomeYear} : revenu fiscal de référence de ${euros(tax.rfr)}, pour un foyer de ${tax.household} personne${tax.household > 1 ? "s" : ""}. Vous n'avez rien à saisir ni à justifier.${values.representation === "MINOR_CHILD" ? " Pour votre enfant, ce sont les revenus de votre foyer qui comptent, sauf dans le cas ci-dessous." : ""}`}
                  />
                ) : (
                  <Alert
                    as="h2"
                    severity="warning"
                    title="Revenus non transmis par la DGFiP"
                    description="Le bureau d'aide juridictionnelle vous demandera de justifier vos ressources."
                  />
                )}
                <div className="fr-mt-3w">
                  <ResourcesFields values={values} errors={errors} />
                </div>
                {tax &&
                resourcesSource({
                  representation: values.representation as Representation,
                  separateResources: values.separateResources === "oui",
                }) === "REPRESENTATIVE_TAX_NOTICE" ? (
                  <RecentIncomeFields values={values} errors={errors} {...recentIncome} />
                ) : null}
              </>
            ) : null}
            {step === "procedure" ? (
              <ProcedureFields values={values} errors={errors} courts={courts} />
            ) : null}
            {step === "recapitulatif" && recap ? (
              <>
                <Recap
                  values={saved}
                  courts={courts}
                  missing={recap.missing}
                  eligibility={recap.eligibility}
                  tax={tax}
                  payments={recentIncome.payments}
                />
                <Checkbox
                  id="attestation"
                  className="fr-mt-4w"
                  {...(errors.attestation
                    ? { state: "error" as const, stateRelatedMessage: errors.attestation }
                    : {})}
                  options={[
                    {
                      label: "Je certifie sur l'honneur que mes réponses sont exactes.",
                      nativeInputProps: {
                        name: "attestation",
                        value: "oui",
                        defaultChecked: values.attestation === "oui",
                      },
                    },
                  ]}
                />
                <Checkbox
                  id="electronicExchanges"
                  {...(errors.electronicExchanges
                    ? { state: "error" as const, stateRelatedMessage: errors.electronicExchanges }
                    : {})}
                  options={[
                    {
                      label:
                        "J'accepte que le bureau m'écrive et me remette sa décision dans mon espace « Mes demandes ». Je serai prévenu(e) par courriel.",
                      nativeInputProps: {
                        name: "electronicExchanges",
                        value: "oui",
                        defaultChecked: values.electronicExchanges === "oui",
                      },
                    },
                  ]}
                />
              </>
            ) : null}
            <ul className="fr-btns-group fr-btns-group--inline-md fr-mt-4w">
              {index > 0 ? (
                <li>
                  <Link className="fr-btn fr-btn--secondary" to={`/demande/${STEPS[index - 1]}`}>
                    Étape précédente
                  </Link>
                </li>
              ) : null}
              <li>
                <Button type="submit" disabled={navigation.state === "submitting"}>
                  {step === "recapitulatif" ? "Déposer ma demande" : "Enregistrer et continuer"}
                </Button>
              </li>
            </ul>
            <p className="fr-text--sm">
              Vos réponses sont enregistrées à chaque étape : vous pouvez reprendre plus tard.
            </p>
          </Form>
        </div>
      </div>
    </div>
  );
}
