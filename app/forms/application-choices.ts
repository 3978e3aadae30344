/**
 * The steps of the application form and the choices it offers, without their schemas
 * (application.ts): the pages import these, and zod (about 100 kB compressed) stays out of the
 * browser's bundle.
 */

export const STEPS = ["identite", "ressources", "procedure", "recapitulatif"] as const;
export type Step = (typeof STEPS)[number];

export const STEP_TITLES: Record<Step, string> = {
  identite: "Identité et contact",
  ressources: "Ressources",
  procedure: "Procédure",
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

export const APPLICANT_ROLES = {
  CIVIL: ["Demandeur", "Défendeur"],
  PENAL: ["Partie civile (victime)", "Prévenu", "Mis en examen", "Témoin assisté"],
} as const;

export const PROCEDURE_STAGES = [
  "Avant toute procédure",
  "Juge déjà saisi",
  "Décision à exécuter",
  "Appel",
] as const;
