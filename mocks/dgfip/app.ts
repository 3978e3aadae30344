/**
 * A local DGFiP gateway for "API Impôt particulier" in FranceConnect mode: an APIM token endpoint
 * (client credentials), the IR endpoints that take the citizen's FranceConnect access token in
 * `X-FranceConnect-OAuth`, validated by calling FranceConnect's `checktoken` as a registered data
 * provider. Answers are reduced to the scopes the citizen granted. Faults can be injected.
 * Facts and choices: docs/decisions/007-franceconnect.md and 008-dgfip-impot-particulier.md. The
 * gateway's part (APIM tokens, checktoken, faults) is shared with the other stand-ins: mocks/gateway.
 */
import type express from "express";
import { createGateway, type Faults } from "../gateway/app";
import type { DgfipMockConfig } from "./config";
import { findTaxPayer, type Situation, type TaxPayer } from "./dataset";

export type { Faults };

const CONTENT_TYPES = {
  situation: "application/prs.dgfip.part.situations.ir.assiettes.v1+json",
  derniere: "application/prs.dgfip.part.derniere.situations.ir.assiettes.v1+json",
};

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
  const { app, jwk, admit, fail } = await createGateway(config, {
    keyId: "dgfip-mock-enc",
    // `{ erreur: { message, codeapp? } }`, as in the swagger.
    errorBody: (_status, message, codeapp) => ({
      erreur: { message, ...(codeapp ? { codeapp } : {}) },
    }),
  });

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
    const admitted = await admit(req, res, {
      apimScope: resource.scope,
      granted: (scopes) =>
        [...scopes].some((scope) => scope.startsWith("dgfip_") && !scope.startsWith("dgfip_annee")),
      notGranted: "Aucune donnée DGFiP n'a été autorisée par l'usager.",
      contentType: resource.contentType,
    });
    if (!admitted) return;
    const { introspection, scopes } = admitted;
    const payer = findTaxPayer(introspection);
    if (!payer) {
      fail(
        res,
        404,
        "L'identité transmise par FranceConnect ne correspond à aucun usager.",
        "4102",
      );
      return;
    }
    if (payer.kind === "attached") {
      fail(
        res,
        404,
        "L'usager est rattaché au foyer fiscal d'un autre contribuable : il n'est pas déclarant.",
        "4103",
      );
      return;
    }
    const n = new Date().getFullYear();
    for (const year of resource.years(n)) {
      const situation = payer.years[year];
      if (!situation) continue;
      if (!yearAllowed(scopes, year, n, payer)) {
        fail(res, 403, `L'usager n'a pas autorisé l'accès aux revenus ${year}.`, "4031");
        return;
      }
      const body = reduceToScopes(situation, scopes, payer);
      res
        .status(200)
        .type(resource.contentType)
        .send(JSON.stringify(resource.withYear ? { ...body, annRevenu: year } : body));
      return;
    }
    fail(res, 410, "La requête ne renvoie aucun résultat.", "4101");
  }

  app.get("/impotparticulier/1.0/situations/ir/assiettes/annrev/:annrev", (req, res, next) => {
    const annrev = Number(req.params.annrev);
    if (!/^\d{4}$/.test(req.params.annrev)) {
      fail(res, 400, "Format de l'année incorrect.", "4002");
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

  return { app, jwk };
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
