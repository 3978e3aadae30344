/**
 * France Travail's payments (décret 2020-1717 art. 4) end to end on the local stand-ins: the app's
 * client against the France Travail stand-in, and the second FranceConnect round trip in which the
 * citizen consents to them.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { lastSixMonths } from "~/domain/eligibility";
import { todayInFrance } from "~/domain/french";
import type { PrismaClient } from "~/generated/prisma/client";
import { eligibilityOf, submitDraft } from "~/server/applications.server";
import { handleFranceConnectCallback } from "~/server/auth/citizen-login.server";
import { createFranceConnect } from "~/server/auth/franceconnect.server";
import { expiredPaymentsDay, latestRecentPayments } from "~/server/certified-income.server";
import { collect } from "~/server/providers/adapter.server";
import { dgfipProvider } from "~/server/providers/dgfip.adapter.server";
import { franceTravailProvider } from "~/server/providers/france-travail.adapter.server";
import {
  createFranceTravailClient,
  FRANCE_TRAVAIL_SCOPES,
  paidWithin,
} from "~/server/providers/france-travail.server";
import { createSessionStore } from "~/server/session.server";
import { DEMO_FT_APIM_CLIENT } from "../../mocks/france-travail/config";
import { createTestDatabase } from "../helpers/database";
import { startStateServices } from "../helpers/dgfip";
import { completeDraft, createCitizen, createCourt } from "../helpers/fixtures";
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
afterEach(() => services.setFranceTravailFaults(null));

const client = (overrides: Partial<Parameters<typeof createFranceTravailClient>[0]> = {}) =>
  createFranceTravailClient({
    apiUrl: services.franceTravailUrl,
    tokenUrl: `${services.franceTravailUrl}/token`,
    clientId: DEMO_FT_APIM_CLIENT.client_id,
    clientSecret: DEMO_FT_APIM_CLIENT.client_secret,
    timeoutMs: 2_000,
    retries: 1,
    budgetMs: 10_000,
    ...overrides,
  });

const period = () => lastSixMonths(todayInFrance());
const tokenOf = (login: string) => services.accessTokenOf(login, FRANCE_TRAVAIL_SCOPES);

describe("France Travail client against the local France Travail", () => {
  it("gets the payments of the six months of a person who lost her job", async () => {
    const outcome = await client().fetchPayments(await tokenOf("perte_emploi"), period());
    expect(outcome).toMatchObject({ status: "found", httpStatus: 200, period: period() });
    if (outcome.status !== "found") throw new Error("found expected");
    expect(outcome.correlationId).toMatch(/^[0-9a-f-]{36}$/);
    const within = paidWithin(outcome.payments, period());
    expect(within.payments).toHaveLength(6);
    expect(within.total).toBe(5_102.4);
  });

  it("an empty list for a person paid nothing in the period, no_record for an unknown one", async () => {
    const dubois = await client().fetchPayments(await tokenOf("test"), period());
    expect(dubois).toMatchObject({
      status: "found",
      payments: { statutInscription: false, listePaiement: [] },
    });
    const dupont = await client().fetchPayments(await tokenOf("sans_nom_dusage"), period());
    expect(dupont).toMatchObject({ status: "no_record", httpStatus: 404 });
  });

  it("is refused without the citizen's consent to the scope", async () => {
    const token = await services.accessTokenOf("perte_emploi", ["dgfip_rfr"]);
    const outcome = await client().fetchPayments(token, period());
    expect(outcome).toMatchObject({ status: "failed", reason: "refused" });
    if (outcome.status !== "failed") throw new Error("failed expected");
    expect(outcome.detail).toMatch(/^HTTP 403/);
  });

  it("retries a 5xx within its budget, and gives up when it lasts", async () => {
    const token = await tokenOf("perte_emploi");
    await services.setFranceTravailFaults({ status: 503, times: 1 });
    expect(await client().fetchPayments(token, period())).toMatchObject({ status: "found" });
    await services.setFranceTravailFaults({ status: 502 });
    expect(await client().fetchPayments(token, period())).toEqual({
      status: "failed",
      reason: "unavailable",
      detail: "HTTP 502",
    });
  });

  it("calls an answer that is not the documented JSON unreadable", async () => {
    await services.setFranceTravailFaults({ malformed: true });
    const outcome = await client().fetchPayments(await tokenOf("perte_emploi"), period());
    expect(outcome).toMatchObject({ status: "failed", reason: "invalid_response" });
  });

  it("gives up on a slow answer when its budget is spent", async () => {
    const token = await tokenOf("perte_emploi");
    await services.setFranceTravailFaults({ latencyMs: 1_500 });
    const outcome = await client({ timeoutMs: 500, retries: 0, budgetMs: 800 }).fetchPayments(
      token,
      period(),
    );
    expect(outcome).toEqual({ status: "failed", reason: "unavailable", detail: "délai dépassé" });
  });

  it("renews a revoked gateway token at once, and reports wrong credentials", async () => {
    const shared = client({ retries: 0 });
    const token = await tokenOf("perte_emploi");
    expect(await shared.fetchPayments(token, period())).toMatchObject({ status: "found" });
    await services.revokeFranceTravailTokens();
    expect(await shared.fetchPayments(token, period())).toMatchObject({ status: "found" });
    const wrong = await client({ clientSecret: "not-the-secret-0000000" }).fetchPayments(
      token,
      period(),
    );
    expect(wrong).toMatchObject({ status: "failed", reason: "unavailable" });
  });
});

/** What the FranceConnect return needs, with France Travail as the provider consented to. */
function callbackDeps(
  fc: ReturnType<typeof createFranceConnect>,
  prisma: PrismaClient,
  franceTravail: ReturnType<typeof client>,
) {
  return {
    fc,
    prisma,
    sessions: createSessionStore(prisma, { secure: false, ttlHours: 1 }),
    providers: [dgfipProvider(services.client(), []), franceTravailProvider(franceTravail)],
  };
}

/** Logs `login` in as usual (the DGFiP is asked) and returns their session cookie ("aj_session=…"). */
async function sessionOf(
  fc: ReturnType<typeof createFranceConnect>,
  prisma: PrismaClient,
  login: string,
): Promise<string> {
  const { callbackUrl, browser } = await loginAtFranceConnect(fc, login);
  const response = (await handleFranceConnectCallback(
    callbackRequest(browser, callbackUrl),
    callbackDeps(fc, prisma, client()),
  )) as Response;
  const cookie = response.headers.getSetCookie().find((c) => c.startsWith("aj_session="));
  return (cookie ?? "").split(";")[0] as string;
}

/** The FranceConnect return, in a browser that also holds `session`. */
function withSession(request: Request, session: string): Request {
  const cookies = [request.headers.get("Cookie"), session].filter(Boolean).join("; ");
  return new Request(request.url, { headers: { Cookie: cookies } });
}

const consentConfig = () =>
  franceConnectConfig(services.franceConnect.issuer, {
    dataScopes: ["dgfip_rfr", "dgfip_nbpart", "dgfip_sitfam"],
    consentScopes: { "france-travail": FRANCE_TRAVAIL_SCOPES },
  });

describe("France Travail's answers, read back", () => {
  it("an answer whose period ended more than a month ago is not read, and the page can say so", async () => {
    const db = await createTestDatabase();
    try {
      const citizen = await createCitizen(db.prisma);
      const franceTravail = client();
      const now = new Date();
      expect(await expiredPaymentsDay(db.prisma, citizen.id, now)).toBeNull();
      await collect(
        franceTravailProvider(franceTravail),
        db.prisma,
        citizen.id,
        await tokenOf("perte_emploi"),
      );
      expect(await latestRecentPayments(db.prisma, citizen.id, now)).not.toBeNull();
      expect(await expiredPaymentsDay(db.prisma, citizen.id, now)).toBeNull();
      // Six weeks later, the same answer no longer describes « the last six months ».
      const later = new Date(now.getTime() + 42 * 86_400_000);
      expect(await latestRecentPayments(db.prisma, citizen.id, later)).toBeNull();
      expect(await expiredPaymentsDay(db.prisma, citizen.id, later)).toBe(todayInFrance(now));
    } finally {
      await db.close();
    }
  });
});

describe("consent to France Travail through a second FranceConnect round trip", () => {
  it("asks its scope, calls France Travail only, stores the answer and comes back to the step", async () => {
    const db = await createTestDatabase();
    try {
      const fc = createFranceConnect(consentConfig());
      const session = await sessionOf(fc, db.prisma, "perte_emploi");
      expect(await db.prisma.taxRecord.count()).toBe(1);
      const { callbackUrl, browser, authorizeUrl } = await loginAtFranceConnect(
        fc,
        "perte_emploi",
        { returnTo: "/demande/ressources", consentTo: ["france-travail"] },
      );
      const scopes = new URL(authorizeUrl).searchParams.get("scope")?.split(" ");
      expect(scopes).toContain("api_fc-liste-paiementsv1");
      expect(scopes).not.toContain("dgfip_rfr");
      const outcome = await handleFranceConnectCallback(
        withSession(callbackRequest(browser, callbackUrl), session),
        callbackDeps(fc, db.prisma, client()),
      );
      expect(outcome).toBeInstanceOf(Response);
      const response = outcome as Response;
      expect(response.headers.get("location")).toBe("/demande/ressources?donnees=recues");
      expect(response.headers.getSetCookie().join("\n")).toMatch(
        /fc_consent=;.*Expires=Thu, 01 Jan 1970/i,
      );
      // Only France Travail was called: no new DGFiP record.
      expect(await db.prisma.taxRecord.count()).toBe(1);
      const citizen = await db.prisma.citizen.findFirstOrThrow();
      const payments = await latestRecentPayments(db.prisma, citizen.id);
      expect(payments).toMatchObject({ period: period(), total: 5_102.4 });
      expect(payments?.payments).toHaveLength(6);
      const events = await db.prisma.auditEvent.findMany({ orderBy: { sequence: "asc" } });
      expect(events.map((event) => event.action)).toEqual([
        "citizen.logged_in",
        "tax_record.fetched",
        "citizen.logged_in",
        "certified_record.fetched",
      ]);
      expect(events[2]?.data).toEqual({
        provider: "franceconnect",
        acr: "eidas1",
        consent: ["france-travail"],
      });
    } finally {
      await db.close();
    }
  });

  it("someone else coming back logs in as usual: nothing asked of France Travail", async () => {
    const db = await createTestDatabase();
    try {
      const fc = createFranceConnect(consentConfig());
      const session = await sessionOf(fc, db.prisma, "perte_emploi");
      const { callbackUrl, browser } = await loginAtFranceConnect(fc, "demandeur_bureau", {
        returnTo: "/demande/ressources",
        consentTo: ["france-travail"],
      });
      const response = (await handleFranceConnectCallback(
        withSession(callbackRequest(browser, callbackUrl), session),
        callbackDeps(fc, db.prisma, client()),
      )) as Response;
      expect(response.headers.get("location")).toBe("/demande/ressources");
      expect(await db.prisma.certifiedRecord.count()).toBe(0);
      expect(await db.prisma.citizen.count()).toBe(2);
    } finally {
      await db.close();
    }
  });

  it("a consent refused at FranceConnect comes back to the step, and says so", async () => {
    const db = await createTestDatabase();
    try {
      const fc = createFranceConnect(consentConfig());
      const { callbackUrl, browser } = await loginAtFranceConnect(fc, "perte_emploi", {
        returnTo: "/demande/ressources",
        consentTo: ["france-travail"],
        consent: false,
      });
      const response = (await handleFranceConnectCallback(
        callbackRequest(browser, callbackUrl),
        callbackDeps(fc, db.prisma, client()),
      )) as Response;
      expect(response.headers.get("location")).toBe("/demande/ressources?donnees=refusees");
      expect(await db.prisma.certifiedRecord.count()).toBe(0);
    } finally {
      await db.close();
    }
  });

  it("the submission retains the six months on France Travail's latest answer, and keeps it", async () => {
    const db = await createTestDatabase();
    try {
      const court = await createCourt(db.prisma);
      const citizen = await createCitizen(db.prisma, { rfr: 24_000 });
      const draft = await completeDraft(db.prisma, citizen.id, court.id);
      // Not eligible on the tax notice (24 000 €).
      const taxNotice = { referenceTaxIncome: 24_000, householdSize: 1, incomeYear: 2025 };
      expect(eligibilityOf(draft, [{ taxNotice }])?.outcome).toBe("INELIGIBLE");
      await db.prisma.application.update({
        where: { id: draft.id },
        data: { incomeChanged: true, declaredRecentIncome: 300 },
      });
      const token = await tokenOf("perte_emploi");
      const stored = await collect(franceTravailProvider(client()), db.prisma, citizen.id, token);
      expect(stored.status).toBe("found");
      const result = await submitDraft(db.prisma, {
        citizenId: citizen.id,
        applicationId: draft.id,
      });
      if (!result.ok) throw new Error(JSON.stringify(result));
      const submitted = result.application;
      // 2 × (5 102,40 + 300 − 10 %) = 9 724,32 €, under the full-aid ceiling.
      expect(submitted.eligibilityOutcome).toBe("FULL");
      const links = await db.prisma.applicationCertifiedRecord.findMany({
        where: { applicationId: submitted.id },
      });
      expect(links.map((link) => link.recordId)).toEqual([
        stored.status === "found" && stored.recordId,
      ]);
      expect(submitted.eligibilitySnapshot).toMatchObject({
        resources: { basis: "RECENT_INCOME", amount: 9_724.32 },
      });
    } finally {
      await db.close();
    }
  });

  it("says so when France Travail could not answer, and stores only the failure", async () => {
    const db = await createTestDatabase();
    try {
      const fc = createFranceConnect(consentConfig());
      const session = await sessionOf(fc, db.prisma, "perte_emploi");
      await services.setFranceTravailFaults({ status: 503 });
      const { callbackUrl, browser } = await loginAtFranceConnect(fc, "perte_emploi", {
        returnTo: "/demande/ressources",
        consentTo: ["france-travail"],
      });
      const outcome = (await handleFranceConnectCallback(
        withSession(callbackRequest(browser, callbackUrl), session),
        callbackDeps(fc, db.prisma, client({ retries: 0 })),
      )) as Response;
      expect(outcome.headers.get("location")).toBe("/demande/ressources?donnees=indisponibles");
      expect(await db.prisma.certifiedRecord.count()).toBe(0);
      expect(
        await db.prisma.auditEvent.count({ where: { action: "certified_record.fetch_failed" } }),
      ).toBe(1);
    } finally {
      await db.close();
    }
  });

  it("refuses a provider it does not know", async () => {
    const fc = createFranceConnect(franceConnectConfig(services.franceConnect.issuer));
    await expect(
      fc.login(new Request("http://app.test/auth/franceconnect"), "/", ["france-travail"]),
    ).rejects.toThrow(/inconnu/);
  });
});
