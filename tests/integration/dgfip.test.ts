/**
 * API Impôt particulier in FranceConnect mode, end to end on the local stand-ins: the citizen's
 * FranceConnect access token is the key; the DGFiP validates it with FranceConnect's checktoken.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import {
  forgetOldLoginAttempts,
  handleFranceConnectCallback,
} from "~/server/auth/citizen-login.server";
import { createFranceConnect } from "~/server/auth/franceconnect.server";
import { collect, retryInBackground } from "~/server/providers/adapter.server";
import { dgfipProvider } from "~/server/providers/dgfip.adapter.server";
import { createSessionStore } from "~/server/session.server";
import { currentTaxFetch, latestTaxRecord } from "~/server/tax.server";
import { createTestDatabase } from "../helpers/database";
import { startStateServices } from "../helpers/dgfip";
import { createCitizen } from "../helpers/fixtures";
import {
  callbackRequest,
  franceConnectConfig,
  loginAtFranceConnect,
} from "../helpers/franceconnect";

let services: Awaited<ReturnType<typeof startStateServices>>;
beforeAll(async () => {
  services = await startStateServices();
});
afterAll(() => services.close());
afterEach(() => services.setFaults(null));

const DATA_SCOPES = [
  "dgfip_rfr",
  "dgfip_nbpart",
  "dgfip_sitfam",
  "dgfip_nbpac",
  "dgfip_aft",
  "dgfip_annee_n_moins_1",
  "dgfip_annee_n_moins_2_si_indispo_n_moins_1",
];

/** Logs in at the local FranceConnect as `login` and returns the FC access token. */
async function accessTokenOf(login: string, dataScopes = DATA_SCOPES) {
  const fc = createFranceConnect(
    franceConnectConfig(services.franceConnect.issuer, { dataScopes }),
  );
  const { callbackUrl, browser } = await loginAtFranceConnect(fc, login);
  const result = await fc.callback(callbackRequest(browser, callbackUrl));
  if (!result.ok) throw result.error;
  return result.login.accessToken;
}

const NOW = new Date("2026-11-24T10:00:00Z");

describe("DGFiP client against the local DGFiP", () => {
  it("gets Angela DUBOIS's latest avis (2025), reduced to the granted scopes", async () => {
    const outcome = await services.client().fetchLatestSituation(await accessTokenOf("test"), NOW);
    expect(outcome).toMatchObject({
      status: "found",
      incomeYear: 2025,
      httpStatus: 200,
      situation: { rfr: 9_800, nbPart: 1, sitFam: "C", pac: { nbPac: 0 } },
    });
    if (outcome.status !== "found") return;
    expect(outcome.correlationId).toMatch(/^[0-9a-f-]{36}$/);
    expect(outcome.payload).toEqual({
      rfr: 9_800,
      nbPart: 1,
      sitFam: "C",
      pac: { nbPac: 0 },
      aft: "12 RUE DE GRENELLE 75007 PARIS",
    });
  });

  it("answers only what was granted", async () => {
    const outcome = await services
      .client()
      .fetchLatestSituation(
        await accessTokenOf("sans_nom_dusage", [
          "dgfip_rfr",
          "dgfip_nbpart",
          "dgfip_sitfam",
          "dgfip_pac",
        ]),
        NOW,
      );
    expect(outcome.status).toBe("found");
    if (outcome.status !== "found") return;
    expect(Object.keys(outcome.payload as object).sort()).toEqual([
      "nbPart",
      "pac",
      "rfr",
      "sitFam",
    ]);
    expect(outcome.situation).toMatchObject({
      rfr: 20_000,
      sitFam: "M",
      pac: { nbPac: 2, nbPacF: 2 },
    });
  });

  it("falls back to N-2 when the N-1 avis does not exist yet", async () => {
    const outcome = await services
      .client()
      .fetchLatestSituation(await accessTokenOf("naissance_Algérie"), NOW);
    expect(outcome).toMatchObject({
      status: "found",
      incomeYear: 2024,
      situation: { rfr: 11_000 },
    });
  });

  it("reports a person attached to someone else's foyer as having no record (not an error)", async () => {
    const outcome = await services
      .client()
      .fetchLatestSituation(await accessTokenOf("moins_18_ans"), NOW);
    expect(outcome).toMatchObject({
      status: "no_record",
      incomeYears: [2025, 2024],
      httpStatus: 404,
    });
  });

  it("is refused without any DGFiP scope granted", async () => {
    const outcome = await services
      .client()
      .fetchLatestSituation(await accessTokenOf("test", []), NOW);
    expect(outcome).toMatchObject({ status: "failed", reason: "refused" });
  });

  it("is refused with an unknown FranceConnect token", async () => {
    const outcome = await services.client().fetchLatestSituation("not-a-token", NOW);
    expect(outcome).toMatchObject({ status: "failed", reason: "refused" });
    if (outcome.status === "failed") expect(outcome.detail).toMatch(/HTTP 401/);
  });

  it("fails cleanly with wrong APIM credentials", async () => {
    const outcome = await services
      .client({ clientSecret: "wrong-secret" })
      .fetchLatestSituation(await accessTokenOf("test"), NOW);
    expect(outcome).toMatchObject({ status: "failed", reason: "unavailable" });
  });
});

describe("DGFiP faults", () => {
  it("renews a revoked APIM token at once, even without retries (docs/decisions/008)", async () => {
    const token = await accessTokenOf("test");
    const client = services.client({ retries: 0 });
    expect(await client.fetchLatestSituation(token, NOW)).toMatchObject({ status: "found" });
    // The gateway forgets the token the client keeps: the next call is refused once, renewed.
    await services.revokeApimTokens();
    const outcome = await client.fetchLatestSituation(token, NOW);
    expect(outcome).toMatchObject({ status: "found", incomeYear: 2025, httpStatus: 200 });
  });

  it("retries a transient 503 and succeeds", async () => {
    const token = await accessTokenOf("test");
    await services.setFaults({ status: 503, times: 1 });
    const outcome = await services.client().fetchLatestSituation(token, NOW);
    expect(outcome).toMatchObject({ status: "found", incomeYear: 2025 });
  });

  it("gives up after bounded retries on a lasting 503", async () => {
    const token = await accessTokenOf("test");
    await services.setFaults({ status: 503 });
    const outcome = await services.client({ retries: 1 }).fetchLatestSituation(token, NOW);
    expect(outcome).toMatchObject({ status: "failed", reason: "unavailable" });
  });

  it("times out on a slow gateway", async () => {
    const token = await accessTokenOf("test");
    await services.setFaults({ latencyMs: 1_500 });
    const outcome = await services
      .client({ timeoutMs: 300, retries: 0 })
      .fetchLatestSituation(token, NOW);
    expect(outcome).toMatchObject({
      status: "failed",
      reason: "unavailable",
      detail: "délai dépassé",
    });
  });

  it("stops at its time budget, whatever the retries left", async () => {
    const token = await accessTokenOf("test");
    await services.setFaults({ latencyMs: 1_500, times: 20 });
    const outcome = await services
      .client({ timeoutMs: 1_000, retries: 3, budgetMs: 1_100 })
      .fetchLatestSituation(token, NOW);
    expect(outcome).toMatchObject({ status: "failed", reason: "unavailable" });
    // One call, not the four (times two income years) the retries alone would allow.
    expect((await services.faults()).times).toBe(19);
  });

  it("refuses a malformed answer", async () => {
    const token = await accessTokenOf("test");
    await services.setFaults({ malformed: true });
    const outcome = await services.client().fetchLatestSituation(token, NOW);
    expect(outcome).toMatchObject({ status: "failed", reason: "invalid_response" });
  });
});

describe("the local DGFiP's protocol", () => {
  async function apimToken(id: string, secret: string, scope: string) {
    const response = await fetch(`${services.dgfipUrl}/token`, {
      method: "POST",
      headers: {
        Authorization: `Basic ${Buffer.from(`${id}:${secret}`).toString("base64")}`,
        "Content-Type": "application/x-www-form-urlencoded",
      },
      body: new URLSearchParams({ grant_type: "client_credentials", scope }),
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  }

  it("requires a UUID X-Correlation-ID, a valid APIM token with the right scope", async () => {
    const fcToken = await accessTokenOf("test");
    const { body } = await apimToken(
      "aide-juridictionnelle-apim-demo",
      "demo-only-apim-client-secret-0123456789",
      "RessourceIR",
    );
    expect(body).toMatchObject({ token_type: "Bearer", expires_in: 3600 });
    const call = (headers: Record<string, string>) =>
      fetch(`${services.dgfipUrl}/impotparticulier/1.0/situations/ir/assiettes/annrev/2025`, {
        headers,
      });
    const good = { Authorization: `Bearer ${body.access_token}`, "X-FranceConnect-OAuth": fcToken };
    expect((await call({ ...good, "X-Correlation-ID": "not-a-uuid" })).status).toBe(400);
    expect(
      (
        await call({
          ...good,
          Authorization: "Bearer nope",
          "X-Correlation-ID": crypto.randomUUID(),
        })
      ).status,
    ).toBe(401);
    const ok = await call({ ...good, "X-Correlation-ID": crypto.randomUUID() });
    expect(ok.status).toBe(200);
    expect(ok.headers.get("content-type")).toMatch(
      /^application\/prs\.dgfip\.part\.situations\.ir\.assiettes\.v1\+json/,
    );

    const other = await apimToken(
      "derniere-only",
      "derniere-only-secret-000",
      "RessourceIRDerniere2",
    );
    const forbidden = await call({
      ...good,
      Authorization: `Bearer ${other.body.access_token}`,
      "X-Correlation-ID": crypto.randomUUID(),
    });
    expect(forbidden.status).toBe(403);
    expect(await forbidden.json()).toMatchObject({
      erreur: { message: expect.stringContaining("RessourceIR") },
    });

    const deuxans = await fetch(
      `${services.dgfipUrl}/impotparticulier/1.0/dernieresituation/ir/assiettes/deuxans`,
      {
        headers: {
          ...good,
          Authorization: `Bearer ${other.body.access_token}`,
          "X-Correlation-ID": crypto.randomUUID(),
        },
      },
    );
    expect(deuxans.status).toBe(200);
    expect(await deuxans.json()).toMatchObject({
      rfr: 9_800,
      annRevenu: new Date().getFullYear() - 1,
    });
  });

  it("answers 410 « aucun résultat » for a year without avis", async () => {
    const fcToken = await accessTokenOf("naissance_Algérie", ["dgfip_rfr"]);
    const { body } = await apimToken(
      "aide-juridictionnelle-apim-demo",
      "demo-only-apim-client-secret-0123456789",
      "RessourceIR",
    );
    const response = await fetch(
      `${services.dgfipUrl}/impotparticulier/1.0/situations/ir/assiettes/annrev/2025`,
      {
        headers: {
          Authorization: `Bearer ${body.access_token}`,
          "X-FranceConnect-OAuth": fcToken,
          "X-Correlation-ID": crypto.randomUUID(),
        },
      },
    );
    expect(response.status).toBe(410);
    expect(await response.json()).toEqual({
      erreur: { message: "La requête ne renvoie aucun résultat.", codeapp: "4101" },
    });
  });
});

describe("a slow DGFiP on the way back from FranceConnect", () => {
  it("lets the citizen in at its budget, then stores the answer fetched in the background", async () => {
    const db = await createTestDatabase();
    try {
      const citizen = await createCitizen(db.prisma, { rfr: null });
      const token = await accessTokenOf("test");
      // The first call hangs longer than the citizen may wait; the next ones answer.
      await services.setFaults({ latencyMs: 3_000, times: 1 });
      const dgfip = dgfipProvider(
        services.client({ timeoutMs: 2_000, retries: 2, budgetMs: 800 }),
        DATA_SCOPES,
      );
      const first = await collect(dgfip, db.prisma, citizen.id, token);
      expect(first).toMatchObject({ status: "failed", reason: "unavailable" });
      const since = new Date().toISOString();
      expect(currentTaxFetch({ status: "pending", since }, null)).toEqual({ status: "pending" });

      const later = await retryInBackground(dgfip, db.prisma, citizen.id, token, Date.now(), [50]);
      expect(later).toMatchObject({ status: "found" });
      const stored = await latestTaxRecord(db.prisma, citizen.id);
      expect(stored?.situation).toMatchObject({ rfr: 9_800 });
      // The page now shows the record, no longer the wait.
      expect(currentTaxFetch({ status: "pending", since }, stored?.record.fetchedAt ?? null)).toBe(
        null,
      );
      // Given up once the token is dead.
      expect(
        currentTaxFetch({ status: "pending", since }, null, Date.parse(since) + 120_000),
      ).toEqual({ status: "failed", reason: "unavailable" });
    } finally {
      await db.close();
    }
  });

  it("a reload of the return during the wait opens the same login, in that browser only", async () => {
    const db = await createTestDatabase();
    try {
      const fc = createFranceConnect(
        franceConnectConfig(services.franceConnect.issuer, { dataScopes: DATA_SCOPES }),
      );
      const { callbackUrl, browser } = await loginAtFranceConnect(fc, "test");
      await services.setFaults({ latencyMs: 1_500, times: 1 });
      const deps = {
        fc,
        prisma: db.prisma,
        sessions: createSessionStore(db.prisma, { secure: false, ttlHours: 1 }),
        providers: [
          dgfipProvider(services.client({ timeoutMs: 3_000, retries: 0, budgetMs: 2_500 }), []),
        ],
        retryPauses: [],
      };
      const first = handleFranceConnectCallback(callbackRequest(browser, callbackUrl), deps);
      await new Promise((resolve) => setTimeout(resolve, 300));
      // The URL without the browser's state cookie (a leaked address): nothing.
      const stranger = await handleFranceConnectCallback(new Request(callbackUrl), deps);
      expect(stranger).not.toBeInstanceOf(Response);
      // The same browser reloads while the first request waits for the DGFiP: both let it in.
      const reload = await handleFranceConnectCallback(callbackRequest(browser, callbackUrl), deps);
      for (const outcome of [await first, reload]) {
        expect(outcome).toBeInstanceOf(Response);
        const response = outcome as Response;
        expect(response.headers.get("location")).toBe("/mon-compte");
        expect(response.headers.getSetCookie().join("\n")).toMatch(/aj_session=[^;]+/);
      }
      const sessions = await db.prisma.session.findMany();
      expect(sessions).toHaveLength(2);
      expect(new Set(sessions.map((session) => session.citizenId)).size).toBe(1);
      for (const session of sessions) {
        expect(session.data).toMatchObject({ taxFetch: { status: "found" } });
      }
      // One DGFiP answer: the reload exchanged nothing and fetched nothing; both entries traced.
      expect(await db.prisma.taxRecord.count()).toBe(1);
      const logins = await db.prisma.auditEvent.findMany({
        where: { action: "citizen.logged_in" },
        orderBy: { sequence: "asc" },
      });
      expect(logins.map((event) => event.data)).toEqual([
        { provider: "franceconnect", acr: "eidas1" },
        { provider: "franceconnect", acr: "eidas1", reload: true },
      ]);
      // The outcome (an id_token in it) was taken once, by the reload: nothing left.
      expect(await db.prisma.loginCallback.count()).toBe(0);
      const again = await handleFranceConnectCallback(callbackRequest(browser, callbackUrl), deps);
      expect(again).not.toBeInstanceOf(Response);
      // Attempts are forgotten after seconds (a first request that never finished, here).
      await db.prisma.loginCallback.create({ data: { key: "a".repeat(64) } });
      expect(await forgetOldLoginAttempts(db.prisma)).toEqual({ forgotten: 0 });
      const later = new Date(Date.now() + 60_000);
      expect(await forgetOldLoginAttempts(db.prisma, later)).toEqual({ forgotten: 1 });
    } finally {
      await db.close();
    }
  });
});
