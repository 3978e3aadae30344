/**
 * The OpenID Connect relying party shared by FranceConnect and ProConnect: a remix-auth-oauth2
 * strategy completed with what both require and the library does not do: a nonce bound to the
 * state, client_secret_post, the id_token and the signed userinfo verified with jose against the
 * provider's JWKS. Every answer of the provider is checked; anything unexpected becomes an
 * OidcError (of the provider's subclass) and no login is returned.
 * Each provider only adds its own rules through an `OidcProvider`: scopes, extra authorize
 * parameters, accepted acr values, userinfo schema, cookies and display name.
 * Decision: docs/decisions/007-franceconnect.md.
 */
import { createHash, createHmac, timingSafeEqual } from "node:crypto";
import { Cookie as RequestCookies, SetCookie } from "@mjackson/headers";
import { OAuth2Tokens } from "arctic";
import {
  createRemoteJWKSet,
  customFetch,
  type JWTPayload,
  errors as joseErrors,
  jwtVerify,
} from "jose";
import { OAuth2Strategy } from "remix-auth-oauth2";
import { z } from "zod";
import { upstreamFetch } from "../request-context.server";

/** What the application registered at the provider, and how to reach it. */
export type OidcClientConfig = {
  /** Discovery base, e.g. https://oidc.franceconnect.gouv.fr/api/v2 */
  issuer: string;
  clientId: string;
  clientSecret: string;
  redirectUri: string;
  postLogoutRedirectUri: string;
  /** The only algorithm accepted for the id_token and the userinfo. */
  idTokenAlg: "ES256" | "RS256";
  /** Secret the nonce is derived from (HMAC of the state). */
  nonceSecret: string;
  timeoutMs: number;
  secureCookies: boolean;
};

export type OidcErrorKind =
  | "access_denied"
  | "provider_error"
  | "invalid_state"
  | "token_exchange"
  | "invalid_id_token"
  | "invalid_userinfo"
  | "unreachable";

export class OidcError extends Error {
  override name = "OidcError";
  constructor(
    readonly kind: OidcErrorKind,
    message: string,
    /** The error code the provider answered, if any (e.g. "invalid_scope"). */
    readonly providerCode?: string,
  ) {
    super(message);
  }
}

/** How a provider builds its errors, so that each client throws its own subclass. */
export type OidcErrorClass<E extends OidcError> = new (
  kind: OidcErrorKind,
  message: string,
  providerCode?: string,
) => E;

type CookieSpec = { name: string; path: string };

/** The claims of a verified id_token the core checked (signature, iss, aud, exp, nonce, acr). */
export type OidcIdTokenClaims = {
  sub: string;
  nonce: string;
  acr: string;
  amr?: string[];
  iat: number;
  exp: number;
};

/** What the core verified, handed to the provider to build its login. */
export type OidcVerified<Identity> = {
  identity: Identity;
  claims: OidcIdTokenClaims;
  idToken: string;
  accessToken: string;
};

/** One provider's rules on top of the core. */
export type OidcProvider<Identity, Login, E extends OidcError> = {
  /** Strategy name and nonce derivation label, e.g. "franceconnect". */
  id: string;
  /** The provider's name in French messages, e.g. "FranceConnect". */
  displayName: string;
  errorClass: OidcErrorClass<E>;
  scopes: string[];
  /** Extra parameters of the authorization request (e.g. acr_values, claims). */
  authorizationParams: Record<string, string>;
  /** The id_token's acr must be one of these; any other value or none is refused. */
  acceptedAcr: readonly string[];
  /** The userinfo's claims, validated once its signature and subject are checked. */
  userinfoSchema: z.ZodType<Identity>;
  /** Cookie holding the state and PKCE verifier (a prefix: the strategy adds an id). */
  stateCookie: CookieSpec;
  /** Cookie holding the local path to come back to. */
  returnCookie: CookieSpec;
  toLogin(verified: OidcVerified<Identity>): Login;
};

export type OidcCallbackResult<Login, E extends OidcError> = { headers: Headers } & (
  | { ok: true; login: Login; returnTo: string }
  | { ok: false; error: E }
);

export type OidcClient<Login, E extends OidcError> = {
  /**
   * Starts a login: a redirect to the provider, remembering where to come back; `extraScopes` are
   * asked on top of the provider's own for this attempt only.
   */
  login(
    request: Request,
    returnTo: string,
    options?: { extraScopes?: string[] },
  ): Promise<Response>;
  /**
   * Handles the provider's answer on the callback URL. Always returns the headers clearing the
   * attempt's cookies, with either the verified login or the error.
   */
  callback(request: Request): Promise<OidcCallbackResult<Login, E>>;
  /**
   * This browser's proof of the answer the callback URL carries: a hash of the PKCE verifier its
   * state cookie holds for the URL's `state` (a secret the URL alone does not give) and of the URL's
   * code; null without them.
   */
  attemptKey(request: Request): string | null;
  /** The headers that clear the attempt's cookies, as `callback` returns them. */
  clearAttempt(request: Request): Headers;
  /** Where to send the browser to log out of the provider. */
  logoutUrl(idToken: string, state: string): Promise<string>;
};

const discoverySchema = z.object({
  issuer: z.url(),
  authorization_endpoint: z.url(),
  token_endpoint: z.url(),
  userinfo_endpoint: z.url(),
  jwks_uri: z.url(),
  end_session_endpoint: z.url(),
});
type Discovery = z.infer<typeof discoverySchema>;

const tokenResponseSchema = z.object({
  access_token: z.string().min(1),
  token_type: z.string().regex(/^bearer$/i),
  id_token: z.string().min(1),
  expires_in: z.number().optional(),
});

const idTokenClaimsSchema = z.object({
  sub: z.string().min(1),
  nonce: z.string(),
  acr: z.string(),
  amr: z.array(z.string()).optional(),
  iat: z.number(),
  exp: z.number(),
});

/**
 * nonce = HMAC(secret, "<label>-nonce:" + state): unpredictable, bound to the browser through the
 * state cookie, and different for each provider.
 */
export function deriveOidcNonce(label: string, secret: string, state: string): string {
  return createHmac("sha256", secret).update(`${label}-nonce:${state}`).digest("base64url");
}

/** Only a path of this site: "/x", never "//host", "/\\host" or an absolute URL. */
/** Tolerated difference between our clock and the identity provider's, in seconds. */
export const CLOCK_SKEW_SECONDS = 60;
/** An id_token older than this is refused (the login round trip takes seconds). */
export const ID_TOKEN_MAX_AGE_SECONDS = 10 * 60;

/**
 * A return address kept only if it is a path of this site for the browser too: parsed as browsers do
 * (backslashes, tabs and newlines, dot segments), then parsed again until it no longer changes, so
 * that what is finally sent in `Location` cannot become another site ("/x/..//evil.example" is
 * "//evil.example" once normalised: a protocol-relative URL).
 */
export function safeLocalPath(value: unknown, fallback = "/"): string {
  if (typeof value !== "string" || value.length > MAX_RETURN_PATH) return fallback;
  const base = "http://local.invalid";
  let path = value;
  for (let round = 0; round < 4; round++) {
    if (!path.startsWith("/") || path.startsWith("//") || path.startsWith("/\\")) return fallback;
    let url: URL;
    try {
      url = new URL(path, base);
    } catch {
      return fallback;
    }
    if (url.origin !== base) return fallback;
    const normalised = url.pathname + url.search + url.hash;
    if (normalised === path) return path;
    path = normalised;
  }
  return fallback;
}

/** Longer return addresses are not ours (the longest page address is far shorter). */
const MAX_RETURN_PATH = 1_000;

function sameText(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

type AnyProvider = OidcProvider<unknown, unknown, OidcError>;

class OidcStrategy<Login> extends OAuth2Strategy<Login> {
  constructor(
    private readonly config: OidcClientConfig,
    private readonly provider: AnyProvider,
    private readonly discovery: Discovery,
    verify: OAuth2Strategy<Login>["verify"],
    extraScopes: string[] = [],
  ) {
    super(
      {
        cookie: {
          name: provider.stateCookie.name,
          httpOnly: true,
          sameSite: "Lax",
          ...(config.secureCookies ? { secure: true as const } : {}),
          path: provider.stateCookie.path,
          maxAge: 10 * 60,
        },
        clientId: config.clientId,
        clientSecret: config.clientSecret,
        authorizationEndpoint: discovery.authorization_endpoint,
        tokenEndpoint: discovery.token_endpoint,
        redirectURI: config.redirectUri,
        scopes: [...provider.scopes, ...extraScopes],
      },
      verify,
    );
    this.name = provider.id;
  }

  protected override authorizationParams(params: URLSearchParams): URLSearchParams {
    const result = new URLSearchParams(params);
    const state = params.get("state") ?? "";
    result.set("nonce", deriveOidcNonce(this.provider.id, this.config.nonceSecret, state));
    for (const [name, value] of Object.entries(this.provider.authorizationParams)) {
      result.set(name, value);
    }
    return result;
  }

  /** Both providers authenticate clients with client_secret_post (arctic uses HTTP Basic). */
  protected override async validateAuthorizationCode(
    code: string,
    codeVerifier: string,
  ): Promise<OAuth2Tokens> {
    const { config, provider } = this;
    const body = new URLSearchParams({
      grant_type: "authorization_code",
      code,
      redirect_uri: config.redirectUri,
      client_id: config.clientId,
      client_secret: config.clientSecret,
      code_verifier: codeVerifier,
    });
    const response = await request(provider, this.discovery.token_endpoint, config.timeoutMs, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded", Accept: "application/json" },
      body,
    });
    const json = (await response.json().catch(() => null)) as Record<string, unknown> | null;
    if (!response.ok) {
      const code = typeof json?.error === "string" ? json.error : `HTTP ${response.status}`;
      throw new provider.errorClass(
        "token_exchange",
        `${provider.displayName} a refusé l'échange du code (${code}).`,
        code,
      );
    }
    const parsed = tokenResponseSchema.safeParse(json);
    if (!parsed.success) {
      throw new provider.errorClass(
        "token_exchange",
        `Réponse du jeton ${provider.displayName} invalide.`,
      );
    }
    return new OAuth2Tokens(parsed.data);
  }
}

async function request(
  provider: AnyProvider,
  url: string,
  timeoutMs: number,
  init: RequestInit = {},
) {
  try {
    return await upstreamFetch(url, { ...init, signal: AbortSignal.timeout(timeoutMs) });
  } catch {
    throw new provider.errorClass("unreachable", `${provider.displayName} ne répond pas.`);
  }
}

export function createOidcClient<Identity, Login, E extends OidcError>(
  config: OidcClientConfig,
  provider: OidcProvider<Identity, Login, E>,
): OidcClient<Login, E> {
  const { displayName, errorClass: ProviderError } = provider;
  const anyProvider = provider as unknown as AnyProvider;
  let discovery: Promise<Discovery> | undefined;
  let jwks: ReturnType<typeof createRemoteJWKSet> | undefined;

  /** Discovery document, cached once it succeeded (a failure is retried at the next login). */
  function metadata(): Promise<Discovery> {
    discovery ??= (async () => {
      const url = `${config.issuer.replace(/\/$/, "")}/.well-known/openid-configuration`;
      const response = await request(anyProvider, url, config.timeoutMs, {
        headers: { Accept: "application/json" },
      });
      const parsed = discoverySchema.safeParse(
        response.ok ? await response.json().catch(() => null) : null,
      );
      if (!parsed.success || parsed.data.issuer !== config.issuer) {
        throw new ProviderError("unreachable", `Configuration de ${displayName} illisible.`);
      }
      // Keys are cached and fetched again (at most every 30 s) when an unknown `kid` shows up.
      jwks = createRemoteJWKSet(new URL(parsed.data.jwks_uri), {
        timeoutDuration: config.timeoutMs,
        cooldownDuration: 30_000,
        cacheMaxAge: 10 * 60_000,
        [customFetch]: upstreamFetch,
      });
      return parsed.data;
    })();
    discovery.catch(() => {
      discovery = undefined;
    });
    return discovery;
  }

  async function verifyJwt(
    token: string,
    kind: "invalid_id_token" | "invalid_userinfo",
  ): Promise<JWTPayload> {
    if (!jwks) throw new ProviderError("unreachable", `Clés de ${displayName} indisponibles.`);
    try {
      const { payload } = await jwtVerify(token, jwks, {
        issuer: config.issuer,
        audience: config.clientId,
        algorithms: [config.idTokenAlg],
        // An id_token is fresh: issued within the last minutes, never in the future beyond the
        // clocks' skew (jose checks `iat` only when a maximum age is given).
        ...(kind === "invalid_id_token"
          ? { maxTokenAge: ID_TOKEN_MAX_AGE_SECONDS, clockTolerance: CLOCK_SKEW_SECONDS }
          : { clockTolerance: CLOCK_SKEW_SECONDS }),
      });
      return payload;
    } catch (error) {
      if (error instanceof joseErrors.JWKSTimeout) {
        throw new ProviderError("unreachable", `Clés de ${displayName} indisponibles.`);
      }
      const reason = error instanceof Error ? error.message : String(error);
      throw new ProviderError(kind, `Jeton ${displayName} refusé : ${reason}`);
    }
  }

  async function verify(
    discoveryDoc: Discovery,
    { request: req, tokens }: { request: Request; tokens: OAuth2Tokens },
  ): Promise<Login> {
    const state = new URL(req.url).searchParams.get("state") ?? "";
    const idToken = tokens.idToken();
    const claims = idTokenClaimsSchema.safeParse(await verifyJwt(idToken, "invalid_id_token"));
    if (!claims.success) {
      throw new ProviderError("invalid_id_token", "Jeton d'identité incomplet (nonce, acr…).");
    }
    if (!sameText(claims.data.nonce, deriveOidcNonce(provider.id, config.nonceSecret, state))) {
      throw new ProviderError(
        "invalid_id_token",
        "Le nonce du jeton d'identité ne correspond pas.",
      );
    }
    if (!provider.acceptedAcr.includes(claims.data.acr)) {
      throw new ProviderError("invalid_id_token", `Niveau eIDAS inattendu : ${claims.data.acr}.`);
    }

    const accessToken = tokens.accessToken();
    const response = await request(anyProvider, discoveryDoc.userinfo_endpoint, config.timeoutMs, {
      headers: { Authorization: `Bearer ${accessToken}`, Accept: "application/jwt" },
    });
    const type = response.headers.get("content-type") ?? "";
    if (!response.ok || !type.startsWith("application/jwt")) {
      throw new ProviderError(
        "invalid_userinfo",
        `Informations d'identité non signées ou refusées (HTTP ${response.status}, ${type}).`,
      );
    }
    const userinfo = await verifyJwt((await response.text()).trim(), "invalid_userinfo");
    if (userinfo.sub !== claims.data.sub) {
      throw new ProviderError("invalid_userinfo", "Le sujet des informations d'identité diffère.");
    }
    const identity = provider.userinfoSchema.safeParse(userinfo);
    if (!identity.success) {
      throw new ProviderError(
        "invalid_userinfo",
        "Informations d'identité incomplètes ou mal formées.",
      );
    }
    return provider.toLogin({ identity: identity.data, claims: claims.data, idToken, accessToken });
  }

  async function strategy(extraScopes: string[] = []) {
    const discoveryDoc = await metadata();
    return new OidcStrategy<Login>(
      config,
      anyProvider,
      discoveryDoc,
      (args) => verify(discoveryDoc, args),
      extraScopes,
    );
  }

  /** Headers that clear the state cookie(s) of this attempt (the strategy never clears them). */
  function clearStateCookies(req: Request, { keepReturn = false } = {}): Headers {
    const headers = new Headers();
    const cookies = new RequestCookies(req.headers.get("Cookie") ?? "");
    const { stateCookie, returnCookie } = provider;
    for (const name of cookies.names) {
      if (name.startsWith(stateCookie.name) || (name === returnCookie.name && !keepReturn)) {
        const path = name === returnCookie.name ? returnCookie.path : stateCookie.path;
        headers.append(
          "Set-Cookie",
          new SetCookie({ name, value: "", path, expires: new Date(0), httpOnly: true }).toString(),
        );
      }
    }
    return headers;
  }

  function failure(headers: Headers, error: E): OidcCallbackResult<Login, E> {
    return { headers, ok: false, error };
  }

  return {
    async login(req, returnTo, options) {
      const auth = await strategy(options?.extraScopes);
      try {
        // Without `state` in its URL, the strategy starts a login (it throws the redirect).
        await auth.authenticate(req);
      } catch (thrown) {
        if (thrown instanceof Response && thrown.status >= 300 && thrown.status < 400) {
          const response = new Response(null, { status: 303, headers: thrown.headers });
          // One login attempt at a time: the state cookies of earlier attempts (each one its own
          // cookie) are cleared, so that they never pile up into a request too large to serve.
          for (const cookie of clearStateCookies(req, { keepReturn: true }).getSetCookie()) {
            response.headers.append("Set-Cookie", cookie);
          }
          response.headers.append(
            "Set-Cookie",
            new SetCookie({
              name: provider.returnCookie.name,
              value: safeLocalPath(returnTo),
              httpOnly: true,
              sameSite: "Lax",
              ...(config.secureCookies ? { secure: true as const } : {}),
              path: provider.returnCookie.path,
              maxAge: 10 * 60,
            }).toString(),
          );
          return response;
        }
        throw thrown;
      }
      throw new Error(`La stratégie ${displayName} aurait dû rediriger.`);
    },

    async callback(req) {
      const headers = clearStateCookies(req);
      const url = new URL(req.url);
      const returnTo = safeLocalPath(
        new RequestCookies(req.headers.get("Cookie") ?? "").get(provider.returnCookie.name),
      );
      const error = url.searchParams.get("error");
      if (error) {
        const kind = error === "access_denied" ? "access_denied" : "provider_error";
        // Whatever the URL says is shown to the person only if it looks like an error code.
        const code = /^[\w.-]{1,64}$/.test(error) ? error : "code_illisible";
        const description = (url.searchParams.get("error_description") ?? code).slice(0, 500);
        return failure(headers, new ProviderError(kind, description, code));
      }
      // The callback never starts a login: without state and code, it ends here.
      if (!url.searchParams.get("state") || !url.searchParams.get("code")) {
        return failure(
          headers,
          new ProviderError("invalid_state", `Réponse de ${displayName} incomplète.`),
        );
      }
      try {
        const auth = await strategy();
        const login = await auth.authenticate(req);
        return { headers, ok: true, login, returnTo };
      } catch (thrown) {
        if (thrown instanceof ProviderError) return failure(headers, thrown);
        // The strategy's own refusals: no state cookie (ReferenceError), another state (RangeError).
        if (thrown instanceof ReferenceError || thrown instanceof RangeError) {
          return failure(headers, new ProviderError("invalid_state", thrown.message));
        }
        // arctic's OAuth2Tokens, when the token response lacks a field.
        if (thrown instanceof Error && /id_token|access_token/.test(thrown.message)) {
          return failure(headers, new ProviderError("invalid_id_token", thrown.message));
        }
        throw thrown;
      }
    },

    attemptKey(req) {
      const url = new URL(req.url);
      const state = url.searchParams.get("state");
      const code = url.searchParams.get("code");
      if (!state || !code) return null;
      const cookies = new RequestCookies(req.headers.get("Cookie") ?? "");
      for (const name of cookies.names) {
        if (!name.startsWith(provider.stateCookie.name)) continue;
        // remix-auth-oauth2's state cookie: `state=<state>&<state>=<verifier>`. With the code:
        // the very answer of this very attempt (a state cookie alone, or the URL alone, is not).
        const verifier = new URLSearchParams(cookies.get(name) ?? "").get(state);
        if (verifier) return createHash("sha256").update(`${verifier}\n${code}`).digest("hex");
      }
      return null;
    },

    clearAttempt(req) {
      return clearStateCookies(req);
    },

    async logoutUrl(idToken, state) {
      const { end_session_endpoint } = await metadata();
      const url = new URL(end_session_endpoint);
      url.searchParams.set("id_token_hint", idToken);
      url.searchParams.set("state", state);
      url.searchParams.set("post_logout_redirect_uri", config.postLogoutRedirectUri);
      return url.toString();
    },
  };
}
