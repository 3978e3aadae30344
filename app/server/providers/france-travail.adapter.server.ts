/**
 * France Travail's payments as an adapter (./adapter.server.ts), the worked example of
 * docs/cloner-ce-modele.md: called only when the citizen asks for it, from the Ressources step,
 * after consenting at FranceConnect; its answer certifies the income of the last six months
 * (décret 2020-1717 art. 4). The client is ./france-travail.server.ts, the storage
 * ../certified-income.server.ts (table certified_record).
 */
import { resourcesSource } from "~/domain/application/representation";
import { lastSixMonths } from "~/domain/eligibility";
import { eurosAndCents, frenchDate, todayInFrance } from "~/domain/french";
import type { CertifiedRecord } from "~/generated/prisma/client";
import {
  latestRecentPayments,
  type RecentPayments,
  readPayments,
  recordPaymentsOutcome,
} from "../certified-income.server";
import type { DataProviderAdapter } from "./adapter.server";
import {
  FRANCE_TRAVAIL_SCOPES,
  type FranceTravailClient,
  type FranceTravailOutcome,
} from "./france-travail.server";

/**
 * The adapter; without a client (the provider is not configured here), stored answers can still
 * be read and shown, and a fetch says France Travail is unavailable.
 */
export function franceTravailProvider(
  client: FranceTravailClient | null,
): DataProviderAdapter<FranceTravailOutcome, RecentPayments, CertifiedRecord> {
  return {
    id: "france-travail",
    name: "France Travail",
    when: "consent",
    scopes: FRANCE_TRAVAIL_SCOPES,
    fetch: async (accessToken, { now, budgetMs }) =>
      client
        ? client.fetchPayments(accessToken, lastSixMonths(todayInFrance(now)), budgetMs)
        : { status: "failed", reason: "unavailable", detail: "France Travail non configuré" },
    store: recordPaymentsOutcome,
    latest: latestRecentPayments,
    link: "certifiedRecords",
    read: readPayments,
    // The representative's own payments: only when their foyer's resources are assessed.
    usedBy: (draft) =>
      draft.incomeChanged === true && resourcesSource(draft) === "REPRESENTATIVE_TAX_NOTICE",
    show: (answer) => {
      const period = `du ${frenchDate(answer.period.from)} au ${frenchDate(answer.period.to)}`;
      return {
        provider: "France Travail",
        title: "Paiements de France Travail des six derniers mois",
        badge: "Paiements certifiés France Travail",
        source: "France Travail — API Liste des paiements (via FranceConnect)",
        fetchedAt: answer.fetchedAt,
        correlationId: answer.correlationId,
        provenance: [["Période", period]],
        facts: answer.payments
          ? [
              ...answer.payments.map(
                (payment) =>
                  [`Paiement du ${frenchDate(payment.date)}`, eurosAndCents(payment.amount)] as [
                    string,
                    string,
                  ],
              ),
              [`Total versé par France Travail ${period}`, eurosAndCents(answer.total)],
            ]
          : null,
        nothing: "Aucun dossier à ce nom chez France Travail",
      };
    },
    feed: (answer) =>
      answer.payments
        ? {
            recentIncome: {
              ...answer.period,
              certified: answer.total,
              certifiedBy: "France Travail",
            },
          }
        : {},
  };
}
