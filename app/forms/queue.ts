/**
 * The queue's URL: tab, filters, search, order, page. Every state is in the URL (shareable, works
 * without JavaScript); what does not parse is dropped, never an error. Shared by the page and
 * app/server/agent/queue.server.ts.
 */
import { z } from "zod";
import {
  type ApplicationStatus,
  FINAL_STATUSES,
  SUBMITTED_STATUSES,
} from "~/domain/application/status";
import { OUTCOMES } from "~/domain/eligibility";
import { isoDay, lenient } from "./fields";
import { defineSchema } from "./plain";

export const PAGE_SIZE = 25;

export const TABS = {
  "a-traiter": { label: "À traiter", statuses: ["SUBMITTED"] },
  "en-instruction": { label: "En instruction", statuses: ["IN_REVIEW"] },
  "en-attente": { label: "En attente du demandeur", statuses: ["INFORMATION_REQUESTED"] },
  "a-signer": { label: "À signer", statuses: ["DECISION_PROPOSED"] },
  traitees: { label: "Traitées", statuses: FINAL_STATUSES },
  toutes: { label: "Toutes", statuses: SUBMITTED_STATUSES },
} as const satisfies Record<string, { label: string; statuses: readonly ApplicationStatus[] }>;

export type Tab = keyof typeof TABS;
export const TAB_NAMES = Object.keys(TABS) as [Tab, ...Tab[]];

export const queueQuerySchema = /* @__PURE__ */ defineSchema(() =>
  z.object({
    onglet: z.enum(TAB_NAMES).catch("a-traiter"),
    suivies: lenient(z.literal("1")),
    resultat: lenient(z.enum(OUTCOMES)),
    urgent: lenient(z.literal("1")),
    nature: lenient(z.enum(["CIVIL", "PENAL"])),
    du: lenient(isoDay),
    au: lenient(isoDay),
    tribunal: lenient(z.uuid()),
    statut: lenient(z.enum(SUBMITTED_STATUSES)),
    q: lenient(z.string().trim().max(100)),
    tri: z.enum(["ancien", "recent"]).catch("ancien"),
    apres: lenient(z.string().max(200)),
    /** Back from a batch with nothing selected. */
    lot: lenient(z.enum(["vide", "non-confirme"])),
  }),
);

export type QueueQuery = z.output<typeof queueQuerySchema>;

export function parseQueueQuery(params: URLSearchParams): QueueQuery {
  return queueQuerySchema.parse(Object.fromEntries(params));
}
