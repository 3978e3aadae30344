import type { LoaderFunctionArgs } from "@remix-run/node";
import { findOwnApplication } from "~/server/applications.server";
import { requireCitizen } from "~/server/auth/citizen-session.server";
import { prisma } from "~/server/db.server";
import { decisionLetterOf, renderDecisionLetter } from "~/server/decision-letter.server";
import { pdfResponse } from "~/server/receipt.server";

/** The decision letter (PDF) of one of the citizen's own applications, once decided. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const citizen = await requireCitizen(request);
  const app = await findOwnApplication(prisma(), citizen.id, String(params.id));
  if (
    !app?.reference ||
    !app.decidedAt ||
    (app.status !== "GRANTED" && app.status !== "REJECTED")
  ) {
    throw new Response("Décision introuvable", { status: 404 });
  }
  const letter = await decisionLetterOf(prisma(), app.id);
  if (!letter) throw new Response("Décision introuvable", { status: 404 });
  return pdfResponse(await renderDecisionLetter(letter), `decision-${app.reference}.pdf`);
}
