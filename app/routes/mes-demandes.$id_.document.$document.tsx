import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { requireCitizen } from "~/server/auth/citizen-session.server";
import { prisma } from "~/server/db.server";
import { decisionLetterDocument, ownDecisionLetter } from "~/server/decision-letter.server";
import { ownReceipt, receiptDocument } from "~/server/receipt.server";
import { DocumentPage } from "~/ui/DocumentPage";
import { pageTitle } from "~/ui/site";

export const meta: MetaFunction<typeof loader> = ({ data: loaded }) => [
  { title: pageTitle(loaded ? loaded.title : "Document") },
];

/**
 * The récépissé or the decision letter of one of the citizen's own applications as a web page:
 * the accessible version of the PDF (RGAA 13.3), from the same paragraphs.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const citizen = await requireCitizen(request);
  const id = String(params.id);
  const pdfHref = `/mes-demandes/${id}/${params.document}`;
  if (params.document === "recepisse") {
    const receipt = await ownReceipt(prisma(), citizen, id);
    if (!receipt) throw new Response("Demande introuvable", { status: 404 });
    const { title, paragraphs } = receiptDocument(receipt);
    return {
      id,
      reference: receipt.reference,
      current: "Récépissé de dépôt",
      title,
      paragraphs,
      pdf: { href: pdfHref, label: "Télécharger le récépissé de dépôt (PDF)" },
    };
  }
  if (params.document === "decision") {
    const letter = await ownDecisionLetter(prisma(), citizen.id, id);
    if (!letter) throw new Response("Décision introuvable", { status: 404 });
    const { title, paragraphs } = decisionLetterDocument(letter);
    return {
      id,
      reference: letter.reference,
      current: "Lettre de décision",
      title,
      paragraphs,
      pdf: { href: pdfHref, label: "Télécharger la décision (PDF)" },
    };
  }
  throw new Response("Document introuvable", { status: 404 });
}

export default function OwnDocument() {
  const { id, reference, current, paragraphs, pdf } = useLoaderData<typeof loader>();
  return (
    <DocumentPage
      home="/"
      segments={[
        { label: "Mes demandes", to: "/mes-demandes" },
        { label: `Demande ${reference}`, to: `/mes-demandes/${id}` },
      ]}
      current={current}
      paragraphs={paragraphs}
      pdf={pdf}
      back={{ to: `/mes-demandes/${id}`, label: `Retour à la demande ${reference}` }}
    />
  );
}
