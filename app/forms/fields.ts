/** Fields shared by the forms. */
import { z } from "zod";
import { defineSchema } from "./plain";

/**
 * Strings without their surrounding spaces, composed (« é » one character, not « e » and an accent
 * typed apart, as text pasted from a PDF may be): searched, compared and drawn as typed on a
 * keyboard (the main file of Marianne has no separate accents, decision 044).
 */
export const trimmed = (value: unknown) =>
  typeof value === "string" ? value.trim().normalize("NFC") : value;

/** A text the person must write (trimmed), of at most `max` characters. */
export const requiredText = (max: number, messages: { missing: string; tooLong: string }) =>
  z.preprocess(
    trimmed,
    z.string({ error: messages.missing }).min(1, messages.missing).max(max, messages.tooLong),
  );

/** A text the person may leave empty (trimmed; empty is absent), of at most `max` characters. */
export const optionalText = (max: number, label: string) =>
  z.preprocess(
    (value) => (trimmed(value) === "" ? undefined : trimmed(value)),
    z.string().max(max, `${label} : ${max} caractères au plus.`).optional(),
  );

/** "12 500", "12500,50", "12 500 €" → 12500.5; anything else stays as typed (and fails). */
export function parseAmount(value: unknown): unknown {
  if (typeof value !== "string") return value;
  const cleaned = value.replace(/[\s\u00a0\u202f€]/g, "").replace(",", ".");
  if (cleaned === "") return undefined;
  return /^\d+(\.\d{1,2})?$/.test(cleaned) ? Number(cleaned) : value;
}

/** An amount in whole euros, typed the French way. */
export const amount = (label: string) =>
  z.preprocess(
    parseAmount,
    z
      .number({
        error: (issue) =>
          issue.input === undefined
            ? `Indiquez ${label}, en euros (0 si vous n'en avez pas).`
            : `${label.charAt(0).toUpperCase()}${label.slice(1)} doit être un montant en euros, par exemple 12 500.`,
      })
      .max(100_000_000, `Vérifiez ${label} : le montant semble trop élevé.`)
      .transform(Math.round),
  );

/** The first message of each field of a failed parse, keyed by field name. */
export function firstErrorPerField(issues: readonly z.core.$ZodIssue[]): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const issue of issues) {
    const field = String(issue.path[0] ?? "form");
    errors[field] ??= issue.message;
  }
  return errors;
}

/** A real calendar day "YYYY-MM-DD" (not 2026-02-31), in the years a démarche can concern. */
export const isoDay = /* @__PURE__ */ defineSchema(() =>
  z
    .string()
    .regex(/^(19|20)\d{2}-\d{2}-\d{2}$/)
    .refine((value) => {
      const time = Date.parse(`${value}T00:00:00Z`);
      return !Number.isNaN(time) && new Date(time).toISOString().slice(0, 10) === value;
    }),
);

/** For URLs: what does not parse is dropped (a hand-edited URL never makes a 500). */
export const lenient = <T extends z.ZodType>(schema: T) =>
  z.preprocess((value) => (value === "" ? undefined : value), schema.optional().catch(undefined));
