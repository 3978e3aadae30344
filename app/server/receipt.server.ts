/**
 * The PDFs given to the citizen: the récépissé de dépôt here, the decision letter in
 * decision-letter.server.ts, both drawn with the A4 writer below (pdf-lib, standard fonts: nothing
 * to download).
 */
import { type Color, PDFDocument, type PDFFont, type PDFPage, rgb, StandardFonts } from "pdf-lib";
import { timeInFrance } from "~/domain/french";

export type ReceiptData = {
  reference: string;
  submittedAt: Date;
  applicant: string;
  /** Who the application is for, when the applicant represents someone (one sentence). */
  representation?: string | null;
  /** The resources were declared (the beneficiary's own), not transmitted by the DGFiP. */
  resourcesDeclared?: boolean;
  court: string | null;
  baj: string | null;
  caseSummary: string;
  estimate: string | null;
};

export const BLUE = rgb(0, 0, 0.57);
export const GREY = rgb(0.4, 0.4, 0.4);
const INK = rgb(0.09, 0.09, 0.09);

/** Letters that are not an accented form of another one (NFD leaves them alone). */
const LETTERS: Record<string, string> = { Ł: "L", ł: "l", Đ: "D", đ: "d", Ħ: "H", ħ: "h", ı: "i" };

const characterSets = new WeakMap<PDFFont, Set<number>>();

/**
 * Text the font can encode. Standard PDF fonts speak WinAnsi: French is fine (é, è, ç, œ, «, », ’,
 * —, …), but not the (narrow) no-break spaces that French formatting produces, which become plain
 * spaces; any other unknown character loses its accent ("ř" → "r", "ł" → "l") or becomes "?",
 * rather than making pdf-lib throw. Line breaks are kept.
 */
export function pdfText(text: string, font: PDFFont): string {
  let supported = characterSets.get(font);
  if (!supported) {
    supported = new Set(font.getCharacterSet());
    characterSets.set(font, supported);
  }
  const known = supported;
  let result = "";
  // Line breaks are kept (wrap() splits on them); any other space is a plain one.
  for (const char of text.replace(/\r\n?/g, "\n").replace(/[^\S\n]/g, " ")) {
    const code = char.codePointAt(0) as number;
    if (known.has(code) || char === "\n") {
      result += char;
      continue;
    }
    const base = (LETTERS[char] ?? char).normalize("NFD").replace(/\p{Diacritic}/gu, "");
    result += base && [...base].every((c) => known.has(c.codePointAt(0) as number)) ? base : "?";
  }
  return result;
}

/**
 * The lines of a text, each at most `width` wide. The text's own line breaks are kept, and a line
 * never breaks at a no-break space ("12\u202f862 €", "n°\u00a091-647").
 */
export function wrap(text: string, font: PDFFont, size: number, width: number): string[] {
  const lines: string[] = [];
  for (const paragraph of text.split(/\r\n?|\n/)) {
    let line = "";
    for (const word of paragraph.split(/[^\S\u00a0\u2007\u202f]+/).filter(Boolean)) {
      const drawable = pdfText(word, font);
      const candidate = line ? `${line} ${drawable}` : drawable;
      if (font.widthOfTextAtSize(candidate, size) > width && line) {
        lines.push(line);
        line = drawable;
      } else {
        line = candidate;
      }
    }
    lines.push(line);
  }
  // An empty paragraph inside the text is a blank line; none at the end.
  while (lines.length > 1 && lines[lines.length - 1] === "") lines.pop();
  return lines;
}

export type WriteOptions = {
  bold?: boolean;
  size?: number;
  color?: Color;
  /** Space after the paragraph, in points (4 by default). */
  gap?: number;
  /** Line height, as a multiple of the size (1.4 by default). */
  leading?: number;
  /** Left indent, in points. */
  indent?: number;
  /** Room (points) needed below the current position, else the paragraph starts a new page. */
  keep?: number;
};

export type PdfMetadata = {
  title: string;
  author: string;
  subject: string;
  createdAt: Date;
};

/**
 * A French A4 document written paragraph by paragraph from the top, wrapped to the margins, that
 * continues on a new page when the current one is full.
 */
export async function a4Writer(metadata: PdfMetadata) {
  const pdf = await PDFDocument.create();
  pdf.setTitle(metadata.title);
  pdf.setAuthor(metadata.author);
  pdf.setSubject(metadata.subject);
  pdf.setLanguage("fr-FR");
  pdf.setCreationDate(metadata.createdAt);
  const regular = await pdf.embedFont(StandardFonts.Helvetica);
  const bold = await pdf.embedFont(StandardFonts.HelveticaBold);
  const size: [number, number] = [595.28, 841.89]; // A4
  const margin = 56;
  const bottom = margin + 16; // room for a footer
  const width = size[0] - 2 * margin;
  let page: PDFPage = pdf.addPage(size);
  let y = page.getHeight() - margin;

  const newPage = () => {
    page = pdf.addPage(size);
    y = page.getHeight() - margin;
  };

  return {
    write(text: string, options: WriteOptions = {}) {
      const font = options.bold ? bold : regular;
      const fontSize = options.size ?? 11;
      const indent = options.indent ?? 0;
      if (options.keep && y - options.keep < bottom) newPage();
      for (const line of wrap(text, font, fontSize, width - indent)) {
        if (y - fontSize < bottom) newPage();
        page.drawText(line, {
          x: margin + indent,
          y,
          size: fontSize,
          font,
          color: options.color ?? INK,
        });
        y -= fontSize * (options.leading ?? 1.4);
      }
      y -= options.gap ?? 4;
    },
    /** The PDF, with `footer(page, pages)` written at the bottom of each page when given. */
    async save(footer?: (page: number, pages: number) => string): Promise<Uint8Array> {
      if (footer) {
        const pages = pdf.getPages();
        pages.forEach((each, index) => {
          each.drawText(pdfText(footer(index + 1, pages.length), regular), {
            x: margin,
            y: margin - 20,
            size: 8,
            font: regular,
            color: GREY,
          });
        });
      }
      return pdf.save();
    },
  };
}

export async function renderReceipt(data: ReceiptData): Promise<Uint8Array> {
  const doc = await a4Writer({
    title: `Récépissé de dépôt ${data.reference}`,
    author: "Ministère de la Justice",
    subject: "Demande d'aide juridictionnelle",
    createdAt: data.submittedAt,
  });
  const { write } = doc;
  const submitted = timeInFrance(data.submittedAt);
  write("RÉPUBLIQUE FRANÇAISE", { bold: true, size: 9 });
  write("Ministère de la Justice", { bold: true, size: 12, gap: 20 });
  write("Récépissé de dépôt", { bold: true, size: 20, color: BLUE });
  write("Demande d'aide juridictionnelle", { size: 13, gap: 16 });
  write(`Référence : ${data.reference}`, { bold: true, size: 13 });
  write(`Déposée le ${submitted}`);
  write(
    `${data.representation ? "Représentant" : "Demandeur"} : ${data.applicant} (identité certifiée par FranceConnect)`,
    {
      gap: data.representation ? 0 : 12,
    },
  );
  if (data.representation) write(data.representation, { gap: 12 });
  write("Votre demande", { bold: true, size: 13 });
  write(`Affaire : ${data.caseSummary}`);
  write(`Tribunal : ${data.court ?? "à préciser"}`);
  write(`Examinée par : ${data.baj ?? "le bureau d'aide juridictionnelle compétent"}`, { gap: 12 });
  write("Ressources", { bold: true, size: 13 });
  write(
    data.estimate
      ? `${data.resourcesDeclared ? "Revenus déclarés (le bureau pourra demander l'avis d'imposition)" : "Revenus transmis par la DGFiP"}. Estimation au dépôt : ${data.estimate}. Cette estimation n'est pas une décision.`
      : "Les revenus n'ont pas été transmis par la DGFiP : le bureau d'aide juridictionnelle vous demandera de les justifier.",
    { gap: 12 },
  );
  write("Et maintenant ?", { bold: true, size: 13 });
  write(
    "Le bureau d'aide juridictionnelle examine votre demande. S'il lui manque une information, il vous écrit dans votre espace « Mes demandes » et par courriel. Vous y recevrez aussi la décision.",
  );
  write("Conservez ce récépissé : sa référence vous sera demandée pour tout échange.", { gap: 12 });
  write("Ce document est généré automatiquement au dépôt de la demande.", {
    size: 9,
    color: GREY,
  });
  return doc.save();
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
