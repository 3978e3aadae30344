/**
 * The one way an application's status changes (docs/decisions/013). `applyTransition` takes a named
 * event of the domain state machine and its actor, finds the application within the actor's reach
 * (the citizen's own; an agent's courts), asks the domain whether the event is allowed, then in ONE
 * transaction: a guarded update on `status` AND `version` (a concurrent change makes it match
 * nothing: the caller is told the application changed, nothing is written), the audit event
 * (action = event name), the message and the outbox row. After an `ok`, kick the notification
 * dispatcher.
 */
import {
  type ApplicationEvent,
  checkEvent,
  type EventActor,
  milestonesOf,
} from "~/domain/application/events";
import type { ApplicationStatus } from "~/domain/application/status";
import type {
  Application,
  NotificationKind,
  Prisma,
  PrismaClient,
} from "~/generated/prisma/client";
import type { AgentContext } from "./agent/context.server";
import { agentScope } from "./agent/context.server";
import { appendAuditEvent } from "./audit.server";
import { enqueueNotification } from "./notifications.server";

type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

export type TransitionActor =
  | { kind: "CITIZEN"; citizenId: string }
  | { kind: "AGENT"; agent: AgentContext };

export type TransitionRequest = {
  applicationId: string;
  event: ApplicationEvent;
  actor: TransitionActor;
  /** The version the actor saw (an agent's page). Without it, the version read just before. */
  version?: number;
  /** For events with several targets (a decision grants or rejects). */
  to?: ApplicationStatus;
  /** Fields written with the status, by the same guarded update. */
  data?: Prisma.ApplicationUncheckedUpdateManyInput;
  /** Inside the transaction, once the update won (e.g. the reference of a submission). */
  within?: (
    tx: Prisma.TransactionClient,
    app: Application,
  ) => Promise<Record<string, Json> | undefined>;
  /** A message to the other side, written by the actor. */
  message?: string;
  notify?: NotificationKind;
  audit?: Record<string, Json>;
  now?: Date;
};

export type TransitionFailure = {
  ok: false;
  problem: "NOT_FOUND" | "STALE" | "NOT_ALLOWED";
  message: string;
};
export type TransitionResult =
  | { ok: true; application: Application; from: ApplicationStatus }
  | TransitionFailure;

export const NOT_FOUND = {
  ok: false,
  problem: "NOT_FOUND",
  message: "Demande introuvable.",
} as const satisfies TransitionFailure;

export const STALE = {
  ok: false,
  problem: "STALE",
  message:
    "La demande a changé depuis l'affichage de la page (action d'un collègue ou du demandeur). " +
    "Vérifiez son état actuel ci-dessous puis recommencez si besoin.",
} as const satisfies TransitionFailure;

/** Where an actor may reach an application: anything else is "not found". */
export function reachOf(actor: TransitionActor): Prisma.ApplicationWhereInput {
  return actor.kind === "CITIZEN" ? { citizenId: actor.citizenId } : agentScope(actor.agent);
}

function eventActor(actor: TransitionActor): EventActor {
  return actor.kind === "CITIZEN" ? { kind: "CITIZEN" } : { kind: "AGENT", role: actor.agent.role };
}

export async function applyTransition(
  prisma: PrismaClient,
  request: TransitionRequest,
): Promise<TransitionResult> {
  const app = await prisma.application.findFirst({
    where: { id: request.applicationId, ...reachOf(request.actor) },
  });
  if (!app) return NOT_FOUND;
  const version = request.version ?? app.version;
  if (app.version !== version) return STALE;
  const now = request.now ?? new Date();
  const check = checkEvent(request.event, {
    status: app.status,
    actor: eventActor(request.actor),
    to: request.to,
    replyDeadline: app.replyDeadline,
    now,
  });
  if (!check.ok) return { ok: false, problem: "NOT_ALLOWED", message: check.message };

  const actorId =
    request.actor.kind === "CITIZEN" ? request.actor.citizenId : request.actor.agent.id;
  const saved = await prisma.$transaction(async (tx) => {
    const { count } = await tx.application.updateMany({
      where: { id: app.id, status: app.status, version },
      data: {
        ...request.data,
        ...milestonesOf(request.event, check.to, now),
        status: check.to,
        version: { increment: 1 },
      },
    });
    if (count === 0) return null;
    const updated = await tx.application.findUniqueOrThrow({ where: { id: app.id } });
    const extra = (await request.within?.(tx, updated)) ?? {};
    await appendAuditEvent(tx, {
      actorType: request.actor.kind,
      actorId,
      action: request.event,
      applicationId: app.id,
      data: { from: app.status, to: check.to, ...request.audit, ...extra },
      occurredAt: now,
    });
    if (request.message) {
      await tx.message.create({
        data: {
          applicationId: app.id,
          author: request.actor.kind,
          agentId: request.actor.kind === "AGENT" ? request.actor.agent.id : null,
          body: request.message,
          createdAt: now,
        },
      });
    }
    if (request.notify) await enqueueNotification(tx, app.id, request.notify);
    return request.within ? tx.application.findUniqueOrThrow({ where: { id: app.id } }) : updated;
  });
  return saved ? { ok: true, application: saved, from: app.status } : STALE;
}
