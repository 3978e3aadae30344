/**
 * The local FranceConnect and the local DGFiP wired together as in the demo, on free ports.
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { createDgfipClient } from "~/server/dgfip.server";
import { createDgfipMock, type Faults } from "../../mocks/dgfip/app";
import { DEMO_APIM_CLIENT, DEMO_DATA_PROVIDER } from "../../mocks/dgfip/config";
import { startFranceConnectMock } from "./franceconnect";

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

export async function startStateServices() {
  const dgfipServer = await listen();
  const franceConnect = await startFranceConnectMock({
    dataProviders: [
      {
        ...DEMO_DATA_PROVIDER,
        scopes: [...DEMO_DATA_PROVIDER.scopes],
        jwks_uri: `${dgfipServer.url}/jwks`,
        checktoken_signed_response_alg: "ES256",
        checktoken_encrypted_response_alg: "ECDH-ES",
        checktoken_encrypted_response_enc: "A256GCM",
      },
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
  return {
    franceConnect,
    dgfipUrl: dgfipServer.url,
    async setFaults(faults: Faults | null) {
      await fetch(
        `${dgfipServer.url}/__faults`,
        faults
          ? {
              method: "PUT",
              headers: { "Content-Type": "application/json" },
              body: JSON.stringify(faults),
            }
          : { method: "DELETE" },
      );
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
      await Promise.all([franceConnect.close(), dgfipServer.close()]);
    },
  };
}
