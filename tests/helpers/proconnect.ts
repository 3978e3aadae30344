/**
 * Test fixtures for ProConnect: the local ProConnect on a free port, and walks through its pages
 * (login, logout) as an agent's browser would, without JavaScript.
 */
import { randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { createProConnectMock } from "../../mocks/proconnect/app";
import { DEMO_PROCONNECT_CLIENT, type ProConnectClientConfig } from "../../mocks/proconnect/config";
import { Agent } from "./http";

export const PC_APP_ORIGIN = "http://app.test";
export const PC_REDIRECT_URI = `${PC_APP_ORIGIN}/bureau/auth/callback`;
export const PC_POST_LOGOUT_REDIRECT_URI = `${PC_APP_ORIGIN}/bureau/deconnexion/retour`;
export const PC_CLIENT = DEMO_PROCONNECT_CLIENT;
/** What the back office asks for. */
export const PC_SCOPES = [
  "openid",
  "given_name",
  "usual_name",
  "email",
  "uid",
  "siret",
  "idp_id",
  "organizational_unit",
];

/**
 * The local ProConnect on a free port, with the demo client registered for `PC_APP_ORIGIN`
 * (or `options.clients`).
 */
export async function startProConnectMock(
  options: { alg?: "ES256" | "RS256"; clients?: ProConnectClientConfig[] } = {},
) {
  // Issuer and port are only known once listening: start, read the port, then build the provider.
  let handler: (req: IncomingMessage, res: ServerResponse) => void = (_req, res) => res.end();
  const server = createServer((req, res) => handler(req, res));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  const issuer = `http://127.0.0.1:${port}/api/v2`;
  const mock = await createProConnectMock({
    port,
    issuer,
    clients: options.clients ?? [
      {
        ...PC_CLIENT,
        redirect_uris: [PC_REDIRECT_URI],
        post_logout_redirect_uris: [PC_POST_LOGOUT_REDIRECT_URI],
        id_token_signed_response_alg: options.alg ?? "ES256",
      },
    ],
  });
  handler = mock.app;
  return {
    issuer,
    provider: mock.provider,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A random value of 43 characters, as a client would send for `state` and `nonce`. */
export function randomToken(): string {
  return randomBytes(32).toString("base64url");
}

/**
 * A valid authorization request of the demo client; `params` add or replace parameters, `null`
 * removes one.
 */
export function authorizeRequest(issuer: string, params: Record<string, string | null> = {}) {
  const all: Record<string, string | null> = {
    response_type: "code",
    client_id: PC_CLIENT.client_id,
    redirect_uri: PC_REDIRECT_URI,
    scope: PC_SCOPES.join(" "),
    state: randomToken(),
    nonce: randomToken(),
    ...params,
  };
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(all)) if (value !== null) query.set(name, value);
  return {
    url: `${issuer}/authorize?${query.toString()}`,
    state: all.state ?? "",
    nonce: all.nonce ?? "",
  };
}

/**
 * Walks an authorization URL as an agent: ProConnect's login page, then a demo account's button
 * (`login`), the e-mail field (`email`) or "Annuler" (`cancel`). Stops before leaving for
 * `stopAt` (the app). `url` is where ProConnect sent the browser back, or the page it stayed on.
 */
export async function loginAtProConnect(
  authorizeUrl: string,
  choice: { login: string } | { email: string } | { cancel: true },
  options: { browser?: Agent; stopAt?: string } = {},
) {
  const browser = options.browser ?? new Agent();
  const stopAt = options.stopAt ?? PC_APP_ORIGIN;
  const loginPage = await browser.walk(authorizeUrl, stopAt);
  if (!loginPage.url.includes("/interaction/")) {
    throw new Error(`Pas de page de connexion ProConnect : ${loginPage.url}\n${loginPage.body}`);
  }
  const interaction = loginPage.url.split("?")[0] as string;
  const back =
    "cancel" in choice
      ? await browser.postForm(`${interaction}/abort`, {}, stopAt)
      : await browser.postForm(`${interaction}/login`, choice, stopAt);
  return { ...back, browser, loginPage };
}

/** Hidden fields of the first form of a page, and its action. */
function firstForm(html: string, pageUrl: string) {
  const form = /<form\b[^>]*>([\s\S]*?)<\/form>/i.exec(html);
  if (!form) throw new Error(`Pas de formulaire : ${html}`);
  const action = /action="([^"]*)"/i.exec(form[0])?.[1] ?? pageUrl;
  const fields: Record<string, string> = {};
  for (const input of form[1]?.matchAll(/<input\b[^>]*>/gi) ?? []) {
    const name = /name="([^"]*)"/i.exec(input[0])?.[1];
    const value = /value="([^"]*)"/i.exec(input[0])?.[1] ?? "";
    if (name) fields[name] = value;
  }
  return { action: new URL(action.replaceAll("&amp;", "&"), pageUrl).toString(), fields };
}

/**
 * Follows a logout URL (`session/end`) and submits its confirmation form, as the page's script
 * does in a browser. `url` is where ProConnect sent the browser back, or the page it stayed on.
 */
export async function logoutAtProConnect(
  browser: Agent,
  logoutUrl: string,
  stopAt = PC_APP_ORIGIN,
) {
  const page = await browser.walk(logoutUrl, stopAt);
  if (page.response?.status !== 200 || !page.body?.includes("op.logoutForm")) {
    return page;
  }
  const { action, fields } = firstForm(page.body, page.url);
  return browser.postForm(action, fields, stopAt);
}
