/**
 * The BAJ's managed lists: the common requests for information, reused in one click, and the motifs
 * of a rejection. Pure data and rules (loi 91-647 art. 7; décret 2020-1717 art. 55).
 */

export const INFORMATION_REQUESTS = [
  {
    code: "CHANGE_OF_SITUATION",
    label: "Changement de situation depuis le dernier avis d'imposition",
    text: "Vos revenus ont-ils changé depuis votre dernier avis d'imposition (perte d'emploi, séparation, retraite…) ? Si oui, indiquez le montant des revenus perçus par votre foyer au cours des six derniers mois.",
  },
  {
    code: "PROCEDURE",
    label: "Précisions sur la procédure",
    text: "Précisez la juridiction saisie, le numéro de l'affaire s'il existe et la date de la prochaine audience.",
  },
  {
    code: "ASSETS",
    label: "Épargne et biens immobiliers",
    text: "Précisez la valeur de votre épargne et celle des biens immobiliers que vous possédez (hors résidence principale).",
  },
  {
    code: "INSURANCE",
    label: "Assurance de protection juridique",
    text: "Disposez-vous d'une assurance de protection juridique (contrat d'assurance habitation, automobile, carte bancaire…) qui couvrirait ce litige ? Si oui, indiquez l'assureur.",
  },
  {
    code: "LAWYER",
    label: "Avocat choisi",
    text: "Indiquez le nom de l'avocat qui a accepté de vous assister et son barreau, ou dites-nous si vous souhaitez qu'un avocat soit désigné.",
  },
] as const;

export const REJECTION_MOTIFS = {
  RESOURCES: "Ressources supérieures aux plafonds",
  ASSETS: "Patrimoine (épargne ou biens immobiliers) supérieur aux plafonds",
  INSURANCE: "Frais couverts par une assurance de protection juridique",
  INADMISSIBLE: "Action manifestement irrecevable ou dénuée de fondement",
} as const;

export type RejectionMotif = keyof typeof REJECTION_MOTIFS;
export const REJECTION_MOTIF_CODES = Object.keys(REJECTION_MOTIFS) as [
  RejectionMotif,
  ...RejectionMotif[],
];

/**
 * Loi 91-647 art. 7: an action "manifestement irrecevable ou dénuée de fondement" is a motif only
 * against the person who brings it (a claimant, a partie civile), never against a defendant, an
 * accused person (prévenu, mis en examen) or a témoin assisté.
 */
export function canRejectAsInadmissible(applicantRole: string | null): boolean {
  return applicantRole === "Demandeur" || applicantRole === "Partie civile (victime)";
}
