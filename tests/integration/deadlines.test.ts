/**
 * The daily deadlines job (app/server/deadlines.server.ts): a reminder a week before the reply
 * deadline, once per request, by mail through the outbox and in the audit trail; the overdue ones
 * counted and listed for the signers of their court only.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadAgent } from "~/server/agent/context.server";
import type { Database } from "~/server/db/connection.server";
import { overdueApplications, sendDeadlineReminders } from "~/server/deadlines.server";
import { mailFor } from "~/server/notifications.server";
import { createTestDatabase } from "../helpers/database";
import { createAgent, createCitizen, createCourt } from "../helpers/fixtures";

let db: Database;
const NOW = new Date("2026-11-25T06:30:00Z");
const inDays = (days: number) => new Date(NOW.getTime() + days * 86_400_000);

async function waiting(courtId: string, deadline: Date, reference: string) {
  const citizen = await createCitizen(db.prisma, { rfr: null, email: "demandeur@example.fr" });
  return db.prisma.application.create({
    data: {
      reference,
      status: "INFORMATION_REQUESTED",
      citizenId: citizen.id,
      courtId,
      submittedAt: inDays(-20),
      replyDeadline: deadline,
    },
  });
}

let courtId: string;
let otherCourt: string;
beforeAll(async () => {
  db = await createTestDatabase();
  courtId = (await createCourt(db.prisma, "Lyon")).id;
  otherCourt = (await createCourt(db.prisma, "Lille")).id;
});
afterAll(() => db.close());

describe("reply deadlines", () => {
  it("remind once a week before, and count the overdue", async () => {
    const soon = await waiting(courtId, inDays(5), "AJ-2026-800001");
    await waiting(courtId, inDays(10), "AJ-2026-800002");
    await waiting(courtId, inDays(-2), "AJ-2026-800003");
    await waiting(otherCourt, inDays(-1), "AJ-2026-800004");

    expect(await sendDeadlineReminders(db.prisma, NOW)).toEqual({ reminded: 1, overdue: 2 });
    expect(await sendDeadlineReminders(db.prisma, inDays(0.5))).toEqual({
      reminded: 0,
      overdue: 2,
    });

    const notification = await db.prisma.notification.findFirstOrThrow({
      where: { applicationId: soon.id, kind: "DEADLINE_REMINDER" },
    });
    const mail = await mailFor({ prisma: db.prisma, appUrl: "http://app.test" }, notification);
    expect(mail?.subject).toBe(
      "Aide juridictionnelle : rappel, répondez au plus tard le 30 novembre 2026 (AJ-2026-800001)",
    );
    expect(mail?.text).toContain("Répondez au plus tard le 30 novembre 2026, depuis votre espace.");
    const audit = await db.prisma.auditEvent.findFirstOrThrow({
      where: { applicationId: soon.id, action: "deadline.reminded" },
    });
    expect(audit.actorType).toBe("SYSTEM");

    // Answered meanwhile: no mail goes out.
    await db.prisma.application.update({ where: { id: soon.id }, data: { status: "IN_REVIEW" } });
    expect(
      await mailFor({ prisma: db.prisma, appUrl: "http://app.test" }, notification),
    ).toBeNull();
  });

  it("list the overdue ones to the agents of their court only", async () => {
    const agent = await loadAgent(db.prisma, (await createAgent(db.prisma, courtId)).id);
    if (!agent) throw new Error("agent");
    const overdue = await overdueApplications(db.prisma, agent, NOW);
    expect(overdue.map((app) => app.reference)).toEqual(["AJ-2026-800003"]);
  });
});
