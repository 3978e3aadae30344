/** FranceConnect (low) scopes and the claims they release (shared reference §1.8, §2.4). */

export const IDENTITY_CLAIMS = {
  openid: ["sub"],
  given_name: ["given_name", "given_name_array"],
  family_name: ["family_name"],
  birthdate: ["birthdate"],
  gender: ["gender"],
  birthplace: ["birthplace"],
  birthcountry: ["birthcountry"],
  email: ["email"],
  preferred_username: ["preferred_username"],
  profile: [
    "given_name",
    "given_name_array",
    "family_name",
    "birthdate",
    "gender",
    "preferred_username",
  ],
  birth: ["birthplace", "birthcountry"],
  identite_pivot: [
    "given_name",
    "given_name_array",
    "family_name",
    "birthdate",
    "gender",
    "birthplace",
    "birthcountry",
  ],
} as const;

/** Data scopes served by the DGFiP ("API Impôt particulier"): FC releases no claim for them. */
export const DGFIP_SCOPES: Record<string, string> = {
  dgfip_rfr: "Revenu fiscal de référence",
  dgfip_nbpart: "Nombre de parts",
  dgfip_sitfam: "Situation de famille",
  dgfip_nbpac: "Nombre de personnes à charge",
  dgfip_pac: "Détail des personnes à charge et rattachées",
  dgfip_aft: "Adresse déclarée au 1er janvier",
  dgfip_decl: "État civil des déclarants du foyer",
  dgfip_pariso: "Parent isolé (case T)",
  dgfip_inddeficit: "Indicateur de déficit",
  dgfip_mntRevbareme: "Montant de l'impôt sur les revenus soumis au barème",
  dgfip_annee_n_moins_1: "Revenus de la dernière année",
  dgfip_annee_n_moins_2: "Revenus de l'avant-dernière année",
  dgfip_annee_n_moins_3: "Revenus d'il y a trois ans",
  dgfip_annee_n_moins_2_si_indispo_n_moins_1:
    "Revenus de l'avant-dernière année si ceux de la dernière année sont indisponibles",
};

/**
 * Data scopes served by France Travail (« API FranceConnectées » `api_fc-liste-paiementsv1`, served
 * locally by mocks/france-travail, and `api_fc-statutaugmentev1`): FC releases no claim for them.
 */
export const FRANCE_TRAVAIL_SCOPES: Record<string, string> = {
  "api_fc-liste-paiementsv1": "Paiements versés par France Travail",
  "api_fc-statutaugmentev1": "Statut de demandeur d'emploi",
};

/** Every data scope a data provider registered at the local FranceConnect may serve. */
export const DATA_SCOPES = [...Object.keys(DGFIP_SCOPES), ...Object.keys(FRANCE_TRAVAIL_SCOPES)];

export const CLAIM_LABELS: Record<string, string> = {
  sub: "Identifiant technique",
  given_name: "Prénoms",
  given_name_array: "Prénoms",
  family_name: "Nom de naissance",
  birthdate: "Date de naissance",
  gender: "Sexe",
  birthplace: "Lieu de naissance",
  birthcountry: "Pays de naissance",
  email: "Adresse électronique",
  preferred_username: "Nom d'usage",
};

/** Labels of what a set of scopes transmits, for the consent screen. */
export function dataLabels(scopes: string[]): string[] {
  const labels = new Set<string>();
  for (const scope of scopes) {
    const claims = IDENTITY_CLAIMS[scope as keyof typeof IDENTITY_CLAIMS];
    if (claims) {
      for (const claim of claims) if (claim !== "sub") labels.add(CLAIM_LABELS[claim] ?? claim);
    } else if (DGFIP_SCOPES[scope]) {
      labels.add(`${DGFIP_SCOPES[scope]} (DGFiP)`);
    } else if (FRANCE_TRAVAIL_SCOPES[scope]) {
      labels.add(`${FRANCE_TRAVAIL_SCOPES[scope]} (France Travail)`);
    }
  }
  return [...labels];
}
