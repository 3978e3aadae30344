/**
 * The récépissé de dépôt: what the citizen gets when an application is submitted, as a PDF and as
 * a web page (documents.server.ts).
 */
import { representationSentence, resourcesSource } from "~/domain/application/representation";
import { OUTCOME_LABELS } from "~/domain/eligibility";
import { timeInFrance } from "~/domain/french";
import type { PrismaClient } from "~/generated/prisma/client";
import { type OfficialDocument, paragraphList } from "./documents.server";

export type ReceiptData = {
  reference: string;
  submittedAt: Date;
  applicant: string;
  /** Who the application is for, when the applicant represents someone (one sentence). */
  representation?: string | null;
  /** The resources were declared (the beneficiary's own), not transmitted by the DGFiP. */
  resourcesDeclared?: boolean;
  court: string | null;
  baj: string | null;
  caseSummary: string;
  estimate: string | null;
};

/** The récépissé of one of the citizen's own submitted applications; null for any other. */
export async function ownReceipt(
  prisma: PrismaClient,
  citizen: { id: string; givenName: string; familyName: string },
  applicationId: string,
): Promise<ReceiptData | null> {
  // Its court only: not the messages nor the tax record that the application page reads.
  const app = await prisma.application.findFirst({
    where: { id: applicationId, citizenId: citizen.id },
    include: { court: true },
  });
  if (!app?.reference || !app.submittedAt) return null;
  const fullName = `${citizen.givenName} ${citizen.familyName}`;
  return {
    reference: app.reference,
    submittedAt: app.submittedAt,
    applicant: fullName,
    representation: representationSentence({ ...app, representativeName: fullName }),
    resourcesDeclared: resourcesSource(app) === "DECLARED",
    court: app.court?.name ?? null,
    baj: app.court?.bajName ?? null,
    caseSummary: [app.caseKind === "PENAL" ? "pénale" : "civile", app.caseSubkind]
      .filter(Boolean)
      .join(", "),
    estimate: app.eligibilityOutcome ? OUTCOME_LABELS[app.eligibilityOutcome].toLowerCase() : null,
  };
}

/** The récépissé's paragraphs, in order. Pure. */
export function receiptDocument(data: ReceiptData): OfficialDocument {
  const { paragraphs, add } = paragraphList();
  add("RÉPUBLIQUE FRANÇAISE", "small");
  add("Ministère de la Justice", "ministry", { gap: 20 });
  add("Récépissé de dépôt", "title");
  add("Demande d'aide juridictionnelle", "subtitle");
  add(`Référence : ${data.reference}`, "strong");
  add(`Déposée le ${timeInFrance(data.submittedAt)}`);
  add(
    `${data.representation ? "Représentant" : "Demandeur"} : ${data.applicant} (identité certifiée par FranceConnect)`,
    "body",
    { gap: data.representation ? 2 : 12 },
  );
  if (data.representation) add(data.representation, "body", { gap: 12 });
  add("Votre demande", "heading");
  add(`Affaire : ${data.caseSummary}`);
  add(`Tribunal : ${data.court ?? "à préciser"}`);
  add(`Examinée par : ${data.baj ?? "le bureau d'aide juridictionnelle compétent"}`, "body", {
    gap: 12,
  });
  add("Revenus", "heading");
  add(
    data.estimate
      ? `${data.resourcesDeclared ? "Revenus déclarés (le bureau pourra demander l'avis d'imposition)" : "Revenus transmis par la DGFiP"}. Estimation au dépôt : ${data.estimate}. Cette estimation n'est pas une décision.`
      : "Les revenus n'ont pas été transmis par la DGFiP : le bureau d'aide juridictionnelle vous demandera de les justifier.",
    "body",
    { gap: 12 },
  );
  add("Et maintenant ?", "heading");
  add(
    "Le bureau d'aide juridictionnelle examine votre demande. S'il lui manque une information, il vous écrit dans votre espace « Mes demandes » et par courriel. Vous y recevrez aussi la décision.",
  );
  add("Conservez ce récépissé : sa référence vous sera demandée pour tout échange.", "body", {
    gap: 12,
  });
  add("Ce document est généré automatiquement au dépôt de la demande.", "body", {
    color: "grey",
  });
  return {
    title: `Récépissé de dépôt ${data.reference}`,
    author: "Ministère de la Justice",
    subject: "Demande d'aide juridictionnelle",
    createdAt: data.submittedAt,
    filename: `recepisse-${data.reference}.pdf`,
    paragraphs,
  };
}
