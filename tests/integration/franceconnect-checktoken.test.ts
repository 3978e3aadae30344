/**
 * The local FranceConnect's `checktoken`, as a registered data provider (the DGFiP) calls it:
 * a JWE encrypted to the provider's key, wrapping a JWS signed by FranceConnect.
 */
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import {
  type CryptoKey,
  compactDecrypt,
  createRemoteJWKSet,
  exportJWK,
  generateKeyPair,
  jwtVerify,
} from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createFranceConnect } from "~/server/auth/franceconnect.server";
import {
  callbackRequest,
  franceConnectConfig,
  loginAtFranceConnect,
  startFranceConnectMock,
} from "../helpers/franceconnect";

const DGFIP = {
  client_id: "dgfip-impot-particulier-demo-0000000000",
  client_secret: "dgfip-demo-checktoken-secret-000000000000",
  scopes: ["dgfip_rfr", "dgfip_nbpart", "dgfip_sitfam"],
};

let mock: Awaited<ReturnType<typeof startFranceConnectMock>>;
let decryptionKey: CryptoKey;
let closeJwks: () => void;

beforeAll(async () => {
  const { privateKey, publicKey } = await generateKeyPair("ECDH-ES", { crv: "P-256" });
  decryptionKey = privateKey;
  const jwk = { ...(await exportJWK(publicKey)), use: "enc", alg: "ECDH-ES", kid: "dgfip-enc" };
  const server = createServer((_req, res) => {
    res.writeHead(200, { "Content-Type": "application/json" });
    res.end(JSON.stringify({ keys: [jwk] }));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  closeJwks = () => server.close();
  const jwksUri = `http://127.0.0.1:${(server.address() as AddressInfo).port}/jwks`;
  mock = await startFranceConnectMock({
    dataProviders: [
      {
        ...DGFIP,
        jwks_uri: jwksUri,
        checktoken_signed_response_alg: "ES256",
        checktoken_encrypted_response_alg: "ECDH-ES",
        checktoken_encrypted_response_enc: "A256GCM",
      },
    ],
  });
});
afterAll(async () => {
  closeJwks();
  await mock.close();
});

function checktoken(fields: Record<string, string>) {
  return fetch(`${mock.issuer}/checktoken`, {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams(fields),
  });
}

async function introspect(response: Response) {
  expect(response.status).toBe(200);
  expect(response.headers.get("content-type")).toMatch(/^application\/token-introspection\+jwt/);
  const { plaintext, protectedHeader } = await compactDecrypt(await response.text(), decryptionKey);
  expect(protectedHeader).toMatchObject({ alg: "ECDH-ES", enc: "A256GCM" });
  const { payload } = await jwtVerify(
    new TextDecoder().decode(plaintext),
    createRemoteJWKSet(new URL(`${mock.issuer}/jwks`)),
    { issuer: mock.issuer, audience: DGFIP.client_id, algorithms: ["ES256"] },
  );
  return payload.token_introspection as Record<string, unknown>;
}

describe("checktoken", () => {
  it("describes a live access token to its data provider, reduced to the provider's scopes", async () => {
    const fc = createFranceConnect(
      franceConnectConfig(mock.issuer, {
        dataScopes: ["dgfip_rfr", "dgfip_nbpart", "cnaf_enfants"],
      }),
    );
    const { callbackUrl, browser } = await loginAtFranceConnect(fc);
    const result = await fc.callback(callbackRequest(browser, callbackUrl));
    if (!result.ok) throw result.error;

    const introspection = await introspect(
      await checktoken({
        token: result.login.accessToken,
        client_id: DGFIP.client_id,
        client_secret: DGFIP.client_secret,
      }),
    );
    expect(introspection).toMatchObject({
      active: true,
      aud: "aide-juridictionnelle-demo",
      acr: "eidas1",
      scope: "dgfip_rfr dgfip_nbpart",
      given_name: "Angela Claire Louise",
      family_name: "DUBOIS",
      birthdate: "1962-08-24",
      gender: "female",
      birthplace: "75107",
      birthcountry: "99100",
    });
    // The provider gets its own pairwise subject, not the service's.
    expect(introspection.sub).toMatch(/^[0-9a-f]{64}v1$/);
    expect(introspection.sub).not.toBe(result.login.identity.sub);
    expect(introspection.exp).toBeGreaterThan(Date.now() / 1000);
  });

  it("answers active:false for an unknown token", async () => {
    const introspection = await introspect(
      await checktoken({
        token: "unknown",
        client_id: DGFIP.client_id,
        client_secret: DGFIP.client_secret,
      }),
    );
    expect(introspection).toEqual({ active: false });
  });

  it("refuses a provider with wrong credentials, and unexpected fields", async () => {
    const wrong = await checktoken({
      token: "x",
      client_id: DGFIP.client_id,
      client_secret: "nope",
    });
    expect(wrong.status).toBe(401);
    expect(await wrong.json()).toEqual({ error: "invalid_client" });
    const extra = await checktoken({ ...DGFIP, token: "x", scopes: "" } as unknown as Record<
      string,
      string
    >);
    expect(extra.status).toBe(400);
    expect(await extra.json()).toMatchObject({ error: "invalid_request" });
  });
});

describe("the local FranceConnect's own rules", () => {
  it("shows error Y030007 for a short state or nonce, without redirecting", async () => {
    const url = new URL(`${mock.issuer}/authorize`);
    url.search = new URLSearchParams({
      response_type: "code",
      client_id: "aide-juridictionnelle-demo",
      redirect_uri: "http://app.test/auth/franceconnect/callback",
      scope: "openid identite_pivot",
      acr_values: "eidas1",
      state: "short",
      nonce: "n".repeat(32),
    }).toString();
    const response = await fetch(url, { redirect: "manual" });
    expect(response.status).toBe(400);
    const page = await response.text();
    expect(page).toContain("Y030007");
    expect(page).toContain("state doit contenir au moins 32 caractères");
  });

  it("refuses prompt=none and other acr values", async () => {
    const base = {
      response_type: "code",
      client_id: "aide-juridictionnelle-demo",
      redirect_uri: "http://app.test/auth/franceconnect/callback",
      scope: "openid",
      state: "s".repeat(32),
      nonce: "n".repeat(32),
    };
    const extras: Record<string, string>[] = [
      { acr_values: "eidas1", prompt: "none" },
      { acr_values: "eidas2" },
    ];
    for (const extra of extras) {
      const url = `${mock.issuer}/authorize?${new URLSearchParams({ ...base, ...extra })}`;
      const response = await fetch(url, { redirect: "manual" });
      expect(response.status).toBe(400);
      expect(await response.text()).toContain("Y030007");
    }
  });
});
