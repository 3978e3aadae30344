/**
 * The président's view of the audit trail: the chain's state (last verification, last signed
 * checkpoint, head), a verification on demand, and the history of one application of their courts
 * with each event's position and hash. Identifiers only (docs/decisions/017).
 */
import type { PrismaClient } from "~/generated/prisma/client";
import { appendAuditEvent } from "../audit.server";
import { verifyAuditTrail } from "../audit-checkpoints.server";
import { lastRun } from "../jobs.server";
import { getAuditKeys, trailSummary } from "../services.server";
import { historyOf } from "./application.server";
import { type AgentContext, agentScope } from "./context.server";

export async function journalState(prisma: PrismaClient) {
  const [verification, checkpoint, head, checkpoints] = await Promise.all([
    lastRun(prisma, "audit.verify"),
    prisma.auditCheckpoint.findFirst({ orderBy: { sequence: "desc" } }),
    prisma.auditEvent.findFirst({
      orderBy: { sequence: "desc" },
      select: { sequence: true, occurredAt: true },
    }),
    prisma.auditCheckpoint.count(),
  ]);
  const keys = await getAuditKeys();
  return {
    verification: verification
      ? {
          at: verification.finishedAt ?? verification.startedAt,
          manual: verification.period.startsWith("manuel"),
          result: verification.result as ReturnType<typeof trailSummary> | { error: string } | null,
        }
      : null,
    checkpoint: checkpoint
      ? {
          sequence: checkpoint.sequence.toString(),
          hash: checkpoint.hash,
          signedAt: checkpoint.signedAt,
          keyId: checkpoint.keyId,
        }
      : null,
    head: head ? { sequence: head.sequence.toString(), at: head.occurredAt } : null,
    checkpoints,
    keyId: keys.keyId,
  };
}

/**
 * The lock of the verification on demand: one row of `job_run`, claimed by inserting it (the first
 * instance wins, as for the periodic jobs) and deleted at the end. A lock left by a crash is stale
 * after an hour.
 */
const MANUAL_LOCK = { name: "audit.verify.manual", period: "en cours" };
const STALE_LOCK_MS = 60 * 60_000;

export type VerifyNow =
  | { busy: false; verified: ReturnType<typeof trailSummary> }
  /** Another président's verification is running: it reads the whole trail, once at a time. */
  | { busy: true };

/**
 * Verifies the whole trail now, records it, and traces who asked; or says another verification on
 * demand is running (anywhere: a national trail takes minutes to read, and every président can ask).
 */
export async function verifyNow(prisma: PrismaClient, agent: AgentContext): Promise<VerifyNow> {
  const started = new Date();
  await prisma.jobRun.deleteMany({
    where: { ...MANUAL_LOCK, startedAt: { lt: new Date(started.getTime() - STALE_LOCK_MS) } },
  });
  const { count } = await prisma.jobRun.createMany({
    data: [{ ...MANUAL_LOCK, startedAt: started }],
    skipDuplicates: true,
  });
  if (count === 0) return { busy: true };
  try {
    const report = await verifyAuditTrail(prisma, await getAuditKeys());
    await prisma.$transaction((tx) =>
      appendAuditEvent(tx, {
        actorType: "AGENT",
        actorId: agent.id,
        action: "audit.verified",
        data: { valid: report.valid, events: report.events },
      }),
    );
    await prisma.jobRun.create({
      data: {
        name: "audit.verify",
        period: `manuel ${started.toISOString()} ${agent.id}`,
        startedAt: started,
        finishedAt: new Date(),
        result: trailSummary(report),
      },
    });
    return { busy: false, verified: trailSummary(report) };
  } finally {
    await prisma.jobRun.deleteMany({ where: { ...MANUAL_LOCK, startedAt: started } });
  }
}

/** The audit events of one application of the agent's courts, found by its reference. */
export async function applicationTrail(
  prisma: PrismaClient,
  agent: AgentContext,
  reference: string,
) {
  const app = await prisma.application.findFirst({
    where: { reference, ...agentScope(agent) },
    select: { id: true, reference: true },
  });
  if (!app) return null;
  const [history, events] = await Promise.all([
    historyOf(prisma, app.id),
    prisma.auditEvent.findMany({
      where: { applicationId: app.id },
      orderBy: { sequence: "asc" },
      select: { sequence: true, hash: true },
    }),
  ]);
  const hashes = new Map(events.map((event) => [event.sequence.toString(), event.hash]));
  const entries = [...history.events, ...history.consultations].sort((a, b) =>
    Number(BigInt(a.id) - BigInt(b.id)),
  );
  return {
    reference: app.reference,
    id: app.id,
    entries: entries.map((entry) => ({ ...entry, hash: hashes.get(entry.id) ?? "" })),
  };
}
