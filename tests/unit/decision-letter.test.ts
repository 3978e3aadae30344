import { PDFDocument } from "pdf-lib";
import { describe, expect, it } from "vitest";
import { euros } from "~/domain/french";
import {
  type DecisionLetterRow,
  decisionLetterDocument,
  decisionLetterLines,
  letterFromApplication,
} from "~/server/decision-letter.server";
import { renderPdf } from "~/server/documents.server";
import { expectPageSaysAllThePdfSays } from "../helpers/document-page";

const BAJ = "Bureau d'aide juridictionnelle du tribunal judiciaire de Bordeaux";

/** A decided application as the database gives it (court, citizen, taxRecord, decidedBy). */
function row(overrides: Partial<DecisionLetterRow> = {}): DecisionLetterRow {
  return {
    reference: "AJ-2026-000042",
    status: "GRANTED",
    correspondenceAddress: "12 RUE DES LILAS 33000 BORDEAUX",
    caseKind: "CIVIL",
    caseSubkind: "Logement",
    applicantRole: "Défendeur",
    declaredMovableAssets: 1_500,
    declaredRealEstateAssets: 0,
    eligibilityScaleYear: 2026,
    eligibilitySnapshot: { outcome: "PARTIAL_55", stateShare: 55, scaleYear: 2026, reasons: [] },
    decisionOutcome: "PARTIAL_55",
    decisionStateShare: 55,
    decisionMotif: null,
    decisionReason: "Revenu fiscal de référence entre les plafonds de l'aide totale et partielle.",
    decidedAt: new Date("2026-12-01T10:00:00Z"),
    court: { name: "Tribunal judiciaire de Bordeaux", city: "Bordeaux", bajName: BAJ },
    citizen: { givenName: "Inès Étienne", familyName: "LEFÈVRE" },
    taxRecord: {
      incomeYear: 2025,
      correlationId: "5f0b6f3e-1111-4c2a-9d7e-0a1b2c3d4e5f",
      fetchedAt: new Date("2026-11-20T09:30:00Z"),
      httpStatus: 200,
      payload: {
        rfr: 14_210,
        nbPart: 2.5,
        sitFam: "M",
        pac: { nbPac: 1 },
        aft: "12 RUE DES LILAS",
      },
    },
    decidedByName: "Claire Martin",
    decidedByRole: "VICE_PRESIDENT",
    ...overrides,
  };
}

const rejected = () =>
  row({
    status: "REJECTED",
    decisionOutcome: "INELIGIBLE",
    decisionStateShare: 0,
    decisionMotif: "ASSETS",
    decisionReason: "Épargne de 48 000 € déclarée.",
    declaredMovableAssets: 48_000,
    decidedByName: "Paul Durand",
    decidedByRole: "PRESIDENT",
  });

describe("letterFromApplication", () => {
  it("gives a partial grant at 55 %, signed by the vice-président by delegation", () => {
    expect(letterFromApplication(row())).toEqual({
      status: "GRANTED",
      reference: "AJ-2026-000042",
      court: "Tribunal judiciaire de Bordeaux",
      city: "Bordeaux",
      baj: BAJ,
      applicant: {
        fullName: "Inès Étienne LEFÈVRE",
        address: "12 RUE DES LILAS 33000 BORDEAUX",
        representation: null,
      },
      procedure: { kind: "CIVIL", subkind: "Logement", role: "Défendeur" },
      resources: {
        declared: null,
        certified: {
          incomeYear: 2025,
          correlationId: "5f0b6f3e-1111-4c2a-9d7e-0a1b2c3d4e5f",
          fetchedAt: new Date("2026-11-20T09:30:00Z"),
          situation: {
            referenceTaxIncome: 14_210,
            parts: 2.5,
            familySituation: "Marié(e)",
            dependants: 1,
          },
        },
        householdSize: 3,
        declaredMovableAssets: 1_500,
        declaredRealEstateAssets: 0,
        recentIncome: null,
      },
      scaleYear: 2026,
      outcome: "PARTIAL_55",
      outcomeLabel: "Aide juridictionnelle partielle (55 %)",
      stateShare: 55,
      sentence:
        "l'aide juridictionnelle partielle vous est accordée. L'État paie 55 % de vos frais de justice",
      motif: null,
      reason: "Revenu fiscal de référence entre les plafonds de l'aide totale et partielle.",
      decidedAt: new Date("2026-12-01T10:00:00Z"),
      signatory: {
        fullName: "Claire Martin",
        quality:
          "Vice-président(e) du bureau d'aide juridictionnelle, directeur de greffe, par délégation",
      },
    });
  });

  it("gives a rejection for assets, with its motif, signed by the président", () => {
    expect(letterFromApplication(rejected())).toMatchObject({
      status: "REJECTED",
      outcome: "INELIGIBLE",
      outcomeLabel: "Aide juridictionnelle refusée",
      stateShare: 0,
      sentence: "l'aide juridictionnelle ne vous est pas accordée",
      motif: {
        code: "ASSETS",
        label: "Patrimoine (épargne ou biens immobiliers) supérieur aux plafonds",
      },
      reason: "Épargne de 48 000 € déclarée.",
      resources: { declaredMovableAssets: 48_000 },
      signatory: {
        fullName: "Paul Durand",
        quality: "Président(e) du bureau d'aide juridictionnelle",
      },
    });
  });

  it("is null for an application without a decision", () => {
    for (const status of ["SUBMITTED", "IN_REVIEW", "DECISION_PROPOSED", "LAPSED", "WITHDRAWN"]) {
      expect(letterFromApplication(row({ status }))).toBeNull();
    }
    expect(letterFromApplication(row({ decidedAt: null }))).toBeNull();
    expect(letterFromApplication(row({ reference: null }))).toBeNull();
  });

  it("says when the DGFiP gave no income, and works without a court or a signatory", () => {
    const noRecord = letterFromApplication(
      row({
        taxRecord: {
          incomeYear: 2025,
          correlationId: "abc",
          fetchedAt: new Date("2026-11-20T09:30:00Z"),
          httpStatus: 404,
          payload: "Not found",
        },
        court: null,
        decidedByName: null,
        decidedByRole: null,
        eligibilityScaleYear: null,
        eligibilitySnapshot: null,
      }),
    );
    expect(noRecord).toMatchObject({
      resources: { certified: { incomeYear: 2025, situation: null }, householdSize: null },
      baj: "Bureau d'aide juridictionnelle",
      scaleYear: null,
      signatory: null,
    });
    const lines = decisionLetterLines(noRecord as NonNullable<typeof noRecord>).join("\n");
    expect(lines).toContain("la DGFiP n'a transmis aucun avis d'imposition sur les revenus 2025");
    expect(lines).toContain("Pour le bureau d'aide juridictionnelle");

    const none = letterFromApplication(row({ taxRecord: null }));
    expect(decisionLetterLines(none as NonNullable<typeof none>)).toContain(
      "Revenu fiscal de référence : non transmis par la DGFiP.",
    );
  });
});

describe("decisionLetterLines", () => {
  const granted = letterFromApplication(row());
  const refused = letterFromApplication(rejected());
  if (!granted || !refused) throw new Error("letters expected");

  it("states the header, the applicant, the resources retained and their sources", () => {
    const lines = decisionLetterLines(granted);
    expect(lines.slice(0, 6)).toEqual([
      "RÉPUBLIQUE FRANÇAISE",
      "Ministère de la Justice",
      "Tribunal judiciaire de Bordeaux",
      BAJ,
      "Décision d'aide juridictionnelle",
      "Référence : AJ-2026-000042",
    ]);
    const text = lines.join("\n");
    expect(text).toContain("Inès Étienne LEFÈVRE");
    expect(text).toContain("Adresse : 12 RUE DES LILAS 33000 BORDEAUX");
    expect(text).toContain("Procédure : civile, Logement");
    expect(text).toContain("En qualité de : Défendeur");
    expect(text).toContain("Ressources retenues");
    expect(lines).toContain(`Revenu fiscal de référence 2025 : ${euros(14_210)}`);
    expect(text).toContain("Données certifiées par la DGFiP, transmises le 20 novembre 2026");
    expect(text).toContain("5f0b6f3e-1111-4c2a-9d7e-0a1b2c3d4e5f");
    expect(text).toContain(
      "Foyer fiscal : 2,5 parts ; situation de famille : Marié(e) ; personnes à charge : 1.",
    );
    expect(text).toContain("Personnes du foyer retenues pour le barème : 3.");
    expect(text).toContain(
      `Patrimoine mobilier (épargne), déclaré par le demandeur : ${euros(1_500)}.`,
    );
    expect(text).toContain(
      `Patrimoine immobilier hors résidence principale, déclaré par le demandeur : ${euros(0)}.`,
    );
    expect(text).toContain("Barème appliqué : 2026");
  });

  it("states the six months' income retained instead of the revenu fiscal de référence", () => {
    const calculation =
      "Revenus changés depuis l'avis d'imposition (article 4 du décret n° 2020-1717) : …";
    const letter = letterFromApplication(
      row({
        eligibilitySnapshot: {
          outcome: "FULL",
          stateShare: 100,
          scaleYear: 2026,
          resources: { basis: "RECENT_INCOME", amount: 9_184.32, calculation },
          reasons: ["Barème 2026 appliqué…", calculation],
        },
      }),
    );
    expect(letter?.resources.recentIncome).toEqual({ retained: 9_184.32, calculation });
    const text = decisionLetterLines(letter as NonNullable<typeof letter>).join("\n");
    expect(text).toMatch(
      /Ressources retenues à la place du revenu fiscal de référence, vos revenus ayant changé \(décret n° 2020-1717, art\. 4\) : 9\u202f184,32 €/,
    );
    expect(text).toContain(calculation);
    expect(decisionLetterLines(granted).join("\n")).not.toContain("art. 4)");
  });

  it("names the representative and the protected adult, and the declared resources retained", () => {
    const letter = letterFromApplication(
      row({
        representation: "PROTECTED_ADULT",
        representativeCapacity: "CURATOR",
        beneficiaryGivenName: "Paul",
        beneficiaryFamilyName: "LEFÈVRE",
        declaredReferenceTaxIncome: 11_200,
        declaredHouseholdSize: 1,
        taxRecord: null,
        eligibilitySnapshot: {
          outcome: "FULL",
          stateShare: 100,
          scaleYear: 2026,
          resources: { basis: "TAX_NOTICE", amount: 11_200, declared: true },
          reasons: [],
        },
      }),
    );
    const text = decisionLetterLines(letter as NonNullable<typeof letter>).join("\n");
    expect(text).toContain(
      "Demande présentée pour Paul LEFÈVRE (majeur protégé) par Inès Étienne LEFÈVRE, en qualité de curateur ou curatrice.",
    );
    expect(text).toContain(
      `Revenus de la personne concernée, déclarés par son représentant : ${euros(11_200)}`,
    );
    expect(text).toContain("Personnes du foyer retenues pour le barème : 1.");
    expect(text).not.toContain("non transmis par la DGFiP.");
  });

  it("states the decision, the State's share, the date and the signatory", () => {
    const lines = decisionLetterLines(granted);
    expect(lines).toContain(
      "L'aide juridictionnelle partielle vous est accordée. L'État paie 55 % de vos frais de justice.",
    );
    expect(lines.join("\n")).toContain("Part des frais prise en charge par l'État : 55 %.");
    expect(lines).toContain(
      "Motivation : Revenu fiscal de référence entre les plafonds de l'aide totale et partielle.",
    );
    expect(lines.some((line) => line.startsWith("Motif :"))).toBe(false);
    const date = lines.indexOf("Fait à Bordeaux, le 1er décembre 2026.");
    expect(date).toBeGreaterThan(0);
    expect(lines.slice(date + 1, date + 3)).toEqual([
      "Claire Martin",
      "Vice-président(e) du bureau d'aide juridictionnelle, directeur de greffe, par délégation",
    ]);
  });

  it("states the notification in the personal space and the voies de recours", () => {
    const drawn = decisionLetterLines(granted).join("\n");
    // Legal references are kept on one line by no-break spaces.
    expect(drawn).toContain("Loi n°\u00a091-647 du 10 juillet 1991, art.\u00a023");
    const text = drawn.replace(/\u00a0/g, " ");
    expect(text).toContain("vaut notification (décret n° 2020-1717 du 28 décembre 2020, art. 38)");
    expect(text).toContain("Notification et voies de recours");
    expect(text).toContain(
      "Vous pouvez contester cette décision dans un délai de quinze jours à compter de sa notification, par simple déclaration ou par lettre recommandée avec demande d'avis de réception adressée au bureau d'aide juridictionnelle qui l'a rendue (Bureau d'aide juridictionnelle du tribunal judiciaire de Bordeaux).",
    );
    expect(text).toContain(
      "Le recours est examiné par le premier président de la cour d'appel, dont la décision n'est pas susceptible de recours.",
    );
    expect(text).toContain(
      "(Loi n° 91-647 du 10 juillet 1991, art. 23 ; décret n° 2020-1717 du 28 décembre 2020, art. 69 à 72.)",
    );
    // Recourse comes after the decision and its signature.
    const lines = decisionLetterLines(granted);
    expect(lines.indexOf("Notification et voies de recours")).toBeGreaterThan(
      lines.indexOf("Claire Martin"),
    );
  });

  it("states a rejection with its motif, signed by the président", () => {
    const lines = decisionLetterLines(refused);
    expect(lines).toContain("L'aide juridictionnelle ne vous est pas accordée.");
    expect(lines.join("\n")).toContain("Part des frais prise en charge par l'État : 0 %.");
    expect(lines).toContain(
      "Motif : Patrimoine (épargne ou biens immobiliers) supérieur aux plafonds.",
    );
    expect(lines).toContain("Motivation : Épargne de 48 000 € déclarée.");
    expect(lines).toContain(
      `Patrimoine mobilier (épargne), déclaré par le demandeur : ${euros(48_000)}.`,
    );
    expect(lines).toContain("Paul Durand");
    expect(lines).toContain("Président(e) du bureau d'aide juridictionnelle");
  });
});

describe("the decision letter as a PDF", () => {
  it("is an A4 PDF titled with the reference, accents and narrow no-break spaces included", async () => {
    const letter = letterFromApplication(row());
    if (!letter) throw new Error("letter expected");
    expect(euros(14_210)).toContain("\u202f");
    const bytes = await renderPdf(decisionLetterDocument(letter));
    expect(new TextDecoder().decode(bytes.slice(0, 5))).toBe("%PDF-");
    const pdf = await PDFDocument.load(bytes);
    expect(pdf.getPageCount()).toBeGreaterThanOrEqual(1);
    expect(pdf.getTitle()).toBe("Décision d'aide juridictionnelle AJ-2026-000042");
    expect(pdf.getAuthor()).toBe(BAJ);
    expect(pdf.getPage(0).getSize()).toEqual({ width: 595.28, height: 841.89 });
  });

  it("draws a long motivation over several pages, whatever its characters", async () => {
    const letter = letterFromApplication(rejected()) as NonNullable<
      ReturnType<typeof letterFromApplication>
    >;
    const reason = `${"Le demandeur, M. Łukasz Dvořák, déclare une épargne de 48\u202f000\u00a0€ ; ".repeat(60)}\nFin ✓`;
    const bytes = await renderPdf(decisionLetterDocument({ ...letter, reason }));
    const pdf = await PDFDocument.load(bytes);
    expect(pdf.getPageCount()).toBeGreaterThan(1);
  });

  it("has a web page that says all the PDF says, structured, the signature on the right (RGAA 13.3)", () => {
    for (const decided of [row(), rejected()]) {
      const letter = letterFromApplication(decided) as NonNullable<
        ReturnType<typeof letterFromApplication>
      >;
      const html = expectPageSaysAllThePdfSays(decisionLetterDocument(letter));
      expect(html).toMatch(
        new RegExp(
          `fr-col-offset-md-6"><p[^>]*>Fait à Bordeaux, le [^<]+</p><p[^>]*><strong>${letter.signatory?.fullName}`,
        ),
      );
    }
  });

  it("says the voies de recours in plain words too, with the day the 15 days start", () => {
    const letter = letterFromApplication(row()) as NonNullable<
      ReturnType<typeof letterFromApplication>
    >;
    const lines = decisionLetterLines(letter);
    expect(lines).toContain(
      "En clair : vous avez 15 jours pour contester cette décision. Elle a été mise dans votre espace le 1er décembre 2026. Allez le dire au bureau d'aide juridictionnelle, ou envoyez-lui une lettre recommandée avec accusé de réception, en expliquant pourquoi vous n'êtes pas d'accord. Un juge de la cour d'appel (le premier président) réexaminera votre demande ; sa décision sera définitive.",
    );
    expect(lines.at(-1)).toBe(
      "Pour toute question, contactez le bureau : ses coordonnées sont sur la page « Aide et contact » du service en ligne. Rappelez la référence AJ-2026-000042.",
    );
  });
});
