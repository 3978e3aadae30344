/**
 * The FranceConnect return (`/auth/franceconnect/callback`) of a citizen known to the DGFiP: the
 * server's own time (state and PKCE checks, the id_token's verification, the writes, the page's
 * redirect) apart from the time it waited for FranceConnect (token, userinfo) and the DGFiP (APIM
 * token, API Impôt particulier), from the Server-Timing header (SERVER_TIMING). Logins one after the
 * other, after a few not counted (discovery and keys are fetched once, then cached).
 */
import { citizenLogin } from "../../tests/e2e/http-login";
import { type Summary, summarize } from "./stats";

export type CallbackResult = {
  serverMs: Summary;
  upstreamMs: Summary;
  totalMs: Summary;
  upstreamCalls: number;
};

const WARM_UP = 3;

export async function benchCallback(base: string, logins: number): Promise<CallbackResult> {
  const server: number[] = [];
  const upstream: number[] = [];
  const total: number[] = [];
  let calls = 0;
  for (let index = 0; index < WARM_UP + logins; index++) {
    const client = await citizenLogin(base, "test", { redirectTo: "/mon-compte" });
    const record = client.lastLogin;
    const timing = record?.serverTiming ?? "";
    const app = /\bapp;dur=([\d.]+)/.exec(timing)?.[1];
    const waited = /\bupstream;dur=([\d.]+);desc="(\d+)"/.exec(timing);
    if (!record || app === undefined || !waited) {
      throw new Error(`pas d'en-tête Server-Timing au retour de FranceConnect (« ${timing} »)`);
    }
    if (index < WARM_UP) continue;
    server.push(Number(app));
    upstream.push(Number(waited[1]));
    total.push(record.callbackMs);
    calls = Number(waited[2]);
  }
  return {
    serverMs: summarize(server),
    upstreamMs: summarize(upstream),
    totalMs: summarize(total),
    upstreamCalls: calls,
  };
}
