/**
 * Client of the DGFiP's "API Impôt particulier" in FranceConnect mode: the citizen's FranceConnect
 * access token is the key (header X-FranceConnect-OAuth), next to the service's own APIM token
 * (client credentials, cached). It asks for the latest income year available (N-1, else N-2),
 * validates the answer with zod, and turns every failure into an outcome the page can explain.
 * Facts and choices: docs/decisions/008-dgfip-impot-particulier.md.
 */
import { randomUUID } from "node:crypto";
import { z } from "zod";
import { upstreamFetch } from "./request-context.server";

export type DgfipConfig = {
  /** Gateway base, e.g. https://<IP-GATEWAY> (paths /impotparticulier/1.0/… are added). */
  apiUrl: string;
  tokenUrl: string;
  clientId: string;
  clientSecret: string;
  /** Optional DGFiP use-case identifier (header ID_Teleservice). */
  idTeleservice?: string;
  timeoutMs: number;
  /** Extra attempts after a network error, a timeout or a 5xx (bounded: the FC token lives 60 s). */
  retries: number;
  /**
   * Time allowed for the whole fetch (every attempt and both income years), unless the caller
   * gives its own: a person waits for it on the way back from FranceConnect.
   */
  budgetMs: number;
};

export const DGFIP_SOURCE = "DGFIP_IMPOT_PARTICULIER";

/** The fields the service uses; everything else is kept as received in the stored payload. */
export const situationSchema = z.looseObject({
  rfr: z.number().int().nonnegative(),
  nbPart: z.number().positive(),
  sitFam: z.enum(["M", "O", "C", "D", "V"]),
  pac: z.looseObject({ nbPac: z.number().int().nonnegative() }).optional(),
  aft: z.string().optional(),
});
export type Situation = z.infer<typeof situationSchema>;

type Answer = { correlationId: string; httpStatus: number; payload: unknown };

export type DgfipOutcome =
  | ({ status: "found"; incomeYear: number; situation: Situation } & Answer)
  | ({ status: "no_record"; incomeYears: number[] } & Answer)
  | { status: "failed"; reason: "unavailable" | "refused" | "invalid_response"; detail: string };

const tokenSchema = z.object({
  access_token: z.string().min(1),
  token_type: z.string().regex(/^bearer$/i),
  expires_in: z.number().positive(),
});

class Retryable extends Error {}

/** An attempt with less time than this left is not worth starting. */
const MIN_ATTEMPT_MS = 200;

export function createDgfipClient(config: DgfipConfig) {
  let apim: { token: string; expiresAt: number } | undefined;

  /** The APIM token, cached; `fresh` when it was just issued. */
  /** Time left before `deadline` for one request (at most the configured timeout). */
  function timeLeft(deadline: number): number {
    const left = Math.min(config.timeoutMs, deadline - Date.now());
    if (left < MIN_ATTEMPT_MS) throw new Retryable("délai dépassé");
    return left;
  }

  async function apimToken(deadline: number): Promise<{ token: string; fresh: boolean }> {
    if (apim && apim.expiresAt > Date.now() + 30_000) return { token: apim.token, fresh: false };
    const response = await upstreamFetch(config.tokenUrl, {
      method: "POST",
      headers: {
        Authorization: `Basic ${Buffer.from(`${config.clientId}:${config.clientSecret}`).toString("base64")}`,
        "Content-Type": "application/x-www-form-urlencoded",
        Accept: "application/json",
      },
      body: new URLSearchParams({ grant_type: "client_credentials", scope: "RessourceIR" }),
      signal: AbortSignal.timeout(timeLeft(deadline)),
    }).catch(() => {
      throw new Retryable("passerelle de la DGFiP injoignable");
    });
    if (response.status >= 500) throw new Retryable(`jeton APIM : HTTP ${response.status}`);
    const parsed = tokenSchema.safeParse(await response.json().catch(() => null));
    if (!response.ok || !parsed.success) {
      throw new Error(`jeton APIM refusé (HTTP ${response.status})`);
    }
    apim = {
      token: parsed.data.access_token,
      expiresAt: Date.now() + parsed.data.expires_in * 1000,
    };
    return { token: apim.token, fresh: true };
  }

  /** One call for one income year, with bounded retries on transient failures. */
  async function situation(fcAccessToken: string, year: number, deadline: number): Promise<Answer> {
    let lastError = "";
    for (let attempt = 0; attempt <= config.retries; attempt++) {
      if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, 200 * attempt));
      let correlationId = randomUUID();
      try {
        const call = (token: string) => {
          const headers: Record<string, string> = {
            Authorization: `Bearer ${token}`,
            "X-FranceConnect-OAuth": fcAccessToken,
            "X-Correlation-ID": correlationId,
            Accept: "application/json",
          };
          if (config.idTeleservice) headers.ID_Teleservice = config.idTeleservice;
          const url = `${config.apiUrl.replace(/\/$/, "")}/impotparticulier/1.0/situations/ir/assiettes/annrev/${year}`;
          return upstreamFetch(url, {
            headers,
            signal: AbortSignal.timeout(timeLeft(deadline)),
          }).catch((error: Error) => {
            throw new Retryable(error.name === "TimeoutError" ? "délai dépassé" : "injoignable");
          });
        };
        const { token, fresh } = await apimToken(deadline);
        let response = await call(token);
        if (response.status === 401 && !fresh) {
          // A cached APIM token may have been revoked: get a new one and ask again at once,
          // without using up a retry. With a fresh one, a 401 is about the FranceConnect token,
          // and final.
          apim = undefined;
          await response.body?.cancel().catch(() => undefined);
          const renewed = await apimToken(deadline);
          correlationId = randomUUID();
          response = await call(renewed.token);
        }
        if (response.status >= 500) throw new Retryable(`HTTP ${response.status}`);
        const text = await response.text();
        let payload: unknown = text;
        try {
          payload = JSON.parse(text);
        } catch {
          // Kept as text: the caller decides whether it is an error.
        }
        return { correlationId, httpStatus: response.status, payload };
      } catch (error) {
        if (!(error instanceof Retryable)) throw error;
        lastError = error.message;
        if (deadline - Date.now() < MIN_ATTEMPT_MS) break;
      }
    }
    throw new Retryable(lastError);
  }

  return {
    /** The latest income year available: N-1, else N-2 ("aucun résultat" is an answer, not an error). */
    async fetchLatestSituation(
      fcAccessToken: string,
      now = new Date(),
      budgetMs = config.budgetMs,
    ): Promise<DgfipOutcome> {
      const deadline = Date.now() + budgetMs;
      const years = [now.getFullYear() - 1, now.getFullYear() - 2];
      let last: Answer | undefined;
      try {
        for (const year of years) {
          const answer = await situation(fcAccessToken, year, deadline);
          last = answer;
          if (answer.httpStatus === 200) {
            const parsed = situationSchema.safeParse(answer.payload);
            if (!parsed.success) {
              return {
                status: "failed",
                reason: "invalid_response",
                detail: "réponse de la DGFiP illisible",
              };
            }
            return { status: "found", incomeYear: year, situation: parsed.data, ...answer };
          }
          if (answer.httpStatus === 404 || answer.httpStatus === 410 || answer.httpStatus === 204)
            continue;
          return {
            status: "failed",
            reason: "refused",
            detail: `HTTP ${answer.httpStatus} : ${JSON.stringify(answer.payload).slice(0, 200)}`,
          };
        }
      } catch (error) {
        return { status: "failed", reason: "unavailable", detail: (error as Error).message };
      }
      return { status: "no_record", incomeYears: years, ...(last as Answer) };
    },
  };
}

export type DgfipClient = ReturnType<typeof createDgfipClient>;
