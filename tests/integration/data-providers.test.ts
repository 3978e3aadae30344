/**
 * The contract every data provider's adapter keeps (app/server/providers/adapter.server.ts), run
 * against its local stand-in: fetch with the FranceConnect access token, store as received with
 * the audit event, read back, show, feed the rules, and fail without throwing. A new adapter is
 * added to ADAPTERS below (docs/cloner-ce-modele.md).
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { PrismaClient } from "~/generated/prisma/client";
import {
  type AnyDataProvider,
  collect,
  combine,
  consentScopes,
  linkedAnswers,
  loginScopes,
} from "~/server/providers/adapter.server";
import { dgfipProvider } from "~/server/providers/dgfip.adapter.server";
import { franceTravailProvider } from "~/server/providers/france-travail.adapter.server";
import { createFranceTravailClient } from "~/server/providers/france-travail.server";
import {
  enabledProviders,
  knownProviders,
  storedAnswerReaders,
} from "~/server/providers/registry.server";
import { DEMO_FT_APIM_CLIENT } from "../../mocks/france-travail/config";
import { createTestDatabase } from "../helpers/database";
import { startStateServices } from "../helpers/dgfip";
import { createCitizen } from "../helpers/fixtures";

let services: Awaited<ReturnType<typeof startStateServices>>;
beforeAll(async () => {
  services = await startStateServices();
});
afterAll(() => services.close());
afterEach(() => Promise.all([services.setFaults(null), services.setFranceTravailFaults(null)]));

const DGFIP_SCOPES = ["dgfip_rfr", "dgfip_nbpart", "dgfip_sitfam", "dgfip_nbpac"];

/** Each adapter, with the demo people its stand-in knows and does not know. */
const ADAPTERS: {
  name: string;
  provider: () => AnyDataProvider;
  /** Someone the provider has data on, and what it brings to the rules. */
  known: { login: string; feeds: "taxNotice" | "recentIncome" };
  /** Someone it answers it knows nothing about. */
  unknown: string;
  /** The table its answers go to. */
  stored: (prisma: PrismaClient) => Promise<number>;
  /** Its gateway answers every data call with this status (null: back to normal). */
  faults: (status: number | null) => Promise<void>;
}[] = [
  {
    name: "DGFiP",
    provider: () => dgfipProvider(services.client({ retries: 0 }), DGFIP_SCOPES),
    known: { login: "perte_emploi", feeds: "taxNotice" },
    unknown: "moins_18_ans",
    stored: (prisma) => prisma.taxRecord.count(),
    faults: (status) => services.setFaults(status ? { status } : null),
  },
  {
    name: "France Travail",
    provider: () =>
      franceTravailProvider(
        createFranceTravailClient({
          apiUrl: services.franceTravailUrl,
          tokenUrl: `${services.franceTravailUrl}/token`,
          clientId: DEMO_FT_APIM_CLIENT.client_id,
          clientSecret: DEMO_FT_APIM_CLIENT.client_secret,
          timeoutMs: 2_000,
          retries: 0,
          budgetMs: 5_000,
        }),
      ),
    known: { login: "perte_emploi", feeds: "recentIncome" },
    unknown: "sans_nom_dusage",
    stored: (prisma) => prisma.certifiedRecord.count(),
    faults: (status) => services.setFranceTravailFaults(status ? { status } : null),
  },
];

describe.each(ADAPTERS)("the $name adapter against its stand-in", (adapter) => {
  const tokenOf = (login: string, provider: AnyDataProvider) =>
    services.accessTokenOf(login, provider.scopes);

  it("fetches with the FranceConnect token, stores as received, reads back, shows and feeds", async () => {
    const db = await createTestDatabase();
    try {
      const provider = adapter.provider();
      const citizen = await createCitizen(db.prisma, { rfr: null });
      const token = await tokenOf(adapter.known.login, provider);
      const status = await collect(provider, db.prisma, citizen.id, token);
      expect(status).toMatchObject({ status: "found", recordId: expect.any(String) });
      expect(await adapter.stored(db.prisma)).toBe(1);
      const fetched = await db.prisma.auditEvent.findFirst({
        where: { action: { endsWith: ".fetched" } },
      });
      expect(fetched?.data).toMatchObject({ citizenId: citizen.id, status: "found" });

      const stored = await provider.latest(db.prisma, citizen.id);
      expect(stored).toMatchObject({ found: true });
      if (status.status === "failed") throw new Error("found expected");
      expect(stored.recordId).toBe(status.recordId);
      const view = provider.show(stored);
      expect(view.provider).toBe(provider.name);
      expect(view.correlationId).toMatch(/^[0-9a-f-]{36}$/);
      expect(view.facts?.length).toBeGreaterThan(0);
      for (const [label, value] of view.facts ?? []) {
        expect(label).toMatch(/\p{L}/u);
        expect(value).not.toBe("");
      }
      expect(Object.keys(provider.feed(stored))).toEqual([adapter.known.feeds]);
    } finally {
      await db.close();
    }
  });

  it("stores « nothing on this person » as an answer that feeds nothing", async () => {
    const db = await createTestDatabase();
    try {
      const provider = adapter.provider();
      const citizen = await createCitizen(db.prisma, { rfr: null });
      const token = await tokenOf(adapter.unknown, provider);
      expect(await collect(provider, db.prisma, citizen.id, token)).toMatchObject({
        status: "no_record",
      });
      const stored = await provider.latest(db.prisma, citizen.id);
      expect(stored).toMatchObject({ found: false });
      expect(provider.show(stored).facts).toBeNull();
      expect(provider.show(stored).nothing).toMatch(/\p{L}/u);
      expect(provider.feed(stored)).toEqual({});
    } finally {
      await db.close();
    }
  });

  it("turns a failure into an audited outcome, never an exception, and stores no answer", async () => {
    const db = await createTestDatabase();
    try {
      const provider = adapter.provider();
      const citizen = await createCitizen(db.prisma, { rfr: null });
      const token = await tokenOf(adapter.known.login, provider);
      await adapter.faults(503);
      expect(await collect(provider, db.prisma, citizen.id, token)).toEqual({
        status: "failed",
        reason: "unavailable",
      });
      expect(await adapter.stored(db.prisma)).toBe(0);
      const failed = await db.prisma.auditEvent.count({
        where: { action: { endsWith: ".fetch_failed" } },
      });
      expect(failed).toBe(1);
      // Without the citizen's consent to its scopes: refused.
      await adapter.faults(null);
      const other = await services.accessTokenOf(adapter.known.login, []);
      expect(await collect(provider, db.prisma, citizen.id, other)).toMatchObject({
        status: "failed",
        reason: "refused",
      });
    } finally {
      await db.close();
    }
  });

  it("an application's linked answer is read by the same adapter, client or not", async () => {
    const db = await createTestDatabase();
    try {
      const provider = adapter.provider();
      const citizen = await createCitizen(db.prisma, { rfr: null });
      const token = await tokenOf(adapter.known.login, provider);
      await collect(provider, db.prisma, citizen.id, token);
      const record = await db.prisma.certifiedRecord.findFirst({
        where: { citizenId: citizen.id },
      });
      const row = {
        taxRecord: await db.prisma.taxRecord.findFirst({ where: { citizenId: citizen.id } }),
        certifiedRecords: record ? [{ record }] : [],
      };
      const [linked] = linkedAnswers(
        storedAnswerReaders().filter((reader) => reader.id === provider.id),
        row,
      );
      expect(linked?.view.facts).toEqual(
        provider.show(await provider.latest(db.prisma, citizen.id)).facts,
      );
    } finally {
      await db.close();
    }
  });
});

describe("the registry", () => {
  const clients = () => ({ dgfip: services.client(), franceTravail: null });

  it("asks FranceConnect the scopes of the enabled providers only", () => {
    const known = knownProviders({ FC_DATA_SCOPES: DGFIP_SCOPES.join(" ") }, clients());
    const both = enabledProviders({ DATA_PROVIDERS: ["france-travail", "dgfip"] }, known);
    expect(both.map((provider) => provider.id)).toEqual(["dgfip", "france-travail"]);
    expect(loginScopes(both)).toEqual(DGFIP_SCOPES);
    expect(consentScopes(both)).toEqual({ "france-travail": ["api_fc-liste-paiementsv1"] });
    const dgfipOnly = enabledProviders({ DATA_PROVIDERS: ["dgfip"] }, known);
    expect(loginScopes(dgfipOnly)).toEqual(DGFIP_SCOPES);
    expect(consentScopes(dgfipOnly)).toEqual({});
  });

  it("adds up the six months' income several providers certify, and keeps one tax notice", () => {
    const period = { from: "2026-05-26", to: "2026-11-25" };
    const taxNotice = { referenceTaxIncome: 24_000, householdSize: 1, incomeYear: 2025 };
    expect(
      combine([
        { taxNotice },
        { recentIncome: { ...period, certified: 5_102.4, certifiedBy: "France Travail" } },
        { recentIncome: { ...period, certified: 0.2, certifiedBy: "la CNAM" } },
        { taxNotice: { ...taxNotice, referenceTaxIncome: 1 } },
      ]),
    ).toEqual({
      taxNotice,
      recentIncome: { ...period, certified: 5_102.6, certifiedBy: "France Travail et la CNAM" },
    });
    expect(combine([])).toEqual({});
  });

  it("a provider without a client says it is unavailable", async () => {
    for (const reader of storedAnswerReaders()) {
      expect(await reader.fetch("any-token", { now: new Date() })).toMatchObject({
        status: "failed",
        reason: "unavailable",
      });
    }
  });
});
