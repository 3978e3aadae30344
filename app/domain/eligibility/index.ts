/**
 * Eligibility for aide juridictionnelle (loi n° 91-647, décret n° 2020-1717): the revenu fiscal de
 * référence sets the rate (100 %, 55 %, 25 %), each patrimoine ceiling only decides eligibility; all
 * ceilings are inclusive and grow with the household. Pure TypeScript, no framework.
 */
import { euros, eurosAndCents, frenchDate } from "../french";
import { type RecentIncome, retainedFromRecentIncome } from "./recent-income";
import { resolve, SCALES, type ScaleEntry } from "./scales";

export type { RecentIncome } from "./recent-income";
export { lastSixMonths, retainedFromRecentIncome } from "./recent-income";

export type EligibilityInput = {
  requestDate: string; // "YYYY-MM-DD": selects the scale in force that day
  referenceTaxIncome: number; // revenu fiscal de référence of the foyer, euros
  householdSize: number; // declarants + dependants (pac.nbPac), integer >= 1
  movableAssets: number; // patrimoine mobilier, euros
  realEstateAssets: number; // patrimoine immobilier excluding the main residence, euros
  exemption?: "SERIOUS_CRIME_VICTIM" | null; // no resource condition (loi 91-647 art. 9-2)
  /**
   * The income has changed since the tax notice (décret 2020-1717 art. 4): the six months' income
   * replaces the revenu fiscal de référence.
   */
  recentIncome?: RecentIncome | null;
  /**
   * The revenu fiscal de référence and the household are declared by the applicant (a
   * representative for a protected adult…), not certified: said so in the reasons.
   */
  declaredResources?: boolean;
};

export type EligibilityResult = {
  outcome: "FULL" | "PARTIAL_55" | "PARTIAL_25" | "INELIGIBLE";
  stateShare: 100 | 55 | 25 | 0;
  scaleYear: number; // year of the scale applied
  ceilings: {
    full: number;
    partial55: number;
    partial25: number;
    movableAssets: number;
    realEstateAssets: number;
  }; // for this household
  /**
   * The resources compared with the income ceilings, where they come from and, for the six months'
   * income, the calculation in one French sentence (also among the reasons).
   */
  resources: {
    basis: "TAX_NOTICE" | "RECENT_INCOME";
    amount: number;
    calculation?: string;
    /** Declared by the applicant, not certified (`declaredResources`). */
    declared?: true;
  };
  reasons: string[]; // French sentences a citizen and an agent understand
};

/** The share of the costs the State takes on, for each outcome (loi 91-647, art. 2). */
export const STATE_SHARES = {
  FULL: 100,
  PARTIAL_55: 55,
  PARTIAL_25: 25,
  INELIGIBLE: 0,
} as const satisfies Record<EligibilityResult["outcome"], EligibilityResult["stateShare"]>;

/** Every outcome, from the most to the least generous. */
export const OUTCOMES = Object.keys(STATE_SHARES) as [
  EligibilityResult["outcome"],
  ...EligibilityResult["outcome"][],
];

/** How an outcome is named to citizens and agents. */
export const OUTCOME_LABELS: Record<EligibilityResult["outcome"], string> = {
  FULL: "Aide juridictionnelle totale (100 %)",
  PARTIAL_55: "Aide juridictionnelle partielle (55 %)",
  PARTIAL_25: "Aide juridictionnelle partielle (25 %)",
  INELIGIBLE: "Ressources supérieures aux plafonds",
};

export class EligibilityInputError extends Error {
  override name = "EligibilityInputError";
  constructor(
    readonly field: keyof EligibilityInput,
    message: string,
  ) {
    super(message);
  }
}

export type { ScaleEntry } from "./scales";
export { SCALES } from "./scales";

function validate(input: EligibilityInput): void {
  if (!validDay(input.requestDate)) {
    throw new EligibilityInputError(
      "requestDate",
      "La date de la demande doit être une date valide (AAAA-MM-JJ).",
    );
  }
  const first = SCALES[0] as ScaleEntry;
  if (input.requestDate < first.effectiveFrom) {
    throw new EligibilityInputError(
      "requestDate",
      `Les barèmes connus commencent le ${frenchDate(first.effectiveFrom)} : une demande antérieure ne peut pas être évaluée.`,
    );
  }
  const amounts: [keyof EligibilityInput, number, string][] = [
    ["referenceTaxIncome", input.referenceTaxIncome, "Le revenu fiscal de référence"],
    ["movableAssets", input.movableAssets, "Le patrimoine mobilier"],
    ["realEstateAssets", input.realEstateAssets, "Le patrimoine immobilier"],
  ];
  for (const [field, value, label] of amounts) {
    if (typeof value !== "number" || !Number.isFinite(value) || value < 0) {
      throw new EligibilityInputError(
        field,
        `${label} doit être un montant positif ou nul, en euros.`,
      );
    }
  }
  if (input.recentIncome) validateRecentIncome(input.recentIncome);
  if (!Number.isInteger(input.householdSize) || input.householdSize < 1) {
    throw new EligibilityInputError(
      "householdSize",
      "Le nombre de personnes du foyer doit être un nombre entier, au moins 1.",
    );
  }
}

function validDay(value: string): boolean {
  const date = /^\d{4}-\d{2}-\d{2}$/.test(value ?? "") ? new Date(`${value}T00:00:00Z`) : null;
  return !!date && !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

function validateRecentIncome(income: RecentIncome): void {
  if (!validDay(income.from) || !validDay(income.to) || income.from > income.to) {
    throw new EligibilityInputError(
      "recentIncome",
      "La période des six derniers mois doit aller d'une date valide à une date valide postérieure.",
    );
  }
  for (const value of [income.certified, income.declared]) {
    if (typeof value !== "number" || !Number.isFinite(value) || value < 0) {
      throw new EligibilityInputError(
        "recentIncome",
        "Les revenus des six derniers mois doivent être des montants positifs ou nuls, en euros.",
      );
    }
  }
}

/** The scale in force on a date (the latest one for a date after every known scale). */
export function scaleFor(requestDate: string): ScaleEntry {
  let chosen: ScaleEntry | undefined;
  for (const scale of SCALES) if (scale.effectiveFrom <= requestDate) chosen = scale;
  if (!chosen)
    throw new EligibilityInputError("requestDate", "Aucun barème ne s'applique à cette date.");
  return chosen;
}

/** The ceilings of a scale for a household of `size` persons. */
export function ceilingsFor(scale: ScaleEntry, size: number): EligibilityResult["ceilings"] {
  const secondAndThird = Math.min(size - 1, 2);
  const fourthOn = Math.max(size - 3, 0);
  const inc = scale.increments;
  const rfrIncrement =
    secondAndThird * resolve(scale, inc.secondAndThird) + fourthOn * resolve(scale, inc.fourthOn);
  return {
    full: scale.full + rfrIncrement,
    partial55: resolve(scale, scale.partial55) + rfrIncrement,
    partial25: resolve(scale, scale.partial25) + rfrIncrement,
    movableAssets: scale.movableAssets + rfrIncrement,
    realEstateAssets:
      scale.realEstateAssets +
      secondAndThird * resolve(scale, inc.realEstateSecondAndThird) +
      fourthOn * resolve(scale, inc.realEstateFourthOn),
  };
}

const household = (n: number) => (n === 1 ? "d'une personne" : `de ${n} personnes`);

export function computeEligibility(input: EligibilityInput): EligibilityResult {
  validate(input);
  const scale = scaleFor(input.requestDate);
  const ceilings = ceilingsFor(scale, input.householdSize);
  const reasons = [
    `Barème ${scale.year} appliqué (${scale.source}, en vigueur depuis le ${frenchDate(scale.effectiveFrom)}), pour un foyer ${household(input.householdSize)}.`,
  ];
  const requestYear = Number(input.requestDate.slice(0, 4));
  const latest = SCALES[SCALES.length - 1] as ScaleEntry;
  if (scale === latest && requestYear > scale.year) {
    reasons.push(
      `Le barème ${requestYear} n'est pas encore connu de ce service : le dernier barème connu (${scale.year}) est appliqué.`,
    );
  }
  const recent = input.recentIncome ? retainedFromRecentIncome(input.recentIncome) : null;
  const resources: EligibilityResult["resources"] =
    input.recentIncome && recent
      ? {
          basis: "RECENT_INCOME",
          amount: recent.retained,
          calculation: recentIncomeReason(input.recentIncome, recent, input.referenceTaxIncome),
        }
      : {
          basis: "TAX_NOTICE",
          amount: input.referenceTaxIncome,
          ...(input.declaredResources ? { declared: true as const } : {}),
        };
  const result = (outcome: EligibilityResult["outcome"]) => ({
    outcome,
    stateShare: STATE_SHARES[outcome],
    scaleYear: scale.year,
    ceilings,
    resources,
    reasons,
  });

  if (input.exemption === "SERIOUS_CRIME_VICTIM") {
    reasons.push(
      "Victime de l'un des crimes les plus graves : l'aide juridictionnelle est accordée sans condition de ressources (article 9-2 de la loi n° 91-647).",
      CONCLUSIONS.FULL,
    );
    return result("FULL");
  }

  let ineligible = false;
  if (input.movableAssets > ceilings.movableAssets) {
    reasons.push(
      `Patrimoine mobilier de ${euros(input.movableAssets)}, supérieur au plafond de ${euros(ceilings.movableAssets)} : à lui seul, il exclut l'aide juridictionnelle.`,
    );
    ineligible = true;
  } else {
    reasons.push(
      `Patrimoine mobilier de ${euros(input.movableAssets)}, inférieur ou égal au plafond de ${euros(ceilings.movableAssets)}.`,
    );
  }
  if (input.realEstateAssets > ceilings.realEstateAssets) {
    reasons.push(
      `Patrimoine immobilier (hors résidence principale) de ${euros(input.realEstateAssets)}, supérieur au plafond de ${euros(ceilings.realEstateAssets)} : à lui seul, il exclut l'aide juridictionnelle.`,
    );
    ineligible = true;
  } else {
    reasons.push(
      `Patrimoine immobilier (hors résidence principale) de ${euros(input.realEstateAssets)}, inférieur ou égal au plafond de ${euros(ceilings.realEstateAssets)}.`,
    );
  }

  let income = `Revenu fiscal de référence${input.declaredResources ? " déclaré (à vérifier par le bureau)" : ""} de ${euros(input.referenceTaxIncome)}`;
  if (resources.calculation) {
    reasons.push(resources.calculation);
    income = `Montant retenu de ${eurosAndCents(resources.amount)}`;
  }
  const amount = resources.amount;
  let rate: EligibilityResult["outcome"];
  if (amount <= ceilings.full) {
    reasons.push(
      `${income}, inférieur ou égal au plafond de l'aide totale (${euros(ceilings.full)}).`,
    );
    rate = "FULL";
  } else if (amount <= ceilings.partial55) {
    reasons.push(
      `${income}, supérieur au plafond de l'aide totale (${euros(ceilings.full)}) et inférieur ou égal à celui de l'aide partielle à 55 % (${euros(ceilings.partial55)}).`,
    );
    rate = "PARTIAL_55";
  } else if (amount <= ceilings.partial25) {
    reasons.push(
      `${income}, supérieur au plafond de l'aide partielle à 55 % (${euros(ceilings.partial55)}) et inférieur ou égal à celui de l'aide partielle à 25 % (${euros(ceilings.partial25)}).`,
    );
    rate = "PARTIAL_25";
  } else {
    reasons.push(
      `${income}, supérieur au plafond de l'aide partielle à 25 % (${euros(ceilings.partial25)}).`,
    );
    rate = "INELIGIBLE";
  }
  const outcome = ineligible ? "INELIGIBLE" : rate;
  reasons.push(CONCLUSIONS[outcome]);
  return result(outcome);
}

/** The art. 4 calculation, step by step, in one sentence. */
function recentIncomeReason(
  income: RecentIncome,
  { total, retained }: { total: number; retained: number },
  referenceTaxIncome: number,
): string {
  const parts: string[] = [];
  if (income.certified > 0 || income.certifiedBy) {
    parts.push(
      `${eurosAndCents(income.certified)} certifiés par ${income.certifiedBy ?? "l'organisme payeur"}`,
    );
  }
  if (income.declared > 0 || !parts.length) {
    parts.push(`${eurosAndCents(income.declared)} déclarés`);
  }
  return (
    `Revenus changés depuis l'avis d'imposition (article 4 du décret n° 2020-1717) : le revenu fiscal de référence de l'avis (${euros(referenceTaxIncome)}) n'est pas retenu. ` +
    `Revenus imposables du ${frenchDate(income.from)} au ${frenchDate(income.to)} : ${eurosAndCents(total)} (${parts.join(", ")}) ; ` +
    `moins 10 % d'abattement et multipliés par deux : ${eurosAndCents(retained)} de ressources retenues, comparées aux plafonds comme un revenu fiscal de référence.`
  );
}

const CONCLUSIONS: Record<EligibilityResult["outcome"], string> = {
  FULL: "Résultat : aide juridictionnelle totale, l'État paie 100 % de vos frais de justice.",
  PARTIAL_55:
    "Résultat : aide juridictionnelle partielle, l'État paie 55 % de vos frais de justice. Vous payez le reste à votre avocat, qui vous dit combien avant de commencer.",
  PARTIAL_25:
    "Résultat : aide juridictionnelle partielle, l'État paie 25 % de vos frais de justice. Vous payez le reste à votre avocat, qui vous dit combien avant de commencer.",
  INELIGIBLE:
    "Résultat estimé : les revenus ou les biens dépassent les plafonds. L'aide ne devrait pas être accordée, mais le bureau examine chaque demande.",
};

/** Household for the means test: 2 declarants for a married or pacsed couple, else 1, plus dependants. */
export function householdFromTaxData(tax: {
  sitFam: string;
  pac?: { nbPac?: number } | null;
}): number {
  const declarants = tax.sitFam === "M" || tax.sitFam === "O" ? 2 : 1;
  return declarants + (tax.pac?.nbPac ?? 0);
}
