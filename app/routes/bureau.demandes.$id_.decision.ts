import type { LoaderFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { can } from "~/domain/agent/permissions";
import { agentDecisionLetter } from "~/server/agent/application.server";
import { requireAgent } from "~/server/agent/require-agent.server";
import { prisma } from "~/server/db.server";
import { decisionLetterDocument } from "~/server/decision-letter.server";
import { pdfResponse } from "~/server/documents.server";

/** The decision letter, for the agents of the BAJ that decided (each download traced). */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const agent = await requireAgent(request);
  const id = z.uuid().safeParse(params.id);
  // A role without « review » (the national reader) reaches no application, whatever its courts.
  const letter =
    id.success && can(agent.role, "review")
      ? await agentDecisionLetter(prisma(), agent, id.data)
      : null;
  if (!letter) throw new Response("Décision introuvable", { status: 404 });
  return pdfResponse(decisionLetterDocument(letter));
}
