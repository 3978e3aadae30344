/**
 * The local FranceConnect, the local DGFiP and the local France Travail wired together as in the
 * demo, on free ports.
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { createFranceConnect } from "~/server/auth/franceconnect.server";
import { createDgfipClient } from "~/server/dgfip.server";
import { createDgfipMock, type Faults } from "../../mocks/dgfip/app";
import { DEMO_APIM_CLIENT, DEMO_DATA_PROVIDER } from "../../mocks/dgfip/config";
import { createFranceTravailMock } from "../../mocks/france-travail/app";
import { DEMO_FT_APIM_CLIENT, DEMO_FT_DATA_PROVIDER } from "../../mocks/france-travail/config";
import type { DataProviderConfig } from "../../mocks/franceconnect/config";
import {
  callbackRequest,
  franceConnectConfig,
  loginAtFranceConnect,
  startFranceConnectMock,
} from "./franceconnect";

async function listen() {
  let handler: (req: IncomingMessage, res: ServerResponse) => void = (_req, res) => res.end();
  const server = createServer((req, res) => handler(req, res));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    setHandler: (next: typeof handler) => {
      handler = next;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** A data provider as registered at the local FranceConnect, its key published at `url`/jwks. */
function dataProvider(
  provider: { client_id: string; client_secret: string; scopes: readonly string[] },
  url: string,
): DataProviderConfig {
  return {
    ...provider,
    scopes: [...provider.scopes],
    jwks_uri: `${url}/jwks`,
    checktoken_signed_response_alg: "ES256",
    checktoken_encrypted_response_alg: "ECDH-ES",
    checktoken_encrypted_response_enc: "A256GCM",
  };
}

/** Sets (or, with null, clears) a gateway's injected faults. */
async function setGatewayFaults(url: string, faults: Faults | null) {
  await fetch(
    `${url}/__faults`,
    faults
      ? {
          method: "PUT",
          headers: { "Content-Type": "application/json" },
          body: JSON.stringify(faults),
        }
      : { method: "DELETE" },
  );
}

/** A client of France Travail's gateway with another APIM scope than `paiements` (for its 403). */
export const FT_OTHER_APIM_CLIENT = {
  client_id: "statut-only",
  client_secret: "statut-only-secret-0000",
  scopes: ["statut"],
};

export async function startStateServices() {
  const dgfipServer = await listen();
  const franceTravailServer = await listen();
  const franceConnect = await startFranceConnectMock({
    dataProviders: [
      dataProvider(DEMO_DATA_PROVIDER, dgfipServer.url),
      dataProvider(DEMO_FT_DATA_PROVIDER, franceTravailServer.url),
    ],
  });
  const dgfip = await createDgfipMock({
    port: 0,
    franceConnectIssuer: franceConnect.issuer,
    dataProvider: {
      clientId: DEMO_DATA_PROVIDER.client_id,
      clientSecret: DEMO_DATA_PROVIDER.client_secret,
    },
    apimClients: [
      { ...DEMO_APIM_CLIENT, scopes: [...DEMO_APIM_CLIENT.scopes] },
      {
        client_id: "derniere-only",
        client_secret: "derniere-only-secret-000",
        scopes: ["RessourceIRDerniere2"],
      },
    ],
  });
  dgfipServer.setHandler(dgfip.app);
  const franceTravail = await createFranceTravailMock({
    port: 0,
    franceConnectIssuer: franceConnect.issuer,
    dataProvider: {
      clientId: DEMO_FT_DATA_PROVIDER.client_id,
      clientSecret: DEMO_FT_DATA_PROVIDER.client_secret,
    },
    apimClients: [
      { ...DEMO_FT_APIM_CLIENT, scopes: [...DEMO_FT_APIM_CLIENT.scopes] },
      FT_OTHER_APIM_CLIENT,
    ],
  });
  franceTravailServer.setHandler(franceTravail.app);
  return {
    franceConnect,
    dgfipUrl: dgfipServer.url,
    franceTravailUrl: franceTravailServer.url,
    async setFaults(faults: Faults | null) {
      await setGatewayFaults(dgfipServer.url, faults);
    },
    async setFranceTravailFaults(faults: Faults | null) {
      await setGatewayFaults(franceTravailServer.url, faults);
    },
    /**
     * Logs in at the local FranceConnect as `login`, consenting to `dataScopes`, and returns the
     * FranceConnect access token (valid 60 s).
     */
    async accessTokenOf(login: string, dataScopes: string[]) {
      const fc = createFranceConnect(franceConnectConfig(franceConnect.issuer, { dataScopes }));
      const { callbackUrl, browser } = await loginAtFranceConnect(fc, login);
      const result = await fc.callback(callbackRequest(browser, callbackUrl));
      if (!result.ok) throw result.error;
      return result.login.accessToken;
    },
    /** France Travail's gateway forgets the APIM tokens it issued: cached ones get a 401. */
    async revokeFranceTravailTokens() {
      await fetch(`${franceTravailServer.url}/__apim-tokens`, { method: "DELETE" });
    },
    /** The gateway forgets the APIM tokens it issued: cached ones get a 401. */
    async revokeApimTokens() {
      await fetch(`${dgfipServer.url}/__apim-tokens`, { method: "DELETE" });
    },
    async faults(): Promise<Faults> {
      return (await fetch(`${dgfipServer.url}/__faults`)).json() as Promise<Faults>;
    },
    client(overrides: Partial<Parameters<typeof createDgfipClient>[0]> = {}) {
      return createDgfipClient({
        apiUrl: dgfipServer.url,
        tokenUrl: `${dgfipServer.url}/token`,
        clientId: DEMO_APIM_CLIENT.client_id,
        clientSecret: DEMO_APIM_CLIENT.client_secret,
        timeoutMs: 2_000,
        retries: 2,
        budgetMs: 20_000,
        ...overrides,
      });
    },
    async close() {
      await Promise.all([franceConnect.close(), dgfipServer.close(), franceTravailServer.close()]);
    },
  };
}
