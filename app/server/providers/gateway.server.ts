/**
 * What every « API FranceConnectée » client shares: the provider's API gateway (APIM) token,
 * obtained with the service's client credentials and cached; the citizen's FranceConnect access
 * token sent as `X-FranceConnect-OAuth`; a fresh `X-Correlation-ID` per request; bounded retries on
 * network errors, timeouts and 5xx, all within a time budget (the FranceConnect token lives 60 s).
 * Facts: docs/reference/franceconnect-et-proconnect.md §2; choices: docs/decisions/008 and 031.
 */
import { randomUUID } from "node:crypto";
import { z } from "zod";
import { upstreamFetch } from "../request-context.server";

export type GatewayConfig = {
  /** The provider, as in French error details: "de la DGFiP", "de France Travail". */
  of: string;
  tokenUrl: string;
  clientId: string;
  clientSecret: string;
  /** The scope asked of the gateway's token endpoint. */
  apimScope: string;
  timeoutMs: number;
  /** Extra attempts after a network error, a timeout or a 5xx. */
  retries: number;
};

/** One answer of the provider, as received. */
export type Answer = { correlationId: string; httpStatus: number; payload: unknown };

/** A failure worth another attempt (network, timeout, 5xx): the last one is given up on. */
export class Retryable extends Error {}

const tokenSchema = z.object({
  access_token: z.string().min(1),
  token_type: z.string().regex(/^bearer$/i),
  expires_in: z.number().positive(),
});

/** An attempt with less time than this left is not worth starting. */
const MIN_ATTEMPT_MS = 200;

export function createGateway(config: GatewayConfig) {
  let apim: { token: string; expiresAt: number } | undefined;

  /** Time left before `deadline` for one request (at most the configured timeout). */
  function timeLeft(deadline: number): number {
    const left = Math.min(config.timeoutMs, deadline - Date.now());
    if (left < MIN_ATTEMPT_MS) throw new Retryable("délai dépassé");
    return left;
  }

  /** The APIM token, cached; `fresh` when it was just issued. */
  async function apimToken(deadline: number): Promise<{ token: string; fresh: boolean }> {
    if (apim && apim.expiresAt > Date.now() + 30_000) return { token: apim.token, fresh: false };
    const response = await upstreamFetch(config.tokenUrl, {
      method: "POST",
      headers: {
        Authorization: `Basic ${Buffer.from(`${config.clientId}:${config.clientSecret}`).toString("base64")}`,
        "Content-Type": "application/x-www-form-urlencoded",
        Accept: "application/json",
      },
      body: new URLSearchParams({ grant_type: "client_credentials", scope: config.apimScope }),
      signal: AbortSignal.timeout(timeLeft(deadline)),
    }).catch(() => {
      throw new Retryable(`passerelle ${config.of} injoignable`);
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

  return {
    /**
     * GETs `url` with the citizen's FranceConnect token, retrying transient failures while the
     * budget allows; throws a Retryable with the last failure when none succeeded. Any HTTP answer
     * below 500 is returned as received (JSON parsed when it is JSON, text otherwise).
     */
    async get(
      url: string,
      fcAccessToken: string,
      deadline: number,
      extraHeaders: Record<string, string> = {},
    ): Promise<Answer> {
      let lastError = "";
      for (let attempt = 0; attempt <= config.retries; attempt++) {
        if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, 200 * attempt));
        let correlationId = randomUUID();
        try {
          const call = (token: string) =>
            upstreamFetch(url, {
              headers: {
                ...extraHeaders,
                Authorization: `Bearer ${token}`,
                "X-FranceConnect-OAuth": fcAccessToken,
                "X-Correlation-ID": correlationId,
                Accept: "application/json",
              },
              signal: AbortSignal.timeout(timeLeft(deadline)),
            }).catch((error: Error) => {
              throw new Retryable(error.name === "TimeoutError" ? "délai dépassé" : "injoignable");
            });
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
    },
  };
}

export type Gateway = ReturnType<typeof createGateway>;

/** What a provider's client tells its caller: found, nothing for this person, or failed. */
export type FetchFailure = {
  status: "failed";
  reason: "unavailable" | "refused" | "invalid_response";
  detail: string;
};

/** A refusal's detail: the status and the start of the body, for the logs. */
export function refusal(answer: Answer): FetchFailure {
  return {
    status: "failed",
    reason: "refused",
    detail: `HTTP ${answer.httpStatus} : ${JSON.stringify(answer.payload).slice(0, 200)}`,
  };
}
