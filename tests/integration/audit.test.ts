import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { appendAuditEvent, auditedTransaction, verifyAuditChain } from "~/server/audit.server";
import type { Database } from "~/server/db/connection.server";
import { createTestDatabase } from "../helpers/database";

let db: Database;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(() => db.close());

async function appendMany(count: number) {
  for (let i = 0; i < count; i++) {
    await db.prisma.$transaction((tx) =>
      appendAuditEvent(tx, {
        actorType: "SYSTEM",
        action: "test.event",
        data: { index: i, nested: { z: 1, a: [i, "x"] } },
      }),
    );
  }
}

describe("audit chain", () => {
  it("links each event to the previous one", async () => {
    await appendMany(5);
    const events = await db.prisma.auditEvent.findMany({ orderBy: { sequence: "asc" } });
    expect(events[0]?.previousHash).toBeNull();
    for (let i = 1; i < events.length; i++) {
      expect(events[i]?.previousHash).toBe(events[i - 1]?.hash);
    }
    expect(await verifyAuditChain(db.prisma, 2)).toMatchObject({ valid: true, count: 5 });
  });

  it("stays linear when events are appended concurrently", async () => {
    await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        db.prisma.$transaction((tx) =>
          appendAuditEvent(tx, { actorType: "SYSTEM", action: "test.concurrent", data: { i } }),
        ),
      ),
    );
    expect(await verifyAuditChain(db.prisma)).toMatchObject({ valid: true, count: 11 });
  });

  it("detects an edited event", async () => {
    const third = await db.prisma.auditEvent.findFirstOrThrow({
      orderBy: { sequence: "asc" },
      skip: 2,
    });
    await db.prisma.auditEvent.update({
      where: { sequence: third.sequence },
      data: { data: { index: 99 } },
    });
    const check = await verifyAuditChain(db.prisma);
    expect(check).toMatchObject({ valid: false, brokenAt: third.sequence, count: 2 });
  });

  it("detects a deleted event", async () => {
    // Start a clean chain, so that only the deletion is left to find.
    await db.prisma.auditEvent.deleteMany({});
    await appendMany(3);
    const events = await db.prisma.auditEvent.findMany({ orderBy: { sequence: "asc" } });
    expect(await verifyAuditChain(db.prisma)).toMatchObject({ valid: true, count: 3 });
    await db.prisma.auditEvent.delete({ where: { sequence: events[1]?.sequence as bigint } });
    const check = await verifyAuditChain(db.prisma);
    expect(check).toMatchObject({ valid: false, count: 1, brokenAt: events[2]?.sequence });
  });

  it("stays linear when transactions of several events run concurrently", async () => {
    await db.prisma.auditEvent.deleteMany({});
    await Promise.all(
      Array.from({ length: 4 }, (_, t) =>
        db.prisma.$transaction(async (tx) => {
          for (let i = 0; i < 3; i++) {
            await appendAuditEvent(tx, {
              actorType: "SYSTEM",
              action: "test.batch",
              data: { t, i },
            });
          }
        }),
      ),
    );
    expect(await verifyAuditChain(db.prisma)).toMatchObject({ valid: true, count: 12 });
    // A transaction's events are consecutive: the lock is held from its first append to its end.
    const events = await db.prisma.auditEvent.findMany({ orderBy: { sequence: "asc" } });
    const runs = events.map((event) => (event.data as { t: number }).t);
    for (let i = 0; i < runs.length; i += 3) {
      expect(new Set(runs.slice(i, i + 3)).size).toBe(1);
    }
  });

  it("writes an audited transaction's events at its end, in their order, after the others'", async () => {
    await db.prisma.auditEvent.deleteMany({});
    await appendMany(1);
    const seenInside = await Promise.all(
      Array.from({ length: 3 }, (_, t) =>
        auditedTransaction(db.prisma, async (tx) => {
          for (let i = 0; i < 3; i++) {
            await appendAuditEvent(tx, {
              actorType: "SYSTEM",
              action: "test.held",
              data: { t, i },
            });
          }
          return tx.auditEvent.count({
            where: { action: "test.held", data: { equals: { t, i: 0 } } },
          });
        }),
      ),
    );
    // Held until the end of the function: not in the database while it runs.
    expect(seenInside).toEqual([0, 0, 0]);
    expect(await verifyAuditChain(db.prisma)).toMatchObject({ valid: true, count: 10 });
    const held = await db.prisma.auditEvent.findMany({
      where: { action: "test.held" },
      orderBy: { sequence: "asc" },
    });
    const order = held.map((event) => event.data as { t: number; i: number });
    for (let start = 0; start < order.length; start += 3) {
      const t = order[start]?.t;
      expect(order.slice(start, start + 3)).toEqual([0, 1, 2].map((i) => ({ t, i })));
    }
    // A transaction that fails writes none of its events.
    await expect(
      auditedTransaction(db.prisma, async (tx) => {
        await appendAuditEvent(tx, { actorType: "SYSTEM", action: "test.rolled_back", data: {} });
        throw new Error("refused");
      }),
    ).rejects.toThrow("refused");
    expect(await db.prisma.auditEvent.count({ where: { action: "test.rolled_back" } })).toBe(0);
    // An audited transaction with no event returns what its function returns, and writes nothing.
    expect(await auditedTransaction(db.prisma, async () => "nothing")).toBe("nothing");
    expect(await verifyAuditChain(db.prisma)).toMatchObject({ valid: true, count: 10 });
  });

  it("reads the head again for each event appended outside a transaction", async () => {
    // Not how the service appends (always within the change's transaction), but what the client
    // outside a transaction must not do is keep the head: another transaction appended since.
    const root = db.prisma as unknown as Parameters<typeof appendAuditEvent>[0];
    await appendAuditEvent(root, { actorType: "SYSTEM", action: "test.alone", data: { i: 1 } });
    await db.prisma.$transaction((tx) =>
      appendAuditEvent(tx, { actorType: "SYSTEM", action: "test.between", data: {} }),
    );
    await appendAuditEvent(root, { actorType: "SYSTEM", action: "test.alone", data: { i: 2 } });
    expect(await verifyAuditChain(db.prisma)).toMatchObject({ valid: true, count: 13 });
  });
});
