/**
 * The yearly scales of aide juridictionnelle (loi 91-647, décret 2020-1717, annual circulars),
 * as versioned data. Amounts are euros for a household of one person; `increments` are per extra
 * person. A published amount is typed as a number; a value the sources do not publish is
 * `derived(...)`: computed by the rule (ratio × a published amount, rounded to the euro) and marked as
 * such. Adding a year is adding one entry. Sources: each entry's `source`; docs/decisions/009-eligibility-scales.md.
 */

/** A value the circular does not publish: `ratio` × the published value it is derived from. */
export type Derived = {
  derived: true;
  ratio: number;
  of: "full" | "realEstateAssets";
  why: string;
};
export type Amount = number | Derived;

export type ScaleEntry = {
  year: number;
  /** First day the scale applies ("YYYY-MM-DD"); a request made before keeps the previous one. */
  effectiveFrom: string;
  source: string;
  /** Upper bounds (inclusive) of the revenu fiscal de référence for each rate. */
  full: number;
  partial55: Amount;
  partial25: Amount;
  movableAssets: number;
  realEstateAssets: number;
  increments: {
    /** For each of the 2nd and 3rd persons: on the three RFR ceilings and the movable ceiling. */
    secondAndThird: Amount;
    /** For each person from the 4th on. */
    fourthOn: Amount;
    /** The same proportions on the real-estate ceiling. */
    realEstateSecondAndThird: Amount;
    realEstateFourthOn: Amount;
  };
};

/** Household increments fixed by the texts: 18 % then 11.37 % of the full-aid ceiling. */
export const SECOND_AND_THIRD_RATE = 0.18;
export const FOURTH_ON_RATE = 0.1137;

export const derived = (ratio: number, of: Derived["of"], why: string): Derived => ({
  derived: true,
  ratio,
  of,
  why,
});

const byRule = {
  secondAndThird: derived(SECOND_AND_THIRD_RATE, "full", "18 % du plafond de l'aide totale"),
  fourthOn: derived(FOURTH_ON_RATE, "full", "11,37 % du plafond de l'aide totale"),
  realEstateSecondAndThird: derived(
    SECOND_AND_THIRD_RATE,
    "realEstateAssets",
    "18 % du plafond de patrimoine immobilier",
  ),
  realEstateFourthOn: derived(
    FOURTH_ON_RATE,
    "realEstateAssets",
    "11,37 % du plafond de patrimoine immobilier",
  ),
};

export const SCALES: readonly ScaleEntry[] = [
  {
    year: 2021,
    effectiveFrom: "2021-01-01",
    source: "Décret n° 2020-1717 du 28 décembre 2020",
    full: 11_262,
    partial55: 13_312,
    partial25: 16_890,
    movableAssets: 11_262,
    realEstateAssets: 33_780,
    increments: {
      secondAndThird: 2_027,
      fourthOn: 1_280,
      realEstateSecondAndThird: 6_080,
      realEstateFourthOn: 3_841,
    },
  },
  {
    year: 2022,
    effectiveFrom: "2022-01-21",
    source: "Circulaire du 20 janvier 2022 (NOR JUST2201936C)",
    full: 11_580,
    partial55: 13_688,
    partial25: 17_367,
    movableAssets: 11_580,
    realEstateAssets: 34_734,
    increments: {
      secondAndThird: 2_084,
      fourthOn: 1_316,
      realEstateSecondAndThird: 6_252,
      realEstateFourthOn: 3_949,
    },
  },
  {
    year: 2023,
    // The circular is dated 17 January 2023; in force the next day, as in 2022 and 2024.
    effectiveFrom: "2023-01-18",
    source: "Circulaire du 17 janvier 2023 (NOR JUST2301654C)",
    full: 12_271,
    partial55: 14_505,
    partial25: 18_404,
    movableAssets: 12_271,
    realEstateAssets: 36_808,
    increments: {
      secondAndThird: 2_209,
      fourthOn: 1_395,
      realEstateSecondAndThird: 6_625,
      realEstateFourthOn: 4_185,
    },
  },
  {
    year: 2024,
    effectiveFrom: "2024-01-18",
    source: "Circulaire du 17 janvier 2024 (NOR JUST2401297C)",
    full: 12_712,
    partial55: derived(
      1.182,
      "full",
      "plafond de l'aide partielle à 55 % non publié : 1,182 × le plafond de l'aide totale",
    ),
    partial25: 19_066,
    movableAssets: 12_712,
    realEstateAssets: 38_132,
    increments: byRule,
  },
  {
    year: 2025,
    effectiveFrom: "2025-01-23",
    source: "Circulaire du 20 janvier 2025",
    full: 12_862,
    partial55: 15_203,
    partial25: 19_290,
    movableAssets: 12_862,
    realEstateAssets: 38_580,
    increments: {
      secondAndThird: 2_315,
      fourthOn: byRule.fourthOn,
      realEstateSecondAndThird: 6_944,
      realEstateFourthOn: byRule.realEstateFourthOn,
    },
  },
];

/** Resolves an amount of a scale: published, or derived by the rule and rounded to the euro. */
export function resolve(scale: ScaleEntry, amount: Amount): number {
  if (typeof amount === "number") return amount;
  const base = amount.of === "full" ? scale.full : scale.realEstateAssets;
  return Math.round(base * amount.ratio);
}
