/**
 * How the local providers of « API FranceConnectées » reconcile the pivot identity FranceConnect
 * sends them (checktoken's `token_introspection`) with their own files.
 */

/** The pivot identity a provider knows a person by (upper-case names, as in its files). */
export type PivotMatch = {
  family_name: string;
  given_name: string;
  birthdate: string;
  gender: "male" | "female";
};

/** The pivot identity as checktoken's `token_introspection` sends it (claims may be missing). */
export type PivotClaims = {
  family_name?: unknown;
  given_name?: unknown;
  birthdate?: unknown;
  gender?: unknown;
};

const normalise = (value: string) =>
  value
    .normalize("NFD")
    .replace(/\p{Diacritic}/gu, "")
    .toUpperCase()
    .trim();

/**
 * The one person of `people` whose pivot identity is FranceConnect's (names without accents nor
 * case, birth date and gender exactly), or none: no match, or several.
 */
export function findByPivotIdentity<T extends { match: PivotMatch }>(
  people: readonly T[],
  identity: PivotClaims,
): T | undefined {
  const matches = people.filter(
    ({ match }) =>
      normalise(match.family_name) === normalise(String(identity.family_name ?? "")) &&
      normalise(match.given_name) === normalise(String(identity.given_name ?? "")) &&
      match.birthdate === identity.birthdate &&
      match.gender === identity.gender,
  );
  return matches.length === 1 ? matches[0] : undefined;
}
