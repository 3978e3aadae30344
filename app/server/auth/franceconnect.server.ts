/**
 * FranceConnect v2 for a service provider: the shared OpenID Connect core (./oidc.server.ts) with
 * FranceConnect's own rules: `acr_values=eidas1` and an id_token whose acr is eidas1, the scopes
 * `openid identite_pivot email preferred_username` and the data scopes (v2 took the nom d'usage out of
 * `identite_pivot`: it has its own scope), the identité pivot as the userinfo.
 * Facts and choices: docs/decisions/007-franceconnect.md.
 */
import { Cookie as RequestCookies, SetCookie } from "@mjackson/headers";
import { z } from "zod";
import {
  createOidcClient,
  deriveOidcNonce,
  type OidcCallbackResult,
  type OidcClientConfig,
  OidcError,
  type OidcErrorKind,
  safeLocalPath,
} from "./oidc.server";

export { safeLocalPath } from "./oidc.server";

export const FC_ACR = "eidas1";

export type FranceConnectConfig = OidcClientConfig & {
  /** Data scopes added to `openid identite_pivot email preferred_username` at every login. */
  dataScopes: string[];
  /**
   * The scopes of each data provider asked only with the citizen's consent given later, in a second
   * FranceConnect round trip (docs/decisions/031), by provider id.
   */
  consentScopes?: Record<string, string[]>;
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
> & {
  /** The providers the citizen was sent to FranceConnect to consent to (none for a plain login). */
  consented: string[];
  /** Where to come back to, whatever the outcome. */
  returnTo: string;
};

/** Holds the providers of the attempt that asks for a consent (next to the return cookie). */
const CONSENT_COOKIE = "fc_consent";
const RETURN_COOKIE = "fc_return";

/** nonce = HMAC(secret, "franceconnect-nonce:" + state). */
export function deriveNonce(secret: string, state: string): string {
  return deriveOidcNonce("franceconnect", secret, state);
}

export function createFranceConnect(config: FranceConnectConfig) {
  const client = createOidcClient(config, {
    id: "franceconnect",
    displayName: "FranceConnect",
    errorClass: FranceConnectError,
    // The data scopes are added per attempt (login: the DGFiP's; consent: the provider's only).
    scopes: ["openid", "identite_pivot", "email", "preferred_username"],
    authorizationParams: { acr_values: FC_ACR },
    acceptedAcr: [FC_ACR],
    userinfoSchema: identitySchema,
    stateCookie: { name: "fc_state", path: "/auth/franceconnect" },
    returnCookie: { name: RETURN_COOKIE, path: "/" },
    toLogin: ({ identity, idToken, accessToken }): FranceConnectLogin => ({
      identity,
      idToken,
      accessToken,
    }),
  });
  const consentScopes = config.consentScopes ?? {};
  /** The consent cookie: set for ten minutes, or cleared (no value). */
  const cookie = (value: string) =>
    new SetCookie({
      name: CONSENT_COOKIE,
      value,
      httpOnly: true,
      sameSite: "Lax",
      ...(config.secureCookies ? { secure: true as const } : {}),
      path: "/auth/franceconnect",
      ...(value ? { maxAge: 600 } : { expires: new Date(0) }),
    }).toString();
  const asked = (request: Request) =>
    new RequestCookies(request.headers.get("Cookie") ?? "").get(CONSENT_COOKIE);

  return {
    config,
    ...client,
    /**
     * Starts a login with the data scopes of every login; with `consent`, with the scopes of those
     * providers instead (ids of `consentScopes`; any other is refused), and the callback reports
     * them.
     */
    async login(request: Request, returnTo: string, consent: string[] = []): Promise<Response> {
      const unknown = consent.filter((id) => !consentScopes[id]);
      if (unknown.length) throw new Error(`Fournisseur de données inconnu : ${unknown.join(", ")}`);
      const response = await client.login(request, returnTo, {
        extraScopes: consent.length
          ? consent.flatMap((id) => consentScopes[id] ?? [])
          : config.dataScopes,
      });
      // A plain login forgets the consent of an attempt left unfinished.
      if (consent.length || asked(request) !== undefined) {
        response.headers.append("Set-Cookie", cookie(consent.join(",")));
      }
      return response;
    },
    async callback(request: Request): Promise<FranceConnectCallbackResult> {
      const result = await client.callback(request);
      const value = asked(request);
      const consented = (value ?? "").split(",").filter((id) => consentScopes[id]);
      if (value !== undefined) result.headers.append("Set-Cookie", cookie(""));
      const returnTo = safeLocalPath(
        new RequestCookies(request.headers.get("Cookie") ?? "").get(RETURN_COOKIE),
      );
      return { ...result, consented, returnTo };
    },
  };
}

export type FranceConnect = ReturnType<typeof createFranceConnect>;
