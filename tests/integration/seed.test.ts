import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { APPLICATION_STATUSES } from "~/domain/application/status";
import { verifyAuditChain } from "~/server/audit.server";
import type { Database } from "~/server/db/connection.server";
import { seed } from "../../prisma/seed/seed";
import { createTestDatabase } from "../helpers/database";

let db: Database;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(() => db.close());

async function counts() {
  const p = db.prisma;
  return {
    courts: await p.court.count(),
    agents: await p.agent.count(),
    citizens: await p.citizen.count(),
    applications: await p.application.count(),
    taxRecords: await p.taxRecord.count(),
    messages: await p.message.count(),
    auditEvents: await p.auditEvent.count(),
  };
}

describe("seed", () => {
  it("loads courts, agents and an application in every status, then changes nothing", async () => {
    const first = await seed(db.prisma);
    expect(first).toEqual({ courts: 171, agents: 12, applicationsCreated: 12 });
    const after = await counts();
    expect(after).toMatchObject({ courts: 171, agents: 12, applications: 12, taxRecords: 12 });

    const statuses = await db.prisma.application.groupBy({ by: ["status"], _count: true });
    expect(statuses.map((s) => s.status).sort()).toEqual([...APPLICATION_STATUSES].sort());

    const second = await seed(db.prisma);
    expect(second.applicationsCreated).toBe(0);
    expect(await counts()).toEqual(after);
  });

  it("gives every court its BAJ and every agent but the national reader a court", async () => {
    const paris = await db.prisma.court.findUniqueOrThrow({
      where: { code: "75056" },
      include: { agents: true },
    });
    expect(paris.bajName).toBe("Bureau d'aide juridictionnelle du tribunal judiciaire de Paris");
    expect(paris.agents.length).toBeGreaterThan(0);
    const agents = await db.prisma.agent.findMany({ include: { courts: true } });
    for (const agent of agents) {
      expect(agent.courts.length > 0).toBe(agent.role !== "NATIONAL_READER");
    }
  });

  it("writes a valid audit chain and references that new submissions continue", async () => {
    const check = await verifyAuditChain(db.prisma);
    expect(check.valid).toBe(true);
    expect(check.count).toBeGreaterThan(8);
    const counter = await db.prisma.referenceCounter.findUniqueOrThrow({ where: { year: 2026 } });
    expect(counter.last).toBe(11);
  });

  it("stores the DGFiP answer as received, with its correlation id", async () => {
    const app = await db.prisma.application.findUniqueOrThrow({
      where: { reference: "AJ-2026-000005" },
      include: { taxRecord: true },
    });
    expect(app.taxRecord?.source).toBe("DGFIP_IMPOT_PARTICULIER");
    expect(app.taxRecord?.correlationId).toMatch(/^[0-9a-f-]{36}$/);
    expect(app.taxRecord?.payload).toMatchObject({ rfr: 20000, sitFam: "M", pac: { nbPac: 2 } });
    expect(app.decisionStateShare).toBe(55);
  });

  it("snapshots the eligibility the engine computes, with its scale and reasons", async () => {
    const apps = await db.prisma.application.findMany({ where: { reference: { not: null } } });
    const byReference = Object.fromEntries(apps.map((a) => [a.reference, a]));
    expect(byReference["AJ-2026-000003"]).toMatchObject({
      eligibilityOutcome: "PARTIAL_55",
      eligibilityStateShare: 55,
    });
    expect(byReference["AJ-2026-000006"]).toMatchObject({
      eligibilityOutcome: "INELIGIBLE",
      eligibilityStateShare: 0,
    });
    for (const app of apps) {
      expect(app.eligibilityScaleYear).toBe(2025);
      expect((app.eligibilitySnapshot as { reasons: string[] }).reasons.length).toBeGreaterThan(2);
    }
  });
});
