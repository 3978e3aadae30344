/**
 * A local France Travail gateway for its « API FranceConnectée » of payments (API Indemnisation,
 * FranceConnect scope `api_fc-liste-paiementsv1`), speaking the DGFiP stand-in's protocol
 * (mocks/gateway): an APIM token endpoint (client credentials, scope `paiements`), and the payments
 * endpoint that takes the citizen's FranceConnect access token in `X-FranceConnect-OAuth`, validated
 * by calling FranceConnect's `checktoken` as a registered data provider. Faults can be injected.
 *
 * What is published (docs/reference/api-france-travail.md): France Travail's description of the
 * API gives `GET /partenaire/fc-liste-paiements/v1/`, without parameters, answering the payments
 * since the person's latest registration: `{ "statutInscription": true|false, "listePaiement": [{
 * "date_paiement": "2021-05-03T04:00:00+02:00", "montant_paiement", "allocations", "aides",
 * "autres_paiements" }] }`, most recent first; `montant_paiement` is what was paid: the allocations,
 * aids and other payments less the income tax withheld at source. This stand-in serves that shape.
 * NON CONFIRMÉ: how the real gateway authenticates the service (here, as the DGFiP's: APIM token and
 * FranceConnect token in a header), what it answers for a person it cannot reconcile (here: 404,
 * code 4040), and its errors (here `{ "erreur": { "message", "code" } }`, the code being the status
 * followed by 0, or 4031 for a scope refused). The dataset: ./dataset.ts.
 */
import type express from "express";
import { createGateway } from "../gateway/app";
import type { FranceTravailMockConfig } from "./config";
import { findJobSeeker, listOf } from "./dataset";

/** The FranceConnect scope of this endpoint. */
export const PAYMENTS_SCOPE = "api_fc-liste-paiementsv1";
/** The APIM scope of this endpoint. */
export const APIM_SCOPE = "paiements";
export async function createFranceTravailMock(config: FranceTravailMockConfig) {
  const { app, jwk, admit, fail } = await createGateway(config, {
    keyId: "france-travail-mock-enc",
    // Every error has a code: the one given, or the status followed by 0 (401 → "4010").
    errorBody: (status, message, code) => ({
      erreur: { message, code: code ?? String(status * 10) },
    }),
  });

  async function list(req: express.Request, res: express.Response) {
    const admitted = await admit(req, res, {
      apimScope: APIM_SCOPE,
      granted: (scopes) => scopes.has(PAYMENTS_SCOPE),
      notGranted: `L'usager n'a pas autorisé la transmission de ses paiements (scope ${PAYMENTS_SCOPE}).`,
      contentType: "application/json",
    });
    if (!admitted) return;
    const seeker = findJobSeeker(admitted.introspection);
    if (!seeker) {
      fail(
        res,
        404,
        "L'identité transmise par FranceConnect ne correspond à aucune personne connue de France Travail.",
        "4040",
      );
      return;
    }
    res.status(200).json(listOf(seeker));
  }

  app.get(
    ["/partenaire/fc-liste-paiements/v1/", "/partenaire/fc-liste-paiements/v1"],
    (req, res, next) => {
      list(req, res).catch(next);
    },
  );

  return { app, jwk };
}
