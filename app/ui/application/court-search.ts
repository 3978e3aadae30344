/** Searching the list of courts by city or département (pure, unit-tested). */

export type CourtOption = { id: string; label: string; city: string; departement: string };

/** "Saint-Étienne" → "saint etienne": what the search compares. */
export function searchable(text: string): string {
  return text
    .normalize("NFD")
    .replace(/\p{Diacritic}/gu, "")
    .toLowerCase()
    .replace(/[-'’\s]+/g, " ")
    .trim();
}

export function matchingCourts(courts: CourtOption[], query: string): CourtOption[] {
  const wanted = searchable(query);
  if (!wanted) return courts;
  const departement = wanted.replace(/^0(?=\d)/, "");
  return courts.filter(
    (court) =>
      searchable(court.city).includes(wanted) ||
      court.departement.toLowerCase().replace(/^0(?=\d)/, "") === departement,
  );
}
