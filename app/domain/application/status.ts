/**
 * The statuses of an application for aide juridictionnelle and the only transitions allowed
 * between them. Pure: no framework, no I/O. Every status change in the app goes through
 * `assertTransition`, and writes an audit event in the same transaction.
 */

export const APPLICATION_STATUSES = [
  "DRAFT",
  "SUBMITTED",
  "IN_REVIEW",
  "INFORMATION_REQUESTED",
  "GRANTED",
  "REJECTED",
  "WITHDRAWN",
] as const;

export type ApplicationStatus = (typeof APPLICATION_STATUSES)[number];

/** Who may trigger a transition. */
export type Actor = "CITIZEN" | "AGENT";

type Transition = { to: ApplicationStatus; by: Actor };

const TRANSITIONS: Record<ApplicationStatus, readonly Transition[]> = {
  DRAFT: [{ to: "SUBMITTED", by: "CITIZEN" }],
  SUBMITTED: [
    { to: "IN_REVIEW", by: "AGENT" },
    { to: "WITHDRAWN", by: "CITIZEN" },
  ],
  IN_REVIEW: [
    { to: "INFORMATION_REQUESTED", by: "AGENT" },
    { to: "GRANTED", by: "AGENT" },
    { to: "REJECTED", by: "AGENT" },
    { to: "WITHDRAWN", by: "CITIZEN" },
  ],
  INFORMATION_REQUESTED: [
    { to: "IN_REVIEW", by: "CITIZEN" },
    { to: "IN_REVIEW", by: "AGENT" },
    { to: "WITHDRAWN", by: "CITIZEN" },
  ],
  GRANTED: [],
  REJECTED: [],
  WITHDRAWN: [],
};

/** French labels, as shown to citizens and agents. */
export const STATUS_LABELS: Record<ApplicationStatus, string> = {
  DRAFT: "Brouillon",
  SUBMITTED: "Déposée",
  IN_REVIEW: "En cours d'instruction",
  INFORMATION_REQUESTED: "En attente de précisions",
  GRANTED: "Accordée",
  REJECTED: "Rejetée",
  WITHDRAWN: "Désistement",
};

export function canTransition(from: ApplicationStatus, to: ApplicationStatus, by: Actor): boolean {
  return TRANSITIONS[from].some((transition) => transition.to === to && transition.by === by);
}

/** "Une demande « Déposée » ne peut pas passer à « Accordée »", for the person who tried. */
export function refusedTransition(from: ApplicationStatus, to: ApplicationStatus): string {
  return `Une demande « ${STATUS_LABELS[from]} » ne peut pas passer à « ${STATUS_LABELS[to]} »`;
}

export class TransitionError extends Error {
  override name = "TransitionError";
  constructor(
    readonly from: ApplicationStatus,
    readonly to: ApplicationStatus,
    readonly by: Actor,
  ) {
    super(
      `${refusedTransition(from, to)} à l'initiative ${by === "CITIZEN" ? "du demandeur" : "d'un agent"}.`,
    );
  }
}

export function assertTransition(from: ApplicationStatus, to: ApplicationStatus, by: Actor): void {
  if (!canTransition(from, to, by)) throw new TransitionError(from, to, by);
}

/** Decided or withdrawn: nothing can change any more. */
export function isFinal(status: ApplicationStatus): boolean {
  return TRANSITIONS[status].length === 0;
}

export type Step = { from: ApplicationStatus; to: ApplicationStatus; by: Actor };

/** The shortest sequence of transitions from DRAFT to `status` (sample data, timelines). */
export function pathTo(status: ApplicationStatus): Step[] {
  const queue: { at: ApplicationStatus; steps: Step[] }[] = [{ at: "DRAFT", steps: [] }];
  const seen = new Set<ApplicationStatus>(["DRAFT"]);
  for (let item = queue.shift(); item; item = queue.shift()) {
    if (item.at === status) return item.steps;
    for (const { to, by } of TRANSITIONS[item.at]) {
      if (seen.has(to)) continue;
      seen.add(to);
      queue.push({ at: to, steps: [...item.steps, { from: item.at, to, by }] });
    }
  }
  throw new Error(`Statut inaccessible depuis le brouillon : ${status}`);
}
