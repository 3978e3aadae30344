/**
 * The récépissé de dépôt, as a PDF (pdf-lib, standard fonts: nothing to download).
 */
import { PDFDocument, type PDFFont, rgb, StandardFonts } from "pdf-lib";

export type ReceiptData = {
  reference: string;
  submittedAt: Date;
  applicant: string;
  court: string | null;
  baj: string | null;
  caseSummary: string;
  estimate: string | null;
};

const BLUE = rgb(0, 0, 0.57);

/** Standard PDF fonts speak WinAnsi: French is fine, but not the narrow no-break space. */
function winAnsi(text: string): string {
  return text.replace(/[\u202f\u00a0]/g, " ");
}

function wrap(text: string, font: PDFFont, size: number, width: number): string[] {
  const lines: string[] = [];
  let line = "";
  for (const word of winAnsi(text).split(/\s+/)) {
    const candidate = line ? `${line} ${word}` : word;
    if (font.widthOfTextAtSize(candidate, size) > width && line) {
      lines.push(line);
      line = word;
    } else {
      line = candidate;
    }
  }
  if (line) lines.push(line);
  return lines;
}

export async function renderReceipt(data: ReceiptData): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  pdf.setTitle(`Récépissé de dépôt ${data.reference}`);
  pdf.setAuthor("Ministère de la Justice");
  pdf.setSubject("Demande d'aide juridictionnelle");
  pdf.setLanguage("fr-FR");
  pdf.setCreationDate(data.submittedAt);
  const page = pdf.addPage([595.28, 841.89]); // A4
  const regular = await pdf.embedFont(StandardFonts.Helvetica);
  const bold = await pdf.embedFont(StandardFonts.HelveticaBold);
  const margin = 56;
  const width = page.getWidth() - 2 * margin;
  let y = page.getHeight() - margin;

  const write = (
    text: string,
    options: { font?: PDFFont; size?: number; color?: ReturnType<typeof rgb>; gap?: number } = {},
  ) => {
    const font = options.font ?? regular;
    const size = options.size ?? 11;
    for (const line of wrap(text, font, size, width)) {
      page.drawText(line, {
        x: margin,
        y,
        size,
        font,
        color: options.color ?? rgb(0.09, 0.09, 0.09),
      });
      y -= size * 1.4;
    }
    y -= options.gap ?? 4;
  };

  const submitted = data.submittedAt.toLocaleString("fr-FR", {
    timeZone: "Europe/Paris",
    dateStyle: "long",
    timeStyle: "short",
  });
  write("RÉPUBLIQUE FRANÇAISE", { font: bold, size: 9 });
  write("Ministère de la Justice", { font: bold, size: 12, gap: 20 });
  write("Récépissé de dépôt", { font: bold, size: 20, color: BLUE });
  write("Demande d'aide juridictionnelle", { size: 13, gap: 16 });
  write(`Référence : ${data.reference}`, { font: bold, size: 13 });
  write(`Déposée le ${submitted}`);
  write(`Demandeur : ${data.applicant} (identité certifiée par FranceConnect)`, { gap: 12 });
  write("Votre demande", { font: bold, size: 13 });
  write(`Affaire : ${data.caseSummary}`);
  write(`Tribunal : ${data.court ?? "à préciser"}`);
  write(`Examinée par : ${data.baj ?? "le bureau d'aide juridictionnelle compétent"}`, { gap: 12 });
  write("Ressources", { font: bold, size: 13 });
  write(
    data.estimate
      ? `Revenus transmis par la DGFiP. Estimation au dépôt : ${data.estimate}. Cette estimation n'est pas une décision.`
      : "Les revenus n'ont pas été transmis par la DGFiP : le bureau d'aide juridictionnelle vous demandera de les justifier.",
    { gap: 12 },
  );
  write("Et maintenant ?", { font: bold, size: 13 });
  write(
    "Le bureau d'aide juridictionnelle examine votre demande. S'il lui manque une information, il vous écrit dans votre espace « Mes demandes » et par courriel. Vous y recevrez aussi la décision.",
  );
  write("Conservez ce récépissé : sa référence vous sera demandée pour tout échange.", { gap: 12 });
  write("Ce document est généré automatiquement au dépôt de la demande.", {
    size: 9,
    color: rgb(0.4, 0.4, 0.4),
  });
  return pdf.save();
}

export type DecisionData = {
  reference: string;
  decidedAt: Date;
  applicant: string;
  baj: string | null;
  /** The sentence stating the decision (see decisionSentence). */
  decision: string;
  reason: string | null;
};

/** The decision of the BAJ, as a PDF. */
export async function renderDecision(data: DecisionData): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  pdf.setTitle(`Décision ${data.reference}`);
  pdf.setAuthor(data.baj ?? "Bureau d'aide juridictionnelle");
  pdf.setSubject("Décision sur une demande d'aide juridictionnelle");
  pdf.setLanguage("fr-FR");
  pdf.setCreationDate(data.decidedAt);
  const page = pdf.addPage([595.28, 841.89]);
  const regular = await pdf.embedFont(StandardFonts.Helvetica);
  const bold = await pdf.embedFont(StandardFonts.HelveticaBold);
  const margin = 56;
  const width = page.getWidth() - 2 * margin;
  let y = page.getHeight() - margin;
  const write = (text: string, font = regular, size = 11, gap = 4) => {
    for (const line of wrap(text, font, size, width)) {
      page.drawText(line, { x: margin, y, size, font, color: rgb(0.09, 0.09, 0.09) });
      y -= size * 1.4;
    }
    y -= gap;
  };
  const decided = data.decidedAt.toLocaleDateString("fr-FR", {
    timeZone: "Europe/Paris",
    dateStyle: "long",
  });
  write("RÉPUBLIQUE FRANÇAISE", bold, 9);
  write("Ministère de la Justice", bold, 12);
  write(data.baj ?? "Bureau d'aide juridictionnelle", regular, 11, 20);
  write("Décision", bold, 20);
  write("Demande d'aide juridictionnelle", regular, 13, 16);
  write(`Référence : ${data.reference}`, bold, 13);
  write(`Demandeur : ${data.applicant}`);
  write(`Décision du ${decided}`, regular, 11, 12);
  write(`${data.decision.charAt(0).toUpperCase()}${data.decision.slice(1)}.`, bold, 12, 8);
  if (data.reason) write(`Motif : ${data.reason}`, regular, 11, 12);
  write(
    "Les voies et délais de recours contre cette décision sont indiqués par le bureau d'aide juridictionnelle ; pour toute question, écrivez-lui depuis votre espace « Mes demandes » en rappelant la référence.",
  );
  return pdf.save();
}

/** A PDF to download, kept out of shared caches. */
export function pdfResponse(pdf: Uint8Array, filename: string): Response {
  return new Response(Buffer.from(pdf), {
    headers: {
      "Content-Type": "application/pdf",
      "Content-Disposition": `attachment; filename="${filename}"`,
      "Cache-Control": "private, no-store",
    },
  });
}
