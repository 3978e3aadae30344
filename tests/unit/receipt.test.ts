import { PDFDocument } from "pdf-lib";
import { describe, expect, it } from "vitest";
import { renderDecision, renderReceipt } from "~/server/receipt.server";

describe("récépissé de dépôt", () => {
  it("is a one-page A4 PDF titled with the reference, French text included", async () => {
    const bytes = await renderReceipt({
      reference: "AJ-2026-000042",
      submittedAt: new Date("2026-11-24T10:00:00Z"),
      applicant: "Angela Claire Louise DUBOIS",
      court: "Tribunal judiciaire de Paris",
      baj: "Bureau d'aide juridictionnelle du tribunal judiciaire de Paris",
      caseSummary: "civile, Logement",
      estimate: "aide juridictionnelle totale (100 %) — plafond de 12\u202f862 €",
    });
    expect(new TextDecoder().decode(bytes.slice(0, 5))).toBe("%PDF-");
    const pdf = await PDFDocument.load(bytes);
    expect(pdf.getPageCount()).toBe(1);
    expect(pdf.getTitle()).toBe("Récépissé de dépôt AJ-2026-000042");
    expect(pdf.getPage(0).getSize()).toEqual({ width: 595.28, height: 841.89 });
  });

  it("renders the decision of the BAJ", async () => {
    const bytes = await renderDecision({
      reference: "AJ-2026-000042",
      decidedAt: new Date("2026-12-01T10:00:00Z"),
      applicant: "Angela Claire Louise DUBOIS",
      baj: "Bureau d'aide juridictionnelle du tribunal judiciaire de Paris",
      decision:
        "l'aide juridictionnelle totale vous est accordée : l'État prend en charge 100 % des frais",
      reason: null,
    });
    const pdf = await PDFDocument.load(bytes);
    expect(pdf.getTitle()).toBe("Décision AJ-2026-000042");
    expect(pdf.getAuthor()).toBe("Bureau d'aide juridictionnelle du tribunal judiciaire de Paris");
  });
});
