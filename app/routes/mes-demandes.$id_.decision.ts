import type { LoaderFunctionArgs } from "@remix-run/node";
import { findOwnApplication } from "~/server/applications.server";
import { requireCitizen } from "~/server/auth.server";
import { prisma } from "~/server/db.server";
import { decisionSentence } from "~/server/mail.server";
import { pdfResponse, renderDecision } from "~/server/receipt.server";

/** The decision (PDF) of one of the citizen's own applications, once decided. */
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
  const pdf = await renderDecision({
    reference: app.reference,
    decidedAt: app.decidedAt,
    applicant: `${citizen.givenName} ${citizen.familyName}`,
    baj: app.court?.bajName ?? null,
    decision: decisionSentence(app.status, app.decisionOutcome),
    reason: app.decisionReason,
  });
  return pdfResponse(pdf, `decision-${app.reference}.pdf`);
}
