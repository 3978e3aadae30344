/**
 * FranceConnect v2 for a service provider: the shared OpenID Connect core (./oidc.server.ts) with
 * FranceConnect's own rules: `acr_values=eidas1` and an id_token whose acr is eidas1, the scopes
 * `openid identite_pivot email preferred_username` and the data scopes (v2 took the nom d'usage out of
 * `identite_pivot`: it has its own scope), the identité pivot as the userinfo.
 * Facts and choices: docs/decisions/007-franceconnect.md.
 */
import { z } from "zod";
import {
  createOidcClient,
  deriveOidcNonce,
  type OidcCallbackResult,
  type OidcClientConfig,
  OidcError,
  type OidcErrorKind,
} from "./oidc.server";

export { safeLocalPath } from "./oidc.server";

export const FC_ACR = "eidas1";

export type FranceConnectConfig = OidcClientConfig & {
  /** Data scopes added to `openid identite_pivot email preferred_username`. */
  dataScopes: string[];
};

export type FranceConnectErrorKind = OidcErrorKind;

export class FranceConnectError extends OidcError {
  override name = "FranceConnectError";
}

/** The identité pivot (and contact e-mail) as FranceConnect certifies it. */
export const identitySchema = z.object({
  sub: z.string().min(1),
  given_name: z.string().min(1),
  given_name_array: z.array(z.string()).optional(),
  family_name: z.string().min(1),
  birthdate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  gender: z.enum(["male", "female"]),
  birthplace: z.string(),
  birthcountry: z.string().regex(/^99\d{3}$/),
  email: z.email().optional(),
  preferred_username: z.string().optional(),
});
export type FranceConnectIdentity = z.infer<typeof identitySchema>;

export type FranceConnectLogin = {
  identity: FranceConnectIdentity;
  idToken: string;
  /** Lives 60 s at FranceConnect: use it right away for the data providers, never store it. */
  accessToken: string;
};

export type FranceConnectCallbackResult = OidcCallbackResult<
  FranceConnectLogin,
  FranceConnectError
>;

/** nonce = HMAC(secret, "franceconnect-nonce:" + state). */
export function deriveNonce(secret: string, state: string): string {
  return deriveOidcNonce("franceconnect", secret, state);
}

export function createFranceConnect(config: FranceConnectConfig) {
  const client = createOidcClient(config, {
    id: "franceconnect",
    displayName: "FranceConnect",
    errorClass: FranceConnectError,
    scopes: ["openid", "identite_pivot", "email", "preferred_username", ...config.dataScopes],
    authorizationParams: { acr_values: FC_ACR },
    acceptedAcr: [FC_ACR],
    userinfoSchema: identitySchema,
    stateCookie: { name: "fc_state", path: "/auth/franceconnect" },
    returnCookie: { name: "fc_return", path: "/" },
    toLogin: ({ identity, idToken, accessToken }): FranceConnectLogin => ({
      identity,
      idToken,
      accessToken,
    }),
  });
  return { config, ...client };
}

export type FranceConnect = ReturnType<typeof createFranceConnect>;
