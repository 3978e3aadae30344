import { PDFDocument, StandardFonts } from "pdf-lib";
import { describe, expect, it } from "vitest";
import { a4Writer, pdfText, renderPdf, wrap } from "~/server/documents.server";
import { receiptDocument } from "~/server/receipt.server";
import { expectPageSaysAllThePdfSays } from "../helpers/document-page";

describe("récépissé de dépôt", () => {
  it("is a one-page A4 PDF titled with the reference, French text included", async () => {
    const bytes = await renderPdf(
      receiptDocument({
        reference: "AJ-2026-000042",
        submittedAt: new Date("2026-11-24T10:00:00Z"),
        applicant: "Angela Claire Louise DUBOIS",
        court: "Tribunal judiciaire de Paris",
        baj: "Bureau d'aide juridictionnelle du tribunal judiciaire de Paris",
        caseSummary: "civile, Logement",
        estimate: "aide juridictionnelle totale (100 %) — plafond de 12\u202f862 €",
      }),
    );
    expect(new TextDecoder().decode(bytes.slice(0, 5))).toBe("%PDF-");
    const pdf = await PDFDocument.load(bytes);
    expect(pdf.getPageCount()).toBe(1);
    expect(pdf.getTitle()).toBe("Récépissé de dépôt AJ-2026-000042");
    expect(pdf.getPage(0).getSize()).toEqual({ width: 595.28, height: 841.89 });
  });

  it("has a web page that says all the PDF says, structured (RGAA 13.3)", () => {
    const document = receiptDocument({
      reference: "AJ-2026-000043",
      submittedAt: new Date("2026-11-24T10:00:00Z"),
      applicant: "Nicolas DURAND",
      representation: "Pour Léa DURAND, son enfant mineur, en qualité de parent.",
      resourcesDeclared: false,
      court: null,
      baj: null,
      caseSummary: "civile, Famille",
      estimate: null,
    });
    expect(document.filename).toBe("recepisse-AJ-2026-000043.pdf");
    const html = expectPageSaysAllThePdfSays(document);
    expect(html).toContain("<h1");
    expect(html).toContain("Pour Léa DURAND");
    expect(html).toContain("Tribunal : à préciser");
  });
});

describe("text in standard PDF fonts", () => {
  it("keeps French, turns no-break spaces into spaces and never throws on other characters", async () => {
    const font = await (await PDFDocument.create()).embedFont(StandardFonts.Helvetica);
    expect(pdfText("Inès Lefèvre, Étienne, cœur, « oui » — l’été…", font)).toBe(
      "Inès Lefèvre, Étienne, cœur, « oui » — l’été…",
    );
    expect(pdfText("12\u202f862\u00a0€", font)).toBe("12 862 €");
    expect(pdfText("Łukasz Dvořák ✓", font)).toBe("Lukasz Dvorák ?");
    expect(pdfText("a\tb\r\nc", font)).toBe("a b\nc");
    expect(() => font.widthOfTextAtSize(pdfText("Łukasz 🙂 \u202f", font), 11)).not.toThrow();
  });

  it("wraps to the width and keeps the text's own line breaks", async () => {
    const font = await (await PDFDocument.create()).embedFont(StandardFonts.Helvetica);
    const lines = wrap(`${"mot ".repeat(60)}\nSeconde ligne.`, font, 11, 200);
    expect(lines.length).toBeGreaterThan(3);
    for (const line of lines) expect(font.widthOfTextAtSize(line, 11)).toBeLessThanOrEqual(200);
    expect(lines.at(-1)).toBe("Seconde ligne.");
    expect(wrap("", font, 11, 200)).toEqual([""]);
    const width = font.widthOfTextAtSize("Montant : 12 862", 11);
    expect(wrap("Montant : 12\u202f862\u00a0€", font, 11, width)).toEqual([
      "Montant :",
      "12 862 €",
    ]);
  });

  it("continues on a new page when the page is full", async () => {
    const doc = await a4Writer({
      title: "Essai",
      author: "Ministère de la Justice",
      subject: "Essai",
      createdAt: new Date("2026-01-01T00:00:00Z"),
    });
    for (let i = 0; i < 50; i++) doc.write(`Paragraphe ${i}`);
    const pdf = await PDFDocument.load(await doc.save((page, pages) => `${page} / ${pages}`));
    expect(pdf.getPageCount()).toBe(2);
  });
});
