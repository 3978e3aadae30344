import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import type { PrismaClient } from "~/generated/prisma/client";
import { requireCitizen } from "~/server/auth/citizen-session.server";
import { prisma } from "~/server/db.server";
import { decisionLetterDocument, ownDecisionLetter } from "~/server/decision-letter.server";
import { ownReceipt, receiptDocument } from "~/server/receipt.server";
import { DocumentPage } from "~/ui/DocumentPage";
import { pageTitle } from "~/ui/site";

type CitizenRow = Awaited<ReturnType<typeof requireCitizen>>;

export const meta: MetaFunction<typeof loader> = ({ data: loaded }) => [
  { title: pageTitle(loaded ? loaded.title : "Document") },
];

/** The documents of an application, by their name in the address. */
const DOCUMENTS = {
  recepisse: {
    current: "Récépissé de dépôt",
    pdfLabel: "Télécharger le récépissé de dépôt (PDF)",
    missing: "Demande introuvable",
    async read(db: PrismaClient, citizen: CitizenRow, id: string) {
      const receipt = await ownReceipt(db, citizen, id);
      return receipt && { reference: receipt.reference, document: receiptDocument(receipt) };
    },
  },
  decision: {
    current: "Lettre de décision",
    pdfLabel: "Télécharger la décision (PDF)",
    missing: "Décision introuvable",
    async read(db: PrismaClient, citizen: CitizenRow, id: string) {
      const letter = await ownDecisionLetter(db, citizen.id, id);
      return letter && { reference: letter.reference, document: decisionLetterDocument(letter) };
    },
  },
};

/**
 * The récépissé or the decision letter of one of the citizen's own applications as a web page:
 * the accessible version of the PDF (RGAA 13.3), from the same paragraphs.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const citizen = await requireCitizen(request);
  const id = String(params.id);
  const kind = params.document ?? "";
  if (!Object.hasOwn(DOCUMENTS, kind)) throw new Response("Document introuvable", { status: 404 });
  const { current, pdfLabel, missing, read } = DOCUMENTS[kind as keyof typeof DOCUMENTS];
  const found = await read(prisma(), citizen, id);
  if (!found) throw new Response(missing, { status: 404 });
  return {
    id,
    reference: found.reference,
    current,
    title: found.document.title,
    paragraphs: found.document.paragraphs,
    pdf: { href: `/mes-demandes/${id}/${kind}`, label: pdfLabel },
  };
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
