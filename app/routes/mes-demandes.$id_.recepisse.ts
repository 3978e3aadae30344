import type { LoaderFunctionArgs } from "@remix-run/node";
import { representationSentence, resourcesSource } from "~/domain/application/representation";
import { OUTCOME_LABELS } from "~/domain/eligibility";
import { findOwnApplication } from "~/server/applications.server";
import { requireCitizen } from "~/server/auth/citizen-session.server";
import { prisma } from "~/server/db.server";
import { pdfResponse, renderReceipt } from "~/server/receipt.server";

/** The récépissé de dépôt (PDF) of one of the citizen's own applications. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const citizen = await requireCitizen(request);
  const app = await findOwnApplication(prisma(), citizen.id, String(params.id));
  if (!app?.reference || !app.submittedAt)
    throw new Response("Demande introuvable", { status: 404 });
  const pdf = await renderReceipt({
    reference: app.reference,
    submittedAt: app.submittedAt,
    applicant: `${citizen.givenName} ${citizen.familyName}`,
    representation: representationSentence({
      ...app,
      representativeName: `${citizen.givenName} ${citizen.familyName}`,
    }),
    resourcesDeclared: resourcesSource(app) === "DECLARED",
    court: app.court?.name ?? null,
    baj: app.court?.bajName ?? null,
    caseSummary: [app.caseKind === "PENAL" ? "pénale" : "civile", app.caseSubkind]
      .filter(Boolean)
      .join(", "),
    estimate: app.eligibilityOutcome ? OUTCOME_LABELS[app.eligibilityOutcome].toLowerCase() : null,
  });
  return pdfResponse(pdf, `recepisse-${app.reference}.pdf`);
}
