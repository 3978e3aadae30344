import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireCitizen } from "~/server/auth/citizen-session.server";
import { prisma } from "~/server/db.server";
import { decisionLetterDocument, ownDecisionLetter } from "~/server/decision-letter.server";
import { pdfResponse } from "~/server/documents.server";

/** The decision letter (PDF) of one of the citizen's own applications, once decided. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const citizen = await requireCitizen(request);
  const letter = await ownDecisionLetter(prisma(), citizen.id, String(params.id));
  if (!letter) throw new Response("Décision introuvable", { status: 404 });
  return pdfResponse(decisionLetterDocument(letter));
}
