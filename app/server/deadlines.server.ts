/**
 * Reply deadlines of the requests for information (docs/decisions/018). Once a day: the citizen is
 * reminded by mail a week before the deadline (once per request), and the applications past their
 * deadline are counted; the présidents see them in « À signer » to record the lapse (caducité).
 */
import type { PrismaClient } from "~/generated/prisma/client";
import type { AgentContext } from "./agent/context.server";
import { appendAuditEvent } from "./audit.server";
import { enqueueNotification } from "./notifications.server";

export const REMINDER_DAYS_BEFORE = 7;
const DAY = 86_400_000;

/** Reminds the citizens whose deadline is within a week; returns how many were reminded. */
export async function sendDeadlineReminders(prisma: PrismaClient, now = new Date()) {
  const due = await prisma.application.findMany({
    where: {
      status: "INFORMATION_REQUESTED",
      replyDeadline: { gt: now, lte: new Date(now.getTime() + REMINDER_DAYS_BEFORE * DAY) },
      remindedAt: null,
    },
    select: { id: true, replyDeadline: true },
  });
  let reminded = 0;
  for (const app of due) {
    const done = await prisma.$transaction(async (tx) => {
      // Compare-and-set: answered meanwhile, or reminded by another instance, is left alone.
      const { count } = await tx.application.updateMany({
        where: { id: app.id, status: "INFORMATION_REQUESTED", remindedAt: null },
        data: { remindedAt: now },
      });
      if (count === 0) return false;
      await enqueueNotification(tx, app.id, "DEADLINE_REMINDER");
      await appendAuditEvent(tx, {
        actorType: "SYSTEM",
        action: "deadline.reminded",
        applicationId: app.id,
        data: { replyDeadline: app.replyDeadline?.toISOString() ?? null },
        occurredAt: now,
      });
      return true;
    });
    if (done) reminded++;
  }
  const overdue = await prisma.application.count({
    where: { status: "INFORMATION_REQUESTED", replyDeadline: { lt: now } },
  });
  return { reminded, overdue };
}

/** The applications of the agent's courts past their reply deadline: lapses to record. */
export function overdueApplications(
  prisma: PrismaClient,
  agent: Pick<AgentContext, "courtIds">,
  now = new Date(),
  take = 50,
) {
  return prisma.application.findMany({
    where: {
      courtId: { in: agent.courtIds },
      status: "INFORMATION_REQUESTED",
      replyDeadline: { lt: now },
    },
    orderBy: [{ replyDeadline: "asc" }, { id: "asc" }],
    take,
    select: {
      id: true,
      reference: true,
      replyDeadline: true,
      version: true,
      citizen: { select: { givenName: true, familyName: true } },
    },
  });
}

export function countOverdue(
  prisma: PrismaClient,
  agent: Pick<AgentContext, "courtIds">,
  now = new Date(),
) {
  return prisma.application.count({
    where: {
      courtId: { in: agent.courtIds },
      status: "INFORMATION_REQUESTED",
      replyDeadline: { lt: now },
    },
  });
}
