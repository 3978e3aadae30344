import { Breadcrumb } from "@codegouvfr/react-dsfr/Breadcrumb";
import { Link } from "@remix-run/react";
import type { ReactNode } from "react";
import type { DocumentParagraph } from "~/server/documents.server";

type Props = {
  /** Where the breadcrumb starts (« / » for the citizen, « /bureau » for the agents). */
  home: string;
  /** The pages above this one, e.g. « Mes demandes », « Demande AJ-2026-000042 ». */
  segments: { label: string; to: string }[];
  /** This page in the breadcrumb, e.g. « Récépissé de dépôt ». */
  current: string;
  paragraphs: DocumentParagraph[];
  /** The same document as a PDF. */
  pdf: { href: string; label: string };
  /** The page this one is read from (the breadcrumb folds on a phone). */
  back: { to: string; label: string };
};

/**
 * An official document (récépissé, decision letter) as a web page: the accessible version of its
 * PDF (RGAA 13.3), made from the same paragraphs, with its structure as headings and paragraphs.
 */
export function DocumentPage({ home, segments, current, paragraphs, pdf, back }: Props) {
  return (
    <div className="fr-container">
      <Breadcrumb
        currentPageLabel={current}
        homeLinkProps={{ to: home }}
        segments={segments.map((segment) => ({
          label: segment.label,
          linkProps: { to: segment.to },
        }))}
      />
      <div className="fr-grid-row">
        <div className="fr-col-12 fr-col-lg-8">
          <DocumentBody paragraphs={paragraphs} />
          <p>
            <a
              className="fr-link fr-icon-download-line fr-link--icon-left"
              href={pdf.href}
              download
            >
              {pdf.label}
            </a>
          </p>
          <Link className="fr-link fr-icon-arrow-left-line fr-link--icon-left" to={back.to}>
            {back.label}
          </Link>
        </div>
      </div>
    </div>
  );
}

/** The document itself: the letterhead, then the title (h1), the headings (h2) and paragraphs. */
export function DocumentBody({ paragraphs }: { paragraphs: DocumentParagraph[] }) {
  const titleAt = Math.max(
    0,
    paragraphs.findIndex((paragraph) => paragraph.style === "title"),
  );
  return (
    <article className="fr-mb-4w">
      <div className="fr-mb-3w">{paragraphs.slice(0, titleAt).map(letterhead)}</div>
      {blocks(paragraphs.slice(titleAt))}
    </article>
  );
}

/** A paragraph's text, its own line breaks kept. */
function lines(text: string): ReactNode {
  return text.split("\n").flatMap((line, index) =>
    // A fixed list, never reordered: its positions are its keys (two lines may read the same).
    // biome-ignore lint/suspicious/noArrayIndexKey: see above
    index ? [<br key={index} />, line] : [line],
  );
}

function letterhead(paragraph: DocumentParagraph, index: number) {
  const className =
    paragraph.style === "small"
      ? "fr-text--sm fr-text--bold fr-mb-0"
      : paragraph.style === "ministry"
        ? "fr-text--bold fr-mb-0"
        : "fr-mb-0";
  return (
    <p key={index} className={className}>
      {lines(paragraph.text)}
    </p>
  );
}

/** A paragraph as its element; `key`: its position (the paragraphs are a fixed list). */
function element(paragraph: DocumentParagraph, key: number) {
  const text = lines(paragraph.text);
  switch (paragraph.style) {
    case "title":
      return (
        <h1 key={key} className="fr-mb-1w">
          {text}
        </h1>
      );
    case "subtitle":
      return (
        <p key={key} className="fr-text--lead">
          {text}
        </p>
      );
    case "heading":
      return (
        <h2 key={key} className="fr-h4 fr-mt-4w fr-mb-2w">
          {text}
        </h2>
      );
    case "strong":
      return (
        <p key={key} className="fr-mb-1w">
          <strong>{text}</strong>
        </p>
      );
    default:
      return (
        <p key={key} className={paragraph.color === "grey" ? "fr-text--sm fr-mb-1w" : "fr-mb-1w"}>
          {text}
        </p>
      );
  }
}

/** The paragraphs in order; the signature block (indented in the PDF) on the right half. */
function blocks(paragraphs: DocumentParagraph[]): ReactNode[] {
  const out: ReactNode[] = [];
  for (let i = 0; i < paragraphs.length; i++) {
    const paragraph = paragraphs[i] as DocumentParagraph;
    if (paragraph.indent === undefined) {
      out.push(element(paragraph, i));
      continue;
    }
    const start = i;
    const signature: DocumentParagraph[] = [];
    while (i < paragraphs.length && paragraphs[i]?.indent !== undefined) {
      signature.push(paragraphs[i] as DocumentParagraph);
      i++;
    }
    i--;
    out.push(
      <div key={start} className="fr-grid-row fr-my-3w">
        <div className="fr-col-12 fr-col-md-6 fr-col-offset-md-6">
          {signature.map((each, offset) => element(each, start + offset))}
        </div>
      </div>,
    );
  }
  return out;
}
