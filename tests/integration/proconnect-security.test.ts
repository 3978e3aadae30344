/**
 * ProConnect, at the level of the relying party: the authorization request follows ProConnect's
 * rules, and every forged, replayed or broken answer is refused with the right kind of error.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { deriveNonce } from "~/server/auth/franceconnect.server";
import type { OidcErrorKind } from "~/server/auth/oidc.server";
import {
  createProConnect,
  PC_ACCEPTED_ACR,
  ProConnectError,
} from "~/server/auth/proconnect.server";
import type { Misbehaviour } from "../helpers/fake-franceconnect";
import {
  APP_ORIGIN,
  PROCONNECT_PROFILE,
  proConnectConfig,
  startFakeProConnect,
} from "../helpers/fake-proconnect";

let fake: Awaited<ReturnType<typeof startFakeProConnect>>;
beforeAll(async () => {
  fake = await startFakeProConnect();
});
afterAll(() => fake.close());

const cookiesOf = (headers: Headers) =>
  headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");

async function start(options: { idTokenAlg?: "ES256" | "RS256"; returnTo?: string } = {}) {
  const pc = createProConnect(
    proConnectConfig(fake.issuer, { idTokenAlg: options.idTokenAlg ?? "ES256" }),
  );
  const response = await pc.login(
    new Request(`${APP_ORIGIN}/bureau/auth/proconnect`),
    options.returnTo ?? "/bureau",
  );
  const authorize = new URL(response.headers.get("location") as string);
  return { pc, response, authorize, state: authorize.searchParams.get("state") as string };
}

/** Starts a login, then comes back to the callback as ProConnect would. */
async function roundTrip(
  misbehaviour: Misbehaviour = {},
  options: {
    tamperState?: boolean;
    query?: Record<string, string>;
    idTokenAlg?: "ES256" | "RS256";
  } = {},
) {
  const { pc, response, authorize, state } = await start(options);
  fake.prepare(authorize.searchParams.get("nonce") as string, misbehaviour);
  const query = options.query ?? {
    code: "fake-code",
    state: options.tamperState ? `${state.slice(0, -1)}x` : state,
  };
  const callback = new Request(`${APP_ORIGIN}/bureau/auth/callback?${new URLSearchParams(query)}`, {
    headers: { Cookie: cookiesOf(response.headers) },
  });
  return { pc, callback, result: await pc.callback(callback) };
}

function expectRefused(
  result: Awaited<ReturnType<typeof roundTrip>>["result"],
  kind: OidcErrorKind,
) {
  expect(result.ok).toBe(false);
  if (result.ok) return;
  expect(result.error).toBeInstanceOf(ProConnectError);
  expect(result.error.kind).toBe(kind);
  expect(result.error.message.length).toBeGreaterThan(0);
}

describe("ProConnect authorization request", () => {
  it("asks the acr through `claims` (never acr_values), with ProConnect's scopes", async () => {
    const { response, authorize } = await start({ returnTo: "/bureau/dossiers?page=2" });
    expect(response.status).toBe(303);
    expect(authorize.origin + authorize.pathname).toBe(`${fake.issuer}/authorize`);
    const params = authorize.searchParams;
    expect(params.get("response_type")).toBe("code");
    expect(params.get("client_id")).toBe(PROCONNECT_PROFILE.clientId);
    expect(params.get("redirect_uri")).toBe(`${APP_ORIGIN}/bureau/auth/callback`);
    expect(params.has("acr_values")).toBe(false);
    expect(JSON.parse(params.get("claims") as string)).toEqual({
      id_token: {
        acr: { essential: true, values: ["eidas1", "eidas1-mfa", "eidas2", "eidas3"] },
        amr: { essential: false },
      },
    });
    expect(params.get("scope")?.split(" ")).toEqual([
      "openid",
      "given_name",
      "usual_name",
      "email",
      "uid",
      "siret",
      "idp_id",
      "organizational_unit",
    ]);
    expect(params.get("state")?.length).toBeGreaterThanOrEqual(32);
    expect(params.get("nonce")?.length).toBeGreaterThanOrEqual(32);
    expect(params.get("nonce")).not.toBe(params.get("state"));
    const cookies = response.headers.getSetCookie().join("\n");
    expect(cookies).toMatch(/pc_state:[\w-]+=[^;]+;.*Path=\/bureau\/auth;.*HttpOnly/i);
    expect(cookies).toMatch(
      /pc_return=(%2F|\/)bureau(%2F|\/)dossiers(%3F|\?)page(%3D|=)2;.*Path=\/bureau;/i,
    );
    expect(cookies).not.toMatch(/fc_/);
  });

  it("never remembers a return address off the site", async () => {
    const { response } = await start({ returnTo: "//evil.example/x" });
    expect(response.headers.getSetCookie().join("\n")).toMatch(/pc_return=(%2F|\/);/);
  });
});

describe("ProConnect callback", () => {
  it("accepts the well-behaved answer (control case)", async () => {
    const { result } = await roundTrip();
    if (!result.ok) throw result.error;
    expect(result.returnTo).toBe("/bureau");
    expect(result.login.identity).toEqual({
      sub: PROCONNECT_PROFILE.sub,
      ...PROCONNECT_PROFILE.userinfoClaims,
    });
    expect(result.login.acr).toBe("eidas1");
    expect(result.login.amr).toEqual(["pwd"]);
    expect(result.login.idToken.split(".")).toHaveLength(3);
    expect(result.login).not.toHaveProperty("accessToken");
    // The attempt's cookies are cleared, each on its own path.
    const cleared = result.headers.getSetCookie().join("\n");
    expect(cleared).toMatch(/pc_state:[\w-]+=;.*Path=\/bureau\/auth;.*Expires=Thu, 01 Jan 1970/i);
    expect(cleared).toMatch(/pc_return=;.*Path=\/bureau;.*Expires=Thu, 01 Jan 1970/i);
  });

  for (const acr of PC_ACCEPTED_ACR) {
    it(`accepts acr ${acr}`, async () => {
      const { result } = await roundTrip({ idTokenClaims: { acr } });
      if (!result.ok) throw result.error;
      expect(result.login.acr).toBe(acr);
    });
  }

  it("accepts an agent without the optional claims (uid, siret, organizational_unit)", async () => {
    const { result } = await roundTrip({
      userinfoClaims: { uid: undefined, siret: null, organizational_unit: "" },
    });
    if (!result.ok) throw result.error;
    expect(result.login.identity).toEqual({
      sub: PROCONNECT_PROFILE.sub,
      idp_id: PROCONNECT_PROFILE.userinfoClaims.idp_id,
      email: "jean.martin@justice.gouv.fr",
      given_name: "Jean",
      usual_name: "MARTIN",
    });
  });

  const forgedIdTokens: [string, Misbehaviour, ("ES256" | "RS256")?][] = [
    ["a bad id_token signature", { idTokenSigning: "tampered" }],
    ["an unsigned id_token (alg: none)", { idTokenSigning: "none" }],
    ["an unexpected algorithm (RS256 when ES256 is registered)", { idTokenSigning: "rs256" }],
    ["an unexpected algorithm (ES256 when RS256 is registered)", {}, "RS256"],
    ["an unknown signing key (kid)", { idTokenSigning: "unknown-kid" }],
    ["a wrong issuer", { idTokenClaims: { iss: "https://evil.example/api/v2" } }],
    ["a wrong audience", { idTokenClaims: { aud: "another-client" } }],
    ["an expired id_token", { idTokenClaims: { exp: Math.floor(Date.now() / 1000) - 600 } }],
    [
      "an id_token issued in the future (one hour ahead)",
      { idTokenClaims: { iat: Math.floor(Date.now() / 1000) + 3600 } },
    ],
    [
      "an id_token issued too long ago",
      { idTokenClaims: { iat: Math.floor(Date.now() / 1000) - 3600 } },
    ],
    ["a wrong nonce", { idTokenClaims: { nonce: "n".repeat(43) } }],
    ["a missing nonce", { idTokenClaims: { nonce: undefined } }],
    ["acr eidas0", { idTokenClaims: { acr: "eidas0" } }],
    ["acr eidas0-mfa", { idTokenClaims: { acr: "eidas0-mfa" } }],
    [
      "an unknown acr",
      { idTokenClaims: { acr: "https://proconnect.gouv.fr/assurance/self-asserted" } },
    ],
    ["a missing acr", { idTokenClaims: { acr: undefined } }],
  ];
  for (const [name, misbehaviour, alg] of forgedIdTokens) {
    it(`refuses ${name}`, async () => {
      const { result } = await roundTrip(misbehaviour, { idTokenAlg: alg });
      expectRefused(result, "invalid_id_token");
    });
  }

  it("refuses FranceConnect's nonce for the same state and secret", async () => {
    const { pc, authorize, state, response } = await start();
    const fcNonce = deriveNonce(proConnectConfig(fake.issuer).nonceSecret, state);
    expect(fcNonce).not.toBe(authorize.searchParams.get("nonce"));
    fake.prepare(fcNonce);
    const result = await pc.callback(
      new Request(`${APP_ORIGIN}/bureau/auth/callback?code=c&state=${state}`, {
        headers: { Cookie: cookiesOf(response.headers) },
      }),
    );
    expectRefused(result, "invalid_id_token");
  });

  it("refuses an id_token whose acr is below the configured levels", async () => {
    const pc = createProConnect(
      proConnectConfig(fake.issuer, { acceptedAcr: ["eidas2", "eidas3"] }),
    );
    const start = await pc.login(new Request(`${APP_ORIGIN}/bureau/auth/proconnect`), "/bureau");
    const authorize = new URL(start.headers.get("location") as string);
    expect(JSON.parse(authorize.searchParams.get("claims") as string).id_token.acr.values).toEqual([
      "eidas2",
      "eidas3",
    ]);
    fake.prepare(authorize.searchParams.get("nonce") as string, {});
    const query = new URLSearchParams({
      code: "c",
      state: authorize.searchParams.get("state") ?? "",
    });
    const result = await pc.callback(
      new Request(`${APP_ORIGIN}/bureau/auth/callback?${query}`, {
        headers: { Cookie: cookiesOf(start.headers) },
      }),
    );
    expectRefused(result, "invalid_id_token");
    if (!result.ok) expect(result.error.message).toMatch(/eidas1/);
  });

  it("refuses an unsigned (JSON) userinfo", async () => {
    expectRefused((await roundTrip({ userinfo: "json" })).result, "invalid_userinfo");
  });

  it("refuses a userinfo signed by another key", async () => {
    expectRefused((await roundTrip({ userinfo: "other-key" })).result, "invalid_userinfo");
  });

  it("refuses a userinfo about another subject", async () => {
    const other = { userinfoClaims: { sub: "another-agent" } };
    expectRefused((await roundTrip(other)).result, "invalid_userinfo");
  });

  it("refuses a userinfo without the agent's required claims", async () => {
    for (const missing of ["email", "given_name", "usual_name", "idp_id"]) {
      const incomplete = { userinfoClaims: { [missing]: undefined } };
      expectRefused((await roundTrip(incomplete)).result, "invalid_userinfo");
    }
  });

  it("refuses a state that does not match the browser's", async () => {
    expectRefused((await roundTrip({}, { tamperState: true })).result, "invalid_state");
  });

  it("refuses a callback without code or state", async () => {
    expectRefused((await roundTrip({}, { query: { code: "x" } })).result, "invalid_state");
  });

  it("refuses a replayed callback once the browser applied the cleared cookies", async () => {
    const { pc, callback, result } = await roundTrip();
    expect(result.ok).toBe(true);
    const cleared = result.headers
      .getSetCookie()
      .map((c) => c.split(";")[0])
      .filter((c) => !c?.endsWith("="));
    const replay = await pc.callback(
      new Request(callback.url, { headers: { Cookie: cleared.join("; ") } }),
    );
    expectRefused(replay, "invalid_state");
  });

  it("refuses a code ProConnect does not accept", async () => {
    const { result } = await roundTrip({ tokenStatus: 400 });
    expectRefused(result, "token_exchange");
    if (!result.ok) expect(result.error.providerCode).toBe("invalid_grant");
  });

  it("reports ProConnect's error code", async () => {
    const query = { error: "invalid_scope", error_description: "scope not allowed", state: "x" };
    const { result } = await roundTrip({}, { query });
    expectRefused(result, "provider_error");
    if (!result.ok) expect(result.error.providerCode).toBe("invalid_scope");
  });

  it("reports a cancelled login as access_denied", async () => {
    const query = { error: "access_denied", error_description: "User auth aborted", state: "x" };
    expectRefused((await roundTrip({}, { query })).result, "access_denied");
  });
});

describe("ProConnect unreachable", () => {
  it("at login: a ProConnectError, in French", async () => {
    const pc = createProConnect(
      proConnectConfig("http://127.0.0.1:9/api/v2", { timeoutMs: 1_000 }),
    );
    const login = pc.login(new Request(`${APP_ORIGIN}/bureau/auth/proconnect`), "/bureau");
    await expect(login).rejects.toBeInstanceOf(ProConnectError);
    await expect(login).rejects.toMatchObject({
      kind: "unreachable",
      message: "ProConnect ne répond pas.",
    });
  });

  it("at the callback: unreachable", async () => {
    const own = await startFakeProConnect();
    const pc = createProConnect(proConnectConfig(own.issuer));
    const started = await pc.login(new Request(`${APP_ORIGIN}/bureau/auth/proconnect`), "/bureau");
    const state = new URL(started.headers.get("location") as string).searchParams.get("state");
    await own.close();
    const result = await pc.callback(
      new Request(`${APP_ORIGIN}/bureau/auth/callback?code=c&state=${state}`, {
        headers: { Cookie: cookiesOf(started.headers) },
      }),
    );
    expectRefused(result, "unreachable");
  });
});

describe("ProConnect logout", () => {
  it("goes through session/end with id_token_hint, state and post_logout_redirect_uri", async () => {
    const pc = createProConnect(proConnectConfig(fake.issuer));
    const url = new URL(await pc.logoutUrl("the-id-token", "s".repeat(43)));
    expect(url.origin + url.pathname).toBe(`${fake.issuer}/session/end`);
    expect(Object.fromEntries(url.searchParams)).toEqual({
      id_token_hint: "the-id-token",
      state: "s".repeat(43),
      post_logout_redirect_uri: `${APP_ORIGIN}/bureau/deconnexion/retour`,
    });
  });
});
