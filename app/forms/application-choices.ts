/**
 * The steps of the application form and the choices it offers, without their schemas
 * (application.ts): the pages import these, and zod (about 100 kB compressed) stays out of the
 * browser's bundle.
 */

export const STEPS = ["identite", "ressources", "procedure", "recapitulatif"] as const;
export type Step = (typeof STEPS)[number];

export const STEP_TITLES: Record<Step, string> = {
  identite: "Identité et contact",
  // Plain words: « Ressources » and « Procédure » are the administration's words, not the citizen's.
  ressources: "Revenus et patrimoine",
  procedure: "Votre affaire en justice",
  recapitulatif: "Récapitulatif",
};

export const CASE_SUBKINDS = {
  CIVIL: [
    "Famille (divorce, séparation, enfants)",
    "Logement",
    "Travail",
    "Consommation",
    "Dettes et surendettement",
    "Voisinage",
    "Autre affaire civile",
  ],
  PENAL: [
    "Violences",
    "Vol ou escroquerie",
    "Atteinte aux biens",
    "Circulation routière",
    "Autre affaire pénale",
  ],
} as const;

/** The applicant's role in the case: the values stored (and read by the bureau), legal words. */
export const APPLICANT_ROLES = {
  CIVIL: ["Demandeur", "Défendeur"],
  PENAL: ["Partie civile (victime)", "Prévenu", "Accusé", "Mis en examen", "Témoin assisté"],
} as const;

export type ApplicantRole = (typeof APPLICANT_ROLES)[keyof typeof APPLICANT_ROLES][number];

/** What each role means, in plain words: the hint of its option in the form. */
export const APPLICANT_ROLE_HINTS: Record<ApplicantRole, string> = {
  Demandeur: "C'est vous qui demandez quelque chose au juge, ou qui voulez le faire.",
  Défendeur: "Une autre personne ou un organisme vous attaque en justice.",
  "Partie civile (victime)":
    "Vous êtes victime des faits et vous demandez réparation (par exemple, une indemnisation).",
  Prévenu:
    "On vous reproche une infraction : le tribunal correctionnel ou le tribunal de police doit vous juger.",
  Accusé:
    "Vous êtes jugé(e) pour un crime, devant la cour d'assises ou la cour criminelle départementale.",
  "Mis en examen":
    "Un juge d'instruction enquête sur des faits et a des raisons sérieuses de penser que vous y avez participé.",
  "Témoin assisté":
    "Un juge d'instruction vous interroge sur des faits auxquels vous avez pu participer. Vous n'êtes pas mis(e) en examen, mais vous avez droit à un avocat.",
};

/** Where the case stands: the values stored (and read by the bureau). */
export const PROCEDURE_STAGES = [
  "Avant toute procédure",
  "Juge déjà saisi",
  "Décision à exécuter",
  "Appel",
] as const;

export type ProcedureStage = (typeof PROCEDURE_STAGES)[number];

/** What each stage means, in plain words: the hint of its option in the form. */
export const PROCEDURE_STAGE_HINTS: Record<ProcedureStage, string> = {
  "Avant toute procédure": "Aucun juge ne s'occupe encore de l'affaire.",
  "Juge déjà saisi": "Un juge s'occupe déjà de l'affaire, mais il n'a pas encore décidé.",
  "Décision à exécuter":
    "Le juge a décidé. Il faut maintenant faire appliquer sa décision (par exemple, obtenir le paiement d'une somme).",
  Appel:
    "Un premier jugement a été rendu. Il est contesté devant la cour d'appel, par vous ou par une autre personne.",
};
