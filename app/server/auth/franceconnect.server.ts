/**
 * FranceConnect v2 for a service provider: a remix-auth-oauth2 strategy completed with what
 * FranceConnect requires and the library does not do: nonce and acr_values, client_secret_post,
 * id_token and signed userinfo verified with jose against FC's JWKS. Every answer of FranceConnect
 * is checked; anything unexpected becomes a FranceConnectError and no session is created.
 * Facts: shared/reference/franceconnect.md §1. Decision: docs/decisions/007-franceconnect.md.
 */
import { createHmac, timingSafeEqual } from "node:crypto";
import { Cookie as RequestCookies, SetCookie } from "@mjackson/headers";
import { OAuth2Tokens } from "arctic";
import { createRemoteJWKSet, type JWTPayload, errors as joseErrors, jwtVerify } from "jose";
import { OAuth2Strategy } from "remix-auth-oauth2";
import { z } from "zod";

export const FC_ACR = "eidas1";
const STATE_COOKIE = "fc_state";
const RETURN_COOKIE = "fc_return";

export type FranceConnectConfig = {
  /** Discovery base, e.g. https://oidc.franceconnect.gouv.fr/api/v2 */
  issuer: string;
  clientId: string;
  clientSecret: string;
  redirectUri: string;
  postLogoutRedirectUri: string;
  idTokenAlg: "ES256" | "RS256";
  /** Data scopes added to `openid identite_pivot email`. */
  dataScopes: string[];
  /** Secret the nonce is derived from (HMAC of the state). */
  nonceSecret: string;
  timeoutMs: number;
  secureCookies: boolean;
};

export type FranceConnectErrorKind =
  | "access_denied"
  | "provider_error"
  | "invalid_state"
  | "token_exchange"
  | "invalid_id_token"
  | "invalid_userinfo"
  | "unreachable";

export class FranceConnectError extends Error {
  override name = "FranceConnectError";
  constructor(
    readonly kind: FranceConnectErrorKind,
    message: string,
    /** The error code FranceConnect answered, if any (e.g. "invalid_scope"). */
    readonly providerCode?: string,
  ) {
    super(message);
  }
}

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
  iat: z.number(),
  exp: z.number(),
});

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

/** nonce = HMAC(secret, state): unpredictable, bound to the browser through the state cookie. */
export function deriveNonce(secret: string, state: string): string {
  return createHmac("sha256", secret).update(`franceconnect-nonce:${state}`).digest("base64url");
}

/** Only a path of this site: "/x", never "//host", "/\\host" or an absolute URL. */
export function safeLocalPath(value: unknown, fallback = "/"): string {
  if (typeof value !== "string" || !value.startsWith("/")) return fallback;
  const base = "http://local.invalid";
  try {
    // Parse as browsers do (backslashes, tabs and newlines included) and keep it only if it stays here.
    const url = new URL(value, base);
    return url.origin === base ? url.pathname + url.search + url.hash : fallback;
  } catch {
    return fallback;
  }
}

function sameText(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

class FranceConnectStrategy extends OAuth2Strategy<FranceConnectLogin> {
  override name = "franceconnect";

  constructor(
    private readonly config: FranceConnectConfig,
    private readonly discovery: Discovery,
    verify: OAuth2Strategy<FranceConnectLogin>["verify"],
  ) {
    super(
      {
        cookie: {
          name: STATE_COOKIE,
          httpOnly: true,
          sameSite: "Lax",
          ...(config.secureCookies ? { secure: true as const } : {}),
          path: "/auth/franceconnect",
          maxAge: 10 * 60,
        },
        clientId: config.clientId,
        clientSecret: config.clientSecret,
        authorizationEndpoint: discovery.authorization_endpoint,
        tokenEndpoint: discovery.token_endpoint,
        redirectURI: config.redirectUri,
        scopes: ["openid", "identite_pivot", "email", ...config.dataScopes],
      },
      verify,
    );
  }

  protected override authorizationParams(params: URLSearchParams): URLSearchParams {
    const result = new URLSearchParams(params);
    result.set("nonce", deriveNonce(this.config.nonceSecret, params.get("state") ?? ""));
    result.set("acr_values", FC_ACR);
    return result;
  }

  /** FranceConnect authenticates clients with client_secret_post (arctic uses HTTP Basic). */
  protected override async validateAuthorizationCode(
    code: string,
    codeVerifier: string,
  ): Promise<OAuth2Tokens> {
    const body = new URLSearchParams({
      grant_type: "authorization_code",
      code,
      redirect_uri: this.config.redirectUri,
      client_id: this.config.clientId,
      client_secret: this.config.clientSecret,
      code_verifier: codeVerifier,
    });
    const response = await request(this.discovery.token_endpoint, this.config.timeoutMs, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded", Accept: "application/json" },
      body,
    });
    const json = (await response.json().catch(() => null)) as Record<string, unknown> | null;
    if (!response.ok) {
      const code = typeof json?.error === "string" ? json.error : `HTTP ${response.status}`;
      throw new FranceConnectError(
        "token_exchange",
        `FranceConnect a refusé l'échange du code (${code}).`,
        code,
      );
    }
    const parsed = tokenResponseSchema.safeParse(json);
    if (!parsed.success) {
      throw new FranceConnectError("token_exchange", "Réponse du jeton FranceConnect invalide.");
    }
    return new OAuth2Tokens(parsed.data);
  }
}

async function request(url: string, timeoutMs: number, init: RequestInit = {}) {
  try {
    return await fetch(url, { ...init, signal: AbortSignal.timeout(timeoutMs) });
  } catch {
    throw new FranceConnectError("unreachable", "FranceConnect ne répond pas.");
  }
}

export function createFranceConnect(config: FranceConnectConfig) {
  let discovery: Promise<Discovery> | undefined;
  let jwks: ReturnType<typeof createRemoteJWKSet> | undefined;

  /** Discovery document, cached once it succeeded (a failure is retried at the next login). */
  function metadata(): Promise<Discovery> {
    discovery ??= (async () => {
      const url = `${config.issuer.replace(/\/$/, "")}/.well-known/openid-configuration`;
      const response = await request(url, config.timeoutMs, {
        headers: { Accept: "application/json" },
      });
      const parsed = discoverySchema.safeParse(
        response.ok ? await response.json().catch(() => null) : null,
      );
      if (!parsed.success || parsed.data.issuer !== config.issuer) {
        throw new FranceConnectError("unreachable", "Configuration de FranceConnect illisible.");
      }
      // Keys are cached and fetched again (at most every 30 s) when an unknown `kid` shows up.
      jwks = createRemoteJWKSet(new URL(parsed.data.jwks_uri), {
        timeoutDuration: config.timeoutMs,
        cooldownDuration: 30_000,
        cacheMaxAge: 10 * 60_000,
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
    if (!jwks) throw new FranceConnectError("unreachable", "Clés de FranceConnect indisponibles.");
    try {
      const { payload } = await jwtVerify(token, jwks, {
        issuer: config.issuer,
        audience: config.clientId,
        algorithms: [config.idTokenAlg],
      });
      return payload;
    } catch (error) {
      if (error instanceof joseErrors.JWKSTimeout) {
        throw new FranceConnectError("unreachable", "Clés de FranceConnect indisponibles.");
      }
      const reason = error instanceof Error ? error.message : String(error);
      throw new FranceConnectError(kind, `Jeton FranceConnect refusé : ${reason}`);
    }
  }

  async function verify(
    discoveryDoc: Discovery,
    { request: req, tokens }: { request: Request; tokens: OAuth2Tokens },
  ): Promise<FranceConnectLogin> {
    const state = new URL(req.url).searchParams.get("state") ?? "";
    const idToken = tokens.idToken();
    const claims = idTokenClaimsSchema.safeParse(await verifyJwt(idToken, "invalid_id_token"));
    if (!claims.success) {
      throw new FranceConnectError("invalid_id_token", "Jeton d'identité incomplet (nonce, acr…).");
    }
    if (!sameText(claims.data.nonce, deriveNonce(config.nonceSecret, state))) {
      throw new FranceConnectError(
        "invalid_id_token",
        "Le nonce du jeton d'identité ne correspond pas.",
      );
    }
    if (claims.data.acr !== FC_ACR) {
      throw new FranceConnectError(
        "invalid_id_token",
        `Niveau eIDAS inattendu : ${claims.data.acr}.`,
      );
    }

    const accessToken = tokens.accessToken();
    const response = await request(discoveryDoc.userinfo_endpoint, config.timeoutMs, {
      headers: { Authorization: `Bearer ${accessToken}`, Accept: "application/jwt" },
    });
    const type = response.headers.get("content-type") ?? "";
    if (!response.ok || !type.startsWith("application/jwt")) {
      throw new FranceConnectError(
        "invalid_userinfo",
        `Informations d'identité non signées ou refusées (HTTP ${response.status}, ${type}).`,
      );
    }
    const userinfo = await verifyJwt((await response.text()).trim(), "invalid_userinfo");
    if (userinfo.sub !== claims.data.sub) {
      throw new FranceConnectError(
        "invalid_userinfo",
        "Le sujet des informations d'identité diffère.",
      );
    }
    const identity = identitySchema.safeParse(userinfo);
    if (!identity.success) {
      throw new FranceConnectError("invalid_userinfo", "Identité pivot incomplète ou mal formée.");
    }
    return { identity: identity.data, idToken, accessToken };
  }

  async function strategy() {
    const discoveryDoc = await metadata();
    return new FranceConnectStrategy(config, discoveryDoc, (args) => verify(discoveryDoc, args));
  }

  /** Headers that clear the state cookie(s) of this attempt (the strategy never clears them). */
  function clearStateCookies(req: Request): Headers {
    const headers = new Headers();
    const cookies = new RequestCookies(req.headers.get("Cookie") ?? "");
    for (const name of cookies.names) {
      if (name.startsWith(STATE_COOKIE) || name === RETURN_COOKIE) {
        const path = name === RETURN_COOKIE ? "/" : "/auth/franceconnect";
        headers.append(
          "Set-Cookie",
          new SetCookie({ name, value: "", path, expires: new Date(0), httpOnly: true }).toString(),
        );
      }
    }
    return headers;
  }

  return {
    config,

    /** Starts a login: a redirect to FranceConnect, remembering where to come back. */
    async login(req: Request, returnTo: string): Promise<Response> {
      const auth = await strategy();
      try {
        // Without `state` in its URL, the strategy starts a login (it throws the redirect).
        await auth.authenticate(req);
      } catch (thrown) {
        if (thrown instanceof Response && thrown.status >= 300 && thrown.status < 400) {
          const response = new Response(null, { status: 303, headers: thrown.headers });
          response.headers.append(
            "Set-Cookie",
            new SetCookie({
              name: RETURN_COOKIE,
              value: safeLocalPath(returnTo),
              httpOnly: true,
              sameSite: "Lax",
              ...(config.secureCookies ? { secure: true as const } : {}),
              path: "/",
              maxAge: 10 * 60,
            }).toString(),
          );
          return response;
        }
        throw thrown;
      }
      throw new Error("La stratégie FranceConnect aurait dû rediriger.");
    },

    /**
     * Handles FranceConnect's answer on the callback URL. Always returns the headers clearing the
     * attempt's cookies, with either the verified login or the error.
     */
    async callback(
      req: Request,
    ): Promise<
      { headers: Headers } & (
        | { ok: true; login: FranceConnectLogin; returnTo: string }
        | { ok: false; error: FranceConnectError }
      )
    > {
      const headers = clearStateCookies(req);
      const url = new URL(req.url);
      const returnTo = safeLocalPath(
        new RequestCookies(req.headers.get("Cookie") ?? "").get(RETURN_COOKIE),
      );
      const error = url.searchParams.get("error");
      if (error) {
        const kind = error === "access_denied" ? "access_denied" : "provider_error";
        return {
          headers,
          ok: false,
          error: new FranceConnectError(
            kind,
            url.searchParams.get("error_description") ?? error,
            error,
          ),
        };
      }
      if (!url.searchParams.get("state") || !url.searchParams.get("code")) {
        return {
          headers,
          ok: false,
          error: new FranceConnectError("invalid_state", "Réponse de FranceConnect incomplète."),
        };
      }
      try {
        const auth = await strategy();
        const login = await auth.authenticate(req);
        return { headers, ok: true, login, returnTo };
      } catch (thrown) {
        if (thrown instanceof FranceConnectError) return { headers, ok: false, error: thrown };
        if (thrown instanceof ReferenceError || thrown instanceof RangeError) {
          return {
            headers,
            ok: false,
            error: new FranceConnectError("invalid_state", thrown.message),
          };
        }
        if (thrown instanceof Error && /id_token|access_token/.test(thrown.message)) {
          return {
            headers,
            ok: false,
            error: new FranceConnectError("invalid_id_token", thrown.message),
          };
        }
        throw thrown;
      }
    },

    /** Where to send the browser to log out of FranceConnect. */
    async logoutUrl(idToken: string, state: string): Promise<string> {
      const { end_session_endpoint } = await metadata();
      const url = new URL(end_session_endpoint);
      url.searchParams.set("id_token_hint", idToken);
      url.searchParams.set("state", state);
      url.searchParams.set("post_logout_redirect_uri", config.postLogoutRedirectUri);
      return url.toString();
    },
  };
}

export type FranceConnect = ReturnType<typeof createFranceConnect>;
