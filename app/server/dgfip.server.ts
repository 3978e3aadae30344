/**
 * Client of the DGFiP's "API Impôt particulier" in FranceConnect mode: the citizen's FranceConnect
 * access token is the key (header X-FranceConnect-OAuth), next to the service's own APIM token
 * (client credentials, cached: ./providers/gateway.server.ts). It asks for the latest income year available (N-1, else N-2),
 * validates the answer with zod, and turns every failure into an outcome the page can explain.
 * Facts and choices: docs/decisions/008-dgfip-impot-particulier.md.
 */
import { z } from "zod";
import { type Answer, createGateway, type FetchFailure, refusal } from "./providers/gateway.server";

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

export type DgfipOutcome =
  | ({ status: "found"; incomeYear: number; situation: Situation } & Answer)
  | ({ status: "no_record"; incomeYears: number[] } & Answer)
  | FetchFailure;

export function createDgfipClient(config: DgfipConfig) {
  const gateway = createGateway({
    of: "de la DGFiP",
    tokenUrl: config.tokenUrl,
    clientId: config.clientId,
    clientSecret: config.clientSecret,
    apimScope: "RessourceIR",
    timeoutMs: config.timeoutMs,
    retries: config.retries,
  });
  const headers: Record<string, string> = config.idTeleservice
    ? { ID_Teleservice: config.idTeleservice }
    : {};

  /** One call for one income year, with bounded retries on transient failures. */
  function situation(fcAccessToken: string, year: number, deadline: number): Promise<Answer> {
    const url = `${config.apiUrl.replace(/\/$/, "")}/impotparticulier/1.0/situations/ir/assiettes/annrev/${year}`;
    return gateway.get(url, fcAccessToken, deadline, headers);
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
          return refusal(answer);
        }
      } catch (error) {
        return { status: "failed", reason: "unavailable", detail: (error as Error).message };
      }
      return { status: "no_record", incomeYears: years, ...(last as Answer) };
    },
  };
}

export type DgfipClient = ReturnType<typeof createDgfipClient>;
