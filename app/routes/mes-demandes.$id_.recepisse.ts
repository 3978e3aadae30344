import type { LoaderFunctionArgs } from "@remix-run/node";
import { findOwnApplication } from "~/server/applications.server";
import { requireCitizen } from "~/server/auth.server";
import { prisma } from "~/server/db.server";
import { renderReceipt } from "~/server/receipt.server";

const OUTCOMES: Record<string, string> = {
  FULL: "aide juridictionnelle totale (100 %)",
  PARTIAL_55: "aide juridictionnelle partielle (55 %)",
  PARTIAL_25: "aide juridictionnelle partielle (25 %)",
  INELIGIBLE: "ressources supérieures aux plafonds",
};

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
    court: app.court?.name ?? null,
    baj: app.court?.bajName ?? null,
    caseSummary: [app.caseKind === "PENAL" ? "pénale" : "civile", app.caseSubkind]
      .filter(Boolean)
      .join(", "),
    estimate: app.eligibilityOutcome ? (OUTCOMES[app.eligibilityOutcome] ?? null) : null,
  });
  return new Response(Buffer.from(pdf), {
    headers: {
      "Content-Type": "application/pdf",
      "Content-Disposition": `attachment; filename="recepisse-${app.reference}.pdf"`,
      "Cache-Control": "private, no-store",
    },
  });
}
