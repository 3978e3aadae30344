/**
 * What the agents of a bureau d'aide juridictionnelle do to an application: take it for review,
 * ask the citizen for information, decide. Every change goes through the state machine, is guarded
 * by the application's `version` (two agents never overwrite each other), is traced in the audit
 * trail and, when the citizen must know, queues the mail — all in one transaction. An agent only
 * ever reaches the submitted applications of their own court. After an `ok`, kick the notification
 * dispatcher so that the mail goes out at once.
 */
import {
  type ApplicationStatus,
  canTransition,
  refusedTransition,
} from "~/domain/application/status";
import { STATE_SHARES } from "~/domain/eligibility";
import { firstErrorPerField } from "~/forms/fields";
import { decisionSchema, informationRequestSchema } from "~/forms/review";
import type {
  Application,
  NotificationKind,
  Prisma,
  PrismaClient,
} from "~/generated/prisma/client";
import { appendAuditEvent } from "./audit.server";
import { enqueueNotification } from "./notifications.server";

export type ReviewResult =
  | { ok: true; application: Application }
  | { ok: false; problem: "NOT_FOUND" | "STALE" | "NOT_ALLOWED"; message: string }
  | { ok: false; problem: "INVALID"; message: string; errors: Record<string, string> };

type Target = { agentId: string; applicationId: string; version: number };

const NOT_FOUND = { ok: false, problem: "NOT_FOUND", message: "Demande introuvable." } as const;
const STALE = {
  ok: false,
  problem: "STALE",
  message:
    "La demande a changé depuis l'affichage de la page (action d'un collègue ou du demandeur). " +
    "Vérifiez son état puis recommencez.",
} as const;

/** A submitted application of the agent's court, or null (unknown, elsewhere, inactive agent). */
export async function findForAgent(prisma: PrismaClient, agentId: string, applicationId: string) {
  const agent = await prisma.agent.findUnique({ where: { id: agentId } });
  if (!agent?.active) return null;
  return prisma.application.findFirst({
    where: { id: applicationId, courtId: agent.courtId, status: { not: "DRAFT" } },
  });
}

async function transition(
  prisma: PrismaClient,
  target: Target,
  change: {
    to: ApplicationStatus;
    data?: Prisma.ApplicationUncheckedUpdateManyInput;
    message?: string;
    notify?: NotificationKind;
    audit?: Record<string, string | number | null>;
  },
): Promise<ReviewResult> {
  const app = await findForAgent(prisma, target.agentId, target.applicationId);
  if (!app) return NOT_FOUND;
  if (app.version !== target.version) return STALE;
  if (!canTransition(app.status, change.to, "AGENT")) {
    return {
      ok: false,
      problem: "NOT_ALLOWED",
      message: `${refusedTransition(app.status, change.to)}.`,
    };
  }
  const now = new Date();
  const saved = await prisma.$transaction(async (tx) => {
    const { count } = await tx.application.updateMany({
      where: { id: app.id, status: app.status, version: target.version },
      data: { ...change.data, status: change.to, version: { increment: 1 } },
    });
    if (count === 0) return null;
    await appendAuditEvent(tx, {
      actorType: "AGENT",
      actorId: target.agentId,
      action: "application.status_changed",
      applicationId: app.id,
      data: { from: app.status, to: change.to, ...change.audit },
      occurredAt: now,
    });
    if (change.message) {
      await tx.message.create({
        data: {
          applicationId: app.id,
          author: "AGENT",
          agentId: target.agentId,
          body: change.message,
          createdAt: now,
        },
      });
      await appendAuditEvent(tx, {
        actorType: "AGENT",
        actorId: target.agentId,
        action: "message.sent",
        applicationId: app.id,
        occurredAt: now,
      });
    }
    if (change.notify) await enqueueNotification(tx, app.id, change.notify);
    return tx.application.findUniqueOrThrow({ where: { id: app.id } });
  });
  return saved ? { ok: true, application: saved } : STALE;
}

/** The agent starts reviewing a submitted application (or resumes one waiting for the citizen). */
export function startReview(prisma: PrismaClient, target: Target): Promise<ReviewResult> {
  return transition(prisma, target, { to: "IN_REVIEW" });
}

/** The agent asks the citizen for a precision; the citizen is told by mail and answers online. */
export async function requestInformation(
  prisma: PrismaClient,
  target: Target,
  form: unknown,
): Promise<ReviewResult> {
  const parsed = informationRequestSchema.safeParse(form);
  if (!parsed.success) return invalid(parsed.error.issues);
  return transition(prisma, target, {
    to: "INFORMATION_REQUESTED",
    message: parsed.data.body,
    notify: "INFORMATION_REQUESTED",
  });
}

/** The agent decides: aide totale or partielle (GRANTED), or a motivated rejection (REJECTED). */
export async function decide(
  prisma: PrismaClient,
  target: Target,
  form: unknown,
): Promise<ReviewResult> {
  const parsed = decisionSchema.safeParse(form);
  if (!parsed.success) return invalid(parsed.error.issues);
  const { outcome, reason } = parsed.data;
  return transition(prisma, target, {
    to: outcome === "INELIGIBLE" ? "REJECTED" : "GRANTED",
    data: {
      decisionOutcome: outcome,
      decisionStateShare: STATE_SHARES[outcome],
      decisionReason: reason ?? null,
      decidedAt: new Date(),
      decidedById: target.agentId,
    },
    notify: "DECISION",
    audit: { outcome },
  });
}

function invalid(issues: Parameters<typeof firstErrorPerField>[0]): ReviewResult {
  return {
    ok: false,
    problem: "INVALID",
    message: "La saisie comporte des erreurs.",
    errors: firstErrorPerField(issues),
  };
}
