/**
 * Batch actions (docs/decisions/019): the président signs several proposed decisions at once, an
 * instructeur takes several applications. A batch is stored (its items with the version the agent
 * saw), then worked through in the background, one item after the other, each through the very
 * transition an agent triggers alone (state machine, role, guarded update, audit, letter, mail). An
 * item that changed meanwhile, or is not allowed any more, is skipped with the reason. The page
 * follows the progress from the database: a reload, or another instance after a crash, resumes it.
 */
import { can, type Permission } from "~/domain/agent/permissions";
import type { QueueQuery } from "~/forms/queue";
import type { BatchKind, PrismaClient } from "~/generated/prisma/client";
import { appendAuditEvent } from "../audit.server";
import { type AgentContext, loadAgent } from "./context.server";
import { queuePage } from "./queue.server";
import { type ReviewResult, signDecision, startReview, type Target } from "./review.server";

/** What each kind of batch does, and the queue's tab it starts from. */
export const BATCH_KINDS = {
  SIGN: {
    permission: "sign",
    tab: "a-signer",
    verb: "Signer",
    done: "signée",
    act: (prisma: PrismaClient, target: Target) => signDecision(prisma, target),
  },
  TAKE: {
    permission: "instruct",
    tab: "a-traiter",
    verb: "Prendre en charge",
    done: "prise en charge",
    act: (prisma: PrismaClient, target: Target) => startReview(prisma, target),
  },
} as const satisfies Record<
  BatchKind,
  {
    permission: Permission;
    tab: QueueQuery["onglet"];
    verb: string;
    done: string;
    act: (prisma: PrismaClient, target: Target) => Promise<ReviewResult>;
  }
>;

/** The most applications one batch takes (a few minutes of work). */
export const MAX_BATCH = 5000;
/** How long an instance holds a batch without news before another may take it over. */
const LEASE_MS = 60_000;

export type Selection = { applicationId: string; version: number }[];

/** Every application of the queue's tab and filters (as the agent sees them), up to MAX_BATCH. */
export async function selectionOf(
  prisma: PrismaClient,
  agent: AgentContext,
  kind: BatchKind,
  query: QueueQuery,
): Promise<Selection> {
  const selection: Selection = [];
  let apres: string | undefined;
  do {
    const page = await queuePage(
      prisma,
      agent,
      { ...query, onglet: BATCH_KINDS[kind].tab, apres },
      1000,
    );
    for (const row of page.rows) selection.push({ applicationId: row.id, version: row.version });
    apres = page.next ?? undefined;
  } while (apres && selection.length < MAX_BATCH);
  return selection.slice(0, MAX_BATCH);
}

export type CreateResult = { ok: true; batchId: string } | { ok: false; message: string };

/** Stores a batch of the agent's selection (in the order given); the caller then starts it. */
export async function createBatch(
  prisma: PrismaClient,
  agent: AgentContext,
  kind: BatchKind,
  selection: Selection,
): Promise<CreateResult> {
  if (!can(agent.role, BATCH_KINDS[kind].permission)) {
    return { ok: false, message: "Votre rôle ne permet pas cette action." };
  }
  const unique = [...new Map(selection.map((item) => [item.applicationId, item])).values()];
  if (unique.length === 0) return { ok: false, message: "Sélectionnez au moins une demande." };
  if (unique.length > MAX_BATCH) {
    return {
      ok: false,
      message: `Un lot compte au plus ${MAX_BATCH} demandes : affinez les filtres.`,
    };
  }
  const batch = await prisma.$transaction(async (tx) => {
    const created = await tx.batch.create({ data: { kind, agentId: agent.id } });
    await tx.batchItem.createMany({
      data: unique.map((item, position) => ({ batchId: created.id, ...item, position })),
    });
    await appendAuditEvent(tx, {
      actorType: "AGENT",
      actorId: agent.id,
      action: "batch.created",
      data: { batchId: created.id, kind, items: unique.length },
    });
    return created;
  });
  return { ok: true, batchId: batch.id };
}

/** Takes the batch if nobody holds it (or the holder went silent): compare-and-set on the lease. */
async function claim(prisma: PrismaClient, batchId: string, now: Date): Promise<boolean> {
  const { count } = await prisma.batch.updateMany({
    where: {
      id: batchId,
      finishedAt: null,
      OR: [{ leaseUntil: null }, { leaseUntil: { lt: now } }],
    },
    data: { leaseUntil: new Date(now.getTime() + LEASE_MS) },
  });
  return count === 1;
}

const running = new Map<string, Promise<void>>();

/**
 * Works a batch to its end, item after item, unless another run holds it. `afterItem` (the
 * dispatcher's kick) runs after each item that changed something.
 */
export function processBatch(
  prisma: PrismaClient,
  batchId: string,
  options: { afterItem?: () => void } = {},
): Promise<void> {
  const current = running.get(batchId);
  if (current) return current;
  const run = (async () => {
    if (!(await claim(prisma, batchId, new Date()))) return;
    const batch = await prisma.batch.findUniqueOrThrow({ where: { id: batchId } });
    const kind = BATCH_KINDS[batch.kind];
    for (;;) {
      const item = await prisma.batchItem.findFirst({
        where: { batchId, state: "PENDING" },
        orderBy: { position: "asc" },
      });
      if (!item) break;
      // The agent as the database says now: deactivated or moved, the rest is skipped.
      const agent = await loadAgent(prisma, batch.agentId);
      const result: ReviewResult =
        agent && can(agent.role, kind.permission)
          ? await kind.act(prisma, {
              agentId: batch.agentId,
              applicationId: item.applicationId,
              version: item.version,
            })
          : {
              ok: false,
              problem: "NOT_FOUND",
              message: "Votre compte ou votre rôle ne le permet plus.",
            };
      await prisma.batchItem.updateMany({
        where: { batchId, applicationId: item.applicationId, state: "PENDING" },
        data: result.ok
          ? { state: "DONE" }
          : { state: "SKIPPED", reason: result.message.slice(0, 500) },
      });
      await prisma.batch.update({
        where: { id: batchId },
        data: { leaseUntil: new Date(Date.now() + LEASE_MS) },
      });
      if (result.ok) options.afterItem?.();
    }
    const counts = await itemCounts(prisma, batchId);
    await prisma.$transaction(async (tx) => {
      await tx.batch.update({
        where: { id: batchId },
        data: { finishedAt: new Date(), leaseUntil: null },
      });
      await appendAuditEvent(tx, {
        actorType: "AGENT",
        actorId: batch.agentId,
        action: "batch.finished",
        data: { batchId, kind: batch.kind, done: counts.DONE, skipped: counts.SKIPPED },
      });
    });
  })().finally(() => running.delete(batchId));
  running.set(batchId, run);
  return run;
}

/** Resumes the batches left unfinished (a crash, a restart): the periodic job. */
export async function resumeBatches(
  prisma: PrismaClient,
  options: { afterItem?: () => void } = {},
) {
  const now = new Date();
  const stalled = await prisma.batch.findMany({
    where: { finishedAt: null, OR: [{ leaseUntil: null }, { leaseUntil: { lt: now } }] },
    select: { id: true },
  });
  await Promise.all(stalled.map((batch) => processBatch(prisma, batch.id, options)));
  return { resumed: stalled.length };
}

async function itemCounts(prisma: PrismaClient, batchId: string) {
  const groups = await prisma.batchItem.groupBy({
    by: ["state"],
    where: { batchId },
    _count: { _all: true },
  });
  const counts = { PENDING: 0, DONE: 0, SKIPPED: 0 };
  for (const group of groups) counts[group.state] = group._count._all;
  return counts;
}

/** A batch as its author sees it: progress, and the skipped items with their reason. */
export async function batchProgress(prisma: PrismaClient, agent: AgentContext, batchId: string) {
  const batch = await prisma.batch.findFirst({ where: { id: batchId, agentId: agent.id } });
  if (!batch) return null;
  const [counts, skipped] = await Promise.all([
    itemCounts(prisma, batchId),
    prisma.batchItem.findMany({
      where: { batchId, state: "SKIPPED" },
      orderBy: { position: "asc" },
      take: 200,
      select: { applicationId: true, reason: true, application: { select: { reference: true } } },
    }),
  ]);
  return {
    id: batch.id,
    kind: batch.kind,
    createdAt: batch.createdAt,
    finished: batch.finishedAt !== null,
    total: counts.PENDING + counts.DONE + counts.SKIPPED,
    ...counts,
    skipped: skipped.map((item) => ({
      applicationId: item.applicationId,
      reference: item.application.reference,
      reason: item.reason ?? "",
    })),
  };
}
