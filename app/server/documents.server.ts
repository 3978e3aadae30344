/**
 * The official documents given to the citizen and the agents: the récépissé de dépôt
 * (receipt.server.ts) and the decision letter (decision-letter.server.ts). Each is written once, as
 * a list of paragraphs with their role (title, heading, body…), then either drawn as a PDF by the A4
 * writer below (pdf-lib, standard fonts: nothing to download) or shown as a web page by
 * `app/ui/DocumentPage.tsx`. The web page is the accessible version of the PDF (RGAA 13.3): made
 * from the same paragraphs, it cannot say less (13.4).
 */
import { type Color, PDFDocument, type PDFFont, type PDFPage, rgb, StandardFonts } from "pdf-lib";

/** What a paragraph is: its look in the PDF, its element on the web page. */
export type DocumentStyle =
  /** The letterhead: « RÉPUBLIQUE FRANÇAISE », the ministry, the court, the bureau. */
  | "small"
  | "ministry"
  | "header"
  /** The document's title (h1 on the web page) and the line under it. */
  | "title"
  | "subtitle"
  /** A section's heading (h2). */
  | "heading"
  /** A paragraph in bold (a key figure, the decision itself), or an ordinary one. */
  | "strong"
  | "body";

export type DocumentParagraph = {
  text: string;
  style: DocumentStyle;
  /** Space after the paragraph in the PDF, in points (the style's by default). */
  gap?: number;
  /** Set on the signature block: drawn on the right half of the page. */
  indent?: number;
  /** A note in grey (and smaller on the web page). */
  color?: "grey";
};

export type OfficialDocument = {
  /** E.g. « Récépissé de dépôt AJ-2026-000042 »: the PDF's title, the web page's title. */
  title: string;
  author: string;
  subject: string;
  createdAt: Date;
  /** The PDF's file name. */
  filename: string;
  paragraphs: DocumentParagraph[];
  /** Written at the bottom of each PDF page, followed by « page n / N ». */
  footer?: string;
};

/** A list of paragraphs being written, and the function that adds one (body text by default). */
export function paragraphList() {
  const paragraphs: DocumentParagraph[] = [];
  const add = (
    text: string,
    style: DocumentStyle = "body",
    extra: Omit<DocumentParagraph, "text" | "style"> = {},
  ) => {
    paragraphs.push({ text, style, ...extra });
  };
  return { paragraphs, add };
}

const BLUE = rgb(0, 0, 0.57);
const GREY = rgb(0.4, 0.4, 0.4);
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

type WriteOptions = {
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

const STYLES: Record<DocumentStyle, WriteOptions> = {
  small: { bold: true, size: 9 },
  ministry: { bold: true, size: 12 },
  header: { size: 11 },
  title: { bold: true, size: 18, color: BLUE },
  subtitle: { size: 13, gap: 14 },
  heading: { bold: true, size: 12, keep: 80 },
  strong: { bold: true, size: 10.5, gap: 2, leading: 1.3 },
  body: { size: 10, gap: 2, leading: 1.3 },
};

/** The document as a PDF (A4, one or more pages). */
export async function renderPdf(document: OfficialDocument): Promise<Uint8Array> {
  const doc = await a4Writer(document);
  for (const paragraph of document.paragraphs) {
    doc.write(paragraph.text, {
      ...STYLES[paragraph.style],
      ...(paragraph.gap === undefined ? {} : { gap: paragraph.gap }),
      ...(paragraph.indent === undefined ? {} : { indent: paragraph.indent }),
      ...(paragraph.color === "grey" ? { color: GREY } : {}),
    });
  }
  const footer = document.footer;
  return doc.save(footer ? (page, pages) => `${footer} — page ${page} / ${pages}` : undefined);
}

/** A PDF to download, kept out of shared caches. */
export async function pdfResponse(document: OfficialDocument): Promise<Response> {
  const pdf = await renderPdf(document);
  const filename = document.filename;
  return new Response(Buffer.from(pdf), {
    headers: {
      "Content-Type": "application/pdf",
      "Content-Disposition": `attachment; filename="${filename}"`,
      "Cache-Control": "private, no-store",
    },
  });
}
