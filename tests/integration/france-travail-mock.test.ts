/**
 * The local France Travail (« API Liste des paiements », FranceConnect scope
 * `api_fc-liste-paiementsv1`), end to end on the local stand-ins: a real FranceConnect access token,
 * which France Travail validates with FranceConnect's checktoken, as the DGFiP's stand-in does.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { DEMO_FT_APIM_CLIENT } from "../../mocks/france-travail/config";
import {
  addDays,
  addMonths,
  JOB_SEEKERS,
  type Payment,
  paymentsOf,
  todayInFrance,
} from "../../mocks/france-travail/dataset";
import { dataLabels } from "../../mocks/franceconnect/scopes";
import { FT_OTHER_APIM_CLIENT, startStateServices } from "../helpers/dgfip";

let services: Awaited<ReturnType<typeof startStateServices>>;
beforeAll(async () => {
  services = await startStateServices();
});
afterAll(() => services.close());
afterEach(() => services.setFranceTravailFaults(null));

const PAYMENTS_SCOPE = "api_fc-liste-paiementsv1";

/** A FranceConnect access token of `login`, who consented to `dataScopes`. */
const accessTokenOf = (login: string, dataScopes = [PAYMENTS_SCOPE]) =>
  services.accessTokenOf(login, dataScopes);

async function apimToken(
  client: { client_id: string; client_secret: string } = DEMO_FT_APIM_CLIENT,
  fields: Record<string, string> = { grant_type: "client_credentials", scope: "paiements" },
) {
  const response = await fetch(`${services.franceTravailUrl}/token`, {
    method: "POST",
    headers: {
      Authorization: `Basic ${Buffer.from(`${client.client_id}:${client.client_secret}`).toString("base64")}`,
      "Content-Type": "application/x-www-form-urlencoded",
    },
    body: new URLSearchParams(fields),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

/** The six months before a request made today, as the app reads them. */
function lastSixMonths(today = todayInFrance()) {
  return { from: addDays(addMonths(today, -6), 1), to: today };
}

type List = { statutInscription: boolean; listePaiement: Payment[] };

async function listPayments(
  fcToken: string,
  options: { apim?: string; headers?: Record<string, string> } = {},
) {
  const apim = options.apim ?? String((await apimToken()).body.access_token);
  return fetch(`${services.franceTravailUrl}/partenaire/fc-liste-paiements/v1/`, {
    headers: {
      Authorization: `Bearer ${apim}`,
      "X-FranceConnect-OAuth": fcToken,
      "X-Correlation-ID": crypto.randomUUID(),
      ...options.headers,
    },
  });
}

const day = (payment: Payment) => payment.date_paiement.slice(0, 10);
const within = (payments: Payment[], period = lastSixMonths()) =>
  payments.filter((payment) => day(payment) >= period.from && day(payment) <= period.to);

describe("the local France Travail's payments", () => {
  it("lists LAMBERT Sophie's payments since her registration, 6 of them in the last six months", async () => {
    const correlationId = crypto.randomUUID();
    const response = await listPayments(await accessTokenOf("perte_emploi"), {
      headers: { "X-Correlation-ID": correlationId },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^application\/json/);
    expect(response.headers.get("x-correlation-id")).toBe(correlationId);
    const list = (await response.json()) as List;
    expect(list.statutInscription).toBe(true);
    expect(list.listePaiement).toHaveLength(8);
    for (const payment of list.listePaiement) {
      expect(payment).toEqual({
        date_paiement: expect.stringMatching(/^\d{4}-\d{2}-05T04:00:00\+0[12]:00$/),
        montant_paiement: 850.4,
        allocations: 850.4,
        aides: 0,
        autres_paiements: 0,
      });
    }
    // Most recent first, as France Travail's description shows them.
    const dates = list.listePaiement.map(day);
    expect(dates).toEqual([...dates].sort().reverse());
    const recent = within(list.listePaiement);
    expect(recent).toHaveLength(6);
    expect(recent.reduce((sum, payment) => sum + Math.round(payment.allocations * 100), 0)).toBe(
      510_240,
    );
  });

  it("gives BENSAID Omar's 3 payments of 1 210 €, 2.4 % withheld at source", async () => {
    const response = await listPayments(await accessTokenOf("demandeur_bureau"));
    expect(response.status).toBe(200);
    const { listePaiement } = (await response.json()) as List;
    expect(listePaiement.map((payment) => [payment.allocations, payment.montant_paiement])).toEqual(
      [
        [1210, 1180.96],
        [1210, 1180.96],
        [1210, 1180.96],
      ],
    );
  });

  it("lists nothing for DUBOIS, known but no longer registered", async () => {
    const response = await listPayments(await accessTokenOf("test"));
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ statutInscription: false, listePaiement: [] });
  });

  it("answers 404 (code 4040) for a person France Travail does not know", async () => {
    const response = await listPayments(await accessTokenOf("nom_composé"));
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({
      erreur: { message: expect.stringContaining("France Travail"), code: "4040" },
    });
  });

  it("holds 6 payments for LAMBERT and 3 for BENSAID in the six months before any day", () => {
    const [lambert, , bensaid] = JOB_SEEKERS;
    if (!lambert || !bensaid) throw new Error("dataset");
    // Two years, a leap day and every month's end and 5th among them.
    for (let today = "2027-01-01"; today <= "2028-12-31"; today = addDays(today, 1)) {
      const now = new Date(`${today}T12:00:00Z`);
      const period = lastSixMonths(today);
      expect(within(paymentsOf(lambert, now), period), today).toHaveLength(6);
      expect(within(paymentsOf(bensaid, now), period), today).toHaveLength(3);
    }
  });

  it("dates each payment at 04:00 in France, with the offset of the day", () => {
    const [lambert] = JOB_SEEKERS;
    if (!lambert) throw new Error("dataset");
    const winter = paymentsOf(lambert, new Date("2027-01-10T12:00:00Z"))[0];
    const summer = paymentsOf(lambert, new Date("2027-07-10T12:00:00Z"))[0];
    expect(winter?.date_paiement).toBe("2027-01-05T04:00:00+01:00");
    expect(summer?.date_paiement).toBe("2027-07-05T04:00:00+02:00");
  });

  it("shows the scopes on FranceConnect's consent screen", () => {
    expect(dataLabels([PAYMENTS_SCOPE, "api_fc-statutaugmentev1"])).toEqual([
      "Paiements versés par France Travail (France Travail)",
      "Statut de demandeur d'emploi (France Travail)",
    ]);
  });
});

describe("the local France Travail's protocol", () => {
  it("issues APIM tokens for the client credentials and the scope paiements", async () => {
    const good = await apimToken();
    expect(good).toMatchObject({
      status: 200,
      body: { token_type: "Bearer", expires_in: 3600, scope: "paiements" },
    });
    expect(good.body.access_token).toEqual(expect.any(String));
    const wrongSecret = { ...DEMO_FT_APIM_CLIENT, client_secret: "wrong-secret-0000000000" };
    expect(await apimToken(wrongSecret)).toEqual({
      status: 401,
      body: { error: "invalid_client" },
    });
    expect(
      await apimToken(DEMO_FT_APIM_CLIENT, { grant_type: "password", scope: "paiements" }),
    ).toEqual({ status: 400, body: { error: "unsupported_grant_type" } });
    expect(
      await apimToken(DEMO_FT_APIM_CLIENT, { grant_type: "client_credentials", scope: "statut" }),
    ).toEqual({ status: 400, body: { error: "invalid_scope" } });
  });

  it("refuses a wrong APIM token (401), an APIM token without paiements (403), and a revoked one", async () => {
    const fcToken = await accessTokenOf("perte_emploi");
    const wrong = await listPayments(fcToken, { apim: "nope" });
    expect(wrong.status).toBe(401);
    expect(await wrong.json()).toEqual({
      erreur: { message: expect.any(String), code: "4010" },
    });

    const other = await apimToken(FT_OTHER_APIM_CLIENT, {
      grant_type: "client_credentials",
      scope: "statut",
    });
    const forbidden = await listPayments(fcToken, { apim: String(other.body.access_token) });
    expect(forbidden.status).toBe(403);
    expect(await forbidden.json()).toEqual({
      erreur: { message: expect.stringContaining("paiements"), code: "4031" },
    });

    const apim = String((await apimToken()).body.access_token);
    expect((await listPayments(fcToken, { apim })).status).toBe(200);
    await services.revokeFranceTravailTokens();
    expect((await listPayments(fcToken, { apim })).status).toBe(401);
  });

  it("refuses a FranceConnect token without api_fc-liste-paiementsv1 (403), or unknown (401)", async () => {
    const dgfipOnly = await listPayments(await accessTokenOf("perte_emploi", ["dgfip_rfr"]));
    expect(dgfipOnly.status).toBe(403);
    expect(await dgfipOnly.json()).toEqual({
      erreur: { message: expect.stringContaining(PAYMENTS_SCOPE), code: "4031" },
    });
    const unknown = await listPayments("not-a-token");
    expect(unknown.status).toBe(401);
    expect(await unknown.json()).toMatchObject({ erreur: { code: "4010" } });
  });

  it("requires a UUID X-Correlation-ID, echoed back, and the FranceConnect token", async () => {
    const fcToken = await accessTokenOf("perte_emploi");
    const bad = await listPayments(fcToken, { headers: { "X-Correlation-ID": "not-a-uuid" } });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ erreur: { code: "4000" } });
    const correlationId = crypto.randomUUID();
    const missingToken = await listPayments("", { headers: { "X-Correlation-ID": correlationId } });
    expect(missingToken.status).toBe(400);
    expect(missingToken.headers.get("x-correlation-id")).toBe(correlationId);
  });
});

describe("the local France Travail's faults", () => {
  it("answers a 503 while the fault lasts, then the data", async () => {
    const fcToken = await accessTokenOf("perte_emploi");
    await services.setFranceTravailFaults({ status: 503, times: 1 });
    const failed = await listPayments(fcToken);
    expect(failed.status).toBe(503);
    expect(await failed.json()).toEqual({
      erreur: { message: "Erreur technique.", code: "5030" },
    });
    expect((await listPayments(fcToken)).status).toBe(200);
  });

  it("answers a 200 with an HTML body when malformed", async () => {
    const fcToken = await accessTokenOf("perte_emploi");
    await services.setFranceTravailFaults({ malformed: true });
    const response = await listPayments(fcToken);
    expect(response.status).toBe(200);
    const body = await response.text();
    expect(body).toMatch(/^<html>/);
    expect(() => JSON.parse(body)).toThrow();
  });

  it("faults only the person named, after a delay, and not the DGFiP", async () => {
    await services.setFranceTravailFaults({ status: 500, familyName: "BENSAID", latencyMs: 200 });
    const started = Date.now();
    expect((await listPayments(await accessTokenOf("demandeur_bureau"))).status).toBe(500);
    expect(Date.now() - started).toBeGreaterThanOrEqual(200);
    expect((await listPayments(await accessTokenOf("perte_emploi"))).status).toBe(200);
    expect(
      await (await fetch(`${services.dgfipUrl}/__faults`)).json(),
      "the DGFiP's faults are its own",
    ).toEqual({});
  });
});
