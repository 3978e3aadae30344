/**
 * The DGFiP's « API Impôt particulier » as an adapter (./adapter.server.ts): called at every login,
 * its answer (the latest tax notice) is the basis of legal aid. The client is ../dgfip.server.ts,
 * the storage ../tax.server.ts (table tax_record).
 */
import { resourcesSource } from "~/domain/application/representation";
import { householdFromTaxData } from "~/domain/eligibility";
import { euros, FAMILY_SITUATIONS } from "~/domain/french";
import type { TaxRecord } from "~/generated/prisma/client";
import type { DgfipClient, DgfipOutcome } from "../dgfip.server";
import { latestTaxRecord, readTaxRecord, recordTaxOutcome, type TaxAnswer } from "../tax.server";
import type { DataProviderAdapter } from "./adapter.server";

/**
 * The adapter; without a client (to read stored answers only), a fetch says the DGFiP is
 * unavailable.
 */
export function dgfipProvider(
  client: DgfipClient | null,
  scopes: string[],
): DataProviderAdapter<DgfipOutcome, TaxAnswer, TaxRecord> {
  return {
    id: "dgfip",
    name: "DGFiP",
    when: "login",
    scopes,
    fetch: async (accessToken, { now, budgetMs }) =>
      client
        ? client.fetchLatestSituation(accessToken, now, budgetMs)
        : { status: "failed", reason: "unavailable", detail: "DGFiP non configurée" },
    store: recordTaxOutcome,
    latest: latestTaxRecord,
    link: "taxRecord",
    read: readTaxRecord,
    // The representative's tax notice: theirs, or their foyer's with the minor child in it.
    usedBy: (draft) => resourcesSource(draft) === "REPRESENTATIVE_TAX_NOTICE",
    show: ({ record, situation }) => ({
      provider: "DGFiP",
      title: "Dernier avis d'imposition",
      badge: "Données certifiées DGFiP",
      source: "DGFiP — API Impôt particulier (via FranceConnect)",
      fetchedAt: record.fetchedAt,
      correlationId: record.correlationId,
      provenance: [["Revenus de l'année", String(record.incomeYear)]],
      facts: situation
        ? [
            ["Revenu fiscal de référence", euros(situation.rfr)],
            ["Nombre de parts", String(situation.nbPart).replace(".", ",")],
            ["Situation de famille", FAMILY_SITUATIONS[situation.sitFam] ?? situation.sitFam],
            ["Personnes à charge", String(situation.pac?.nbPac ?? 0)],
          ]
        : null,
      nothing: "La DGFiP n'a pas d'avis d'imposition pour ce foyer sur les années demandées.",
    }),
    feed: ({ record, situation }) =>
      situation
        ? {
            taxNotice: {
              referenceTaxIncome: situation.rfr,
              householdSize: householdFromTaxData(situation),
              incomeYear: record.incomeYear,
            },
          }
        : {},
  };
}
