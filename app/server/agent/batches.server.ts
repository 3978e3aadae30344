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
import { log } from "../log.server";
import { type AgentContext, agentScope, loadAgent } from "./context.server";
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
  // Only applications the agent reaches: an id made up in the form, or one of another court or
  // a draft, is not an item (nor a 500). Kept, it would be listed on the batch's page, reference
  // included: another court's application would be confirmed, and named, to whoever has its id.
  const known = new Set(
    (
      await prisma.application.findMany({
        where: { id: { in: unique.map((item) => item.applicationId) }, ...agentScope(agent) },
        select: { id: true },
      })
    ).map(({ id }) => id),
  );
  const items = unique.filter((item) => known.has(item.applicationId));
  if (items.length === 0) return { ok: false, message: "Sélectionnez au moins une demande." };
  const batch = await prisma.$transaction(async (tx) => {
    const created = await tx.batch.create({ data: { kind, agentId: agent.id } });
    await tx.batchItem.createMany({
      data: items.map((item, position) => ({ batchId: created.id, ...item, position })),
    });
    await appendAuditEvent(tx, {
      actorType: "AGENT",
      actorId: agent.id,
      action: "batch.created",
      data: { batchId: created.id, kind, items: items.length },
    });
    return created;
  });
  return { ok: true, batchId: batch.id };
}

/**
 * Takes the batch if nobody holds it (or the holder went silent): compare-and-set on the lease. The
 * lease's own value is the holder's token: a renewal that does not find it has lost the batch.
 */
async function claim(prisma: PrismaClient, batchId: string, now: Date): Promise<Date | null> {
  const until = new Date(now.getTime() + LEASE_MS);
  const { count } = await prisma.batch.updateMany({
    where: {
      id: batchId,
      finishedAt: null,
      OR: [{ leaseUntil: null }, { leaseUntil: { lt: now } }],
    },
    data: { leaseUntil: until },
  });
  return count === 1 ? until : null;
}

/** Extends the lease this run holds; null: another run took the batch over. */
async function renew(prisma: PrismaClient, batchId: string, held: Date): Promise<Date | null> {
  // Strictly later than the lease held, whatever the clock's resolution.
  const until = new Date(Math.max(Date.now() + LEASE_MS, held.getTime() + 1));
  const { count } = await prisma.batch.updateMany({
    where: { id: batchId, leaseUntil: held, finishedAt: null },
    data: { leaseUntil: until },
  });
  return count === 1 ? until : null;
}

/** Why an item was skipped, in words that fit a list of skipped applications. */
function skipReason(result: Extract<ReviewResult, { ok: false }>): string {
  if (result.problem === "STALE") {
    return "elle a changé depuis votre sélection (action d'un collègue ou du demandeur) : ouvrez-la pour voir son état.";
  }
  return result.message.slice(0, 500);
}

const running = new Map<string, Promise<void>>();

/**
 * Works a batch to its end, item after item, unless another run holds it. `afterItem` (the
 * dispatcher's kick) runs after each item that changed something. One item's failure skips that
 * item; a lost lease (this run paused longer than the lease, another took over) stops this run.
 */
export function processBatch(
  prisma: PrismaClient,
  batchId: string,
  options: { afterItem?: () => void } = {},
): Promise<void> {
  const current = running.get(batchId);
  if (current) return current;
  const run = (async () => {
    let lease = await claim(prisma, batchId, new Date());
    if (!lease) return;
    const batch = await prisma.batch.findUniqueOrThrow({ where: { id: batchId } });
    const kind = BATCH_KINDS[batch.kind];
    for (;;) {
      const item = await prisma.batchItem.findFirst({
        where: { batchId, state: "PENDING" },
        orderBy: { position: "asc" },
      });
      if (!item) break;
      let result: ReviewResult;
      try {
        // The agent as the database says now: deactivated or moved, the rest is skipped.
        const agent = await loadAgent(prisma, batch.agentId);
        result =
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
      } catch (error) {
        log().error({ batchId, err: error }, "lot : élément en échec");
        result = {
          ok: false,
          problem: "NOT_FOUND",
          message: "Erreur inattendue : réessayez cette demande seule.",
        };
      }
      await prisma.batchItem.updateMany({
        where: { batchId, applicationId: item.applicationId, state: "PENDING" },
        data: result.ok ? { state: "DONE" } : { state: "SKIPPED", reason: skipReason(result) },
      });
      if (result.ok) options.afterItem?.();
      lease = await renew(prisma, batchId, lease);
      if (!lease) return;
    }
    const counts = await itemCounts(prisma, batchId);
    const held = lease;
    await prisma.$transaction(async (tx) => {
      // Finished once, by the run that holds the lease.
      const { count } = await tx.batch.updateMany({
        where: { id: batchId, leaseUntil: held, finishedAt: null },
        data: { finishedAt: new Date(), leaseUntil: null },
      });
      if (count === 0) return;
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

/**
 * Resumes the batches left unfinished (a crash, a restart): the periodic job. Starts them and
 * returns, so that the other jobs do not wait for a long batch; `wait` waits for them.
 */
export async function resumeBatches(
  prisma: PrismaClient,
  options: { afterItem?: () => void; wait?: boolean } = {},
) {
  const now = new Date();
  const stalled = await prisma.batch.findMany({
    where: { finishedAt: null, OR: [{ leaseUntil: null }, { leaseUntil: { lt: now } }] },
    select: { id: true },
  });
  const runs = stalled.map((batch) =>
    processBatch(prisma, batch.id, options).catch((error) =>
      log().error({ batchId: batch.id, err: error }, "lot interrompu"),
    ),
  );
  if (options.wait) await Promise.all(runs);
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
