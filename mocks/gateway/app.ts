/**
 * What the local stand-ins of « API FranceConnectées » (the DGFiP's, France Travail's) share: an
 * APIM-style gateway in front of the provider's data endpoints.
 *
 * - `POST /token`: APIM tokens for client credentials (HTTP Basic), one hour, for given scopes;
 *   `DELETE /__apim-tokens` revokes them all.
 * - `GET /jwks`: the provider's public encryption key, to which FranceConnect encrypts checktoken.
 * - The checks of every data call (`admit`): the APIM token and its scope, a UUID
 *   `X-Correlation-ID` (echoed), the citizen's FranceConnect access token (`X-FranceConnect-OAuth`)
 *   validated by FranceConnect's `checktoken` as a registered data provider (a JWE to the
 *   provider's key, wrapping a JWS by FranceConnect), active, with a scope of this provider.
 * - Faults for the app's resilience tests and demos: `PUT/GET/DELETE /__faults` (this stand-in only).
 *
 * The providers add their data endpoints to the returned `app`, answering errors in their own format.
 */
import { randomBytes } from "node:crypto";
import express from "express";
import {
  type CryptoKey,
  compactDecrypt,
  createRemoteJWKSet,
  exportJWK,
  generateKeyPair,
  type JWK,
  jwtVerify,
} from "jose";
import type { GatewayConfig } from "./config";

const UUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;

export type Faults = {
  /** Delay before answering a data call, in milliseconds. */
  latencyMs?: number;
  /** Answer data calls with this 5xx status. */
  status?: number;
  /** Answer data calls with a body that is not the documented JSON. */
  malformed?: boolean;
  /** How many data calls are affected (default: all, until reset). */
  times?: number;
  /** Only for this person (birth name, as FranceConnect sends it); default: everyone. */
  familyName?: string;
};

/** checktoken's `token_introspection`: the token's state, its scopes, the pivot identity. */
export type Introspection = {
  active: boolean;
  scope?: string;
  given_name?: string;
  family_name?: string;
  birthdate?: string;
  gender?: string;
  exp?: number;
};

/** An error's body in the provider's format; `code` is the provider's code, when it has one. */
export type ErrorBody = (status: number, message: string, code?: string) => unknown;

/** What a data call must carry, besides the gateway's common checks. */
export type DataCall = {
  /** The APIM scope of the endpoint. */
  apimScope: string;
  /** Whether the scopes the citizen granted (checktoken's `scope`) allow this endpoint. */
  granted: (scopes: Set<string>) => boolean;
  /** The 403's message otherwise. */
  notGranted: string;
  /** The endpoint's content type (a `malformed` fault keeps it, with a body that is not JSON). */
  contentType: string;
  /** The endpoint's own parameters: the 400's message when they are wrong. */
  invalidParameters?: () => string | undefined;
};

export type Admitted = { introspection: Introspection; scopes: Set<string> };

export async function createGateway(
  config: GatewayConfig,
  options: { keyId: string; errorBody: ErrorBody },
) {
  const { privateKey, publicKey } = await generateKeyPair("ECDH-ES", {
    crv: "P-256",
    extractable: true,
  });
  const publicJwk: JWK = {
    ...(await exportJWK(publicKey)),
    use: "enc",
    alg: "ECDH-ES",
    kid: options.keyId,
  };
  const decryptionKey: CryptoKey = privateKey;
  const franceConnectKeys = createRemoteJWKSet(new URL(`${config.franceConnectIssuer}/jwks`));
  const apimTokens = new Map<string, { scopes: string[]; expiresAt: number }>();
  let faults: Faults = {};

  const app = express();
  app.disable("x-powered-by");

  app.get("/jwks", (_req, res) => {
    res.json({ keys: [publicJwk] });
  });

  // Fault injection, for the app's resilience tests and demos (this mock only).
  app.put("/__faults", express.json(), (req, res) => {
    faults = req.body ?? {};
    res.json(faults);
  });
  // What is left of them (`times` counts down with each affected call).
  app.get("/__faults", (_req, res) => {
    res.json(faults);
  });
  app.delete("/__faults", (_req, res) => {
    faults = {};
    res.status(204).end();
  });
  // The gateway revokes every APIM token it issued (as after a rotation of its keys): the next call
  // with a cached token gets a 401.
  app.delete("/__apim-tokens", (_req, res) => {
    apimTokens.clear();
    res.status(204).end();
  });

  app.post("/token", express.urlencoded({ extended: false }), (req, res) => {
    const [scheme, encoded] = (req.headers.authorization ?? "").split(" ");
    const [id, secret] = Buffer.from(encoded ?? "", "base64")
      .toString()
      .split(":");
    const client = config.apimClients.find((c) => c.client_id === id && c.client_secret === secret);
    if (scheme !== "Basic" || !client) {
      res.status(401).json({ error: "invalid_client" });
      return;
    }
    if (req.body?.grant_type !== "client_credentials") {
      res.status(400).json({ error: "unsupported_grant_type" });
      return;
    }
    const requested = String(req.body.scope ?? "")
      .split(" ")
      .filter(Boolean);
    if (!requested.length || requested.some((scope) => !client.scopes.includes(scope))) {
      res.status(400).json({ error: "invalid_scope" });
      return;
    }
    const token = randomBytes(24).toString("base64url");
    apimTokens.set(token, { scopes: requested, expiresAt: Date.now() + 3600_000 });
    res.json({
      access_token: token,
      token_type: "Bearer",
      expires_in: 3600,
      scope: requested.join(" "),
    });
  });

  function fail(res: express.Response, status: number, message: string, code?: string) {
    res.status(status).json(options.errorBody(status, message, code));
  }

  async function checktoken(token: string): Promise<Introspection | "unreachable"> {
    let response: Response;
    try {
      response = await fetch(`${config.franceConnectIssuer}/checktoken`, {
        method: "POST",
        headers: { "Content-Type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({
          token,
          client_id: config.dataProvider.clientId,
          client_secret: config.dataProvider.clientSecret,
        }),
        signal: AbortSignal.timeout(5_000),
      });
    } catch {
      return "unreachable";
    }
    if (!response.ok) return "unreachable";
    const { plaintext } = await compactDecrypt(await response.text(), decryptionKey, {
      keyManagementAlgorithms: ["ECDH-ES"],
      contentEncryptionAlgorithms: ["A256GCM"],
    });
    const { payload } = await jwtVerify(new TextDecoder().decode(plaintext), franceConnectKeys, {
      issuer: config.franceConnectIssuer,
      audience: config.dataProvider.clientId,
    });
    return payload.token_introspection as Introspection;
  }

  /** Answers a data call's injected fault, if any applies: true when it did. */
  async function applyFaults(
    res: express.Response,
    familyName: string | undefined,
    contentType: string,
  ): Promise<boolean> {
    if (faults.familyName && faults.familyName !== familyName) return false;
    const affected = faults.times === undefined || faults.times > 0;
    if (!affected || !(faults.latencyMs || faults.status || faults.malformed)) return false;
    // Counted when the call arrives: a slow call (`times: 1`) slows that call only.
    if (faults.times !== undefined) faults.times--;
    const fault = { ...faults };
    if (fault.latencyMs) await new Promise((resolve) => setTimeout(resolve, fault.latencyMs));
    if (fault.status) {
      fail(res, fault.status, "Erreur technique.");
      return true;
    }
    if (fault.malformed) {
      res.status(200).type(contentType).send("<html>Service en maintenance</html>");
      return true;
    }
    return false;
  }

  /**
   * The gateway's checks of a data call, in order: APIM token (401) and scope (403), correlation id
   * (400, then echoed), FranceConnect token present (400), the endpoint's parameters (400),
   * checktoken (502 when it fails), token active (401), a scope of this provider granted (403),
   * then the injected faults. Answers and returns nothing when one stops the call.
   */
  async function admit(
    req: express.Request,
    res: express.Response,
    call: DataCall,
  ): Promise<Admitted | undefined> {
    const apim = apimTokens.get((req.headers.authorization ?? "").replace(/^Bearer /, ""));
    if (!apim || apim.expiresAt < Date.now()) {
      fail(res, 401, "Le jeton d'accès à l'API est absent, invalide ou expiré.");
      return;
    }
    if (!apim.scopes.includes(call.apimScope)) {
      fail(res, 403, `Le jeton d'accès n'a pas le scope ${call.apimScope}.`, "4031");
      return;
    }
    const correlationId = req.header("X-Correlation-ID") ?? "";
    if (!UUID.test(correlationId)) {
      fail(res, 400, "X-Correlation-ID absent ou invalide (UUID attendu).");
      return;
    }
    res.setHeader("X-Correlation-ID", correlationId);
    const fcToken = req.header("X-FranceConnect-OAuth");
    if (!fcToken) {
      fail(res, 400, "Le jeton FranceConnect (X-FranceConnect-OAuth) est absent.");
      return;
    }
    const invalid = call.invalidParameters?.();
    if (invalid) {
      fail(res, 400, invalid);
      return;
    }

    const introspection = await checktoken(fcToken).catch(() => "unreachable" as const);
    if (introspection === "unreachable") {
      fail(res, 502, "FranceConnect n'a pas pu valider le jeton.");
      return;
    }
    if (!introspection.active || !introspection.exp || introspection.exp * 1000 < Date.now()) {
      fail(res, 401, "Le jeton FranceConnect est invalide ou expiré.");
      return;
    }
    const scopes = new Set(
      String(introspection.scope ?? "")
        .split(" ")
        .filter(Boolean),
    );
    if (!call.granted(scopes)) {
      fail(res, 403, call.notGranted, "4031");
      return;
    }
    if (await applyFaults(res, introspection.family_name, call.contentType)) return;
    return { introspection, scopes };
  }

  return { app, jwk: publicJwk, admit, fail };
}
