/**
 * The fake OpenID provider (fake-franceconnect.ts) playing ProConnect: an agent's professional
 * identity in a signed userinfo, an id_token at eidas1 with its amr, and the app's ProConnect
 * client configured against it.
 */
import type { ProConnectConfig } from "~/server/auth/proconnect.server";
import { type FakeProviderProfile, startFakeOidcProvider } from "./fake-franceconnect";

/** The app's origin in tests (as in ./franceconnect.ts, without loading the local FranceConnect). */
export const APP_ORIGIN = "http://app.test";

export const PROCONNECT_PROFILE: FakeProviderProfile = {
  clientId: "aide-juridictionnelle-bureau-demo",
  sub: "3f7a1c2e-5b8d-4e6f-9a0b-1c2d3e4f5a6b",
  idTokenClaims: { acr: "eidas1", amr: ["pwd"] },
  userinfoClaims: {
    idp_id: "71144ab3-ee1a-4401-b7b3-79b44f7daeeb",
    email: "jean.martin@justice.gouv.fr",
    given_name: "Jean",
    usual_name: "MARTIN",
    uid: "jmartin",
    siret: "11000201100044",
    organizational_unit: "Bureau d'aide juridictionnelle",
  },
};

export function startFakeProConnect() {
  return startFakeOidcProvider(PROCONNECT_PROFILE);
}

export function proConnectConfig(
  issuer: string,
  overrides: Partial<ProConnectConfig> = {},
): ProConnectConfig {
  return {
    issuer,
    clientId: PROCONNECT_PROFILE.clientId,
    clientSecret: "proconnect-demo-secret",
    redirectUri: `${APP_ORIGIN}/bureau/auth/callback`,
    postLogoutRedirectUri: `${APP_ORIGIN}/bureau/deconnexion/retour`,
    idTokenAlg: "ES256",
    nonceSecret: "test-nonce-secret-0123456789abcdef0123456789",
    timeoutMs: 5_000,
    secureCookies: false,
    ...overrides,
  };
}
