/**
 * What the agents of a bureau d'aide juridictionnelle do to an application: take it, ask the
 * citizen for information, propose a decision, sign it (or decide directly), record a lapse,
 * transfer it to the competent BAJ, write to the citizen, leave a note. Each status change goes
 * through `applyTransition` (state machine, role, guarded update on status and version, audit,
 * message, mail, in one transaction). The agent is read again at each action: a deactivated agent,
 * or an application outside their courts, is "not found". After an `ok`, kick the dispatcher.
 */
import { can } from "~/domain/agent/permissions";
import { STATE_SHARES } from "~/domain/eligibility";
import { firstErrorPerField } from "~/forms/fields";
import {
  agentMessageSchema,
  type Decision,
  decisionSchemaFor,
  defaultReplyDeadline,
  informationRequestSchema,
  noteSchema,
  returnSchema,
  transferSchema,
} from "~/forms/review";
import type { Application, EligibilityOutcome, PrismaClient } from "~/generated/prisma/client";
import { appendAuditEvent } from "../audit.server";
import { enqueueNotification } from "../notifications.server";
import {
  applyTransition,
  NOT_FOUND,
  type TransitionFailure,
  type TransitionRequest,
} from "../transitions.server";
import { type AgentContext, agentName, agentScope, loadAgent } from "./context.server";
import { moveDeposit } from "./statistics-summary.server";

export type ReviewResult =
  | { ok: true; application: Application }
  | TransitionFailure
  | { ok: false; problem: "INVALID"; message: string; errors: Record<string, string> };

export type Target = { agentId: string; applicationId: string; version: number };

function invalidFields(errors: Record<string, string>) {
  return {
    ok: false,
    problem: "INVALID",
    message: "La saisie comporte des erreurs.",
    errors,
  } as const;
}

function invalid(issues: Parameters<typeof firstErrorPerField>[0]) {
  return invalidFields(firstErrorPerField(issues));
}

/**
 * The agent, if active and their role reviews applications: a role without « review » (the national
 * reader) reaches no application, even if `agent_court` links it to a court by mistake.
 */
async function reviewer(prisma: PrismaClient, agentId: string) {
  const agent = await loadAgent(prisma, agentId);
  return agent && can(agent.role, "review") ? agent : null;
}

/** The agent (active, reviewing) and the application within their courts, or null. */
async function reach(prisma: PrismaClient, target: Pick<Target, "agentId" | "applicationId">) {
  const agent = await reviewer(prisma, target.agentId);
  if (!agent) return null;
  const app = await prisma.application.findFirst({
    where: { id: target.applicationId, ...agentScope(agent) },
  });
  return app ? { agent, app } : null;
}

async function transition(
  prisma: PrismaClient,
  target: Target,
  request: Omit<TransitionRequest, "applicationId" | "actor" | "version">,
  agent?: AgentContext,
): Promise<ReviewResult> {
  const actor = agent ?? (await reviewer(prisma, target.agentId));
  if (!actor) return NOT_FOUND;
  return applyTransition(prisma, {
    ...request,
    applicationId: target.applicationId,
    version: target.version,
    actor: { kind: "AGENT", agent: actor },
  });
}

/** « Prendre en charge »: the agent starts reviewing a submitted application, and follows it. */
export function startReview(prisma: PrismaClient, target: Target): Promise<ReviewResult> {
  return transition(prisma, target, {
    event: "startReview",
    data: { assignedAgentId: target.agentId },
  });
}

/** The review resumes without waiting for the citizen's answer (e.g. given by telephone). */
export function resumeReview(prisma: PrismaClient, target: Target): Promise<ReviewResult> {
  return transition(prisma, target, { event: "resumeReview", data: { replyDeadline: null } });
}

/** The agent asks the citizen for a precision, with a reply deadline (one month by default). */
export async function requestInformation(
  prisma: PrismaClient,
  target: Target,
  form: unknown,
): Promise<ReviewResult> {
  const parsed = informationRequestSchema.safeParse(form);
  if (!parsed.success) return invalid(parsed.error.issues);
  const deadline = parsed.data.deadline ?? defaultReplyDeadline();
  return transition(prisma, target, {
    event: "requestInformation",
    data: { replyDeadline: deadline, remindedAt: null },
    message: parsed.data.body,
    notify: "INFORMATION_REQUESTED",
    audit: { replyDeadline: deadline.toISOString() },
  });
}

type ParsedDecision =
  | { ok: false; failure: ReviewResult }
  | { ok: true; agent: AgentContext; app: Application; decision: Decision };

async function parseDecision(
  prisma: PrismaClient,
  target: Target,
  form: unknown,
): Promise<ParsedDecision> {
  const found = await reach(prisma, target);
  if (!found) return { ok: false, failure: NOT_FOUND };
  const parsed = decisionSchemaFor({
    computed: found.app.eligibilityOutcome,
    applicantRole: found.app.applicantRole,
  }).safeParse(form);
  if (!parsed.success) return { ok: false, failure: invalid(parsed.error.issues) };
  return { ok: true, agent: found.agent, app: found.app, decision: parsed.data };
}

/** An instructeur proposes the decision, for the président or vice-président to sign. */
export async function proposeDecision(
  prisma: PrismaClient,
  target: Target,
  form: unknown,
): Promise<ReviewResult> {
  const parsed = await parseDecision(prisma, target, form);
  if (!parsed.ok) return parsed.failure;
  const { outcome, motif, reason } = parsed.decision;
  return transition(
    prisma,
    target,
    {
      event: "proposeDecision",
      data: {
        proposedOutcome: outcome,
        proposedMotif: motif ?? null,
        proposedReason: reason ?? null,
        proposedAt: new Date(),
        proposedById: target.agentId,
      },
      audit: { outcome, motif: motif ?? null, computed: parsed.app.eligibilityOutcome },
    },
    parsed.agent,
  );
}

function decisionFields(
  agent: AgentContext,
  decision: { outcome: EligibilityOutcome; motif: string | null; reason: string | null },
) {
  return {
    decisionOutcome: decision.outcome,
    decisionStateShare: STATE_SHARES[decision.outcome],
    decisionMotif: decision.motif,
    decisionReason: decision.reason,
    decidedAt: new Date(),
    decidedById: agent.id,
    // The signatory as they are now: the letter keeps it whatever becomes of their account.
    decidedByName: agentName(agent),
    decidedByRole: agent.role,
  };
}

/** The président or vice-président signs the proposed decision: it becomes final. */
export async function signDecision(prisma: PrismaClient, target: Target): Promise<ReviewResult> {
  const found = await reach(prisma, target);
  if (!found) return NOT_FOUND;
  const { app, agent } = found;
  const outcome = app.proposedOutcome;
  return transition(
    prisma,
    target,
    {
      event: "signDecision",
      to: outcome === "INELIGIBLE" ? "REJECTED" : "GRANTED",
      data: decisionFields(agent, {
        outcome: outcome ?? "INELIGIBLE",
        motif: app.proposedMotif,
        reason: app.proposedReason,
      }),
      notify: "DECISION",
      audit: { outcome, proposedBy: app.proposedById },
    },
    agent,
  );
}

/** The président or vice-président decides directly, without a proposal. */
export async function decide(
  prisma: PrismaClient,
  target: Target,
  form: unknown,
): Promise<ReviewResult> {
  const parsed = await parseDecision(prisma, target, form);
  if (!parsed.ok) return parsed.failure;
  const { outcome, motif, reason } = parsed.decision;
  return transition(
    prisma,
    target,
    {
      event: "decide",
      to: outcome === "INELIGIBLE" ? "REJECTED" : "GRANTED",
      data: decisionFields(parsed.agent, {
        outcome,
        motif: motif ?? null,
        reason: reason ?? null,
      }),
      notify: "DECISION",
      audit: { outcome, motif: motif ?? null, computed: parsed.app.eligibilityOutcome },
    },
    parsed.agent,
  );
}

/** The président sends a proposal back to instruction, saying what to review. */
export async function returnToReview(
  prisma: PrismaClient,
  target: Target,
  form: unknown,
): Promise<ReviewResult> {
  const parsed = returnSchema.safeParse(form);
  if (!parsed.success) return invalid(parsed.error.issues);
  // The reason goes to the agents' notes: the audit trail holds identifiers, never free text.
  return transition(prisma, target, {
    event: "returnToReview",
    within: async (tx, app) => {
      await tx.agentNote.create({
        data: {
          applicationId: app.id,
          agentId: target.agentId,
          body: `Proposition renvoyée en instruction : ${parsed.data.reason}`,
        },
      });
      return undefined;
    },
  });
}

/** Caducité: the reply deadline passed without an answer (président or vice-président). */
export function recordLapse(prisma: PrismaClient, target: Target): Promise<ReviewResult> {
  return transition(prisma, target, {
    event: "recordLapse",
    data: { lapsedAt: new Date() },
    notify: "LAPSED",
  });
}

/** Incompétence: the application goes to the competent BAJ, which starts from « à traiter ». */
export async function transfer(
  prisma: PrismaClient,
  target: Target,
  form: unknown,
): Promise<ReviewResult> {
  const parsed = transferSchema.safeParse(form);
  if (!parsed.success) return invalid(parsed.error.issues);
  const found = await reach(prisma, target);
  if (!found) return NOT_FOUND;
  const destination = await prisma.court.findUnique({ where: { id: parsed.data.courtId } });
  if (!destination) return invalidFields({ courtId: "Tribunal inconnu." });
  if (destination.id === found.app.courtId) {
    return invalidFields({ courtId: "Choisissez un autre tribunal que celui-ci." });
  }
  return transition(
    prisma,
    target,
    {
      event: "transfer",
      data: { courtId: destination.id, assignedAgentId: null },
      notify: "TRANSFERRED",
      within: async (tx, app) => {
        await tx.agentNote.create({
          data: {
            applicationId: app.id,
            agentId: target.agentId,
            body: `Transmise au ${destination.name} : ${parsed.data.reason}`,
          },
        });
        await moveDeposit(tx, app.submittedAt, found.app.courtId, destination.id);
        return undefined;
      },
      audit: {
        fromCourt: found.app.courtId,
        toCourt: destination.id,
        toCourtName: destination.name,
      },
    },
    found.agent,
  );
}

export type SimpleResult =
  | { ok: true }
  | { ok: false; problem: "NOT_FOUND"; message: string }
  | { ok: false; problem: "INVALID"; message: string; errors: Record<string, string> };

/** The agent writes to the citizen, at any time; the citizen is told by mail. */
export async function sendMessage(
  prisma: PrismaClient,
  target: Pick<Target, "agentId" | "applicationId">,
  form: unknown,
): Promise<SimpleResult> {
  const parsed = agentMessageSchema.safeParse(form);
  if (!parsed.success) return invalid(parsed.error.issues);
  const found = await reach(prisma, target);
  if (!found) return NOT_FOUND;
  await prisma.$transaction(async (tx) => {
    await tx.message.create({
      data: {
        applicationId: found.app.id,
        author: "AGENT",
        agentId: found.agent.id,
        body: parsed.data.body,
      },
    });
    await appendAuditEvent(tx, {
      actorType: "AGENT",
      actorId: found.agent.id,
      action: "message.sent",
      applicationId: found.app.id,
    });
    await enqueueNotification(tx, found.app.id, "MESSAGE");
  });
  return { ok: true };
}

/** A private note between the agents of the BAJ (never shown to the citizen). */
export async function addNote(
  prisma: PrismaClient,
  target: Pick<Target, "agentId" | "applicationId">,
  form: unknown,
): Promise<SimpleResult> {
  const parsed = noteSchema.safeParse(form);
  if (!parsed.success) return invalid(parsed.error.issues);
  const found = await reach(prisma, target);
  if (!found) return NOT_FOUND;
  await prisma.$transaction(async (tx) => {
    await tx.agentNote.create({
      data: { applicationId: found.app.id, agentId: found.agent.id, body: parsed.data.body },
    });
    await appendAuditEvent(tx, {
      actorType: "AGENT",
      actorId: found.agent.id,
      action: "note.added",
      applicationId: found.app.id,
    });
  });
  return { ok: true };
}
