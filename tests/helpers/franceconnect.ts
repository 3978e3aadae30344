/**
 * Test fixtures for FranceConnect: the local FranceConnect on a free port, an app-side client
 * configured against it, and a walk through its pages as a citizen would.
 */
import type { AddressInfo } from "node:net";
import { expect } from "vitest";
import type { createFranceConnect, FranceConnectConfig } from "~/server/auth/franceconnect.server";
import { createFranceConnectMock } from "../../mocks/franceconnect/app";
import { type DataProviderConfig, DEMO_CLIENT } from "../../mocks/franceconnect/config";
import { Agent } from "./http";

export const APP_ORIGIN = "http://app.test";

export async function startFranceConnectMock(
  options: { alg?: "ES256" | "RS256"; dataProviders?: DataProviderConfig[] } = {},
) {
  // Issuer and port are only known once listening: start, read the port, then build the provider.
  const { createServer } = await import("node:http");
  let handler: (
    req: import("node:http").IncomingMessage,
    res: import("node:http").ServerResponse,
  ) => void = (_req, res) => res.end();
  const server = createServer((req, res) => handler(req, res));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  const issuer = `http://127.0.0.1:${port}/api/v2`;
  const mock = await createFranceConnectMock({
    port,
    issuer,
    clients: [
      {
        ...DEMO_CLIENT,
        redirect_uris: [`${APP_ORIGIN}/auth/franceconnect/callback`],
        post_logout_redirect_uris: [`${APP_ORIGIN}/deconnexion/retour`],
        id_token_signed_response_alg: options.alg ?? "ES256",
      },
    ],
    dataProviders: options.dataProviders ?? [],
    subSecret: "test-pairwise-secret",
  });
  handler = mock.app;
  return {
    issuer,
    provider: mock.provider,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export function franceConnectConfig(
  issuer: string,
  overrides: Partial<FranceConnectConfig> = {},
): FranceConnectConfig {
  return {
    issuer,
    clientId: DEMO_CLIENT.client_id,
    clientSecret: DEMO_CLIENT.client_secret,
    redirectUri: `${APP_ORIGIN}/auth/franceconnect/callback`,
    postLogoutRedirectUri: `${APP_ORIGIN}/deconnexion/retour`,
    idTokenAlg: "ES256",
    dataScopes: ["dgfip_rfr", "dgfip_nbpart"],
    nonceSecret: "test-nonce-secret-0123456789abcdef0123456789",
    timeoutMs: 5_000,
    secureCookies: false,
    ...overrides,
  };
}

/**
 * Starts a login with the app's client, logs in at the local FranceConnect as `login` and consents.
 * Returns the callback URL FranceConnect redirected to, and the browser (cookies of both sides).
 */
export async function loginAtFranceConnect(
  fc: ReturnType<typeof createFranceConnect>,
  login = "test",
  options: { consent?: boolean; returnTo?: string; consentTo?: string[] } = {},
) {
  const browser = new Agent();
  const start = await fc.login(
    new Request(`${APP_ORIGIN}/auth/franceconnect`),
    options.returnTo ?? "/",
    options.consentTo,
  );
  expect(start.status).toBe(303);
  browser.store(APP_ORIGIN, start);
  const authorizeUrl = start.headers.get("location") as string;

  const loginPage = await browser.walk(authorizeUrl, APP_ORIGIN);
  const uid = loginPage.url.split("/interaction/")[1] as string;
  expect(loginPage.body).toContain("DUBOIS Angela Claire Louise");

  const origin = new URL(authorizeUrl).origin;
  const consentPage = await browser.postForm(
    `${origin}/api/v2/interaction/${uid}/login`,
    { login },
    APP_ORIGIN,
  );
  expect(consentPage.body).toContain("Transmission de vos données");
  const consentUid = consentPage.url.split("/interaction/")[1] as string;
  const action = options.consent === false ? "abort" : "confirm";
  const back = await browser.postForm(
    `${origin}/api/v2/interaction/${consentUid}/${action}`,
    {},
    APP_ORIGIN,
  );
  return { callbackUrl: back.url, browser, authorizeUrl };
}

/** The app's callback, called with the browser's cookies for the app. */
export function callbackRequest(browser: Agent, url: string): Request {
  return new Request(url, { headers: { Cookie: browser.cookieHeader(APP_ORIGIN) } });
}
