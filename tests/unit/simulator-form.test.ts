import { describe, expect, it } from "vitest";
import { parseSimulator } from "~/forms/simulator";

const valid = {
  referenceTaxIncome: "14 100",
  householdSize: "2",
  movableAssets: "1 500,50",
  realEstateAssets: "0",
};

describe("simulator form", () => {
  it("reads amounts as French people type them, in whole euros", () => {
    expect(parseSimulator({ ...valid, seriousCrimeVictim: "oui" })).toEqual({
      ok: true,
      values: {
        referenceTaxIncome: 14_100,
        householdSize: 2,
        movableAssets: 1_501, // whole euros
        realEstateAssets: 0,
        seriousCrimeVictim: true,
      },
    });
    expect(parseSimulator({ ...valid, referenceTaxIncome: "12\u202f862 €" })).toMatchObject({
      ok: true,
      values: { referenceTaxIncome: 12_862, seriousCrimeVictim: false },
    });
  });

  it("explains each mistake in French, per field", () => {
    const result = parseSimulator({
      referenceTaxIncome: "",
      householdSize: "0",
      movableAssets: "-3",
      realEstateAssets: "beaucoup",
    });
    expect(result).toEqual({
      ok: false,
      errors: {
        referenceTaxIncome:
          "Indiquez le revenu fiscal de référence, en euros (0 si vous n'en avez pas).",
        householdSize: "Le foyer compte au moins une personne : vous.",
        movableAssets: "Le patrimoine mobilier doit être un montant en euros, par exemple 12 500.",
        realEstateAssets:
          "Le patrimoine immobilier doit être un montant en euros, par exemple 12 500.",
      },
    });
    expect(parseSimulator({ ...valid, householdSize: "2.5" })).toMatchObject({
      ok: false,
      errors: { householdSize: "Le nombre de personnes doit être un nombre entier." },
    });
  });
});
