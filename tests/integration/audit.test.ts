import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { appendAuditEvent, verifyAuditChain } from "~/server/audit.server";
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

  it("reads the head again for each event appended outside a transaction", async () => {
    // Not how the service appends (always within the change's transaction), but what the client
    // outside a transaction must not do is keep the head: another transaction appended since.
    const root = db.prisma as unknown as Parameters<typeof appendAuditEvent>[0];
    await appendAuditEvent(root, { actorType: "SYSTEM", action: "test.alone", data: { i: 1 } });
    await db.prisma.$transaction((tx) =>
      appendAuditEvent(tx, { actorType: "SYSTEM", action: "test.between", data: {} }),
    );
    await appendAuditEvent(root, { actorType: "SYSTEM", action: "test.alone", data: { i: 2 } });
    expect(await verifyAuditChain(db.prisma)).toMatchObject({ valid: true, count: 15 });
  });
});
