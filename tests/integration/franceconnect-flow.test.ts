import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createFranceConnect } from "~/server/auth/franceconnect.server";
import {
  APP_ORIGIN,
  callbackRequest,
  franceConnectConfig,
  loginAtFranceConnect,
  startFranceConnectMock,
} from "../helpers/franceconnect";

let mock: Awaited<ReturnType<typeof startFranceConnectMock>>;
beforeAll(async () => {
  mock = await startFranceConnectMock();
});
afterAll(() => mock.close());

describe("FranceConnect login against the local FranceConnect", () => {
  it("sends FC's parameters: state and nonce of 32+ characters, acr eidas1, scopes", async () => {
    const fc = createFranceConnect(franceConnectConfig(mock.issuer));
    const start = await fc.login(new Request(`${APP_ORIGIN}/auth/franceconnect`), "/mon-compte");
    const url = new URL(start.headers.get("location") as string);
    expect(url.origin + url.pathname).toBe(`${mock.issuer}/authorize`);
    const params = url.searchParams;
    expect(params.get("response_type")).toBe("code");
    expect(params.get("acr_values")).toBe("eidas1");
    expect(params.get("state")?.length).toBeGreaterThanOrEqual(32);
    expect(params.get("nonce")?.length).toBeGreaterThanOrEqual(32);
    expect(params.get("nonce")).not.toBe(params.get("state"));
    expect(params.get("scope")?.split(" ")).toEqual([
      "openid",
      "identite_pivot",
      "email",
      "preferred_username",
      "dgfip_rfr",
      "dgfip_nbpart",
    ]);
    const cookies = start.headers.getSetCookie().join("\n");
    expect(cookies).toMatch(/fc_state:[\w-]+=.*HttpOnly/i);
    expect(cookies).toMatch(/fc_return=(%2F|\/)mon-compte;/);
  });

  for (const alg of ["ES256", "RS256"] as const) {
    it(`verifies Angela DUBOIS's identity end to end (${alg})`, async () => {
      const local = alg === "ES256" ? mock : await startFranceConnectMock({ alg });
      try {
        const fc = createFranceConnect(franceConnectConfig(local.issuer, { idTokenAlg: alg }));
        const { callbackUrl, browser } = await loginAtFranceConnect(fc, "test", {
          returnTo: "/mon-compte",
        });
        expect(callbackUrl).toMatch(/^http:\/\/app\.test\/auth\/franceconnect\/callback\?code=/);
        const result = await fc.callback(callbackRequest(browser, callbackUrl));
        if (!result.ok) throw result.error;
        expect(result.returnTo).toBe("/mon-compte");
        expect(result.login.identity).toMatchObject({
          given_name: "Angela Claire Louise",
          given_name_array: ["Angela", "Claire", "Louise"],
          family_name: "DUBOIS",
          birthdate: "1962-08-24",
          gender: "female",
          birthplace: "75107",
          birthcountry: "99100",
          email: "wossewodda-3728@yopmail.com",
        });
        expect(result.login.identity.sub).toMatch(/^[0-9a-f]{64}v1$/);
        expect(result.login.idToken.split(".")).toHaveLength(3);
        // The attempt's cookies are cleared.
        expect(result.headers.getSetCookie().join("\n")).toMatch(
          /fc_state:[\w-]+=;.*Expires=Thu, 01 Jan 1970/i,
        );
      } finally {
        if (local !== mock) await local.close();
      }
    });
  }

  it("asks for the nom d'usage, which v2 no longer puts in the identité pivot", async () => {
    const fc = createFranceConnect(franceConnectConfig(mock.issuer));
    const { callbackUrl, browser } = await loginAtFranceConnect(fc, "avec_nom_dusage");
    const result = await fc.callback(callbackRequest(browser, callbackUrl));
    if (!result.ok) throw result.error;
    expect(result.login.identity).toMatchObject({
      family_name: "MERCIER",
      preferred_username: "DUBOIS",
    });
  });

  it("gives each identity its own stable subject", async () => {
    const fc = createFranceConnect(franceConnectConfig(mock.issuer));
    const subs = [];
    for (const login of ["test", "test", "sans_nom_dusage"]) {
      const { callbackUrl, browser } = await loginAtFranceConnect(fc, login);
      const result = await fc.callback(callbackRequest(browser, callbackUrl));
      if (!result.ok) throw result.error;
      subs.push(result.login.identity.sub);
    }
    expect(subs[0]).toBe(subs[1]);
    expect(subs[2]).not.toBe(subs[0]);
  });

  it("reports a cancelled consent as access_denied", async () => {
    const fc = createFranceConnect(franceConnectConfig(mock.issuer));
    const { callbackUrl, browser } = await loginAtFranceConnect(fc, "test", { consent: false });
    expect(new URL(callbackUrl).searchParams.get("error")).toBe("access_denied");
    const result = await fc.callback(callbackRequest(browser, callbackUrl));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.kind).toBe("access_denied");
  });

  it("refuses a replayed callback URL", async () => {
    const fc = createFranceConnect(franceConnectConfig(mock.issuer));
    const { callbackUrl, browser } = await loginAtFranceConnect(fc);
    const first = await fc.callback(callbackRequest(browser, callbackUrl));
    expect(first.ok).toBe(true);
    // Same URL and the same cookies (an attacker who copied both): the code is already used.
    const replay = await fc.callback(callbackRequest(browser, callbackUrl));
    expect(replay.ok).toBe(false);
    if (!replay.ok) expect(replay.error.kind).toBe("token_exchange");
    // Once the browser applied the cleared cookies, the state is unknown.
    browser.store(APP_ORIGIN, new Response(null, { headers: first.headers }));
    const again = await fc.callback(callbackRequest(browser, callbackUrl));
    if (!again.ok) expect(again.error.kind).toBe("invalid_state");
    expect(again.ok).toBe(false);
  });

  it("builds the FranceConnect logout URL", async () => {
    const fc = createFranceConnect(franceConnectConfig(mock.issuer));
    const url = new URL(await fc.logoutUrl("the-id-token", "s".repeat(43)));
    expect(url.origin + url.pathname).toBe(`${mock.issuer}/session/end`);
    expect(Object.fromEntries(url.searchParams)).toEqual({
      id_token_hint: "the-id-token",
      state: "s".repeat(43),
      post_logout_redirect_uri: `${APP_ORIGIN}/deconnexion/retour`,
    });
  });
});
