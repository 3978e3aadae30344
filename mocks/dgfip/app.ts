/**
 * A local DGFiP gateway for "API Impôt particulier" in FranceConnect mode: an APIM token endpoint
 * (client credentials), the IR endpoints that take the citizen's FranceConnect access token in
 * `X-FranceConnect-OAuth`, validated by calling FranceConnect's `checktoken` as a registered data
 * provider. Answers are reduced to the scopes the citizen granted. Faults can be injected.
 * Facts and choices: docs/decisions/007-franceconnect.md and 008-dgfip-impot-particulier.md.
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
import type { DgfipMockConfig } from "./config";
import { findTaxPayer, type Situation, type TaxPayer } from "./dataset";

const UUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;
const CONTENT_TYPES = {
  situation: "application/prs.dgfip.part.situations.ir.assiettes.v1+json",
  derniere: "application/prs.dgfip.part.derniere.situations.ir.assiettes.v1+json",
};

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

type Introspection = {
  active: boolean;
  scope?: string;
  given_name?: string;
  family_name?: string;
  birthdate?: string;
  gender?: string;
  exp?: number;
};

const erreur = (message: string, codeapp?: string) => ({
  erreur: { message, ...(codeapp ? { codeapp } : {}) },
});

/** The swagger's fields, reduced to what the granted FranceConnect scopes allow. */
export function reduceToScopes(
  situation: Situation,
  scopes: Set<string>,
  payer: TaxPayer,
): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  if (scopes.has("dgfip_rfr")) body.rfr = situation.rfr;
  if (scopes.has("dgfip_nbpart")) body.nbPart = situation.nbPart;
  if (scopes.has("dgfip_sitfam")) body.sitFam = situation.sitFam;
  if (scopes.has("dgfip_pac")) body.pac = situation.pac;
  else if (scopes.has("dgfip_nbpac")) body.pac = { nbPac: situation.pac.nbPac };
  if (scopes.has("dgfip_aft")) body.aft = situation.aft;
  if (scopes.has("dgfip_decl")) {
    const [annee, mois, jour] = payer.match.birthdate.split("-").map(Number);
    body.nmNaiDec1 = payer.match.family_name;
    body.prnmDec1 = payer.match.given_name.toUpperCase();
    body.dateNaisDec1 = { jour, mois, annee };
    if (situation.dec2) {
      const [a2, m2, j2] = situation.dec2.dateNais.split("-").map(Number);
      body.nmNaiDec2 = situation.dec2.nmNai;
      body.prnmDec2 = situation.dec2.prnm;
      body.dateNaisDec2 = { jour: j2, mois: m2, annee: a2 };
    }
  }
  return body;
}

export async function createDgfipMock(config: DgfipMockConfig) {
  const { privateKey, publicKey } = await generateKeyPair("ECDH-ES", {
    crv: "P-256",
    extractable: true,
  });
  const publicJwk: JWK = {
    ...(await exportJWK(publicKey)),
    use: "enc",
    alg: "ECDH-ES",
    kid: "dgfip-mock-enc",
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

  async function serve(
    req: express.Request,
    res: express.Response,
    resource: {
      scope: string;
      contentType: string;
      years: (n: number) => number[];
      withYear: boolean;
    },
  ) {
    const apim = apimTokens.get((req.headers.authorization ?? "").replace(/^Bearer /, ""));
    if (!apim || apim.expiresAt < Date.now()) {
      res.status(401).json(erreur("Le jeton d'accès à l'API est absent, invalide ou expiré."));
      return;
    }
    if (!apim.scopes.includes(resource.scope)) {
      res.status(403).json(erreur(`Le jeton d'accès n'a pas le scope ${resource.scope}.`, "4031"));
      return;
    }
    const correlationId = req.header("X-Correlation-ID") ?? "";
    if (!UUID.test(correlationId)) {
      res.status(400).json(erreur("X-Correlation-ID absent ou invalide (UUID attendu)."));
      return;
    }
    res.setHeader("X-Correlation-ID", correlationId);
    const fcToken = req.header("X-FranceConnect-OAuth");
    if (!fcToken) {
      res.status(400).json(erreur("Le jeton FranceConnect (X-FranceConnect-OAuth) est absent."));
      return;
    }

    const introspection = await checktoken(fcToken).catch(() => "unreachable" as const);
    if (introspection === "unreachable") {
      res.status(502).json(erreur("FranceConnect n'a pas pu valider le jeton."));
      return;
    }
    if (!introspection.active || !introspection.exp || introspection.exp * 1000 < Date.now()) {
      res.status(401).json(erreur("Le jeton FranceConnect est invalide ou expiré."));
      return;
    }
    const scopes = new Set(
      String(introspection.scope ?? "")
        .split(" ")
        .filter(Boolean),
    );
    if (
      ![...scopes].some((scope) => scope.startsWith("dgfip_") && !scope.startsWith("dgfip_annee"))
    ) {
      res.status(403).json(erreur("Aucune donnée DGFiP n'a été autorisée par l'usager.", "4031"));
      return;
    }
    if (!faults.familyName || faults.familyName === introspection.family_name) {
      const affected = faults.times === undefined || faults.times > 0;
      if (affected && (faults.latencyMs || faults.status || faults.malformed)) {
        // Counted when the call arrives: a slow call (`times: 1`) slows that call only.
        if (faults.times !== undefined) faults.times--;
        const fault = { ...faults };
        if (fault.latencyMs) await new Promise((resolve) => setTimeout(resolve, fault.latencyMs));
        if (fault.status) {
          res.status(fault.status).json(erreur("Erreur technique."));
          return;
        }
        if (fault.malformed) {
          res.status(200).type(resource.contentType).send("<html>Service en maintenance</html>");
          return;
        }
      }
    }
    const payer = findTaxPayer(introspection);
    if (!payer) {
      res
        .status(404)
        .json(
          erreur("L'identité transmise par FranceConnect ne correspond à aucun usager.", "4102"),
        );
      return;
    }
    if (payer.kind === "attached") {
      res
        .status(404)
        .json(
          erreur(
            "L'usager est rattaché au foyer fiscal d'un autre contribuable : il n'est pas déclarant.",
            "4103",
          ),
        );
      return;
    }
    const n = new Date().getFullYear();
    for (const year of resource.years(n)) {
      const situation = payer.years[year];
      if (!situation) continue;
      if (!yearAllowed(scopes, year, n, payer)) {
        res
          .status(403)
          .json(erreur(`L'usager n'a pas autorisé l'accès aux revenus ${year}.`, "4031"));
        return;
      }
      const body = reduceToScopes(situation, scopes, payer);
      res
        .status(200)
        .type(resource.contentType)
        .send(JSON.stringify(resource.withYear ? { ...body, annRevenu: year } : body));
      return;
    }
    res.status(410).json(erreur("La requête ne renvoie aucun résultat.", "4101"));
  }

  app.get("/impotparticulier/1.0/situations/ir/assiettes/annrev/:annrev", (req, res, next) => {
    const annrev = Number(req.params.annrev);
    if (!/^\d{4}$/.test(req.params.annrev)) {
      res.status(400).json(erreur("Format de l'année incorrect.", "4002"));
      return;
    }
    serve(req, res, {
      scope: "RessourceIR",
      contentType: CONTENT_TYPES.situation,
      years: () => [annrev],
      withYear: false,
    }).catch(next);
  });

  app.get("/impotparticulier/1.0/dernieresituation/ir/assiettes/deuxans", (req, res, next) => {
    serve(req, res, {
      scope: "RessourceIRDerniere2",
      contentType: CONTENT_TYPES.derniere,
      years: (n) => [n - 1, n - 2],
      withYear: true,
    }).catch(next);
  });

  return { app, jwk: publicJwk };
}

/** Year scopes: none means no restriction (legacy); otherwise the year must be covered. */
function yearAllowed(scopes: Set<string>, year: number, n: number, payer: TaxPayer): boolean {
  const yearScopes = [...scopes].filter((scope) => scope.startsWith("dgfip_annee_"));
  if (!yearScopes.length) return true;
  if (year === n - 1) return scopes.has("dgfip_annee_n_moins_1");
  if (year === n - 2) {
    return (
      scopes.has("dgfip_annee_n_moins_2") ||
      (scopes.has("dgfip_annee_n_moins_2_si_indispo_n_moins_1") && !payer.years[n - 1])
    );
  }
  if (year === n - 3) return scopes.has("dgfip_annee_n_moins_3");
  return false;
}
