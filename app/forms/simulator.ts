/**
 * The simulator's form: what a citizen types, validated with French messages. Shared by the server
 * (which computes) and the page (which shows the errors).
 */
import { z } from "zod";
import { amount, firstErrorPerField } from "./fields";
import { defineSchema } from "./plain";

export const simulatorSchema = /* @__PURE__ */ defineSchema(() =>
  z.object({
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
  }),
);

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
  return { ok: false, errors: firstErrorPerField(result.error.issues) };
}
