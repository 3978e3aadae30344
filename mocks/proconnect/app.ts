/**
 * A local ProConnect (formerly AgentConnect), the State's login for public servants: a real OpenID
 * Provider (oidc-provider) configured with ProConnect's rules, and demo agents instead of the
 * identity providers. Pointing the app at the real integration platform instead is configuration
 * only.
 */
import express, { type ErrorRequestHandler, type Request, type Response } from "express";
import { exportJWK, generateKeyPair, type JWK } from "jose";
import Provider, {
  type Configuration,
  errors,
  type Interaction,
  type InteractionResults,
  interactionPolicy,
  type KoaContextWithOIDC,
} from "oidc-provider";
import { DEMO_AGENTS, findAgent, findAgentByEmail, findAgentBySub } from "./agents";
import type { ProConnectMockConfig } from "./config";
import { ACR_VALUES, agentClaims, SCOPE_CLAIMS, STANDALONE_CLAIMS } from "./scopes";
import { errorPage, loginPage, logoutPage, logoutSuccessPage } from "./views";

const MIN_STATE_NONCE_LENGTH = 32;
const CLIENT_NAME = "Aide juridictionnelle (espace des bureaux)";
const REQUIRED_PARAMS = ["response_type", "client_id", "redirect_uri", "scope", "state", "nonce"];
/** Everything ProConnect's /authorize accepts; anything else is a `Y000400` error. */
const AUTHORIZE_PARAMS = new Set([
  ...REQUIRED_PARAMS,
  "claims",
  "prompt",
  "idp_hint",
  "login_hint",
  "siret_hint",
  "code_challenge",
  "code_challenge_method",
]);
const SIGNING_ALGS = ["ES256", "RS256"] as const;

type SigningAlg = (typeof SIGNING_ALGS)[number];

async function generateSigningKeys(): Promise<JWK[]> {
  const keys: JWK[] = [];
  for (const alg of SIGNING_ALGS) {
    const { privateKey } = await generateKeyPair(alg, { extractable: true });
    keys.push({ ...(await exportJWK(privateKey)), alg, use: "sig", kid: `pc-mock-${alg}` });
  }
  return keys;
}

/** ProConnect's own checks on /authorize (before oidc-provider's), in French. */
function authorizeProblems(params: [string, string][]): string[] {
  const problems: string[] = [];
  const seen = new Map<string, string>();
  for (const [name, value] of params) {
    if (!AUTHORIZE_PARAMS.has(name)) {
      problems.push(
        name === "acr_values"
          ? "paramètre non accepté : acr_values (le niveau eIDAS se demande par le paramètre claims)"
          : `paramètre non accepté : ${name}`,
      );
    } else if (seen.has(name)) {
      problems.push(`le paramètre ${name} est répété`);
    }
    seen.set(name, value);
  }
  for (const name of REQUIRED_PARAMS) {
    if (!seen.get(name)) problems.push(`le paramètre ${name} est obligatoire`);
  }
  for (const name of ["state", "nonce"]) {
    const value = seen.get(name);
    if (value && value.length < MIN_STATE_NONCE_LENGTH) {
      problems.push(
        `le paramètre ${name} doit contenir au moins ${MIN_STATE_NONCE_LENGTH} caractères`,
      );
    }
  }
  const responseType = seen.get("response_type");
  if (responseType && responseType !== "code") problems.push("response_type doit valoir code");
  const scope = seen.get("scope");
  if (scope && !scope.split(" ").includes("openid"))
    problems.push("le scope openid est obligatoire");
  return problems;
}

/** ProConnect's error codes for the errors oidc-provider renders as a page. */
function describeError(
  ctx: KoaContextWithOIDC,
  out: { error: string; error_description?: string },
): { code: string; message: string } {
  const description = out.error_description ?? "";
  if (ctx.oidc?.route === "end_session" && description.includes("post_logout_redirect_uri")) {
    return {
      code: "Y030111",
      message:
        "L'adresse de retour après déconnexion (post_logout_redirect_uri) ne correspond à aucune de celles enregistrées pour ce fournisseur de service.",
    };
  }
  if (out.error === "invalid_redirect_uri") {
    return {
      code: "Y030031",
      message:
        "L'adresse de retour (redirect_uri) ne correspond à aucune de celles enregistrées pour ce fournisseur de service.",
    };
  }
  if (out.error === "invalid_request") return { code: "Y000400", message: description };
  return { code: out.error, message: description };
}

export type ProConnectMock = { app: express.Express; provider: Provider };

export async function createProConnectMock(config: ProConnectMockConfig): Promise<ProConnectMock> {
  // Every endpoint lives under the issuer's path (`/api/v2` at ProConnect).
  const base = new URL(config.issuer).pathname.replace(/\/$/, "");
  const interactionUrl = (uid: string) => `${base}/interaction/${uid}`;

  // ProConnect answers the account's level even when it is not among the requested ones (the
  // client must check `acr`). oidc-provider's own checks would instead send the agent back to the
  // login page after every login at a level that was not requested.
  const policy = interactionPolicy.base();
  policy.get("login")?.checks.remove("essential_acrs");
  policy.get("login")?.checks.remove("essential_acr");

  const configuration: Configuration = {
    clients: config.clients.map((client) => ({
      ...client,
      token_endpoint_auth_method: "client_secret_post",
      response_types: ["code"],
      grant_types: ["authorization_code"],
      userinfo_signed_response_alg: client.id_token_signed_response_alg,
      subject_type: "public",
    })),
    jwks: { keys: await generateSigningKeys() },
    routes: {
      authorization: "/authorize",
      token: "/token",
      userinfo: "/userinfo",
      end_session: "/session/end",
      jwks: "/jwks",
    },
    claims: {
      ...SCOPE_CLAIMS,
      ...Object.fromEntries(STANDALONE_CLAIMS.map((claim) => [claim, null])),
    } as unknown as Configuration["claims"],
    scopes: Object.keys(SCOPE_CLAIMS),
    acrValues: [...ACR_VALUES],
    subjectTypes: ["public"],
    responseTypes: ["code"],
    clientAuthMethods: ["client_secret_post"],
    enabledJWA: {
      idTokenSigningAlgValues: [...SIGNING_ALGS] as SigningAlg[],
      userinfoSigningAlgValues: [...SIGNING_ALGS] as SigningAlg[],
    },
    // Accepted (and kept in the interaction's parameters), but this mock has a single "identity
    // provider" and ignores them.
    extraParams: ["idp_hint", "siret_hint"],
    findAccount: async (_ctx, sub) => {
      const agent = findAgentBySub(sub);
      if (!agent) return undefined;
      return { accountId: sub, claims: async () => agentClaims(agent) };
    },
    features: {
      devInteractions: { enabled: false },
      claimsParameter: { enabled: true },
      userinfo: { enabled: true },
      jwtUserinfo: { enabled: true },
      rpInitiatedLogout: {
        enabled: true,
        logoutSource: async (ctx: KoaContextWithOIDC, form: string) => {
          ctx.type = "html";
          ctx.body = logoutPage(form);
        },
        postLogoutSuccessSource: async (ctx: KoaContextWithOIDC) => {
          ctx.type = "html";
          ctx.body = logoutSuccessPage();
        },
      },
    },
    pkce: { required: () => false },
    ttl: {
      AuthorizationCode: 60,
      AccessToken: 3600,
      IdToken: 60,
      Interaction: 1800,
      // ProConnect's SSO session lasts 12 hours.
      Session: 12 * 3600,
      Grant: 12 * 3600,
    },
    cookies: { keys: ["demo-only-pc-mock-cookie-key"] },
    interactions: { url: (_ctx, interaction) => interactionUrl(interaction.uid), policy },
    renderError: async (ctx, out) => {
      const { code, message } = describeError(ctx, out);
      ctx.type = "html";
      ctx.body = errorPage(code, message);
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

  // ProConnect's own checks on /authorize, which end on its error page (no redirect).
  app.all(`${base}/authorize`, form, (req, res, next) => {
    const params: [string, string][] = [
      ...new URL(req.originalUrl, "http://localhost").searchParams,
    ];
    for (const [name, value] of Object.entries((req.body ?? {}) as Record<string, unknown>)) {
      for (const item of [value].flat()) params.push([name, String(item)]);
    }
    const problems = authorizeProblems(params);
    if (problems.length) {
      res
        .status(400)
        .type("html")
        .send(errorPage("Y000400", `Requête invalide : ${problems.join(" ; ")}.`));
      return;
    }
    // Hand the (possibly POSTed) parameters to the provider as a query string.
    req.method = "GET";
    req.url = `${req.path}?${new URLSearchParams(params).toString()}`;
    next();
  });

  app.get(`${base}/interaction/:uid`, async (req, res, next) => {
    try {
      const details = await provider.interactionDetails(req, res);
      if (details.prompt.name === "consent") {
        await grantRequested(req, res, details);
        return;
      }
      const loginHint = details.params.login_hint;
      res.type("html").send(
        loginPage(interactionUrl(details.uid), CLIENT_NAME, DEMO_AGENTS, {
          email: typeof loginHint === "string" ? loginHint : undefined,
        }),
      );
    } catch (error) {
      next(error);
    }
  });

  app.post(`${base}/interaction/:uid/login`, form, async (req, res, next) => {
    try {
      const details = await provider.interactionDetails(req, res);
      const login = typeof req.body?.login === "string" ? req.body.login : "";
      const email = typeof req.body?.email === "string" ? req.body.email.trim() : "";
      const agent = login ? findAgent(login) : findAgentByEmail(email);
      if (!agent) {
        res
          .status(401)
          .type("html")
          .send(
            loginPage(interactionUrl(details.uid), CLIENT_NAME, DEMO_AGENTS, {
              error: login
                ? "Compte de démonstration inconnu."
                : "Aucun compte de démonstration pour cette adresse.",
              email,
            }),
          );
        return;
      }
      const result: InteractionResults = {
        login: { accountId: agent.sub, acr: agent.acr, amr: [...agent.amr] },
      };
      await provider.interactionFinished(req, res, result, { mergeWithLastSubmission: false });
    } catch (error) {
      next(error);
    }
  });

  /**
   * ProConnect has no consent screen: the consent prompt (first login of a session at a client, or
   * scopes and claims not yet granted) is answered at once with everything requested.
   */
  async function grantRequested(req: Request, res: Response, details: Interaction) {
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
  }

  app.post(`${base}/interaction/:uid/abort`, async (req, res, next) => {
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

  // session/end is a browser page: its errors are ProConnect's error page whatever the Accept
  // header (oidc-provider answers JSON to `Accept: */*`, as fetch and curl send).
  app.use(`${base}/session/end`, (req, _res, next) => {
    req.headers.accept = "text/html";
    next();
  });

  app.use(base || "/", provider.callback());

  // An interaction without its cookie (expired, or opened in another browser): ProConnect's
  // "session cookie not found" page rather than a stack trace.
  const interactionErrors: ErrorRequestHandler = (error, _req, res, next) => {
    if (!(error instanceof errors.SessionNotFound) || res.headersSent) {
      next(error);
      return;
    }
    res
      .status(400)
      .type("html")
      .send(
        errorPage(
          "Y030110",
          "La session de connexion est introuvable ou a expiré. Recommencez la connexion depuis le service.",
        ),
      );
  };
  app.use(interactionErrors);
  return { app, provider };
}
