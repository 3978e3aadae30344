/**
 * Applying for someone else: a parent for their minor child, a tutor, curator or person authorised
 * by the judge for a protected adult. The citizen logged in with FranceConnect is the
 * representative; the application is the beneficiary's. Which resources count follows loi 91-647
 * art. 5 as this service reads it (docs/reference/regles-aide-juridictionnelle.md § 9, where what
 * could not be confirmed is marked NON CONFIRMÉ). Pure: no framework import.
 */

export const REPRESENTATIONS = ["SELF", "MINOR_CHILD", "PROTECTED_ADULT"] as const;
export type Representation = (typeof REPRESENTATIONS)[number];

export const CAPACITIES = ["PARENT", "TUTOR", "CURATOR", "FAMILY_AUTHORISATION"] as const;
export type Capacity = (typeof CAPACITIES)[number];

/** The capacities possible for each kind of representation. */
export const CAPACITIES_FOR: Record<Exclude<Representation, "SELF">, readonly Capacity[]> = {
  MINOR_CHILD: ["PARENT", "TUTOR"],
  PROTECTED_ADULT: ["TUTOR", "CURATOR", "FAMILY_AUTHORISATION"],
};

/** For whom, as the form asks it. */
export const REPRESENTATION_LABELS: Record<Representation, string> = {
  SELF: "Pour moi",
  MINOR_CHILD: "Pour un enfant mineur (mon enfant, ou un mineur dont je suis le tuteur)",
  PROTECTED_ADULT: "Pour un majeur protégé (tutelle, curatelle ou habilitation familiale)",
};

/** The capacity, as the letters and the agent's page state it (« en qualité de … »). */
export const CAPACITY_LABELS: Record<Capacity, string> = {
  PARENT: "parent exerçant l'autorité parentale",
  TUTOR: "tuteur ou tutrice",
  CURATOR: "curateur ou curatrice",
  FAMILY_AUTHORISATION: "personne habilitée par le juge (habilitation familiale)",
};

/** Whose resources the estimate compares with the ceilings. */
export type ResourcesSource =
  /** The representative's tax notice, certified by the DGFiP (their own, or their foyer's child). */
  | "REPRESENTATIVE_TAX_NOTICE"
  /** The beneficiary's own, declared by the representative: the BAJ checks them. */
  | "DECLARED";

/**
 * - For oneself: one's own foyer (the tax notice).
 * - For a minor child: the foyer the child lives in, hence the parent's tax notice — unless the
 *   procedure opposes the child to the parents or they show no interest in it, when the child's own
 *   resources are assessed apart (loi 91-647 art. 5).
 * - For a protected adult: their own resources; the representative's FranceConnect gives the
 *   representative's tax data, never the protected adult's, so they are declared.
 */
export function resourcesSource(draft: {
  representation: Representation | null;
  separateResources: boolean | null;
}): ResourcesSource {
  if (draft.representation === "PROTECTED_ADULT") return "DECLARED";
  if (draft.representation === "MINOR_CHILD" && draft.separateResources) return "DECLARED";
  return "REPRESENTATIVE_TAX_NOTICE";
}

/** Age in whole years on `today` ("YYYY-MM-DD" both). */
export function ageOn(birthdate: string, today: string): number {
  const [by, bm, bd] = birthdate.split("-").map(Number) as [number, number, number];
  const [ty, tm, td] = today.split("-").map(Number) as [number, number, number];
  return ty - by - (tm < bm || (tm === bm && td < bd) ? 1 : 0);
}

/**
 * Who applies, for whom, in one sentence (the recap, the agent's page, the letters); null when the
 * citizen applies for themselves.
 */
export function representationSentence(app: {
  representation: Representation | null;
  representativeCapacity: Capacity | null;
  beneficiaryGivenName: string | null;
  beneficiaryFamilyName: string | null;
  representativeName: string;
}): string | null {
  if (!app.representation || app.representation === "SELF") return null;
  const beneficiary = `${app.beneficiaryGivenName ?? ""} ${app.beneficiaryFamilyName ?? ""}`.trim();
  const capacity = app.representativeCapacity ? CAPACITY_LABELS[app.representativeCapacity] : "";
  const kind = app.representation === "MINOR_CHILD" ? "personne mineure" : "majeur protégé";
  return `Demande présentée pour ${beneficiary} (${kind}) par ${app.representativeName}, en qualité de ${capacity}.`;
}
