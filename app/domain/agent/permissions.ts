/**
 * What each role of a bureau d'aide juridictionnelle may do. Pure: no framework, no I/O.
 * Décret 2020-1717 art. 52-54: greffe agents instruct the files and propose; the président of the
 * BAJ, or the vice-président (the directeur de greffe) by delegation, decides and signs. The
 * ministry's statistics service reads figures across courts, never personal data.
 * Which courts an agent reaches is the other half of authorization (app/server/agent/).
 */

export const AGENT_ROLES = [
  "INSTRUCTEUR",
  "PRESIDENT",
  "VICE_PRESIDENT",
  "NATIONAL_READER",
] as const;
export type AgentRole = (typeof AGENT_ROLES)[number];

export const ROLE_LABELS: Record<AgentRole, string> = {
  INSTRUCTEUR: "Instructeur ou instructrice",
  PRESIDENT: "Président ou présidente du BAJ",
  VICE_PRESIDENT: "Vice-président ou vice-présidente du BAJ (directeur de greffe)",
  NATIONAL_READER: "Lecteur national (statistiques)",
};

export type Permission =
  /** See the court's queue and its applications (personal data). */
  | "review"
  /** Take, ask for information, propose a decision, transfer, write to the citizen. */
  | "instruct"
  /** Sign a proposed decision, decide directly, record a lapse, send a proposal back. */
  | "sign"
  /** Add agents to the BAJ, change their role, deactivate them. */
  | "manageAgents"
  /** Figures of every court, without personal data. */
  | "nationalStatistics"
  /** The state of the audit trail and the history of an application (the président answers for it). */
  | "audit";

const GRANTS: Record<AgentRole, readonly Permission[]> = {
  INSTRUCTEUR: ["review", "instruct"],
  VICE_PRESIDENT: ["review", "instruct", "sign"],
  PRESIDENT: ["review", "instruct", "sign", "manageAgents", "audit"],
  NATIONAL_READER: ["nationalStatistics"],
};

export function can(role: AgentRole, permission: Permission): boolean {
  return GRANTS[role].includes(permission);
}

/** The roles a président may give in their BAJ (the national reader is provisioned nationally). */
export const ASSIGNABLE_ROLES = [
  "INSTRUCTEUR",
  "VICE_PRESIDENT",
  "PRESIDENT",
] as const satisfies readonly AgentRole[];
