/**
 * What a BAJ agent sends when reviewing an application: a request for information, a decision.
 * Shared by the service (which refuses anything else) and the back-office pages.
 */
import { z } from "zod";
import { trimmed } from "./fields";

const text = (label: string, max: number) =>
  z.preprocess(
    trimmed,
    z
      .string({ error: `Écrivez ${label}.` })
      .min(1, `Écrivez ${label}.`)
      .max(
        max,
        `${label.charAt(0).toUpperCase()}${label.slice(1)} : ${max.toLocaleString("fr-FR")} caractères au plus.`,
      ),
  );

export const informationRequestSchema = z.object({
  body: text("la précision demandée", 2_000),
});

export const DECISION_OUTCOMES = ["FULL", "PARTIAL_55", "PARTIAL_25", "INELIGIBLE"] as const;
export type DecisionOutcome = (typeof DECISION_OUTCOMES)[number];

/** The share of the costs the State takes on, for each outcome. */
export const STATE_SHARES: Record<DecisionOutcome, 100 | 55 | 25 | 0> = {
  FULL: 100,
  PARTIAL_55: 55,
  PARTIAL_25: 25,
  INELIGIBLE: 0,
};

export const decisionSchema = z
  .object({
    outcome: z.enum(DECISION_OUTCOMES, { error: "Choisissez la décision." }),
    reason: z.preprocess(
      (value) => (trimmed(value) === "" ? undefined : trimmed(value)),
      text("le motif", 2_000).optional(),
    ),
  })
  // A refusal is always motivated (the citizen may contest it).
  .refine((decision) => decision.outcome !== "INELIGIBLE" || decision.reason, {
    path: ["reason"],
    message: "Un rejet doit être motivé : écrivez le motif.",
  });

export type Decision = z.output<typeof decisionSchema>;
