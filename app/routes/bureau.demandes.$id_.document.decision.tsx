import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { can } from "~/domain/agent/permissions";
import { defineSchema } from "~/forms/plain";
import { agentDecisionLetter } from "~/server/agent/application.server";
import { requireAgent } from "~/server/agent/require-agent.server";
import { prisma } from "~/server/db.server";
import { decisionLetterDocument } from "~/server/decision-letter.server";
import { DocumentPage } from "~/ui/DocumentPage";
import { pageTitle } from "~/ui/site";

export const meta: MetaFunction<typeof loader> = ({ data: loaded }) => [
  { title: pageTitle(loaded ? loaded.title : "Décision") },
];

const idSchema = /* @__PURE__ */ defineSchema(() => z.uuid());

/** The decision letter as a web page (the PDF's accessible version), each reading traced. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const agent = await requireAgent(request);
  const id = idSchema.safeParse(params.id);
  // A role without « review » (the national reader) reaches no application, whatever its courts.
  const letter =
    id.success && can(agent.role, "review")
      ? await agentDecisionLetter(prisma(), agent, id.data, "decision.read")
      : null;
  if (!letter || !id.success) throw new Response("Décision introuvable", { status: 404 });
  const { title, paragraphs } = decisionLetterDocument(letter);
  return { id: id.data, reference: letter.reference, title, paragraphs };
}

export default function DecisionLetterPage() {
  const { id, reference, paragraphs } = useLoaderData<typeof loader>();
  return (
    <DocumentPage
      home="/bureau"
      segments={[{ label: `Demande ${reference}`, to: `/bureau/demandes/${id}` }]}
      current="Lettre de décision"
      paragraphs={paragraphs}
      pdf={{ href: `/bureau/demandes/${id}/decision`, label: "Lettre de décision (PDF)" }}
      back={{ to: `/bureau/demandes/${id}`, label: `Retour à la demande ${reference}` }}
    />
  );
}
