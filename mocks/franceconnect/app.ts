/**
 * A local FranceConnect v2 (low): a real OpenID Provider (oidc-provider) configured with FC's rules,
 * demo identities, consent screen, and the data providers' `checktoken` endpoint. Pointing the app
 * at the real integration platform instead is configuration only.
 */
import { createHash } from "node:crypto";
import express from "express";
import {
  CompactEncrypt,
  type CryptoKey,
  exportJWK,
  generateKeyPair,
  importJWK,
  type JWK,
  SignJWT,
} from "jose";
import Provider, { type Configuration, type KoaContextWithOIDC } from "oidc-provider";
import type { MockConfig } from "./config";
import {
  DEMO_IDENTITIES,
  findIdentity as findDemo,
  fullName,
  type PivotIdentity,
} from "./identities";
import { DATA_SCOPES, dataLabels, IDENTITY_CLAIMS } from "./scopes";
import { consentPage, errorPage, loginPage, logoutPage } from "./views";

const MIN_STATE_NONCE_LENGTH = 32;
const ALLOWED_PROMPTS = new Set(["login", "consent"]);
const CLIENT_NAME = "Aide juridictionnelle";

type SigningKeys = Record<"ES256" | "RS256", { privateJwk: JWK; privateKey: CryptoKey }>;

async function generateSigningKeys(): Promise<SigningKeys> {
  const keys = {} as SigningKeys;
  for (const alg of ["ES256", "RS256"] as const) {
    const { privateKey } = await generateKeyPair(alg, { extractable: true });
    const privateJwk = {
      ...(await exportJWK(privateKey)),
      alg,
      use: "sig",
      kid: `fc-mock-${alg.toLowerCase()}`,
    };
    keys[alg] = { privateJwk, privateKey };
  }
  return keys;
}

/** FC's pairwise subject: sha256 of the client and the identity, suffixed with "v1". */
export function pairwiseSub(clientId: string, identity: PivotIdentity, secret: string): string {
  const identityHash = createHash("sha256")
    .update(
      identity.given_name +
        identity.family_name +
        identity.birthdate +
        identity.gender +
        identity.birthplace +
        identity.birthcountry,
    )
    .digest("hex");
  return `${createHash("sha256")
    .update(clientId + identityHash + secret)
    .digest("hex")}v1`;
}

function claimsOf(identity: PivotIdentity) {
  return {
    given_name: identity.given_name,
    given_name_array: identity.given_name.split(" "),
    family_name: identity.family_name,
    preferred_username: identity.preferred_username,
    birthdate: identity.birthdate,
    gender: identity.gender,
    birthplace: identity.birthplace,
    birthcountry: identity.birthcountry,
    email: identity.email,
  };
}

export type FranceConnectMock = { app: express.Express; provider: Provider };

export async function createFranceConnectMock(config: MockConfig): Promise<FranceConnectMock> {
  const findIdentity = (login: string) => findDemo(login, config.generatedIdentities ?? 0);
  const keys = await generateSigningKeys();

  const configuration: Configuration = {
    clients: config.clients.map((client) => ({
      ...client,
      token_endpoint_auth_method: "client_secret_post",
      response_types: ["code"],
      grant_types: ["authorization_code"],
      userinfo_signed_response_alg: client.id_token_signed_response_alg,
      subject_type: "pairwise",
    })),
    jwks: { keys: [keys.ES256.privateJwk, keys.RS256.privateJwk] },
    routes: {
      authorization: "/authorize",
      token: "/token",
      userinfo: "/userinfo",
      end_session: "/session/end",
      jwks: "/jwks",
      revocation: "/token/revocation",
    },
    claims: { ...IDENTITY_CLAIMS, openid: ["sub"] } as unknown as Configuration["claims"],
    // The data providers' scopes (no claim): unknown scopes would be dropped from the grant.
    scopes: DATA_SCOPES,
    acrValues: ["eidas1"],
    subjectTypes: ["public", "pairwise"],
    pairwiseIdentifier: async (_ctx, accountId, client) => {
      const demo = findIdentity(accountId);
      if (!demo) throw new Error(`Identité inconnue : ${accountId}`);
      return pairwiseSub(client.clientId, demo.identity, config.subSecret);
    },
    findAccount: async (_ctx, id) => {
      const demo = findIdentity(id);
      if (!demo) return undefined;
      return { accountId: id, claims: async () => ({ sub: id, ...claimsOf(demo.identity) }) };
    },
    features: {
      devInteractions: { enabled: false },
      userinfo: { enabled: true },
      jwtUserinfo: { enabled: true },
      revocation: { enabled: true },
      rpInitiatedLogout: {
        enabled: true,
        logoutSource: async (ctx: KoaContextWithOIDC, form: string) => {
          ctx.type = "html";
          ctx.body = logoutPage(form);
        },
      },
    },
    pkce: { required: () => false },
    ttl: {
      AuthorizationCode: 30,
      AccessToken: 60,
      IdToken: 60,
      Interaction: 600,
      Session: 1800,
      Grant: 1800,
    },
    cookies: { keys: ["demo-only-fc-mock-cookie-key"] },
    interactions: { url: (_ctx, interaction) => `/api/v2/interaction/${interaction.uid}` },
    renderError: async (ctx, out) => {
      ctx.type = "html";
      ctx.body = errorPage(String(out.error), String(out.error_description ?? ""));
    },
  };

  const provider = new Provider(config.issuer, configuration);
  const app = express();
  app.disable("x-powered-by");
  const form = express.urlencoded({ extended: false });
  // No icon: answer browsers' automatic request without an error.
  app.get("/favicon.ico", (_req, res) => {
    res.status(204).end();
  });

  // FranceConnect's own checks on /authorize, which end on its error page (no redirect).
  app.all("/api/v2/authorize", form, (req, res, next) => {
    const params = { ...req.query, ...(req.body ?? {}) } as Record<string, unknown>;
    const problems: string[] = [];
    for (const name of ["state", "nonce"]) {
      const value = params[name];
      if (typeof value !== "string" || value.length < MIN_STATE_NONCE_LENGTH) {
        problems.push(
          `le paramètre ${name} doit contenir au moins ${MIN_STATE_NONCE_LENGTH} caractères`,
        );
      }
    }
    if (params.acr_values !== "eidas1") problems.push("acr_values doit valoir eidas1");
    if (typeof params.scope !== "string" || !params.scope.split(/[ +]/).includes("openid")) {
      problems.push("le scope openid est obligatoire");
    }
    if (typeof params.prompt === "string") {
      for (const prompt of params.prompt.split(" ")) {
        if (!ALLOWED_PROMPTS.has(prompt)) problems.push(`prompt=${prompt} n'est pas accepté`);
      }
    }
    if (problems.length) {
      res
        .status(400)
        .type("html")
        .send(errorPage("Y030007", `Paramètres invalides : ${problems.join(" ; ")}.`));
      return;
    }
    // Like FranceConnect (forcedPrompt), always ask to log in and to consent again.
    params.prompt = "login consent";
    // Hand the (possibly POSTed) parameters to the provider as a query string.
    req.method = "GET";
    req.url = `${req.path}?${new URLSearchParams(params as Record<string, string>).toString()}`;
    next();
  });

  app.get("/api/v2/interaction/:uid", async (req, res, next) => {
    try {
      const details = await provider.interactionDetails(req, res);
      if (details.prompt.name === "login") {
        res.type("html").send(loginPage(details.uid, CLIENT_NAME, DEMO_IDENTITIES));
        return;
      }
      const accountId = details.session?.accountId ?? "";
      const demo = findIdentity(accountId);
      const scopes = String(details.params.scope ?? "").split(" ");
      res
        .type("html")
        .send(
          consentPage(
            details.uid,
            CLIENT_NAME,
            demo ? fullName(demo.identity) : accountId,
            dataLabels(scopes),
          ),
        );
    } catch (error) {
      next(error);
    }
  });

  app.post("/api/v2/interaction/:uid/login", form, async (req, res, next) => {
    try {
      const details = await provider.interactionDetails(req, res);
      const login = String(req.body.login ?? "");
      const demo = findIdentity(login);
      const byPassword = typeof req.body.password === "string";
      if (!demo || (byPassword && req.body.password !== demo.password)) {
        res
          .status(401)
          .type("html")
          .send(
            loginPage(
              details.uid,
              CLIENT_NAME,
              DEMO_IDENTITIES,
              "Identifiant ou mot de passe incorrect.",
            ),
          );
        return;
      }
      await provider.interactionFinished(
        req,
        res,
        { login: { accountId: demo.login, acr: "eidas1", amr: ["pwd"] } },
        { mergeWithLastSubmission: false },
      );
    } catch (error) {
      next(error);
    }
  });

  app.post("/api/v2/interaction/:uid/confirm", async (req, res, next) => {
    try {
      const details = await provider.interactionDetails(req, res);
      const { accountId } = details.session ?? {};
      if (!accountId) throw new Error("Session absente");
      const grant = details.grantId
        ? await provider.Grant.find(details.grantId)
        : new provider.Grant({ accountId, clientId: String(details.params.client_id) });
      if (!grant) throw new Error("Autorisation introuvable");
      const missing = details.prompt.details as {
        missingOIDCScope?: string[];
        missingOIDCClaims?: string[];
      };
      if (missing.missingOIDCScope) grant.addOIDCScope(missing.missingOIDCScope.join(" "));
      if (missing.missingOIDCClaims) grant.addOIDCClaims(missing.missingOIDCClaims);
      const grantId = await grant.save();
      await provider.interactionFinished(
        req,
        res,
        { consent: { grantId } },
        { mergeWithLastSubmission: true },
      );
    } catch (error) {
      next(error);
    }
  });

  app.post("/api/v2/interaction/:uid/abort", async (req, res, next) => {
    try {
      await provider.interactionFinished(
        req,
        res,
        { error: "access_denied", error_description: "User auth aborted" },
        { mergeWithLastSubmission: false },
      );
    } catch (error) {
      next(error);
    }
  });

  app.post("/api/v2/checktoken", form, (req, res, next) => {
    checktoken(req.body ?? {}).then(
      (result) => res.status(result.status).type(result.type).send(result.body),
      next,
    );
  });

  /** The data provider's public encryption key, from its JWKS (fetched at each call, as keys rotate). */
  async function encryptionKeyOf(jwksUri: string, alg: string) {
    const response = await fetch(jwksUri, { signal: AbortSignal.timeout(5_000) }).catch(() => null);
    if (!response?.ok) return null;
    const { keys: candidates } = (await response.json()) as { keys?: JWK[] };
    const jwk = candidates?.find((key) => key.use === "enc" && (!key.alg || key.alg === alg));
    return jwk ? importJWK(jwk, alg) : null;
  }

  /** `POST /checktoken` for registered data providers: a JWE (to the provider) of a JWS (by FC). */
  async function checktoken(body: Record<string, unknown>) {
    const fields = ["token", "client_id", "client_secret"];
    const extra = Object.keys(body).filter((key) => !fields.includes(key));
    const missing = fields.filter((key) => typeof body[key] !== "string" || body[key] === "");
    if (extra.length || missing.length) {
      return {
        status: 400,
        type: "json",
        body: {
          error: "invalid_request",
          error_description: "token, client_id and client_secret are required, and only them",
        },
      };
    }
    const dp = config.dataProviders.find(
      (candidate) =>
        candidate.client_id === body.client_id && candidate.client_secret === body.client_secret,
    );
    if (!dp) return { status: 401, type: "json", body: { error: "invalid_client" } };

    const token = await provider.AccessToken.find(String(body.token));
    const demo = token && !token.isExpired ? findIdentity(token.accountId) : undefined;
    let introspection: Record<string, unknown> = { active: false };
    if (token && demo) {
      const granted = String(token.scope ?? "").split(" ");
      introspection = {
        active: true,
        aud: token.clientId,
        sub: pairwiseSub(dp.client_id, demo.identity, config.subSecret),
        iat: token.iat,
        exp: token.exp,
        acr: "eidas1",
        jti: token.jti,
        scope: granted.filter((scope) => dp.scopes.includes(scope)).join(" "),
        ...claimsOf(demo.identity),
      };
      delete introspection.email;
    }
    const signing = keys[dp.checktoken_signed_response_alg];
    const jws = await new SignJWT({ token_introspection: introspection })
      .setProtectedHeader({
        alg: dp.checktoken_signed_response_alg,
        kid: signing.privateJwk.kid,
        typ: "token-introspection+jwt",
      })
      .setIssuer(config.issuer)
      .setAudience(dp.client_id)
      .setIssuedAt()
      .sign(signing.privateKey);

    const encryptionKey = await encryptionKeyOf(dp.jwks_uri, dp.checktoken_encrypted_response_alg);
    if (!encryptionKey) {
      return {
        status: 500,
        type: "json",
        body: {
          error: "server_error",
          error_description: "no encryption key for this data provider",
        },
      };
    }
    const jwe = await new CompactEncrypt(new TextEncoder().encode(jws))
      .setProtectedHeader({
        alg: dp.checktoken_encrypted_response_alg,
        enc: dp.checktoken_encrypted_response_enc,
        cty: "JWT",
      })
      .encrypt(encryptionKey);
    return { status: 200, type: "application/token-introspection+jwt", body: jwe };
  }

  app.use("/api/v2", provider.callback());
  return { app, provider };
}
