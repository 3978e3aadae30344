/** What a président sends to manage the agents of the BAJ. */
import { z } from "zod";
import { ASSIGNABLE_ROLES } from "~/domain/agent/permissions";
import { requiredText, trimmed } from "./fields";

const role = z.enum(ASSIGNABLE_ROLES, { error: "Choisissez un rôle." });

export const addAgentSchema = z.object({
  email: z.preprocess(
    (value) =>
      typeof trimmed(value) === "string" ? (trimmed(value) as string).toLowerCase() : value,
    z
      .email({
        error:
          "Indiquez l'adresse électronique professionnelle, par exemple prenom.nom@justice.fr.",
      })
      .max(200, "Adresse électronique : 200 caractères au plus."),
  ),
  givenName: requiredText(100, {
    missing: "Indiquez le prénom.",
    tooLong: "Prénom : 100 caractères au plus.",
  }),
  usualName: requiredText(100, {
    missing: "Indiquez le nom.",
    tooLong: "Nom : 100 caractères au plus.",
  }),
  role,
  courtId: z.uuid({ error: "Choisissez le tribunal." }),
});

export const changeRoleSchema = z.object({ agentId: z.uuid(), role });
export const agentIdSchema = z.object({ agentId: z.uuid() });
