/**
 * The simulator's form: what a citizen types, validated with French messages. Shared by the server
 * (which computes) and the page (which shows the errors).
 */
import { z } from "zod";

/** "12 500", "12500,50", "12 500 €" → 12500.5; anything else stays as typed (and fails). */
function parseAmount(value: unknown): unknown {
  if (typeof value !== "string") return value;
  const cleaned = value.replace(/[\s\u00a0\u202f€]/g, "").replace(",", ".");
  if (cleaned === "") return undefined;
  return /^\d+(\.\d{1,2})?$/.test(cleaned) ? Number(cleaned) : value;
}

const amount = (label: string) =>
  z.preprocess(
    parseAmount,
    z
      .number({
        error: (issue) =>
          issue.input === undefined
            ? `Indiquez ${label}, en euros (0 si vous n'en avez pas).`
            : `${label.charAt(0).toUpperCase()}${label.slice(1)} doit être un montant en euros, par exemple 12 500.`,
      })
      .max(100_000_000, `Vérifiez ${label} : le montant semble trop élevé.`),
  );

export const simulatorSchema = z.object({
  referenceTaxIncome: amount("le revenu fiscal de référence"),
  householdSize: z.preprocess(
    (value) => (value === "" ? undefined : typeof value === "string" ? Number(value) : value),
    z
      .number({ error: "Indiquez le nombre de personnes de votre foyer fiscal." })
      .int("Le nombre de personnes doit être un nombre entier.")
      .min(1, "Le foyer compte au moins une personne : vous.")
      .max(30, "Vérifiez le nombre de personnes du foyer."),
  ),
  movableAssets: amount("le patrimoine mobilier"),
  realEstateAssets: amount("le patrimoine immobilier"),
  seriousCrimeVictim: z.preprocess((value) => value === "oui", z.boolean()),
});

export type SimulatorValues = z.infer<typeof simulatorSchema>;

export const SIMULATOR_FIELDS = {
  referenceTaxIncome: "Revenu fiscal de référence du foyer",
  householdSize: "Nombre de personnes du foyer fiscal",
  movableAssets: "Patrimoine mobilier",
  realEstateAssets: "Patrimoine immobilier, hors résidence principale",
  seriousCrimeVictim: "Victime d'un crime grave",
} as const;

export type SimulatorField = keyof typeof SIMULATOR_FIELDS;

/** Parses submitted fields; returns the values, or an error message per field. */
export function parseSimulator(
  fields: Record<string, string | undefined>,
):
  | { ok: true; values: SimulatorValues }
  | { ok: false; errors: Partial<Record<SimulatorField, string>> } {
  const result = simulatorSchema.safeParse(fields);
  if (result.success) return { ok: true, values: result.data };
  const errors: Partial<Record<SimulatorField, string>> = {};
  for (const issue of result.error.issues) {
    const field = issue.path[0] as SimulatorField;
    errors[field] ??= issue.message;
  }
  return { ok: false, errors };
}
