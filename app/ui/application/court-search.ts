/** Searching the list of courts by city or département (pure, unit-tested). */
import { searchable } from "~/domain/french";

export { searchable };

export type CourtOption = { id: string; label: string; city: string; departement: string };

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
