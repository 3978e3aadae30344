/**
 * The queue as CSV (the current tab and filters, the agent's courts only), in the queue's order,
 * streamed: rows are read in batches (`queueRowsInOrder`), one batch ahead of what the client has
 * taken, so that memory stays flat whatever the size and the download starts at once. Each export
 * is audited: who, which filters, how many rows, complete or interrupted (identifiers only).
 */
import { STATUS_LABELS } from "~/domain/application/status";
import { OUTCOME_LABELS } from "~/domain/eligibility";
import { todayInFrance } from "~/domain/french";
import type { QueueQuery } from "~/forms/queue";

import type { PrismaClient } from "~/generated/prisma/client";
import { appendAuditEvent } from "../audit.server";
import { BOM, type Cell, csvLine } from "../csv.server";
import type { AgentContext } from "./context.server";
import { type QueueRow, queueRowsInOrder } from "./queue.server";

/**
 * Rows per chunk written, and the most a range reads at once: the rows held stay a few megabytes
 * (tests/integration/export-memory.test.ts), for a few per cent of speed against 1,000.
 */
export const EXPORT_BATCH = 500;

export const EXPORT_HEADER = [
  "Référence",
  "Statut",
  "Urgente",
  "Déposée le",
  "Nom",
  "Prénoms",
  "Nature",
  "Affaire",
  "Estimation au dépôt",
  "Décision proposée",
  "Réponse attendue avant",
  "Suivie par",
  "Tribunal",
];

function exportLine(row: QueueRow): Cell[] {
  return [
    row.reference,
    STATUS_LABELS[row.status],
    row.urgent ? "oui" : "non",
    row.submittedAt,
    row.familyName.toUpperCase(),
    row.givenName,
    row.caseKind === "PENAL" ? "Pénal" : row.caseKind === "CIVIL" ? "Civil" : null,
    row.caseSubkind,
    row.eligibilityOutcome ? OUTCOME_LABELS[row.eligibilityOutcome] : "Non calculée",
    row.proposedOutcome ? OUTCOME_LABELS[row.proposedOutcome] : null,
    row.status === "INFORMATION_REQUESTED" ? row.replyDeadline : null,
    row.assignedName,
    row.courtCity,
  ];
}

/**
 * The filters as audited: identifiers and codes only. The search itself may be a person's name:
 * only whether it was by reference or by name is kept.
 */
function auditedFilters(query: QueueQuery) {
  const { apres: _cursor, lot: _lot, q, ...filters } = query;
  const kept: Record<string, string> = {};
  for (const [key, value] of Object.entries(filters)) if (value !== undefined) kept[key] = value;
  if (q) kept.recherche = /^AJ-\d{4}-\d{6,}$/i.test(q) ? "référence" : "nom";
  return kept;
}

/** A stream of the CSV bytes; `onEnd` hears how many rows went out. */
export function queueExportStream(
  prisma: PrismaClient,
  agent: AgentContext,
  query: QueueQuery,
  options: { batchSize?: number } = {},
): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const batchSize = options.batchSize ?? EXPORT_BATCH;
  let batches: AsyncGenerator<QueueRow[]> | undefined;
  let ahead: Promise<IteratorResult<QueueRow[]>> | undefined;
  let rows = 0;
  let started = false;
  let finished = false;
  const audit = (complete: boolean) =>
    prisma.$transaction((tx) =>
      appendAuditEvent(tx, {
        actorType: "AGENT",
        actorId: agent.id,
        action: "queue.exported",
        data: { filters: auditedFilters(query), rows, complete },
      }),
    );
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!started) {
        started = true;
        controller.enqueue(encoder.encode(BOM + csvLine(EXPORT_HEADER)));
        return;
      }
      batches ??= queueRowsInOrder(prisma, agent, query, batchSize);
      const batch = await (ahead ?? batches.next());
      // The next batch is read while this one is written: the database and the CSV work at once.
      ahead = batch.done ? undefined : batches.next();
      // Its failure is thrown at the next pull; until then it must not count as unhandled.
      ahead?.catch(() => undefined);
      if (batch.done) {
        finished = true;
        await audit(true);
        controller.close();
        return;
      }
      rows += batch.value.length;
      controller.enqueue(
        encoder.encode(batch.value.map((row) => csvLine(exportLine(row))).join("")),
      );
    },
    async cancel() {
      await ahead?.catch(() => undefined);
      await batches?.return(undefined);
      if (!finished) await audit(false);
    },
  });
}

export function exportFilename(query: QueueQuery, now = new Date()): string {
  const day = todayInFrance(now);
  return `demandes-${query.onglet}-${day}.csv`;
}
