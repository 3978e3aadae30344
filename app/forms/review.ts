/**
 * What a BAJ agent sends when reviewing an application: a request for information, a proposed or
 * direct decision, a transfer, a message, a note. Shared by the services (which refuse anything
 * else) and the back-office pages. The decision's rules depend on the application (its computed
 * outcome, the applicant's role): `decisionSchemaFor` builds the schema for one application.
 */
import { z } from "zod";
import {
  canRejectAsInadmissible,
  INFORMATION_REQUESTS,
  REJECTION_MOTIF_CODES,
  REJECTION_MOTIFS,
} from "~/domain/application/motifs";
import { OUTCOME_LABELS, OUTCOMES } from "~/domain/eligibility";
import { optionalText, requiredText, trimmed } from "./fields";
import { defineSchema } from "./plain";

const DAY = 24 * 60 * 60 * 1000;

/** The reply deadline by default: one month (décret 2020-1717; see docs). */
export function defaultReplyDeadline(now = new Date()): Date {
  const deadline = new Date(now);
  deadline.setMonth(deadline.getMonth() + 1);
  return deadline;
}

const isoDay = (value: Date) => value.toISOString().slice(0, 10);

/** A common request from the managed list, completed (or replaced) by the agent's own words. */
function composeRequest(form: unknown): unknown {
  if (typeof form !== "object" || form === null) return form;
  const fields = form as Record<string, unknown>;
  const template = INFORMATION_REQUESTS.find((request) => request.code === fields.template);
  const own = typeof fields.body === "string" ? fields.body.trim() : "";
  return { ...fields, body: [template?.text, own].filter(Boolean).join("\n\n") };
}

export const informationRequestSchema = /* @__PURE__ */ defineSchema(() =>
  z.preprocess(
    composeRequest,
    z.object({
      body: requiredText(2_000, {
        missing: "Choisissez une demande courante ou écrivez la précision demandée.",
        tooLong: "Précision demandée : 2 000 caractères au plus.",
      }),
      /** "YYYY-MM-DD"; empty: one month. Until the end of that day in France. */
      deadline: z.preprocess(
        (value) => (trimmed(value) === "" ? undefined : trimmed(value)),
        z
          .string()
          .regex(
            /^\d{4}-\d{2}-\d{2}$/,
            "La date limite doit être une date, par exemple 2026-12-31.",
          )
          .refine(
            (day) => !Number.isNaN(Date.parse(`${day}T00:00:00Z`)),
            "Cette date n'existe pas.",
          )
          .refine(
            (day) => day > isoDay(new Date()),
            "La date limite de réponse doit être postérieure à aujourd'hui.",
          )
          .refine(
            (day) => day <= isoDay(new Date(Date.now() + 92 * DAY)),
            "La date limite de réponse ne peut pas dépasser trois mois.",
          )
          // 23:59 in Paris in winter (00:59 the next day in summer: at worst an hour of grace).
          .transform((day) => new Date(`${day}T22:59:59Z`))
          .optional(),
      ),
    }),
  ),
);

export type DecisionContext = {
  /** The outcome the engine computed at submission (null: no certified income then). */
  computed: (typeof OUTCOMES)[number] | null;
  applicantRole: string | null;
};

/** A decision (proposed or direct) for one application. */
export function decisionSchemaFor(context: DecisionContext) {
  return z
    .object({
      outcome: z.enum(OUTCOMES, { error: "Choisissez la décision." }),
      motif: z.preprocess(
        (value) => (trimmed(value) === "" ? undefined : value),
        z.enum(REJECTION_MOTIF_CODES, { error: "Choisissez un motif de la liste." }).optional(),
      ),
      reason: optionalText(2_000, "Motif"),
    })
    .superRefine((decision, ctx) => {
      if (decision.outcome === "INELIGIBLE") {
        if (!decision.motif) {
          ctx.addIssue({
            code: "custom",
            path: ["motif"],
            message: "Un rejet doit être motivé : choisissez le motif.",
          });
        } else if (
          decision.motif === "INADMISSIBLE" &&
          !canRejectAsInadmissible(context.applicantRole)
        ) {
          ctx.addIssue({
            code: "custom",
            path: ["motif"],
            message: `« ${REJECTION_MOTIFS.INADMISSIBLE} » ne peut pas être opposé à un ${context.applicantRole?.toLowerCase() ?? "défendeur"} (loi du 10 juillet 1991, art. 7).`,
          });
        }
        if (!decision.reason) {
          ctx.addIssue({
            code: "custom",
            path: ["reason"],
            message: "Un rejet doit être motivé : expliquez le motif au demandeur.",
          });
        }
      } else if (decision.motif) {
        ctx.addIssue({
          code: "custom",
          path: ["motif"],
          message: "Les motifs de la liste ne concernent qu'un rejet.",
        });
      }
      if (decision.outcome !== context.computed && !decision.reason) {
        ctx.addIssue({
          code: "custom",
          path: ["reason"],
          message: context.computed
            ? `La décision diffère du calcul (${OUTCOME_LABELS[context.computed]}) : expliquez pourquoi.`
            : "Aucun revenu certifié n'a permis de calculer le droit : expliquez la décision.",
        });
      }
    });
}

export type Decision = z.output<ReturnType<typeof decisionSchemaFor>>;

export const transferSchema = /* @__PURE__ */ defineSchema(() =>
  z.object({
    courtId: z.uuid({ error: "Choisissez le tribunal compétent." }),
    reason: requiredText(1_000, {
      missing: "Expliquez pourquoi ce bureau n'est pas compétent.",
      tooLong: "Motif : 1 000 caractères au plus.",
    }),
  }),
);

export const returnSchema = /* @__PURE__ */ defineSchema(() =>
  z.object({
    reason: requiredText(1_000, {
      missing: "Expliquez ce qui doit être revu.",
      tooLong: "Motif : 1 000 caractères au plus.",
    }),
  }),
);

export const agentMessageSchema = /* @__PURE__ */ defineSchema(() =>
  z.object({
    body: requiredText(2_000, {
      missing: "Écrivez votre message.",
      tooLong: "Message : 2 000 caractères au plus.",
    }),
  }),
);

export const noteSchema = /* @__PURE__ */ defineSchema(() =>
  z.object({
    body: requiredText(2_000, {
      missing: "Écrivez la note.",
      tooLong: "Note : 2 000 caractères au plus.",
    }),
  }),
);
