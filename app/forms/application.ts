/**
 * The application form, one schema per step, shared by the server (which saves) and the pages
 * (which show the errors). Messages are in French, for the citizen.
 */
import { z } from "zod";
import {
  ageOn,
  CAPACITIES,
  CAPACITIES_FOR,
  REPRESENTATIONS,
  resourcesSource,
} from "~/domain/application/representation";
import { todayInFrance } from "~/domain/french";
import {
  APPLICANT_ROLES,
  CASE_SUBKINDS,
  PROCEDURE_STAGES,
  STEP_TITLES,
  STEPS,
  type Step,
} from "./application-choices";
import { amount, firstErrorPerField, isoDay, optionalText, requiredText, trimmed } from "./fields";
import { defineSchema } from "./plain";

export { APPLICANT_ROLES, CASE_SUBKINDS, PROCEDURE_STAGES, STEP_TITLES, STEPS, type Step };

const yesNo = (message: string) => z.enum(["oui", "non"], { error: message });

export const identitySchema = /* @__PURE__ */ defineSchema(() =>
  z
    .object({
      contactEmail: z.preprocess(
        trimmed,
        z
          .email({ error: "Indiquez une adresse électronique valide, par exemple nom@exemple.fr." })
          .max(254, "Adresse électronique : 254 caractères au plus."),
      ),
      contactPhone: z.preprocess(
        (value) => (typeof value === "string" ? value.replace(/[\s.-]/g, "") : value) || undefined,
        z
          .string()
          .regex(
            /^(?:\+33|0)[1-9]\d{8}$/,
            "Indiquez un numéro de téléphone français, par exemple 06 12 34 56 78.",
          )
          .optional(),
      ),
      correspondenceAddress: optionalText(300, "Adresse de correspondance"),
      representation: z.preprocess(
        (value) => (value === "" || value === undefined ? "SELF" : value),
        z.enum(REPRESENTATIONS, { error: "Indiquez pour qui vous faites cette demande." }),
      ),
      representativeCapacity: z.preprocess(
        (value) => (value === "" ? undefined : value),
        z.enum(CAPACITIES, { error: "Choisissez votre qualité dans la liste." }).optional(),
      ),
      beneficiaryGivenName: optionalText(100, "Prénoms de la personne"),
      beneficiaryFamilyName: optionalText(100, "Nom de la personne"),
      beneficiaryBirthdate: z.preprocess(
        (value) => {
          const text = trimmed(value);
          if (text === "") return undefined;
          // Typed the French way where the browser has no date picker: 14/03/2012.
          const french = typeof text === "string" ? /^(\d{2})\/(\d{2})\/(\d{4})$/.exec(text) : null;
          return french ? `${french[3]}-${french[2]}-${french[1]}` : text;
        },
        isoDay.optional().catch(() => "invalid"),
      ),
    })
    .superRefine((value, ctx) => {
      if (value.representation === "SELF") return;
      const issue = (path: string, message: string) =>
        ctx.addIssue({ code: "custom", path: [path], message });
      const minor = value.representation === "MINOR_CHILD";
      const allowed = CAPACITIES_FOR[value.representation];
      if (!value.representativeCapacity || !allowed.includes(value.representativeCapacity)) {
        issue(
          "representativeCapacity",
          minor
            ? "Indiquez si vous êtes le parent ou le tuteur de l'enfant."
            : "Indiquez si vous êtes son tuteur, son curateur ou la personne habilitée.",
        );
      }
      const who = minor ? "de l'enfant" : "de la personne protégée";
      if (!value.beneficiaryGivenName)
        issue("beneficiaryGivenName", `Indiquez les prénoms ${who}.`);
      if (!value.beneficiaryFamilyName) issue("beneficiaryFamilyName", `Indiquez le nom ${who}.`);
      const birthdate = value.beneficiaryBirthdate;
      if (!birthdate || birthdate === "invalid") {
        issue(
          "beneficiaryBirthdate",
          `Indiquez la date de naissance ${who}, par exemple 14/03/2012.`,
        );
      } else {
        const age = ageOn(birthdate, todayInFrance());
        if (age < 0) issue("beneficiaryBirthdate", "Cette date de naissance est dans le futur.");
        else if (minor && age >= 18) {
          issue(
            "beneficiaryBirthdate",
            "Cette personne a 18 ans ou plus : choisissez « Pour un majeur protégé », ou elle fait sa demande elle-même.",
          );
        } else if (!minor && age < 18) {
          issue(
            "beneficiaryBirthdate",
            "Cette personne a moins de 18 ans : choisissez « Pour un enfant mineur ».",
          );
        }
      }
    }),
);

/** The resources step's fields required by another answer, and what is said when one is missing. */
const CONDITIONAL = {
  declaredReferenceTaxIncome:
    "Indiquez ses revenus de l'année, en euros (0 si la personne n'en a pas).",
  declaredHouseholdSize: "Indiquez le nombre de personnes de son foyer (1 si elle vit seule).",
  declaredRecentIncome:
    "Indiquez vos autres revenus des six derniers mois, en euros (0 si vous n'en avez pas eu).",
} as const;

/**
 * Those conditional fields left empty, read on the raw fields: zod runs the step's refinement only
 * once every other field is valid, and a person must see every mistake at once.
 */
function missingConditional(fields: Record<string, unknown>): FieldErrors {
  const empty = (name: string) =>
    fields[name] === undefined || fields[name] === null || String(fields[name]).trim() === "";
  const declared =
    resourcesSource({
      representation: (REPRESENTATIONS as readonly unknown[]).includes(fields.representation)
        ? (fields.representation as (typeof REPRESENTATIONS)[number])
        : "SELF",
      separateResources: fields.separateResources === "oui",
    }) === "DECLARED";
  const errors: FieldErrors = {};
  if (declared && empty("declaredReferenceTaxIncome"))
    errors.declaredReferenceTaxIncome = CONDITIONAL.declaredReferenceTaxIncome;
  if (declared && empty("declaredHouseholdSize"))
    errors.declaredHouseholdSize = CONDITIONAL.declaredHouseholdSize;
  if (fields.incomeChanged === "oui" && empty("declaredRecentIncome"))
    errors.declaredRecentIncome = CONDITIONAL.declaredRecentIncome;
  return errors;
}

export const resourcesSchema = /* @__PURE__ */ defineSchema(() =>
  z
    .object({
      declaredMovableAssets: amount("votre patrimoine mobilier"),
      declaredRealEstateAssets: amount("votre patrimoine immobilier"),
      seriousCrimeVictim: yesNo("Indiquez si vous êtes victime d'un crime grave."),
      legalExpensesInsurance: yesNo(
        "Indiquez si une assurance de protection juridique couvre votre affaire.",
      ),
      /** A checkbox: absent (or empty, from what is stored) when not ticked. */
      incomeChanged: z.preprocess(
        (value) => (value === "" ? undefined : value),
        z.literal("oui").optional(),
      ),
      /** Other taxable income of the last six months: asked only when the income has changed. */
      declaredRecentIncome: z.preprocess(
        (value) => (value === "" ? undefined : value),
        amount("vos autres revenus des six derniers mois").optional(),
      ),
      /** From the identity step (not a field of this one): for whom the application is. */
      representation: z.preprocess(
        (value) => (value === "" || value === undefined ? "SELF" : value),
        z.enum(REPRESENTATIONS).catch("SELF"),
      ),
      /** A checkbox (a minor's application): the child's resources are assessed apart. */
      separateResources: z.preprocess(
        (value) => (value === "" ? undefined : value),
        z.literal("oui").optional(),
      ),
      /** The beneficiary's resources, declared, when they are not the representative's tax notice. */
      declaredReferenceTaxIncome: z.preprocess(
        (value) => (value === "" ? undefined : value),
        amount("son revenu de l'année").optional(),
      ),
      declaredHouseholdSize: z.preprocess(
        (value) => (typeof value === "string" ? value.trim() || undefined : value),
        z.coerce
          .number({ error: "Indiquez le nombre de personnes de son foyer, en chiffres." })
          .int("Indiquez un nombre entier de personnes.")
          .min(1, "Le foyer compte au moins une personne.")
          .max(20, "Vérifiez le nombre de personnes du foyer (20 au plus).")
          .optional(),
      ),
    })
    .superRefine((values, ctx) => {
      const declared =
        resourcesSource({
          representation: values.representation,
          separateResources: values.separateResources === "oui",
        }) === "DECLARED";
      if (declared && values.declaredReferenceTaxIncome === undefined) {
        ctx.addIssue({
          code: "custom",
          path: ["declaredReferenceTaxIncome"],
          message: CONDITIONAL.declaredReferenceTaxIncome,
        });
      }
      if (declared && values.declaredHouseholdSize === undefined) {
        ctx.addIssue({
          code: "custom",
          path: ["declaredHouseholdSize"],
          message: CONDITIONAL.declaredHouseholdSize,
        });
      }
      if (values.incomeChanged && values.declaredRecentIncome === undefined) {
        ctx.addIssue({
          code: "custom",
          path: ["declaredRecentIncome"],
          message: CONDITIONAL.declaredRecentIncome,
        });
      }
    }),
);

export const procedureSchema = /* @__PURE__ */ defineSchema(() =>
  z
    .object({
      caseKind: z.enum(["CIVIL", "PENAL"], {
        error: "Indiquez s'il s'agit d'une affaire civile ou pénale.",
      }),
      caseSubkind: z
        .string({ error: "Indiquez le type d'affaire." })
        .min(1, "Indiquez le type d'affaire."),
      courtId: z
        .string({ error: "Choisissez le tribunal." })
        .uuid("Choisissez le tribunal dans la liste."),
      applicantRole: z
        .string({ error: "Indiquez votre rôle dans l'affaire." })
        .min(1, "Indiquez votre rôle dans l'affaire."),
      procedureStage: z.enum(PROCEDURE_STAGES, { error: "Indiquez où en est votre affaire." }),
      adverseParty: optionalText(200, "L'autre partie"),
      description: z.preprocess(
        trimmed,
        z
          .string({ error: "Décrivez votre affaire en quelques phrases." })
          .min(10, "Décrivez votre affaire en quelques phrases (10 caractères au moins).")
          .max(2_000, "Description : 2 000 caractères au plus."),
      ),
      lawyer: z.enum(["choisi", "designation"], { error: "Indiquez si vous avez déjà un avocat." }),
      lawyerName: optionalText(120, "Nom de l'avocat"),
      lawyerBar: optionalText(120, "Barreau"),
      urgent: yesNo("Indiquez si votre affaire est urgente."),
    })
    .superRefine((value, ctx) => {
      const subkinds: readonly string[] = CASE_SUBKINDS[value.caseKind];
      if (!subkinds.includes(value.caseSubkind)) {
        ctx.addIssue({
          code: "custom",
          path: ["caseSubkind"],
          message: "Choisissez un type d'affaire dans la liste.",
        });
      }
      const roles: readonly string[] = APPLICANT_ROLES[value.caseKind];
      if (!roles.includes(value.applicantRole)) {
        ctx.addIssue({
          code: "custom",
          path: ["applicantRole"],
          message: "Choisissez un rôle qui correspond au type d'affaire : civile ou pénale.",
        });
      }
      if (value.lawyer === "choisi") {
        if (!value.lawyerName)
          ctx.addIssue({
            code: "custom",
            path: ["lawyerName"],
            message: "Indiquez le nom de votre avocat.",
          });
        if (!value.lawyerBar)
          ctx.addIssue({
            code: "custom",
            path: ["lawyerBar"],
            message: "Indiquez le barreau de votre avocat.",
          });
      }
    }),
);

export const submissionSchema = /* @__PURE__ */ defineSchema(() =>
  z.object({
    attestation: z.literal("oui", {
      error: "Cochez la case « Je certifie sur l'honneur… » pour déposer votre demande.",
    }),
    electronicExchanges: z.literal("oui", {
      error:
        "Cochez la case « J'accepte que le bureau m'écrive… » pour déposer votre demande en ligne.",
    }),
  }),
);

export const STEP_SCHEMAS = {
  identite: identitySchema,
  ressources: resourcesSchema,
  procedure: procedureSchema,
  recapitulatif: submissionSchema,
} as const;

export type FieldErrors = Record<string, string>;

/** Parses a step's fields; returns the values, or the first error message of each field. */
export function parseStep<S extends Step>(
  step: S,
  fields: Record<string, unknown>,
): { ok: true; values: z.output<(typeof STEP_SCHEMAS)[S]> } | { ok: false; errors: FieldErrors } {
  const result = STEP_SCHEMAS[step].safeParse(fields);
  if (result.success)
    return { ok: true, values: result.data as z.output<(typeof STEP_SCHEMAS)[S]> };
  const errors = firstErrorPerField(result.error.issues);
  return {
    ok: false,
    errors: step === "ressources" ? { ...missingConditional(fields), ...errors } : errors,
  };
}

/** The form's values (as typed strings) from what is stored, to fill the pages. */
export function valuesFromApplication(app: {
  contactEmail: string | null;
  contactPhone: string | null;
  correspondenceAddress: string | null;
  declaredMovableAssets: number | null;
  declaredRealEstateAssets: number | null;
  seriousCrimeVictim: boolean | null;
  legalExpensesInsurance: boolean | null;
  incomeChanged: boolean | null;
  declaredRecentIncome: number | null;
  representation: string | null;
  representativeCapacity: string | null;
  beneficiaryGivenName: string | null;
  beneficiaryFamilyName: string | null;
  beneficiaryBirthdate: string | null;
  separateResources: boolean | null;
  declaredReferenceTaxIncome: number | null;
  declaredHouseholdSize: number | null;
  caseKind: string | null;
  caseSubkind: string | null;
  courtId: string | null;
  applicantRole: string | null;
  procedureStage: string | null;
  adverseParty: string | null;
  description: string | null;
  lawyerDesignationRequested: boolean | null;
  lawyerName: string | null;
  lawyerBar: string | null;
  urgent: boolean;
}): Record<string, string> {
  const yesNo = (value: boolean | null) => (value === null ? "" : value ? "oui" : "non");
  return {
    contactEmail: app.contactEmail ?? "",
    contactPhone: app.contactPhone ?? "",
    correspondenceAddress: app.correspondenceAddress ?? "",
    declaredMovableAssets: app.declaredMovableAssets?.toString() ?? "",
    declaredRealEstateAssets: app.declaredRealEstateAssets?.toString() ?? "",
    seriousCrimeVictim: yesNo(app.seriousCrimeVictim),
    legalExpensesInsurance: yesNo(app.legalExpensesInsurance),
    incomeChanged: app.incomeChanged ? "oui" : "",
    declaredRecentIncome: app.incomeChanged ? (app.declaredRecentIncome?.toString() ?? "") : "",
    representation: app.representation ?? "SELF",
    representativeCapacity: app.representativeCapacity ?? "",
    beneficiaryGivenName: app.beneficiaryGivenName ?? "",
    beneficiaryFamilyName: app.beneficiaryFamilyName ?? "",
    beneficiaryBirthdate: app.beneficiaryBirthdate ?? "",
    separateResources: app.separateResources ? "oui" : "",
    declaredReferenceTaxIncome: app.declaredReferenceTaxIncome?.toString() ?? "",
    declaredHouseholdSize: app.declaredHouseholdSize?.toString() ?? "",
    caseKind: app.caseKind ?? "",
    caseSubkind: app.caseSubkind ?? "",
    courtId: app.courtId ?? "",
    applicantRole: app.applicantRole ?? "",
    procedureStage: app.procedureStage ?? "",
    adverseParty: app.adverseParty ?? "",
    description: app.description ?? "",
    lawyer:
      app.lawyerDesignationRequested === null
        ? ""
        : app.lawyerDesignationRequested
          ? "designation"
          : "choisi",
    lawyerName: app.lawyerName ?? "",
    lawyerBar: app.lawyerBar ?? "",
    urgent: app.caseKind === null ? "" : app.urgent ? "oui" : "non",
  };
}

export const replySchema = /* @__PURE__ */ defineSchema(() =>
  z.object({
    body: requiredText(2_000, {
      missing: "Écrivez votre message.",
      tooLong: "Message : 2 000 caractères au plus.",
    }),
  }),
);
