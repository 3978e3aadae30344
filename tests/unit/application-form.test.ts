import { describe, expect, it } from "vitest";
import { parseStep, valuesFromApplication } from "~/forms/application";
import { trimmed } from "~/forms/fields";

const court = "3f0b7c4e-2b8a-4d1e-9c3a-1a2b3c4d5e6f";
const procedure = {
  caseKind: "CIVIL",
  caseSubkind: "Logement",
  courtId: court,
  applicantRole: "Défendeur",
  procedureStage: "Avant toute procédure",
  adverseParty: "",
  description: "Mon propriétaire me réclame des loyers payés.",
  lawyer: "designation",
  lawyerName: "",
  lawyerBar: "",
  urgent: "non",
};

describe("application form", () => {
  it("identité: e-mail required, French phone numbers, optional fields left empty", () => {
    expect(
      parseStep("identite", {
        contactEmail: " angela@example.fr ",
        contactPhone: "06 12 34 56 78",
        correspondenceAddress: "",
      }),
    ).toEqual({
      ok: true,
      values: {
        contactEmail: "angela@example.fr",
        contactPhone: "0612345678",
        correspondenceAddress: undefined,
        // For oneself unless told (the first choice, checked).
        representation: "SELF",
      },
    });
    expect(parseStep("identite", { contactEmail: "+33 6 12 34 56 78" })).toMatchObject({
      ok: false,
      errors: {
        contactEmail: "Indiquez une adresse électronique valide, par exemple nom@exemple.fr.",
      },
    });
    expect(parseStep("identite", { contactEmail: "a@b.fr", contactPhone: "12" })).toMatchObject({
      ok: false,
      errors: {
        contactPhone: "Indiquez un numéro de téléphone français, par exemple 06 12 34 56 78.",
      },
    });
  });

  it("ressources: amounts in whole euros and both questions answered", () => {
    expect(
      parseStep("ressources", {
        declaredMovableAssets: "1 500,40",
        declaredRealEstateAssets: "0",
        seriousCrimeVictim: "non",
        legalExpensesInsurance: "oui",
      }),
    ).toEqual({
      ok: true,
      values: {
        declaredMovableAssets: 1_500,
        declaredRealEstateAssets: 0,
        seriousCrimeVictim: "non",
        legalExpensesInsurance: "oui",
        representation: "SELF",
      },
    });
    const result = parseStep("ressources", { declaredMovableAssets: "" });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(Object.keys(result.errors).sort()).toEqual([
        "declaredMovableAssets",
        "declaredRealEstateAssets",
        "legalExpensesInsurance",
        "seriousCrimeVictim",
      ]);
    }
  });

  it("procédure: lists consistent with the kind of case, lawyer's details when one is chosen", () => {
    expect(parseStep("procedure", procedure).ok).toBe(true);
    expect(parseStep("procedure", { ...procedure, caseSubkind: "Violences" })).toMatchObject({
      ok: false,
      errors: { caseSubkind: "Choisissez un type d'affaire dans la liste." },
    });
    expect(parseStep("procedure", { ...procedure, applicantRole: "Prévenu" })).toMatchObject({
      ok: false,
      errors: {
        applicantRole: "Choisissez un rôle qui correspond au type d'affaire : civile ou pénale.",
      },
    });
    expect(parseStep("procedure", { ...procedure, lawyer: "choisi" })).toMatchObject({
      ok: false,
      errors: {
        lawyerName: "Indiquez le nom de votre avocat.",
        lawyerBar: "Indiquez le barreau de votre avocat.",
      },
    });
    expect(parseStep("procedure", { ...procedure, description: "court" })).toMatchObject({
      ok: false,
      errors: { description: expect.stringContaining("10 caractères au moins") },
    });
    expect(parseStep("procedure", { ...procedure, courtId: "Paris" })).toMatchObject({
      ok: false,
      errors: { courtId: "Choisissez le tribunal dans la liste." },
    });
  });

  it("récapitulatif: the attestation and the consent are required", () => {
    expect(parseStep("recapitulatif", { attestation: "oui", electronicExchanges: "oui" }).ok).toBe(
      true,
    );
    expect(parseStep("recapitulatif", {})).toEqual({
      ok: false,
      errors: {
        attestation: "Cochez la case « Je certifie sur l'honneur… » pour déposer votre demande.",
        electronicExchanges:
          "Cochez la case « J'accepte que le bureau m'écrive… » pour déposer votre demande en ligne.",
      },
    });
  });

  it("ressources: a change of income asks for the other income of the six months", () => {
    const answered = {
      declaredMovableAssets: "0",
      declaredRealEstateAssets: "0",
      seriousCrimeVictim: "non",
      legalExpensesInsurance: "non",
    };
    expect(parseStep("ressources", answered).ok).toBe(true);
    // As the stored draft gives them back when the income has not changed.
    expect(
      parseStep("ressources", { ...answered, incomeChanged: "", declaredRecentIncome: "" }).ok,
    ).toBe(true);
    expect(parseStep("ressources", { ...answered, incomeChanged: "oui" })).toEqual({
      ok: false,
      errors: {
        declaredRecentIncome:
          "Indiquez vos autres revenus des six derniers mois, en euros (0 si vous n'en avez pas eu).",
      },
    });
    expect(
      parseStep("ressources", { ...answered, incomeChanged: "oui", declaredRecentIncome: "1 200" }),
    ).toMatchObject({ ok: true, values: { incomeChanged: "oui", declaredRecentIncome: 1200 } });
    expect(
      parseStep("ressources", { ...answered, incomeChanged: "oui", declaredRecentIncome: "-3" }).ok,
    ).toBe(false);
  });

  it("round-trips what is stored into the form's values", () => {
    const values = valuesFromApplication({
      representation: null,
      representativeCapacity: null,
      beneficiaryGivenName: null,
      beneficiaryFamilyName: null,
      beneficiaryBirthdate: null,
      separateResources: null,
      declaredReferenceTaxIncome: null,
      declaredHouseholdSize: null,
      contactEmail: "a@b.fr",
      contactPhone: null,
      correspondenceAddress: null,
      declaredMovableAssets: 1500,
      declaredRealEstateAssets: 0,
      seriousCrimeVictim: false,
      legalExpensesInsurance: null,
      incomeChanged: true,
      declaredRecentIncome: 0,
      caseKind: "CIVIL",
      caseSubkind: "Logement",
      courtId: court,
      applicantRole: "Défendeur",
      procedureStage: "Avant toute procédure",
      adverseParty: null,
      description: "Mon propriétaire me réclame des loyers payés.",
      lawyerDesignationRequested: true,
      lawyerName: null,
      lawyerBar: null,
      urgent: false,
    });
    expect(values).toMatchObject({
      declaredMovableAssets: "1500",
      seriousCrimeVictim: "non",
      legalExpensesInsurance: "",
      incomeChanged: "oui",
      declaredRecentIncome: "0",
      lawyer: "designation",
      urgent: "non",
    });
    expect(parseStep("procedure", values).ok).toBe(true);
    expect(parseStep("ressources", values).ok).toBe(false);
  });
});

describe("typed text", () => {
  it("is stored composed: an accent typed apart from its letter joins it", () => {
    // « André » pasted from a PDF: « e » then the combining acute accent.
    const pasted = "  Andre\u0301 ";
    expect(pasted.trim()).toHaveLength(6);
    expect(trimmed(pasted)).toBe("André");
    expect(trimmed(pasted)).toHaveLength(5);
    const parsed = parseStep("procedure", { ...procedure, adverseParty: pasted });
    expect(parsed.ok && parsed.values.adverseParty).toBe("André");
  });
});
