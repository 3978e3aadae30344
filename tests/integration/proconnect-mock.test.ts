import { createRemoteJWKSet, decodeProtectedHeader, jwtVerify } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findAgent } from "../../mocks/proconnect/agents";
import { loadProConnectMockConfig } from "../../mocks/proconnect/config";
import { ACR_VALUES } from "../../mocks/proconnect/scopes";
import { Agent } from "../helpers/http";
import {
  authorizeRequest,
  loginAtProConnect,
  logoutAtProConnect,
  PC_APP_ORIGIN,
  PC_CLIENT,
  PC_POST_LOGOUT_REDIRECT_URI,
  PC_REDIRECT_URI,
  randomToken,
  startProConnectMock,
} from "../helpers/proconnect";

let mock: Awaited<ReturnType<typeof startProConnectMock>>;
beforeAll(async () => {
  mock = await startProConnectMock();
});
afterAll(() => mock.close());

const acrClaims = (values: string[], extra: Record<string, unknown> = {}) =>
  JSON.stringify({ id_token: { acr: { essential: true, values }, ...extra } });

/** The back office's call to the token endpoint (client_secret_post). */
async function exchangeCode(issuer: string, callbackUrl: string) {
  const code = new URL(callbackUrl).searchParams.get("code");
  expect(code).toBeTruthy();
  const response = await fetch(`${issuer}/token`, {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({
      grant_type: "authorization_code",
      code: code as string,
      redirect_uri: PC_REDIRECT_URI,
      client_id: PC_CLIENT.client_id,
      client_secret: PC_CLIENT.client_secret,
    }),
  });
  expect(response.status).toBe(200);
  return (await response.json()) as {
    access_token: string;
    id_token: string;
    token_type: string;
    expires_in: number;
  };
}

async function verifyIdToken(issuer: string, idToken: string, algorithms = ["ES256"]) {
  const jwks = createRemoteJWKSet(new URL(`${issuer}/jwks`));
  const { payload } = await jwtVerify(idToken, jwks, {
    issuer,
    audience: PC_CLIENT.client_id,
    algorithms,
  });
  return payload;
}

/** Logs in as `login` with the given authorization parameters, and exchanges the code. */
async function loginAs(login: string, params: Record<string, string | null> = {}) {
  const request = authorizeRequest(mock.issuer, params);
  const back = await loginAtProConnect(request.url, { login });
  expect(back.url.startsWith(`${PC_REDIRECT_URI}?`)).toBe(true);
  expect(new URL(back.url).searchParams.get("state")).toBe(request.state);
  const tokens = await exchangeCode(mock.issuer, back.url);
  const idToken = await verifyIdToken(mock.issuer, tokens.id_token);
  expect(idToken.nonce).toBe(request.nonce);
  return { ...request, tokens, idToken, browser: back.browser };
}

describe("the local ProConnect", () => {
  it("reads its configuration from the environment", () => {
    const config = loadProConnectMockConfig({ APP_URL: "http://localhost:4000/" });
    expect(config.port).toBe(3003);
    expect(config.issuer).toBe("http://localhost:3003/api/v2");
    expect(config.clients).toEqual([
      {
        ...PC_CLIENT,
        redirect_uris: ["http://localhost:4000/bureau/auth/callback"],
        post_logout_redirect_uris: ["http://localhost:4000/bureau/deconnexion/retour"],
        id_token_signed_response_alg: "ES256",
      },
    ]);
    expect(loadProConnectMockConfig({ PC_MOCK_PORT: "4567" }).issuer).toBe(
      "http://localhost:4567/api/v2",
    );
    expect(() => loadProConnectMockConfig({ PC_MOCK_CLIENTS: "[" })).toThrow();
  });

  it("publishes ProConnect's discovery document", async () => {
    const response = await fetch(`${mock.issuer}/.well-known/openid-configuration`);
    expect(response.status).toBe(200);
    const discovery = (await response.json()) as Record<string, unknown>;
    expect(discovery).toMatchObject({
      issuer: mock.issuer,
      authorization_endpoint: `${mock.issuer}/authorize`,
      token_endpoint: `${mock.issuer}/token`,
      userinfo_endpoint: `${mock.issuer}/userinfo`,
      end_session_endpoint: `${mock.issuer}/session/end`,
      jwks_uri: `${mock.issuer}/jwks`,
      claims_parameter_supported: true,
      acr_values_supported: [...ACR_VALUES],
      response_types_supported: ["code"],
      subject_types_supported: ["public"],
      token_endpoint_auth_methods_supported: ["client_secret_post"],
      id_token_signing_alg_values_supported: ["ES256", "RS256"],
      userinfo_signing_alg_values_supported: ["ES256", "RS256"],
    });
    expect(discovery.scopes_supported).toEqual(
      expect.arrayContaining(["openid", "given_name", "usual_name", "email", "uid", "siret"]),
    );
    expect(discovery.scopes_supported).not.toContain("offline_access");
    expect(discovery.claims_supported).toEqual(
      expect.arrayContaining(["sub", "acr", "amr", "usual_name", "organizational_unit", "idp_id"]),
    );
  });

  describe("refuses malformed authorization requests on its own error page", () => {
    const cases: [string, Record<string, string | null>, string][] = [
      ["a short state", { state: "a".repeat(31) }, "state doit contenir au moins 32 caractères"],
      ["a short nonce", { nonce: "n".repeat(10) }, "nonce doit contenir au moins 32 caractères"],
      ["no nonce", { nonce: null }, "le paramètre nonce est obligatoire"],
      ["acr_values", { acr_values: "eidas1" }, "paramètre non accepté : acr_values"],
      ["an unknown parameter", { ui_locales: "fr" }, "paramètre non accepté : ui_locales"],
      ["another response type", { response_type: "id_token" }, "response_type doit valoir code"],
      ["no openid scope", { scope: "email" }, "le scope openid est obligatoire"],
    ];
    for (const [name, params, message] of cases) {
      it(name, async () => {
        const response = await fetch(authorizeRequest(mock.issuer, params).url, {
          redirect: "manual",
        });
        expect(response.status).toBe(400);
        expect(response.headers.get("location")).toBeNull();
        const body = await response.text();
        expect(body).toContain("Y000400");
        expect(body).toContain(message);
        expect(body).toContain('<html lang="fr">');
      });
    }

    it("a redirect_uri that is not registered (Y030031)", async () => {
      const url = authorizeRequest(mock.issuer, {
        redirect_uri: `${PC_APP_ORIGIN}/bureau/auth/callback/`,
      }).url;
      const response = await fetch(url, { redirect: "manual" });
      expect(response.status).toBe(400);
      expect(response.headers.get("location")).toBeNull();
      expect(await response.text()).toContain("Y030031");
    });
  });

  it("shows the demo agents in French, in an accessible page", async () => {
    const page = await new Agent().walk(authorizeRequest(mock.issuer).url, PC_APP_ORIGIN);
    expect(page.url).toMatch(/\/api\/v2\/interaction\/[\w-]+$/);
    expect(page.body).toContain('<html lang="fr">');
    expect(page.body).toContain("ProConnect (démonstration locale)");
    expect(page.body).toContain("Camille Martin");
    expect(page.body).toContain("Présidente du BAJ de Paris");
    expect(page.body).toContain("Inès Fontaine");
    expect(page.body).toContain('<label for="email">');
    expect(page.body).toContain("Annuler");
  });

  it("logs karim.benali in: ES256 id_token with acr and amr, then a signed userinfo", async () => {
    const { tokens, idToken } = await loginAs("karim.benali", {
      claims: acrClaims(["eidas1", "eidas2", "eidas3"], { amr: { essential: true } }),
    });
    const karim = findAgent("karim.benali");
    if (!karim) throw new Error("karim.benali manquant");
    expect(tokens.token_type).toBe("Bearer");
    expect(tokens.expires_in).toBe(3600);
    expect(decodeProtectedHeader(tokens.id_token).alg).toBe("ES256");
    expect(idToken).toMatchObject({ sub: karim.sub, acr: "eidas1", amr: ["pwd"] });
    // The identity itself comes from userinfo.
    expect(idToken.email).toBeUndefined();

    const response = await fetch(`${mock.issuer}/userinfo`, {
      headers: { Authorization: `Bearer ${tokens.access_token}` },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^application\/jwt/);
    const jwt = await response.text();
    expect(decodeProtectedHeader(jwt).alg).toBe("ES256");
    const { payload: userinfo } = await jwtVerify(
      jwt,
      createRemoteJWKSet(new URL(`${mock.issuer}/jwks`)),
      { issuer: mock.issuer, audience: PC_CLIENT.client_id, algorithms: ["ES256"] },
    );
    expect(userinfo).toMatchObject({
      sub: karim.sub,
      given_name: "Karim",
      usual_name: "Benali",
      email: "karim.benali@justice.example",
      uid: karim.uid,
      siret: "11000001300018",
      idp_id: "ministere-justice-demo",
      organizational_unit: "Bureau d'aide juridictionnelle de Paris",
    });
    // Not asked for.
    expect(userinfo.phone_number).toBeUndefined();
    expect(userinfo.roles).toBeUndefined();
  });

  it("gives each account its own stable sub, the same at every login", async () => {
    const first = await loginAs("julie.petit");
    const again = await loginAs("julie.petit");
    const other = await loginAs("hugo.roux");
    expect(first.idToken.sub).toBe(findAgent("julie.petit")?.sub);
    expect(again.idToken.sub).toBe(first.idToken.sub);
    expect(other.idToken.sub).not.toBe(first.idToken.sub);
  });

  it("answers the account's level, even when it is not among the requested ones", async () => {
    const camille = await loginAs("camille.martin", { claims: acrClaims(["eidas1"]) });
    expect(camille.idToken.acr).toBe("eidas2");
    // amr only when asked for.
    expect(camille.idToken.amr).toBeUndefined();

    const lea = await loginAs("lea.faible", { claims: acrClaims(["eidas1", "eidas2", "eidas3"]) });
    expect(lea.idToken.acr).toBe("eidas0");

    const withoutClaims = await loginAs("marc.dupuis");
    expect(withoutClaims.idToken.acr).toBe("eidas1");
  });

  it("releases the optional scopes: roles, organization_label, phone", async () => {
    const { tokens } = await loginAs("paul.durand", {
      scope: "openid email idp_id siret roles organization_label phone",
    });
    const response = await fetch(`${mock.issuer}/userinfo`, {
      headers: { Authorization: `Bearer ${tokens.access_token}` },
    });
    const { payload } = await jwtVerify(
      await response.text(),
      createRemoteJWKSet(new URL(`${mock.issuer}/jwks`)),
      { issuer: mock.issuer, audience: PC_CLIENT.client_id },
    );
    expect(payload).toMatchObject({
      email: "paul.durand@interieur.example",
      idp_id: "ministere-interieur-demo",
      roles: ["agent_public", "agent_public_etat"],
      organization_label: "Ministère de l'Intérieur (démonstration)",
    });
    expect(payload.phone_number).toEqual(expect.any(String));
    expect(payload.given_name).toBeUndefined();
  });

  it("logs in by e-mail address, prefilled from login_hint", async () => {
    const request = authorizeRequest(mock.issuer, { login_hint: "sophie.girard@justice.example" });
    const browser = new Agent();
    const page = await browser.walk(request.url, PC_APP_ORIGIN);
    expect(page.body).toContain('value="sophie.girard@justice.example"');

    const unknown = await browser.postForm(
      `${page.url}/login`,
      { email: "personne@justice.example" },
      PC_APP_ORIGIN,
    );
    expect(unknown.response?.status).toBe(401);
    expect(unknown.body).toContain("Aucun compte de démonstration pour cette adresse.");
    expect(unknown.body).toContain('role="alert"');

    const back = await browser.postForm(
      `${page.url}/login`,
      { email: " Sophie.Girard@Justice.example " },
      PC_APP_ORIGIN,
    );
    const tokens = await exchangeCode(mock.issuer, back.url);
    const idToken = await verifyIdToken(mock.issuer, tokens.id_token);
    expect(idToken.sub).toBe(findAgent("sophie.girard")?.sub);
  });

  it("reports a cancelled login as access_denied, with the state", async () => {
    const request = authorizeRequest(mock.issuer);
    const back = await loginAtProConnect(request.url, { cancel: true });
    expect(back.url.startsWith(`${PC_REDIRECT_URI}?`)).toBe(true);
    const params = new URL(back.url).searchParams;
    expect(params.get("error")).toBe("access_denied");
    expect(params.get("state")).toBe(request.state);
    expect(params.get("code")).toBeNull();
  });

  it("keeps an SSO session: the next login at the client skips the login page", async () => {
    const { browser } = await loginAs("ines.fontaine");
    const request = authorizeRequest(mock.issuer);
    const back = await browser.walk(request.url, PC_APP_ORIGIN);
    expect(back.url.startsWith(`${PC_REDIRECT_URI}?`)).toBe(true);
    const tokens = await exchangeCode(mock.issuer, back.url);
    const idToken = await verifyIdToken(mock.issuer, tokens.id_token);
    expect(idToken.sub).toBe(findAgent("ines.fontaine")?.sub);
    // prompt=login asks again.
    const forced = await browser.walk(
      authorizeRequest(mock.issuer, { prompt: "login" }).url,
      PC_APP_ORIGIN,
    );
    expect(forced.url).toMatch(/\/interaction\//);
  });

  it("logs out through session/end and comes back with the state", async () => {
    const { tokens, browser } = await loginAs("lucas.moreau");
    const state = randomToken();
    const logoutUrl = `${mock.issuer}/session/end?${new URLSearchParams({
      id_token_hint: tokens.id_token,
      state,
      post_logout_redirect_uri: PC_POST_LOGOUT_REDIRECT_URI,
    })}`;
    const page = await browser.walk(logoutUrl, PC_APP_ORIGIN);
    // The confirmation form submits itself.
    expect(page.body).toContain("document.forms[0].submit()");
    expect(page.body).toContain('<html lang="fr">');

    const back = await logoutAtProConnect(browser, logoutUrl);
    expect(back.url).toBe(`${PC_POST_LOGOUT_REDIRECT_URI}?state=${state}`);
    // The session is over: the next login shows the login page again.
    const next = await browser.walk(authorizeRequest(mock.issuer).url, PC_APP_ORIGIN);
    expect(next.url).toMatch(/\/interaction\//);
  });

  it("refuses a post_logout_redirect_uri that is not registered (Y030111)", async () => {
    const { tokens, browser } = await loginAs("lucas.moreau");
    const response = await browser.fetch(
      `${mock.issuer}/session/end?${new URLSearchParams({
        id_token_hint: tokens.id_token,
        state: randomToken(),
        post_logout_redirect_uri: `${PC_APP_ORIGIN}/ailleurs`,
      })}`,
    );
    expect(response.status).toBe(400);
    expect(response.headers.get("location")).toBeNull();
    expect(await response.text()).toContain("Y030111");
  });

  it("shows its own page for an interaction without its cookie (Y030110)", async () => {
    const page = await new Agent().walk(authorizeRequest(mock.issuer).url, PC_APP_ORIGIN);
    const response = await fetch(page.url);
    expect(response.status).toBe(400);
    expect(await response.text()).toContain("Y030110");
  });

  it("signs with RS256 for a client registered so", async () => {
    const rs = await startProConnectMock({ alg: "RS256" });
    try {
      const request = authorizeRequest(rs.issuer);
      const back = await loginAtProConnect(request.url, { login: "hugo.roux" });
      const tokens = await exchangeCode(rs.issuer, back.url);
      expect(decodeProtectedHeader(tokens.id_token).alg).toBe("RS256");
      const idToken = await verifyIdToken(rs.issuer, tokens.id_token, ["RS256"]);
      expect(idToken.acr).toBe("eidas1");
      const userinfo = await fetch(`${rs.issuer}/userinfo`, {
        headers: { Authorization: `Bearer ${tokens.access_token}` },
      });
      expect(decodeProtectedHeader(await userinfo.text()).alg).toBe("RS256");
    } finally {
      await rs.close();
    }
  });
});
