import { describe, expect, it } from "vitest";
import { type CourtOption, matchingCourts, searchable } from "~/ui/application/court-search";

const court = (city: string, departement: string): CourtOption => ({
  id: city,
  label: `Tribunal judiciaire de ${city} (${departement})`,
  city,
  departement,
});
const COURTS = [
  court("Charleville-Mézières", "08"),
  court("Le Mans", "72"),
  court("Saint-Étienne", "42"),
  court("Saint-Denis", "974"),
  court("Lyon", "69"),
  court("Villefranche-sur-Saône", "69"),
];
const cities = (query: string) => matchingCourts(COURTS, query).map((c) => c.city);

describe("court search", () => {
  it("ignores accents, case, hyphens and apostrophes", () => {
    expect(searchable("  Saint-Étienne ")).toBe("saint etienne");
    expect(searchable("L’Isle-d'Abeau")).toBe("l isle d abeau");
    expect(cities("MEZIERES")).toEqual(["Charleville-Mézières"]);
    expect(cities("saint etienne")).toEqual(["Saint-Étienne"]);
    expect(cities("saint")).toEqual(["Saint-Étienne", "Saint-Denis"]);
  });

  it("finds a court inside its city's name, or by the exact département number", () => {
    expect(cities("mans")).toEqual(["Le Mans"]);
    expect(cities("69")).toEqual(["Lyon", "Villefranche-sur-Saône"]);
    // "7" is no département: nothing, rather than every number containing a 7.
    expect(cities("7")).toEqual([]);
    expect(cities("974")).toEqual(["Saint-Denis"]);
    expect(cities("8")).toEqual(["Charleville-Mézières"]);
    expect(cities("08")).toEqual(["Charleville-Mézières"]);
  });

  it("an empty search shows every court; a search without match, none", () => {
    expect(cities("   ")).toHaveLength(COURTS.length);
    expect(cities("zzz")).toEqual([]);
  });
});
