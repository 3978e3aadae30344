/**
 * The audit trail: append-only, hash-chained. Each event stores the SHA-256 of its canonical
 * content and of the previous event's hash, so that any edit, deletion or insertion in the middle
 * breaks `verifyAuditChain`. Appends are serialised by a transaction-scoped advisory lock, so that
 * concurrent instances never fork the chain.
 */
import { createHash } from "node:crypto";
import type { Party, Prisma, PrismaClient } from "~/generated/prisma/client";

const AUDIT_CHAIN_LOCK_KEY = 4_242_001;

type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

export type AuditInput = {
  actorType: Party;
  actorId?: string | null;
  /** e.g. "application.submitted" */
  action: string;
  applicationId?: string | null;
  data?: { [key: string]: Json };
  occurredAt?: Date;
};

type HashedFields = {
  occurredAt: Date;
  actorType: Party;
  actorId: string | null;
  action: string;
  applicationId: string | null;
  data: Json;
  previousHash: string | null;
};

/** JSON with object keys sorted at every level: the same value always gives the same text. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== "object") return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
}

export function auditHash(event: HashedFields): string {
  return createHash("sha256")
    .update(canonicalJson({ ...event, occurredAt: event.occurredAt.toISOString() }))
    .digest("hex");
}

/**
 * The chain's head as a transaction left it after its last append. The advisory lock is held until
 * the transaction ends, so no one else can append meanwhile: its next events need neither the lock
 * again nor a read of the last event.
 */
const headAfterAppend = new WeakMap<Prisma.TransactionClient, string>();

/** An event appended, not chained yet: everything but the previous event's hash. */
type PendingEvent = Omit<HashedFields, "previousHash">;

/** The events of an `auditedTransaction`, held until its end, in the order they were appended. */
const heldEvents = new WeakMap<Prisma.TransactionClient, PendingEvent[]>();

/**
 * Appends an event; call it inside the transaction that makes the change it records. Within an
 * `auditedTransaction`, the event is written with the transaction's others when it ends.
 */
export async function appendAuditEvent(
  tx: Prisma.TransactionClient,
  input: AuditInput,
): Promise<void> {
  const event = {
    // Stored with millisecond precision: hash exactly what the database keeps.
    occurredAt: new Date(Math.floor((input.occurredAt ?? new Date()).getTime())),
    actorType: input.actorType,
    actorId: input.actorId ?? null,
    action: input.action,
    applicationId: input.applicationId ?? null,
    data: input.data ?? {},
  };
  const held = heldEvents.get(tx);
  if (held) held.push(event);
  else await writeEvents(tx, [event]);
}

/**
 * A transaction whose audit events are written together, in one statement, when `fn` has
 * finished: the lock is taken and the chain's head read then, one round trip, and the events
 * inserted in a second, whatever their number (the FranceConnect return records two: one round
 * trip less on each login). The lock is held for less time too, from the end of `fn` to
 * the commit. An event appended by `fn` is in the database only once `fn` has returned: `fn` must
 * not read it back.
 */
export function auditedTransaction<T>(
  prisma: PrismaClient,
  fn: (tx: Prisma.TransactionClient) => Promise<T>,
): Promise<T> {
  return prisma.$transaction(async (tx) => {
    const held: PendingEvent[] = [];
    heldEvents.set(tx, held);
    const result = await fn(tx);
    heldEvents.delete(tx);
    if (held.length) await writeEvents(tx, held);
    return result;
  });
}

/** Chains the events after the head, in their order, and inserts them in one statement. */
async function writeEvents(tx: Prisma.TransactionClient, events: PendingEvent[]): Promise<void> {
  let previousHash: string | null | undefined = headAfterAppend.get(tx);
  if (previousHash === undefined) {
    // The lock, then the last event's hash read once the lock is held: one round trip (the
    // function of migration 20261127140000_audit_chain_head).
    const [head] = await tx.$queryRaw<{ hash: string | null }[]>`
      SELECT audit_chain_head(${AUDIT_CHAIN_LOCK_KEY}) AS hash`;
    previousHash = head?.hash ?? null;
  }
  const rows: Prisma.AuditEventCreateManyInput[] = [];
  for (const event of events) {
    const fields: HashedFields = { ...event, previousHash };
    const hash = auditHash(fields);
    rows.push({ ...fields, data: fields.data as Prisma.InputJsonValue, hash });
    previousHash = hash;
  }
  // One multi-row INSERT: PostgreSQL numbers the rows (`sequence`) in the order of its VALUES.
  await tx.auditEvent.createMany({ data: rows });
  // Only a transaction's client (it has no $disconnect): on the root client each statement is its
  // own transaction. Nested transactions (savepoints) are not used: an event appended by one would
  // not be seen here.
  if (!("$disconnect" in tx) && previousHash) headAfterAppend.set(tx, previousHash);
}

export type ChainCheck =
  | { valid: true; count: number; head: { sequence: bigint; hash: string } | null }
  | { valid: false; count: number; brokenAt: bigint; reason: string };

/**
 * Walks the chain in order from `after` (an event already trusted, e.g. a checkpoint's) or from the
 * start, and recomputes every hash and link. `seen` receives the hashes of the sequences it asks
 * for (the checkpoints'), to compare them with what was signed.
 */
export async function walkAuditChain(
  prisma: PrismaClient | Prisma.TransactionClient,
  options: {
    after?: { sequence: bigint; hash: string };
    seen?: Map<bigint, string | null>;
    batchSize?: number;
  } = {},
): Promise<ChainCheck> {
  const batchSize = options.batchSize ?? 500;
  let previousHash: string | null = options.after?.hash ?? null;
  let head: { sequence: bigint; hash: string } | null = options.after ?? null;
  let count = 0;
  let cursor = options.after?.sequence;
  for (;;) {
    const events = await prisma.auditEvent.findMany({
      where: cursor === undefined ? {} : { sequence: { gt: cursor } },
      orderBy: { sequence: "asc" },
      take: batchSize,
    });
    for (const event of events) {
      if (event.previousHash !== previousHash) {
        return {
          valid: false,
          count,
          brokenAt: event.sequence,
          reason:
            "le lien vers l'événement précédent est rompu (événement supprimé, inséré ou déplacé)",
        };
      }
      const expected = auditHash({
        occurredAt: event.occurredAt,
        actorType: event.actorType,
        actorId: event.actorId,
        action: event.action,
        applicationId: event.applicationId,
        data: event.data as Json,
        previousHash: event.previousHash,
      });
      if (expected !== event.hash) {
        return {
          valid: false,
          count,
          brokenAt: event.sequence,
          reason: "le contenu a été modifié",
        };
      }
      if (options.seen?.has(event.sequence)) options.seen.set(event.sequence, event.hash);
      previousHash = event.hash;
      head = { sequence: event.sequence, hash: event.hash };
      count++;
    }
    if (events.length < batchSize) return { valid: true, count, head };
    cursor = events[events.length - 1]?.sequence;
  }
}

/** Walks the whole chain in order and recomputes every hash (see also verifyAuditTrail). */
export function verifyAuditChain(prisma: PrismaClient, batchSize = 500): Promise<ChainCheck> {
  return walkAuditChain(prisma, { batchSize });
}
