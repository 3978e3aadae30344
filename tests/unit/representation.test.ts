import { describe, expect, it } from "vitest";
import {
  ageOn,
  representationSentence,
  resourcesSource,
} from "~/domain/application/representation";
import { computeEligibility } from "~/domain/eligibility";
import { todayInFrance } from "~/domain/french";
import { parseStep } from "~/forms/application";

const yearsAgo = (years: number, days = 0) => {
  // Never a 29 February, which another year may not have.
  const today = todayInFrance().replace(/-02-29$/, "-02-28");
  const date = new Date(`${Number(today.slice(0, 4)) - years}${today.slice(4)}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
};

describe("whose resources count", () => {
  it("the representative's tax notice for oneself and for a minor of the foyer; declared otherwise", () => {
    expect(resourcesSource({ representation: null, separateResources: null })).toBe(
      "REPRESENTATIVE_TAX_NOTICE",
    );
    expect(resourcesSource({ representation: "SELF", separateResources: true })).toBe(
      "REPRESENTATIVE_TAX_NOTICE",
    );
    expect(resourcesSource({ representation: "MINOR_CHILD", separateResources: false })).toBe(
      "REPRESENTATIVE_TAX_NOTICE",
    );
    expect(resourcesSource({ representation: "MINOR_CHILD", separateResources: true })).toBe(
      "DECLARED",
    );
    expect(resourcesSource({ representation: "PROTECTED_ADULT", separateResources: null })).toBe(
      "DECLARED",
    );
  });

  it("counts whole years, the birthday included", () => {
    expect(ageOn("2008-11-26", "2026-11-25")).toBe(17);
    expect(ageOn("2008-11-26", "2026-11-26")).toBe(18);
    expect(ageOn("2008-02-29", "2026-02-28")).toBe(17);
    expect(ageOn("2008-02-29", "2026-03-01")).toBe(18);
  });

  it("says who applies for whom, in what capacity; nothing for oneself", () => {
    const base = {
      representativeCapacity: "PARENT" as const,
      beneficiaryGivenName: "Léa",
      beneficiaryFamilyName: "MARTIN",
      representativeName: "Anne MARTIN",
    };
    expect(representationSentence({ ...base, representation: "MINOR_CHILD" })).toBe(
      "Demande présentée pour Léa MARTIN (personne mineure) par Anne MARTIN, en qualité de parent exerçant l'autorité parentale.",
    );
    expect(representationSentence({ ...base, representation: "SELF" })).toBeNull();
    expect(representationSentence({ ...base, representation: null })).toBeNull();
  });
});

describe("the identity step, for someone else", () => {
  const contact = { contactEmail: "anne@example.fr" };
  const child = {
    ...contact,
    representation: "MINOR_CHILD",
    representativeCapacity: "PARENT",
    beneficiaryGivenName: "Léa",
    beneficiaryFamilyName: "MARTIN",
    beneficiaryBirthdate: yearsAgo(9),
  };

  it("accepts a minor with their parent, and asks for everything that is missing", () => {
    expect(parseStep("identite", child)).toMatchObject({
      ok: true,
      values: { representation: "MINOR_CHILD", beneficiaryBirthdate: child.beneficiaryBirthdate },
    });
    const result = parseStep("identite", { ...contact, representation: "MINOR_CHILD" });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.errors).toEqual({
        representativeCapacity: "Indiquez si vous êtes le parent ou le tuteur de l'enfant.",
        beneficiaryGivenName: "Indiquez les prénoms de l'enfant.",
        beneficiaryFamilyName: "Indiquez le nom de l'enfant.",
        beneficiaryBirthdate: "Indiquez la date de naissance de l'enfant, par exemple 14/03/2012.",
      });
    }
  });

  it("checks the age against the choice, and the capacity against the kind of representation", () => {
    const adult = parseStep("identite", { ...child, beneficiaryBirthdate: yearsAgo(18) });
    expect(adult.ok || adult.errors.beneficiaryBirthdate).toMatch(/18 ans ou plus/);
    expect(parseStep("identite", { ...child, beneficiaryBirthdate: yearsAgo(18, 1) }).ok).toBe(
      true,
    );
    const protectedMinor = parseStep("identite", {
      ...child,
      representation: "PROTECTED_ADULT",
      representativeCapacity: "CURATOR",
    });
    expect(protectedMinor.ok || protectedMinor.errors.beneficiaryBirthdate).toMatch(
      /moins de 18 ans/,
    );
    const parentOfAdult = parseStep("identite", {
      ...child,
      representation: "PROTECTED_ADULT",
      beneficiaryBirthdate: yearsAgo(40),
    });
    expect(parentOfAdult.ok || parentOfAdult.errors.representativeCapacity).toMatch(/curateur/);
    const future = parseStep("identite", { ...child, beneficiaryBirthdate: yearsAgo(-1) });
    expect(future.ok || future.errors.beneficiaryBirthdate).toMatch(/dans le futur/);
    // Typed the French way, where the browser has no date picker.
    expect(parseStep("identite", { ...child, beneficiaryBirthdate: "21/06/2014" })).toMatchObject({
      ok: true,
      values: { beneficiaryBirthdate: "2014-06-21" },
    });
    const garbage = parseStep("identite", { ...child, beneficiaryBirthdate: "2015-02-31" });
    expect(garbage.ok || garbage.errors.beneficiaryBirthdate).toMatch(/date de naissance/);
    expect(parseStep("identite", { ...child, representation: "SOMEONE" }).ok).toBe(false);
  });
});

describe("the resources step, for someone else", () => {
  const answered = {
    declaredMovableAssets: "0",
    declaredRealEstateAssets: "0",
    seriousCrimeVictim: "non",
    legalExpensesInsurance: "non",
  };

  it("asks a protected adult's own resources, and a minor's only when assessed apart", () => {
    const missing = parseStep("ressources", { ...answered, representation: "PROTECTED_ADULT" });
    expect(missing.ok).toBe(false);
    if (!missing.ok) {
      expect(Object.keys(missing.errors).sort()).toEqual([
        "declaredHouseholdSize",
        "declaredReferenceTaxIncome",
      ]);
    }
    expect(
      parseStep("ressources", {
        ...answered,
        representation: "PROTECTED_ADULT",
        declaredReferenceTaxIncome: "11 200",
        declaredHouseholdSize: "1",
      }),
    ).toMatchObject({
      ok: true,
      values: { declaredReferenceTaxIncome: 11_200, declaredHouseholdSize: 1 },
    });
    expect(parseStep("ressources", { ...answered, representation: "MINOR_CHILD" }).ok).toBe(true);
    expect(
      parseStep("ressources", {
        ...answered,
        representation: "MINOR_CHILD",
        separateResources: "oui",
      }).ok,
    ).toBe(false);
    // Every mistake at once, the fields another answer requires included.
    const blank = parseStep("ressources", { representation: "PROTECTED_ADULT" });
    expect(blank.ok || Object.keys(blank.errors).sort()).toEqual([
      "declaredHouseholdSize",
      "declaredMovableAssets",
      "declaredRealEstateAssets",
      "declaredReferenceTaxIncome",
      "legalExpensesInsurance",
      "seriousCrimeVictim",
    ]);
    const zero = parseStep("ressources", {
      ...answered,
      representation: "PROTECTED_ADULT",
      declaredReferenceTaxIncome: "0",
      declaredHouseholdSize: "0",
    });
    expect(zero.ok || zero.errors.declaredHouseholdSize).toBe(
      "Le foyer compte au moins une personne.",
    );
  });

  it("the estimate says when the revenu fiscal de référence is declared", () => {
    const result = computeEligibility({
      requestDate: "2026-11-26",
      referenceTaxIncome: 11_200,
      householdSize: 1,
      movableAssets: 0,
      realEstateAssets: 0,
      declaredResources: true,
    });
    expect(result.resources).toEqual({ basis: "TAX_NOTICE", amount: 11_200, declared: true });
    expect(result.reasons.join("\n")).toMatch(
      /Revenu fiscal de référence déclaré \(à vérifier par le bureau\) de 11\u202f200 €/,
    );
  });
});
