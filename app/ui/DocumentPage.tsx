import { Breadcrumb } from "@codegouvfr/react-dsfr/Breadcrumb";
import { Link } from "@remix-run/react";
import type { ReactNode } from "react";
import type { DocumentParagraph, DocumentStyle } from "~/server/documents.server";

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
      <div className="fr-mb-3w">{paragraphs.slice(0, titleAt).map(element)}</div>
      {blocks(paragraphs.slice(titleAt), titleAt)}
    </article>
  );
}

/** Each paragraph's role as an element and its DSFR classes. */
const ELEMENTS: Record<DocumentStyle, { tag: "p" | "h1" | "h2"; className: string }> = {
  small: { tag: "p", className: "fr-text--sm fr-text--bold fr-mb-0" },
  ministry: { tag: "p", className: "fr-text--bold fr-mb-0" },
  header: { tag: "p", className: "fr-mb-0" },
  title: { tag: "h1", className: "fr-mb-1w" },
  subtitle: { tag: "p", className: "fr-text--lead" },
  heading: { tag: "h2", className: "fr-h4 fr-mt-4w fr-mb-2w" },
  strong: { tag: "p", className: "fr-mb-1w" },
  body: { tag: "p", className: "fr-mb-1w" },
};

/** A paragraph's text, its own line breaks kept. */
function lines(text: string): ReactNode {
  return text.split("\n").flatMap((line, index) =>
    // A fixed list, never reordered: its positions are its keys (two lines may read the same).
    // biome-ignore lint/suspicious/noArrayIndexKey: see above
    index ? [<br key={index} />, line] : [line],
  );
}

/** A paragraph as its element; `key`: its position (the paragraphs are a fixed list). */
function element(paragraph: DocumentParagraph, key: number) {
  const { tag: Tag, className } = ELEMENTS[paragraph.style];
  const text = lines(paragraph.text);
  return (
    <Tag key={key} className={paragraph.color === "grey" ? `fr-text--sm ${className}` : className}>
      {paragraph.style === "strong" ? <strong>{text}</strong> : text}
    </Tag>
  );
}

/** The paragraphs in order from position `first`; the signature block on the right half. */
function blocks(paragraphs: DocumentParagraph[], first: number): ReactNode[] {
  const out: ReactNode[] = [];
  for (let i = 0; i < paragraphs.length; i++) {
    const paragraph = paragraphs[i] as DocumentParagraph;
    if (paragraph.indent === undefined) {
      out.push(element(paragraph, first + i));
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
      <div key={first + start} className="fr-grid-row fr-my-3w">
        <div className="fr-col-12 fr-col-md-6 fr-col-offset-md-6">
          {signature.map((each, offset) => element(each, first + start + offset))}
        </div>
      </div>,
    );
  }
  return out;
}
