import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  computeEligibility,
  type EligibilityInput,
  EligibilityInputError,
  householdFromTaxData,
  lastSixMonths,
  type RecentIncome,
  retainedFromRecentIncome,
} from "~/domain/eligibility";

const base = (overrides: Partial<EligibilityInput>): EligibilityInput => ({
  requestDate: "2025-06-01",
  referenceTaxIncome: 0,
  householdSize: 1,
  movableAssets: 0,
  realEstateAssets: 0,
  ...overrides,
});

// Published one-person ceilings (each scale's `source`, docs/decisions/009); 2024's 55 % bound is
// derived: round(1.182 × 12 712).
const YEARS = [
  {
    date: "2021-06-01",
    year: 2021,
    full: 11_262,
    p55: 13_312,
    p25: 16_890,
    movable: 11_262,
    realEstate: 33_780,
  },
  {
    date: "2022-06-01",
    year: 2022,
    full: 11_580,
    p55: 13_688,
    p25: 17_367,
    movable: 11_580,
    realEstate: 34_734,
  },
  {
    date: "2023-06-01",
    year: 2023,
    full: 12_271,
    p55: 14_505,
    p25: 18_404,
    movable: 12_271,
    realEstate: 36_808,
  },
  {
    date: "2024-06-01",
    year: 2024,
    full: 12_712,
    p55: 15_026,
    p25: 19_066,
    movable: 12_712,
    realEstate: 38_132,
  },
  {
    date: "2025-06-01",
    year: 2025,
    full: 12_862,
    p55: 15_203,
    p25: 19_290,
    movable: 12_862,
    realEstate: 38_580,
  },
];

describe("computeEligibility: income ceilings, inclusive, at ±1 €", () => {
  for (const y of YEARS) {
    it(`${y.year}`, () => {
      const outcome = (rfr: number) =>
        computeEligibility(base({ requestDate: y.date, referenceTaxIncome: rfr })).outcome;
      expect(outcome(0)).toBe("FULL");
      expect(outcome(y.full)).toBe("FULL");
      expect(outcome(y.full + 1)).toBe("PARTIAL_55");
      expect(outcome(y.p55)).toBe("PARTIAL_55");
      expect(outcome(y.p55 + 1)).toBe("PARTIAL_25");
      expect(outcome(y.p25)).toBe("PARTIAL_25");
      expect(outcome(y.p25 + 1)).toBe("INELIGIBLE");
      const result = computeEligibility(base({ requestDate: y.date }));
      expect(result.scaleYear).toBe(y.year);
      expect(result.ceilings).toEqual({
        full: y.full,
        partial55: y.p55,
        partial25: y.p25,
        movableAssets: y.movable,
        realEstateAssets: y.realEstate,
      });
    });
  }

  it("gives the state share with the outcome", () => {
    const share = (rfr: number) => computeEligibility(base({ referenceTaxIncome: rfr })).stateShare;
    expect([share(12_862), share(15_203), share(19_290), share(19_291)]).toEqual([100, 55, 25, 0]);
  });
});

describe("computeEligibility: household increments", () => {
  it("2025: +2 315 € for the 2nd and 3rd persons, +1 462 € (11,37 %, derived) from the 4th", () => {
    const full = [12_862, 15_177, 17_492, 18_954, 20_416, 21_878, 23_340];
    full.forEach((ceiling, index) => {
      const result = computeEligibility(base({ householdSize: index + 1 }));
      expect(result.ceilings.full).toBe(ceiling);
      expect(result.ceilings.movableAssets).toBe(ceiling);
      expect(
        computeEligibility(base({ householdSize: index + 1, referenceTaxIncome: ceiling })).outcome,
      ).toBe("FULL");
      expect(
        computeEligibility(base({ householdSize: index + 1, referenceTaxIncome: ceiling + 1 }))
          .outcome,
      ).toBe("PARTIAL_55");
    });
    // Published two-person ceilings of 2025.
    expect(computeEligibility(base({ householdSize: 2 })).ceilings).toEqual({
      full: 15_177,
      partial55: 17_518,
      partial25: 21_605,
      movableAssets: 15_177,
      realEstateAssets: 45_524,
    });
  });

  it("2021: published increments (+2 027 €, +1 280 €; real estate +6 080 €, +3 841 €)", () => {
    const sizes = [1, 2, 3, 4, 5, 6, 7].map(
      (householdSize) =>
        computeEligibility(base({ requestDate: "2021-03-01", householdSize })).ceilings,
    );
    expect(sizes.map((c) => c.full)).toEqual([
      11_262, 13_289, 15_316, 16_596, 17_876, 19_156, 20_436,
    ]);
    expect(sizes.map((c) => c.partial25)).toEqual([
      16_890, 18_917, 20_944, 22_224, 23_504, 24_784, 26_064,
    ]);
    expect(sizes.map((c) => c.realEstateAssets)).toEqual([
      33_780, 39_860, 45_940, 49_781, 53_622, 57_463, 61_304,
    ]);
  });

  it("2023: the published two-person ceilings", () => {
    const { ceilings } = computeEligibility(base({ requestDate: "2023-06-01", householdSize: 2 }));
    expect([ceilings.full, ceilings.partial55, ceilings.partial25]).toEqual([
      14_480, 16_714, 20_613,
    ]);
  });

  it("2024: increments derived by the rule (18 % and 11,37 %), rounded to the euro", () => {
    const size = (householdSize: number) =>
      computeEligibility(base({ requestDate: "2024-06-01", householdSize })).ceilings;
    expect(size(2).full - size(1).full).toBe(2_288);
    expect(size(4).full - size(3).full).toBe(1_445);
    expect(size(2).realEstateAssets - size(1).realEstateAssets).toBe(6_864);
    expect(size(4).realEstateAssets - size(3).realEstateAssets).toBe(4_336);
  });
});

describe("computeEligibility: patrimoine", () => {
  it("the movable-assets ceiling decides eligibility, not the rate", () => {
    expect(computeEligibility(base({ movableAssets: 12_862 })).outcome).toBe("FULL");
    const over = computeEligibility(base({ movableAssets: 12_863 }));
    expect(over.outcome).toBe("INELIGIBLE");
    expect(over.stateShare).toBe(0);
    expect(over.reasons.join(" ")).toMatch(
      /Patrimoine mobilier de 12\s863 €, supérieur au plafond de 12\s862 €/,
    );
  });

  it("the real-estate ceiling too", () => {
    expect(computeEligibility(base({ realEstateAssets: 38_580 })).outcome).toBe("FULL");
    expect(computeEligibility(base({ realEstateAssets: 38_581 })).outcome).toBe("INELIGIBLE");
    expect(computeEligibility(base({ householdSize: 2, realEstateAssets: 45_524 })).outcome).toBe(
      "FULL",
    );
    expect(computeEligibility(base({ householdSize: 2, realEstateAssets: 45_525 })).outcome).toBe(
      "INELIGIBLE",
    );
  });

  it("assets under their ceilings keep the rate set by income", () => {
    expect(
      computeEligibility(
        base({ referenceTaxIncome: 15_000, movableAssets: 12_000, realEstateAssets: 30_000 }),
      ).outcome,
    ).toBe("PARTIAL_55");
  });
});

describe("computeEligibility: scales in time", () => {
  it("uses the scale in force on the request date", () => {
    expect(computeEligibility(base({ requestDate: "2022-01-20" })).scaleYear).toBe(2021);
    expect(computeEligibility(base({ requestDate: "2022-01-21" })).scaleYear).toBe(2022);
    expect(computeEligibility(base({ requestDate: "2025-01-22" })).scaleYear).toBe(2024);
    expect(computeEligibility(base({ requestDate: "2025-01-23" })).scaleYear).toBe(2025);
  });

  it("after the latest known scale, applies it and says so", () => {
    const result = computeEligibility(base({ requestDate: "2026-11-24" }));
    expect(result.scaleYear).toBe(2025);
    expect(result.reasons).toContain(
      "Le barème 2026 n'est pas encore connu de ce service : le dernier barème connu (2025) est appliqué.",
    );
    expect(computeEligibility(base({ requestDate: "2025-06-01" })).reasons.join(" ")).not.toMatch(
      /pas encore connu/,
    );
  });

  it("explains the result in French", () => {
    const { reasons } = computeEligibility(base({ referenceTaxIncome: 14_100 }));
    expect(reasons[0]).toBe(
      "Barème 2025 appliqué (Circulaire du 20 janvier 2025, en vigueur depuis le 23 janvier 2025), pour un foyer de une personne.".replace(
        "de une",
        "d'une",
      ),
    );
    expect(reasons.at(-1)).toBe(
      "Résultat : aide juridictionnelle partielle, l'État paie 55 % de vos frais de justice. Vous payez le reste à votre avocat, qui vous dit combien avant de commencer.",
    );
  });
});

describe("computeEligibility: exemption", () => {
  it("a victim of the most serious crimes gets full aid whatever the resources", () => {
    const result = computeEligibility(
      base({
        referenceTaxIncome: 90_000,
        movableAssets: 500_000,
        realEstateAssets: 1_000_000,
        exemption: "SERIOUS_CRIME_VICTIM",
      }),
    );
    expect(result).toMatchObject({ outcome: "FULL", stateShare: 100, scaleYear: 2025 });
    expect(result.reasons.join(" ")).toMatch(/article 9-2 de la loi n° 91-647/);
    expect(computeEligibility(base({ referenceTaxIncome: 90_000, exemption: null })).outcome).toBe(
      "INELIGIBLE",
    );
  });
});

describe("computeEligibility: invalid input", () => {
  const cases: [Partial<EligibilityInput>, keyof EligibilityInput, RegExp][] = [
    [
      { referenceTaxIncome: -1 },
      "referenceTaxIncome",
      /revenu fiscal de référence doit être un montant positif/,
    ],
    [{ referenceTaxIncome: Number.NaN }, "referenceTaxIncome", /montant positif ou nul/],
    [{ movableAssets: Number.POSITIVE_INFINITY }, "movableAssets", /patrimoine mobilier/],
    [{ realEstateAssets: -5 }, "realEstateAssets", /patrimoine immobilier/],
    [{ householdSize: 0 }, "householdSize", /au moins 1/],
    [{ householdSize: 2.5 }, "householdSize", /nombre entier/],
    [{ requestDate: "2025-02-30" }, "requestDate", /date valide/],
    [{ requestDate: "24/11/2026" }, "requestDate", /date valide/],
    [{ requestDate: "2020-12-31" }, "requestDate", /commencent le 1er janvier 2021/],
  ];
  for (const [overrides, field, message] of cases) {
    it(`refuses ${JSON.stringify(overrides)}`, () => {
      let error: unknown;
      try {
        computeEligibility(base(overrides));
      } catch (caught) {
        error = caught;
      }
      expect(error).toBeInstanceOf(EligibilityInputError);
      expect((error as EligibilityInputError).field).toBe(field);
      expect((error as Error).message).toMatch(message);
    });
  }
});

describe("computeEligibility: change of situation (décret 2020-1717, art. 4)", () => {
  const sixMonths = (certified: number, declared = 0): RecentIncome => ({
    from: "2025-01-01",
    to: "2025-06-30",
    certified,
    certifiedBy: certified > 0 ? "France Travail" : null,
    declared,
  });
  // 2025, one person: full aid up to 12 862 €, 55 % up to 15 203 €, 25 % up to 19 290 €.
  const withRecent = (income: RecentIncome, overrides: Partial<EligibilityInput> = {}) =>
    computeEligibility(base({ referenceTaxIncome: 24_000, recentIncome: income, ...overrides }));

  it("retains twice the six months' income after a 10 % allowance, to the cent", () => {
    expect(retainedFromRecentIncome(sixMonths(5_000))).toEqual({ total: 5_000, retained: 9_000 });
    expect(retainedFromRecentIncome(sixMonths(5_102.4))).toEqual({
      total: 5_102.4,
      retained: 9_184.32,
    });
    expect(retainedFromRecentIncome(sixMonths(0.1, 0.2))).toEqual({ total: 0.3, retained: 0.54 });
  });

  it("the six months end on the request's day and start the day after, six months earlier", () => {
    expect(lastSixMonths("2026-11-26")).toEqual({ from: "2026-05-27", to: "2026-11-26" });
    expect(lastSixMonths("2026-01-15")).toEqual({ from: "2025-07-16", to: "2026-01-15" });
    // 31 August: there is no 31 February, the period starts on 1 March.
    expect(lastSixMonths("2026-08-31")).toEqual({ from: "2026-03-01", to: "2026-08-31" });
    expect(lastSixMonths("2028-08-30")).toEqual({ from: "2028-03-01", to: "2028-08-30" });
    expect(lastSixMonths("2026-12-31")).toEqual({ from: "2026-07-01", to: "2026-12-31" });
  });

  it("the worked example: 24 000 € on the notice, 5 000 € in six months → aide totale", () => {
    expect(computeEligibility(base({ referenceTaxIncome: 24_000 })).outcome).toBe("INELIGIBLE");
    const result = withRecent(sixMonths(5_000));
    expect(result.outcome).toBe("FULL");
    expect(result.resources).toMatchObject({ basis: "RECENT_INCOME", amount: 9_000 });
    expect(result.reasons).toContain(result.resources.calculation);
    const said = result.reasons.join("\n");
    expect(said).toContain("article 4 du décret n° 2020-1717");
    expect(said).toMatch(/\(24\u202f000 €\) n'est pas retenu/);
    expect(said).toContain("du 1er janvier 2025 au 30 juin 2025");
    expect(said).toMatch(/5\u202f000 € certifiés par France Travail/);
    expect(said).toMatch(/9\u202f000 € de ressources retenues/);
    expect(said).toMatch(/Montant retenu de 9\u202f000 €, inférieur ou égal au plafond/);
  });

  it("compares the retained resources with each ceiling, inclusive, at ±1 cent", () => {
    // 7 145,55 € → 12 861,99 € (≤ 12 862); 7 145,56 € → 12 862,01 €.
    expect(withRecent(sixMonths(7_145.55)).outcome).toBe("FULL");
    expect(withRecent(sixMonths(7_145.56)).outcome).toBe("PARTIAL_55");
    // 55 %: 15 203 € ↔ 8 446,11 € (15 202,998 → 15 203,00) and 8 446,12 € (15 203,016).
    expect(withRecent(sixMonths(8_446.11)).outcome).toBe("PARTIAL_55");
    expect(withRecent(sixMonths(8_446.12)).outcome).toBe("PARTIAL_25");
    // 25 %: 19 290 € = 1,8 × 10 716,666…: 10 716,66 € → 19 289,99 €; 10 716,67 € → 19 290,01 €.
    expect(withRecent(sixMonths(10_716.66)).outcome).toBe("PARTIAL_25");
    expect(withRecent(sixMonths(10_716.67)).outcome).toBe("INELIGIBLE");
  });

  it("adds declared income to the certified one, and says which is which", () => {
    const result = withRecent(sixMonths(5_102.4, 1_200));
    expect(result.resources.amount).toBe(11_344.32);
    expect(result.outcome).toBe("FULL");
    expect(result.reasons.join("\n")).toMatch(
      /6\u202f302,40 € \(5\u202f102,40 € certifiés par France Travail, 1\u202f200 € déclarés\)/,
    );
    const declaredOnly = withRecent(sixMonths(0, 3_000));
    expect(declaredOnly.reasons.join("\n")).toMatch(/3\u202f000 € \(3\u202f000 € déclarés\)/);
  });

  it("applies both ways: income that rose is retained too", () => {
    const low = computeEligibility(base({ referenceTaxIncome: 9_000 }));
    expect(low.outcome).toBe("FULL");
    expect(withRecent(sixMonths(12_000), { referenceTaxIncome: 9_000 }).outcome).toBe("INELIGIBLE");
  });

  it("leaves the assets' ceilings and the exemption as they are", () => {
    expect(withRecent(sixMonths(1_000), { movableAssets: 20_000 }).outcome).toBe("INELIGIBLE");
    const victim = withRecent(sixMonths(50_000), { exemption: "SERIOUS_CRIME_VICTIM" });
    expect(victim.outcome).toBe("FULL");
  });

  it("keeps the notice as the basis when no change is declared", () => {
    expect(computeEligibility(base({ referenceTaxIncome: 10_000 })).resources).toEqual({
      basis: "TAX_NOTICE",
      amount: 10_000,
    });
  });

  for (const income of [
    { ...sixMonths(100), certified: -1 },
    { ...sixMonths(100), declared: Number.NaN },
    { ...sixMonths(100), from: "2025-07-01" },
    { ...sixMonths(100), to: "2025-02-30" },
  ]) {
    it(`refuses ${JSON.stringify(income)}`, () => {
      expect(() => withRecent(income)).toThrow(EligibilityInputError);
    });
  }
});

describe("computeEligibility: properties", () => {
  const ORDER = { FULL: 0, PARTIAL_55: 1, PARTIAL_25: 2, INELIGIBLE: 3 };
  const input = fc.record({
    requestDate: fc
      .date({
        min: new Date("2021-01-01T00:00:00Z"),
        max: new Date("2027-12-31T00:00:00Z"),
        noInvalidDate: true,
      })
      .map((d) => d.toISOString().slice(0, 10)),
    referenceTaxIncome: fc.integer({ min: 0, max: 60_000 }),
    householdSize: fc.integer({ min: 1, max: 9 }),
    movableAssets: fc.integer({ min: 0, max: 40_000 }),
    realEstateAssets: fc.integer({ min: 0, max: 120_000 }),
  });

  it("more income never improves the outcome", () => {
    fc.assert(
      fc.property(input, fc.integer({ min: 1, max: 20_000 }), (i, extra) => {
        const before = computeEligibility(i).outcome;
        const after = computeEligibility({
          ...i,
          referenceTaxIncome: i.referenceTaxIncome + extra,
        }).outcome;
        return ORDER[after] >= ORDER[before];
      }),
    );
  });

  it("more income in the last six months never improves the outcome", () => {
    const cents = fc.integer({ min: 0, max: 3_000_000 }).map((c) => c / 100);
    fc.assert(
      fc.property(input, cents, cents, (i, income, extra) => {
        const recent = (certified: number) => ({
          from: "2021-01-01",
          to: "2021-06-30",
          certified,
          declared: 0,
        });
        const before = computeEligibility({ ...i, recentIncome: recent(income) }).outcome;
        const after = computeEligibility({ ...i, recentIncome: recent(income + extra) }).outcome;
        return ORDER[after] >= ORDER[before];
      }),
    );
  });

  it("a larger household never worsens it", () => {
    fc.assert(
      fc.property(input, fc.integer({ min: 1, max: 4 }), (i, more) => {
        const before = computeEligibility(i).outcome;
        const after = computeEligibility({ ...i, householdSize: i.householdSize + more }).outcome;
        return ORDER[after] <= ORDER[before];
      }),
    );
  });

  it("more assets never improve it", () => {
    fc.assert(
      fc.property(input, fc.integer({ min: 1, max: 50_000 }), (i, extra) => {
        const before = computeEligibility(i).outcome;
        const after = computeEligibility({ ...i, movableAssets: i.movableAssets + extra }).outcome;
        return ORDER[after] >= ORDER[before];
      }),
    );
  });
});

describe("householdFromTaxData", () => {
  it("counts two declarants for a married or pacsed couple, plus dependants", () => {
    expect(householdFromTaxData({ sitFam: "M", pac: { nbPac: 2 } })).toBe(4);
    expect(householdFromTaxData({ sitFam: "O", pac: { nbPac: 0 } })).toBe(2);
    expect(householdFromTaxData({ sitFam: "C" })).toBe(1);
    expect(householdFromTaxData({ sitFam: "D", pac: { nbPac: 1 } })).toBe(2);
    expect(householdFromTaxData({ sitFam: "V", pac: null })).toBe(1);
  });
});
