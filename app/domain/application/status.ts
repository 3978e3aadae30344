/**
 * The statuses of an application for aide juridictionnelle and their French labels. Pure: no
 * framework, no I/O. What moves an application from one status to another is a named event of
 * `./events.ts`, the only way a status changes.
 */

export const APPLICATION_STATUSES = [
  "DRAFT",
  "SUBMITTED",
  "IN_REVIEW",
  "INFORMATION_REQUESTED",
  "DECISION_PROPOSED",
  "GRANTED",
  "REJECTED",
  "LAPSED",
  "WITHDRAWN",
] as const;

export type ApplicationStatus = (typeof APPLICATION_STATUSES)[number];

type Submitted = Exclude<ApplicationStatus, "DRAFT">;

/** Every status of an application once submitted (all but the draft): what agents see. */
export const SUBMITTED_STATUSES = APPLICATION_STATUSES.filter(
  (status): status is Submitted => status !== "DRAFT",
) as [Submitted, ...Submitted[]];

/** Decided, lapsed or withdrawn: nothing can change any more. */
export const FINAL_STATUSES = [
  "GRANTED",
  "REJECTED",
  "LAPSED",
  "WITHDRAWN",
] as const satisfies readonly ApplicationStatus[];

/** French labels, as shown to agents (the back-office's words). */
export const STATUS_LABELS: Record<ApplicationStatus, string> = {
  DRAFT: "Brouillon",
  SUBMITTED: "Déposée",
  IN_REVIEW: "En cours d'instruction",
  INFORMATION_REQUESTED: "En attente de précisions",
  // The citizen sees an application waiting for its signature as still being examined.
  DECISION_PROPOSED: "Décision proposée",
  GRANTED: "Accordée",
  REJECTED: "Rejetée",
  LAPSED: "Caduque",
  WITHDRAWN: "Désistement",
};

/** A status as the citizen sees it (`citizenStatus`): never a decision proposed but not signed. */
export type CitizenStatus = Exclude<ApplicationStatus, "DECISION_PROPOSED">;

/**
 * What the citizen reads of each status, in plain words (« Caduque », « Désistement » are the
 * agents' words).
 */
const CITIZEN_STATUS_LABELS: Record<CitizenStatus, string> = {
  DRAFT: "Brouillon",
  SUBMITTED: "Déposée",
  IN_REVIEW: "En cours d'examen",
  INFORMATION_REQUESTED: "Votre réponse est attendue",
  GRANTED: "Accordée",
  REJECTED: "Refusée",
  LAPSED: "Arrêtée faute de réponse",
  WITHDRAWN: "Retirée",
};

export function isFinal(status: ApplicationStatus): boolean {
  return (FINAL_STATUSES as readonly ApplicationStatus[]).includes(status);
}

export function isDecided(status: ApplicationStatus): status is "GRANTED" | "REJECTED" {
  return status === "GRANTED" || status === "REJECTED";
}

/**
 * What the citizen is shown: a decision proposed but not signed is still « en cours
 * d'instruction » (the président may change it).
 */
export function citizenStatus(status: ApplicationStatus): CitizenStatus {
  return status === "DECISION_PROPOSED" ? "IN_REVIEW" : status;
}

/** The label the citizen reads of a status, in plain words (a proposed decision: « En cours d'examen »). */
export function citizenStatusLabel(status: ApplicationStatus): string {
  return CITIZEN_STATUS_LABELS[citizenStatus(status)];
}
