/**
 * Batch actions (app/server/agent/batches.server.ts): each item goes through the same transition
 * as one by one (audit, mail); items changed meanwhile are skipped with the reason; a batch left
 * unfinished is resumed, by one run only; a role that cannot act makes no batch.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseQueueQuery } from "~/forms/queue";
import {
  batchProgress,
  createBatch,
  processBatch,
  resumeBatches,
  selectionOf,
} from "~/server/agent/batches.server";
import { type AgentContext, loadAgent } from "~/server/agent/context.server";
import { proposeDecision, startReview } from "~/server/agent/review.server";
import { withdraw } from "~/server/applications.server";
import type { Database } from "~/server/db/connection.server";
import { createTestDatabase } from "../helpers/database";
import { createAgent, createCourt, submittedApplication } from "../helpers/fixtures";

let db: Database;
let courtId: string;
let president: AgentContext;
let instructeur: AgentContext;

async function context(id: string) {
  const agent = await loadAgent(db.prisma, id);
  if (!agent) throw new Error("agent");
  return agent;
}

/** A submitted application, taken and proposed by the instructeur: in « À signer ». */
async function proposed() {
  const { citizen, application } = await submittedApplication(db.prisma, courtId);
  const taken = await startReview(db.prisma, {
    agentId: instructeur.id,
    applicationId: application.id,
    version: application.version,
  });
  if (!taken.ok) throw new Error(taken.message);
  const done = await proposeDecision(
    db.prisma,
    { agentId: instructeur.id, applicationId: application.id, version: taken.application.version },
    { outcome: "FULL" },
  );
  if (!done.ok) throw new Error(done.message);
  return { citizen, application: done.application };
}

beforeAll(async () => {
  db = await createTestDatabase();
  courtId = (await createCourt(db.prisma, "Lyon")).id;
  president = await context((await createAgent(db.prisma, courtId, { role: "PRESIDENT" })).id);
  instructeur = await context((await createAgent(db.prisma, courtId)).id);
}, 60_000);
afterAll(() => db.close());

describe("batch signing", () => {
  it("signs each proposal like one by one, and skips the ones that changed meanwhile", async () => {
    const apps = [await proposed(), await proposed(), await proposed(), await proposed()];
    const selection = await selectionOf(
      db.prisma,
      president,
      "SIGN",
      parseQueueQuery(new URLSearchParams()),
    );
    expect(selection.map((item) => item.applicationId).sort()).toEqual(
      apps.map((app) => app.application.id).sort(),
    );
    const created = await createBatch(db.prisma, president, "SIGN", selection);
    if (!created.ok) throw new Error(created.message);

    // Meanwhile: the citizen of the second withdraws, the third is sent back by a colleague's
    // action (its version moves on).
    const [, second, third] = apps;
    if (!second || !third) throw new Error("apps");
    expect(
      await withdraw(db.prisma, {
        citizenId: second.citizen.id,
        applicationId: second.application.id,
      }),
    ).toMatchObject({ ok: true });
    await db.prisma.application.update({
      where: { id: third.application.id },
      data: { version: { increment: 1 } },
    });

    // Two runs at once (a reload, another instance): one works, the other waits for it.
    await Promise.all([
      processBatch(db.prisma, created.batchId),
      processBatch(db.prisma, created.batchId),
    ]);
    const progress = await batchProgress(db.prisma, president, created.batchId);
    expect(progress).toMatchObject({ finished: true, total: 4, DONE: 2, SKIPPED: 2, PENDING: 0 });
    expect(progress?.skipped.map((item) => item.applicationId).sort()).toEqual(
      [second.application.id, third.application.id].sort(),
    );
    expect(
      progress?.skipped.find((item) => item.applicationId === third.application.id)?.reason,
    ).toMatch(/a changé depuis votre sélection/);

    for (const app of [apps[0], apps[3]]) {
      const id = app?.application.id ?? "";
      const signed = await db.prisma.application.findUniqueOrThrow({ where: { id } });
      expect(signed).toMatchObject({ status: "GRANTED", decidedById: president.id });
      expect(
        await db.prisma.notification.count({ where: { applicationId: id, kind: "DECISION" } }),
      ).toBe(1);
      expect(
        await db.prisma.auditEvent.count({ where: { applicationId: id, action: "signDecision" } }),
      ).toBe(1);
    }
    // Only its author follows a batch.
    expect(await batchProgress(db.prisma, instructeur, created.batchId)).toBeNull();
  });

  it("resumes a batch left unfinished", async () => {
    const app = await proposed();
    const created = await createBatch(db.prisma, president, "SIGN", [
      { applicationId: app.application.id, version: app.application.version },
    ]);
    if (!created.ok) throw new Error(created.message);
    // As if the instance that held it had crashed a while ago.
    await db.prisma.batch.update({
      where: { id: created.batchId },
      data: { leaseUntil: new Date(Date.now() - 1000) },
    });
    expect(await resumeBatches(db.prisma, { wait: true })).toEqual({ resumed: 1 });
    expect(await batchProgress(db.prisma, president, created.batchId)).toMatchObject({
      finished: true,
      DONE: 1,
    });
  });

  it("refuses a batch the role cannot do, and an empty one", async () => {
    const app = await proposed();
    const item = { applicationId: app.application.id, version: app.application.version };
    expect(await createBatch(db.prisma, instructeur, "SIGN", [item])).toMatchObject({ ok: false });
    expect(await createBatch(db.prisma, president, "SIGN", [])).toMatchObject({
      ok: false,
      message: "Sélectionnez au moins une demande.",
    });
  });

  it("takes several applications for an instructeur", async () => {
    const { application } = await submittedApplication(db.prisma, courtId);
    const created = await createBatch(db.prisma, instructeur, "TAKE", [
      { applicationId: application.id, version: application.version },
    ]);
    if (!created.ok) throw new Error(created.message);
    await processBatch(db.prisma, created.batchId);
    expect(
      await db.prisma.application.findUniqueOrThrow({ where: { id: application.id } }),
    ).toMatchObject({
      status: "IN_REVIEW",
      assignedAgentId: instructeur.id,
    });
  });
});
