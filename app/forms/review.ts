/**
 * What a BAJ agent sends when reviewing an application: a request for information, a decision.
 * Shared by the service (which refuses anything else) and the back-office pages.
 */
import { z } from "zod";
import { OUTCOMES } from "~/domain/eligibility";
import { optionalText, requiredText } from "./fields";

export const informationRequestSchema = z.object({
  body: requiredText(2_000, {
    missing: "Écrivez la précision demandée.",
    tooLong: "Précision demandée : 2 000 caractères au plus.",
  }),
});

export const decisionSchema = z
  .object({
    outcome: z.enum(OUTCOMES, { error: "Choisissez la décision." }),
    reason: optionalText(2_000, "Motif"),
  })
  // A refusal is always motivated (the citizen may contest it).
  .refine((decision) => decision.outcome !== "INELIGIBLE" || decision.reason, {
    path: ["reason"],
    message: "Un rejet doit être motivé : écrivez le motif.",
  });

export type Decision = z.output<typeof decisionSchema>;
