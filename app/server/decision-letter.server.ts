/**
 * The decision letter of the bureau d'aide juridictionnelle, as a PDF: what the citizen downloads
 * from « Mes demandes » and what the agents see in the back-office. It states the resources
 * retained, the decision and the State's share, the motif, the signatory and the voies de recours
 * (décret 2020-1717 art. 38, 55, 69-72; loi 91-647 art. 23). Reading the row, turning it into
 * plain data, writing the paragraphs and drawing them are separate steps, each testable alone.
 */

import { REJECTION_MOTIFS } from "~/domain/application/motifs";
import {
  type Capacity,
  type Representation,
  representationSentence,
} from "~/domain/application/representation";
import {
  type EligibilityResult,
  householdFromTaxData,
  OUTCOME_LABELS,
  STATE_SHARES,
} from "~/domain/eligibility";
import {
  euros,
  eurosAndCents,
  FAMILY_SITUATIONS,
  frenchDate,
  todayInFrance,
} from "~/domain/french";
import type { Prisma, PrismaClient } from "~/generated/prisma/client";
import { situationSchema } from "./dgfip.server";
import { type DocumentParagraph, type OfficialDocument, paragraphList } from "./documents.server";
import { decisionSentence } from "./mail.server";

type Outcome = EligibilityResult["outcome"];

/** Everything the letter says, as plain data. */
export type DecisionLetter = {
  status: "GRANTED" | "REJECTED";
  reference: string;
  /** The court's name, e.g. "Tribunal judiciaire de Bordeaux". */
  court: string | null;
  /** Where the decision is made, e.g. "Bordeaux" ("Fait à …"). */
  city: string | null;
  /** The BAJ's name, e.g. "Bureau d'aide juridictionnelle du tribunal judiciaire de Bordeaux". */
  baj: string;
  applicant: {
    fullName: string;
    address: string | null;
    /** Who the application is for, when the applicant represents someone (one sentence). */
    representation: string | null;
  };
  procedure: {
    kind: "CIVIL" | "PENAL" | null;
    subkind: string | null;
    /** The applicant's role, e.g. "Défendeur", "Partie civile (victime)". */
    role: string | null;
  };
  resources: {
    /** The DGFiP's answer the application is based on (certified, never edited). */
    certified: {
      incomeYear: number;
      correlationId: string;
      fetchedAt: Date;
      /** Null when the DGFiP found no avis d'impôt for that year. */
      situation: {
        referenceTaxIncome: number;
        parts: number;
        /** "Célibataire", "Marié(e)"… */
        familySituation: string;
        dependants: number;
      } | null;
    } | null;
    /**
     * The beneficiary's own resources, declared by their representative (a protected adult, a
     * minor assessed apart from the parents): not certified.
     */
    declared: { referenceTaxIncome: number; householdSize: number } | null;
    /** Persons of the household counted by the scale (declarants + dependants). */
    householdSize: number | null;
    /** As declared by the applicant, not certified. */
    declaredMovableAssets: number | null;
    declaredRealEstateAssets: number | null;
    /**
     * When the income had changed (décret 2020-1717 art. 4): the resources retained instead of the
     * revenu fiscal de référence, and the estimate's sentence that shows the calculation.
     */
    recentIncome: { retained: number; calculation: string | null } | null;
  };
  scaleYear: number | null;
  outcome: Outcome;
  outcomeLabel: string;
  stateShare: 100 | 55 | 25 | 0;
  /** What the BAJ decides, as told to the applicant (see decisionSentence). */
  sentence: string;
  motif: { code: string; label: string } | null;
  reason: string | null;
  decidedAt: Date;
  signatory: { fullName: string; quality: string } | null;
};

/** What the letter needs of an application row (with court, citizen and taxRecord). */
export type DecisionLetterRow = {
  reference: string | null;
  /** Applying for someone else (absent: for oneself). */
  representation?: Representation | null;
  representativeCapacity?: Capacity | null;
  beneficiaryGivenName?: string | null;
  beneficiaryFamilyName?: string | null;
  declaredReferenceTaxIncome?: number | null;
  declaredHouseholdSize?: number | null;
  status: string;
  correspondenceAddress: string | null;
  caseKind: "CIVIL" | "PENAL" | null;
  caseSubkind: string | null;
  applicantRole: string | null;
  declaredMovableAssets: number | null;
  declaredRealEstateAssets: number | null;
  eligibilityScaleYear: number | null;
  eligibilitySnapshot: unknown;
  decisionOutcome: Outcome | null;
  decisionStateShare: number | null;
  decisionMotif: string | null;
  decisionReason: string | null;
  decidedAt: Date | null;
  court: { name: string; city: string; bajName: string } | null;
  citizen: { givenName: string; familyName: string };
  taxRecord: {
    incomeYear: number;
    correlationId: string;
    fetchedAt: Date;
    httpStatus: number;
    payload: unknown;
  } | null;
  /** The signatory as they were when signing (never the agent's account as it is now). */
  decidedByName: string | null;
  decidedByRole: string | null;
};

/** The quality in which the président or the vice-président signs (décret 2020-1717 art. 53-54). */
export const SIGNATORY_QUALITIES: Record<string, string> = {
  PRESIDENT: "Président(e) du bureau d'aide juridictionnelle",
  VICE_PRESIDENT:
    "Vice-président(e) du bureau d'aide juridictionnelle, directeur de greffe, par délégation",
};

const BAJ = "Bureau d'aide juridictionnelle";

/** The letter of a decided application (granted or rejected); null for any other. Pure. */
export function letterFromApplication(row: DecisionLetterRow): DecisionLetter | null {
  if ((row.status !== "GRANTED" && row.status !== "REJECTED") || !row.reference || !row.decidedAt) {
    return null;
  }
  const status = row.status;
  const outcome: Outcome = status === "REJECTED" ? "INELIGIBLE" : (row.decisionOutcome ?? "FULL");
  const record = row.taxRecord;
  const parsed = record?.httpStatus === 200 ? situationSchema.safeParse(record.payload) : null;
  const situation = parsed?.success ? parsed.data : null;
  const snapshot = row.eligibilitySnapshot as Partial<EligibilityResult> | null;
  const snapshotYear = typeof snapshot?.scaleYear === "number" ? snapshot.scaleYear : null;
  const motif = row.decisionMotif;
  return {
    status,
    reference: row.reference,
    court: row.court?.name ?? null,
    city: row.court?.city ?? null,
    baj: row.court?.bajName ?? BAJ,
    applicant: {
      representation: representationSentence({
        representation: row.representation ?? null,
        representativeCapacity: row.representativeCapacity ?? null,
        beneficiaryGivenName: row.beneficiaryGivenName ?? null,
        beneficiaryFamilyName: row.beneficiaryFamilyName ?? null,
        representativeName: `${row.citizen.givenName} ${row.citizen.familyName}`,
      }),
      fullName: `${row.citizen.givenName} ${row.citizen.familyName}`,
      address: row.correspondenceAddress,
    },
    procedure: { kind: row.caseKind, subkind: row.caseSubkind, role: row.applicantRole },
    resources: {
      certified: record
        ? {
            incomeYear: record.incomeYear,
            correlationId: record.correlationId,
            fetchedAt: record.fetchedAt,
            situation: situation
              ? {
                  referenceTaxIncome: situation.rfr,
                  parts: situation.nbPart,
                  familySituation: FAMILY_SITUATIONS[situation.sitFam] ?? situation.sitFam,
                  dependants: situation.pac?.nbPac ?? 0,
                }
              : null,
          }
        : null,
      declared:
        snapshot?.resources?.declared &&
        row.declaredReferenceTaxIncome != null &&
        row.declaredHouseholdSize != null
          ? {
              referenceTaxIncome: row.declaredReferenceTaxIncome,
              householdSize: row.declaredHouseholdSize,
            }
          : null,
      householdSize: situation
        ? householdFromTaxData(situation)
        : snapshot?.resources?.declared
          ? (row.declaredHouseholdSize ?? null)
          : null,
      declaredMovableAssets: row.declaredMovableAssets,
      declaredRealEstateAssets: row.declaredRealEstateAssets,
      recentIncome:
        snapshot?.resources?.basis === "RECENT_INCOME"
          ? {
              retained: snapshot.resources.amount,
              calculation: snapshot.resources.calculation ?? null,
            }
          : null,
    },
    scaleYear: row.eligibilityScaleYear ?? snapshotYear,
    outcome,
    // A rejection is not always about resources (insurance, inadmissible action): no outcome label.
    outcomeLabel: status === "REJECTED" ? "Aide juridictionnelle refusée" : OUTCOME_LABELS[outcome],
    stateShare: STATE_SHARES[outcome],
    sentence: decisionSentence(status, outcome),
    motif: motif
      ? {
          code: motif,
          label: Object.hasOwn(REJECTION_MOTIFS, motif)
            ? REJECTION_MOTIFS[motif as keyof typeof REJECTION_MOTIFS]
            : motif,
        }
      : null,
    reason: row.decisionReason?.trim() || null,
    decidedAt: row.decidedAt,
    signatory: row.decidedByName
      ? {
          fullName: row.decidedByName,
          quality:
            (row.decidedByRole && SIGNATORY_QUALITIES[row.decidedByRole]) ??
            "Pour le bureau d'aide juridictionnelle",
        }
      : null,
  };
}

/**
 * The letter of the application `where` finds (its id, and who may read it: its citizen, an
 * agent's courts), in one query; null when there is none, or it is not granted or rejected.
 */
export async function decisionLetterWhere(
  prisma: PrismaClient,
  where: Prisma.ApplicationWhereInput,
): Promise<DecisionLetter | null> {
  const row = await prisma.application.findFirst({
    where,
    include: { court: true, citizen: true, taxRecord: true },
  });
  return row ? letterFromApplication(row) : null;
}

/** The letter of one of the citizen's own applications, once decided; null for any other. */
export function ownDecisionLetter(
  prisma: PrismaClient,
  citizenId: string,
  applicationId: string,
): Promise<DecisionLetter | null> {
  return decisionLetterWhere(prisma, { id: applicationId, citizenId });
}

/** Legal references are not split at the end of a line: "n° 91-647", "art. 23". */
const ref = (text: string) => text.replace(/(n°|art\.) /g, "$1\u00a0");
const parisDate = (date: Date) => frenchDate(todayInFrance(date));
const capitalized = (text: string) => `${text.charAt(0).toUpperCase()}${text.slice(1)}`;
const decimal = (value: number) => String(value).replace(".", ",");
const amount = (value: number | null) => (value === null ? "non déclaré" : euros(value));

/** The paragraphs of the letter, in order, with their style. */
function paragraphs(letter: DecisionLetter): DocumentParagraph[] {
  const { paragraphs: out, add } = paragraphList();

  // Header.
  add("RÉPUBLIQUE FRANÇAISE", "small");
  add("Ministère de la Justice", "ministry");
  if (letter.court) add(letter.court, "header");
  add(letter.baj, "header", { gap: 14 });
  add("Décision d'aide juridictionnelle", "title");
  add(`Référence : ${letter.reference}`, "subtitle");

  // Applicant and procedure.
  add(letter.applicant.representation ? "Représentant" : "Demandeur", "heading");
  add(`${letter.applicant.fullName} (identité certifiée par FranceConnect)`);
  if (letter.applicant.representation) add(letter.applicant.representation);
  if (letter.applicant.address) add(`Adresse : ${letter.applicant.address}`);
  const { kind, subkind, role } = letter.procedure;
  const procedure = [
    kind === "PENAL" ? "pénale" : kind === "CIVIL" ? "civile" : null,
    subkind,
  ].filter(Boolean);
  if (procedure.length) add(`Procédure : ${procedure.join(", ")}`);
  if (role) add(`En qualité de : ${role}`);
  out[out.length - 1] = { ...(out[out.length - 1] as DocumentParagraph), gap: 10 };

  // Resources retained (décret 2020-1717 art. 55).
  add("Ressources retenues", "heading");
  const certified = letter.resources.certified;
  const declared = letter.resources.declared;
  if (declared) {
    add(
      `Revenus de la personne concernée, déclarés par son représentant : ${euros(declared.referenceTaxIncome)}`,
      "strong",
    );
    add(
      "Ces revenus n'ont pas été transmis par la DGFiP : ils sont déclarés, sous la responsabilité du représentant.",
    );
  } else if (certified?.situation) {
    const s = certified.situation;
    add(
      `Revenu fiscal de référence ${certified.incomeYear} : ${euros(s.referenceTaxIncome)}`,
      "strong",
    );
    add(
      `Données certifiées par la DGFiP, transmises le ${parisDate(certified.fetchedAt)} (identifiant d'échange ${certified.correlationId}).`,
    );
    add(
      `Foyer fiscal : ${decimal(s.parts)} part${s.parts > 1 ? "s" : ""} ; situation de famille : ${s.familySituation} ; personnes à charge : ${s.dependants}.`,
    );
  } else if (certified) {
    add(
      `Revenu fiscal de référence : la DGFiP n'a transmis aucun avis d'imposition sur les revenus ${certified.incomeYear} (réponse du ${parisDate(certified.fetchedAt)}, identifiant d'échange ${certified.correlationId}).`,
    );
  } else {
    add("Revenu fiscal de référence : non transmis par la DGFiP.");
  }
  const recent = letter.resources.recentIncome;
  if (recent) {
    add(
      `Ressources retenues à la place du revenu fiscal de référence, vos revenus ayant changé (décret n° 2020-1717, art. 4) : ${eurosAndCents(recent.retained)}`,
      "strong",
    );
    if (recent.calculation) add(recent.calculation);
  }
  if (letter.resources.householdSize !== null) {
    add(`Personnes du foyer retenues pour le barème : ${letter.resources.householdSize}.`);
  }
  add(
    `Patrimoine mobilier (épargne), déclaré par le demandeur : ${amount(letter.resources.declaredMovableAssets)}.`,
  );
  add(
    `Patrimoine immobilier hors résidence principale, déclaré par le demandeur : ${amount(letter.resources.declaredRealEstateAssets)}.`,
  );
  if (letter.scaleYear !== null) {
    add(ref(`Barème appliqué : ${letter.scaleYear} (loi n° 91-647 du 10 juillet 1991, art. 4).`));
  }
  out[out.length - 1] = { ...(out[out.length - 1] as DocumentParagraph), gap: 10 };

  // The decision.
  add("Décision", "heading");
  add("Le bureau d'aide juridictionnelle décide :");
  add(`${capitalized(letter.sentence)}.`, "strong");
  add(
    `${letter.outcomeLabel}. Part des frais prise en charge par l'État : ${letter.stateShare} %.`,
  );
  if (letter.stateShare === 55 || letter.stateShare === 25) {
    add(
      "Vous payez le reste à votre avocat. Il vous dit combien, par écrit, avant de commencer : c'est la « convention d'honoraires ».",
    );
  }
  if (letter.motif) add(`Motif : ${letter.motif.label}.`);
  if (letter.reason) add(`Motivation : ${letter.reason}`);
  out[out.length - 1] = { ...(out[out.length - 1] as DocumentParagraph), gap: 10 };

  // Date and signature.
  add(`Fait${letter.city ? ` à ${letter.city}` : ""}, le ${parisDate(letter.decidedAt)}.`, "body", {
    indent: 240,
  });
  if (letter.signatory) {
    add(letter.signatory.fullName, "strong", { indent: 240 });
    add(letter.signatory.quality, "body", { indent: 240, gap: 12 });
  } else {
    add("Pour le bureau d'aide juridictionnelle", "body", { indent: 240, gap: 12 });
  }

  // Notification and voies de recours (décret 2020-1717 art. 38, 69-72; loi 91-647 art. 23).
  add("Notification et voies de recours", "heading");
  add(
    ref(
      "Cette décision vous est notifiée dans votre espace personnel « Mes demandes » du service en ligne d'aide juridictionnelle : cette mise à disposition vaut notification (décret n° 2020-1717 du 28 décembre 2020, art. 38).",
    ),
    "body",
    { gap: 6 },
  );
  add(
    ref(
      `Vous pouvez contester cette décision dans un délai de quinze jours à compter de sa notification, par simple déclaration ou par lettre recommandée avec demande d'avis de réception adressée au bureau d'aide juridictionnelle qui l'a rendue (${letter.baj}). Le recours est examiné par le premier président de la cour d'appel, dont la décision n'est pas susceptible de recours. (Loi n° 91-647 du 10 juillet 1991, art. 23 ; décret n° 2020-1717 du 28 décembre 2020, art. 69 à 72.)`,
    ),
    "body",
    { gap: 6 },
  );
  // The same, in plain words (the legal sentences above stay as the law writes them).
  add(
    `En clair : vous avez 15 jours pour contester cette décision. Elle a été mise dans votre espace le ${parisDate(letter.decidedAt)}. Allez le dire au bureau d'aide juridictionnelle, ou envoyez-lui une lettre recommandée avec accusé de réception, en expliquant pourquoi vous n'êtes pas d'accord. Un juge de la cour d'appel (le premier président) réexaminera votre demande ; sa décision sera définitive.`,
    "body",
    { gap: 10 },
  );
  add(
    `Pour toute question, contactez le bureau : ses coordonnées sont sur la page « Aide et contact » du service en ligne. Rappelez la référence ${letter.reference}.`,
    "body",
    { color: "grey" },
  );
  return out;
}

/** The text of the letter, paragraph by paragraph, in the order drawn (wrapped when drawn). */
export function decisionLetterLines(letter: DecisionLetter): string[] {
  return paragraphs(letter).map((paragraph) => paragraph.text);
}

/** The letter as a document, drawn as a PDF (A4, one or more pages) or shown as a web page. */
export function decisionLetterDocument(letter: DecisionLetter): OfficialDocument {
  return {
    title: `Décision d'aide juridictionnelle ${letter.reference}`,
    author: letter.baj,
    subject: "Décision sur une demande d'aide juridictionnelle",
    createdAt: letter.decidedAt,
    filename: `decision-${letter.reference}.pdf`,
    paragraphs: paragraphs(letter),
    footer: `Décision ${letter.reference} — ${letter.baj}`,
  };
}
