/**
 * The choice of the tribunal judiciaire among the 171 of the seeded list. A native select (works
 * without JavaScript, typeahead on the city, the phone's own picker), enhanced with a search field
 * that narrows the list by city or département, accents and case ignored, and says how many courts
 * match.
 *
 * The search field is in the page from its first paint, hidden where scripts do not run
 * (`app-js-only`, root.tsx), disabled until the page is hydrated (Enter in it would submit the
 * step before its script can stop that): added at hydration, it pushed the list and the rest of
 * the form down (a layout shift).
 */
import { Input } from "@codegouvfr/react-dsfr/Input";
import { Select } from "@codegouvfr/react-dsfr/Select";
import { useEffect, useState } from "react";
import { type CourtOption, matchingCourts } from "./court-search";
import { state } from "./field-state";

export function CourtSelect({
  courts,
  defaultValue,
  errors,
}: {
  courts: CourtOption[];
  defaultValue: string;
  errors: Record<string, string>;
}) {
  const [enhanced, setEnhanced] = useState(false);
  const [query, setQuery] = useState("");
  const [selected, setSelected] = useState(defaultValue);
  useEffect(() => setEnhanced(true), []);

  const matches = matchingCourts(courts, query);
  const matching = new Set(matches);
  // The chosen court stays in the list, whatever is searched.
  const shown = courts.filter((court) => court.id === selected || matching.has(court));

  return (
    <>
      <Input
        className="app-js-only"
        disabled={!enhanced}
        label="Rechercher un tribunal"
        hintText="Ville ou numéro de département, par exemple « Lyon » ou « 69 »."
        nativeInputProps={{
          type: "search",
          value: query,
          autoComplete: "off",
          "aria-controls": "courtId",
          onChange: (event) => setQuery(event.target.value),
          // Enter searches; it must not submit the step.
          onKeyDown: (event) => {
            if (event.key === "Enter") event.preventDefault();
          },
        }}
      />
      <p className="fr-sr-only" role="status">
        {enhanced && query.trim()
          ? matches.length === 0
            ? "Aucun tribunal ne correspond à votre recherche."
            : `${matches.length} tribunal${matches.length > 1 ? "aux correspondent" : " correspond"} à votre recherche.`
          : ""}
      </p>
      <Select
        label="Tribunal judiciaire"
        hint="Celui qui est saisi ou à saisir : en général, celui de votre domicile ou de la partie adverse. Tapez les premières lettres de la ville pour y aller directement."
        {...state(errors, "courtId")}
        nativeSelectProps={{
          id: "courtId",
          name: "courtId",
          value: selected,
          onChange: (event) => setSelected(event.target.value),
        }}
      >
        <option value="">
          {enhanced && query.trim() && matches.length === 0
            ? "Aucun tribunal ne correspond : modifiez la recherche"
            : "Choisir un tribunal"}
        </option>
        {shown.map((court) => (
          <option key={court.id} value={court.id}>
            {court.city} ({court.departement})
          </option>
        ))}
      </Select>
    </>
  );
}
