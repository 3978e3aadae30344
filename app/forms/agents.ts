/** What a président sends to manage the agents of the BAJ. */
import { z } from "zod";
import { ASSIGNABLE_ROLES } from "~/domain/agent/permissions";
import { requiredText, trimmed } from "./fields";
import { defineSchema } from "./plain";

const role = /* @__PURE__ */ defineSchema(() =>
  z.enum(ASSIGNABLE_ROLES, { error: "Choisissez un rôle." }),
);

export const addAgentSchema = /* @__PURE__ */ defineSchema(() =>
  z.object({
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
  }),
);

export const changeRoleSchema = /* @__PURE__ */ defineSchema(() =>
  z.object({ agentId: z.uuid(), role }),
);
export const agentIdSchema = /* @__PURE__ */ defineSchema(() => z.object({ agentId: z.uuid() }));
