/**
 * Client of France Travail's « API FranceConnectée » of payments (FranceConnect scope
 * `api_fc-liste-paiementsv1`): the payments France Travail made to the citizen since their latest
 * registration, certified at the source, with the citizen's FranceConnect access token as the key.
 * Used for the change of situation (décret 2020-1717 art. 4): the income of the last six months.
 * The path and the payload follow France Travail's description of the API; how its gateway
 * authenticates the service is NON CONFIRMÉ (here as the DGFiP's: APIM token and the FranceConnect
 * token in a header). Plugging the real API is its URL, its credentials and, if they differ, this
 * schema (docs/reference/api-france-travail.md, docs/decisions/031 and 032).
 */
import { z } from "zod";
import { type Answer, createGateway, type FetchFailure, refusal } from "./gateway.server";

export const FRANCE_TRAVAIL_SOURCE = "FRANCE_TRAVAIL_PAIEMENTS";
/** What the citizen consents to at FranceConnect for this provider. */
export const FRANCE_TRAVAIL_SCOPES = ["api_fc-liste-paiementsv1"];

export type FranceTravailConfig = {
  /** Gateway base (the path /partenaire/fc-liste-paiements/v1/ is added). */
  apiUrl: string;
  tokenUrl: string;
  clientId: string;
  clientSecret: string;
  timeoutMs: number;
  retries: number;
  /** Time allowed for the whole fetch (every attempt). */
  budgetMs: number;
};

/** The fields the service uses; everything else is kept as received in the stored payload. */
export const paymentsSchema = z.looseObject({
  statutInscription: z.boolean(),
  listePaiement: z
    .array(
      z.looseObject({
        /** "2026-10-05T04:00:00+02:00": the day in France is the first ten characters. */
        date_paiement: z.string().regex(/^\d{4}-\d{2}-\d{2}/),
        /** The allocations paid (before the income tax withheld at source). */
        allocations: z.number().nonnegative().finite().default(0),
      }),
    )
    .default([]),
});
export type Payments = z.infer<typeof paymentsSchema>;

export type Period = { from: string; to: string };

export type FranceTravailOutcome =
  | ({ status: "found"; period: Period; payments: Payments } & Answer)
  /** France Travail knows nothing of this person (never registered). */
  | ({ status: "no_record"; period: Period } & Answer)
  | FetchFailure;

/**
 * The payments made within `period` (the answer lists every one since the latest registration), and
 * the allocations they paid, to the cent: what is counted as taxable income for the change of
 * situation (aids and other payments are not; NON CONFIRMÉ, decision 032).
 */
export function paidWithin(payments: Payments, period: Period) {
  const within = payments.listePaiement
    .map((payment) => ({ date: payment.date_paiement.slice(0, 10), amount: payment.allocations }))
    .filter((payment) => payment.date >= period.from && payment.date <= period.to)
    .sort((a, b) => a.date.localeCompare(b.date));
  const cents = within.reduce((sum, payment) => sum + Math.round(payment.amount * 100), 0);
  return { payments: within, total: cents / 100 };
}

export function createFranceTravailClient(config: FranceTravailConfig) {
  const gateway = createGateway({
    of: "de France Travail",
    tokenUrl: config.tokenUrl,
    clientId: config.clientId,
    clientSecret: config.clientSecret,
    apimScope: "paiements",
    timeoutMs: config.timeoutMs,
    retries: config.retries,
  });

  return {
    /**
     * The payments, for the service to read those of `period` (kept with the answer); "unknown
     * person" is an answer (no_record), not an error.
     */
    async fetchPayments(
      fcAccessToken: string,
      period: Period,
      budgetMs = config.budgetMs,
    ): Promise<FranceTravailOutcome> {
      const url = `${config.apiUrl.replace(/\/$/, "")}/partenaire/fc-liste-paiements/v1/`;
      let answer: Answer;
      try {
        answer = await gateway.get(url, fcAccessToken, Date.now() + budgetMs);
      } catch (error) {
        return { status: "failed", reason: "unavailable", detail: (error as Error).message };
      }
      if (answer.httpStatus === 200) {
        const parsed = paymentsSchema.safeParse(answer.payload);
        if (!parsed.success) {
          return {
            status: "failed",
            reason: "invalid_response",
            detail: "réponse de France Travail illisible",
          };
        }
        return { status: "found", period, payments: parsed.data, ...answer };
      }
      if (answer.httpStatus === 404) return { status: "no_record", period, ...answer };
      return refusal(answer);
    },
  };
}

export type FranceTravailClient = ReturnType<typeof createFranceTravailClient>;
