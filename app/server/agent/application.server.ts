/**
 * One application as an agent of its BAJ sees it: identity certified by FranceConnect, the DGFiP
 * record with its provenance, what the citizen declared, the computed eligibility, messages, private
 * notes and the history in plain French. Each consultation is traced (these are tax data).
 */
import { EVENTS } from "~/domain/application/events";
import type { PrismaClient } from "~/generated/prisma/client";
import { appendAuditEvent } from "../audit.server";
import { decisionLetterWhere } from "../decision-letter.server";
import { type AgentContext, agentScope } from "./context.server";

/** The application with everything its page shows, or null (unknown or outside the agent's courts). */
export async function openApplication(
  prisma: PrismaClient,
  agent: AgentContext,
  applicationId: string,
) {
  const app = await prisma.application.findFirst({
    where: { id: applicationId, ...agentScope(agent) },
    include: {
      citizen: true,
      court: true,
      taxRecord: true,
      certifiedRecords: { include: { record: true } },
      assignedAgent: { select: { givenName: true, usualName: true } },
      proposedBy: { select: { givenName: true, usualName: true } },
      messages: {
        orderBy: { createdAt: "asc" },
        include: { agent: { select: { givenName: true, usualName: true } } },
      },
      notes: {
        orderBy: { createdAt: "asc" },
        include: { agent: { select: { givenName: true, usualName: true } } },
      },
    },
  });
  if (!app) return null;
  await prisma.$transaction((tx) =>
    appendAuditEvent(tx, {
      actorType: "AGENT",
      actorId: agent.id,
      action: "application.viewed",
      applicationId: app.id,
    }),
  );
  return app;
}

export type OpenedApplication = NonNullable<Awaited<ReturnType<typeof openApplication>>>;

const OTHER_ACTIONS: Record<string, string> = {
  "application.created": "Brouillon créé par le demandeur",
  "message.sent": "Message envoyé",
  "note.added": "Note interne ajoutée",
  "application.viewed": "Consultée",
  "decision.downloaded": "Décision téléchargée",
  "decision.read": "Décision lue en ligne",
  "citizen.logged_in": "Connexion avec FranceConnect",
  "tax_record.fetched": "Données fiscales reçues de la DGFiP",
  "tax_record.fetch_failed": "Données fiscales indisponibles",
  "certified_record.fetched": "Données certifiées reçues (France Travail ou autre fournisseur)",
  "certified_record.fetch_failed": "Données certifiées indisponibles",
  "deadline.reminded": "Rappel de la date limite de réponse",
  "retention.anonymised": "Demande anonymisée (durée de conservation atteinte)",
  "retention.draft_deleted": "Brouillon supprimé (durée de conservation atteinte)",
};

/** An audit action in plain French (its code when it has no label yet). */
export function actionLabel(action: string): string {
  return action in EVENTS
    ? EVENTS[action as keyof typeof EVENTS].label
    : (OTHER_ACTIONS[action] ?? action);
}

export type HistoryEntry = {
  /** The audit event's position in the chain. */
  id: string;
  at: Date;
  label: string;
  who: string;
  detail: string | null;
};

const VIEWED = "application.viewed";

/**
 * The application's audit events in plain French, with who acted. Consultations apart, the latest
 * first: `latestConsultations` of them (an application viewed every day for months has thousands;
 * its page shows the last few), or all of them (the journal).
 */
export async function historyOf(
  prisma: PrismaClient,
  applicationId: string,
  latestConsultations?: number,
): Promise<{ events: HistoryEntry[]; consultations: HistoryEntry[] }> {
  const [events, views] = await Promise.all([
    prisma.auditEvent.findMany({
      where: { applicationId, action: { not: VIEWED } },
      orderBy: { sequence: "asc" },
    }),
    prisma.auditEvent.findMany({
      where: { applicationId, action: VIEWED },
      orderBy: [{ occurredAt: "desc" }, { sequence: "desc" }],
      take: latestConsultations,
      select: { sequence: true, occurredAt: true, actorType: true, actorId: true, action: true },
    }),
  ]);
  const agentIds = [
    ...new Set(
      [...events, ...views]
        .filter((e) => e.actorType === "AGENT" && e.actorId)
        .map((e) => e.actorId),
    ),
  ] as string[];
  const agents = new Map(
    (
      await prisma.agent.findMany({
        where: { id: { in: agentIds } },
        select: { id: true, givenName: true, usualName: true },
      })
    ).map((a) => [a.id, `${a.givenName} ${a.usualName}`]),
  );
  const whoActed = (event: { actorType: string; actorId: string | null }) =>
    event.actorType === "CITIZEN"
      ? "le demandeur"
      : event.actorType === "AGENT"
        ? (agents.get(event.actorId ?? "") ?? "un agent")
        : "le service";
  return {
    events: events.map((event): HistoryEntry => {
      const data = (event.data ?? {}) as Record<string, unknown>;
      const detail =
        event.action === "transfer" && typeof data.toCourtName === "string"
          ? `vers le ${data.toCourtName} (motif dans les notes internes)`
          : event.action === "returnToReview"
            ? "motif dans les notes internes"
            : typeof data.reference === "string"
              ? `référence ${data.reference}`
              : null;
      return {
        id: String(event.sequence),
        at: event.occurredAt,
        label: actionLabel(event.action),
        who: whoActed(event),
        detail,
      };
    }),
    consultations: views.map((view) => ({
      id: String(view.sequence),
      at: view.occurredAt,
      label: actionLabel(view.action),
      who: whoActed(view),
      detail: null,
    })),
  };
}

/**
 * The decision letter of an application of the agent's courts (null otherwise), traced: downloaded
 * as a PDF or read as a web page.
 */
export async function agentDecisionLetter(
  prisma: PrismaClient,
  agent: AgentContext,
  applicationId: string,
  action: "decision.downloaded" | "decision.read" = "decision.downloaded",
) {
  const letter = await decisionLetterWhere(prisma, { id: applicationId, ...agentScope(agent) });
  if (!letter) return null;
  await prisma.$transaction((tx) =>
    appendAuditEvent(tx, { actorType: "AGENT", actorId: agent.id, action, applicationId }),
  );
  return letter;
}
