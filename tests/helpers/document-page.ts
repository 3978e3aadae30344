import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { expect } from "vitest";
import type { OfficialDocument } from "~/server/documents.server";
import { DocumentBody } from "~/ui/DocumentPage";

const ENTITIES: Record<string, string> = { amp: "&", quot: '"', "#x27": "'", lt: "<", gt: ">" };
const text = (html: string) =>
  html
    .replace(/<[^>]+>/g, "")
    .replace(/&(amp|quot|#x27|lt|gt);/g, (_, name: string) => ENTITIES[name] ?? "");

/**
 * Checks that the web page of a document (its accessible version, RGAA 13.3-13.4) says all the PDF
 * says, in the same order, with the document's title as its only h1 and its headings as h2.
 */
export function expectPageSaysAllThePdfSays(document: OfficialDocument) {
  const html = renderToStaticMarkup(createElement(DocumentBody, document));
  const shown = text(html);
  let from = 0;
  for (const paragraph of document.paragraphs) {
    // Its line breaks are <br>, which the text of the page does not show.
    const expected = paragraph.text.replaceAll("\n", "");
    const at = shown.indexOf(expected, from);
    expect(at, `« ${paragraph.text} » shown, after the paragraph before`).toBeGreaterThanOrEqual(
      from,
    );
    from = at + expected.length;
  }
  const headings = (level: number) =>
    [...html.matchAll(new RegExp(`<h${level}[^>]*>(.*?)</h${level}>`, "g"))].map((match) =>
      text(match[1] as string),
    );
  const of = (style: string) =>
    document.paragraphs.filter((p) => p.style === style).map((p) => p.text);
  expect(headings(1)).toEqual(of("title"));
  expect(headings(2)).toEqual(of("heading"));
  return html;
}
